//! Extraction: document numbers, 《titles》 with the numbers bound to them, 简称 aliases and
//! internal references, found on the original text with their offsets (`grammar/citation.ebnf`).

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use regex::Regex;

use crate::lexicon;
use crate::model::{Citation, Document, Relation, Span, Target, UnitId, UnitKind};
use crate::normalize::t2s;
use crate::parse::grammar::{self, DocNumber};
use crate::text::{is_cjk, is_space};

/// A document number found in the text.
#[derive(Clone, Debug)]
pub struct NumberMatch {
    /// Where it is, issuer code to 号.
    pub span: Span,
    /// Canonical form, or the raw text for a malformed number.
    pub canonical: String,
    /// True when it does not parse.
    pub malformed: bool,
}

/// A 《title》 found in the text.
#[derive(Clone, Debug)]
pub struct TitleMatch {
    /// Where it is, 《 to 》 included.
    pub span: Span,
    /// The text inside the outer brackets, simplified.
    pub title: String,
}

fn year_bracket() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"[〔\[［(（【﹝]\s*[0-9０-９]{4}\s*[〕\]］)）】﹞]\s*[0-9０-９]{1,6}\s*[号號]")
            .expect("valid regex")
    })
}

fn order_mark() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"令\s*第?\s*[0-9０-９]{1,6}\s*[号號]").expect("valid regex"))
}

fn malformed_mark() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"[〔\[［【﹝][0-9０-９]{5,}\s*[号號]").expect("valid regex"))
}

/// Characters an issuer code may not contain.
fn is_issuer_char(c: char) -> bool {
    is_cjk(c) && !matches!(c, '第' | '号' | '號' | '年' | '月' | '日' | '令')
}

/// The start of the issuer code that ends at `end`: the CJK run before it, less any leading
/// verb or connective (`根据国科发政` → `国科发政`), at most eight characters.
fn issuer_start(text: &str, end: usize) -> Option<usize> {
    let before = text[..end].trim_end_matches(is_space);
    let end = before.len();
    let run: Vec<(usize, char)> =
        before.char_indices().rev().take_while(|(_, c)| is_issuer_char(*c)).take(12).collect();
    let mut start = run.last()?.0;
    loop {
        let simple = t2s(&text[start..end]);
        let prefix = lexicon::citation_prefixes()
            .iter()
            .filter(|p| simple.starts_with(**p) && simple.len() > p.len())
            .max_by_key(|p| p.len());
        match prefix {
            Some(p) => {
                let chars = p.chars().count();
                start += text[start..].char_indices().nth(chars).map_or(0, |(i, _)| i);
            }
            None => break,
        }
    }
    let chars = text[start..end].chars().count();
    if chars > 8 {
        start += text[start..].char_indices().nth(chars - 8).map_or(0, |(i, _)| i);
    }
    (start < end).then_some(start)
}

fn canonical(n: &DocNumber) -> String {
    n.canonical(&t2s(&n.issuer))
}

/// Every document number in `text`, well-formed and malformed, in text order.
pub fn numbers(text: &str) -> Vec<NumberMatch> {
    let mut found = Vec::new();
    let marks = year_bracket().find_iter(text).map(|m| (m.start(), false));
    let orders = order_mark().find_iter(text).map(|m| (m.start(), true));
    for (at, order) in marks.chain(orders) {
        let Some(start) = issuer_start(text, at) else {
            continue;
        };
        let parsed = if order { grammar::order_number(&text[start..]) } else { grammar::doc_number(&text[start..]) };
        if let Ok((rest, n)) = parsed {
            let end = text.len() - rest.len();
            found.push(NumberMatch { span: Span::new(start, end), canonical: canonical(&n), malformed: false });
        }
    }
    for m in malformed_mark().find_iter(text) {
        let start = issuer_start(text, m.start()).unwrap_or(m.start());
        let raw = t2s(&text[start..m.end()]);
        found.push(NumberMatch { span: Span::new(start, m.end()), canonical: raw, malformed: true });
    }
    found.sort_by_key(|n| n.span.start);
    found
}

