//! Duties and prohibitions across aligned units: a national duty (应当, 必须) that the aligned
//! local clause words as an option (可以, 鼓励, 一般), and a national prohibition (不得, 禁止, 严禁)
//! of a unit the local document reuses that the local document never states. Cues are those of
//! `grammar/duties.txt`; the act is the rest of the clause after the cue.
//!
//! A national document's duties are found once ([`NationalDuties`]) for all the local documents
//! compared with it; a link that copies its national unit word for word, and a duty clause the
//! local unit copies as it is, need no further look.

use std::cell::OnceCell;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::number::Numeric;
use crate::lexicon;
use crate::model::{Alignment, Derivation, Document, Duty, DutyChange, UnitId, UnitKind};
use crate::normalize::UnitTexts;

/// A local link reuses enough of the national unit to be held to its duties when it covers this
/// share of it.
const MIN_COVERAGE: f32 = 0.5;
/// A local clause words a national act when it holds this share of the act's character pairs…
const SAME_ACT: f32 = 0.6;
/// …and states it (somewhere in the document, perhaps reworded) when it holds this share.
const STATED: f32 = 0.5;
/// Acts shorter than this (in characters) say too little to be looked for.
const MIN_ACT: usize = 4;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cue {
    Duty,
    Prohibition,
    Weak,
    Offence,
}

/// The cues, longest first (不应当 before 应当).
fn cues() -> &'static [(Cue, &'static str)] {
    static CUES: OnceLock<Vec<(Cue, &'static str)>> = OnceLock::new();
    CUES.get_or_init(|| {
        let mut cues: Vec<(Cue, &'static str)> = lexicon::duty_cues()
            .iter()
            .filter_map(|line| {
                let (kind, cue) = line.split_once('\t')?;
                let kind = match kind {
                    "duty" => Cue::Duty,
                    "prohibition" => Cue::Prohibition,
                    "weak" => Cue::Weak,
                    "offence" => Cue::Offence,
                    _ => return None,
                };
                Some((kind, cue))
            })
            .collect();
        cues.sort_by_key(|(_, cue)| std::cmp::Reverse(cue.len()));
        cues
    })
}

/// Every cue but the offence words, in one automaton: clauses are searched once, not once per cue.
fn governing_cues() -> &'static (aho_corasick::AhoCorasick, Vec<(Cue, &'static str)>) {
    static CELL: OnceLock<(aho_corasick::AhoCorasick, Vec<(Cue, &'static str)>)> = OnceLock::new();
    CELL.get_or_init(|| {
        let kept: Vec<(Cue, &'static str)> = cues().iter().copied().filter(|(kind, _)| *kind != Cue::Offence).collect();
        let automaton =
            aho_corasick::AhoCorasick::new(kept.iter().map(|(_, cue)| cue)).expect("cues make an automaton");
        (automaton, kept)
    })
}

/// The cue that governs a clause, and the act after it: the last cue in the clause, a longer cue
/// winning over one inside it (不应当 over 应当).
fn governing(clause: &str) -> Option<(Cue, &'static str, &str)> {
    let (automaton, kept) = governing_cues();
    let mut best: Option<(usize, usize, Cue, &'static str)> = None;
    // Cues are ordered longest first, so of cues at one place the longer is seen first.
    let mut found: Vec<(usize, usize)> =
        automaton.find_overlapping_iter(clause).map(|m| (m.pattern().as_usize(), m.start())).collect();
    found.sort_unstable();
    for (pattern, at) in found {
        let (kind, cue) = kept[pattern];
        let inside = best.is_some_and(|(b, len, ..)| b <= at && at + cue.len() <= b + len);
        if !inside && best.is_none_or(|(b, ..)| at > b) {
            best = Some((at, cue.len(), kind, cue));
        }
    }
    best.map(|(at, len, kind, cue)| (kind, cue, &clause[at + len..]))
}

fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | '，' | ';' | '；' | '。' | ':' | '：' | '!' | '！' | '?' | '？' | '\n')
}

fn clauses(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_clause_break).filter(|c| !c.is_empty())
}

/// Character pairs, each as one number (first character high), sorted, without repeats.
type Pairs = Vec<u64>;

/// The character pairs of a text's ideographs, letters and digits, numbers written in digits
/// (十五公里 and 15公里 are the same words).
fn pairs(text: &str) -> Pairs {
    let numeric = Numeric::of(text);
    let chars: Vec<char> = numeric.text.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut pairs: Pairs = chars.windows(2).map(|w| (u64::from(w[0]) << 32) | u64::from(w[1])).collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The share of `act`'s character pairs that `clause` holds.
fn holds(clause: &Pairs, act: &Pairs) -> f32 {
    act.iter().filter(|p| clause.binary_search(p).is_ok()).count() as f32 / act.len().max(1) as f32
}

/// A clause, ready for comparison.
struct Clause<'t> {
    text: &'t str,
    pairs: Pairs,
    /// The cue that governs it.
    cue: Option<(Cue, &'static str)>,
    /// True if any duty or prohibition cue is in it (应当支持和协助 is a duty, whatever 支持 says).
    binding: bool,
}

fn clauses_of(text: &str) -> Vec<Clause<'_>> {
    clauses(text)
        .map(|c| Clause {
            text: c,
            pairs: pairs(c),
            cue: governing(c).map(|(k, cue, _)| (k, cue)),
            binding: cues().iter().any(|(kind, cue)| matches!(kind, Cue::Duty | Cue::Prohibition) && c.contains(cue)),
        })
        .collect()
}

/// A duty or prohibition of a national unit.
struct Rule<'t> {
    /// The clause, cue included.
    text: &'t str,
    kind: Cue,
    cue: &'static str,
    /// The pairs of the act after the cue.
    act: Pairs,
}

