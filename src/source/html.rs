//! Web pages: the decoded HTML stays the document's text, and the parser reads a *view* of it.
//!
//! Offsets must point into the page as published, yet the line-based parser must never see a tag.
//! So the page is read twice, once for bytes and once for structure:
//!
//! - A scanner cuts the source into text and markup (tags, comments, doctypes, the contents of
//!   `script`, `style`, `title`, `noscript` and the like, and spacing references such as `&nbsp;`).
//!   The *view* is the text a reader sees: the text runs joined, a line end where a block element
//!   (`p`, `div`, `br`, `li`, `tr`, `h1`…) opens or closes after some text, a space for a spacing
//!   reference and between table cells, line ends inside text turned to spaces (except in `pre`).
//!   The parser reads the view, so `2<span>.</span>不断优化` is the sub-item `2.` it looks like, and
//!   an [`OffsetMap`] takes every span it makes back to the page. The markup is boilerplate: of
//!   kind `inline_markup` when it sits inside a line of text (the text on both sides runs on), of
//!   kind `markup` when it breaks lines or cells.
//! - html5ever (through scraper) builds the DOM, in which the main text is found by its structure
//!   alone: each block of text scores by its length and its Chinese punctuation, credited to its
//!   own element, its parent and (half) its grandparent, scaled down by the share of link text. The
//!   best element is the main text; every line outside it is web-page boilerplate (navigation,
//!   share bars, related links, footers), and so is any list of links inside it. The DOM element
//!   is matched with its start tag in the source by name and order: the n-th `div` of the tree is
//!   the n-th `<div` of the source, as the containers chosen here are never made up or moved by
//!   the tree builder.
//!
//! The page's charset comes from a byte-order mark or its `<meta>` tags (GBK pages are common), and
//! its `<meta name=…>` pairs and `<title>` are handed on for [`crate::parse`] to read.

use std::path::Path;

use ego_tree::NodeId;
use rustc_hash::FxHashMap as HashMap;
use scraper::{ElementRef, Html, Node};

use crate::error::Result;
use crate::model::{Boilerplate, Encoding, NoiseKind, Span};
use crate::text::is_space;

/// A decoded web page, ready for the parser.
#[derive(Clone, Debug)]
pub struct Page {
    /// The decoded HTML, as published.
    pub text: String,
    /// What it was decoded from.
    pub encoding: Encoding,
    /// The text a reader sees, as the parser reads it (see the module documentation).
    pub view: String,
    /// Where each byte of the view comes from in `text`.
    pub map: OffsetMap,
    /// The markup, as boilerplate of kind `markup` or `inline_markup`, in text order.
    pub markup: Vec<Boilerplate>,
    /// Where the view is not the page's main text: its lines there are web-page boilerplate.
    pub outside: Vec<Span>,
    /// `<meta name=… content=…>` pairs in page order, and `("title", …)` for `<title>`.
    pub meta: Vec<(String, String)>,
}

impl Page {
    /// The page's boilerplate regions in the view: outside the main text, line by line.
    pub fn regions(&self) -> Vec<Boilerplate> {
        self.outside.iter().map(|&span| Boilerplate { span, kind: NoiseKind::WebPage }).collect()
    }
}

/// One run of the view and where it comes from: text copied byte for byte, or one byte standing
/// for a piece of markup (a line end for a block tag, a space for `&nbsp;` or a cell boundary).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    view: usize,
    source: Span,
    copied: bool,
}

impl Run {
    fn view_end(&self) -> usize {
        self.view + if self.copied { self.source.len() } else { 1 }
    }
}

/// Maps offsets of a page's view to offsets of the page and back.
#[derive(Clone, Debug, Default)]
pub struct OffsetMap {
    runs: Vec<Run>,
    view_len: usize,
    source_len: usize,
}

impl OffsetMap {
    /// The run holding view byte `at`.
    fn run_at(&self, at: usize) -> Option<&Run> {
        let i = self.runs.partition_point(|r| r.view_end() <= at);
        self.runs.get(i)
    }