/// Every outermost 《title》 of `text` that closes on the same line.
pub fn titles(text: &str) -> Vec<TitleMatch> {
    const OPEN: &[u8] = "《".as_bytes();
    const CLOSE: &[u8] = "》".as_bytes();
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut open = 0usize;
    // Only the brackets and line ends matter, so only they are visited: both brackets start
    // with the byte 0xE3, which in UTF-8 never sits inside another character.
    for i in memchr::memchr3_iter(b'\n', b'\r', OPEN[0], bytes) {
        let at = &bytes[i..];
        if at.starts_with(OPEN) {
            if depth == 0 {
                open = i;
            }
            depth += 1;
        } else if at.starts_with(CLOSE) && depth > 0 {
            depth -= 1;
            if depth == 0 {
                let inner = &text[open + OPEN.len()..i];
                if !inner.trim().is_empty() && inner.chars().count() <= 200 {
                    found.push(TitleMatch { span: Span::new(open, i + CLOSE.len()), title: t2s(inner.trim()) });
                }
            }
        } else if matches!(at[0], b'\n' | b'\r') {
            depth = 0;
        }
    }
    found
}

/// Skips spaces from `at`.
fn skip_gap(text: &str, at: usize) -> usize {
    at + crate::text::leading_space_len(&text[at..])
}

/// The bracket group opening at `at` (（…） or (…)), as the span of its inside and its end.
fn paren_group(text: &str, at: usize) -> Option<(Span, usize)> {
    let rest = &text[at..];
    let open = rest.chars().next().filter(|c| matches!(c, '（' | '('))?;
    let inner_start = at + open.len_utf8();
    let mut depth = 1;
    for (i, c) in text[inner_start..].char_indices().take(80) {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => {
                depth -= 1;
                if depth == 0 {
                    let end = inner_start + i;
                    return Some((Span::new(inner_start, end), end + c.len_utf8()));
                }
            }
            '\n' | '\r' => return None,
            _ => {}
        }
    }
    None
}

/// `简称《意见》` or `以下简称联盟` inside a bracket group: the alias.
fn alias_in(inner: &str) -> Option<String> {
    let simple = t2s(inner);
    let (_, after) = simple.split_once("简称")?;
    let after = after.trim_matches(|c: char| is_space(c) || matches!(c, '：' | ':' | '“' | '”' | '"'));
    let alias = after.strip_prefix('《').and_then(|a| a.split('》').next()).unwrap_or(after);
    let alias = alias.trim_end_matches(['）', ')', '”', '"']);
    (!alias.is_empty() && alias.chars().count() <= 20).then(|| alias.to_string())
}

/// The innermost unit whose own text, label or heading holds byte `at`.
struct Owners(Vec<(Span, UnitId)>);

impl Owners {
    fn new(doc: &Document) -> Owners {
        let mut regions = Vec::new();
        doc.walk(|u| {
            for span in doc.own_text_spans(u).into_iter().chain(u.label).chain(u.heading) {
                regions.push((span, u.id.clone()));
            }
        });
        regions.sort_by_key(|(s, _)| s.start);
        Owners(regions)
    }

    fn at(&self, at: usize) -> Option<&UnitId> {
        let i = self.0.partition_point(|(s, _)| s.start <= at);
        self.0[..i].iter().rev().take(4).find(|(s, _)| s.start <= at && at < s.end).map(|(_, id)| id)
    }
}

/// A raw citation before relation typing.
struct Raw {
    span: Span,
    /// 本《意见》: the document names itself.
    own: bool,
    number: Option<NumberMatch>,
    title: Option<String>,
    alias: Option<String>,
    defines_alias: bool,
}

