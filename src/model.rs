//! The data types of the whole pipeline: spans, typed unit IDs, units, parsed documents.
//!
//! IDs are typed inside the code ([`UnitId`], [`Segment`]) and become strings only at the edges
//! (JSON, HTML anchors), following `spec/unit-ids.md`.

use std::fmt;
use std::path::PathBuf;

/// A half-open byte range `[start, end)` into a document's decoded text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// Builds a span; `start <= end` is the caller's promise.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// One step of a unit's path (see `spec/unit-ids.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// `attN`: attachment N.
    Attachment(u32),
    /// `partN`: 编.
    Part(u32),
    /// `chN`: 章.
    Chapter(u32),
    /// `secN`: 节.
    Section(u32),
    /// `sN`: notice-style heading (一、) or an unnumbered heading line.
    Heading(u32),
    /// `artN` or `artN-M` (第N条之M).
    Article(u32, Option<u32>),
    /// `pN`: paragraph (款).
    Paragraph(u32),
    /// `iN`: item (项), （一）.
    Item(u32),
    /// `nN`: numbered sub-item (目), 1.
    SubItem(u32),
    /// `xN`: third-level sub-item, (1) or ①.
    ThirdItem(u32),
    /// `preamble`.
    Preamble,
    /// Front matter and sign-off lines: `title`, `number`, `addressees`, `issuer`, `date`, `meta`.
    Front(FrontKind),
}

/// The kinds of front-matter and sign-off units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FrontKind {
    /// The document (or attachment) title.
    Title,
    /// The document number line, e.g. `（津滨科发〔2012〕8号）`.
    Number,
    /// The addressee line of a notice, e.g. `各市、县(市、区)科技局：`.
    Addressees,
    /// The issuing body of a sign-off block.
    Issuer,
    /// A line holding only a date.
    Date,
    /// Header lines of a Markdown law (adoption and amendment history).
    Meta,
}

impl FrontKind {
    fn as_str(self) -> &'static str {
        match self {
            FrontKind::Title => "title",
            FrontKind::Number => "number",
            FrontKind::Addressees => "addressees",
            FrontKind::Issuer => "issuer",
            FrontKind::Date => "date",
            FrontKind::Meta => "meta",
        }
    }
}

/// A segment together with the occurrence count used to keep IDs unique when numbering repeats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Step {
    /// What the step names.
    pub segment: Segment,
    /// 1 for the first unit with this segment under the same parent; 2, 3… for repeats (`i1_2`).
    pub occurrence: u32,
}

/// A unit's stable ID: the path of steps from the document root. Paths of up to three steps (an
/// item of an article in a chapter) are held inline: IDs are cloned into every link, key and graph
/// node, and a clone then allocates nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnitId(pub smallvec::SmallVec<[Step; 3]>);

impl UnitId {
    /// The ID of `segment` under this ID, first occurrence.
    pub fn child(&self, segment: Segment) -> UnitId {
        let mut steps = self.0.clone();
        steps.push(Step { segment, occurrence: 1 });
        UnitId(steps)
    }

    /// The last step, if any.
    pub fn last(&self) -> Option<Segment> {
        self.0.last().map(|s| s.segment)
    }

    /// The article this unit is or sits in, as an ID (`att2/art4` for `att2/art4/i9`).
    pub fn article(&self) -> Option<UnitId> {
        let pos = self.0.iter().position(|s| matches!(s.segment, Segment::Article(..)))?;
        Some(UnitId(self.0[..=pos].into()))
    }

    /// Parses the string form (`att2/art4/i9`); `None` when it is not a valid ID.
    pub fn parse(text: &str) -> Option<UnitId> {
        text.split('/').map(parse_step).collect::<Option<_>>().map(UnitId)
    }
}

fn parse_step(text: &str) -> Option<Step> {
    let (body, occurrence) = match text.split_once('_') {
        Some((body, n)) => (body, n.parse().ok()?),
        None => (text, 1),
    };
    let num = |prefix: &str| body.strip_prefix(prefix).and_then(|n| n.parse::<u32>().ok());
    let front = |kind: FrontKind| (body == kind.as_str()).then_some(Segment::Front(kind));
    let segment = if body == "preamble" {
        Segment::Preamble
    } else if let Some(rest) = body.strip_prefix("art") {
        match rest.split_once('-') {
            Some((n, m)) => Segment::Article(n.parse().ok()?, Some(m.parse().ok()?)),
            None => Segment::Article(rest.parse().ok()?, None),
        }
    } else if let Some(n) = num("att") {
        Segment::Attachment(n)
    } else if let Some(n) = num("part") {
        Segment::Part(n)
    } else if let Some(n) = num("ch") {
        Segment::Chapter(n)
    } else if let Some(n) = num("sec") {
        Segment::Section(n)
    } else if let Some(n) = num("s") {
        Segment::Heading(n)
    } else if let Some(n) = num("p") {
        Segment::Paragraph(n)
    } else if let Some(n) = num("i") {
        Segment::Item(n)
    } else if let Some(n) = num("n") {
        Segment::SubItem(n)
    } else if let Some(n) = num("x") {
        Segment::ThirdItem(n)
    } else {
        [
            FrontKind::Title,
            FrontKind::Number,
            FrontKind::Addressees,
            FrontKind::Issuer,
            FrontKind::Date,
            FrontKind::Meta,
        ]
        .into_iter()
        .find_map(front)?
    };
    Some(Step { segment, occurrence })
}

