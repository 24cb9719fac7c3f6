//! The readable text form of a parsed document: an indented outline.

use std::fmt::Write;

use crate::i18n::Lang;
use crate::model::{Alignment, ConditionDiff, Document, Edit, Resolved, Target, Unit};

/// How many characters of a unit's text the outline shows.
const PREVIEW: usize = 40;

/// One line per unit: ID, label, heading or the first characters of its text.
pub fn outline(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}  title: {}  number: {}  date: {}  script: {}",
        doc.path.display(),
        doc.front.title.as_deref().unwrap_or("-"),
        doc.front.doc_number.as_deref().unwrap_or("-"),
        doc.front.date.as_deref().unwrap_or("-"),
        doc.script.as_str()
    );
    for unit in &doc.units {
        write_unit(doc, unit, 0, &mut out);
    }
    if !doc.boilerplate.is_empty() {
        let _ = writeln!(out, "boilerplate: {} spans", doc.boilerplate.len());
    }
    out
}

fn write_unit(doc: &Document, unit: &Unit, depth: usize, out: &mut String) {
    let label = unit.label.filter(|l| !l.is_empty()).map_or(Default::default(), |l| doc.text_of(l));
    let heading = unit.heading.map_or(String::new(), |h| doc.text_of(h).into_owned());
    let text: String = doc.own_text(unit).replace('\n', " ").chars().take(PREVIEW).collect();
    let shown =
        [heading.as_str(), text.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" | ");
    let _ = writeln!(out, "{:indent$}{} [{}] {} {}", "", unit.id, unit.kind.as_str(), label, shown, indent = depth * 2);
    for child in &unit.children {
        write_unit(doc, child, depth + 1, out);
    }
}

/// One line per citation: unit, relation, number, title, alias and where it resolves.
pub fn citations(docs: &[Document], resolved: &[Vec<Resolved>]) -> String {
    let mut out = String::new();
    for (doc, list) in docs.iter().zip(resolved) {
        let _ = writeln!(out, "{}", doc.path.display());
        for r in list {
            let c = &r.citation;
            let unit = c.unit.as_ref().map_or("-".to_string(), |u| u.to_string());
            let target = match (&c.target, r.document) {
                (Target::Internal(Some(u)), _) => format!("-> {u}"),
                (Target::Internal(None), _) => "-> (this document)".to_string(),
                (_, Some(d)) => format!("-> {} ({:.2})", docs[d].path.display(), r.confidence),
                (_, None) => "-> (outside the corpus)".to_string(),
            };
            let _ = writeln!(
                out,
                "  {unit:<14} {:<10} {}{}{}{} {target}",
                c.relation.as_str(),
                c.doc_number.as_deref().unwrap_or(""),
                c.title.as_ref().map_or(String::new(), |t| format!("《{t}》")),
                c.alias.as_ref().map_or(String::new(), |a| format!(" 简称{a}")),
                if c.malformed { " [malformed]" } else { "" },
            );
        }
    }
    out
}

/// One line per link (local unit → national unit, relation, score, coverage), then the dropped
/// national articles, each with how sure it is that no local unit implements it.
pub fn alignment(national: &Document, local: &Document, alignment: &Alignment) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} → {}", local.path.display(), national.path.display());
    for l in &alignment.links {
        let _ = writeln!(
            out,
            "  {:<16} → {:<12} {:<10} score {:.2}  coverage {:.2}",
            l.local.to_string(),
            l.national.to_string(),
            l.relation.as_str(),
            l.score,
            l.coverage
        );
    }
    let dropped: Vec<String> =
        alignment.dropped.iter().zip(&alignment.dropped_confidence).map(|(d, c)| format!("{d} ({c:.2})")).collect();
    let _ = writeln!(out, "dropped: {}", if dropped.is_empty() { "none".to_string() } else { dropped.join(" ") });
    out
}

/// Condition lists item by item, with edits shown as [-deleted-] and {+inserted+}, then the
/// constraints and how they changed.
pub fn condition_diff(national: &Document, local: &Document, diff: &ConditionDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} against {}", local.path.display(), national.path.display());
    for list in &diff.lists {
        let _ = writeln!(
            out,
            "list {} ← {}",
            list.local,
            list.national.as_ref().map_or("(none)".to_string(), |n| n.to_string())
        );
        for item in &list.items {
            let side = |u: &Option<crate::model::UnitId>| u.as_ref().map_or("-".to_string(), |u| u.to_string());
            let _ = writeln!(out, "  {:<12} {:<12} {}", side(&item.local), side(&item.national), item.verdict.as_str());
            if !item.edits.is_empty() {
                let shown: String = item
                    .edits
                    .iter()
                    .map(|e| match e {
                        Edit::Equal(t) => t.clone(),
                        Edit::Insert(t) => format!("{{+{t}+}}"),
                        Edit::Delete(t) => format!("[-{t}-]"),
                    })
                    .collect();
                let _ = writeln!(out, "      {shown}");
            }
        }
    }
    let _ = writeln!(out, "constraints");
    for c in &diff.constraints {
        let show = |c: &crate::model::Constraint| {
            let value = c.upper.map_or(format!("{}", c.value), |u| format!("{}-{u}", c.value));
            format!("{} {} {}{} [{}]", c.subject, c.comparator.as_str(), value, c.unit_of_measure, c.unit)
        };
        let _ = writeln!(
            out,
            "  {:<9} {}{}",
            c.change.as_str(),
            c.local.as_ref().map_or(String::new(), show),
            c.national.as_ref().map_or(String::new(), |n| format!("  (national: {})", show(n)))
        );
    }
    if !diff.duties.is_empty() {
        let _ = writeln!(out, "duties");
    }
    for d in &diff.duties {
        let local = d.local_text.as_deref().map_or(String::new(), |t| format!(" → {t}"));
        let _ = writeln!(out, "  {} [{} ← {}] {}{local}", d.change.as_str(), d.local, d.national, d.national_text);
    }
    out
}

/// A review, one finding per line: severity, kind, draft unit ← source unit, the message, then
/// the draft's text; a summary line at the end.
pub fn check(report: &crate::check::Report, lang: Lang) -> String {
    use crate::check::Severity;
    let mut out = String::new();
    let sources: Vec<String> = report.sources.iter().map(|d| d.path.display().to_string()).collect();
    let _ = writeln!(out, "{}", lang.check_heading(&report.draft.path, &sources));
    for f in &report.findings {
        let unit = f.unit.as_ref().map_or("-".to_string(), |u| lang.unit(u));
        let source_unit = f.source_unit.as_ref().map_or(String::new(), |u| format!(" {}", lang.unit(u)));
        let (severity, kind, message) =
            (lang.severity(f.severity()), lang.finding_kind(f.kind), f.message(report, lang));
        let source = &sources[f.source];
        let _ = match lang {
            Lang::En => writeln!(out, "{severity:<7} {kind:<21} {unit} ← {source}{source_unit}: {message}"),
            // Chinese is not padded: a CJK character takes two columns, so padding by characters
            // would not line up anyway.
            Lang::Zh => writeln!(out, "【{severity}】{kind} {unit} ← {source}{source_unit}：{message}"),
        };
        if !f.text.is_empty() {
            let _ = writeln!(out, "        {}", f.text);
        }
    }
    let _ = writeln!(
        out,
        "{}",
        lang.check_summary(
            report.count(Severity::Error),
            report.count(Severity::Warning),
            report.count(Severity::Info)
        )
    );
    out
}
