//! `index.html`: the documents grouped by level and jurisdiction (sortable and filterable with a
//! small inline script; the page reads the same without it), a graph that stays readable at any
//! size, the coverage of the sources most documents derive from, and every pair page.

use std::collections::BTreeMap;

use maud::{html, Markup, PreEscaped};
use rustc_hash::FxHashMap as HashMap;

use super::page::frame_with_script;
use super::{svg, Context};
use crate::library::{Compared, Comparison};
use crate::model::{Derivation, Relation, Target, Tie, UnitId, UnitKind};

/// The index draws every document's citations up to this many documents; a larger library gets
/// the graph of its sources instead.
pub const FULL_GRAPH_DOCUMENTS: usize = 40;
/// Coverage matrices in the index hold at most this many cells in all (the largest sources
/// first); every source's matrix is on its own document page.
const MATRIX_CELLS: usize = 12_000;

/// Sorting and filtering of the documents table: made by the script, so a reader without
/// scripts sees no dead controls.
const SCRIPT: &str = r#"document.addEventListener("DOMContentLoaded", () => {
  const table = document.getElementById("documents");
  if (!table) return;
  const box = document.createElement("input");
  box.type = "search"; box.placeholder = table.dataset.filter;
  box.className = "filter";
  table.before(box);
  const rows = () => Array.from(table.querySelectorAll("tbody tr.doc"));
  box.addEventListener("input", () => {
    const q = box.value.trim().toLowerCase();
    for (const r of rows()) r.hidden = q !== "" && !r.textContent.toLowerCase().includes(q);
    for (const g of table.querySelectorAll("tbody")) {
      const head = g.querySelector("tr.group");
      if (head) head.hidden = !g.querySelector("tr.doc:not([hidden])");
    }
  });
  table.querySelectorAll("thead th").forEach((th, col) => {
    th.classList.add("sortable");
    th.addEventListener("click", () => {
      const up = th.dataset.dir !== "up"; th.dataset.dir = up ? "up" : "down";
      for (const g of table.querySelectorAll("tbody")) {
        const sorted = Array.from(g.querySelectorAll("tr.doc")).sort((a, b) => {
          const x = a.cells[col].dataset.key ?? a.cells[col].textContent;
          const y = b.cells[col].dataset.key ?? b.cells[col].textContent;
          return (up ? 1 : -1) * x.localeCompare(y, "zh", { numeric: true });
        });
        for (const r of sorted) g.append(r);
      }
    });
  });
});"#;

/// The best derivation of any local unit from each source article of a pair.
pub fn best_by_article(p: &Compared) -> HashMap<UnitId, Derivation> {
    let mut best: HashMap<UnitId, Derivation> = HashMap::default();
    for link in &p.links {
        if let Some(article) = link.source.article() {
            best.entry(article).and_modify(|r| *r = (*r).min(link.relation)).or_insert(link.relation);
        }
    }
    best
}