    /// The page offset where a span starting at view offset `start` starts.
    pub fn start(&self, start: usize) -> usize {
        match self.run_at(start) {
            Some(run) if run.copied => run.source.start + (start - run.view),
            Some(run) => run.source.start,
            None => self.source_len,
        }
    }

    /// The page offset where a span ending at view offset `end` ends.
    pub fn end(&self, end: usize) -> usize {
        match end.checked_sub(1).and_then(|last| self.run_at(last)) {
            Some(run) if run.copied => run.source.start + (end - run.view),
            Some(run) => run.source.end,
            None => 0,
        }
    }

    /// A view span as a page span; an empty one stays empty.
    pub fn span(&self, span: Span) -> Span {
        let start = self.start(span.start);
        if span.is_empty() {
            return Span::new(start, start);
        }
        Span::new(start, self.end(span.end).max(start))
    }

    /// The view offset of page offset `at`: inside copied text the same character, else the next
    /// byte of the view.
    pub fn to_view(&self, at: usize) -> usize {
        let i = self.runs.partition_point(|r| r.source.end <= at);
        match self.runs.get(i) {
            Some(run) if run.copied && run.source.start <= at => run.view + (at - run.source.start),
            Some(run) => run.view,
            None => self.view_len,
        }
    }
}

/// True when `bytes` look like HTML rather than plain text: they open with a tag or a comment, and
/// hold a doctype, an `<html>`, `<head>` or `<body>` tag, or (a fragment) a closed paragraph,
/// division or line break.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    // Most texts are not pages: their first visible byte is not `<`.
    let first = bytes.iter().position(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'));
    let bom = bytes.starts_with(b"\xef\xbb\xbf");
    if !bom && first.is_none_or(|at| bytes[at] != b'<') {
        return false;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head).trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']).to_lowercase();
    let opens_with_markup = text.starts_with("<!")
        || text.strip_prefix('<').is_some_and(|t| t.starts_with(|c: char| c.is_ascii_alphabetic()));
    opens_with_markup
        && ["<html", "<head", "<body", "<!doctype html", "</p>", "</div>", "<br"].iter().any(|p| text.contains(p))
}

/// Decodes and analyses the page read from `path`.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Page> {
    let (text, encoding) = decode(path, bytes)?;
    Ok(analyse(text, encoding))
}

/// Analyses already decoded HTML (for `batch`, whose input lines hold the text itself).
pub fn analyse(text: String, encoding: Encoding) -> Page {
    let tokens = scan(&text);
    let markup = markup_spans(&text, &tokens);
    let dom = Html::parse_document(&text);
    let meta = meta_pairs(&dom);
    let outside = outside_main(&text, &tokens, &dom);
    // The main text starts and ends a line, even where it is a table cell beside a menu.
    let mut breaks: Vec<usize> = outside.iter().flat_map(|s| [s.start, s.end]).collect();
    breaks.sort_unstable();
    let (view, map) = view(&text, &tokens, &breaks);
    let outside = outside
        .into_iter()
        .map(|s| Span::new(map.to_view(s.start), map.to_view(s.end)))
        .filter(|s| !s.is_empty())
        .collect();
    Page { text, encoding, view, map, markup, outside, meta }
}

/// Decodes the page by its byte-order mark, else by the charset its `<meta>` tags declare, else as
/// any text is decoded. Bytes that are valid UTF-8 are UTF-8 whatever the page declares: a page
/// saved again as UTF-8 keeps its old `charset=gb2312`, and GBK text is almost never valid UTF-8.
/// A declared charset the bytes do not fit gives way to detection.
fn decode(path: &Path, bytes: &[u8]) -> Result<(String, Encoding)> {
    let has_bom =
        bytes.starts_with(b"\xef\xbb\xbf") || bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff");
    if !has_bom && simdutf8::basic::from_utf8(bytes).is_err() {
        if let Some(declared) = declared_charset(bytes) {
            let (coder, encoding) = match declared.name() {
                "GBK" | "gb18030" => (encoding_rs::GB18030, Encoding::Gb18030),
                "Big5" => (encoding_rs::BIG5, Encoding::Big5),
                _ => (encoding_rs::UTF_8, Encoding::Utf8),
            };
            if let Some(text) = coder.decode_without_bom_handling_and_without_replacement(bytes) {
                return Ok((text.into_owned(), encoding));
            }
        }
    }
    let decoded = super::decode(path, bytes)?;
    Ok((decoded.text, decoded.encoding))
}

