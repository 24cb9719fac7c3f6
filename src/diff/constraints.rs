//! Structured constraints: thresholds (不少于10家, 不低于60%, 10-50万元), validity periods
//! (有效期5年) and deadlines (每年12月底前), with subject and modality; compared across a pair.

use std::sync::OnceLock;

use regex::Regex;

use crate::lexicon;
use crate::memo::ByScript;
use crate::model::{
    Alignment, Change, Comparator, Constraint, ConstraintChange, ConstraintKind, Document, Modality, Script, Span,
    Unit, UnitId,
};
use crate::normalize::{display, fold_variants, Mapped};

const MEASURES: &str = "万元|亿元|元|个百分点|%|个月|年|家|个|项|人|名|天|日|次|倍|平方米|台|套";

/// The comparator words of `grammar/constraints.txt` that stand `position` ("before" or
/// "after") the number, longest first.
fn comparator_words(position: &str) -> &'static [(&'static str, Comparator)] {
    static BEFORE: OnceLock<Vec<(&'static str, Comparator)>> = OnceLock::new();
    static AFTER: OnceLock<Vec<(&'static str, Comparator)>> = OnceLock::new();
    let cell = if position == "before" { &BEFORE } else { &AFTER };
    cell.get_or_init(|| read_comparator_words(position))
}

fn read_comparator_words(position: &str) -> Vec<(&'static str, Comparator)> {
    let mut words: Vec<(&'static str, Comparator)> = lexicon::comparators()
        .iter()
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let (symbol, word, pos) = (cols.next()?, cols.next()?, cols.next()?);
            let comparator = match symbol {
                ">=" => Comparator::AtLeast,
                "<=" => Comparator::AtMost,
                ">" => Comparator::MoreThan,
                "<" => Comparator::LessThan,
                _ => return None,
            };
            (pos == position).then_some((word, comparator))
        })
        .collect();
    words.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
    words
}

fn alternation(words: &[(&str, Comparator)]) -> String {
    words.iter().map(|(w, _)| regex::escape(w)).collect::<Vec<_>>().join("|")
}

fn threshold_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let before = alternation(comparator_words("before"));
        let after = alternation(comparator_words("after"));
        Regex::new(&format!(
            r"(?P<before>{before})?(?P<v1>\d+(?:\.\d+)?)(?:[-－—~～至到](?P<v2>\d+(?:\.\d+)?))?(?P<unit>{MEASURES})(?P<after>{after})?"
        ))
        .expect("valid regex")
    })
}

fn validity_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"有效期(?:为|是)?(?P<v1>\d+)(?P<unit>年|个月)|(?P<v2>\d+)(?P<unit2>年|个月)有效期")
            .expect("valid regex")
    })
}

fn deadline_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"每年(?P<month>\d{1,2})月(?:底|末|份)?前|截止(?:时间|日期)?(?:为|是)?(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
            .expect("valid regex")
    })
}

fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | '。' | ';' | ':' | '、' | '，' | '；' | '：' | '!' | '?' | '(' | ')' | '（' | '）')
}

/// The clause text before byte `at` of `text`.
fn clause_before(text: &str, at: usize) -> &str {
    let start = text[..at].rfind(is_clause_break).map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    &text[start..at]
}

/// The clause text after byte `at`.
fn clause_after(text: &str, at: usize) -> &str {
    let end = text[at..].find(is_clause_break).map_or(text.len(), |i| at + i);
    &text[at..end]
}

/// The nearest modal cue in a clause, with its kind and where it starts.
fn modal(clause: &str) -> Option<(&'static str, Modality, usize)> {
    lexicon::modal_cues()
        .iter()
        .filter_map(|line| {
            let (kind, cue) = line.split_once('\t')?;
            let modality = match kind {
                "obligation" => Modality::Obligation,
                "permission" => Modality::Permission,
                "encouragement" => Modality::Encouragement,
                "prohibition" => Modality::Prohibition,
                _ => return None,
            };
            clause.rfind(cue).map(|at| (cue, modality, at))
        })
        .max_by_key(|(cue, _, at)| (at + cue.len(), cue.len()))
}

/// Verbs after which the constrained thing follows the number (给予其不超过50万元的启动资金).
const GIVING: [&str; 8] = ["给予其", "给予", "提供", "安排", "资助", "补助", "奖励", "补贴"];

/// The subject of a constraint: the clause before it less the modal cue, or, after a verb of
/// giving, the noun phrase after it.
fn subject(before: &str, after: &str, modal_at: Option<usize>) -> String {
    let head = modal_at.map_or(before, |at| &before[..at]);
    let tail = modal_at.map_or("", |at| &before[at..]);
    let gives = GIVING.iter().any(|g| head.ends_with(g) || tail.ends_with(g));
    let after = after.trim_start_matches('的');
    if (gives || head.is_empty()) && !after.is_empty() {
        after.to_string()
    } else {
        let mut subject = head.trim_end_matches(['为', '是', '已', '占']);
        // 最高不超过: a second comparator word before the one that matched.
        while let Some(word) = comparator_words("before").iter().map(|(w, _)| *w).find(|w| subject.ends_with(w)) {
            subject = &subject[..subject.len() - word.len()];
        }
        subject.to_string()
    }
}

