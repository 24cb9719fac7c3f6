//! `zhengce check`: a drafting office's review of a new local measure against the documents it
//! implements. Each finding names the draft unit, the source unit and why: a penalty outside the
//! source's range, a longer time limit, a looser or stricter threshold, a duty weakened, a
//! prohibition dropped, text copied from a source the draft never cites.
//!
//! Findings come from the diff stage run on each source and the draft: constraints paired by
//! what they govern ([`diff::candidates`]) and duties across aligned units
//! ([`diff::compare_duties`]). A penalty or time limit is held against a source only when the
//! pairing is sure: the units are aligned with reused text, the acts refer to aligned articles,
//! or the acts' wording points to one source rule (or to several that agree).

use crate::diff::{self, Candidate, Evidence, Side};
use crate::i18n::Lang;
use crate::library::Library;
use crate::model::{
    Alignment, Change, Comparator, Constraint, ConstraintKind, Derivation, Document, DutyChange, Relation, Span,
    Target, UnitId,
};
use crate::normalize::UnitTexts;
use crate::{align, cite};

/// Worded pairings (no alignment or reference behind them) need acts this alike to be held
/// against the draft (a local rule on a matter the law leaves to the provinces may still read
/// half like a national one)…
const SURE_WORDING: f32 = 0.6;
/// …and every other candidate this close to the best must agree with it.
const WORDING_MARGIN: f32 = 0.1;
/// A draft copies a source when this many of its articles reuse the source's text.
const COPIED_UNITS: usize = 2;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The draft goes beyond what the source allows: it must change.
    Error,
    /// Worth a second look.
    Warning,
    /// For information.
    Info,
}

impl Severity {
    /// The severity's name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// What a finding is about (`spec/corpus.md`, `zhengce check`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FindingKind {
    /// A fine, detention or suspension outside the range the source sets for the same act.
    PenaltyOutsideRange,
    /// More time than the source's time limit (or less notice than its lead time).
    DeadlineLonger,
    /// A numeric condition looser than the source's.
    ThresholdLooser,
    /// A numeric condition stricter than the source's.
    ThresholdStricter,
    /// A duty (应当) of the source worded as an option (可以) in the draft.
    ObligationWeakened,
    /// A prohibition (不得) of an aligned source unit the draft never states.
    ProhibitionDropped,
    /// Text copied from a source the draft never cites.
    UncitedSource,
    /// A citation of a version that a later version, in force at the draft's date, replaces.
    CitesSuperseded,
}

impl FindingKind {
    /// The kind's name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::PenaltyOutsideRange => "penalty_outside_range",
            FindingKind::DeadlineLonger => "deadline_longer",
            FindingKind::ThresholdLooser => "threshold_looser",
            FindingKind::ThresholdStricter => "threshold_stricter",
            FindingKind::ObligationWeakened => "obligation_weakened",
            FindingKind::ProhibitionDropped => "prohibition_dropped",
            FindingKind::UncitedSource => "uncited_source",
            FindingKind::CitesSuperseded => "cites_superseded",
        }
    }

    /// How serious a finding of this kind is.
    pub fn severity(self) -> Severity {
        match self {
            FindingKind::PenaltyOutsideRange | FindingKind::DeadlineLonger => Severity::Error,
            FindingKind::ThresholdLooser
            | FindingKind::ObligationWeakened
            | FindingKind::ProhibitionDropped
            | FindingKind::CitesSuperseded => Severity::Warning,
            FindingKind::ThresholdStricter | FindingKind::UncitedSource => Severity::Info,
        }
    }
}

/// The values a constraint allows, for a finding's `detail`: `None` for an open end.
#[derive(Clone, Debug, PartialEq)]
pub struct Bounds {
    /// The least value allowed.
    pub min: Option<f64>,
    /// The greatest value allowed.
    pub max: Option<f64>,
    /// The unit both are counted in (元, 日, 倍, %…).
    pub unit_of_measure: String,
}

impl Bounds {
    fn of(c: &Constraint) -> Bounds {
        let (base, _) = diff::measure_base(&c.unit_of_measure);
        let (lo, hi) = diff::interval(c);
        let open_below = matches!(c.comparator, Comparator::AtMost | Comparator::LessThan);
        Bounds {
            min: (!open_below).then_some(round(lo)),
            max: hi.is_finite().then_some(round(hi)),
            unit_of_measure: base.to_string(),
        }
    }
}