/// The charset of `<meta charset=…>` or `<meta http-equiv=… content="…; charset=…">` in the first
/// kilobytes, as the HTML standard's prescan looks for it.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    head.match_indices("<meta").find_map(|(at, _)| {
        let tag = &head[at..head[at..].find('>').map_or(head.len(), |end| at + end)];
        let value = tag.split("charset=").nth(1)?;
        let label: String = value
            .trim_start_matches(['"', '\'', ' '])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
            .collect();
        encoding_rs::Encoding::for_label(label.as_bytes())
    })
}

/// A piece of the page source.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    /// Text a reader sees (character references other than spaces included).
    Text(Span),
    /// A start or end tag.
    Tag { span: Span, name: String, end: bool },
    /// A comment, doctype, processing instruction or raw-text element body.
    Markup(Span),
    /// A character reference a reader sees as a space (`&nbsp;`).
    Space(Span),
}

impl Token {
    fn span(&self) -> Span {
        match self {
            Token::Text(span) | Token::Markup(span) | Token::Space(span) | Token::Tag { span, .. } => *span,
        }
    }
}

/// Elements whose content is not HTML and not shown as text.
const RAW_TEXT: [&str; 8] = ["script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noscript"];

/// Cuts the source into text, tags and other markup, as the HTML tokenizer does at the lexical
/// level (tags with quoted attribute values, comments, raw-text elements, character references).
fn scan(html: &str) -> Vec<Token> {
    let bytes = html.as_bytes();
    let mut tokens = Vec::new();
    let mut at = 0;
    let mut text_start = 0;
    while let Some(found) = memchr::memchr2(b'<', b'&', &bytes[at..]) {
        let start = at + found;
        let markup = if bytes[start] == b'&' { spacing_reference(bytes, start) } else { markup_at(html, start) };
        let Some((end, token)) = markup else {
            at = start + 1;
            continue;
        };
        if start > text_start {
            tokens.push(Token::Text(Span::new(text_start, start)));
        }
        let raw_end = match &token {
            Token::Tag { name, end: false, .. } if RAW_TEXT.contains(&name.as_str()) => raw_text_end(html, end, name),
            _ => end,
        };
        tokens.push(token);
        if raw_end > end {
            tokens.push(Token::Markup(Span::new(end, raw_end)));
        }
        at = raw_end;
        text_start = raw_end;
    }
    if text_start < bytes.len() {
        tokens.push(Token::Text(Span::new(text_start, bytes.len())));
    }
    tokens
}

/// The markup starting with the `<` at `start`, and where it ends; `None` when the `<` is text.
fn markup_at(html: &str, start: usize) -> Option<(usize, Token)> {
    let bytes = html.as_bytes();
    let rest = &bytes[start..];
    if rest.starts_with(b"<!--") {
        let end = memchr::memmem::find(&rest[4..], b"-->").map_or(bytes.len(), |e| start + 4 + e + 3);
        return Some((end, Token::Markup(Span::new(start, end))));
    }
    if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
        let end = memchr::memchr(b'>', rest).map_or(bytes.len(), |e| start + e + 1);
        return Some((end, Token::Markup(Span::new(start, end))));
    }
    let end_tag = rest.get(1) == Some(&b'/');
    let name_start = start + 1 + usize::from(end_tag);
    if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name_end = name_start
        + bytes[name_start..].iter().position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>')).unwrap_or(0);
    let name_end = if name_end == name_start { bytes.len() } else { name_end };
    let end = tag_end(bytes, name_end);
    let name = html[name_start..name_end].to_ascii_lowercase();
    Some((end, Token::Tag { span: Span::new(start, end), name, end: end_tag }))
}

