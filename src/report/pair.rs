//! `pairs/<national>--<local>.html`: national units left, the local units derived from them
//! right, word-level insertions and deletions marked; dropped and local-only articles; condition
//! lists item by item; thresholds, penalties and time limits; duties weakened and prohibitions
//! dropped.

use std::fmt::Write;
use std::sync::Arc;

use maud::{html, Markup, Render};

use super::page::{frame, Text};
use super::Context;
use crate::i18n::Lang;
use crate::library::PairResult as Pair;
use crate::model::{Change, Constraint, Derivation, Document, Edit, Link, UnitId, UnitKind, Verdict};
use crate::normalize::UnitTexts;

/// Which text of a diff to show.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    /// The national text: kept and deleted words.
    National,
    /// The local text: kept and inserted words.
    Local,
    /// Both, interleaved.
    Both,
}

/// A diff as marked-up text: deletions in `<del>`, insertions in `<ins>`.
fn marked_edits(edits: &[Edit], side: Side) -> MarkedEdits<'_> {
    MarkedEdits { edits, side }
}

/// A diff rendered by [`marked_edits`].
struct MarkedEdits<'e> {
    edits: &'e [Edit],
    side: Side,
}

impl Render for MarkedEdits<'_> {
    fn render_to(&self, buffer: &mut String) {
        for e in self.edits {
            let (open, text, close) = match e {
                Edit::Equal(t) => ("", t, ""),
                Edit::Delete(t) if self.side != Side::Local => ("<del>", t, "</del>"),
                Edit::Insert(t) if self.side != Side::National => ("<ins>", t, "</ins>"),
                _ => continue,
            };
            buffer.push_str(open);
            Text(text).render_to(buffer);
            buffer.push_str(close);
        }
    }
}

/// A unit's ID, linking to it in its document's page unless the page stands alone.
fn unit_link<'c>(ctx: &'c Context, d: usize, id: &'c UnitId) -> UnitLink<'c> {
    UnitLink { page: (!ctx.standalone).then(|| ctx.names[d].as_str()), id }
}

/// A unit link rendered by [`unit_link`], written straight into the page: a side-by-side table
/// has thousands.
struct UnitLink<'c> {
    page: Option<&'c str>,
    id: &'c UnitId,
}

impl Render for UnitLink<'_> {
    fn render_to(&self, buffer: &mut String) {
        let id = self.id.to_string();
        match self.page {
            None => buffer.push_str("<span class=\"uid\">"),
            Some(page) => {
                buffer.push_str("<a class=\"uid\" href=\"../docs/");
                Text(page).render_to(buffer);
                buffer.push_str(".html#");
                Text(&id).render_to(buffer);
                buffer.push_str("\">");
            }
        }
        Text(&id).render_to(buffer);
        buffer.push_str(if self.page.is_some() { "</a>" } else { "</span>" });
    }
}

fn doc_link(ctx: &Context, d: usize, text: &str) -> Markup {
    if ctx.standalone {
        return html! { (text) };
    }
    html! { a href={ "../docs/" (ctx.names[d]) ".html" } { (text) } }
}

/// A badge naming a relation, verdict or change: styled by its name in JSON (`class`), showing
/// its name in the page's language.
fn badge(class: &str, text: &str) -> Markup {
    html! { span class={ "badge " (class) } { (text) } }
}

/// The side-by-side row of a link between units found in both documents, written straight into
/// the page: a table has a row per link, and a row made as markup of its own would be copied again.
fn link_row<'r>(ctx: &'r Context, pair: &Pair, link: &'r Link, texts: &Texts) -> LinkRow<'r> {
    let edits = if link.relation == Derivation::Verbatim {
        Arc::from([Edit::Equal(texts.local.text(&link.local).to_string())])
    } else {
        texts.differ.edits(&link.national, texts.local.text(&link.local))
    };
    LinkRow {
        link,
        national: unit_link(ctx, pair.source, &link.national),
        local: unit_link(ctx, pair.local, &link.local),
        edits,
        lang: ctx.lang,
    }
}

/// A row made by [`link_row`]; a test checks it is the markup maud would make.
struct LinkRow<'r> {
    link: &'r Link,
    national: UnitLink<'r>,
    local: UnitLink<'r>,
    edits: Arc<[Edit]>,
    lang: Lang,
}

impl Render for LinkRow<'_> {
    fn render_to(&self, buffer: &mut String) {
        let link = self.link;
        buffer.push_str("<tr id=\"row-");
        Text(&link.national.to_string()).render_to(buffer);
        buffer.push_str("--");
        Text(&link.local.to_string()).render_to(buffer);
        buffer.push_str("\"><td>");
        self.national.render_to(buffer);
        marked_edits(&self.edits, Side::National).render_to(buffer);
        buffer.push_str("</td><td class=\"score\">");
        badge(link.relation.as_str(), self.lang.derivation(link.relation)).render_to(buffer);
        let t = self.lang.labels();
        // Writing into a String cannot fail.
        let _ = write!(
            buffer,
            "<br>{}{:.2}<br>{}{:.0}%</td><td>",
            t.score,
            link.score,
            t.coverage_share,
            link.coverage * 100.0
        );
        self.local.render_to(buffer);
        marked_edits(&self.edits, Side::Local).render_to(buffer);
        buffer.push_str("</td></tr>");
    }
}

