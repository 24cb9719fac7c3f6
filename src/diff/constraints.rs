//! Structured constraints: thresholds (不少于10家, 不低于百分之六十, 10-50万元), validity periods
//! (有效期5年), deadlines (每年12月底前) and the constraints of legal rules ([`super::legal`]:
//! fines, detention, suspension, revocation, time limits, terms, ages), with subject, modality
//! and, for legal rules, the act and party they govern. Numbers are read in every written form
//! ([`super::number`]).

use std::sync::OnceLock;

use regex::Regex;

use super::legal::{self, clause_after, clause_before};
use super::number::{self, Numeric};
use crate::lexicon;
use crate::memo::ByScript;
use crate::model::{Comparator, Constraint, ConstraintKind, Document, Modality, Script, Segment, Span, Unit, UnitId};
use crate::normalize::{display, fold_variants, Mapped};

const MEASURES: &str = "万元|亿元|元|个百分点|%|个工作日|工作日|小时|个月|年|家|个|项|人|名|天|日|次|倍|平方米|台|套";

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

/// Verbs after which the constrained thing follows the number (给予其不超过50万元的启动资金,
/// 有三分之二以上的组成人员参加, 经三分之二以上的代表同意).
const GIVING: [&str; 10] = ["给予其", "给予", "提供", "安排", "资助", "补助", "奖励", "补贴", "有", "经"];

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
            // Every constraint but a revocation has a number, and normalising makes digits only of
            // digits (a test checks every ideograph and Taiwan phrase): text without a digit, a
            // Chinese number or 吊销 needs no normalising.
            let text = &doc.text[span.start..span.end];
            if !may_hold_constraint(text) {
                continue;
            }
            let memo = memo().of(doc.script);
            let from = out.len();
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
            for at in from..out.len() {
                if let Some(earlier) = preceding_act(&out, &out[at]) {
                    out[at].act = format!("{earlier}{}", out[at].act);
                }
            }
        }
    });
    out
}

/// The act of the paragraph before, for a penalty whose act refers to it (有前款规定情形的): the
/// act of the first penalty found in that paragraph.
fn preceding_act(found: &[Constraint], c: &Constraint) -> Option<String> {
    if !c.kind.is_penalty() || !c.act.contains("前款") {
        return None;
    }
    let Some(Segment::Paragraph(n)) = c.unit.last() else { return None };
    let mut before = c.unit.clone();
    let last = before.0.last_mut()?;
    last.segment = Segment::Paragraph(n.checked_sub(1)?);
    found.iter().find(|p| p.unit == before && p.kind.is_penalty() && !p.act.is_empty()).map(|p| p.act.clone())
}

/// The constraints of a span of text in `script`, spans counted from its start and in no unit:
/// they depend on nothing else.
fn in_span(text: &str, script: Script) -> Vec<Constraint> {
    in_text(&fold_variants(&display(text, Span::new(0, text.len()), script)))
}

/// Constraints of spans seen before (up to 2 MB of text per script): local measures copy the
/// conditions of the measures they derive from, clause for clause.
fn memo() -> &'static ByScript<Vec<Constraint>> {
    static MEMO: OnceLock<ByScript<Vec<Constraint>>> = OnceLock::new();
    MEMO.get_or_init(|| ByScript::new(2_000_000))
}

/// True if `text` may hold a constraint: a digit, a Chinese number (a numeral before another
/// numeral or a measure, or 分之), or a revocation. Checked on the original text, in either script.
fn may_hold_constraint(text: &str) -> bool {
    has_digit(text) || may_hold_chinese_number(text) || text.contains("吊销") || text.contains("吊銷")
}

/// True if `text` has a Chinese numeral followed by a numeral or a measure word, or 分之 (百分之).
fn may_hold_chinese_number(text: &str) -> bool {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let starts = matches!(c, '十' | '拾' | '兩' | '貳' | '陸') || number::digit(c).is_some_and(|d| d > 0);
        if starts && chars.peek().is_some_and(|&next| is_numeral_or_measure(next)) {
            return true;
        }
        if c == '分' && chars.peek() == Some(&'之') {
            return true;
        }
    }
    false
}