impl fmt::Display for Segment {
    // Written piece by piece rather than through `write!`: IDs are written by the hundred
    // thousand into anchors, JSON and graphs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (prefix, n) = match *self {
            Segment::Attachment(n) => ("att", n),
            Segment::Part(n) => ("part", n),
            Segment::Chapter(n) => ("ch", n),
            Segment::Section(n) => ("sec", n),
            Segment::Heading(n) => ("s", n),
            Segment::Article(n, _) => ("art", n),
            Segment::Paragraph(n) => ("p", n),
            Segment::Item(n) => ("i", n),
            Segment::SubItem(n) => ("n", n),
            Segment::ThirdItem(n) => ("x", n),
            Segment::Preamble => return f.write_str("preamble"),
            Segment::Front(kind) => return f.write_str(kind.as_str()),
        };
        f.write_str(prefix)?;
        fmt::Display::fmt(&n, f)?;
        if let Segment::Article(_, Some(m)) = self {
            f.write_str("-")?;
            fmt::Display::fmt(m, f)?;
        }
        Ok(())
    }
}

impl fmt::Display for UnitId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("/")?;
            }
            fmt::Display::fmt(&step.segment, f)?;
            if step.occurrence > 1 {
                f.write_str("_")?;
                fmt::Display::fmt(&step.occurrence, f)?;
            }
        }
        Ok(())
    }
}

/// What a unit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnitKind {
    /// Front matter or sign-off line.
    Front(FrontKind),
    /// Text between the front matter and the first structural unit.
    Preamble,
    /// 附件N with its own title, preamble and structure.
    Attachment,
    /// 编.
    Part,
    /// 章.
    Chapter,
    /// 节.
    Section,
    /// 一、 heading or unnumbered heading line.
    Heading,
    /// 第X条.
    Article,
    /// 款: an unnumbered paragraph.
    Paragraph,
    /// 项: （一）.
    Item,
    /// 目: 1.
    SubItem,
    /// (1) or ①.
    ThirdItem,
}

impl UnitKind {
    /// The kind's name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Front(kind) => kind.as_str(),
            UnitKind::Preamble => "preamble",
            UnitKind::Attachment => "attachment",
            UnitKind::Part => "part",
            UnitKind::Chapter => "chapter",
            UnitKind::Section => "section",
            UnitKind::Heading => "heading",
            UnitKind::Article => "article",
            UnitKind::Paragraph => "paragraph",
            UnitKind::Item => "item",
            UnitKind::SubItem => "subitem",
            UnitKind::ThirdItem => "subsubitem",
        }
    }

    /// True for kinds that hold a list entry (项, 目, third level).
    pub fn is_list_item(self) -> bool {
        matches!(self, UnitKind::Item | UnitKind::SubItem | UnitKind::ThirdItem)
    }
}

/// One node of the structure tree.
#[derive(Clone, Debug, PartialEq)]
pub struct Unit {
    /// Stable ID (`att2/art4/i9`).
    pub id: UnitId,
    /// What the unit is.
    pub kind: UnitKind,
    /// The label exactly as written (`第八條`, `（三）`, `附件 1`), if the unit has one.
    pub label: Option<Span>,
    /// Heading text after the label (chapters, headings, heading-like items).
    pub heading: Option<Span>,
    /// Everything the unit covers, children included, from the first byte of its first line to
    /// the last non-space byte of its last line.
    pub span: Span,
    /// Child units in text order.
    pub children: Vec<Unit>,
}

impl Unit {
    /// Visits this unit and every descendant, parents first.
    pub fn walk<'a>(&'a self, visit: &mut impl FnMut(&'a Unit)) {
        visit(self);
        for child in &self.children {
            child.walk(visit);
        }
    }

    /// The parts of the span that belong to no child, in order.
    pub fn own_spans(&self) -> impl Iterator<Item = Span> + '_ {
        let ends = self.children.iter().map(|c| c.span.end);
        let starts = self.children.iter().map(|c| c.span.start).chain([self.span.end]);
        std::iter::once(self.span.start)
            .chain(ends)
            .zip(starts)
            .filter(|(from, to)| to > from)
            .map(|(from, to)| Span::new(from, to))
    }
}