/// Every constraint in the own text of every unit of a document.
pub fn extract(doc: &Document) -> Vec<Constraint> {
    let mut out = Vec::new();
    doc.walk(|unit: &Unit| {
        for span in doc.own_text_spans(unit) {
            // Every constraint has a digit, and normalising makes digits only of digits (a test
            // checks every ideograph and Taiwan phrase): text without one needs no normalising.
            let text = &doc.text[span.start..span.end];
            if !has_digit(text) {
                continue;
            }
            let memo = memo().of(doc.script);
            memo.read(
                text,
                || in_span(text, doc.script),
                |found| {
                    out.extend(found.iter().map(|c| Constraint {
                        unit: unit.id.clone(),
                        span: Span::new(span.start + c.span.start, span.start + c.span.end),
                        ..c.clone()
                    }))
                },
            );
        }
    });
    out
}

/// The constraints of a span of text in `script`, spans counted from its start and in no unit:
/// they depend on nothing else.
fn in_span(text: &str, script: Script) -> Vec<Constraint> {
    in_text(&fold_variants(&display(text, Span::new(0, text.len()), script)), &UnitId::default())
}

/// Constraints of spans seen before (up to 2 MB of text per script): local measures copy the
/// conditions of the measures they derive from, clause for clause.
fn memo() -> &'static ByScript<Vec<Constraint>> {
    static MEMO: OnceLock<ByScript<Vec<Constraint>>> = OnceLock::new();
    MEMO.get_or_init(|| ByScript::new(2_000_000))
}

/// True if `text` has a digit of any script. Characters from U+4000 to U+9FFF (ideographs and
/// hexagrams, none a digit) are stepped over by their first byte, undecoded: they are most of a
/// Chinese text.
fn has_digit(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'0'..=b'9' => return true,
            0..=0x7f => at += 1,
            0xe4..=0xe9 => at += 3,
            _ => {
                let c = text[at..].chars().next().expect("a character starts here");
                if may_be_digit(c) {
                    return true;
                }
                at += c.len_utf8();
            }
        }
    }
    false
}

/// True for digits of any script; ideographs answer without a Unicode table lookup.
fn may_be_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && !crate::text::is_cjk(c) && c.is_numeric())
}

fn span_of(text: &Mapped, start: usize, end: usize) -> Span {
    let from = text.text[..start].chars().count();
    let to = from + text.text[start..end].chars().count();
    text.origin_of(from, to).unwrap_or_default()
}

fn number(text: &str) -> f64 {
    text.parse().unwrap_or(0.0)
}

/// Constraints in one normalised text.
fn in_text(text: &Mapped, unit: &UnitId) -> Vec<Constraint> {
    let s = text.text.as_str();
    let mut found = Vec::new();
    let make = |start: usize, end: usize, comparator, value, upper, measure: &str, kind| {
        let before = clause_before(s, start);
        let after = clause_after(s, end);
        let modal = modal(before);
        Constraint {
            unit: unit.clone(),
            subject: subject(before, after, modal.map(|m| m.2)),
            comparator,
            value,
            upper,
            unit_of_measure: measure.to_string(),
            modal: modal.map(|m| m.0.to_string()),
            modality: modal.map(|m| m.1),
            kind,
            text: format!("{before}{}", &s[start..end]),
            span: span_of(text, start - before.len(), end),
        }
    };
    for c in validity_pattern().captures_iter(s) {
        let m = c.get(0).expect("match");
        let value = c.name("v1").or(c.name("v2")).map_or(0.0, |v| number(v.as_str()));
        let measure = c.name("unit").or(c.name("unit2")).map_or("", |u| u.as_str());
        let mut validity = make(m.start(), m.end(), Comparator::Equal, value, None, measure, ConstraintKind::Validity);
        if validity.subject.is_empty() {
            validity.subject = "有效期".to_string();
        }
        found.push(validity);
    }
    for c in deadline_pattern().captures_iter(s) {
        let m = c.get(0).expect("match");
        let (value, measure) = match c.name("month") {
            Some(month) => (number(month.as_str()), "月"),
            None => {
                let part = |name: &str| c.name(name).map_or(0.0, |v| number(v.as_str()));
                (part("y") * 10000.0 + part("m") * 100.0 + part("d"), "日期")
            }
        };
        found.push(make(m.start(), m.end(), Comparator::AtMost, value, None, measure, ConstraintKind::Deadline));
    }
    let before_words = comparator_words("before");
    let after_words = comparator_words("after");
    for c in threshold_pattern().captures_iter(s) {
        let m = c.get(0).expect("match");
        let measure = &c["unit"];
        let v1 = number(&c["v1"]);
        let within_other = found.iter().any(|f: &Constraint| f.span.contains(span_of(text, m.start(), m.end())));
        // A year (2016年) or an ordinal (第3年) is not a quantity.
        let is_year = measure == "年" && v1 >= 1900.0;
        let ordinal = s[..m.start()].ends_with('第');
        if within_other || is_year || ordinal {
            continue;
        }
        let lookup = |word: &str, words: &[(&str, Comparator)]| words.iter().find(|(w, _)| *w == word).map(|(_, c)| *c);
        let comparator = match (c.name("v2"), c.name("before"), c.name("after")) {
            (Some(_), _, _) => Comparator::Range,
            (None, Some(b), _) => lookup(b.as_str(), before_words).unwrap_or(Comparator::Equal),
            (None, None, Some(a)) => lookup(a.as_str(), after_words).unwrap_or(Comparator::Equal),
            (None, None, None) => continue,
        };
        let upper = c.name("v2").map(|v| number(v.as_str()));
        found.push(make(m.start(), m.end(), comparator, v1, upper, measure, ConstraintKind::Threshold));
    }
    found.sort_by_key(|c| c.span.start);
    found
}