/// All citations of a document, with their units and relations.
pub fn extract(doc: &Document) -> Vec<Citation> {
    let owners = Owners::new(doc);
    let text = doc.text.as_str();
    let own_number = doc.front.doc_number.clone();
    let mut numbers = numbers(text);
    numbers.retain(|n| owners.at(n.span.start).is_some() && Some(&n.canonical) != own_number.as_ref());
    let titles: Vec<TitleMatch> = titles(text).into_iter().filter(|t| owners.at(t.span.start).is_some()).collect();

    let mut raws = Vec::new();
    let mut bound = vec![false; numbers.len()];
    let mut aliases: HashMap<String, (Option<String>, Option<String>)> = HashMap::default();
    for t in &titles {
        // A title inside an earlier citation's bracket group is its alias (简称《意见》).
        if raws.last().is_some_and(|r: &Raw| r.span.contains(t.span)) {
            continue;
        }
        let mut raw = Raw {
            span: t.span,
            own: text[..t.span.start].ends_with('本'),
            number: None,
            title: Some(t.title.clone()),
            alias: None,
            defines_alias: false,
        };
        let mut cursor = skip_gap(text, t.span.end);
        // 《title》（number，简称《alias》） and 《title》（以下简称《alias》）, in either order of groups.
        for _ in 0..2 {
            let Some((inner, end)) = paren_group(text, cursor) else {
                break;
            };
            let number_at = numbers.iter().position(|n| inner.contains(n.span));
            if let Some(k) = number_at.filter(|_| raw.number.is_none()) {
                bound[k] = true;
                raw.number = Some(numbers[k].clone());
            }
            if let Some(alias) = alias_in(&text[inner.start..inner.end]) {
                raw.alias = Some(alias);
                raw.defines_alias = true;
            }
            if number_at.is_none() && !raw.defines_alias {
                break;
            }
            raw.span = raw.span.cover(Span::new(inner.start, end));
            cursor = skip_gap(text, end);
        }
        if raw.defines_alias {
            let alias = raw.alias.clone().unwrap_or_default();
            aliases.insert(alias, (raw.number.as_ref().map(|n| n.canonical.clone()), raw.title.clone()));
        } else if raw.number.is_none() {
            if let Some((number, title)) = aliases.get(&t.title) {
                raw.alias = Some(t.title.clone());
                raw.title = title.clone();
                raw.number = number.as_ref().map(|canonical| NumberMatch {
                    span: t.span,
                    canonical: canonical.clone(),
                    malformed: false,
                });
            }
        }
        raws.push(raw);
    }
    for (k, n) in numbers.iter().enumerate() {
        if !bound[k] {
            raws.push(Raw {
                span: n.span,
                own: false,
                number: Some(n.clone()),
                title: None,
                alias: None,
                defines_alias: false,
            });
        }
    }
    raws.sort_by_key(|r| r.span.start);

    let attachment_titles = attachment_title_keys(doc);
    let mut citations: Vec<Citation> = raws
        .into_iter()
        .map(|r| {
            let relation = if r.own {
                Relation::Mentions
            } else {
                super::relation::relation(text, r.span, r.title.as_deref(), &attachment_titles)
            };
            Citation {
                unit: owners.at(r.span.start).cloned(),
                span: r.span,
                malformed: r.number.as_ref().is_some_and(|n| n.malformed),
                doc_number: r.number.map(|n| n.canonical),
                title: r.title,
                alias: r.alias,
                relation,
                target: if r.own { Target::Internal(None) } else { Target::Document },
            }
        })
        .collect();
    citations.extend(internal_references(doc, &owners, &citations));
    citations.sort_by_key(|c| c.span.start);
    citations
}

/// Match keys of the document's attachment titles, for the `issues` relation.
fn attachment_title_keys(doc: &Document) -> Vec<String> {
    doc.units
        .iter()
        .filter(|u| u.kind == UnitKind::Attachment)
        .flat_map(|att| att.children.iter().filter(|c| c.kind == UnitKind::Front(crate::model::FrontKind::Title)))
        .map(|title| crate::normalize::text_key(&doc.own_text(title)))
        .collect()
}

fn internal_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let n = "[零〇一二两三四五六七八九十百千0-9]+";
        Regex::new(&format!(
            r"本(?:实施办法|實施辦法|办法|辦法|规定|規定|条例|條例|意见|意見|细则|細則|通知|决定|決定|方案|法)|本[条條](?:第(?P<bp>{n})款)?|前款|第(?P<art>{n})[条條](?:之(?P<sub>{n}))?(?:第(?P<para>{n})款)?(?:第[（(]?(?P<item>{n})[）)]?[项項])?"
        ))
        .expect("valid regex")
    })
}

fn numeral(text: &str) -> Option<u32> {
    grammar::numeral(text).ok().filter(|(rest, _)| rest.is_empty()).map(|(_, n)| n)
}

/// 本办法, 第八条, 前款, 本条第二款: references to the document itself or its units.
fn internal_references(doc: &Document, owners: &Owners, external: &[Citation]) -> Vec<Citation> {
    let text = doc.text.as_str();
    let mut found = Vec::new();
    // Most matches are articles' own labels and are skipped: their groups are only read for the
    // matches kept, so the plain search finds them and only those are searched again for groups.
    for m in internal_pattern().find_iter(text) {
        let span = Span::new(m.start(), m.end());
        let Some(unit) = owners.at(span.start) else {
            continue;
        };
        let in_label = doc.find(unit).and_then(|u| u.label).is_some_and(|l| l.contains(span));
        let pinpoint = external.iter().any(|c| c.span.end <= span.start && span.start - c.span.end <= 6);
        let after_name = text[..span.start].ends_with(['法', '》', '例']) && !m.as_str().starts_with('本');
        let inside_word = m.as_str().starts_with('本') && text[..span.start].ends_with(WORDS_ENDING_BEFORE_BEN);
        if in_label || pinpoint || after_name || inside_word {
            continue;
        }
        let Some(caps) = internal_pattern().captures_at(text, m.start()) else {
            continue;
        };
        let target = internal_target(doc, unit, m.as_str(), &caps);
        found.push(Citation {
            unit: Some(unit.clone()),
            span,
            doc_number: None,
            title: None,
            alias: None,
            relation: Relation::Mentions,
            malformed: false,
            target: Target::Internal(target),
        });
    }
    found
}