/// Why a span was set aside as boilerplate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NoiseKind {
    /// Navigation, info-box and footer phrases of a web page.
    WebPage,
    /// The article meta line of a web page (来源、作者、时间、点击数).
    WebMeta,
    /// Contact lines (地址、电话、邮编、Email).
    Contact,
    /// A second copy of the title at the top of a web page.
    RepeatedTitle,
    /// The whole text again, flattened onto one line.
    FlattenedCopy,
    /// A line with no Chinese text before the title (stray characters).
    Stray,
    /// Markup that carries no text (`<!-- INFO END -->`; the tags of a web page that break lines).
    Markup,
    /// A table of contents (目录 and the chapter titles it lists).
    Contents,
    /// A running header, footer or page number of a printed page (PDF).
    PageFurniture,
    /// Markup inside a line of text (inline tags of a web page): the text on both sides runs on.
    InlineMarkup,
}

impl NoiseKind {
    /// True for markup, which a reader of the document never sees (tags, scripts, styles).
    pub fn is_markup(self) -> bool {
        matches!(self, NoiseKind::Markup | NoiseKind::InlineMarkup)
    }

    /// The kind's name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            NoiseKind::WebPage => "web_page",
            NoiseKind::WebMeta => "web_meta",
            NoiseKind::Contact => "contact",
            NoiseKind::RepeatedTitle => "repeated_title",
            NoiseKind::FlattenedCopy => "flattened_copy",
            NoiseKind::Stray => "stray",
            NoiseKind::Markup => "markup",
            NoiseKind::Contents => "contents",
            NoiseKind::PageFurniture => "page_furniture",
            NoiseKind::InlineMarkup => "inline_markup",
        }
    }
}

/// A span of boilerplate: kept, never part of a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Boilerplate {
    /// Where it is.
    pub span: Span,
    /// Why it is boilerplate.
    pub kind: NoiseKind,
}

/// Numbering that restarts, skips or repeats, recorded rather than silently renumbered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberingIssue {
    /// The unit whose number is unexpected.
    pub unit: UnitId,
    /// The number the sequence would have continued with.
    pub expected: u32,
    /// The number written in the text.
    pub found: u32,
}

/// The script a document is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Script {
    /// Simplified Chinese.
    Simplified,
    /// Traditional Chinese.
    Traditional,
    /// A mix of both.
    Mixed,
}

impl Script {
    /// The script's name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Script::Simplified => "simplified",
            Script::Traditional => "traditional",
            Script::Mixed => "mixed",
        }
    }
}

/// The text encoding a file was decoded from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// UTF-16, little endian, with a byte-order mark.
    Utf16Le,
    /// UTF-16, big endian, with a byte-order mark.
    Utf16Be,
    /// GB18030 (a superset of GBK and GB2312).
    Gb18030,
    /// Big5, as a web page declared it.
    Big5,
}

impl Encoding {
    /// The encoding's name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Gb18030 => "gb18030",
            Encoding::Big5 => "big5",
        }
    }
}

/// The file format a document was read from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Plain text or Markdown.
    #[default]
    Text,
    /// A web page; the text is the decoded HTML and the markup is boilerplate.
    Html,
    /// A Word or WPS draft; the text is what a reader sees, numbering labels included.
    Docx,
    /// A PDF's text layer, one printed line to a line (paragraphs joined).
    Pdf,
}

impl Format {
    /// The format's name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// Tracked changes of a Word draft, read as accepted: insertions kept, deletions dropped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TrackedChanges {
    /// Insertions (`w:ins`, `w:moveTo`).
    pub insertions: usize,
    /// Deletions (`w:del`, `w:moveFrom`).
    pub deletions: usize,
}

/// The administrative level of an issuing body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// 中央: the National People's Congress, the State Council, ministries, national courts.
    National,
    /// 省级: provinces, autonomous regions and the four municipalities directly under the central
    /// government (北京, 天津, 上海, 重庆).
    Provincial,
    /// 市级: prefecture-level cities, autonomous prefectures, and the districts of a
    /// province-level city.
    Municipal,
    /// 县级: counties, county-level cities and districts of a prefecture-level city.
    County,
}

impl Level {
    /// Every level, highest first.
    pub const ALL: [Level; 4] = [Level::National, Level::Provincial, Level::Municipal, Level::County];

    /// The level's name in JSON and corpus.toml.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::National => "national",
            Level::Provincial => "provincial",
            Level::Municipal => "municipal",
            Level::County => "county",
        }
    }

    /// Parses the name.
    pub fn from_name(name: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == name)
    }
}

/// The legal kind of a document (the hierarchy of 立法法 and the normative documents below it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocKind {
    /// 法律: passed by the National People's Congress or its Standing Committee.
    Law,
    /// 行政法规: made by the State Council.
    AdministrativeRegulation,
    /// 部门规章: a rule of a State Council department (部令, 总局令).
    DepartmentalRule,
    /// 司法解释: by the Supreme People's Court or Procuratorate.
    JudicialInterpretation,
    /// 地方性法规: passed by a local people's congress or its standing committee.
    LocalRegulation,
    /// 地方政府规章: a rule of a local people's government (政府令).
    LocalRule,
    /// 规范性文件: a notice, opinion or measure of a department or government office.
    NormativeDocument,
}

