//! What every page shares: the frame, and text rendered with its annotations.

use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::model::{Document, Span};

/// The inline style sheet (no network, printable).
const STYLE: &str = include_str!("style.css");

/// A full page: `root` is the relative path back to the report's top (`""` or `"../"`).
pub fn frame(title: &str, root: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · zhengce" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header.top {
                    a href={ (root) "index.html" } { "zhengce 政策" }
                    span.sub { "national policy → local measures" }
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
            }
        }
    }
}

/// Text with its line ends as `<br>` and other spaces kept.
pub fn lines(text: &str) -> Markup {
    let parts: Vec<&str> = text.split(['\n', '\r']).filter(|p| !p.trim().is_empty()).collect();
    html! {
        @for (i, part) in parts.iter().enumerate() {
            @if i > 0 { br; }
            (part.trim())
        }
    }
}
