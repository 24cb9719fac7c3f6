//! The constraints of legal rules: fines (fixed, ranges, caps, multiples of 违法所得), detention,
//! suspension and revocation, time limits and lead times, terms of office and ages; and what
//! each governs: the act a penalty punishes, the party it binds, the articles it refers to.
//!
//! Patterns read the text with its Chinese numbers rewritten in digits ([`super::number`]);
//! acts and parties are read from the normalised text itself.

use std::sync::OnceLock;

use regex::{Captures, Regex};

use super::number::chinese_value;
use crate::lexicon;
use crate::model::{ArticleRef, Comparator, ConstraintKind, Segment, UnitId};

/// A legal constraint found in the rewritten text.
pub(super) struct Found {
    /// Where it is in the rewritten text.
    pub start: usize,
    /// Its end in the rewritten text.
    pub end: usize,
    /// What kind of rule it is.
    pub kind: ConstraintKind,
    /// How it bounds the value.
    pub comparator: Comparator,
    /// The value (fines in 元), the lower bound of a range.
    pub value: f64,
    /// The upper bound of a range.
    pub upper: Option<f64>,
    /// What the value counts.
    pub measure: &'static str,
    /// What it is about, where the pattern names it (罚款, 违法所得 of a multiple, the licence
    /// suspended or revoked); `None` to take it from the clause.
    pub subject: Option<String>,
}

const NUM: &str = r"\d+(?:\.\d+)?";
/// Characters that end a clause in normalised text (full-width punctuation is folded to ASCII).
const BREAKS: &str = r",.;:!?，。；：！？()（）、";

fn regex(cell: &'static OnceLock<Regex>, pattern: impl FnOnce() -> String) -> &'static Regex {
    cell.get_or_init(|| Regex::new(&pattern()).expect("valid regex"))
}

fn fine_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, || {
        format!(
            r"(?:(?P<lo>{NUM})(?P<lu>万元|亿元|元|万|亿)?(?:以上|至|到|[-－—~～])(?P<hi>{NUM})(?P<hu>万元|亿元|元)(?:以下|以内)?|(?P<cap>不超过|最高|最多)?(?P<one>{NUM})(?P<ou>万元|亿元|元)(?P<after>以下|以内|以上)?)的?(?P<what>罚款|罚金)"
        )
    })
}

fn multiple_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, || {
        format!(
            r"(?:(?P<lo>{NUM})倍(?:以上|至|到|[-－—~～])(?P<hi>{NUM})倍(?:以下|以内)?|(?P<one>{NUM})倍(?P<after>以下|以内|以上)?)的?(?P<what>罚款|罚金)"
        )
    })
}

fn detention_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, || {
        format!(
            r"(?:(?P<lo>{NUM})[日天](?:以上|至|到)(?P<hi>{NUM})[日天](?:以下|以内)?|(?P<one>{NUM})[日天](?P<after>以下|以内)?)的?(?:行政)?拘留"
        )
    })
}

fn suspension_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, || {
        format!(
            r"(?P<verb>暂扣|吊扣|暂停|责令停产停业|责令停业|停产停业)(?P<obj>[^\d{BREAKS}]{{0,12}}?)(?:(?P<lo>{NUM})(?P<lu>个月|日|天|年)(?:以上|至|到)(?P<hi>{NUM})(?P<hu>个月|日|天|年)(?:以下|以内)?|(?P<one>{NUM})(?P<ou>个月|日|天|年)(?P<after>以下|以内)?)"
        )
    })
}

fn revocation_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, || format!(r"吊销(?P<obj>[^\d{BREAKS}或和并]{{1,15}})"))
}

fn time_limit_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, || format!(r"(?P<one>{NUM})(?P<ou>个工作日|工作日|个月|小时|日|天|周|年)(?P<within>以内|之内|内|前)"))
}

fn term_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, || format!(r"任期(?:为|是)?(?P<one>{NUM})年"))
}

fn age_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, || format!(r"(?P<pre>年满|已满|未满|不满|满)?(?P<one>{NUM})(?P<ou>周岁|岁)(?P<post>以上|以下|以内)?"))
}

