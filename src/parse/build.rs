//! One pass over the classified lines that builds the structure tree.
//!
//! Containers rank from attachment down to article; list items (（一）, 1., (1), ①) nest by the
//! order in which their styles appear, so a document may put 1. above or below （一）.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::front::{is_addressee_line, is_bracketed_history, is_title_like, title_is_complete};
use super::grammar::Label;
use super::lines::{ends_with_colon, is_heading_like, Class, Line};
use crate::lexicon;
use crate::model::{Boilerplate, FrontKind, NoiseKind, NumberingIssue, Segment, Span, Unit, UnitId, UnitKind};
use crate::text::{is_sentence_punct, strip_spaces, visible_len_over};

/// What [`build`] returns.
pub struct Built {
    /// Top-level units.
    pub units: Vec<Unit>,
    /// Boilerplate spans in text order.
    pub boilerplate: Vec<Boilerplate>,
    /// Unexpected numbering.
    pub numbering_issues: Vec<NumberingIssue>,
    /// The document title as written (parts joined).
    pub title: Option<String>,
}

/// List styles, in the order they may nest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ListStyle {
    Item,
    SubItem,
    ThirdParen,
    ThirdCircled,
}

impl ListStyle {
    /// The ID segment and unit kind of item `n` in this style.
    fn unit(self, n: u32) -> (Segment, UnitKind) {
        match self {
            ListStyle::Item => (Segment::Item(n), UnitKind::Item),
            ListStyle::SubItem => (Segment::SubItem(n), UnitKind::SubItem),
            ListStyle::ThirdParen | ListStyle::ThirdCircled => (Segment::ThirdItem(n), UnitKind::ThirdItem),
        }
    }
}

/// An open unit.
struct Frame {
    unit: Unit,
    rank: u8,
    style: Option<ListStyle>,
    /// Own paragraphs (for an article, the body of its first line counts).
    paragraphs: Vec<Span>,
    /// True for headings, chapters and attachments: their paragraphs are always numbered.
    numbers_paragraphs: bool,
    /// For list items: true while the item may still take unnumbered paragraphs.
    open: bool,
    /// For attachments: a structural unit has been seen, so text is no longer preamble.
    has_structure: bool,
}

const RANK_ATTACHMENT: u8 = 0;
const RANK_PART: u8 = 1;
const RANK_CHAPTER: u8 = 2;
const RANK_SECTION: u8 = 3;
const RANK_HEADING: u8 = 4;
const RANK_ARTICLE: u8 = 5;
const RANK_LIST: u8 = 6;
const RANK_LEAF: u8 = 7;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Markdown header before `<!-- INFO END -->`.
    MarkdownHeader,
    /// Title, number, addressees.
    Front,
    /// Everything else.
    Body,
}

struct Builder<'a> {
    text: &'a str,
    lines: &'a [Line],
    noise: Vec<Option<NoiseKind>>,
    stack: Vec<Frame>,
    roots: Vec<Unit>,
    used: HashSet<UnitId>,
    heading_counts: HashMap<UnitId, u32>,
    last_numbers: HashMap<(UnitId, &'static str), u32>,
    issues: Vec<NumberingIssue>,
    title: Option<String>,
    root_has_structure: bool,
    /// An attachment label was just read; its title may follow.
    expect_attachment_title: bool,
    phase: Phase,
    /// Inside text an article quotes after announcing it (`内容如下：`): structural labels that do
    /// not continue the article sequence are the quoted text's, not the document's.
    quoting: bool,
}

/// Builds the tree from classified lines and their noise marks.
pub fn build(text: &str, lines: &[Line], noise: &[Option<NoiseKind>], markdown: bool) -> Built {
    let has_info_end = lines.iter().any(|l| l.class == Class::InfoEnd);
    let mut b = Builder {
        text,
        lines,
        noise: noise.to_vec(),
        stack: Vec::new(),
        roots: Vec::new(),
        used: HashSet::default(),
        heading_counts: HashMap::default(),
        last_numbers: HashMap::default(),
        issues: Vec::new(),
        title: None,
        root_has_structure: false,
        expect_attachment_title: false,
        phase: if markdown && has_info_end { Phase::MarkdownHeader } else { Phase::Front },
        quoting: false,
    };
    let mut i = 0;
    while i < lines.len() {
        i = b.line(i);
    }
    b.close_to(0);
    let boilerplate = lines
        .iter()
        .zip(&b.noise)
        .filter_map(|(line, kind)| {
            kind.map(|kind| Boilerplate { span: Span::new(line.span.start + lead(line, text), line.content.end), kind })
        })
        .collect();
    Built { units: b.roots, boilerplate, numbering_issues: b.issues, title: b.title }
}