/// One past the `>` that closes a tag whose attributes start at `from`; quoted attribute values
/// may hold `>`.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    let mut after_equals = false;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return i + 1,
            b'=' => after_equals = true,
            quote @ (b'"' | b'\'') if after_equals => {
                i = memchr::memchr(quote, &bytes[i + 1..]).map_or(bytes.len(), |e| i + 1 + e);
                after_equals = false;
            }
            b if b.is_ascii_whitespace() => {}
            _ => after_equals = false,
        }
        i += 1;
    }
    bytes.len()
}

/// Where the body of a raw-text element opened at `from` ends: at its end tag, else at the end.
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let closing = format!("</{name}");
    let haystack = &html.as_bytes()[from..];
    memchr::memmem::find_iter(haystack, b"</")
        .find(|&at| {
            haystack[at..].len() >= closing.len()
                && haystack[at..at + closing.len()].eq_ignore_ascii_case(closing.as_bytes())
        })
        .map_or(html.len(), |at| from + at)
}

/// A character reference that a reader sees as a space (`&nbsp;`, `&#12288;`…): markup, as it
/// carries no text. Other references stay text.
fn spacing_reference(bytes: &[u8], start: usize) -> Option<(usize, Token)> {
    let end = start + 1 + bytes[start + 1..].iter().take(10).position(|b| *b == b';')?;
    let body = std::str::from_utf8(&bytes[start + 1..end]).ok()?;
    let code = match body.strip_prefix('#') {
        Some(hex) if hex.starts_with(['x', 'X']) => u32::from_str_radix(&hex[1..], 16).ok()?,
        Some(decimal) => decimal.parse().ok()?,
        None => match body {
            "nbsp" | "NonBreakingSpace" => 0xa0,
            "ensp" => 0x2002,
            "emsp" => 0x2003,
            "thinsp" => 0x2009,
            _ => return None,
        },
    };
    let is_spacing = char::from_u32(code).is_some_and(is_space);
    is_spacing.then(|| (end + 1, Token::Space(Span::new(start, end + 1))))
}

/// Elements that end the line before them where they open and where they close.
const BLOCK: [&str; 48] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "option",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

fn is_block(name: &str) -> bool {
    BLOCK.contains(&name)
}

/// Table cells: a space between them, a cell boundary in the markup's kind.
fn is_cell(name: &str) -> bool {
    matches!(name, "td" | "th")
}

/// The view and its map (see the module documentation); a line also ends at each of `breaks`
/// (source offsets, in order).
fn view(html: &str, tokens: &[Token], breaks: &[usize]) -> (String, OffsetMap) {
    let mut view = String::with_capacity(html.len() / 2);
    let mut runs = Vec::new();
    let mut in_pre = 0usize;
    // Text since the last line end: a block boundary ends a line only after text, so that
    // `</p><p>` makes one line end, not a blank line; `<br>` always ends one.
    let mut open_line = false;
    let stand_in = |view: &mut String, runs: &mut Vec<Run>, c: char, source: Span| {
        runs.push(Run { view: view.len(), source, copied: false });
        view.push(c);
    };
    let mut next_break = breaks.iter().copied().peekable();
    for token in tokens {
        while let Some(at) = next_break.next_if(|&at| at <= token.span().start) {
            if open_line {
                stand_in(&mut view, &mut runs, '\n', Span::new(at, at));
                open_line = false;
            }
        }
        match token {
            Token::Text(span) => {
                let text = &html[span.start..span.end];
                open_line |= !text.chars().all(is_space);
                runs.push(Run { view: view.len(), source: *span, copied: true });
                if in_pre == 0 && text.contains(['\n', '\r']) {
                    view.extend(text.chars().map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c }));
                } else {
                    view.push_str(text);
                }
            }
            Token::Space(span) => stand_in(&mut view, &mut runs, ' ', *span),
            Token::Markup(_) => {}
            Token::Tag { span, name, end } => {
                if name == "br" || (open_line && is_block(name)) {
                    stand_in(&mut view, &mut runs, '\n', *span);
                    open_line = false;
                } else if open_line && is_cell(name) && !end {
                    stand_in(&mut view, &mut runs, ' ', *span);
                }
                if name == "pre" {
                    in_pre = if *end { in_pre.saturating_sub(1) } else { in_pre + 1 };
                }
            }
        }
    }
    let map = OffsetMap { runs, view_len: view.len(), source_len: html.len() };
    (view, map)
}

