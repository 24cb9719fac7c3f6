//! Word drafts (`.docx`, also as WPS writes them): the text a reader sees.
//!
//! A `.docx` is a zip archive of XML parts (read with `zip` and `quick-xml`: the parts needed are
//! few and small, and reading them directly keeps every detail in reach, which a document model
//! crate would hide). The document's text is its paragraphs, one to a line, each preceded by the
//! label Word's automatic numbering shows for it (`numbering.xml`: the level's `lvlText` with its
//! `%1…%9` filled in each level's `numFmt`, from its `start`, restarted by a `startOverride` or a
//! higher level), so that `第X条` and `（一）` typed or generated parse alike. Tracked changes read
//! as accepted: insertions kept, deletions dropped (a deleted paragraph mark joins the paragraph
//! to the next), and they are counted for a warning.
//!
//! Since the file is binary, the document's text is this extracted text, and spans and the
//! lossless promise hold against it.

use std::borrow::Cow;
use std::io::{Cursor, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::Extracted;
use crate::error::{Error, Result};
use crate::model::{Format, Span, TrackedChanges};

/// Reads the paragraphs of the Word document in `bytes` (read from `path`).
pub fn extract(path: &Path, bytes: &[u8]) -> Result<Extracted> {
    read(path, bytes).map(|(extracted, _)| extracted)
}

/// Where a paragraph lies in the extracted text and in `word/document.xml`: what a copy of the
/// document needs to anchor a comment on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placed {
    /// Its text (with its numbering label) in the extracted text, without the line end.
    pub text: Span,
    /// Where its content starts in `word/document.xml`: after the `w:p` start tag and its
    /// paragraph properties.
    pub content_start: usize,
    /// Where its content ends: the start of its `</w:p>`.
    pub content_end: usize,
}

/// The body of a Word document as [`extract`] reads it, with `word/document.xml` and where each
/// paragraph lies in it, in the order of the text.
#[derive(Debug)]
pub struct Layout {
    /// `word/document.xml`.
    pub document: String,
    /// The paragraphs with text or a label, in the order of the extracted text.
    pub paragraphs: Vec<Placed>,
}

/// Reads the Word document in `bytes` (read from `path`) as [`extract`] does, and says where its
/// paragraphs lie.
pub fn layout(path: &Path, bytes: &[u8]) -> Result<Layout> {
    read(path, bytes).map(|(_, layout)| layout)
}

fn read(path: &Path, bytes: &[u8]) -> Result<(Extracted, Layout)> {
    let bad = |detail: String| Error::Docx { path: path.into(), detail };
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| bad(format!("not a zip archive as a .docx is ({e})")))?;
    let document = part(&mut archive, "word/document.xml")
        .map_err(&bad)?
        .ok_or_else(|| bad("it holds no word/document.xml, so it is not a Word document".into()))?;
    let numbering = match part(&mut archive, "word/numbering.xml").map_err(&bad)? {
        Some(xml) => Numbering::parse(&xml).map_err(|e| bad(format!("word/numbering.xml: {e}")))?,
        None => Numbering::default(),
    };
    let styles = match part(&mut archive, "word/styles.xml").map_err(&bad)? {
        Some(xml) => StyleNumbers::parse(&xml).map_err(|e| bad(format!("word/styles.xml: {e}")))?,
        None => StyleNumbers::default(),
    };
    let body = Body::parse(&document).map_err(|e| bad(format!("word/document.xml: {e}")))?;
    let mut counters = Counters::default();
    let mut text = String::new();
    let mut placed = Vec::with_capacity(body.paragraphs.len());
    for paragraph in &body.paragraphs {
        let start = text.len();
        let number = paragraph.number.or_else(|| paragraph.style.as_deref().and_then(|s| styles.number(s)));
        if let Some(label) = number.and_then(|(num, level)| counters.label(&numbering, num, level)) {
            text.push_str(&label);
        }
        text.push_str(&paragraph.text);
        if text.len() > start {
            let (content_start, content_end) = paragraph.content;
            placed.push(Placed { text: Span::new(start, text.len()), content_start, content_end });
        }
        if !paragraph.mark_deleted {
            text.push('\n');
        }
    }
    let changes = body.changes;
    let tracked_changes = (changes.insertions + changes.deletions > 0).then_some(changes);
    let extracted = Extracted { text, format: Format::Docx, regions: Vec::new(), tracked_changes };
    Ok((extracted, Layout { document, paragraphs: placed }))
}