fn change_badge(lang: Lang, change: Change) -> Markup {
    badge(change.as_str(), lang.change(change))
}

/// How many characters of a legal constraint's act a cell shows.
const ACT_PREVIEW: usize = 40;

fn constraint_cell(lang: Lang, c: Option<&Constraint>) -> Markup {
    match c {
        None => html! { span.muted { "—" } },
        Some(c) => html! {
            (c.subject) " " strong { (lang.comparator(c.comparator)) " " (c.value) @if let Some(u) = c.upper { "–" (u) } (c.unit_of_measure) }
            @if let Some(m) = &c.modal { " " span.muted { "(" (m) ")" } }
            br; span.muted { (lang.constraint_kind(c.kind)) " · " (c.unit) }
            @if !c.party.is_empty() || !c.act.is_empty() {
                br; span.muted { (c.party) @if !c.party.is_empty() && !c.act.is_empty() { ": " } (c.act.chars().take(ACT_PREVIEW).collect::<String>()) }
            }
        },
    }
}

/// Local articles with no link at all (neither they nor their parts).
fn local_only(pair: &Pair, local: &Document) -> Vec<UnitId> {
    local
        .all_units()
        .into_iter()
        .filter(|u| u.kind == UnitKind::Article)
        .filter(|u| !pair.alignment.links.iter().any(|l| l.local.0.starts_with(&u.id.0)))
        .map(|u| u.id.clone())
        .collect()
}

/// The unit texts of both sides of a pair.
struct Texts<'t> {
    /// The national side, prepared once for all its pairs.
    differ: &'t crate::diff::Differ<'t>,
    local: &'t UnitTexts,
}