/// Characters that follow a number: numerals and the first characters of measure words, in
/// either script.
fn is_numeral_or_measure(c: char) -> bool {
    number::digit(c).is_some()
        || "十百千万亿拾佰仟兩萬億貳陸元家个個项項人名天日次倍年月周週岁歲小工分辆輛台套届屆平点點%％".contains(c)
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

/// A constraint at bytes `start..end` of normalised `text`, its subject and modality read from
/// the clause around it; the act, party and references are left for legal rules to fill in.
fn constraint_at(text: &Mapped, start: usize, end: usize, quantity: Quantity) -> Constraint {
    let s = text.text.as_str();
    let before = clause_before(s, start);
    let after = clause_after(s, end);
    let modal = modal(before);
    Constraint {
        unit: UnitId::default(),
        subject: subject(before, after, modal.map(|m| m.2)),
        comparator: quantity.comparator,
        value: quantity.value,
        upper: quantity.upper,
        unit_of_measure: quantity.measure.to_string(),
        modal: modal.map(|m| m.0.to_string()),
        modality: modal.map(|m| m.1),
        kind: quantity.kind,
        text: format!("{before}{}", &s[start..end]),
        span: span_of(text, start - before.len(), end),
        act: String::new(),
        party: String::new(),
        refs: Vec::new(),
    }
}

/// What a pattern read, before it is placed in its clause.
struct Quantity<'m> {
    kind: ConstraintKind,
    comparator: Comparator,
    value: f64,
    upper: Option<f64>,
    measure: &'m str,
}

/// Fills in what a legal constraint at bytes `start..end` of `s` governs.
fn describe(c: &mut Constraint, s: &str, start: usize, end: usize, subject: Option<String>) {
    match c.kind {
        kind if kind.is_penalty() => {
            c.act = legal::penalised_act(s, start);
            c.party = legal::penalised_party(s, start, &c.act);
        }
        ConstraintKind::TimeLimit => {
            c.act = format!("{}{}{}", clause_before(s, start), &s[start..end], clause_after(s, end));
            c.party = legal::bound_party(s, start);
            let procedure = clause_after(s, end).trim_start_matches('的');
            if !procedure.is_empty() {
                c.subject = procedure.to_string();
            }
        }
        ConstraintKind::Age => {
            let person = clause_after(s, end).trim_start_matches('的');
            if !person.is_empty() {
                c.subject = person.to_string();
            }
            c.act = clause_before(s, start).to_string();
        }
        _ => {
            c.act = clause_before(s, start).to_string();
            c.party = legal::bound_party(s, start);
        }
    }
    if let Some(subject) = subject {
        c.subject = subject;
    }
    c.refs = legal::references(&c.act);
}

/// Constraints in one normalised text, their units left for the caller to set.
fn in_text(text: &Mapped) -> Vec<Constraint> {
    let s = text.text.as_str();
    let numeric = Numeric::of(s);
    let v = numeric.text.as_ref();
    // Bytes of the normalised text covered by a match `start..end` of the rewritten one.
    let place = |start: usize, end: usize| (numeric.start(start), numeric.end(end));
    let mut found = Vec::new();
    for c in validity_pattern().captures_iter(v) {
        let m = c.get(0).expect("match");
        let value = c.name("v1").or(c.name("v2")).map_or(0.0, |v| number(v.as_str()));
        let measure = c.name("unit").or(c.name("unit2")).map_or("", |u| u.as_str());
        let (start, end) = place(m.start(), m.end());
        let kind = ConstraintKind::Validity;
        let mut validity = constraint_at(
            text,
            start,
            end,
            Quantity { kind, comparator: Comparator::Equal, value, upper: None, measure },
        );
        if validity.subject.is_empty() {
            validity.subject = "有效期".to_string();
        }
        found.push(validity);
    }
    for c in deadline_pattern().captures_iter(v) {
        let m = c.get(0).expect("match");
        let (value, measure) = match c.name("month") {
            Some(month) => (number(month.as_str()), "月"),
            None => {
                let part = |name: &str| c.name(name).map_or(0.0, |v| number(v.as_str()));
                (part("y") * 10000.0 + part("m") * 100.0 + part("d"), "日期")
            }
        };
        let (start, end) = place(m.start(), m.end());
        let kind = ConstraintKind::Deadline;
        found.push(constraint_at(
            text,
            start,
            end,
            Quantity { kind, comparator: Comparator::AtMost, value, upper: None, measure },
        ));
    }
    // Legal constraints, then thresholds outside them: 五元以上五十元以下罚款 is one fine, not two
    // thresholds.
    let mut legal_spans = Vec::new();
    for l in legal::find(v) {
        let (start, end) = place(l.start, l.end);
        if found.iter().any(|f: &Constraint| f.span.contains(span_of(text, start, end))) {
            continue;
        }
        legal_spans.push((l.start, l.end));
        let (kind, comparator, value, upper, measure) = (l.kind, l.comparator, l.value, l.upper, l.measure);
        let mut c = constraint_at(text, start, end, Quantity { kind, comparator, value, upper, measure });
        describe(&mut c, s, start, end, l.subject);
        found.push(c);
    }
    let before_words = comparator_words("before");
    let after_words = comparator_words("after");
    for c in threshold_pattern().captures_iter(v) {
        let m = c.get(0).expect("match");
        let measure = c.name("unit").map_or("", |u| u.as_str());
        let v1 = number(&c["v1"]);
        let (start, end) = place(m.start(), m.end());
        let within_other = found.iter().any(|f: &Constraint| f.span.contains(span_of(text, start, end)))
            || legal_spans.iter().any(|&(from, to)| m.start() < to && from < m.end());
        // A year (2016年) or an ordinal (第3年) is not a quantity.
        let is_year = measure == "年" && v1 >= 1900.0;
        let ordinal = v[..m.start()].ends_with('第');
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
        let kind = threshold_kind(comparator, measure, clause_after(v, m.end()));
        let measure = if kind == ConstraintKind::TimeLimit { legal::time_measure(measure) } else { measure };
        let mut constraint = constraint_at(text, start, end, Quantity { kind, comparator, value: v1, upper, measure });
        if kind == ConstraintKind::TimeLimit {
            describe(&mut constraint, s, start, end, None);
        }
        found.push(constraint);
    }
    found.sort_by_key(|c| c.span.start);
    found
}

