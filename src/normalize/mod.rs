//! Stage 2, normalize: script conversion (OpenCC t2s plus a curated Taiwan→mainland phrase list),
//! width folding, and the match key used for comparison. Every output character maps back to the
//! byte span of the original text it came from.

mod convert;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

pub use convert::{converter, Converter};

use crate::memo::{ByScript, TextMemo};
use crate::model::{Document, Script, Span, Unit, UnitId};
use crate::parse::grammar;
use crate::text::{fold_width, is_cjk, is_space, CharSet};

/// Characters t2s may change: one set for characters converted one by one, one for those
/// changed only inside phrases.
struct Triggers {
    characters: CharSet,
    phrases: CharSet,
}

impl Triggers {
    /// True if t2s converts `c` on its own.
    fn converts(&self, c: char) -> bool {
        self.characters.contains(c)
    }

    /// True if t2s may change `c`, alone or in a phrase.
    fn may_change(&self, c: char) -> bool {
        self.characters.contains(c) || self.phrases.contains(c)
    }
}

fn triggers() -> &'static Triggers {
    static CELL: OnceLock<Triggers> = OnceLock::new();
    CELL.get_or_init(|| Triggers {
        characters: CharSet::of(crate::lexicon::t2s_characters().iter().copied()),
        phrases: CharSet::of(crate::lexicon::t2s_phrase_characters().iter().copied()),
    })
}

/// True if t2s converts the character on its own (a traditional-only character).
pub fn is_traditional_only(c: char) -> bool {
    triggers().converts(c)
}

/// Simplified form of `text` by OpenCC t2s (no Taiwan vocabulary). NULs are dropped first. Text
/// with no character t2s could change is returned as it is, without a dictionary lookup: most
/// text zhengce sees is simplified already.
pub fn t2s(text: &str) -> String {
    let triggers = triggers();
    if !text.chars().any(|c| triggers.may_change(c)) {
        return text.replace('\0', "");
    }
    if text.contains('\0') {
        converted(&text.replace('\0', ""))
    } else {
        converted(text)
    }
}

/// `text` converted by the t2s converter, or remembered from an earlier conversion (up to 2 MB of
/// text): documents in traditional script repeat the sentences of the measures they derive from,
/// and OpenCC looks up every position of a text.
fn converted(text: &str) -> String {
    static MEMO: OnceLock<TextMemo<Box<str>>> = OnceLock::new();
    let memo = MEMO.get_or_init(|| TextMemo::new(2_000_000));
    memo.read(text, || converter().t2s(text).into(), |simple| simple.to_string())
}

/// Detects the script from the share of CJK characters that t2s converts on their own.
pub fn detect_script(text: &str) -> Script {
    // A few thousand characters decide the script.
    let triggers = triggers();
    let (total, changed) = text
        .chars()
        .filter(|c| is_cjk(*c))
        .take(3_000)
        .fold((0usize, 0usize), |(total, changed), c| (total + 1, changed + usize::from(triggers.converts(c))));
    if total == 0 {
        return Script::Simplified;
    }
    // A simplified text has (almost) no traditional-only characters; a traditional one has many
    // (about one in five in policy prose).
    match changed * 1000 / total {
        0..=2 => Script::Simplified,
        3..=60 => Script::Mixed,
        _ => Script::Traditional,
    }
}

/// Text derived from an original, with the original byte span of every character.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapped {
    /// The derived text.
    pub text: String,
    /// One span of the original per character of `text`.
    pub origins: Vec<Span>,
}

/// Where derived characters go: a [`Mapped`] keeps their origins, a `String` only the text.
trait Sink {
    fn push(&mut self, c: char, origin: Span);
}

impl Sink for Mapped {
    #[inline]
    fn push(&mut self, c: char, origin: Span) {
        self.text.push(c);
        self.origins.push(origin);
    }
}

impl Sink for String {
    #[inline]
    fn push(&mut self, c: char, _: Span) {
        String::push(self, c);
    }
}

impl Mapped {
    /// The original span covered by characters `from..to` (character indices) of the text.
    pub fn origin_of(&self, from: usize, to: usize) -> Option<Span> {
        let first = self.origins.get(from)?;
        let last = self.origins.get(to.checked_sub(1)?)?;
        Some(first.cover(*last))
    }
}

