//! `docs/<name>.html`: a document as parsed — every unit anchored by its ID, citations
//! highlighted and linked, constraints highlighted, boilerplate greyed.

use maud::{html, Markup};

use super::page::{frame, marked_text, Mark, MarkKind};
use super::Context;
use crate::model::{Boilerplate, Document, Span, Target, Unit};

/// The marks of document `d`: its citations and constraints.
fn marks(ctx: &Context, d: usize) -> Vec<Mark> {
    let mut marks: Vec<Mark> = ctx.resolved[d]
        .iter()
        .map(|r| {
            let c = &r.citation;
            let href = match (&c.target, r.document) {
                (Target::Internal(Some(unit)), _) => Some(format!("#{unit}")),
                (Target::Internal(None), _) => None,
                (Target::Document, Some(t)) if t != d => Some(format!("{}.html", ctx.names[t])),
                _ => None,
            };
            let what = [c.doc_number.clone(), c.title.as_ref().map(|t| format!("《{t}》"))]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            let target = match r.document {
                Some(t) => format!(" → {}", ctx.docs[t].path.display()),
                None if matches!(c.target, Target::Document) => " (not in the corpus)".to_string(),
                None => String::new(),
            };
            Mark {
                span: c.span,
                kind: MarkKind::Citation { href, tip: format!("{}: {what}{target}", c.relation.as_str()) },
            }
        })
        .collect();
    marks.extend(ctx.constraints[d].iter().map(|c| Mark {
        span: c.span,
        kind: MarkKind::Constraint {
            tip: format!(
                "{} {} {}{}{}",
                c.subject,
                c.comparator.as_str(),
                c.value,
                c.upper.map_or(String::new(), |u| format!("–{u}")),
                c.unit_of_measure
            ),
        },
    }));
    marks.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    marks
}

/// One piece of a container, in text order.
enum Piece<'a> {
    Text(Span),
    Child(&'a Unit),
    Noise(&'a Boilerplate),
}

fn pieces<'a>(doc: &'a Document, unit: &'a Unit) -> Vec<(usize, Piece<'a>)> {
    let mut out: Vec<(usize, Piece)> =
        doc.own_text_spans(unit).into_iter().map(|s| (s.start, Piece::Text(s))).collect();
    out.extend(unit.children.iter().map(|c| (c.span.start, Piece::Child(c))));
    out.extend(
        doc.boilerplate
            .iter()
            .filter(|b| !b.kind.is_markup())
            .filter(|b| unit.span.contains(b.span) && !unit.children.iter().any(|c| c.span.contains(b.span)))
            .map(|b| (b.span.start, Piece::Noise(b))),
    );
    out.sort_by_key(|(start, _)| *start);
    out
}

fn noise(doc: &Document, b: &Boilerplate) -> Markup {
    html! { div.boilerplate title={ "boilerplate: " (b.kind.as_str()) } { (doc.slice(b.span)) } }
}

fn unit_block(doc: &Document, unit: &Unit, marks: &[Mark]) -> Markup {
    let id = unit.id.to_string();
    html! {
        div class={ "unit " (unit.kind.as_str()) } id=(id) {
            a.uid href={ "#" (id) } { (id) }
            @if let Some(label) = unit.label.filter(|l| !l.is_empty()) { span.label { (doc.slice(label)) } }
            @if let Some(heading) = unit.heading { span.heading { (marked_text(doc, heading, marks)) } }
            @for (_, piece) in pieces(doc, unit) {
                @match piece {
                    Piece::Text(span) => (marked_text(doc, span, marks)),
                    Piece::Child(child) => (unit_block(doc, child, marks)),
                    Piece::Noise(b) => (noise(doc, b)),
                }
            }
        }
    }
}

/// The page of document `d`.
pub fn page(ctx: &Context, d: usize) -> Markup {
    let doc = &ctx.docs[d];
    let marks = marks(ctx, d);
    let mut top: Vec<(usize, Markup)> = doc.units.iter().map(|u| (u.span.start, unit_block(doc, u, &marks))).collect();
    top.extend(
        doc.boilerplate
            .iter()
            .filter(|b| !b.kind.is_markup() && !doc.units.iter().any(|u| u.span.contains(b.span)))
            .map(|b| (b.span.start, noise(doc, b))),
    );
    top.sort_by_key(|(start, _)| *start);
    let title = doc.front.title.clone().unwrap_or_else(|| doc.path.display().to_string());
    let body = html! {
        h1 { (title) }
        p.meta {
            (doc.path.display()) " · " (doc.front.doc_number.as_deref().unwrap_or("no number"))
            " · " (doc.front.level.map_or("level unknown", |l| l.as_str()))
            " · " (doc.front.date.as_deref().unwrap_or("no date")) " · " (doc.script.as_str())
        }
        p.legend.muted {
            span { a.cite href="#" { "citation" } " (dashed: outside the corpus)" }
            span { mark.constraint { "constraint" } }
            span.boilerplate { "boilerplate" }
        }
        @for (_, block) in top { (block) }
    };
    frame(&title, "../", body)
}