impl DocKind {
    /// Every kind, in the order of the hierarchy.
    pub const ALL: [DocKind; 7] = [
        DocKind::Law,
        DocKind::AdministrativeRegulation,
        DocKind::DepartmentalRule,
        DocKind::JudicialInterpretation,
        DocKind::LocalRegulation,
        DocKind::LocalRule,
        DocKind::NormativeDocument,
    ];

    /// The kind's name in JSON and corpus.toml.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Law => "law",
            DocKind::AdministrativeRegulation => "administrative_regulation",
            DocKind::DepartmentalRule => "departmental_rule",
            DocKind::JudicialInterpretation => "judicial_interpretation",
            DocKind::LocalRegulation => "local_regulation",
            DocKind::LocalRule => "local_rule",
            DocKind::NormativeDocument => "normative_document",
        }
    }

    /// Parses the name.
    pub fn from_name(name: &str) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// Metadata read from the text (title, header lines, sign-off, the body that interprets the
/// document), normalised (simplified script, `〔〕`, `号`, ISO dates); `corpus.toml` may override.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// Administrative level of the issuer.
    pub level: Option<Level>,
    /// Legal kind.
    pub kind: Option<DocKind>,
    /// The jurisdiction (辽宁省, 保定市, 全国).
    pub jurisdiction: Option<String>,
    /// The document title.
    pub title: Option<String>,
    /// The document's own number (`津滨科发〔2012〕8号`).
    pub doc_number: Option<String>,
    /// True when the number is not stated by the document but learned from documents citing it.
    pub number_learned: bool,
    /// The issuing body.
    pub issuer: Option<String>,
    /// The date of this version (ISO `YYYY-MM-DD`): the latest adoption (通过), amendment (修正),
    /// revision (修订), approval or issue date stated, else the signing date, else the date it
    /// takes effect.
    pub date: Option<String>,
    /// The date it takes effect (自…起施行).
    pub effective: Option<String>,
}

/// A parsed document: the decoded text, its structure tree and its boilerplate.
#[derive(Clone, Debug)]
pub struct Document {
    /// The path the document was read from, as given.
    pub path: PathBuf,
    /// The decoded original text; every span points into it. For a web page it is the HTML as
    /// published (markup is boilerplate); for a Word draft or a PDF, whose files are binary, the
    /// text extracted from it (see [`Format`]).
    pub text: String,
    /// The encoding the file was decoded from.
    pub encoding: Encoding,
    /// The format the file was read from.
    pub format: Format,
    /// Tracked changes of a Word draft (its text is the accepted text).
    pub tracked_changes: Option<TrackedChanges>,
    /// The script of the text.
    pub script: Script,
    /// Normalised front-matter values.
    pub front: FrontMatter,
    /// Top-level units in text order.
    pub units: Vec<Unit>,
    /// Boilerplate spans in text order.
    pub boilerplate: Vec<Boilerplate>,
    /// Unexpected numbering.
    pub numbering_issues: Vec<NumberingIssue>,
}

impl Document {
    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// Visits every unit, parents first, in text order.
    pub fn walk<'a>(&'a self, mut visit: impl FnMut(&'a Unit)) {
        for unit in &self.units {
            unit.walk(&mut visit);
        }
    }

    /// Every unit in text order, parents first.
    pub fn all_units(&self) -> Vec<&Unit> {
        let mut all = Vec::new();
        self.walk(|u| all.push(u));
        all
    }

    /// Finds a unit by ID.
    pub fn find(&self, id: &UnitId) -> Option<&Unit> {
        let mut level = &self.units;
        let mut found = None;
        for depth in 0..id.0.len() {
            let prefix = &id.0[..=depth];
            // Articles skip their chapter and heading in the path, so look through containers.
            let unit = find_descendant(level, prefix)?;
            found = Some(unit);
            level = &unit.children;
        }
        found
    }

    /// The bytes that belong to the unit itself: its span less its children, its label, its
    /// heading and any boilerplate inside it.
    pub fn own_text_spans(&self, unit: &Unit) -> Vec<Span> {
        let mut holes: Vec<Span> = [unit.label, unit.heading].into_iter().flatten().collect();
        holes.extend(
            self.boilerplate.iter().map(|b| b.span).filter(|b| b.start < unit.span.end && b.end > unit.span.start),
        );
        subtract_holes(unit.own_spans(), holes)
    }

    /// The unit's own text (label, heading and children left out), one line per piece, each
    /// trimmed of spaces and Markdown heading marks. Text on both sides of inline markup runs on.
    pub fn own_text(&self, unit: &Unit) -> String {
        let mut lines: Vec<String> = Vec::new();
        let mut previous: Option<Span> = None;
        for span in self.own_text_spans(unit) {
            let runs_on = previous.is_some_and(|p| self.inline_markup_between(p.end, span.start));
            for (k, piece) in self.slice(span).split(['\n', '\r']).enumerate() {
                let piece = piece.trim_matches(|c| crate::text::is_space(c) || c == '#');
                match lines.last_mut() {
                    Some(last) if k == 0 && runs_on => last.push_str(piece),
                    _ => lines.push(piece.to_string()),
                }
            }
            previous = Some(span);
        }
        lines.retain(|l| !l.is_empty());
        lines.join("\n")
    }