/// A phrase table, with a bitmap of the characters its phrases start with so that most positions
/// are rejected without a lookup.
struct PhraseTable {
    phrases: FxHashMap<String, String>,
    starts: CharSet,
    /// Characters in the longest phrase, at most 8: no longer prefix of a text is looked up.
    longest: usize,
}

fn phrase_table(file: &'static str) -> PhraseTable {
    let phrases: FxHashMap<String, String> = file
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(from, to)| (from.to_string(), to.trim().to_string()))
        .collect();
    let starts = CharSet::of(phrases.keys().filter_map(|k| k.get(..k.chars().next()?.len_utf8())));
    let longest = phrases.keys().map(|k| k.chars().count()).max().unwrap_or(0).min(8);
    PhraseTable { starts, phrases, longest }
}

fn tw_phrases() -> &'static PhraseTable {
    static CELL: OnceLock<PhraseTable> = OnceLock::new();
    CELL.get_or_init(|| phrase_table(include_str!("../../grammar/tw-phrases.tsv")))
}

fn key_variants() -> &'static PhraseTable {
    static CELL: OnceLock<PhraseTable> = OnceLock::new();
    CELL.get_or_init(|| phrase_table(include_str!("../../grammar/key-variants.tsv")))
}

/// Longest phrase of `table` (at most 8 characters) that starts `text`, with its byte length.
#[inline]
fn longest_phrase<'t>(table: &'t PhraseTable, text: &str) -> Option<(usize, &'t str)> {
    if !text.chars().next().is_some_and(|c| table.starts.contains(c)) {
        return None;
    }
    longest_listed_phrase(table, text)
}

/// [`longest_phrase`] once the first character is known to start a phrase of the table.
fn longest_listed_phrase<'t>(table: &'t PhraseTable, text: &str) -> Option<(usize, &'t str)> {
    let mut ends = [0; 8];
    let mut count = 0;
    for ((i, c), end) in text.char_indices().zip(&mut ends[..table.longest]) {
        *end = i + c.len_utf8();
        count += 1;
    }
    ends[..count].iter().rev().find_map(|&end| table.phrases.get(&text[..end]).map(|to| (end, to.as_str())))
}

/// The display text of `span` of `original`: simplified script (t2s plus the Taiwan phrase list,
/// for traditional and mixed documents only), full-width ASCII and spaces folded.
pub fn display(original: &str, span: Span, script: Script) -> Mapped {
    let mut out = Mapped::default();
    display_into(&mut out, original, span, script);
    out
}

/// [`display`], appended to `out`.
fn display_into(out: &mut Mapped, original: &str, span: Span, script: Script) {
    let text = &original[span.start..span.end];
    if script == Script::Simplified {
        out.text.reserve(text.len());
        out.origins.reserve(text.len() / 3);
        // Characters that stay as they are (nearly all of them) are copied a run at a time.
        let mut unchanged = 0;
        for (i, c) in text.char_indices() {
            if folded(c) == Some(c) {
                out.origins.push(Span::new(span.start + i, span.start + i + c.len_utf8()));
                continue;
            }
            out.text.push_str(&text[unchanged..i]);
            unchanged = i + c.len_utf8();
            push_folded(out, c, Span::new(span.start + i, unchanged + span.start));
        }
        out.text.push_str(&text[unchanged..]);
        return;
    }
    let mut chunk_start = 0;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if let Some((len, to)) = longest_phrase(tw_phrases(), rest) {
            convert_chunk(out, original, span.start + chunk_start, span.start + i);
            let origin = Span::new(span.start + i, span.start + i + len);
            for c in to.chars() {
                push_folded(out, c, origin);
            }
            i += len;
            chunk_start = i;
            continue;
        }
        let c = rest.chars().next().expect("non-empty rest");
        i += c.len_utf8();
        if matches!(c, '\n' | '\r' | '。' | '；') {
            convert_chunk(out, original, span.start + chunk_start, span.start + i);
            chunk_start = i;
        }
    }
    convert_chunk(out, original, span.start + chunk_start, span.start + text.len());
}