/// The coverage matrix of source `s`: its articles × the documents derived from it.
pub fn coverage(ctx: &Context, s: usize, mine: &[&Compared], root: &str) -> Markup {
    let best: Vec<HashMap<UnitId, Derivation>> = mine.iter().map(|p| best_by_article(p)).collect();
    let jurisdiction = |d: usize| ctx.docs[d].front.jurisdiction.clone().unwrap_or_else(|| ctx.names[d].clone());
    let (lang, t) = (ctx.lang, ctx.lang.labels());
    let legend = |r: Derivation| format!("{} {}", lang.derivation_mark(r), lang.derivation(r));
    html! {
        p.legend {
            span.badge.verbatim { (legend(Derivation::Verbatim)) } " " span.badge.modified { (legend(Derivation::Modified)) } " "
            span.badge.paraphrase { (legend(Derivation::Paraphrase)) } " " span.badge.dropped { "— " (t.derivation_dropped) }
        }
        div.scroll {
            table.matrix {
                thead { tr { th { (t.matrix_article) } @for p in mine { th { a href={ (root) "pairs/" (ctx.pair_stem(p.source, p.local)) ".html" } title=(ctx.title(p.local)) { (jurisdiction(p.local)) } } } } }
                tbody {
                    @for art in ctx.docs[s].all_units().into_iter().filter(|u| u.kind == UnitKind::Article) {
                        tr {
                            th { a href={ (root) "docs/" (ctx.names[s]) ".html#" (art.id) } { (art.id) } }
                            @for best in &best {
                                @match best.get(&art.id) {
                                    Some(r) => td class=(r.as_str()) title=(lang.derivation(*r)) { (lang.derivation_mark(*r)) },
                                    None => td.dropped title=(t.derivation_dropped) { "—" },
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Each source with the derives pairs of documents derived from it, most derived first.
pub fn sources<'c>(comparison: &'c Comparison) -> Vec<(usize, Vec<&'c Compared<'c>>)> {
    let mut by_source: BTreeMap<usize, Vec<&Compared>> = BTreeMap::new();
    for p in comparison.pairs.iter().filter(|p| p.tie == Tie::Derives) {
        by_source.entry(p.source).or_default().push(p);
    }
    let mut out: Vec<(usize, Vec<&Compared>)> = by_source.into_iter().collect();
    out.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    out
}

fn articles(ctx: &Context, d: usize) -> usize {
    ctx.docs[d].all_units().iter().filter(|u| u.kind == UnitKind::Article).count()
}

/// The documents table, one body per level and jurisdiction.
fn documents(ctx: &Context, comparison: &Comparison) -> Markup {
    let mut groups: BTreeMap<(usize, String), Vec<usize>> = BTreeMap::new();
    for (d, doc) in ctx.docs.iter().enumerate() {
        let level = doc.front.level.map_or(usize::MAX, |l| l as usize);
        groups.entry((level, doc.front.jurisdiction.clone().unwrap_or_default())).or_default().push(d);
    }
    let mut counts: HashMap<usize, (usize, usize)> = HashMap::default();
    for p in comparison.pairs.iter().filter(|p| p.tie == Tie::Derives) {
        counts.entry(p.local).or_default().0 += 1;
        counts.entry(p.source).or_default().1 += 1;
    }
    let (lang, t) = (ctx.lang, ctx.lang.labels());
    html! {
        table #documents data-filter=(t.filter_placeholder) {
            thead { tr {
                th { (t.col_title) } th { (t.col_number) } th { (t.col_kind) } th { (t.col_issuer) } th { (t.col_date) } th { (t.col_effective) }
                th { (t.col_articles) } th { (t.col_citations) } th { (t.col_sources) } th { (t.col_derived) }
            } }
            @for ((_, jurisdiction), members) in &groups {
                @let level = ctx.docs[members[0]].front.level.map_or(t.level_unknown, |l| lang.level(l));
                tbody {
                    tr.group { th colspan="10" { (level) " · " (if jurisdiction.is_empty() { t.jurisdiction_unknown } else { jurisdiction }) " (" (members.len()) ")" } }
                    @for &d in members {
                        @let doc = &ctx.docs[d];
                        @let front = &doc.front;
                        @let (sources, derived) = counts.get(&d).copied().unwrap_or_default();
                        tr.doc {
                            td { a href={ "docs/" (ctx.names[d]) ".html" } { (ctx.title(d)) } br; span.muted { (ctx.shown_path(d)) } }
                            td {
                                (front.doc_number.as_deref().unwrap_or("—"))
                                @if front.number_learned { br; span.muted title=(t.learned_tip) { (t.learned) } }
                            }
                            td { (front.kind.map_or("—", |k| lang.doc_kind(k))) }
                            td { (front.issuer.as_deref().unwrap_or("—")) }
                            td { (front.date.as_deref().unwrap_or("—")) }
                            td { (front.effective.as_deref().unwrap_or("—")) }
                            td data-key=(format!("{:06}", articles(ctx, d))) { (articles(ctx, d)) }
                            @let cited = ctx.library.resolved[d].iter().filter(|r| r.citation.target == Target::Document).count();
                            td data-key=(format!("{cited:06}")) { (cited) }
                            td data-key=(format!("{sources:06}")) { (sources) }
                            td data-key=(format!("{derived:06}")) { (derived) }
                        }
                    }
                }
            }
        }
    }
}

/// The index page.
pub fn page(ctx: &Context, comparison: &Comparison) -> Markup {
    let derived: Vec<&Compared> = comparison.pairs.iter().filter(|p| p.tie == Tie::Derives).collect();
    let borrows = comparison.pairs.iter().filter(|p| p.tie == Tie::Borrows).count();
    let by_source = sources(comparison);
    let mut cells = 0;
    let shown: Vec<&(usize, Vec<&Compared>)> = by_source
        .iter()
        .take_while(|(s, mine)| {
            cells += articles(ctx, *s) * mine.len();
            cells <= MATRIX_CELLS
        })
        .collect();
    let versions = ctx.library.versions.groups().count();
    let (lang, t) = (ctx.lang, ctx.lang.labels());
    let body = html! {
        h1 { (lang.library_heading(ctx.docs.len(), derived.len())) }
        p.meta { (lang.library_meta(by_source.len(), versions, borrows)) }
        h2 { (t.documents) }
        (documents(ctx, comparison))
        @if ctx.docs.len() <= FULL_GRAPH_DOCUMENTS {
            h2 { (t.citation_graph) }
            p.legend {
                @for relation in [Relation::Basis, Relation::Implements, Relation::Follows, Relation::Repeals, Relation::Issues, Relation::Mentions] {
                    span style={ "color:" (svg::color(relation)) } { "━ " (lang.relation(relation)) }
                }
                span.muted { (t.outside_boxes) }
            }
            (svg::graph(ctx))
        } @else {
            h2 { (t.sources) }
            p.muted { (t.sources_note) }
            (svg::sources(ctx, &by_source))
        }
        @for (s, mine) in &shown {
            h2 { (t.coverage_of) a href={ "docs/" (ctx.names[*s]) ".html" } { (ctx.title(*s)) } }
            (coverage(ctx, *s, mine, ""))
        }
        @if shown.len() < by_source.len() {
            p.muted { (lang.more_sources(by_source.len() - shown.len())) }
        }
        h2 { (t.pages_and_exports) }
        nav.pages {
            @for p in &derived { a href={ "pairs/" (ctx.pair_stem(p.source, p.local)) ".html" } title=(ctx.title(p.source)) { (ctx.title(p.local)) } " " }
        }
        p { a href="graph.json" { "graph.json" } " · " a href="graph.dot" { "graph.dot" } " · " a href="graph.graphml" { "graph.graphml" }
            @for p in &derived { " · " a href={ "pairs/" (ctx.pair_stem(p.source, p.local)) ".json" } { (ctx.pair_stem(p.source, p.local)) ".json" } } }
    };
    frame_with_script(lang, t.corpus_report, "", body, PreEscaped(SCRIPT))
}