/// True when the alignment links the two units (or units around them).
fn linked(alignment: &Alignment, local: &UnitId, national: &UnitId) -> bool {
    let related = |a: &UnitId, b: &UnitId| a.0.starts_with(&b.0) || b.0.starts_with(&a.0);
    alignment.links.iter().any(|l| related(&l.local, local) && related(&l.national, national))
}

fn subject_overlap(a: &str, b: &str) -> f32 {
    let a: Vec<char> = a.chars().collect();
    let shared = b.chars().filter(|c| a.contains(c)).count();
    shared as f32 / a.len().max(b.chars().count()).max(1) as f32
}

fn change(local: &Constraint, national: &Constraint) -> Change {
    use Comparator::*;
    if local.comparator == national.comparator && local.value == national.value && local.upper == national.upper {
        return Change::Same;
    }
    let (l, n) = (local.value, national.value);
    match (local.comparator, national.comparator) {
        (AtLeast | MoreThan, AtLeast | MoreThan) if l > n => Change::Stricter,
        (AtLeast | MoreThan, AtLeast | MoreThan) if l < n => Change::Looser,
        (AtMost | LessThan, AtMost | LessThan) if l < n => Change::Stricter,
        (AtMost | LessThan, AtMost | LessThan) if l > n => Change::Looser,
        _ => Change::Changed,
    }
}

/// Pairs local constraints with national ones (same kind and measure, in linked units or with a
/// like subject) and says how each changed.
pub fn compare(national: &[Constraint], local: &[Constraint], alignment: &Alignment) -> Vec<ConstraintChange> {
    let mut used = vec![false; national.len()];
    let mut out = Vec::new();
    for l in local {
        let counterpart = national
            .iter()
            .enumerate()
            .filter(|(k, n)| !used[*k] && n.kind == l.kind && n.unit_of_measure == l.unit_of_measure)
            .filter(|(_, n)| linked(alignment, &l.unit, &n.unit) || subject_overlap(&l.subject, &n.subject) >= 0.6)
            .max_by(|a, b| {
                subject_overlap(&l.subject, &a.1.subject).total_cmp(&subject_overlap(&l.subject, &b.1.subject))
            });
        match counterpart {
            Some((k, n)) => {
                used[k] = true;
                out.push(ConstraintChange { local: Some(l.clone()), national: Some(n.clone()), change: change(l, n) });
            }
            None => out.push(ConstraintChange { local: Some(l.clone()), national: None, change: Change::Added }),
        }
    }
    for n in national.iter().zip(&used).filter(|(_, used)| !**used).map(|(n, _)| n) {
        out.push(ConstraintChange { local: None, national: Some(n.clone()), change: Change::Removed });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_of_any_script_are_found() {
        for (text, digit) in
            [("不少于10家", true), ("不少于十家", false), ("不少于１０家", true), ("第㈢项", true), ("〇", true)]
        {
            assert_eq!(has_digit(text), digit, "{text}");
        }
    }

    proptest::proptest! {
        /// Stepping over ideographs undecoded finds what a look at every character finds.
        #[test]
        fn has_digit_looks_at_every_character_that_may_be_one(text in "[0-9a-z，。０-９〇㈠-㈩①-⑩ⅰ-ⅹ䷀-䷿㐀-䶵一-鿿\\PC]{0,30}") {
            proptest::prop_assert_eq!(has_digit(&text), text.chars().any(may_be_digit));
        }
    }
}