/// t2s over one chunk; characters map one to one when the lengths agree. When a phrase changes
/// the length, the chunk is converted again in clause-sized pieces so that only the piece with
/// the phrase maps coarsely.
fn convert_chunk(out: &mut Mapped, original: &str, start: usize, end: usize) {
    if start >= end {
        return;
    }
    if !convert_exact(out, original, start, end) {
        let chunk = &original[start..end];
        let mut piece_start = start;
        for (i, c) in chunk.char_indices() {
            if matches!(c, '，' | ',' | '、' | '：' | ':' | '（' | '(' | '）' | ')' | '《' | '》') {
                convert_piece(out, original, piece_start, start + i + c.len_utf8());
                piece_start = start + i + c.len_utf8();
            }
        }
        convert_piece(out, original, piece_start, end);
    }
}

/// Converts `start..end` if t2s keeps its length, mapping character to character.
fn convert_exact(out: &mut Mapped, original: &str, start: usize, end: usize) -> bool {
    let chunk = &original[start..end];
    let converted = t2s(chunk);
    let source: Vec<(usize, char)> = chunk.char_indices().filter(|(_, c)| *c != '\0').collect();
    if converted.chars().count() != source.len() {
        return false;
    }
    for ((i, c), d) in source.iter().zip(converted.chars()) {
        push_folded(out, d, Span::new(start + i, start + i + c.len_utf8()));
    }
    true
}

fn convert_piece(out: &mut Mapped, original: &str, start: usize, end: usize) {
    if start < end && !convert_exact(out, original, start, end) {
        for d in t2s(&original[start..end]).chars() {
            push_folded(out, d, Span::new(start, end));
        }
    }
}

/// A character as the display text has it: spaces but line ends as one space, full-width ASCII
/// as ASCII, NUL dropped.
#[inline]
fn folded(c: char) -> Option<char> {
    match c {
        '\0' => None,
        c if is_cjk(c) => Some(c),
        c if is_space(c) && !matches!(c, '\n' | '\r') => Some(' '),
        c => Some(fold_width(c)),
    }
}

#[inline]
fn push_folded(out: &mut Mapped, c: char, origin: Span) {
    if let Some(c) = folded(c) {
        out.push(c, origin);
    }
}

/// The match key of a display text: cross-strait variants folded, numbering labels at line
/// starts, punctuation and spaces dropped, ASCII lower-cased.
pub fn key(display: &Mapped) -> Mapped {
    let mut out = Mapped::default();
    key_into(&mut out, display);
    out
}

/// [`key`], appended to `out`.
fn key_into(out: &mut impl Sink, display: &Mapped) {
    let text = display.text.as_str();
    let variants = key_variants();
    // Byte and character position in the display text.
    let (mut b, mut k) = (0, 0);
    let mut line_start = true;
    while let Some(c) = text[b..].chars().next() {
        let rest = &text[b..];
        if line_start && !is_space(c) {
            line_start = false;
            if let Ok((after, _)) = grammar::label(rest) {
                let label = &rest[..rest.len() - after.len()];
                b += label.len();
                k += label.chars().count();
                continue;
            }
        }
        if c == '\n' || c == '\r' {
            line_start = true;
        }
        if let Some((len, n)) =
            variants.starts.contains(c).then(|| push_variant(out, variants, display, k, rest)).flatten()
        {
            b += len;
            k += n;
            continue;
        }
        if is_cjk(c) || c.is_alphanumeric() {
            out.push(c.to_ascii_lowercase(), display.origins[k]);
        }
        b += c.len_utf8();
        k += 1;
    }
}

/// When a cross-strait variant of `variants` starts at character `k` (`rest` is the text from
/// there), pushes its folded form, mapped to the variant's origin, and returns its length in bytes
/// and characters.
#[inline]
fn push_variant(
    out: &mut impl Sink,
    variants: &PhraseTable,
    display: &Mapped,
    k: usize,
    rest: &str,
) -> Option<(usize, usize)> {
    let (len, to) = longest_phrase(variants, rest)?;
    let n = rest[..len].chars().count();
    let origin = display.origin_of(k, k + n).unwrap_or_default();
    for d in to.chars() {
        out.push(d, origin);
    }
    Some((len, n))
}

/// The match key of `span` of a document's text.
pub fn key_of(original: &str, span: Span, script: Script) -> Mapped {
    key(&display(original, span, script))
}

/// Cross-strait variants folded and spaces dropped, punctuation kept: the text two units are
/// diffed on, so that 协定/协议 or 专案/项目 never show as edits.
pub fn fold_variants(display: &Mapped) -> Mapped {
    let mut out = Mapped::default();
    fold_into(&mut out, display);
    out
}