fn number(c: &Captures, name: &str) -> Option<f64> {
    c.name(name).and_then(|m| m.as_str().parse().ok())
}

/// Yuan in one 元, 万元 or 亿元 (a bare 万 of 一万至五万元 takes the unit after it).
fn yuan(value: f64, unit: &str) -> f64 {
    match unit {
        "万元" | "万" => value * 10_000.0,
        "亿元" | "亿" => value * 100_000_000.0,
        _ => value,
    }
}

/// The measure a time is counted in, as constraints name it.
pub(super) fn time_measure(unit: &str) -> &'static str {
    match unit {
        "个工作日" | "工作日" => "工作日",
        "个月" => "个月",
        "小时" => "小时",
        "天" => "天",
        "周" => "周",
        "年" => "年",
        "周岁" => "周岁",
        "岁" => "岁",
        _ => "日",
    }
}

/// The bounds of a range or of a single value with its comparator word: `(comparator, value,
/// upper)`, each value made comparable by `scale` with its unit.
fn bounds(c: &Captures, scale: impl Fn(f64, &str) -> f64) -> Option<(Comparator, f64, Option<f64>)> {
    let unit = |name: &str| c.name(name).map_or("", |m| m.as_str());
    if let (Some(lo), Some(hi)) = (number(c, "lo"), number(c, "hi")) {
        let lo_unit = if unit("lu").is_empty() { unit("hu") } else { unit("lu") };
        return Some((Comparator::Range, scale(lo, lo_unit), Some(scale(hi, unit("hu")))));
    }
    let value = scale(number(c, "one")?, unit("ou"));
    let comparator = match (unit("cap"), unit("after")) {
        (_, "以上") => Comparator::AtLeast,
        ("", "") => Comparator::Equal,
        _ => Comparator::AtMost,
    };
    Some((comparator, value, None))
}

/// Every legal constraint of `text` (Chinese numbers already in digits), in no particular order.
pub(super) fn find(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    if text.contains('罚') {
        penalties(text, &mut found);
    }
    if text.contains("拘留") {
        each(detention_pattern(), text, &mut found, |c| {
            let (comparator, value, upper) = bounds(c, |v, _| v)?;
            Some((ConstraintKind::Detention, comparator, value, upper, "日", Some("拘留".to_string())))
        });
    }
    if ["暂扣", "吊扣", "暂停", "停业"].iter().any(|w| text.contains(w)) {
        each(suspension_pattern(), text, &mut found, |c| {
            let (comparator, value, upper) = bounds(c, |v, _| v)?;
            let unit = c.name("hu").or(c.name("ou")).map_or("", |m| m.as_str());
            // The thing suspended stands before the time (暂扣许可证三个月) or after it (暂扣六个月驾驶证).
            let after = clause_after(text, c.get(0).expect("match").end());
            let what = [c.name("obj").map_or("", |m| m.as_str()), after]
                .into_iter()
                .map(trim_object)
                .find(|w| !w.is_empty())
                .unwrap_or(&c["verb"]);
            Some((ConstraintKind::Suspension, comparator, value, upper, time_measure(unit), Some(what.to_string())))
        });
    }
    if text.contains("吊销") {
        revocations(text, &mut found);
    }
    if text.contains('内') || text.contains('前') {
        time_limits(text, &mut found);
    }
    if text.contains("任期") {
        each(term_pattern(), text, &mut found, |c| {
            Some((ConstraintKind::Term, Comparator::Equal, number(c, "one")?, None, "年", Some("任期".to_string())))
        });
    }
    if text.contains('岁') {
        ages(text, &mut found);
    }
    found
}

