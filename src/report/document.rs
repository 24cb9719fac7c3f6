//! `docs/<name>.html`: a document as parsed — its metadata and neighbourhood (sources, versions,
//! documents derived from it, borrowings), the coverage of the documents derived from it, and
//! the text with every unit anchored by its ID, citations highlighted and linked, constraints
//! highlighted, boilerplate greyed.

use maud::{html, Markup};

use super::page::{frame, marked_text, Mark, MarkKind};
use super::{index, svg, Context};
use crate::i18n::Lang;
use crate::library::{Compared, Comparison};
use crate::model::{Boilerplate, Document, Span, Target, Tie, Unit};

/// The marks of document `d`: its citations and constraints.
fn marks(ctx: &Context, d: usize) -> Vec<Mark> {
    let mut marks: Vec<Mark> = ctx.library.resolved[d]
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
                None if matches!(c.target, Target::Document) => ctx.lang.labels().not_in_corpus.to_string(),
                None => String::new(),
            };
            Mark {
                span: c.span,
                kind: MarkKind::Citation { href, tip: format!("{}: {what}{target}", ctx.lang.relation(c.relation)) },
            }
        })
        .collect();
    marks.extend(ctx.library.constraints(d).iter().map(|c| Mark {
        span: c.span,
        kind: MarkKind::Constraint {
            tip: format!(
                "{} {} {}{}{}",
                c.subject,
                ctx.lang.comparator(c.comparator),
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

fn noise(lang: Lang, doc: &Document, b: &Boilerplate) -> Markup {
    html! { div.boilerplate title=(lang.boilerplate_tip(b.kind)) { (doc.slice(b.span)) } }
}

fn unit_block(lang: Lang, doc: &Document, unit: &Unit, marks: &[Mark]) -> Markup {
    let id = unit.id.to_string();
    html! {
        div class={ "unit " (unit.kind.as_str()) } id=(id) {
            a.uid href={ "#" (id) } { (id) }
            @if let Some(label) = unit.label.filter(|l| !l.is_empty()) { span.label { (doc.slice(label)) } }
            @if let Some(heading) = unit.heading { span.heading { (marked_text(doc, heading, marks)) } }
            @for (_, piece) in pieces(doc, unit) {
                @match piece {
                    Piece::Text(span) => (marked_text(doc, span, marks)),
                    Piece::Child(child) => (unit_block(lang, doc, child, marks)),
                    Piece::Noise(b) => (noise(lang, doc, b)),
                }
            }
        }
    }
}

/// A link to another document's page, and to the pair page when there is one.
fn neighbour(ctx: &Context, d: usize, pair: Option<(usize, usize)>) -> Markup {
    html! {
        li {
            a href={ (ctx.names[d]) ".html" } { (ctx.title(d)) }
            span.muted { " " (ctx.docs[d].front.jurisdiction.as_deref().unwrap_or("")) " " (ctx.docs[d].front.date.as_deref().unwrap_or("")) }
            @if let Some((source, local)) = pair { " · " a href={ "../pairs/" (ctx.pair_stem(source, local)) ".html" } { (ctx.lang.labels().side_by_side_link) } }
        }
    }
}

/// The neighbourhood of document `d`: drawn, then listed.
fn neighbourhood(ctx: &Context, comparison: &Comparison, d: usize) -> Markup {
    let pairs = |tie: Tie| comparison.pairs.iter().filter(move |p| p.tie == tie);
    let sources: Vec<&Compared> = pairs(Tie::Derives).filter(|p| p.local == d).collect();
    let derived: Vec<&Compared> = pairs(Tie::Derives).filter(|p| p.source == d).collect();
    let borrows: Vec<&Compared> = pairs(Tie::Borrows).filter(|p| p.local == d || p.source == d).collect();
    let versions = ctx.library.versions.of_doc(d);
    let alone = sources.is_empty() && derived.is_empty() && borrows.is_empty() && versions.len() == 1;
    let (lang, t) = (ctx.lang, ctx.lang.labels());
    html! {
        h2 { (t.neighbourhood) }
        @if alone {
            p.muted { (t.alone) }
        } @else {
            (svg::neighbourhood(ctx, comparison, d))
            @if !sources.is_empty() { h3 { (t.sources_derives) } ul.neighbours { @for p in &sources { (neighbour(ctx, p.source, Some((p.source, d)))) } } }
            @if versions.len() > 1 { h3 { (t.versions) } ul.neighbours { @for &v in versions { @if v == d { li { b { (t.this_version) } " " (ctx.docs[d].front.date.as_deref().unwrap_or("")) } } @else { (neighbour(ctx, v, None)) } } } }
            @if !borrows.is_empty() {
                h3 { (t.borrowings) }
                ul.neighbours {
                    @for p in &borrows {
                        @let other = if p.local == d { p.source } else { p.local };
                        li {
                            (if p.local == d { t.borrows_from } else { t.lent_to })
                            a href={ (ctx.names[other]) ".html" } { (ctx.title(other)) }
                            span.muted { " " (ctx.docs[other].front.jurisdiction.as_deref().unwrap_or("")) " " (ctx.docs[other].front.date.as_deref().unwrap_or("")) (lang.articles_count(p.links.len())) }
                        }
                    }
                }
            }
            @if !derived.is_empty() {
                h3 { (t.derived_documents) " (" (derived.len()) ")" }
                ul.neighbours { @for p in &derived { (neighbour(ctx, p.local, Some((d, p.local)))) } }
                h3 { (t.coverage) }
                (index::coverage(ctx, d, &derived, "../"))
            }
        }
    }
}

/// The page of document `d`.
pub fn page(ctx: &Context, comparison: &Comparison, d: usize) -> Markup {
    let doc = &ctx.docs[d];
    let front = &doc.front;
    let marks = marks(ctx, d);
    let (lang, t) = (ctx.lang, ctx.lang.labels());
    let mut top: Vec<(usize, Markup)> =
        doc.units.iter().map(|u| (u.span.start, unit_block(lang, doc, u, &marks))).collect();
    top.extend(
        doc.boilerplate
            .iter()
            .filter(|b| !b.kind.is_markup() && !doc.units.iter().any(|u| u.span.contains(b.span)))
            .map(|b| (b.span.start, noise(lang, doc, b))),
    );
    top.sort_by_key(|(start, _)| *start);
    let title = ctx.title(d);
    let body = html! {
        h1 { (title) }
        p.meta {
            (doc.path.display()) " · " (front.doc_number.as_deref().unwrap_or(t.no_number))
            @if front.number_learned { (t.learned_number) }
            " · " (front.kind.map_or(t.kind_unknown, |k| lang.doc_kind(k)))
            " · " (front.level.map_or(t.level_unknown, |l| lang.level(l)))
            " · " (front.jurisdiction.as_deref().unwrap_or(t.jurisdiction_unknown))
            " · " (front.issuer.as_deref().unwrap_or(t.issuer_unknown))
            " · " (front.date.as_deref().unwrap_or(t.no_date))
            @if let Some(effective) = &front.effective { (t.effective) (effective) }
            " · " (lang.script(doc.script))
        }
        (neighbourhood(ctx, comparison, d))
        h2 { (t.text) }
        p.legend.muted {
            span { a.cite href="#" { (t.legend_citation) } (t.legend_outside) }
            span { mark.constraint { (t.legend_constraint) } }
            span.boilerplate { (t.legend_boilerplate) }
        }
        @for (_, block) in top { (block) }
    };
    frame(lang, &title, "../", body)
}