    /// True when the bytes from `from` to `to` are inline markup (and spaces).
    fn inline_markup_between(&self, from: usize, to: usize) -> bool {
        let i = self.boilerplate.partition_point(|b| b.span.end <= from);
        let mut at = from;
        for b in &self.boilerplate[i..] {
            if at >= to || b.span.start >= to {
                break;
            }
            let gap_is_space = self.text[at..b.span.start.max(at)].chars().all(crate::text::is_space);
            if b.kind != NoiseKind::InlineMarkup || !gap_is_space {
                return false;
            }
            at = at.max(b.span.end);
        }
        at >= to || self.text[at..to].chars().all(crate::text::is_space)
    }

    /// The text of a span with any boilerplate inside it left out: a label or heading of a web
    /// page may hold inline markup (`2<span>.</span>`).
    pub fn text_of(&self, span: Span) -> std::borrow::Cow<'_, str> {
        let holes: Vec<Span> =
            self.boilerplate.iter().map(|b| b.span).filter(|b| b.start < span.end && b.end > span.start).collect();
        if holes.is_empty() {
            return std::borrow::Cow::Borrowed(self.slice(span));
        }
        subtract(&[span], &holes).into_iter().map(|s| self.slice(s)).collect::<String>().into()
    }

    /// Checks the lossless invariant: spans nest, siblings do not overlap, every byte of the
    /// text belongs to exactly one unit (its own text, label or heading) or one boilerplate span,
    /// or is a space; IDs are unique and read back. Returns the first problem found.
    pub fn check_lossless(&self) -> std::result::Result<(), String> {
        let mut owners = vec![0u8; self.text.len()];
        let mut claim = |span: Span, what: &dyn fmt::Display| -> std::result::Result<(), String> {
            if span.end > owners.len()
                || !self.text.is_char_boundary(span.start)
                || !self.text.is_char_boundary(span.end)
            {
                return Err(format!("{what}: span {span:?} is not inside the text on character boundaries"));
            }
            for owner in &mut owners[span.start..span.end] {
                *owner += 1;
            }
            Ok(())
        };
        check_siblings(&self.units, None)?;
        let boilerplate: Vec<Span> = self.boilerplate.iter().map(|b| b.span).collect();
        let mut ids = std::collections::HashSet::new();
        for unit in self.all_units() {
            if !ids.insert(unit.id.clone()) {
                return Err(format!("{}: duplicate ID", unit.id));
            }
            if UnitId::parse(&unit.id.to_string()).as_ref() != Some(&unit.id) {
                return Err(format!("{}: ID does not read back", unit.id));
            }
            check_siblings(&unit.children, Some(unit))?;
            for part in [unit.label, unit.heading].into_iter().flatten() {
                if !unit.span.contains(part) {
                    return Err(format!("{}: label or heading outside the unit", unit.id));
                }
                for piece in subtract(&[part], &boilerplate) {
                    claim(piece, &unit.id)?;
                }
            }
            for span in self.own_text_spans(unit) {
                claim(span, &unit.id)?;
            }
        }
        for b in &self.boilerplate {
            claim(b.span, &"boilerplate")?;
        }
        for (at, c) in self.text.char_indices() {
            match owners[at] {
                0 if !crate::text::is_space(c) => {
                    return Err(format!("byte {at} ({c:?}) belongs to no unit and no boilerplate"))
                }
                0 | 1 => {}
                n => return Err(format!("byte {at} ({c:?}) belongs to {n} spans")),
            }
        }
        Ok(())
    }

    /// The unit's whole text, children included, label left out.
    pub fn full_text(&self, unit: &Unit) -> String {
        let start = unit.label.map_or(unit.span.start, |l| l.end);
        self.slice(Span::new(start.min(unit.span.end), unit.span.end)).trim_matches(crate::text::is_space).to_string()
    }
}

fn check_siblings(units: &[Unit], parent: Option<&Unit>) -> std::result::Result<(), String> {
    for pair in units.windows(2) {
        if pair[0].span.end > pair[1].span.start {
            return Err(format!("{} and {} overlap", pair[0].id, pair[1].id));
        }
    }
    if let Some(parent) = parent {
        if let Some(child) = units.iter().find(|c| !parent.span.contains(c.span)) {
            return Err(format!("{} lies outside its parent {}", child.id, parent.id));
        }
    }
    Ok(())
}

/// `spans` with every byte that lies in one of `holes` removed: what is left of each span, in
/// order, as maximal pieces.
pub fn subtract(spans: &[Span], holes: &[Span]) -> Vec<Span> {
    subtract_holes(spans.iter().copied(), holes.to_vec())
}