/// Byte length of a line's leading spaces.
fn lead(line: &Line, text: &str) -> usize {
    crate::text::leading_space_len(&text[line.span.start..line.span.end])
}

impl<'a> Builder<'a> {
    /// Handles line `i` (and any lines it consumes); returns the next line to look at.
    fn line(&mut self, i: usize) -> usize {
        let line = &self.lines[i];
        if line.class == Class::InfoEnd && self.phase == Phase::MarkdownHeader {
            self.phase = Phase::Body;
        }
        if line.is_blank() || self.noise[i].is_some() {
            return i + 1;
        }
        match self.phase {
            Phase::MarkdownHeader => self.markdown_header(i),
            Phase::Front => self.front(i),
            Phase::Body => self.body(i),
        }
    }

    fn start(&self, i: usize) -> usize {
        self.lines[i].span.start + lead(&self.lines[i], self.text)
    }

    /// The whole visible line as a span.
    fn line_span(&self, i: usize) -> Span {
        Span::new(self.start(i), self.lines[i].content.end)
    }

    fn next_content_line(&self, i: usize) -> Option<usize> {
        (i + 1..self.lines.len()).find(|&j| !self.lines[j].is_blank() && self.noise[j].is_none())
    }

    fn markdown_header(&mut self, i: usize) -> usize {
        if self.lines[i].md_depth == Some(1) {
            return self.title(i, false);
        }
        self.leaf(FrontKind::Meta, self.line_span(i));
        i + 1
    }

    fn front(&mut self, i: usize) -> usize {
        let line = &self.lines[i];
        match &line.class {
            Class::Number(_) => {
                self.leaf(FrontKind::Number, self.line_span(i));
                return i + 1;
            }
            Class::Date(_) => {
                self.leaf(FrontKind::Date, self.line_span(i));
                return i + 1;
            }
            _ => {}
        }
        let content = line.text(self.text);
        if let Some(title) = &self.title {
            if strip_spaces(content) == strip_spaces(title) {
                self.noise[i] = Some(NoiseKind::RepeatedTitle);
                return i + 1;
            }
            if !self.has_front(FrontKind::Addressees) && is_addressee_line(line, self.text) {
                self.leaf(FrontKind::Addressees, self.line_span(i));
                return i + 1;
            }
            if is_bracketed_history(line, self.text) {
                self.leaf(FrontKind::Meta, self.line_span(i));
                return i + 1;
            }
        } else if line.md_depth == Some(1)
            || (is_title_like(line, self.text) && (title_is_complete(content) || !self.is_bare_heading(i)))
        {
            return self.title(i, true);
        }
        self.phase = Phase::Body;
        self.body(i)
    }

    /// A title line, joined with the next short line when it does not end in a document type.
    fn title(&mut self, i: usize, may_continue: bool) -> usize {
        let mut end = i;
        let mut joined = self.lines[i].text(self.text).to_string();
        if may_continue && !title_is_complete(&joined) {
            if let Some(j) = self.next_content_line(i) {
                let next = &self.lines[j];
                if is_title_like(next, self.text) && !visible_len_over(next.text(self.text), 40) {
                    joined.push_str(next.text(self.text));
                    end = j;
                }
            }
        }
        // Markdown may stack several H1 lines (code title, then book title): one title unit.
        if self.lines[i].md_depth == Some(1) {
            while let Some(j) = self.next_content_line(end) {
                if self.lines[j].md_depth != Some(1) {
                    break;
                }
                end = j;
            }
        }
        let span = Span::new(self.start(i), self.lines[end].content.end);
        if self.scope_is_root() && self.title.is_none() {
            self.title = Some(joined);
        }
        self.leaf(FrontKind::Title, span);
        end + 1
    }

    fn has_front(&self, kind: FrontKind) -> bool {
        self.roots.iter().any(|u| u.kind == UnitKind::Front(kind))
    }

    fn scope_is_root(&self) -> bool {
        !self.stack.iter().any(|f| f.unit.kind == UnitKind::Attachment)
    }