/// [`fold_variants`], appended to `out`.
fn fold_into(out: &mut impl Sink, display: &Mapped) {
    let text = display.text.as_str();
    let variants = key_variants();
    let (mut b, mut k) = (0, 0);
    while let Some(c) = text[b..].chars().next() {
        if let Some((len, n)) =
            variants.starts.contains(c).then(|| push_variant(out, variants, display, k, &text[b..])).flatten()
        {
            b += len;
            k += n;
            continue;
        }
        if !is_space(c) {
            out.push(c, display.origins[k]);
        }
        b += c.len_utf8();
        k += 1;
    }
}

/// The comparable text of a unit and its descendants (labels left out), for word-level diffs.
pub fn unit_text(doc: &Document, unit: &Unit) -> Mapped {
    let mut out = Mapped::default();
    for span in text_spans(doc, unit) {
        let part = fold_variants(&display(&doc.text, span, doc.script));
        out.text.push_str(&part.text);
        out.origins.extend(part.origins);
    }
    out
}

/// The spans that carry a unit's text, its descendants' included, in order: own text, and the
/// heading of list items (an item's heading is its text).
fn text_spans(doc: &Document, unit: &Unit) -> Vec<Span> {
    let mut spans = Vec::new();
    unit.walk(&mut |u: &Unit| {
        spans.extend(doc.own_text_spans(u));
        spans.extend(u.heading.filter(|_| u.kind.is_list_item()));
    });
    spans.sort();
    spans
}

/// The match key of a unit: its own text and that of its descendants, labels and headings of
/// list items included only through their text (numbering is never part of a key).
pub fn unit_key(doc: &Document, unit: &Unit) -> Mapped {
    let mut out = Mapped::default();
    for span in text_spans(doc, unit) {
        let part = key_of(&doc.text, span, doc.script);
        out.text.push_str(&part.text);
        out.origins.extend(part.origins);
    }
    out
}

/// The match key of a free-standing string, converted as traditional when it has any
/// traditional characters.
pub fn text_key(text: &str) -> String {
    key(&display(text, Span::new(0, text.len()), Script::Mixed)).text
}

/// Every character the comparable texts of `docs` can contain, or nearly: the documents' own
/// characters, printable ASCII (what width folding makes), the replacements of the phrase tables,
/// and, when a document is not in simplified script, what t2s makes of each character on its own
/// (t2s inside a phrase may rarely make yet another; a text with it is still segmented right,
/// only slower).
pub fn alphabet(docs: &[Document]) -> CharSet {
    let mut set = docs
        .par_iter()
        // A set is a 136 KB bitmap: a few per thread, not one per document.
        .with_min_len(64)
        .fold(CharSet::empty, |mut set, doc| {
            set.insert_all(&doc.text);
            set
        })
        .reduce(CharSet::empty, |a, b| a.union(&b));
    if docs.iter().any(|d| d.script != Script::Simplified) {
        let changing: Vec<char> = set.chars().filter(|&c| triggers().may_change(c)).collect();
        for c in changing {
            set.insert_all(&t2s(c.encode_utf8(&mut [0; 4])));
        }
    }
    set.insert_all(&(' '..='~').collect::<String>());
    for table in [tw_phrases(), key_variants()] {
        table.phrases.values().for_each(|to| set.insert_all(to));
    }
    set
}

/// The match key (with origins) and comparable text of every unit of a document, computed once:
/// each span of text is converted once, however many units (an article, its items) contain it,
/// and a document compared many times (a national one with every local one) is converted once.
///
/// The keys of all text spans are kept one after another in text order, and so are the texts. A
/// unit's text spans follow each other in that order, so its key and text are slices.
pub struct UnitTexts {
    keys: Mapped,
    texts: String,
    /// Where the key and text of the first `n` text spans end, for every `n`.
    ends: Vec<Ends>,
    /// Each unit's text spans, as a range of indices.
    units: FxHashMap<UnitId, (usize, usize)>,
}

/// The match key and comparable text of one span of text, its origins counted from the span's
/// start: they depend on nothing but the span's text and the document's script.
struct SpanTexts {
    key: Box<str>,
    /// Byte range in the span of each character of `key`.
    key_origins: Box<[Span]>,
    text: Box<str>,
}