type Reading = (ConstraintKind, Comparator, f64, Option<f64>, &'static str, Option<String>);

/// Runs `pattern` over `text` and keeps what `read` makes of each match.
fn each(pattern: &Regex, text: &str, out: &mut Vec<Found>, read: impl Fn(&Captures) -> Option<Reading>) {
    for c in pattern.captures_iter(text) {
        let m = c.get(0).expect("match");
        if text[..m.start()].ends_with('第') {
            continue;
        }
        if let Some((kind, comparator, value, upper, measure, subject)) = read(&c) {
            out.push(Found { start: m.start(), end: m.end(), kind, comparator, value, upper, measure, subject });
        }
    }
}

/// Fines in 元 and fines as multiples of an amount (违法所得一倍以上五倍以下).
fn penalties(text: &str, out: &mut Vec<Found>) {
    each(fine_pattern(), text, out, |c| {
        let (comparator, value, upper) = bounds(c, yuan)?;
        Some((ConstraintKind::Fine, comparator, value, upper, "元", Some(c["what"].to_string())))
    });
    for c in multiple_pattern().captures_iter(text) {
        let m = c.get(0).expect("match");
        // The amount multiplied: the words between 处 (or 处以, 并处) and the number.
        let clause = clause_before(text, m.start());
        let base = clause.rfind('处').map_or(clause, |at| &clause[at + '处'.len_utf8()..]);
        let base = base.trim_start_matches('以').trim_end_matches('的');
        if base.is_empty() || base.chars().any(|ch| ch.is_ascii_digit() || ch == '%') {
            continue;
        }
        let Some((comparator, value, upper)) = bounds(&c, |v, _| v) else { continue };
        out.push(Found {
            start: m.start(),
            end: m.end(),
            kind: ConstraintKind::Fine,
            comparator,
            value,
            upper,
            measure: "倍",
            subject: Some(base.to_string()),
        });
    }
}

/// A licence or thing named after a verb, without the pronoun before it or 的 after it.
fn trim_object(object: &str) -> &str {
    object.trim_start_matches(['其', '该', '对', '的']).trim_end_matches('的')
}

/// Revocations (吊销营业执照), but not a revocation that is a condition (被吊销…的, 吊销…之日起).
fn revocations(text: &str, out: &mut Vec<Found>) {
    for c in revocation_pattern().captures_iter(text) {
        let m = c.get(0).expect("match");
        let object = c.name("obj").map_or("", |o| o.as_str());
        let condition = text[..m.start()].ends_with(['被', '已', '曾', '自'])
            || object.ends_with('的')
            || object.contains("之日")
            || object.contains('后');
        let object = trim_object(object);
        if condition || object.is_empty() {
            continue;
        }
        out.push(Found {
            start: m.start(),
            end: m.end(),
            kind: ConstraintKind::Revocation,
            comparator: Comparator::Equal,
            value: 0.0,
            upper: None,
            measure: "",
            subject: Some(object.to_string()),
        });
    }
}

/// Time limits (十五日内, 自…之日起二年内) and lead times (会议举行的三十日前). A time followed by a
/// prohibition (五年内不得…) is how long a ban lasts, and a number of years without a starting
/// point (三年内受过处罚的) looks back: both are left to the thresholds, as are dates (8月10日前).
fn time_limits(text: &str, out: &mut Vec<Found>) {
    each(time_limit_pattern(), text, out, |c| {
        let m = c.get(0).expect("match");
        let unit = &c["ou"];
        let value = number(c, "one")?;
        let before = clause_before(text, m.start());
        let after = clause_after(text, m.end());
        let lead = &c["within"] == "前";
        let date = unit == "日" && before.ends_with('月') || unit == "年" && value >= 1900.0;
        let ban = ["不得", "禁止"].iter().any(|w| after.contains(w));
        let looks_back = unit == "年" && !before.contains('起') && !before.contains('后');
        if date || ban || looks_back || lead && !before.ends_with('的') {
            return None;
        }
        let comparator = if lead { Comparator::AtLeast } else { Comparator::AtMost };
        Some((ConstraintKind::TimeLimit, comparator, value, None, time_measure(unit), None))
    });
}

/// Ages with a comparator (年满十八周岁, 未满十六周岁, 六十周岁以上).
fn ages(text: &str, out: &mut Vec<Found>) {
    each(age_pattern(), text, out, |c| {
        let pre = c.name("pre").map_or("", |m| m.as_str());
        let comparator = match (pre, c.name("post").map(|m| m.as_str())) {
            (_, Some("以上")) => Comparator::AtLeast,
            (_, Some(_)) => Comparator::AtMost,
            ("未满" | "不满", None) => Comparator::LessThan,
            ("", None) => return None,
            _ => Comparator::AtLeast,
        };
        Some((ConstraintKind::Age, comparator, number(c, "one")?, None, time_measure(&c["ou"]), None))
    });
}

fn is_break(c: char) -> bool {
    BREAKS.contains(c)
}

/// The clause text before byte `at` of `text`.
pub(super) fn clause_before(text: &str, at: usize) -> &str {
    let start = text[..at].rfind(is_break).map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    &text[start..at]
}

/// The clause text after byte `at`.
pub(super) fn clause_after(text: &str, at: usize) -> &str {
    let end = text[at..].find(is_break).map_or(text.len(), |i| at + i);
    &text[at..end]
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | ';' | '；' | '!' | '?' | '！' | '？' | '\n')
}