/// Values in base units (a month is 30 days) rounded to what a reader compares.
fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// One thing the draft should be checked for.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// What it is about.
    pub kind: FindingKind,
    /// The draft unit.
    pub unit: Option<UnitId>,
    /// Where in the draft, for marking it.
    pub span: Option<Span>,
    /// The source, an index into [`Report::sources`].
    pub source: usize,
    /// The source unit.
    pub source_unit: Option<UnitId>,
    /// The draft's text (normalised).
    pub text: String,
    /// The draft's and the source's values, for constraints.
    pub detail: Option<(Bounds, Bounds)>,
    /// What is wrong, worded by [`Finding::message`].
    pub why: Why,
}

/// What a finding found, in values: [`crate::i18n`] words it. Values are as written (`1000元`,
/// `≥16周岁`), units are the source's.
#[derive(Clone, Debug, PartialEq)]
pub enum Why {
    /// A penalty beyond the source's range, cap, floor or fixed penalty (`range`, the source's
    /// comparator).
    Penalty {
        /// What is punished or fined (罚款, 机动车驾驶证).
        subject: String,
        /// The draft's penalty.
        value: String,
        /// Above the source's (else below).
        above: bool,
        /// What the source sets.
        range: Comparator,
        /// The source's penalty.
        source_value: String,
        /// The source unit.
        source_unit: UnitId,
    },
    /// Less notice before an event than the source's lead time.
    NoticeShorter {
        /// The draft's lead time.
        time: String,
        /// The source's.
        source_time: String,
        /// The source unit.
        source_unit: UnitId,
    },
    /// A longer time limit than the source's.
    TimeLimitLonger {
        /// The draft's time limit.
        time: String,
        /// The source's.
        source_time: String,
        /// The source unit.
        source_unit: UnitId,
    },
    /// A numeric condition looser or stricter than the source's.
    Threshold {
        /// What is counted.
        subject: String,
        /// The draft's condition.
        value: String,
        /// Looser (else stricter).
        looser: bool,
        /// The source's condition.
        source_value: String,
        /// The source unit.
        source_unit: UnitId,
    },
    /// A duty of the source worded as an option.
    Weakened {
        /// The source's cue (应当).
        cue: String,
        /// The draft's cue (可以).
        local_cue: String,
        /// The source's clause.
        source_text: String,
        /// The source unit.
        source_unit: UnitId,
    },
    /// A prohibition of the source the draft never states.
    Dropped {
        /// The source's clause.
        source_text: String,
        /// The source unit.
        source_unit: UnitId,
    },
    /// The draft reuses the source's text in this many units and never cites it.
    Uncited {
        /// How many units.
        units: usize,
    },
    /// The draft cites a version that the finding's source replaces.
    Superseded {
        /// The cited version: its file name and title.
        cited: (String, Option<String>),
        /// Its date.
        cited_date: Option<String>,
        /// The date of the version that replaces it.
        current_date: Option<String>,
    },
}

impl Finding {
    /// How serious it is.
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }

    /// One line saying what is wrong, in `lang`.
    pub fn message(&self, report: &Report, lang: Lang) -> String {
        lang.finding(self, report.sources[self.source])
    }
}

/// The review of a draft against its sources.
pub struct Report<'d> {
    /// The draft.
    pub draft: &'d Document,
    /// The sources, in the order given.
    pub sources: Vec<&'d Document>,
    /// The findings, in the draft's text order.
    pub findings: Vec<Finding>,
}

impl Report<'_> {
    /// How many findings have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity() == severity).count()
    }
}