    /// A short unlabelled line that introduces numbered structure: 總則, 聯盟的構建, 附  则.
    fn is_bare_heading(&self, i: usize) -> bool {
        let line = &self.lines[i];
        if line.class != Class::Text {
            return false;
        }
        if line.md_depth.is_some() {
            return true;
        }
        if !is_heading_like(line.text(self.text)) {
            return false;
        }
        let Some(j) = self.next_content_line(i) else {
            return false;
        };
        matches!(
            self.lines[j].class,
            Class::Labelled {
                label: Label::Part(_) | Label::Chapter(_) | Label::Section(_) | Label::Article(..) | Label::Heading(_),
                ..
            }
        ) || self.lines[j].md_depth.is_some()
    }

    fn body(&mut self, i: usize) -> usize {
        let line = self.lines[i].clone();
        if self.expect_attachment_title {
            self.expect_attachment_title = false;
            if is_title_like(&line, self.text) && !self.is_bare_heading(i) {
                return self.title(i, true);
            }
        }
        match line.class {
            Class::Labelled { label, label_span, rest } => self.labelled(i, label, label_span, rest),
            Class::Date(_) => {
                self.close_to_scope();
                self.leaf(FrontKind::Date, self.line_span(i));
            }
            Class::Number(_) => self.paragraph(i),
            Class::Text if self.is_bare_heading(i) => self.bare_heading(i),
            Class::Text if self.is_issuer_line(i) => {
                self.close_to_scope();
                self.leaf(FrontKind::Issuer, self.line_span(i));
            }
            Class::Text => self.paragraph(i),
            Class::Blank | Class::InfoEnd => {}
        }
        i + 1
    }

    /// A short line naming an issuing body right before a date line.
    fn is_issuer_line(&self, i: usize) -> bool {
        let content = strip_spaces(self.lines[i].text(self.text));
        let next_is_date = self.next_content_line(i).is_some_and(|j| matches!(self.lines[j].class, Class::Date(_)));
        next_is_date
            && content.chars().count() <= 30
            && is_heading_like(&content)
            && lexicon::issuer_suffixes().iter().any(|s| content.ends_with(s))
    }

    fn labelled(&mut self, i: usize, label: Label, label_span: Span, rest: Span) {
        let label = match label {
            // 笫 for 第 is a typo only where the number is the next article's; else it is text.
            Label::MisspeltArticle(n, sub) if self.next_article() == Some(n) => Label::Article(n, sub),
            Label::MisspeltArticle(..) => return self.paragraph(i),
            label => label,
        };
        if self.is_quoted(i, label) {
            return self.paragraph(i);
        }
        let rest_text = &self.text[rest.start..rest.end];
        let line_span = self.line_span(i);
        match label {
            Label::Attachment(n) => {
                self.close_to(0);
                let number = n.unwrap_or_else(|| self.count_attachments() + 1);
                let id = self.unique(UnitId::default().child(Segment::Attachment(number)));
                self.push(Frame::container(
                    id,
                    UnitKind::Attachment,
                    RANK_ATTACHMENT,
                    Some(label_span),
                    None,
                    line_span,
                ));
                self.expect_attachment_title = true;
            }
            Label::Part(n) => self.container(Segment::Part(n), UnitKind::Part, RANK_PART, label_span, rest, line_span),
            Label::Chapter(n) => {
                self.container(Segment::Chapter(n), UnitKind::Chapter, RANK_CHAPTER, label_span, rest, line_span)
            }
            Label::Section(n) => {
                self.container(Segment::Section(n), UnitKind::Section, RANK_SECTION, label_span, rest, line_span)
            }
            Label::Heading(n) => {
                self.container(Segment::Heading(n), UnitKind::Heading, RANK_HEADING, label_span, rest, line_span)
            }
            Label::Article(n, sub) => {
                self.close_above(RANK_ARTICLE);
                self.mark_structure();
                let scope = self.scope_id();
                let id = self.unique(scope.child(Segment::Article(n, sub)));
                if sub.is_none() {
                    self.check_number(&scope, "article", n, &id);
                }
                let (heading, paragraph) = split_first_line(rest_text, rest);
                let mut frame =
                    Frame::container(id, UnitKind::Article, RANK_ARTICLE, Some(label_span), heading, line_span);
                frame.numbers_paragraphs = false;
                frame.paragraphs.extend(paragraph);
                self.push(frame);
            }
            Label::Item(n) => self.list_item(ListStyle::Item, n, label_span, rest, line_span),
            Label::SubItem(n) => self.list_item(ListStyle::SubItem, n, label_span, rest, line_span),
            Label::ThirdParen(n) => self.list_item(ListStyle::ThirdParen, n, label_span, rest, line_span),
            Label::ThirdCircled(n) => self.list_item(ListStyle::ThirdCircled, n, label_span, rest, line_span),
            Label::MisspeltArticle(..) => self.paragraph(i),
        }
    }