/// The duties and prohibitions of every unit of a national document (a unit's own and its
/// parts'), found once for every local document compared with it.
pub struct NationalDuties<'t> {
    texts: &'t UnitTexts,
    rules: HashMap<UnitId, Vec<Rule<'t>>>,
}

impl<'t> NationalDuties<'t> {
    /// The rules of `doc`, whose unit texts are `texts`.
    pub fn new(doc: &Document, texts: &'t UnitTexts) -> NationalDuties<'t> {
        let mut rules = HashMap::default();
        doc.walk(|unit| {
            let found: Vec<Rule> = clauses(texts.text(&unit.id)).filter_map(rule).collect();
            if !found.is_empty() {
                rules.insert(unit.id.clone(), found);
            }
        });
        NationalDuties { texts, rules }
    }
}

/// The rule a national clause states, if it states one worth looking for: a duty or a
/// prohibition with an act of some length, not a condition (越过…不得举行集会的特定场所…的) and
/// not a list (不得有下列行为).
fn rule(clause: &str) -> Option<Rule<'_>> {
    let (kind @ (Cue::Duty | Cue::Prohibition), cue, act) = governing(clause)? else { return None };
    let condition = clause.ends_with('的');
    if condition || act.chars().filter(|c| c.is_alphanumeric()).count() < MIN_ACT || act.contains("下列") {
        return None;
    }
    Some(Rule { text: clause, kind, cue, act: pairs(act) })
}

/// What a document states, clause by clause: which acts it forbids (by a prohibition, under a
/// stem that prohibits a list, 不得从事下列活动, or in an article that punishes them, 有下列行为之一
/// 的，处…罚款) and which it makes duties.
struct Statements<'t> {
    forbidden: Vec<Clause<'t>>,
    duties: Vec<Clause<'t>>,
}