/// [`subtract`], taking the spans one at a time and the holes as a vector of its own.
fn subtract_holes(spans: impl Iterator<Item = Span>, mut holes: Vec<Span>) -> Vec<Span> {
    holes.retain(|h| !h.is_empty());
    holes.sort_unstable();
    let mut out = Vec::new();
    for span in spans {
        // A sweep over the holes by start: the text between the covered parts is kept.
        let mut from = span.start;
        for hole in holes.iter().filter(|h| h.start < span.end && h.end > span.start) {
            if hole.start > from {
                out.push(Span::new(from, hole.start));
            }
            from = from.max(hole.end);
        }
        if from < span.end {
            out.push(Span::new(from, span.end));
        }
    }
    out
}

fn find_descendant<'a>(units: &'a [Unit], prefix: &[Step]) -> Option<&'a Unit> {
    for unit in units {
        if unit.id.0[..] == *prefix {
            return Some(unit);
        }
        let is_container =
            matches!(unit.kind, UnitKind::Part | UnitKind::Chapter | UnitKind::Section | UnitKind::Heading);
        if is_container && !prefix.starts_with(&unit.id.0) {
            if let Some(found) = find_descendant(&unit.children, prefix) {
                return Some(found);
            }
        }
    }
    None
}

/// How a citing text relates to what it cites.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Relation {
    /// 根据, 依据, 结合: the citing text rests on it.
    Basis,
    /// 贯彻, 落实, 为推进: the citing text implements it.
    Implements,
    /// 按照…执行, 参照: the citing text follows its rules.
    Follows,
    /// 废止, 同时废止, 代替: the citing text repeals it.
    Repeals,
    /// 印发 of the citing document's own attachments.
    Issues,
    /// Any other mention.
    Mentions,
}

impl Relation {
    /// The relation's name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Basis => "basis",
            Relation::Implements => "implements",
            Relation::Follows => "follows",
            Relation::Repeals => "repeals",
            Relation::Issues => "issues",
            Relation::Mentions => "mentions",
        }
    }

    /// Parses the JSON name.
    pub fn from_name(name: &str) -> Option<Relation> {
        [
            Relation::Basis,
            Relation::Implements,
            Relation::Follows,
            Relation::Repeals,
            Relation::Issues,
            Relation::Mentions,
        ]
        .into_iter()
        .find(|r| r.as_str() == name)
    }
}

/// What a citation points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// Another document, named by number, title or alias.
    Document,
    /// The citing document itself (本办法), or one of its units (第八条, 前款).
    Internal(Option<UnitId>),
}

/// One citation found in a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Citation {
    /// The unit the citation sits in.
    pub unit: Option<UnitId>,
    /// Where it is in the original text (title, number and alias clause together).
    pub span: Span,
    /// Canonical document number (`国科发政〔2009〕648号`), if one is given or bound by an alias.
    pub doc_number: Option<String>,
    /// The cited title, in simplified script, if one is given or bound by an alias.
    pub title: Option<String>,
    /// The short name (简称) the citation defines or uses.
    pub alias: Option<String>,
    /// How the citing text relates to the cited one.
    pub relation: Relation,
    /// True for a number that does not parse (豫科〔2013146号), reported as found.
    pub malformed: bool,
    /// What it points at.
    pub target: Target,
}

/// A citation resolved against a corpus.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    /// The citation.
    pub citation: Citation,
    /// Index of the corpus document it names, if any.
    pub document: Option<usize>,
    /// How sure the resolution is, in [0, 1] (1 for a number match).
    pub confidence: f32,
}

/// How a local unit derives from a national unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Derivation {
    /// Identical on the match key.
    Verbatim,
    /// Clearly reused with edits.
    Modified,
    /// The same provision, mostly reworded.
    Paraphrase,
}

impl Derivation {
    /// The relation's name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Derivation::Verbatim => "verbatim",
            Derivation::Modified => "modified",
            Derivation::Paraphrase => "paraphrase",
        }
    }
}

/// How a local document is tied to one it shares text with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tie {
    /// Vertical: the other is of a higher level and holds the local document's jurisdiction, or
    /// the local document cites it as basis or implements it.
    Derives,
    /// Horizontal: the other is an earlier document of another jurisdiction.
    Borrows,
}

impl Tie {
    /// The edge kind in graphs and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Tie::Derives => "derives",
            Tie::Borrows => "borrows",
        }
    }
}

/// A derivation link from a local unit to a national unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// The local unit.
    pub local: UnitId,
    /// The national unit it derives from.
    pub national: UnitId,
    /// Strength of the link in [0, 1].
    pub score: f32,
    /// Share of the national unit's text that survives in the local unit, in [0, 1].
    pub coverage: f32,
    /// How it derives.
    pub relation: Derivation,
}

