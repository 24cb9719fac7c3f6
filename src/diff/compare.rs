//! The constraints of two documents paired and compared. Thresholds, validity periods, deadlines,
//! terms and ages pair one to one, by alignment or by subject. Legal rules pair by what they
//! govern, never by position: a penalty by the act it punishes and the party it binds, a time
//! limit by the procedure it times. The alignment and the articles their acts refer to are the
//! evidence; several local penalties may fall under one national range. A range is compared as
//! within or outside, caps and floors as stricter or looser, a time limit as shorter (stricter)
//! or longer (looser).

use rustc_hash::FxHashMap as HashMap;

use crate::model::{Alignment, Change, Comparator, Constraint, ConstraintChange, ConstraintKind, Derivation, UnitId};
use crate::normalize::{text_key, UnitTexts};
use crate::segment;

/// Words shared by a local and a national act: below this share (a weighted cosine), two
/// penalties with no other evidence are not paired.
const MIN_ACT_SIMILARITY: f32 = 0.3;
/// Two time limits in linked units are paired only when their procedures share this much.
const MIN_PROCEDURE_SIMILARITY: f32 = 0.2;
/// Thresholds with subjects this alike pair wherever they are…
const SAME_SUBJECT: f32 = 0.6;
/// …and in linked units, with subjects this alike (a unit may hold several shares: 十分之一以上的
/// 村民, 三分之一以上的村民代表).
const LINKED_SUBJECT: f32 = 0.3;
/// A party named alike (行人 and 行人、乘车人) adds this to the likeness of two penalties' acts.
const PARTY_WEIGHT: f32 = 0.2;

/// One document's side of a comparison.
pub struct Side<'a> {
    /// Its constraints.
    pub constraints: &'a [Constraint],
    /// Its unit texts (a penalty on a list, 有下列行为之一的, punishes the items' acts).
    pub texts: &'a UnitTexts,
    /// Its title, for references to it by name (违反《中华人民共和国道路交通安全法》第九十条).
    pub title: Option<&'a str>,
}

/// Why two constraints are paired, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Evidence {
    /// The alignment links their units with reused text (verbatim or modified).
    Linked,
    /// The local act refers to an article that is, or is aligned with, one the national act
    /// refers to.
    Referenced,
    /// Only their acts' wording.
    Worded,
}

/// A possible counterpart of a local constraint.
#[derive(Clone, Copy, Debug)]
pub struct Candidate {
    /// Index of the national constraint.
    pub national: usize,
    /// Why it is one.
    pub evidence: Evidence,
    /// How alike their acts are, in [0, 1].
    pub similarity: f32,
    /// How the local constraint differs from it.
    pub change: Change,
}

/// The counterparts of every local constraint, best first (empty for one with none).
pub fn candidates(national: &Side, local: &Side, alignment: &Alignment) -> Vec<Vec<Candidate>> {
    let words = ActWords::new(national, local);
    let mut used = vec![false; national.constraints.len()];
    local
        .constraints
        .iter()
        .enumerate()
        .map(|(li, l)| {
            if is_legal(l.kind) {
                legal_candidates(national, local, alignment, &words, li)
            } else {
                let best = threshold_counterpart(national.constraints, l, alignment, &used);
                best.map(|ni| {
                    used[ni] = true;
                    let change = change(l, &national.constraints[ni]);
                    let similarity = subject_overlap(&l.subject, &national.constraints[ni].subject);
                    vec![Candidate { national: ni, evidence: Evidence::Worded, similarity, change }]
                })
                .unwrap_or_default()
            }
        })
        .collect()
}