    /// The number the next article in the current scope would have, once there is one.
    fn next_article(&self) -> Option<u32> {
        self.last_numbers.get(&(self.scope_id(), "article")).map(|n| n + 1)
    }

    /// Decides whether a labelled line belongs to text quoted by the current article. Quoting
    /// starts when an article that ends with a colon is followed by a chapter-level label or an
    /// article label that jumps out of sequence, and ends at the label that continues the sequence (or an attachment).
    fn is_quoted(&mut self, i: usize, label: Label) -> bool {
        let next_article = self.next_article();
        let continues = matches!(label, Label::Article(n, _) if Some(n) == next_article);
        if self.quoting {
            self.quoting = !(continues || matches!(label, Label::Attachment(_)));
            return self.quoting;
        }
        let jumps = match label {
            Label::Article(n, None) => next_article.is_some_and(|next| n > next),
            Label::Part(_) | Label::Chapter(_) | Label::Section(_) => true,
            _ => false,
        };
        if !jumps {
            return false;
        }
        let in_article = self.stack.iter().any(|f| f.unit.kind == UnitKind::Article);
        let previous = (0..i).rev().find(|&j| !self.lines[j].is_blank() && self.noise[j].is_none());
        let last_text = previous.map_or("", |j| self.lines[j].text(self.text));
        self.quoting = in_article && ends_with_colon(last_text);
        if self.quoting {
            let depth = self.stack.iter().rposition(|f| f.unit.kind == UnitKind::Article).map_or(0, |p| p + 1);
            self.close_to(depth);
        }
        self.quoting
    }

    fn count_attachments(&self) -> u32 {
        self.roots.iter().filter(|u| u.kind == UnitKind::Attachment).count() as u32
    }

    /// 编, 章, 节 and headings: containers whose rest of line is their heading.
    fn container(&mut self, segment: Segment, kind: UnitKind, rank: u8, label: Span, rest: Span, line: Span) {
        self.close_above(rank);
        self.mark_structure();
        let parent = self.parent_id();
        if let Segment::Heading(n) = segment {
            *self.heading_counts.entry(parent.clone()).or_default() += 1;
            self.check_number(&parent, "heading", n, &parent.child(segment));
        } else {
            self.check_number(&parent, kind.as_str(), number_of(segment), &parent.child(segment));
        }
        let id = self.unique(parent.child(segment));
        let heading = (!rest.is_empty()).then_some(rest);
        self.push(Frame::container(id, kind, rank, Some(label), heading, line));
    }

    fn bare_heading(&mut self, i: usize) {
        let line = self.line_span(i);
        let content = self.lines[i].content;
        // A Markdown heading that carries a label was classified as labelled already; here the
        // heading has no number, so it takes the next ordinal among its siblings.
        let rank = RANK_HEADING;
        self.close_above(rank);
        self.mark_structure();
        let parent = self.parent_id();
        let count = self.heading_counts.entry(parent.clone()).or_default();
        *count += 1;
        let n = *count;
        self.last_numbers.insert((parent.clone(), "heading"), n);
        let id = self.unique(parent.child(Segment::Heading(n)));
        self.push(Frame::container(id, UnitKind::Heading, rank, None, Some(content), line));
    }

    fn list_item(&mut self, style: ListStyle, n: u32, label: Span, rest: Span, line: Span) {
        let (segment, kind) = style.unit(n);
        self.close_preamble();
        // A style already open further up means this item is a sibling there.
        if let Some(pos) = self.stack.iter().rposition(|f| f.style == Some(style)) {
            let blocked = self.stack[pos + 1..].iter().any(|f| f.style.is_none());
            if !blocked {
                self.close_to(pos);
            }
        }
        let parent = self.parent_id();
        self.check_number(&parent, kind.as_str(), number_of(segment), &parent.child(segment));
        let id = self.unique(parent.child(segment));
        let rest_text = &self.text[rest.start..rest.end];
        let (heading, paragraph) = split_first_line(rest_text, rest);
        let mut frame = Frame::container(id, kind, RANK_LIST, Some(label), heading, line);
        frame.style = Some(style);
        frame.numbers_paragraphs = false;
        frame.open = heading.is_some() || rest_text.is_empty() || ends_with_colon(rest_text);
        frame.paragraphs.extend(paragraph);
        self.push(frame);
    }