/// The markup as boilerplate: runs of tags and other markup, with the spaces between them, joined;
/// a run that breaks lines or cells is `markup`, one inside a line `inline_markup`.
fn markup_spans(html: &str, tokens: &[Token]) -> Vec<Boilerplate> {
    let mut spans: Vec<Boilerplate> = Vec::new();
    let mut pending_space: Option<Span> = None;
    for token in tokens {
        let (span, breaks) = match token {
            Token::Text(span) if html[span.start..span.end].chars().all(is_space) => {
                pending_space = Some(*span);
                continue;
            }
            Token::Text(_) => {
                pending_space = None;
                continue;
            }
            Token::Markup(span) | Token::Space(span) => (*span, false),
            Token::Tag { span, name, .. } => (*span, name == "br" || is_block(name) || is_cell(name)),
        };
        let kind = if breaks { NoiseKind::Markup } else { NoiseKind::InlineMarkup };
        match spans.last_mut() {
            Some(last) if last.span.end == span.start || pending_space.is_some_and(|s| s.start == last.span.end) => {
                last.span.end = span.end;
                if breaks {
                    last.kind = NoiseKind::Markup;
                }
            }
            _ => spans.push(Boilerplate { span, kind }),
        }
        pending_space = None;
    }
    spans
}

/// `<meta name=… content=…>` pairs and the `<title>`.
fn meta_pairs(dom: &Html) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for node in dom.tree.root().descendants() {
        let Some(element) = ElementRef::wrap(node) else {
            continue;
        };
        let el = element.value();
        match el.name() {
            "meta" => {
                if let (Some(name), Some(content)) = (el.attr("name"), el.attr("content")) {
                    pairs.push((name.trim().to_string(), content.trim().to_string()));
                }
            }
            "title" if pairs.iter().all(|(n, _)| n != "title") => {
                pairs.push(("title".to_string(), element.text().collect::<String>().trim().to_string()));
            }
            _ => {}
        }
    }
    pairs
}

/// Elements that hold no text a reader sees.
const HIDDEN: [&str; 11] =
    ["script", "style", "noscript", "template", "head", "select", "textarea", "button", "iframe", "svg", "object"];

fn is_hidden(name: &str) -> bool {
    HIDDEN.contains(&name)
}

/// Elements inside a line of text.
const INLINE: [&str; 33] = [
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "del", "dfn", "em", "font", "i", "img", "ins", "kbd",
    "label", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var",
    "wbr", "o:p",
];

fn is_inline(name: &str) -> bool {
    INLINE.contains(&name)
}

/// Containers the main text can be: the tree builder never makes these up or moves them, so the
/// n-th of them in the tree is the n-th in the source.
const CONTAINERS: [&str; 12] =
    ["body", "div", "td", "article", "section", "main", "table", "ul", "ol", "dl", "center", "form"];

fn is_container(name: &str) -> bool {
    CONTAINERS.contains(&name)
}

/// Text measures of an element's subtree.
#[derive(Clone, Copy, Debug, Default)]
struct Measure {
    /// Visible characters.
    chars: usize,
    /// Of which inside links.
    link_chars: usize,
    /// Content score credited by the text blocks below.
    score: f64,
}

/// Chinese (and Western) clause punctuation: a sign of running text rather than navigation.
fn is_clause_punct(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '、' | '：' | '？' | '！' | ',' | ';')
}