/// Pairs local constraints with national ones and says how each changed: every local
/// constraint with its best counterpart (or added), then the national ones no local one took
/// (removed).
pub fn compare(national: &Side, local: &Side, alignment: &Alignment) -> Vec<ConstraintChange> {
    let found = candidates(national, local, alignment);
    let mut taken = vec![false; national.constraints.len()];
    let mut out = Vec::new();
    for (l, candidates) in local.constraints.iter().zip(&found) {
        match candidates.first() {
            Some(best) => {
                taken[best.national] = true;
                let n = national.constraints[best.national].clone();
                out.push(ConstraintChange { local: Some(l.clone()), national: Some(n), change: best.change });
            }
            None => out.push(ConstraintChange { local: Some(l.clone()), national: None, change: Change::Added }),
        }
    }
    for n in national.constraints.iter().zip(&taken).filter(|(_, taken)| !**taken).map(|(n, _)| n) {
        out.push(ConstraintChange { local: None, national: Some(n.clone()), change: Change::Removed });
    }
    out
}

/// Legal rules pair by what they govern; the other kinds by subject.
fn is_legal(kind: ConstraintKind) -> bool {
    kind.is_penalty() || kind == ConstraintKind::TimeLimit
}

/// True when the alignment links the two units (or units around them); `strong`: with a link
/// that reuses the text (verbatim or modified), not a paraphrase, which may link a clause to its
/// opposite (非公路客运车辆 to 公路客运车辆).
fn linked(alignment: &Alignment, local: &UnitId, national: &UnitId, strong: bool) -> bool {
    alignment.links.iter().any(|l| {
        related(&l.local, local) && related(&l.national, national) && !(strong && l.relation == Derivation::Paraphrase)
    })
}

/// True when one unit is the other or lies inside it.
fn related(a: &UnitId, b: &UnitId) -> bool {
    a.0.starts_with(&b.0) || b.0.starts_with(&a.0)
}

fn subject_overlap(a: &str, b: &str) -> f32 {
    let a: Vec<char> = a.chars().collect();
    let shared = b.chars().filter(|c| a.contains(c)).count();
    shared as f32 / a.len().max(b.chars().count()).max(1) as f32
}

/// The unused national threshold (or validity period, deadline, term, age) that `l` takes: the
/// same kind and measure, with a like subject, less alike in a linked unit.
fn threshold_counterpart(
    national: &[Constraint],
    l: &Constraint,
    alignment: &Alignment,
    used: &[bool],
) -> Option<usize> {
    national
        .iter()
        .enumerate()
        .filter(|(k, n)| !used[*k] && n.kind == l.kind && n.unit_of_measure == l.unit_of_measure)
        .filter(|(_, n)| {
            let overlap = subject_overlap(&l.subject, &n.subject);
            overlap >= SAME_SUBJECT || linked(alignment, &l.unit, &n.unit, false) && overlap >= LINKED_SUBJECT
        })
        .max_by(|a, b| subject_overlap(&l.subject, &a.1.subject).total_cmp(&subject_overlap(&l.subject, &b.1.subject)))
        .map(|(k, _)| k)
}

/// The national legal constraints that `local.constraints[li]` may fall under, best first.
fn legal_candidates(
    national: &Side,
    local: &Side,
    alignment: &Alignment,
    words: &ActWords,
    li: usize,
) -> Vec<Candidate> {
    let l = &local.constraints[li];
    let mut found: Vec<Candidate> = national
        .constraints
        .iter()
        .enumerate()
        .filter(|(_, n)| n.kind == l.kind && comparable(l, n) && parties_agree(&l.party, &n.party))
        .filter_map(|(ni, n)| {
            let evidence = if linked(alignment, &l.unit, &n.unit, true) {
                Evidence::Linked
            } else if referenced(l, n, alignment, national.title) {
                Evidence::Referenced
            } else {
                Evidence::Worded
            };
            let same_party = parties(&l.party).any(|p| parties(&n.party).any(|q| p == q));
            let similarity = (words.similarity(li, ni) + if same_party { PARTY_WEIGHT } else { 0.0 }).min(1.0);
            let enough = match l.kind {
                ConstraintKind::TimeLimit => {
                    linked(alignment, &l.unit, &n.unit, false) && similarity >= MIN_PROCEDURE_SIMILARITY
                }
                _ => evidence != Evidence::Worded || similarity >= MIN_ACT_SIMILARITY,
            };
            enough.then(|| Candidate { national: ni, evidence, similarity, change: change(l, n) })
        })
        .collect();
    found.sort_by(|a, b| a.evidence.cmp(&b.evidence).then(b.similarity.total_cmp(&a.similarity)));
    found
}