/// The text of one part of the archive, `None` when it is absent.
fn part(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> std::result::Result<Option<String>, String> {
    let mut file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("{name}: {e}")),
    };
    // A small archive may inflate to gigabytes (a zip bomb): a part is read no further than this.
    let mut text = String::new();
    file.by_ref().take(MAX_PART).read_to_string(&mut text).map_err(|e| format!("{name}: {e}"))?;
    if text.len() as u64 >= MAX_PART {
        return Err(format!("{name} inflates to more than {MAX_PART} bytes"));
    }
    Ok(Some(text))
}

/// The largest XML part read from a Word document.
const MAX_PART: u64 = 512 * 1024 * 1024;

/// The reader's byte offset in the XML.
fn position(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

/// The value of the attribute with local name `name` (`w:val` → `val`).
fn attr<'a>(element: &'a BytesStart, name: &str) -> Option<Cow<'a, str>> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
}

fn attr_number(element: &BytesStart, name: &str) -> Option<u32> {
    attr(element, name)?.trim().parse().ok()
}

/// One level of a numbering definition.
#[derive(Clone, Debug, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    suffix: &'static str,
    /// `isLgl`: every number of the label in decimal.
    legal: bool,
    /// `lvlRestart`: restart after a level above this (1-based) one; 0 for never.
    restart: Option<u32>,
}

/// A `w:num`: an abstract definition, with levels that start elsewhere or differ.
#[derive(Clone, Debug, Default)]
struct Num {
    abstract_id: u32,
    start_overrides: HashMap<usize, u32>,
    level_overrides: HashMap<usize, Level>,
}

/// `numbering.xml`.
#[derive(Clone, Debug, Default)]
struct Numbering {
    abstracts: HashMap<u32, HashMap<usize, Level>>,
    nums: HashMap<u32, Num>,
}