/// Checks `draft` against each of `sources`.
pub fn check<'d>(draft: &'d Document, sources: &[&'d Document]) -> Report<'d> {
    let draft_texts = UnitTexts::new(draft);
    let draft_constraints = diff::extract_constraints(draft);
    let cited = cited_documents(draft, sources);
    let mut findings = Vec::new();
    for (s, source) in sources.iter().enumerate() {
        let source_texts = UnitTexts::new(source);
        let alignment = align::align(source, draft);
        let source_constraints = diff::extract_constraints(source);
        let national =
            Side { constraints: &source_constraints, texts: &source_texts, title: source.front.title.as_deref() };
        let local = Side { constraints: &draft_constraints, texts: &draft_texts, title: draft.front.title.as_deref() };
        let candidates = diff::candidates(&national, &local, &alignment);
        for (l, found) in draft_constraints.iter().zip(&candidates) {
            if let Some(finding) = constraint_finding(l, found, &source_constraints, s) {
                findings.push(finding);
            }
        }
        findings.extend(duty_findings(draft, &draft_texts, &source_texts, &alignment, s, source));
        if !cited.contains(&s) {
            findings.extend(uncited(draft, &alignment, s));
        }
    }
    let start = |f: &Finding| f.span.map_or(usize::MAX, |s| s.start);
    findings.sort_by(|a, b| start(a).cmp(&start(b)).then(a.severity().cmp(&b.severity())));
    Report { draft, sources: sources.to_vec(), findings }
}

/// Checks document `draft` of `library` against `sources` (documents of the library), and its
/// citations against the library's versions: a citation of a version that a later version, in
/// force at the draft's date, replaces is `cites_superseded`, with the replacing version added to
/// the report's sources.
pub fn check_in<'d>(library: &'d Library, draft: usize, sources: &[usize]) -> Report<'d> {
    let docs = &library.docs;
    let mut report = check(&docs[draft], &sources.iter().map(|&s| &docs[s]).collect::<Vec<_>>());
    let date = docs[draft].front.date.as_deref();
    for r in library.resolved[draft].iter().filter(|r| r.citation.target == Target::Document) {
        let Some(cited) = r.document.filter(|&c| c != draft) else { continue };
        let current = library.versions.in_force(docs, cited, date);
        if current == cited || docs[current].front.date <= docs[cited].front.date {
            continue;
        }
        let at = report.sources.iter().position(|d| std::ptr::eq(*d, &docs[current])).unwrap_or_else(|| {
            report.sources.push(&docs[current]);
            report.sources.len() - 1
        });
        let c = &r.citation;
        report.findings.push(Finding {
            kind: FindingKind::CitesSuperseded,
            unit: c.unit.clone(),
            span: Some(c.span),
            source: at,
            source_unit: None,
            text: docs[draft].slice(c.span).to_string(),
            detail: None,
            why: Why::Superseded {
                cited: (name(&docs[cited]), docs[cited].front.title.clone()),
                cited_date: docs[cited].front.date.clone(),
                current_date: docs[current].front.date.clone(),
            },
        });
    }
    let start = |f: &Finding| f.span.map_or(usize::MAX, |s| s.start);
    report.findings.sort_by(|a, b| start(a).cmp(&start(b)).then(a.severity().cmp(&b.severity())));
    report
}

/// The indices of the sources the draft cites at all.
fn cited_documents(draft: &Document, sources: &[&Document]) -> Vec<usize> {
    let docs: Vec<&Document> = std::iter::once(draft).chain(sources.iter().copied()).collect();
    cited_by_draft(&docs).map(|(_, d)| d).collect()
}

/// The citations of `docs[0]` (the draft) that resolve to another of `docs`: their relation and
/// the index of the document among the others (`docs[1..]`).
fn cited_by_draft(docs: &[&Document]) -> impl Iterator<Item = (Relation, usize)> {
    let mut citations = vec![Vec::new(); docs.len()];
    citations[0] = cite::extract(docs[0]);
    let resolved = cite::resolve(docs, &citations).swap_remove(0);
    resolved.into_iter().filter_map(|r| Some((r.citation.relation, r.document.filter(|&d| d > 0)? - 1)))
}

/// The candidate a draft constraint is held against, if the pairing is sure: aligned or
/// referenced, or worded alike enough with every close rival agreeing on the verdict.
fn sure(found: &[Candidate]) -> Option<&Candidate> {
    let best = found.first()?;
    if best.evidence != Evidence::Worded {
        return Some(best);
    }
    let agree =
        found.iter().filter(|c| c.similarity >= best.similarity - WORDING_MARGIN).all(|c| c.change == best.change);
    (best.similarity >= SURE_WORDING && agree).then_some(best)
}