/// True when the two are measured alike: money with money, days with days (or months), a
/// multiple of the same amount (违法所得) with a multiple of it.
fn comparable(l: &Constraint, n: &Constraint) -> bool {
    let same_base = measure_base(&l.unit_of_measure).0 == measure_base(&n.unit_of_measure).0;
    match l.kind {
        ConstraintKind::Fine if l.unit_of_measure == "倍" => same_base && l.subject == n.subject,
        ConstraintKind::Revocation | ConstraintKind::Suspension => {
            same_base && subject_overlap(&l.subject, &n.subject) >= 0.5
        }
        _ => same_base,
    }
}

/// The parties of a penalty, as listed (行人、乘车人、非机动车驾驶人).
fn parties(party: &str) -> impl Iterator<Item = &str> {
    party
        .split(['、', ',', '，', '和', '及', '或', '与'])
        .map(|p| p.trim_start_matches("者").trim())
        .filter(|p| !p.is_empty())
}

/// True unless both name parties and none of one is one of the other: the same name, or a name
/// that ends with the other (生产经营单位, 单位) but not after 非 (非机动车驾驶人 is no 机动车驾驶人).
fn parties_agree(local: &str, national: &str) -> bool {
    if local.is_empty() || national.is_empty() {
        return true;
    }
    let within = |long: &str, short: &str| long.strip_suffix(short).is_some_and(|prefix| !prefix.ends_with('非'));
    parties(local).any(|l| parties(national).any(|n| within(l, n) || within(n, l)))
}

/// True when the titles name the same document: one key contains the other.
fn same_title(cited: &str, title: &str) -> bool {
    let (cited, title) = (text_key(cited), text_key(title));
    !cited.is_empty() && (title.contains(&cited) || cited.contains(&title))
}

/// True when the local act refers to a national article the national act refers to (or that
/// holds the national constraint): named with the national title, or through the alignment of
/// the local article it names.
fn referenced(l: &Constraint, n: &Constraint, alignment: &Alignment, national_title: Option<&str>) -> bool {
    let national_article = n.unit.article();
    let names = |article: &UnitId| {
        national_article.as_ref() == Some(article) || n.refs.iter().any(|r| r.title.is_none() && &r.article == article)
    };
    l.refs.iter().any(|r| match &r.title {
        Some(title) => national_title.is_some_and(|t| same_title(title, t)) && names(&r.article),
        None => alignment
            .links
            .iter()
            .filter(|k| related(&k.local, &r.article))
            .filter_map(|k| k.national.article())
            .any(|article| names(&article)),
    })
}

/// The base unit of a measure and how many of it one makes: amounts in 元, times in days (a
/// month as 30, a year as 365), working days apart.
pub fn measure_base(measure: &str) -> (&str, f64) {
    match measure {
        "元" => ("元", 1.0),
        "万元" => ("元", 10_000.0),
        "亿元" => ("元", 100_000_000.0),
        "日" | "天" => ("日", 1.0),
        "周" => ("日", 7.0),
        "个月" => ("日", 30.0),
        "年" => ("日", 365.0),
        "小时" => ("日", 1.0 / 24.0),
        "周岁" | "岁" => ("岁", 1.0),
        other => (other, 1.0),
    }
}