/// Characters that make 本 part of a word (基本条件, 成本, 文本), not a self-reference.
const WORDS_ENDING_BEFORE_BEN: &[char] = &[
    '基', '根', '成', '资', '資', '样', '樣', '文', '版', '副', '剧', '劇', '日', '书', '書', '课', '課', '账', '帳',
    '脚', '腳', '底', '原', '标', '標', '范', '範', '蓝', '藍', '读', '讀', '画', '畫', '工', '股', '母', '血', '老',
    '手', '户', '戶',
];

fn internal_target(doc: &Document, unit: &UnitId, matched: &str, caps: &regex::Captures) -> Option<UnitId> {
    use crate::model::{Segment, Step};
    let scope: Vec<Step> = unit.0.iter().take_while(|s| matches!(s.segment, Segment::Attachment(_))).copied().collect();
    let article = unit.article();
    let id = if let Some(art) = caps.name("art") {
        let sub = caps.name("sub").and_then(|s| numeral(s.as_str()));
        let mut id = UnitId(scope.into()).child(Segment::Article(numeral(art.as_str())?, sub));
        if let Some(p) = caps.name("para").and_then(|p| numeral(p.as_str())) {
            id = id.child(Segment::Paragraph(p));
        }
        if let Some(i) = caps.name("item").and_then(|i| numeral(i.as_str())) {
            id = id.child(Segment::Item(i));
        }
        id
    } else if matched.starts_with("本条") || matched.starts_with("本條") {
        let art = article?;
        match caps.name("bp").and_then(|p| numeral(p.as_str())) {
            Some(p) => art.child(Segment::Paragraph(p)),
            None => art,
        }
    } else if matched == "前款" {
        let pos = unit.0.iter().rposition(|s| matches!(s.segment, Segment::Paragraph(_)))?;
        let Segment::Paragraph(p) = unit.0[pos].segment else {
            return None;
        };
        let mut steps = unit.0[..pos].to_vec();
        steps.push(Step { segment: Segment::Paragraph(p.checked_sub(1).filter(|p| *p > 0)?), occurrence: 1 });
        UnitId(steps.into())
    } else {
        return None;
    };
    doc.find(&id).map(|u| u.id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The outermost titles found one character at a time: what [`titles`] must find.
    fn titles_by_character(text: &str) -> Vec<(Span, String)> {
        let (mut found, mut depth, mut open) = (Vec::new(), 0usize, 0usize);
        for (i, c) in text.char_indices() {
            match c {
                '《' => {
                    open = if depth == 0 { i } else { open };
                    depth += 1;
                }
                '》' if depth > 0 => {
                    depth -= 1;
                    let inner = &text[open + '《'.len_utf8()..i];
                    if depth == 0 && !inner.trim().is_empty() && inner.chars().count() <= 200 {
                        found.push((Span::new(open, i + '》'.len_utf8()), t2s(inner.trim())));
                    }
                }
                '\n' | '\r' => depth = 0,
                _ => {}
            }
        }
        found
    }

    #[test]
    fn titles_are_outermost_and_close_on_their_line() {
        let text = "根据《关于《科技法》的实施办法》和《条例\n》，参照《 》《办法》。";
        let found: Vec<String> = titles(text).into_iter().map(|t| t.title).collect();
        assert_eq!(found, ["关于《科技法》的实施办法", "办法"]);
    }

    proptest::proptest! {
        #[test]
        fn titles_match_a_character_by_character_scan(
            text in proptest::string::string_regex("[《》〈〉、。办法条例 \r\na-z]{0,80}").unwrap()
        ) {
            let found: Vec<(Span, String)> = titles(&text).into_iter().map(|t| (t.span, t.title)).collect();
            proptest::prop_assert_eq!(found, titles_by_character(&text));
        }
    }
}