    /// True when line `i` continues the line right above it: that line is long, ends in the
    /// middle of a sentence and was added to the innermost open unit (hard-wrapped text:
    /// `…不超过5` / `0万元…`).
    fn continues_previous_line(&self, i: usize) -> bool {
        let Some(prev) = i.checked_sub(1).filter(|&p| self.lines[p].class != Class::Blank && self.noise[p].is_none())
        else {
            return false;
        };
        let prev_text = self.lines[prev].text(self.text);
        let ends_open = !prev_text
            .ends_with(|c: char| is_sentence_punct(c) || matches!(c, '，' | ',' | '、' | '）' | ')' | '”' | '》'));
        let top_ends_there = self.stack.last().is_some_and(|f| f.unit.span.end == self.lines[prev].content.end);
        ends_open && top_ends_there && visible_len_over(prev_text, 19) && !is_heading_like(prev_text)
    }

    /// An unlabelled line: a paragraph of the innermost unit that can take one.
    fn paragraph(&mut self, i: usize) {
        let span = self.line_span(i);
        let text = self.lines[i].text(self.text);
        if self.continues_previous_line(i) {
            if let Some(top) = self.stack.last_mut() {
                match top.paragraphs.last_mut() {
                    Some(last) => *last = last.cover(span),
                    None => top.paragraphs.push(span),
                }
                top.unit.span = top.unit.span.cover(span);
                if top.style.is_some() {
                    top.open = ends_with_colon(text);
                }
                return;
            }
        }
        while let Some(top) = self.stack.last() {
            if top.style.is_some() && !top.open {
                let depth = self.stack.len() - 1;
                self.close_to(depth);
                continue;
            }
            break;
        }
        match self.stack.last_mut() {
            Some(top) if top.unit.kind == UnitKind::Attachment && !top.has_structure => {
                self.open_preamble(span);
            }
            Some(top) => {
                top.paragraphs.push(span);
                top.unit.span = top.unit.span.cover(span);
                if top.style.is_some() {
                    top.open = ends_with_colon(text);
                }
            }
            None if !self.root_has_structure => self.open_preamble(span),
            None => {
                let scope = self.scope_id();
                let n = self.roots.iter().filter(|u| u.kind == UnitKind::Paragraph).count() as u32 + 1;
                let id = self.unique(scope.child(Segment::Paragraph(n)));
                self.roots.push(leaf_unit(id, UnitKind::Paragraph, span));
            }
        }
    }

    fn open_preamble(&mut self, span: Span) {
        let id = self.unique(self.scope_id().child(Segment::Preamble));
        let mut frame = Frame::container(id, UnitKind::Preamble, RANK_LEAF, None, None, span);
        frame.numbers_paragraphs = false;
        frame.paragraphs.push(span);
        self.push(frame);
    }

    fn close_preamble(&mut self) {
        if self.stack.last().is_some_and(|f| f.unit.kind == UnitKind::Preamble) {
            let depth = self.stack.len() - 1;
            self.close_to(depth);
        }
    }

    fn mark_structure(&mut self) {
        self.close_preamble();
        match self.stack.iter_mut().find(|f| f.unit.kind == UnitKind::Attachment) {
            Some(att) => att.has_structure = true,
            None => self.root_has_structure = true,
        }
    }

    /// A one-line front-matter or sign-off unit under the current scope (or container).
    fn leaf(&mut self, kind: FrontKind, span: Span) {
        self.close_preamble();
        let id = self.unique(self.parent_id().child(Segment::Front(kind)));
        let unit = leaf_unit(id, UnitKind::Front(kind), span);
        self.attach(unit);
    }

    fn close_to_scope(&mut self) {
        let depth = self.stack.iter().position(|f| f.unit.kind == UnitKind::Attachment).map_or(0, |p| p + 1);
        self.close_to(depth);
    }