/// The values a constraint allows, in its base unit: `(lowest, highest)`. A cap starts at 0 (a
/// fine of 以下 allows any smaller one), a floor has no top.
pub fn interval(c: &Constraint) -> (f64, f64) {
    let scale = measure_base(&c.unit_of_measure).1;
    let (v, u) = (c.value * scale, c.upper.map(|u| u * scale));
    match c.comparator {
        Comparator::Equal => (v, v),
        Comparator::Range => (v, u.unwrap_or(v)),
        Comparator::AtMost | Comparator::LessThan => (0.0, v),
        Comparator::AtLeast | Comparator::MoreThan => (v, f64::INFINITY),
    }
}

/// How `local` differs from `national`.
fn change(local: &Constraint, national: &Constraint) -> Change {
    use Comparator::*;
    let (lb, ls) = measure_base(&local.unit_of_measure);
    let (nb, ns) = measure_base(&national.unit_of_measure);
    if lb != nb {
        return Change::Changed;
    }
    let (l, n) = (local.value * ls, national.value * ns);
    let (lu, nu) = (local.upper.map(|u| u * ls), national.upper.map(|u| u * ns));
    if local.comparator == national.comparator && l == n && lu == nu {
        return Change::Same;
    }
    if local.kind.is_penalty() || national.comparator == Range && matches!(local.comparator, Equal | Range) {
        let ((llo, lhi), (nlo, nhi)) = (interval(local), interval(national));
        return if nlo <= llo && lhi <= nhi { Change::WithinRange } else { Change::OutsideRange };
    }
    match (local.comparator, national.comparator) {
        (AtLeast | MoreThan, AtLeast | MoreThan) if l > n => Change::Stricter,
        (AtLeast | MoreThan, AtLeast | MoreThan) if l < n => Change::Looser,
        (AtMost | LessThan, AtMost | LessThan) if l < n => Change::Stricter,
        (AtMost | LessThan, AtMost | LessThan) if l > n => Change::Looser,
        _ => Change::Changed,
    }
}

/// The words of the acts of both sides' legal constraints, each weighted by how rare it is
/// among them: wording every penalty shares (违反, 规定, 罚款) counts for little.
struct ActWords {
    /// Word numbers of each national, then each local constraint's act (empty for other kinds).
    acts: Vec<Vec<u32>>,
    national: usize,
    weights: Vec<f32>,
}

impl ActWords {
    fn new(national: &Side, local: &Side) -> ActWords {
        // Words are cut only when both sides have legal rules to pair (most pairs of policy
        // measures have none).
        let has_rules = |side: &Side| side.constraints.iter().any(|c| is_legal(c.kind));
        let both = has_rules(national) && has_rules(local);
        let mut numbers: HashMap<String, u32> = HashMap::default();
        let mut acts = Vec::with_capacity(national.constraints.len() + local.constraints.len());
        for (side, c) in
            national.constraints.iter().map(|c| (national, c)).chain(local.constraints.iter().map(|c| (local, c)))
        {
            if !both || !is_legal(c.kind) {
                acts.push(Vec::new());
                continue;
            }
            let mut ids: Vec<u32> = segment::words(&act_text(side, c))
                .into_iter()
                .filter(|w| w.chars().count() >= 2 && w.chars().all(crate::text::is_cjk))
                .map(|w| {
                    let next = numbers.len() as u32;
                    *numbers.entry(w.to_string()).or_insert(next)
                })
                .collect();
            ids.sort_unstable();
            ids.dedup();
            acts.push(ids);
        }
        let mut df = vec![0f32; numbers.len()];
        for ids in &acts {
            for &w in ids {
                df[w as usize] += 1.0;
            }
        }
        let total = acts.iter().filter(|a| !a.is_empty()).count().max(1) as f32;
        let weights = df.iter().map(|&d| (total / d.max(1.0)).ln().max(0.0)).collect();
        ActWords { acts, national: national.constraints.len(), weights }
    }