/// The finding a draft constraint makes against its counterpart in source `s`, if any.
fn constraint_finding(
    l: &Constraint,
    found: &[Candidate],
    source_constraints: &[Constraint],
    s: usize,
) -> Option<Finding> {
    let best = match l.kind {
        // A penalty or time limit is an error only when the pairing is sure.
        kind if kind.is_penalty() || kind == ConstraintKind::TimeLimit => sure(found)?,
        _ => found.first()?,
    };
    let n = &source_constraints[best.national];
    let kind = match (l.kind, best.change) {
        (ConstraintKind::Fine | ConstraintKind::Detention | ConstraintKind::Suspension, Change::OutsideRange) => {
            FindingKind::PenaltyOutsideRange
        }
        (ConstraintKind::TimeLimit, Change::Looser) => FindingKind::DeadlineLonger,
        (ConstraintKind::Threshold | ConstraintKind::Age, Change::Looser) => FindingKind::ThresholdLooser,
        (ConstraintKind::Threshold | ConstraintKind::Age, Change::Stricter) => FindingKind::ThresholdStricter,
        _ => return None,
    };
    let (draft, national) = (Bounds::of(l), Bounds::of(n));
    let source_unit = n.unit.clone();
    let why = match kind {
        FindingKind::PenaltyOutsideRange => Why::Penalty {
            subject: l.subject.clone(),
            value: value(l),
            above: draft.max.is_none_or(|max| national.max.is_some_and(|n| max > n)),
            range: n.comparator,
            source_value: value(n),
            source_unit,
        },
        FindingKind::DeadlineLonger if l.comparator == Comparator::AtLeast => {
            Why::NoticeShorter { time: time(l), source_time: time(n), source_unit }
        }
        FindingKind::DeadlineLonger => Why::TimeLimitLonger { time: time(l), source_time: time(n), source_unit },
        _ => Why::Threshold {
            subject: l.subject.clone(),
            value: value(l),
            looser: kind == FindingKind::ThresholdLooser,
            source_value: value(n),
            source_unit,
        },
    };
    Some(Finding {
        kind,
        unit: Some(l.unit.clone()),
        span: Some(l.span),
        source: s,
        source_unit: Some(n.unit.clone()),
        text: l.text.clone(),
        detail: Some((draft, national)),
        why,
    })
}

/// A document's name in messages: its file name.
fn name(doc: &Document) -> String {
    doc.path.file_name().map_or_else(|| doc.path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

fn number(x: f64) -> String {
    let text = format!("{x:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A time as written, without its comparator: `15日`, `24小时`.
fn time(c: &Constraint) -> String {
    format!("{}{}", number(c.value), c.unit_of_measure)
}

/// A constraint's value as written: `15日`, `≥10家`.
fn value(c: &Constraint) -> String {
    let v = match c.upper {
        Some(u) => format!("{}–{}", number(c.value), number(u)),
        None => number(c.value),
    };
    let comparator = match c.comparator {
        Comparator::AtLeast => "≥",
        Comparator::AtMost => "≤",
        Comparator::MoreThan => ">",
        Comparator::LessThan => "<",
        Comparator::Equal | Comparator::Range => "",
    };
    format!("{comparator}{v}{}", c.unit_of_measure)
}

/// Duties the draft weakens and prohibitions it drops, of source `s`.
fn duty_findings(
    draft: &Document,
    draft_texts: &UnitTexts,
    source_texts: &UnitTexts,
    alignment: &Alignment,
    s: usize,
    source: &Document,
) -> Vec<Finding> {
    let duties = diff::NationalDuties::new(source, source_texts);
    diff::compare_duties(&duties, draft, draft_texts, alignment)
        .into_iter()
        .map(|d| {
            let (kind, why) = match d.change {
                DutyChange::Weakened => (
                    FindingKind::ObligationWeakened,
                    Why::Weakened {
                        cue: d.cue.clone(),
                        local_cue: d.local_cue.clone().unwrap_or_default(),
                        source_text: d.national_text.clone(),
                        source_unit: d.national.clone(),
                    },
                ),
                DutyChange::Dropped => (
                    FindingKind::ProhibitionDropped,
                    Why::Dropped { source_text: d.national_text.clone(), source_unit: d.national.clone() },
                ),
            };
            Finding {
                kind,
                span: draft.find(&d.local).map(|u| u.span),
                unit: Some(d.local),
                source: s,
                source_unit: Some(d.national),
                text: d.local_text.unwrap_or_default(),
                detail: None,
                why,
            }
        })
        .collect()
}

/// A finding if the draft reuses the text of source `s` in several articles yet never cites it.
fn uncited(draft: &Document, alignment: &Alignment, s: usize) -> Option<Finding> {
    let mut copied: Vec<UnitId> = alignment
        .links
        .iter()
        .filter(|l| l.relation != Derivation::Paraphrase)
        .map(|l| l.local.article().unwrap_or_else(|| l.local.clone()))
        .collect();
    copied.sort();
    copied.dedup();
    if copied.len() < COPIED_UNITS {
        return None;
    }
    let first = copied.iter().filter_map(|id| draft.find(id)).min_by_key(|u| u.span.start)?;
    Some(Finding {
        kind: FindingKind::UncitedSource,
        unit: Some(first.id.clone()),
        span: Some(first.span),
        source: s,
        source_unit: None,
        text: String::new(),
        detail: None,
        why: Why::Uncited { units: copied.len() },
    })
}