/// Scores every element of the DOM; see the module documentation.
fn measure(dom: &Html) -> HashMap<NodeId, Measure> {
    let mut measures: HashMap<NodeId, Measure> = HashMap::default();
    // Own text of each block: visible characters, link characters, clause punctuation.
    let mut blocks: HashMap<NodeId, (usize, usize, usize)> = HashMap::default();
    for node in dom.tree.root().descendants() {
        let Node::Text(text) = node.value() else {
            continue;
        };
        let mut block = None;
        let mut in_link = false;
        let mut hidden = false;
        for ancestor in node.ancestors() {
            let Some(el) = ancestor.value().as_element() else {
                continue;
            };
            hidden |= is_hidden(el.name());
            in_link |= el.name() == "a";
            if block.is_none() && !is_inline(el.name()) {
                block = Some(ancestor);
            }
        }
        let Some(block) = block.filter(|_| !hidden) else {
            continue;
        };
        let chars = text.chars().filter(|c| !is_space(*c)).count();
        let punct = text.chars().filter(|c| is_clause_punct(*c)).count();
        let entry = blocks.entry(block.id()).or_default();
        entry.0 += chars;
        entry.1 += if in_link { chars } else { 0 };
        entry.2 += punct;
        for ancestor in block.ancestors().chain(std::iter::once(block)) {
            let m = measures.entry(ancestor.id()).or_default();
            m.chars += chars;
            m.link_chars += if in_link { chars } else { 0 };
        }
    }
    for (&id, &(chars, link_chars, punct)) in &blocks {
        if chars.saturating_sub(link_chars) < 10 {
            continue;
        }
        let score = 1.0 + punct as f64 + (chars as f64 / 50.0).min(3.0);
        let Some(node) = dom.tree.get(id) else {
            continue;
        };
        let credited = std::iter::once(node).chain(node.ancestors()).filter(|n| n.value().is_element()).take(3);
        for (depth, element) in credited.enumerate() {
            let share = if depth == 2 { 0.5 } else { 1.0 };
            measures.entry(element.id()).or_default().score += score * share;
        }
    }
    measures
}

/// Fewest characters outside links that a page's main text has.
const MIN_MAIN_CHARS: usize = 50;

/// The element holding the main text: the best-scoring container, its score scaled down by its
/// share of link text; ties go to the deeper element.
fn main_element(dom: &Html, measures: &HashMap<NodeId, Measure>) -> Option<NodeId> {
    let mut best: Option<(f64, NodeId)> = None;
    for node in dom.tree.root().descendants() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let Some(m) = measures.get(&node.id()) else {
            continue;
        };
        // Running text is mostly not links, and longer than a menu.
        let own_chars = m.chars - m.link_chars;
        if !is_container(el.name()) || own_chars < MIN_MAIN_CHARS || m.link_chars * 2 > m.chars {
            continue;
        }
        let link_density = m.link_chars as f64 / m.chars as f64;
        let score = m.score * (1.0 - link_density);
        if score > 0.0 && best.is_none_or(|(b, _)| score >= b) {
            best = Some((score, node.id()));
        }
    }
    best.map(|(_, id)| id)
}

/// Lists of links inside the main text (related articles, share bars): elements of at least three
/// links whose text is nearly all link text.
fn link_lists(dom: &Html, measures: &HashMap<NodeId, Measure>, main: NodeId) -> Vec<NodeId> {
    let Some(main) = dom.tree.get(main) else {
        return Vec::new();
    };
    let mut lists = Vec::new();
    let mut skip_below: Option<NodeId> = None;
    for node in main.descendants().skip(1) {
        if skip_below.is_some_and(|list| node.ancestors().any(|a| a.id() == list)) {
            continue;
        }
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let Some(m) = measures.get(&node.id()) else {
            continue;
        };
        let links = node.descendants().filter(|d| d.value().as_element().is_some_and(|e| e.name() == "a")).count();
        if is_container(el.name()) && links >= 3 && m.link_chars * 10 >= m.chars * 9 {
            lists.push(node.id());
            skip_below = Some(node.id());
        }
    }
    lists
}