    /// The weighted cosine of the words of local constraint `li` and national constraint `ni`.
    fn similarity(&self, li: usize, ni: usize) -> f32 {
        let (l, n) = (&self.acts[self.national + li], &self.acts[ni]);
        let weight = |ids: &[u32]| ids.iter().map(|&w| self.weights[w as usize]).sum::<f32>();
        let shared: f32 = l.iter().filter(|w| n.binary_search(w).is_ok()).map(|&w| self.weights[w as usize]).sum();
        shared / (weight(l) * weight(n)).sqrt().max(1e-6)
    }
}

/// What a legal constraint governs, as text: its party, act and subject, and, for a penalty on
/// a list (有下列行为之一的), the text of its unit with the items.
fn act_text(side: &Side, c: &Constraint) -> String {
    let mut text = format!("{}{}{}", c.party, c.act, c.subject);
    if c.act.contains("下列") {
        text.push_str(side.texts.text(&c.unit));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn constraint(
        kind: ConstraintKind,
        comparator: Comparator,
        value: f64,
        upper: Option<f64>,
        measure: &str,
    ) -> Constraint {
        Constraint {
            unit: UnitId::default(),
            subject: String::new(),
            comparator,
            value,
            upper,
            unit_of_measure: measure.to_string(),
            modal: None,
            modality: None,
            kind,
            text: String::new(),
            span: crate::model::Span::default(),
            act: String::new(),
            party: String::new(),
            refs: Vec::new(),
        }
    }

    #[test]
    fn penalties_are_inside_or_outside_the_national_range() {
        use Comparator::*;
        let fine = |c, v, u| constraint(ConstraintKind::Fine, c, v, u, "元");
        let range = fine(Range, 5.0, Some(50.0));
        assert_eq!(change(&fine(Equal, 10.0, None), &range), Change::WithinRange);
        assert_eq!(change(&fine(Equal, 100.0, None), &range), Change::OutsideRange);
        assert_eq!(change(&fine(Range, 5.0, Some(50.0)), &range), Change::Same);
        assert_eq!(change(&fine(Range, 10.0, Some(60.0)), &range), Change::OutsideRange);
        // A cap allows any smaller fine, down to less than the national least.
        assert_eq!(change(&fine(AtMost, 50.0, None), &range), Change::OutsideRange);
        assert_eq!(change(&fine(AtMost, 3.0, None), &fine(AtMost, 5.0, None)), Change::WithinRange);
        let wan = constraint(ConstraintKind::Fine, Equal, 2.0, None, "万元");
        assert_eq!(change(&wan, &fine(Range, 10_000.0, Some(50_000.0))), Change::WithinRange);
    }

    #[test]
    fn time_limits_are_shorter_or_longer() {
        use Comparator::*;
        let limit = |c, v, m| constraint(ConstraintKind::TimeLimit, c, v, None, m);
        assert_eq!(change(&limit(AtMost, 30.0, "日"), &limit(AtMost, 15.0, "日")), Change::Looser);
        assert_eq!(change(&limit(AtMost, 10.0, "日"), &limit(AtMost, 15.0, "日")), Change::Stricter);
        assert_eq!(change(&limit(AtMost, 1.0, "个月"), &limit(AtMost, 30.0, "日")), Change::Same);
        assert_eq!(change(&limit(AtMost, 2.0, "个月"), &limit(AtMost, 30.0, "日")), Change::Looser);
        assert_eq!(change(&limit(AtMost, 10.0, "工作日"), &limit(AtMost, 30.0, "日")), Change::Changed);
        // A lead time before an event: less notice is more time to act.
        assert_eq!(change(&limit(AtLeast, 20.0, "日"), &limit(AtLeast, 30.0, "日")), Change::Looser);
    }

    #[test]
    fn parties_agree_unless_they_differ() {
        assert!(parties_agree("行人", "行人、乘车人、非机动车驾驶人"));
        assert!(parties_agree("", "单位"));
        assert!(parties_agree("生产经营单位", "单位"));
        assert!(!parties_agree("机动车驾驶人", "行人、乘车人、非机动车驾驶人"));
        assert!(!parties_agree("个人", "单位"));
    }
}