/// The sentence before byte `at`, and where it starts.
fn sentence_before(text: &str, at: usize) -> (usize, &str) {
    let start = text[..at].rfind(ends_sentence).map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    (start, &text[start..at])
}

fn words_of(role: &str) -> impl Iterator<Item = &'static str> + '_ {
    lexicon::penalty_words().iter().filter_map(move |line| line.strip_prefix(role)?.strip_prefix('\t'))
}

/// The act a penalty at byte `at` punishes: the condition its sentence opens with, up to the last
/// 的 that ends a clause (违反本法第十条规定，擅自占用道路的). A sentence whose condition only raises
/// or lowers the penalty (情节严重的, 货值金额不足一万元的, 对个人) punishes the act of the sentence
/// before, at another tier.
pub(super) fn penalised_act(text: &str, at: usize) -> String {
    let (start, sentence) = sentence_before(text, at);
    let own =
        ["的,", "的，"].iter().filter_map(|w| sentence.rfind(w)).max().map_or("", |i| &sentence[..i + '的'.len_utf8()]);
    let is_tier = own.is_empty() || words_of("tier").any(|w| own.contains(w));
    if is_tier && start > 0 {
        // The separator before the sentence is one character; the act before it comes first.
        let before = text[..start].char_indices().next_back().map_or(0, |(i, _)| i);
        let earlier = penalised_act(text, before);
        if !earlier.is_empty() {
            return if own.is_empty() { earlier } else { format!("{earlier}{own}") };
        }
    }
    own.to_string()
}

/// The party a penalty at byte `at` binds: 对X处 before it, else the words its act opens with
/// before the act itself (行人 of 行人违反…的), when they name parties.
pub(super) fn penalised_party(text: &str, at: usize, act: &str) -> String {
    let mut clause = clause_before(text, at);
    // 并对单位处…: a modal word may stand before 对.
    while let Some(word) = words_of("party").find(|w| clause.starts_with(w)) {
        clause = &clause[word.len()..];
    }
    if let Some(rest) = clause.strip_prefix('对') {
        if let Some(end) = rest.rfind('处') {
            let mut party = &rest[..end];
            while let Some(word) = words_of("party").find(|w| party.ends_with(w)) {
                party = &party[..party.len() - word.len()];
            }
            return party.to_string();
        }
    }
    let act = act.trim_start_matches(|c: char| is_break(c) || c == ' ');
    let opens = words_of("act").filter_map(|w| act.find(w)).min();
    // Parties are listed with 、 (行人、乘车人): only a comma or stop ends the name.
    let ends_name = |c: char| is_break(c) && c != '、';
    let is_party = |words: &str| {
        !words.contains(ends_name)
            && words.split('、').all(|name| words_of("suffix").any(|suffix| name.ends_with(suffix)))
    };
    match opens {
        Some(end) if end > 0 && is_party(&act[..end]) => act[..end].to_string(),
        _ => String::new(),
    }
}

