//! Physical lines and what each one starts with.

use super::grammar::{self, Date, DocNumber, Label};
use crate::model::Span;
use crate::text::{is_cjk, is_sentence_punct, is_space, visible_len_in};

/// One physical line of the text.
#[derive(Clone, Debug)]
pub struct Line {
    /// The line without its line end.
    pub span: Span,
    /// Where the content starts: after leading spaces and Markdown `#` marks.
    pub content: Span,
    /// Depth of a Markdown heading (`##` = 2), when the line is one.
    pub md_depth: Option<usize>,
    /// What the line is.
    pub class: Class,
}

/// The class of a line, before context is taken into account.
#[derive(Clone, Debug, PartialEq)]
pub enum Class {
    /// Nothing but spaces.
    Blank,
    /// Starts with a structural label; `label` is the label text, `rest` what follows it.
    Labelled { label: Label, label_span: Span, rest: Span },
    /// Only a date.
    Date(Date),
    /// Only a document number, perhaps in brackets.
    Number(DocNumber),
    /// `<!-- INFO END -->`.
    InfoEnd,
    /// Anything else.
    Text,
}

/// Splits `text` into lines at `\n`, `\r\n` and `\r`, and classifies each.
pub fn split(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    // Line ends are found with SIMD: lines run to a hundred bytes and more.
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if i < start {
            // The `\n` of a `\r\n`, already taken.
            continue;
        }
        lines.push(line(text, Span::new(start, i)));
        start = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') { i + 2 } else { i + 1 };
    }
    if start < bytes.len() {
        lines.push(line(text, Span::new(start, bytes.len())));
    }
    lines
}

fn line(text: &str, span: Span) -> Line {
    let raw = &text[span.start..span.end];
    let after_space = span.start + crate::text::leading_space_len(raw);
    let mut content_start = after_space;
    let mut md_depth = None;
    if let Ok((rest, depth)) = grammar::markdown_heading(&text[after_space..span.end]) {
        // `## ` with nothing after it is not a heading; its marks stay content.
        if !rest.trim_matches(is_space).is_empty() {
            md_depth = Some(depth);
            content_start = span.end - rest.len();
        }
    }
    let content_end = span.start + raw.trim_end_matches(is_space).len();
    let content = Span::new(content_start, content_end.max(content_start));
    let class = classify(text, content);
    Line { span, content, md_depth, class }
}

fn classify(text: &str, content: Span) -> Class {
    let s = &text[content.start..content.end];
    if s.is_empty() {
        return Class::Blank;
    }
    if grammar::info_end(s).is_ok() {
        return Class::InfoEnd;
    }
    if let Ok((_, date)) = grammar::date_line(s) {
        return Class::Date(date);
    }
    if let Ok((_, number)) = grammar::number_line(s) {
        return Class::Number(number);
    }
    if let Ok((rest, label)) = grammar::label(s) {
        let label_end = content.end - rest.len();
        let label_text = &text[content.start..label_end];
        let label_span = Span::new(content.start, content.start + label_text.trim_end_matches(is_space).len());
        let rest_start = label_end + crate::text::leading_space_len(rest);
        return Class::Labelled { label, label_span, rest: Span::new(rest_start, content.end) };
    }
    Class::Text
}

impl Line {
    /// The content text (no leading spaces, no `#` marks, no trailing spaces).
    pub fn text<'a>(&self, doc: &'a str) -> &'a str {
        &doc[self.content.start..self.content.end]
    }

    /// True for blank lines.
    pub fn is_blank(&self) -> bool {
        self.class == Class::Blank
    }
}

/// A heading-like text: short, with Chinese in it and no sentence punctuation.
pub fn is_heading_like(text: &str) -> bool {
    visible_len_in(text, 1..=25) && text.chars().any(is_cjk) && !text.chars().any(is_sentence_punct)
}

/// True when the text announces what follows (ends with a colon).
pub fn ends_with_colon(text: &str) -> bool {
    text.trim_end_matches(is_space).ends_with(['：', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_lf_crlf_and_cr() {
        let text = "甲\r\n乙\r丙\n\n丁";
        let spans: Vec<&str> = split(text).iter().map(|l| &text[l.span.start..l.span.end]).collect();
        assert_eq!(spans, ["甲", "乙", "丙", "", "丁"]);
        let ends: Vec<&str> = split("甲\r\n\r\n").iter().map(|l| &"甲\r\n\r\n"[l.span.start..l.span.end]).collect();
        assert_eq!(ends, ["甲", ""]);
    }
}