impl<'t> Statements<'t> {
    fn of(doc: &Document, texts: &'t UnitTexts) -> Statements<'t> {
        let articles: Vec<&UnitId> =
            doc.all_units().into_iter().filter(|u| u.kind == UnitKind::Article).map(|u| &u.id).collect();
        let units = if articles.is_empty() { doc.units.iter().map(|u| &u.id).collect() } else { articles };
        let offence = |text: &str| cues().iter().any(|(kind, cue)| *kind == Cue::Offence && text.contains(cue));
        let (mut forbidden, mut duties) = (Vec::new(), Vec::new());
        for id in units {
            let text = texts.text(id);
            let all = clauses_of(text);
            let lists =
                all.iter().any(|c| c.cue.is_some_and(|(kind, _)| kind == Cue::Prohibition) && c.text.contains("下列"));
            let punishes = offence(text) || lists;
            for clause in all {
                match clause.cue {
                    Some((Cue::Duty, _)) => duties.push(clause),
                    Some((Cue::Prohibition, _)) => forbidden.push(clause),
                    _ if punishes => forbidden.push(clause),
                    _ => {}
                }
            }
        }
        Statements { forbidden, duties }
    }

    fn forbids(&self, act: &Pairs) -> bool {
        self.forbidden.iter().any(|c| holds(&c.pairs, act) >= STATED)
    }

    fn requires(&self, act: &Pairs) -> bool {
        self.duties.iter().any(|c| holds(&c.pairs, act) >= STATED)
    }
}

/// National duties weakened and prohibitions dropped by `local` (whose unit texts are
/// `local_texts`), in the units the alignment links with reused text.
pub fn compare(
    national: &NationalDuties,
    local: &Document,
    local_texts: &UnitTexts,
    alignment: &Alignment,
) -> Vec<Duty> {
    // Links that reuse the national text, finest first: a paragraph's link says more than its
    // article's. A verbatim link keeps every cue.
    let mut links: Vec<_> = alignment
        .links
        .iter()
        .filter(|l| l.relation == Derivation::Modified && l.coverage >= MIN_COVERAGE)
        .filter(|l| national.rules.contains_key(&l.national))
        .collect();
    links.sort_by_key(|l| std::cmp::Reverse((l.local.0.len(), l.national.0.len())));
    // What the local document states, gathered only if a national rule is looked for.
    let statements: OnceCell<Statements> = OnceCell::new();
    let stated = || statements.get_or_init(|| Statements::of(local, local_texts));
    let mut seen: HashSet<(UnitId, &str)> = HashSet::default();
    let mut out = Vec::new();
    for link in links {
        let local_text = local_texts.text(&link.local);
        let local_clauses: OnceCell<Vec<Clause>> = OnceCell::new();
        for rule in &national.rules[&link.national] {
            // Copied as it is: cue and act unchanged.
            if local_text.contains(rule.text) {
                continue;
            }
            let found = local_clauses
                .get_or_init(|| clauses_of(local_text))
                .iter()
                .map(|c| (holds(&c.pairs, &rule.act), c))
                .filter(|(share, _)| *share >= SAME_ACT)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, c)| c);
            let change = match (rule.kind, found) {
                (Cue::Duty, Some(c))
                    if weakened(c, rule, national.texts.text(&link.national)) && !stated().requires(&rule.act) =>
                {
                    DutyChange::Weakened
                }
                (Cue::Prohibition, _) if !stated().forbids(&rule.act) => DutyChange::Dropped,
                _ => continue,
            };
            // A clause reached through an article and through its paragraph is one finding.
            let article = link.national.article().unwrap_or_else(|| link.national.clone());
            if !seen.insert((article, rule.text)) {
                continue;
            }
            out.push(Duty {
                national: link.national.clone(),
                local: link.local.clone(),
                national_text: rule.text.to_string(),
                local_text: found.map(|c| c.text.to_string()),
                cue: rule.cue.to_string(),
                local_cue: found.and_then(|c| c.cue).map(|(_, cue)| cue.to_string()),
                change,
            });
        }
    }
    out.sort_by(|a, b| a.local.cmp(&b.local));
    out
}

/// True when `local` words the act of the national duty `duty` (a clause of `national_text`) as
/// an option: a weak cue governs it, no duty or prohibition is in it, and it is not rather the
/// copy of an optional clause of the same national unit (应当建立…；也可以联合建立…).
fn weakened(local: &Clause, duty: &Rule, national_text: &str) -> bool {
    if !matches!(local.cue, Some((Cue::Weak, _))) || local.binding {
        return false;
    }
    let national = clauses_of(national_text);
    let closest =
        national.iter().max_by(|a, b| holds(&a.pairs, &local.pairs).total_cmp(&holds(&b.pairs, &local.pairs)));
    closest.is_none_or(|c| c.text == duty.text || !matches!(c.cue, Some((Cue::Weak, _))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_and_longest_cue_governs() {
        assert_eq!(governing("任何单位不得擅自改变用途"), Some((Cue::Prohibition, "不得", "擅自改变用途")));
        assert_eq!(governing("不应当收取费用").map(|(k, c, _)| (k, c)), Some((Cue::Prohibition, "不应当")));
        assert_eq!(governing("县级人民政府应当建立制度").map(|(k, c, _)| (k, c)), Some((Cue::Duty, "应当")));
        assert_eq!(governing("可以建立制度").map(|(k, _, _)| k), Some(Cue::Weak));
        assert_eq!(governing("建立制度"), None);
    }
}