/// The party a time limit or term binds: the words its sentence opens with, before the first
/// modal cue (行政机关 of 行政机关应当自受理之日起二十日内作出决定), if short enough to be a name.
pub(super) fn bound_party(text: &str, at: usize) -> String {
    let (_, sentence) = sentence_before(text, at);
    let cue = lexicon::modal_cues().iter().filter_map(|line| sentence.find(line.split_once('\t')?.1)).min();
    match cue {
        Some(end) if end > 0 && !sentence[..end].contains(is_break) && sentence[..end].chars().count() <= 20 => {
            sentence[..end].to_string()
        }
        _ => String::new(),
    }
}

fn reference_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, || {
        r"《(?P<title>[^》]+)》|本(?:法|办法|条例|规定|细则|决定|实施办法)|第(?P<n>[\d〇零一二两三四五六七八九十百千]+)条(?:之(?P<m>[\d一二三四五六七八九十]+))?".to_string()
    })
}

/// The articles `act` refers to; a 第X条 after a cited title belongs to that title, after 本法
/// (or with none) to the document itself.
pub(super) fn references(act: &str) -> Vec<ArticleRef> {
    if !act.contains('条') {
        return Vec::new();
    }
    let mut title: Option<&str> = None;
    let mut refs = Vec::new();
    let read = |n: &str| n.parse::<u32>().ok().or_else(|| chinese_value(n).and_then(|v| u32::try_from(v).ok()));
    for c in reference_pattern().captures_iter(act) {
        if let Some(t) = c.name("title") {
            title = Some(t.as_str());
        } else if let Some(n) = c.name("n").and_then(|n| read(n.as_str())) {
            let sub = c.name("m").and_then(|m| read(m.as_str()));
            let article = UnitId::default().child(Segment::Article(n, sub));
            refs.push(ArticleRef { title: title.map(str::to_string), article });
        } else {
            title = None;
        }
    }
    refs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::number::Numeric;

    fn kinds(text: &str) -> Vec<Reading> {
        let numeric = Numeric::of(text);
        let mut found = find(&numeric.text);
        found.sort_by_key(|f| f.start);
        found.into_iter().map(|f| (f.kind, f.comparator, f.value, f.upper, f.measure, f.subject)).collect()
    }

    #[test]
    fn fines_in_every_form() {
        use Comparator::*;
        let fine = |c, v, u| (ConstraintKind::Fine, c, v, u, "元", Some("罚款".to_string()));
        assert_eq!(kinds("处五元以上五十元以下罚款"), [fine(Range, 5.0, Some(50.0))]);
        assert_eq!(kinds("处10元罚款"), [fine(Equal, 10.0, None)]);
        assert_eq!(kinds("处二千元以上二万元以下的罚款"), [fine(Range, 2000.0, Some(20000.0))]);
        assert_eq!(kinds("处五万元以下罚款"), [fine(AtMost, 50000.0, None)]);
        assert_eq!(kinds("处一万元以上罚款"), [fine(AtLeast, 10000.0, None)]);
        assert_eq!(kinds("处1万至5万元罚款"), [fine(Range, 10000.0, Some(50000.0))]);
        assert_eq!(
            kinds("并处违法所得一倍以上五倍以下罚款"),
            [(ConstraintKind::Fine, Range, 1.0, Some(5.0), "倍", Some("违法所得".to_string()))]
        );
        assert_eq!(
            kinds("处货值金额十倍以上二十倍以下的罚款"),
            [(ConstraintKind::Fine, Range, 10.0, Some(20.0), "倍", Some("货值金额".to_string()))]
        );
    }

    #[test]
    fn detention_suspension_and_revocation() {
        use Comparator::*;
        assert_eq!(
            kinds("处十日以上十五日以下拘留"),
            [(ConstraintKind::Detention, Range, 10.0, Some(15.0), "日", Some("拘留".to_string()))]
        );
        assert_eq!(
            kinds("处暂扣六个月机动车驾驶证"),
            [(ConstraintKind::Suspension, Equal, 6.0, None, "个月", Some("机动车驾驶证".to_string()))]
        );
        assert_eq!(
            kinds("暂扣许可证一个月以上三个月以下"),
            [(ConstraintKind::Suspension, Range, 1.0, Some(3.0), "个月", Some("许可证".to_string()))]
        );
        assert_eq!(
            kinds("情节严重的，吊销其营业执照"),
            [(ConstraintKind::Revocation, Equal, 0.0, None, "", Some("营业执照".to_string()))]
        );
        assert!(kinds("被吊销营业执照的").is_empty(), "a condition, not a penalty");
    }

    #[test]
    fn time_limits_terms_and_ages() {
        use Comparator::*;
        let limit = |c, v, m| (ConstraintKind::TimeLimit, c, v, None, m, None);
        assert_eq!(kinds("应当自受理之日起二十日内作出决定"), [limit(AtMost, 20.0, "日")]);
        assert_eq!(kinds("在三十个工作日内办结"), [limit(AtMost, 30.0, "工作日")]);
        assert_eq!(kinds("二十四小时内报告"), [limit(AtMost, 24.0, "小时")]);
        assert_eq!(kinds("在会议举行的三十日前"), [limit(AtLeast, 30.0, "日")]);
        assert_eq!(kinds("自公布之日起一年内"), [limit(AtMost, 1.0, "年")]);
        for not_a_limit in ["五年内不得申请", "三年内受过处罚的", "2010年8月10日前", "第十五日内"]
        {
            assert!(kinds(not_a_limit).is_empty(), "{not_a_limit}");
        }
        assert_eq!(
            kinds("村民委员会每届任期五年"),
            [(ConstraintKind::Term, Equal, 5.0, None, "年", Some("任期".to_string()))]
        );
        assert_eq!(kinds("年满十八周岁的公民"), [(ConstraintKind::Age, AtLeast, 18.0, None, "周岁", None)]);
        assert_eq!(
            kinds("十六周岁以上不满十八周岁"),
            [
                (ConstraintKind::Age, AtLeast, 16.0, None, "周岁", None),
                (ConstraintKind::Age, LessThan, 18.0, None, "周岁", None)
            ]
        );
    }

    #[test]
    fn the_act_and_party_of_a_penalty() {
        let text =
            "违反本法第十条规定,擅自占用道路的,由公安机关责令改正,对单位处五千元罚款;情节严重的,对个人处二千元罚款。";
        let first = text.find("五千").unwrap();
        assert_eq!(penalised_act(text, first), "违反本法第十条规定,擅自占用道路的");
        assert_eq!(penalised_party(text, first, &penalised_act(text, first)), "单位");
        let second = text.find("二千").unwrap();
        assert_eq!(penalised_act(text, second), "违反本法第十条规定,擅自占用道路的情节严重的");
        assert_eq!(penalised_party(text, second, ""), "个人");
        let pedestrians =
            "行人、乘车人、非机动车驾驶人违反道路交通安全法律、法规关于道路通行规定的,处警告或者五元以上五十元以下罚款";
        let at = pedestrians.find("五元").unwrap();
        let act = penalised_act(pedestrians, at);
        assert_eq!(penalised_party(pedestrians, at, &act), "行人、乘车人、非机动车驾驶人");
        let driving = "驾驶机动车有下列情形之一的,处200元罚款";
        assert_eq!(penalised_party(driving, driving.find("200").unwrap(), "驾驶机动车有下列情形之一的"), "");
    }

    #[test]
    fn references_belong_to_their_title() {
        let refs = references("违反本法第十条、第十二条之一或者《中华人民共和国道路交通安全法》第九十条规定的");
        let shown: Vec<(Option<&str>, String)> =
            refs.iter().map(|r| (r.title.as_deref(), r.article.to_string())).collect();
        assert_eq!(
            shown,
            [
                (None, "art10".to_string()),
                (None, "art12-1".to_string()),
                (Some("中华人民共和国道路交通安全法"), "art90".to_string())
            ]
        );
    }
}