    /// Closes every frame of rank `rank` or lower in the hierarchy (higher number).
    fn close_above(&mut self, rank: u8) {
        self.close_preamble();
        let keep = self.stack.iter().position(|f| f.rank >= rank).unwrap_or(self.stack.len());
        self.close_to(keep);
    }

    /// Closes frames until `depth` remain.
    fn close_to(&mut self, depth: usize) {
        while self.stack.len() > depth {
            let frame = self.stack.pop().expect("stack is non-empty");
            let unit = frame.finish(&mut self.used);
            self.attach(unit);
        }
    }

    fn attach(&mut self, unit: Unit) {
        match self.stack.last_mut() {
            Some(parent) => {
                parent.unit.span = parent.unit.span.cover(unit.span);
                parent.unit.children.push(unit);
            }
            None => self.roots.push(unit),
        }
    }

    fn push(&mut self, frame: Frame) {
        self.stack.push(frame);
    }

    /// The ID prefix of articles: the attachment they are in, else the root.
    fn scope_id(&self) -> UnitId {
        self.stack
            .iter()
            .find(|f| f.unit.kind == UnitKind::Attachment)
            .map_or_else(UnitId::default, |f| f.unit.id.clone())
    }

    /// The ID prefix of a new unit: the innermost open frame.
    fn parent_id(&self) -> UnitId {
        self.stack.last().map_or_else(UnitId::default, |f| f.unit.id.clone())
    }

    fn unique(&mut self, id: UnitId) -> UnitId {
        unique(&mut self.used, id)
    }

    fn check_number(&mut self, parent: &UnitId, series: &'static str, found: u32, id: &UnitId) {
        let last = self.last_numbers.insert((parent.clone(), series), found);
        let expected = last.map_or(1, |n| n + 1);
        if found != expected {
            self.issues.push(NumberingIssue { unit: id.clone(), expected, found });
        }
    }
}

/// `id`, or a later occurrence of it (`i1_2`) when the text repeats a number.
fn unique(used: &mut HashSet<UnitId>, mut id: UnitId) -> UnitId {
    while used.contains(&id) {
        if let Some(last) = id.0.last_mut() {
            last.occurrence += 1;
        }
    }
    used.insert(id.clone());
    id
}

fn number_of(segment: Segment) -> u32 {
    match segment {
        Segment::Attachment(n)
        | Segment::Part(n)
        | Segment::Chapter(n)
        | Segment::Section(n)
        | Segment::Heading(n)
        | Segment::Article(n, _)
        | Segment::Paragraph(n)
        | Segment::Item(n)
        | Segment::SubItem(n)
        | Segment::ThirdItem(n) => n,
        Segment::Preamble | Segment::Front(_) => 0,
    }
}

/// The rest of a labelled line is a heading when it is short and has no sentence punctuation,
/// otherwise the first paragraph.
fn split_first_line(rest_text: &str, rest: Span) -> (Option<Span>, Option<Span>) {
    if rest.is_empty() {
        (None, None)
    } else if is_heading_like(rest_text) {
        (Some(rest), None)
    } else {
        (None, Some(rest))
    }
}

fn leaf_unit(id: UnitId, kind: UnitKind, span: Span) -> Unit {
    Unit { id, kind, label: None, heading: None, span, children: Vec::new() }
}

impl Frame {
    fn container(
        id: UnitId,
        kind: UnitKind,
        rank: u8,
        label: Option<Span>,
        heading: Option<Span>,
        line: Span,
    ) -> Frame {
        Frame {
            unit: Unit { id, kind, label, heading, span: line, children: Vec::new() },
            rank,
            style: None,
            paragraphs: Vec::new(),
            numbers_paragraphs: true,
            open: true,
            has_structure: false,
        }
    }

    /// Turns the frame into a unit, numbering its paragraphs where the scheme asks for it.
    fn finish(mut self, used: &mut HashSet<UnitId>) -> Unit {
        let number = self.paragraphs.len() >= 2 || (self.numbers_paragraphs && !self.paragraphs.is_empty());
        if number && self.unit.kind != UnitKind::Preamble {
            for (k, span) in self.paragraphs.iter().enumerate() {
                let id = unique(used, self.unit.id.child(Segment::Paragraph(k as u32 + 1)));
                self.unit.children.push(leaf_unit(id, UnitKind::Paragraph, *span));
            }
            self.unit.children.sort_by_key(|c| c.span.start);
        }
        self.unit
    }
}
