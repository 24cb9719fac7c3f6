//! What every page shares: the frame, and text rendered with its annotations.

use maud::{html, Markup, PreEscaped, Render, DOCTYPE};

use crate::i18n::Lang;
use crate::model::{Document, Span};

/// The inline style sheet (no network, printable).
const STYLE: &str = include_str!("style.css");

/// A full page in `lang`: `root` is the relative path back to the report's top (`""` or `"../"`).
pub fn frame(lang: Lang, title: &str, root: &str, body: Markup) -> Markup {
    frame_with_script(lang, title, root, body, PreEscaped(""))
}

/// A full page with a script of our own in its head (empty: none).
pub fn frame_with_script(lang: Lang, title: &str, root: &str, body: Markup, script: PreEscaped<&str>) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.html()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · zhengce" }
                style { (PreEscaped(STYLE)) }
                @if !script.0.is_empty() { script { (script) } }
            }
            body {
                header.top {
                    a href={ (root) "index.html" } { "zhengce 政策" }
                    span.sub { (lang.labels().tagline) }
                }
                main { (body) }
            }
        }
    }
}

/// An annotation over a span of the original text.
#[derive(Clone, Debug)]
pub struct Mark {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: MarkKind,
}

/// The kinds of annotation.
#[derive(Clone, Debug)]
pub enum MarkKind {
    /// A citation: a link where it resolves, a tooltip saying what it is.
    Citation { href: Option<String>, tip: String },
    /// A structured constraint.
    Constraint { tip: String },
    /// A finding of `zhengce check`, styled by its severity (`error`, `warning`, `info`).
    Finding { severity: &'static str, tip: String },
}

/// The text of `span` with the marks that fall inside it; line ends become `<br>`.
pub fn marked_text(doc: &Document, span: Span, marks: &[Mark]) -> Markup {
    let mut pieces: Vec<(Span, Option<&Mark>)> = Vec::new();
    let mut cursor = span.start;
    for mark in marks.iter().filter(|m| m.span.start >= span.start && m.span.end <= span.end) {
        if mark.span.start < cursor {
            continue;
        }
        if mark.span.start > cursor {
            pieces.push((Span::new(cursor, mark.span.start), None));
        }
        pieces.push((mark.span, Some(mark)));
        cursor = mark.span.end;
    }
    if cursor < span.end {
        pieces.push((Span::new(cursor, span.end), None));
    }
    html! {
        @for (piece, mark) in pieces {
            @match mark.map(|m| &m.kind) {
                None => (lines(doc.slice(piece))),
                Some(MarkKind::Citation { href: Some(href), tip }) => a.cite href=(href) title=(tip) { (lines(doc.slice(piece))) },
                Some(MarkKind::Citation { href: None, tip }) => a.cite.external title=(tip) { (lines(doc.slice(piece))) },
                Some(MarkKind::Constraint { tip }) => mark.constraint title=(tip) { (lines(doc.slice(piece))) },
                Some(MarkKind::Finding { severity, tip }) => mark class={ "finding " (severity) } title=(tip) { (lines(doc.slice(piece))) },
            }
        }
    }
}

/// Text with its line ends as `<br>` and other spaces kept.
pub fn lines(text: &str) -> Lines<'_> {
    Lines(text)
}

/// Text rendered by [`lines`].
pub struct Lines<'t>(&'t str);

impl Render for Lines<'_> {
    fn render_to(&self, buffer: &mut String) {
        let parts = self.0.split(['\n', '\r']).filter(|p| !p.trim().is_empty());
        for (i, part) in parts.enumerate() {
            if i > 0 {
                buffer.push_str("<br>");
            }
            Text(part.trim()).render_to(buffer);
        }
    }
}

/// Text escaped for HTML as maud escapes it (`&`, `<`, `>` and `"`), copied a run at a time
/// between the characters to escape, which are found with `memchr`: unit texts are long and
/// rarely hold any of the four.
pub struct Text<'t>(pub &'t str);

impl Render for Text<'_> {
    fn render_to(&self, buffer: &mut String) {
        let (text, bytes) = (self.0, self.0.as_bytes());
        let find_quote = |from: usize| memchr::memchr(b'"', &bytes[from..]).map(|i| from + i);
        let find_other = |from: usize| memchr::memchr3(b'&', b'<', b'>', &bytes[from..]).map(|i| from + i);
        let (mut quote, mut other) = (find_quote(0), find_other(0));
        let mut copied = 0;
        while let Some(at) = quote.into_iter().chain(other).min() {
            buffer.push_str(&text[copied..at]);
            buffer.push_str(match bytes[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                _ => "&quot;",
            });
            copied = at + 1;
            if quote == Some(at) {
                quote = find_quote(copied);
            } else {
                other = find_other(copied);
            }
        }
        buffer.push_str(&text[copied..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_as_maud_escapes_it() {
        for text in ["", "联盟", "<a href=\"x\">&amp;</a>", "第一条 A&B<C>D\"E\"", "&", "《办法》>"] {
            assert_eq!(html! { (Text(text)) }.into_string(), html! { (text) }.into_string(), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_escaped_as_maud_escapes_it(text in "[a&<>\"'联盟 \n]{0,40}") {
            proptest::prop_assert_eq!(html! { (Text(&text)) }.into_string(), html! { (text) }.into_string());
        }
    }

    #[test]
    fn lines_become_br_and_blank_lines_vanish() {
        assert_eq!(html! { (lines("  第一条\n\n 联盟 & 企业\r\n")) }.into_string(), "第一条<br>联盟 &amp; 企业");
    }
}