/// The alignment of a local document to a national one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Alignment {
    /// Links, local units in text order.
    pub links: Vec<Link>,
    /// National articles with no link.
    pub dropped: Vec<UnitId>,
    /// How sure it is that no local unit implements each of `dropped`, in the same order: the
    /// chance that none of the local articles compared with it derives from it (1 when none came
    /// near it).
    pub dropped_confidence: Vec<f32>,
}

/// What became of a condition item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Identical after normalisation, ignoring punctuation and numbering.
    Same,
    /// Paired with a national item, with changes.
    Modified,
    /// Local only.
    Added,
    /// National only.
    Removed,
}

impl Verdict {
    /// The verdict's name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Same => "same",
            Verdict::Modified => "modified",
            Verdict::Added => "added",
            Verdict::Removed => "removed",
        }
    }
}

/// One edit of a word-level diff, national text to local text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Text in both.
    Equal(String),
    /// Text only in the local unit.
    Insert(String),
    /// Text only in the national unit.
    Delete(String),
}

/// A paired (or unpaired) item of a condition list.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemPair {
    /// The local item, if any.
    pub local: Option<UnitId>,
    /// The national item, if any.
    pub national: Option<UnitId>,
    /// What became of it.
    pub verdict: Verdict,
    /// Word-level edits for modified items.
    pub edits: Vec<Edit>,
}

/// A local condition list and the national list it derives from.
#[derive(Clone, Debug, PartialEq)]
pub struct ListDiff {
    /// The local list (the unit whose items are the conditions).
    pub local: UnitId,
    /// The national list, if one is linked.
    pub national: Option<UnitId>,
    /// Item pairs: paired and local-only items in local order, then national-only items.
    pub items: Vec<ItemPair>,
}

/// How a constraint compares a quantity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Comparator {
    /// At least (不少于, 以上).
    AtLeast,
    /// At most (不超过, 以内).
    AtMost,
    /// More than (超过).
    MoreThan,
    /// Less than (低于).
    LessThan,
    /// Exactly (有效期为5年).
    Equal,
    /// Within a range (10-50万元).
    Range,
}

impl Comparator {
    /// The comparator's symbol in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Comparator::AtLeast => ">=",
            Comparator::AtMost => "<=",
            Comparator::MoreThan => ">",
            Comparator::LessThan => "<",
            Comparator::Equal => "=",
            Comparator::Range => "range",
        }
    }
}

/// The force of a provision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Modality {
    /// 应, 须, 必须.
    Obligation,
    /// 可.
    Permission,
    /// 鼓励.
    Encouragement,
    /// 不得.
    Prohibition,
}

impl Modality {
    /// The modality's name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Obligation => "obligation",
            Modality::Permission => "permission",
            Modality::Encouragement => "encouragement",
            Modality::Prohibition => "prohibition",
        }
    }
}

/// What a constraint constrains.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConstraintKind {
    /// A quantity threshold: a count, an amount, a share (不少于10家, 百分之二十).
    Threshold,
    /// A validity period (有效期).
    Validity,
    /// A deadline (截止时间, 每年12月底前).
    Deadline,
    /// A fine (罚款), in 元, or a multiple of an amount (违法所得一倍以上五倍以下, measure 倍).
    Fine,
    /// Detention (拘留), in days.
    Detention,
    /// A licence or business suspended for a time (暂扣许可证三个月, 责令停产停业).
    Suspension,
    /// A licence revoked (吊销营业执照): no quantity, value 0.
    Revocation,
    /// A time limit (十五日内, 三十个工作日内), or a lead time before an event (会议举行的三十日前,
    /// comparator `>=`).
    TimeLimit,
    /// A term of office (任期五年).
    Term,
    /// An age (年满十八周岁, 未满十六周岁).
    Age,
}

impl ConstraintKind {
    /// The kind's name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ConstraintKind::Threshold => "threshold",
            ConstraintKind::Validity => "validity",
            ConstraintKind::Deadline => "deadline",
            ConstraintKind::Fine => "fine",
            ConstraintKind::Detention => "detention",
            ConstraintKind::Suspension => "suspension",
            ConstraintKind::Revocation => "revocation",
            ConstraintKind::TimeLimit => "time_limit",
            ConstraintKind::Term => "term",
            ConstraintKind::Age => "age",
        }
    }

    /// True for penalties: fines, detention, suspension and revocation.
    pub fn is_penalty(self) -> bool {
        matches!(
            self,
            ConstraintKind::Fine | ConstraintKind::Detention | ConstraintKind::Suspension | ConstraintKind::Revocation
        )
    }
}

/// An article a constraint's text refers to (违反本法第十条规定, 依照《道路交通安全法》第九十条).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleRef {
    /// The title cited, or `None` for the document itself (本法, 本办法, or no title).
    pub title: Option<String>,
    /// The article (`art10`).
    pub article: UnitId,
}