impl SpanTexts {
    fn of(text: &str, script: Script) -> SpanTexts {
        let (mut display, mut key, mut folded) = (Mapped::default(), Mapped::default(), String::new());
        display_into(&mut display, text, Span::new(0, text.len()), script);
        key_into(&mut key, &display);
        fold_into(&mut folded, &display);
        SpanTexts { key: key.text.into(), key_origins: key.origins.into(), text: folded.into() }
    }

    /// Appends the key and text of the span starting at byte `start` of its document.
    fn append_to(&self, keys: &mut Mapped, texts: &mut String, start: usize) {
        keys.text.push_str(&self.key);
        keys.origins.extend(self.key_origins.iter().map(|o| Span::new(start + o.start, start + o.end)));
        texts.push_str(&self.text);
    }
}

/// Spans converted before, one memo per script (up to 2 MB of text each): local measures copy
/// whole paragraphs of the measures they derive from, and a span's key and text are copied far
/// faster than they are made.
fn span_memo(script: Script) -> &'static TextMemo<SpanTexts> {
    static MEMOS: OnceLock<ByScript<SpanTexts>> = OnceLock::new();
    MEMOS.get_or_init(|| ByScript::new(2_000_000)).of(script)
}

/// Ends in [`UnitTexts`]' buffers.
#[derive(Clone, Copy, Default)]
struct Ends {
    key_bytes: usize,
    key_chars: usize,
    text_bytes: usize,
}

impl UnitTexts {
    /// Computes the key and text of every unit of `doc`.
    pub fn new(doc: &Document) -> UnitTexts {
        let mut spans = Vec::new();
        doc.walk(|u: &Unit| {
            spans.extend(doc.own_text_spans(u));
            spans.extend(u.heading.filter(|_| u.kind.is_list_item()));
        });
        spans.sort();
        // Room for every character: most are kept, in key and text alike.
        let mut keys =
            Mapped { text: String::with_capacity(doc.text.len()), origins: Vec::with_capacity(doc.text.len() / 3) };
        let mut texts = String::with_capacity(doc.text.len());
        let mut ends = vec![Ends::default()];
        let memo = span_memo(doc.script);
        for &span in &spans {
            let text = &doc.text[span.start..span.end];
            memo.read(
                text,
                || SpanTexts::of(text, doc.script),
                |made| made.append_to(&mut keys, &mut texts, span.start),
            );
            ends.push(Ends { key_bytes: keys.text.len(), key_chars: keys.origins.len(), text_bytes: texts.len() });
        }
        let mut units = FxHashMap::default();
        doc.walk(|u: &Unit| {
            // Text spans never cross a unit's bounds, so a unit's are those starting inside it.
            let from = spans.partition_point(|s| s.start < u.span.start);
            let to = spans.partition_point(|s| s.start < u.span.end);
            units.insert(u.id.clone(), (from, to));
        });
        UnitTexts { keys, texts, ends, units }
    }

    fn range(&self, id: &UnitId) -> Option<(Ends, Ends)> {
        self.units.get(id).map(|&(from, to)| (self.ends[from], self.ends[to]))
    }

    /// The unit's match key (empty for an ID not in the document).
    pub fn key(&self, id: &UnitId) -> &str {
        self.mapped_key(id).map_or("", |(text, _)| text)
    }

    /// The unit's match key with the original span of every character, if the unit exists.
    pub fn mapped_key(&self, id: &UnitId) -> Option<(&str, &[Span])> {
        let (from, to) = self.range(id)?;
        Some((&self.keys.text[from.key_bytes..to.key_bytes], &self.keys.origins[from.key_chars..to.key_chars]))
    }

    /// The unit's comparable text (empty for an ID not in the document).
    pub fn text(&self, id: &UnitId) -> &str {
        self.range(id).map_or("", |(from, to)| &self.texts[from.text_bytes..to.text_bytes])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_conversion_is_the_converters_own() {
        let text = "產業技術創新戰略聯盟應當符合以下條件";
        let fresh = converter().t2s(text);
        assert_eq!(fresh, "产业技术创新战略联盟应当符合以下条件");
        // Converted, then remembered: the same both times, and another text is not mistaken for it.
        assert_eq!(t2s(text), fresh);
        assert_eq!(t2s(text), fresh);
        assert_eq!(t2s("聯盟"), "联盟");
    }
}