impl Numbering {
    fn parse(xml: &str) -> std::result::Result<Numbering, String> {
        let mut numbering = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abstract_id: Option<u32> = None;
        let mut num_id: Option<u32> = None;
        let mut override_level: Option<usize> = None;
        let mut level: Option<(usize, Level)> = None;
        loop {
            let event = reader.read_event().map_err(|e| e.to_string())?;
            let (element, is_start) = match &event {
                Event::Start(e) => (e, true),
                Event::Empty(e) => (e, false),
                Event::End(e) => {
                    match e.local_name().as_ref() {
                        "lvl" => {
                            if let Some((ilvl, done)) = level.take() {
                                numbering.store_level(abstract_id, num_id, ilvl, done);
                            }
                        }
                        "abstractNum" => abstract_id = None,
                        "num" => num_id = None,
                        "lvlOverride" => override_level = None,
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            let val = || attr(element, "val");
            match element.local_name().as_ref() {
                "abstractNum" if is_start => abstract_id = attr_number(element, "abstractNumId"),
                "num" if is_start => {
                    num_id = attr_number(element, "numId");
                    if let Some(id) = num_id {
                        numbering.nums.insert(id, Num::default());
                    }
                }
                "abstractNumId" => {
                    if let (Some(id), Some(target)) = (num_id, attr_number(element, "val")) {
                        numbering.nums.entry(id).or_default().abstract_id = target;
                    }
                }
                "lvlOverride" if is_start => override_level = attr_number(element, "ilvl").map(|l| l as usize),
                "startOverride" => {
                    if let (Some(id), Some(ilvl), Some(start)) = (num_id, override_level, attr_number(element, "val")) {
                        numbering.nums.entry(id).or_default().start_overrides.insert(ilvl, start);
                    }
                }
                "lvl" if is_start => {
                    let ilvl = attr_number(element, "ilvl").unwrap_or(0) as usize;
                    level =
                        Some((ilvl, Level { start: 1, format: "decimal".into(), suffix: "\t", ..Level::default() }));
                }
                name => {
                    let Some((_, level)) = level.as_mut() else {
                        continue;
                    };
                    match name {
                        "start" => level.start = attr_number(element, "val").unwrap_or(1),
                        "numFmt" => level.format = val().map(Cow::into_owned).unwrap_or_default(),
                        "lvlText" => level.text = val().map(Cow::into_owned).unwrap_or_default(),
                        "suff" => {
                            level.suffix = match val().as_deref() {
                                Some("space") => " ",
                                Some("nothing") => "",
                                _ => "\t",
                            }
                        }
                        "isLgl" => level.legal = val().as_deref() != Some("0") && val().as_deref() != Some("false"),
                        "lvlRestart" => level.restart = attr_number(element, "val"),
                        _ => {}
                    }
                }
            }
        }
        Ok(numbering)
    }

    fn store_level(&mut self, abstract_id: Option<u32>, num_id: Option<u32>, ilvl: usize, level: Level) {
        match (num_id, abstract_id) {
            (Some(num), _) => {
                self.nums.entry(num).or_default().level_overrides.insert(ilvl, level);
            }
            (None, Some(abs)) => {
                self.abstracts.entry(abs).or_default().insert(ilvl, level);
            }
            (None, None) => {}
        }
    }

    /// Level `ilvl` as list `num` shows it.
    fn level<'a>(&'a self, num: &'a Num, ilvl: usize) -> Option<&'a Level> {
        num.level_overrides.get(&ilvl).or_else(|| self.abstracts.get(&num.abstract_id)?.get(&ilvl))
    }
}

/// The numbering of paragraph styles (`styles.xml`): headings often number through their style.
#[derive(Clone, Debug, Default)]
struct StyleNumbers {
    numbers: HashMap<String, (Option<u32>, Option<usize>)>,
    based_on: HashMap<String, String>,
}

impl StyleNumbers {
    fn parse(xml: &str) -> std::result::Result<StyleNumbers, String> {
        let mut styles = StyleNumbers::default();
        let mut reader = Reader::from_str(xml);
        let mut style: Option<String> = None;
        loop {
            match reader.read_event().map_err(|e| e.to_string())? {
                Event::Start(e) if e.local_name().as_ref() == "style" => {
                    style = attr(&e, "styleId").map(Cow::into_owned);
                }
                Event::End(e) if e.local_name().as_ref() == "style" => style = None,
                Event::Empty(e) | Event::Start(e) => {
                    let Some(id) = style.clone() else {
                        continue;
                    };
                    match e.local_name().as_ref() {
                        "basedOn" => {
                            if let Some(parent) = attr(&e, "val") {
                                styles.based_on.insert(id, parent.into_owned());
                            }
                        }
                        "numId" => styles.numbers.entry(id).or_default().0 = attr_number(&e, "val"),
                        "ilvl" => styles.numbers.entry(id).or_default().1 = attr_number(&e, "val").map(|l| l as usize),
                        _ => {}
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(styles)
    }

    /// The list and level a paragraph of `style` is numbered in, through the styles it is based on.
    fn number(&self, style: &str) -> Option<(u32, usize)> {
        let mut current = style;
        for _ in 0..16 {
            if let Some(&(Some(num), level)) = self.numbers.get(current) {
                return Some((num, level.unwrap_or(0)));
            }
            current = self.based_on.get(current)?;
        }
        None
    }
}

/// The running numbers of every list. Lists that share an abstract definition share numbers, as
/// in Word: a `w:num` with a `startOverride` restarts them where it is first used.
#[derive(Debug, Default)]
struct Counters {
    values: HashMap<u32, [Option<u32>; 9]>,
    starts: HashMap<(u32, usize), u32>,
    started: HashSet<u32>,
}

impl Counters {
    /// The label of the next paragraph of list `num_id` at level `ilvl`, with its suffix.
    fn label(&mut self, numbering: &Numbering, num_id: u32, ilvl: usize) -> Option<String> {
        let num = numbering.nums.get(&num_id)?;
        let ilvl = ilvl.min(8);
        let level = numbering.level(num, ilvl)?;
        let abs = num.abstract_id;
        if self.started.insert(num_id) {
            for (&l, &start) in &num.start_overrides {
                self.starts.insert((abs, l.min(8)), start);
                self.values.entry(abs).or_default()[l.min(8)] = None;
            }
        }
        let start_of = |starts: &HashMap<(u32, usize), u32>, l: usize| {
            starts.get(&(abs, l)).copied().or_else(|| numbering.level(num, l).map(|lv| lv.start)).unwrap_or(1)
        };
        let current = self.values.entry(abs).or_default()[ilvl];
        let value = current.map_or_else(|| start_of(&self.starts, ilvl), |n| n + 1);
        let values = self.values.entry(abs).or_default();
        values[ilvl] = Some(value);
        // A deeper level restarts after this one, unless its lvlRestart says it does not.
        for (deeper, value) in values.iter_mut().enumerate().skip(ilvl + 1) {
            let restarts =
                numbering.level(num, deeper).and_then(|l| l.restart).is_none_or(|r| r != 0 && ilvl < r as usize);
            if restarts {
                *value = None;
            }
        }
        let values = *values;
        let mut label = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d @ 1..=9)) => {
                    chars.next();
                    let l = d as usize - 1;
                    let n = values[l].unwrap_or_else(|| start_of(&self.starts, l));
                    let format = if level.legal {
                        "decimal"
                    } else {
                        numbering.level(num, l).map_or("decimal", |lv| &lv.format)
                    };
                    label.push_str(&format_number(n, format));
                }
                ('\u{f000}'..='\u{f0ff}', _) => label.push('•'),
                _ => label.push(c),
            }
        }
        if level.format == "none" || label.is_empty() {
            return None;
        }
        label.push_str(level.suffix);
        Some(label)
    }
}

const CN_DIGITS: [char; 10] = crate::text::CN_DIGITS;
const CN_LEGAL: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// `n` written in a `numFmt`; unknown formats in decimal.
fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "taiwanCounting"
        | "taiwanCountingThousand"
        | "japaneseCounting" => crate::text::chinese_counting(n, &CN_DIGITS, ['十', '百', '千'], '零'),
        "chineseLegalSimplified" => crate::text::chinese_counting(n, &CN_LEGAL, ['拾', '佰', '仟'], '零'),
        "ideographDigital" | "taiwanDigital" | "japaneseDigitalTenThousand" => {
            n.to_string().chars().map(|d| CN_DIGITS[d.to_digit(10).unwrap_or(0) as usize]).collect()
        }
        "ideographTraditional" => cycle(n, "甲乙丙丁戊己庚辛壬癸"),
        "ideographZodiac" => cycle(n, "子丑寅卯辰巳午未申酉戌亥"),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32('①' as u32 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => {
            n.to_string().chars().filter_map(|d| char::from_u32(d as u32 - '0' as u32 + '０' as u32)).collect()
        }
        "decimalZero" if n < 10 => format!("0{n}"),
        "lowerLetter" | "upperLetter" => {
            let base = if format == "lowerLetter" { b'a' } else { b'A' };
            let letter = char::from(base + ((n.max(1) - 1) % 26) as u8);
            letter.to_string().repeat(((n.max(1) - 1) / 26 + 1) as usize)
        }
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        _ => n.to_string(),
    }
}

fn cycle(n: u32, signs: &str) -> String {
    let signs: Vec<char> = signs.chars().collect();
    signs[((n.max(1) - 1) as usize) % signs.len()].to_string()
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, letters) in TABLE {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// One paragraph of the body, before its label.
#[derive(Clone, Debug, Default)]
struct Paragraph {
    text: String,
    /// `w:numPr`: list and level.
    number: Option<(u32, usize)>,
    style: Option<String>,
    /// The paragraph mark is a tracked deletion: the paragraph runs on into the next.
    mark_deleted: bool,
    /// Where its content starts and ends in the XML (see [`Placed`]).
    content: (usize, usize),
}

/// `document.xml`: paragraphs in order and the tracked changes met.
#[derive(Debug, Default)]
struct Body {
    paragraphs: Vec<Paragraph>,
    changes: TrackedChanges,
}

impl Body {
    fn parse(xml: &str) -> std::result::Result<Body, String> {
        let mut body = Body::default();
        let mut reader = Reader::from_str(xml);
        // Open paragraphs (a text box holds paragraphs inside a paragraph) and open elements.
        let mut open: Vec<Paragraph> = Vec::new();
        let mut path: Vec<String> = Vec::new();
        let mut num_id: Option<u32> = None;
        let mut ilvl: Option<usize> = None;
        // Depth inside elements whose text a reader does not see: deletions, field codes, the
        // fallback copy of alternate content.
        let mut hidden = 0usize;
        loop {
            let before = position(&reader);
            let event = reader.read_event().map_err(|e| e.to_string())?;
            match event {
                Event::Start(e) => {
                    let name = e.local_name().as_ref().to_string();
                    Self::element(&mut body, &mut open, &path, &e, &mut num_id, &mut ilvl);
                    if name == "p" {
                        let after = position(&reader);
                        open.push(Paragraph { content: (after, after), ..Paragraph::default() });
                        num_id = None;
                        ilvl = None;
                    }
                    if hidden > 0 || matches!(name.as_str(), "del" | "moveFrom" | "instrText" | "Fallback" | "delText")
                    {
                        hidden += 1;
                    }
                    path.push(name);
                }
                Event::Empty(e) => {
                    Self::element(&mut body, &mut open, &path, &e, &mut num_id, &mut ilvl);
                    if hidden == 0 && path.last().is_some_and(|p| p == "r") {
                        if let Some(p) = open.last_mut() {
                            match e.local_name().as_ref() {
                                "tab" | "ptab" => p.text.push('\t'),
                                "br" | "cr" => p.text.push('\n'),
                                "noBreakHyphen" => p.text.push('-'),
                                _ => {}
                            }
                        }
                    }
                }
                Event::End(e) => {
                    path.pop();
                    hidden = hidden.saturating_sub(1);
                    // The paragraph's own properties come first in it; its content follows them.
                    if e.local_name().as_ref() == "pPr" && path.last().is_some_and(|p| p == "p") {
                        if let Some(p) = open.last_mut() {
                            p.content.0 = position(&reader);
                        }
                    }
                    if e.local_name().as_ref() == "p" {
                        if let Some(mut p) = open.pop() {
                            p.content.1 = before;
                            if let Some(num) = num_id.take().filter(|n| *n != 0) {
                                p.number = Some((num, ilvl.take().unwrap_or(0)));
                            }
                            body.paragraphs.push(p);
                        }
                    }
                }
                Event::Text(t) if hidden == 0 && path.last().is_some_and(|p| p == "t") => {
                    if let Some(p) = open.last_mut() {
                        p.text.push_str(&t.xml10_content());
                    }
                }
                Event::GeneralRef(r) if hidden == 0 && path.last().is_some_and(|p| p == "t") => {
                    let c = match r.resolve_char_ref().ok().flatten() {
                        Some(c) => Some(c),
                        None => match r.xml10_content().as_ref() {
                            "amp" => Some('&'),
                            "lt" => Some('<'),
                            "gt" => Some('>'),
                            "quot" => Some('"'),
                            "apos" => Some('\''),
                            _ => None,
                        },
                    };
                    if let (Some(p), Some(c)) = (open.last_mut(), c) {
                        p.text.push(c);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(body)
    }

    /// What an opening or empty element says about the paragraph or the tracked changes.
    fn element(
        body: &mut Body,
        open: &mut [Paragraph],
        path: &[String],
        e: &BytesStart,
        num_id: &mut Option<u32>,
        ilvl: &mut Option<usize>,
    ) {
        let in_paragraph_props = path.iter().any(|p| p == "pPr");
        match e.local_name().as_ref() {
            "ins" | "moveTo" => body.changes.insertions += 1,
            "del" | "moveFrom" => {
                body.changes.deletions += 1;
                if in_paragraph_props && path.last().is_some_and(|p| p == "rPr") {
                    if let Some(p) = open.last_mut() {
                        p.mark_deleted = true;
                    }
                }
            }
            "numId" if in_paragraph_props => *num_id = attr_number(e, "val"),
            "ilvl" if in_paragraph_props => *ilvl = attr_number(e, "val").map(|l| l as usize),
            "pStyle" => {
                if let Some(p) = open.last_mut() {
                    p.style = attr(e, "val").map(Cow::into_owned);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counting_reads_as_written() {
        let written: Vec<String> =
            [1, 10, 11, 20, 21, 100, 105, 110, 1010].iter().map(|&n| format_number(n, "chineseCounting")).collect();
        assert_eq!(written, ["一", "十", "十一", "二十", "二十一", "一百", "一百零五", "一百一十", "一千零一十"]);
        assert_eq!(format_number(3, "ideographTraditional"), "丙");
        assert_eq!(format_number(12, "chineseLegalSimplified"), "拾贰");
        assert_eq!(format_number(2, "decimalEnclosedCircle"), "②");
    }

    fn numbering() -> Numbering {
        Numbering::parse(
            r#"<w:numbering xmlns:w="w">
            <w:abstractNum w:abstractNumId="1">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1条"/><w:suff w:val="space"/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
            </w:abstractNum>
            <w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>
            <w:num w:numId="6"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
            </w:numbering>"#,
        )
        .unwrap()
    }

    #[test]
    fn labels_follow_levels_and_restarts() {
        let numbering = numbering();
        let mut c = Counters::default();
        let labels: Vec<String> = [(5, 0), (5, 1), (5, 1), (5, 0), (5, 1), (6, 0)]
            .iter()
            .filter_map(|&(n, l)| c.label(&numbering, n, l))
            .collect();
        assert_eq!(labels, ["第一条 ", "（一）", "（二）", "第二条 ", "（一）", "第一条 "]);
    }
}