/// The page of one pair; the national document is prepared in `differ`, the local document's
/// unit texts are `local_texts`.
pub fn page(ctx: &Context, pair: &Pair, differ: &crate::diff::Differ, local_texts: &UnitTexts) -> Markup {
    let (national, local) = (&ctx.docs[pair.source], &ctx.docs[pair.local]);
    let texts = Texts { differ, local: local_texts };
    let national_text = |id: &UnitId| texts.differ.texts().text(id);
    let local_text = |id: &UnitId| texts.local.text(id);
    let title_of = |d: &Document| d.front.title.clone().unwrap_or_else(|| d.path.display().to_string());
    let count = |r: Derivation| pair.alignment.links.iter().filter(|l| l.relation == r).count();
    let only = local_only(pair, local);
    // Links in text order; a link to a unit missing from its document has no row.
    let start = |d: &Document, id: &UnitId| d.find(id).map(|u| u.span.start);
    let mut links: Vec<((usize, usize), &Link)> = pair
        .alignment
        .links
        .iter()
        .filter_map(|l| Some(((start(national, &l.national)?, start(local, &l.local)?), l)))
        .collect();
    links.sort_by_key(|&(at, _)| at);
    let changed_items = pair.diff.lists.iter().flat_map(|l| &l.items).filter(|i| i.verdict != Verdict::Same).count();
    let tightened = pair.diff.constraints.iter().filter(|c| c.change == Change::Stricter).count();
    let outside = pair.diff.constraints.iter().filter(|c| c.change == Change::OutsideRange).count();
    let (lang, t) = (ctx.lang, ctx.lang.labels());
    let body = html! {
        h1 { (title_of(local)) }
        p.meta { (t.derived_from) (doc_link(ctx, pair.source, &title_of(national)))
            " · " (doc_link(ctx, pair.local, t.local_document)) }
        div.summary {
            div { b { (pair.alignment.links.len()) } (t.derivation_links) }
            div { b { (count(Derivation::Verbatim)) } (lang.derivation(Derivation::Verbatim)) }
            div { b { (count(Derivation::Modified)) } (lang.derivation(Derivation::Modified)) }
            div { b { (count(Derivation::Paraphrase)) } (lang.derivation(Derivation::Paraphrase)) }
            div { b { (pair.alignment.dropped.len()) } (t.national_dropped) }
            div { b { (only.len()) } (t.local_only) }
            div { b { (changed_items) } (t.items_changed) }
            div { b { (tightened) } (t.tightened) }
            div { b { (outside) } (t.outside_range) }
        }
        h2 { (t.side_by_side) }
        p.muted { (t.side_left) del { (t.side_deleted) } (t.side_right) ins { (t.side_inserted) } (t.side_end) }
        table.side {
            thead { tr { th { (t.national) } th { "" } th { (t.local) } } }
            tbody { @for (_, link) in &links { (link_row(ctx, pair, link, &texts)) } }
        }
        h2 { (t.condition_lists) }
        @if pair.diff.lists.is_empty() { p.muted { (t.no_condition_list) } }
        @for list in &pair.diff.lists {
            h3 { (t.list_local) (list.local) (t.list_national) (list.national.as_ref().map_or(t.list_none.to_string(), |n| n.to_string())) }
            table {
                thead { tr { th { (t.local_item) } th { (t.national_item) } th { (t.verdict) } th { (t.changes) } } }
                tbody {
                    @for item in &list.items {
                        tr {
                            td { @if let Some(l) = &item.local { (unit_link(ctx, pair.local, l)) } @else { "—" } }
                            td { @if let Some(n) = &item.national { (unit_link(ctx, pair.source, n)) } @else { "—" } }
                            td { (badge(item.verdict.as_str(), lang.verdict(item.verdict))) }
                            td {
                                (marked_edits(&item.edits, Side::Both))
                                @if item.edits.is_empty() {
                                    @if let Some(l) = &item.local { (Text(local_text(l))) }
                                    @else if let Some(n) = &item.national { (Text(national_text(n))) }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { (t.constraints) }
        table {
            thead { tr { th { (t.local) } th { (t.national) } th { (t.change) } } }
            tbody {
                @for c in &pair.diff.constraints {
                    tr { td { (constraint_cell(lang, c.local.as_ref())) } td { (constraint_cell(lang, c.national.as_ref())) } td { (change_badge(lang, c.change)) } }
                }
            }
        }
        h2 { (t.duties) }
        @if pair.diff.duties.is_empty() { p.muted { (t.no_duty_change) } }
        @else {
            table {
                thead { tr { th { (t.local) } th { (t.national) } th { (t.change) } } }
                tbody {
                    @for d in &pair.diff.duties {
                        tr {
                            td { (unit_link(ctx, pair.local, &d.local)) (d.local_text.as_deref().unwrap_or("—")) }
                            td { (unit_link(ctx, pair.source, &d.national)) (d.national_text) }
                            td { (badge(d.change.as_str(), lang.duty_change(d.change))) }
                        }
                    }
                }
            }
        }
        h2 { (t.dropped_articles) }
        @if pair.alignment.dropped.is_empty() { p.muted { (t.none) } }
        @if !pair.alignment.dropped.is_empty() { p.muted { (t.dropped_sureness) } }
        ul {
            @for (id, sure) in pair.alignment.dropped.iter().zip(&pair.alignment.dropped_confidence) {
                li { (unit_link(ctx, pair.source, id)) span.badge.dropped { (format!("{:.0}%", sure * 100.0)) } " " (Text(national_text(id))) }
            }
        }
        h2 { (t.local_only_articles) }
        @if only.is_empty() { p.muted { (t.none) } }
        ul { @for id in &only { li { (unit_link(ctx, pair.local, id)) (Text(local_text(id))) } } }
    };
    frame(lang, &title_of(local), "../", body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_link_is_the_markup_maud_would_make() {
        let id = UnitId::parse("art8/i1").unwrap();
        for page in [None, Some("local-\"<&>\""), Some("天津市")] {
            let expected = match page {
                None => html! { span.uid { (id) } },
                Some(page) => html! { a.uid href={ "../docs/" (page) ".html#" (id) } { (id) } },
            };
            assert_eq!(html! { (UnitLink { page, id: &id }) }.into_string(), expected.into_string());
        }
    }

    #[test]
    fn a_link_row_is_the_markup_maud_would_make() {
        let (national, local) = (UnitId::parse("art8/i1").unwrap(), UnitId::parse("art6/p2").unwrap());
        let edits: Arc<[Edit]> = Arc::from([
            Edit::Equal("联盟应当".into()),
            Edit::Delete("符合<条件>".into()),
            Edit::Insert("具备\"资格\"&".into()),
        ]);
        for (lang, relation, score, coverage) in [
            (Lang::En, Derivation::Modified, 0.925, 0.9996),
            (Lang::Zh, Derivation::Paraphrase, 0.5149, 0.031),
            (Lang::En, Derivation::Verbatim, 1.0, 1.0),
        ] {
            let link = Link { local: local.clone(), national: national.clone(), score, coverage, relation };
            let (n, l) = (UnitLink { page: Some("national"), id: &national }, UnitLink { page: None, id: &local });
            let expected = html! {
                tr id={ "row-" (national) "--" (local) } {
                    td { (n) (marked_edits(&edits, Side::National)) }
                    td.score {
                        (badge(relation.as_str(), lang.derivation(relation))) br;
                        (lang.labels().score) (format!("{:.2}", score)) br;
                        (lang.labels().coverage_share) (format!("{:.0}%", coverage * 100.0))
                    }
                    td { (l) (marked_edits(&edits, Side::Local)) }
                }
            };
            let row = LinkRow { link: &link, national: n, local: l, edits: edits.clone(), lang };
            assert_eq!(html! { (row) }.into_string(), expected.into_string());
        }
    }
}