/// The n-th element of each name in the tree, for every element.
fn element_ordinals(dom: &Html) -> HashMap<NodeId, (String, usize)> {
    let mut counts: HashMap<String, usize> = HashMap::default();
    let mut ordinals = HashMap::default();
    for node in dom.tree.root().descendants() {
        if let Some(el) = node.value().as_element() {
            let name = el.name().to_string();
            let n = counts.entry(name.clone()).or_default();
            ordinals.insert(node.id(), (name, *n));
            *n += 1;
        }
    }
    ordinals
}

/// The source span of the n-th element named `name`: from its start tag to the end of its end tag
/// (elements of the same name nest), or to the end of the page when it is never closed.
fn source_span(html: &str, tokens: &[Token], name: &str, n: usize) -> Option<Span> {
    let opening = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| matches!(t, Token::Tag { name: tag, end: false, .. } if tag == name))
        .nth(n)?
        .0;
    let mut depth = 0usize;
    for token in &tokens[opening..] {
        if let Token::Tag { name: tag, end, span } = token {
            if tag == name {
                if *end {
                    depth -= 1;
                    if depth == 0 {
                        return Some(Span::new(tokens[opening].span().start, span.end));
                    }
                } else {
                    depth += 1;
                }
            }
        }
    }
    Some(Span::new(tokens[opening].span().start, html.len()))
}

