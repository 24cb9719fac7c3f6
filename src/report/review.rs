//! The page of `zhengce check --format html`: the draft article by article with its findings
//! marked inline, and beside each article its findings with the source text they rest on.

use maud::{html, Markup};

use super::page::{frame, lines, marked_text, Mark, MarkKind};
use crate::check::{Finding, Report, Severity};
use crate::i18n::Lang;
use crate::model::{Document, Unit, UnitKind};

/// The units the page shows side by side: the draft's articles, or its top-level units when it
/// has none.
fn rows(doc: &Document) -> Vec<&Unit> {
    let articles: Vec<&Unit> = doc.all_units().into_iter().filter(|u| u.kind == UnitKind::Article).collect();
    if articles.is_empty() {
        doc.units.iter().collect()
    } else {
        articles
    }
}

fn title_of(doc: &Document) -> String {
    doc.front.title.clone().unwrap_or_else(|| doc.path.display().to_string())
}

/// A finding beside the draft: what it is, why, and the source text it rests on.
fn note(report: &Report, f: &Finding, lang: Lang) -> Markup {
    let source = report.sources[f.source];
    let source_unit = f.source_unit.as_ref().and_then(|id| source.find(id));
    html! {
        div.finding-note {
            span class={ "badge " (f.severity().as_str()) } title=(lang.severity(f.severity())) { (lang.finding_kind(f.kind)) } " " (f.message(report, lang))
            @if let Some(unit) = source_unit {
                blockquote {
                    span.uid { (title_of(source)) " " (lang.unit(&unit.id)) }
                    (lines(&source.full_text(unit)))
                }
            }
        }
    }
}

/// The whole page, in `lang`.
pub fn page(report: &Report, lang: Lang) -> Markup {
    let t = lang.labels();
    let draft = report.draft;
    let marks: Vec<Mark> = {
        let mut marks: Vec<Mark> = report
            .findings
            .iter()
            .filter_map(|f| {
                let span = f.span?;
                let tip = format!("{}: {}", lang.finding_kind(f.kind), f.message(report, lang));
                Some(Mark { span, kind: MarkKind::Finding { severity: f.severity().as_str(), tip } })
            })
            .collect();
        marks.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
        marks
    };
    let units = rows(draft);
    let in_unit = |unit: &Unit, f: &Finding| f.span.is_some_and(|s| unit.span.contains(s) || s.contains(unit.span));
    let placed = |f: &Finding| units.iter().any(|u| in_unit(u, f));
    let body = html! {
        h1 { (t.check_of) (title_of(draft)) }
        p.meta { (t.against) @for (i, source) in report.sources.iter().enumerate() { @if i > 0 { " · " } (title_of(source)) } }
        div.summary {
            div { b { (report.count(Severity::Error)) } (t.errors) }
            div { b { (report.count(Severity::Warning)) } (t.warnings) }
            div { b { (report.count(Severity::Info)) } (t.notes) }
        }
        @if report.findings.is_empty() { p.muted { (t.no_findings) } }
        @for f in report.findings.iter().filter(|f| !placed(f)) { (note(report, f, lang)) }
        table.side {
            thead { tr { th { (t.draft) } th { (t.findings_and_source) } } }
            tbody {
                @for unit in &units {
                    tr id=(unit.id) {
                        td { span.uid { (lang.unit(&unit.id)) } (marked_text(draft, unit.span, &marks)) }
                        td { @for f in report.findings.iter().filter(|f| in_unit(unit, f)) { (note(report, f, lang)) } }
                    }
                }
            }
        }
    };
    frame(lang, &format!("{}{}", t.check_of, title_of(draft)), "", body)
}