/// A bound on a number of days, working days, hours or months (不超过三十日) is a time limit,
/// unless a prohibition follows (一年内不得…: how long a ban lasts); any other is a threshold.
fn threshold_kind(comparator: Comparator, measure: &str, after: &str) -> ConstraintKind {
    let time = matches!(measure, "日" | "天" | "工作日" | "个工作日" | "小时" | "个月");
    let bound = matches!(comparator, Comparator::AtMost | Comparator::LessThan);
    let ban = ["不得", "禁止"].iter().any(|w| after.contains(w));
    if time && bound && !ban {
        ConstraintKind::TimeLimit
    } else {
        ConstraintKind::Threshold
    }
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

    #[test]
    fn a_penalty_on_the_act_of_the_paragraph_before_punishes_that_act() {
        // 反恐怖主义法 第八十六条: the second paragraph punishes 前款规定情形 for other businesses.
        let text = "第八十六条 电信、互联网、金融业务经营者、服务提供者未按规定对客户身份进行查验，或者对身份不明、拒绝身份查验的客户提供服务的，主管部门应当责令改正；拒不改正的，处二十万元以上五十万元以下罚款。\n\n住宿、长途客运、机动车租赁等业务经营者、服务提供者有前款规定情形的，由主管部门处十万元以上五十万元以下罚款。\n";
        let doc =
            crate::parse::parse_text(std::path::Path::new("law.txt"), text.to_string(), crate::model::Encoding::Utf8);
        let fines: Vec<(String, String)> = extract(&doc).into_iter().map(|c| (c.unit.to_string(), c.act)).collect();
        let earlier = "电信、互联网、金融业务经营者、服务提供者未按规定对客户身份进行查验,或者对身份不明、拒绝身份查验的客户提供服务的拒不改正的";
        assert_eq!(
            fines,
            [
                ("art86/p1".to_string(), earlier.to_string()),
                (
                    "art86/p2".to_string(),
                    format!("{earlier}住宿、长途客运、机动车租赁等业务经营者、服务提供者有前款规定情形的")
                ),
            ]
        );
    }

    proptest::proptest! {
        /// The look before normalising never passes over a text that holds a constraint, in
        /// either script.
        #[test]
        fn text_that_holds_a_constraint_is_never_passed_over(
            before in "[处處对單单位不超过少于满滿的,，]{0,4}",
            number in "[0-9０-９一二两兩三五十百千万萬〇零]{1,4}",
            after in proptest::sample::select(vec![
                "元罚款", "元以下罰款", "倍罚款", "日以下拘留", "日内", "個工作日內", "小时内", "周岁以上", "歲",
                "分之一以上", "家", "個月", "年有效期", "万元", "%以上", "平方米以上", "点五倍罚款", "",
            ]),
        ) {
            let text = format!("{before}{number}{after}");
            let found = in_span(&text, Script::Mixed);
            proptest::prop_assert!(found.is_empty() || may_hold_constraint(&text), "{text}: {found:?}");
        }

        /// Stepping over ideographs undecoded finds what a look at every character finds.
        #[test]
        fn has_digit_looks_at_every_character_that_may_be_one(text in "[0-9a-z，。０-９〇㈠-㈩①-⑩ⅰ-ⅹ䷀-䷿㐀-䶵一-鿿\\PC]{0,30}") {
            proptest::prop_assert_eq!(has_digit(&text), text.chars().any(may_be_digit));
        }
    }
}