/// The parts of the page that are not its main text: everything around the main element and the
/// lists of links inside it. The whole page when no element holds running text.
fn outside_main(html: &str, tokens: &[Token], dom: &Html) -> Vec<Span> {
    let measures = measure(dom);
    let Some(main) = main_element(dom, &measures) else {
        return vec![Span::new(0, html.len())];
    };
    let ordinals = element_ordinals(dom);
    let span_of = |id: NodeId| ordinals.get(&id).and_then(|(name, n)| source_span(html, tokens, name, *n));
    let Some(main_span) = span_of(main) else {
        return Vec::new();
    };
    let mut holes: Vec<Span> = link_lists(dom, &measures, main).into_iter().filter_map(span_of).collect();
    holes.sort_unstable();
    let mut outside = vec![Span::new(0, main_span.start)];
    outside.extend(holes.into_iter().filter(|h| main_span.contains(*h)));
    outside.push(Span::new(main_span.end, html.len()));
    outside.retain(|s| !s.is_empty());
    outside
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(html: &str) -> Page {
        analyse(html.to_string(), Encoding::Utf8)
    }

    /// The view alone, as if the whole page were the main text.
    fn analyse_without_main(html: &str) -> Page {
        let tokens = scan(html);
        let (view, map) = view(html, &tokens, &[]);
        Page {
            text: html.into(),
            encoding: Encoding::Utf8,
            view,
            map,
            markup: markup_spans(html, &tokens),
            outside: Vec::new(),
            meta: Vec::new(),
        }
    }

    #[test]
    fn the_view_is_the_text_a_reader_sees_and_maps_back() {
        let html = "<p>第一条&nbsp;<span>为了</span>规范</p><p>2<span>.</span>不断</p><table><tr><td>城市</td><td>1309元</td></tr></table>";
        let p = analyse_without_main(html);
        assert_eq!(p.view, "第一条 为了规范\n2.不断\n城市 1309元\n");
        let at = p.view.find("为了").unwrap();
        let span = p.map.span(Span::new(at, at + "为了规范".len()));
        assert_eq!(&html[span.start..span.end], "为了</span>规范");
        let label = p.map.span(Span::new(p.view.find('2').unwrap(), p.view.find('.').unwrap() + 1));
        assert_eq!(&html[label.start..label.end], "2<span>.");
        assert_eq!(p.map.to_view(html.find("1309").unwrap()), p.view.find("1309").unwrap());
    }

    #[test]
    fn the_main_text_starts_a_line_even_in_a_cell_beside_a_menu() {
        let body = "<p>为了规范管理，制定本办法。本办法适用于全市，由市政府负责实施。</p>".repeat(3);
        let html = format!("<table><tr><td><a>首页</a> <a>政务公开</a></td><td>第一条 {body}</td></tr></table>");
        let p = page(&html);
        let first = p.view.lines().find(|l| l.contains("第一条")).unwrap();
        assert!(first.starts_with("第一条"), "{first}");
        assert_eq!(p.outside[0], Span::new(0, p.view.find("第一条").unwrap()));
    }

    #[test]
    fn markup_inside_a_line_is_inline() {
        let p = page("<p>为了<b>规范</b></p><p>管理</p>");
        let kinds: Vec<NoiseKind> = p.markup.iter().map(|b| b.kind).collect();
        assert_eq!(kinds, [NoiseKind::Markup, NoiseKind::InlineMarkup, NoiseKind::Markup, NoiseKind::Markup]);
    }

    #[test]
    fn scripts_styles_and_comments_are_markup() {
        let html = "<html><head><style>p{x:1}</style><script>if (a<b) {}</script></head><body><!-- c --><p>正文</p></body></html>";
        let p = page(html);
        let markup_bytes: usize = p.markup.iter().map(|b| b.span.len()).sum();
        assert_eq!(markup_bytes + "正文".len(), html.len());
        assert_eq!(p.view, "正文\n");
    }

    #[test]
    fn quoted_attribute_values_may_hold_angle_brackets() {
        let p = page("<p title=\"a>b\">正文</p>");
        assert_eq!(p.view, "正文\n");
    }

    #[test]
    fn the_main_text_is_found_by_density_not_by_name() {
        let body = "<p>为了规范管理，制定本办法。本办法适用于全市，由市政府负责实施。</p>".repeat(5);
        let html = format!(
            "<html><body><div><ul><li><a>首页</a></li><li><a>政务公开</a></li><li><a>互动交流</a></li></ul></div>\
             <div class=x>{body}</div><div>版权所有：某某网站</div></body></html>"
        );
        let p = page(&html);
        let before = p.view.find("为了").unwrap();
        let after = p.view.find("版权").unwrap();
        assert_eq!(p.outside, [Span::new(0, before), Span::new(after, p.view.len())]);
    }

    #[test]
    fn html_is_told_from_text_by_its_opening_markup() {
        assert!(looks_like_html(b"<!DOCTYPE html><html><body></body></html>"));
        assert!(looks_like_html("<p>第一条 总则</p>\n<p>第二条</p>".as_bytes()));
        assert!(!looks_like_html("第一条 <p>为</p>".as_bytes()));
        assert!(!looks_like_html("# 标题\n<!-- INFO END -->".as_bytes()));
    }

    #[test]
    fn valid_utf8_is_utf8_whatever_the_page_declares() {
        let html = "<html><head><meta charset=\"gb2312\"></head><body><p>第一条 总则</p></body></html>";
        let p = read(Path::new("t.html"), html.as_bytes()).unwrap();
        assert_eq!((p.encoding, p.text.as_str()), (Encoding::Utf8, html));
    }

    #[test]
    fn a_plain_page_is_its_body() {
        let p = page("<html><body><p>为了规范管理，根据有关规定，结合本市实际，制定本办法。</p><p>本办法适用于本市行政区域内的有关活动，由市有关部门负责组织实施。</p></body></html>");
        assert_eq!(p.outside, []);
    }

    #[test]
    fn the_charset_comes_from_the_meta_tag() {
        let html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>第一条 总则</p></body></html>";
        let (bytes, _, _) = encoding_rs::GB18030.encode(html);
        let p = read(Path::new("t.html"), &bytes).unwrap();
        assert_eq!(p.encoding, Encoding::Gb18030);
        assert_eq!(p.text, html);
    }

    #[test]
    fn meta_tags_and_the_title_are_read() {
        let p = page(
            "<html><head><title>标题-网站</title><meta name=\"ArticleTitle\" content=\" 关于X的通知 \"></head></html>",
        );
        assert_eq!(
            p.meta,
            [("title".to_string(), "标题-网站".to_string()), ("ArticleTitle".into(), "关于X的通知".into())]
        );
    }
}