/// A structured constraint found in a unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Constraint {
    /// The unit it is in.
    pub unit: UnitId,
    /// What is constrained (成员单位总数).
    pub subject: String,
    /// How.
    pub comparator: Comparator,
    /// The value (the lower bound of a range).
    pub value: f64,
    /// The upper bound of a range.
    pub upper: Option<f64>,
    /// 家, %, 万元, 年, 个月, 项… (fines in 元, or 倍 of the amount their subject names; time
    /// limits in 日, 工作日, 小时, 个月…; revocations none).
    pub unit_of_measure: String,
    /// The modal cue as written (应, 可, 不得), if any.
    pub modal: Option<String>,
    /// Its force.
    pub modality: Option<Modality>,
    /// Threshold, validity period or deadline.
    pub kind: ConstraintKind,
    /// The text of the constraint (normalised).
    pub text: String,
    /// Where it is in the original text.
    pub span: Span,
    /// What it governs in legal terms: the act a penalty punishes (the 违反…的 or 有下列行为之一的
    /// clause it hangs on), the procedure a time limit times; empty when not stated.
    pub act: String,
    /// The party bound or punished (单位, 个人, 行人、乘车人); empty when not named.
    pub party: String,
    /// The articles its act refers to.
    pub refs: Vec<ArticleRef>,
}

/// How a local constraint differs from the national one. For time limits, `Stricter` is shorter
/// and `Looser` longer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Change {
    /// Local only.
    Added,
    /// National only.
    Removed,
    /// Harder to meet locally.
    Stricter,
    /// Easier to meet locally.
    Looser,
    /// Different in a way that is neither (another unit, comparator or kind).
    Changed,
    /// The same.
    Same,
    /// Inside the national range (a fine of 10元 where the law sets 5–50元).
    WithinRange,
    /// Outside the national range.
    OutsideRange,
}

impl Change {
    /// The change's name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Stricter => "stricter",
            Change::Looser => "looser",
            Change::Changed => "changed",
            Change::Same => "same",
            Change::WithinRange => "within_range",
            Change::OutsideRange => "outside_range",
        }
    }
}

/// A constraint of the pair and its counterpart.
#[derive(Clone, Debug, PartialEq)]
pub struct ConstraintChange {
    /// The local constraint (absent when removed).
    pub local: Option<Constraint>,
    /// The national counterpart, if any.
    pub national: Option<Constraint>,
    /// How they differ.
    pub change: Change,
}

/// What became of a duty or prohibition of a national unit in the local unit aligned with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DutyChange {
    /// The national unit says 应当/必须 and the local unit words the same act with 可以/鼓励/一般.
    Weakened,
    /// The national unit says 不得/禁止/严禁 and the local document never prohibits the act.
    Dropped,
}

impl DutyChange {
    /// The change's name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DutyChange::Weakened => "obligation_weakened",
            DutyChange::Dropped => "prohibition_dropped",
        }
    }
}

/// A duty or prohibition of a national unit and what the aligned local unit made of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Duty {
    /// The national unit.
    pub national: UnitId,
    /// The local unit aligned with it.
    pub local: UnitId,
    /// The national clause (normalised), cue included (不得擅自改变用途).
    pub national_text: String,
    /// The local clause with the same act, if the local unit has one.
    pub local_text: Option<String>,
    /// The national cue (应当, 不得).
    pub cue: String,
    /// The local cue of that clause (可以), if any.
    pub local_cue: Option<String>,
    /// What became of it.
    pub change: DutyChange,
}

/// The condition diff of a local document against a national one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConditionDiff {
    /// Condition lists and their item pairs.
    pub lists: Vec<ListDiff>,
    /// Constraints of both documents, paired and compared.
    pub constraints: Vec<ConstraintChange>,
    /// National duties weakened and prohibitions dropped in aligned local units.
    pub duties: Vec<Duty>,
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn span() -> impl Strategy<Value = Span> {
        (0usize..60, 0usize..20).prop_map(|(start, len)| Span::new(start, start + len))
    }

    proptest! {
        /// What is left is exactly the bytes of the spans outside every hole, as maximal pieces
        /// in the order of the spans.
        #[test]
        fn subtract_keeps_exactly_the_bytes_outside_the_holes(
            spans in prop::collection::vec(span(), 0..4),
            holes in prop::collection::vec(span(), 0..6),
        ) {
            let left = subtract(&spans, &holes);
            let expected: Vec<usize> = spans
                .iter()
                .flat_map(|s| s.start..s.end)
                .filter(|b| !holes.iter().any(|h| h.start <= *b && *b < h.end))
                .collect();
            let got: Vec<usize> = left.iter().flat_map(|s| s.start..s.end).collect();
            prop_assert_eq!(got, expected);
            prop_assert!(left.iter().all(|s| !s.is_empty()));
            // Span by span, pieces never touch: a touching pair would be one piece.
            let by_span: Vec<Vec<Span>> = spans.iter().map(|s| subtract(&[*s], &holes)).collect();
            prop_assert_eq!(&left, &by_span.concat());
            for pieces in &by_span {
                prop_assert!(pieces.windows(2).all(|pair| pair[0].end < pair[1].start));
            }
        }
    }
}
