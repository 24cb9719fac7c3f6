//! Graphs as inline SVG, laid out in Rust: the citation graph of a small corpus (documents in rows
//! by level, cited documents outside the corpus below them, typed edges), the sources of a library
//! with how many documents derive from each, and one document's neighbourhood.

use std::collections::BTreeMap;

use maud::{html, Markup};

use super::Context;
use crate::i18n::Lang;
use crate::library::{Compared, Comparison};
use crate::model::{Level, Relation, Target, Tie};

const WIDTH: f32 = 1160.0;
const ROW: f32 = 110.0;
const DOC_W: f32 = 170.0;
const DOC_H: f32 = 46.0;
const EXT_W: f32 = 132.0;
const EXT_H: f32 = 34.0;
const EXTERNALS_PER_ROW: usize = 8;

/// A node to draw.
struct Node {
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    lines: [String; 2],
    tip: String,
    href: Option<String>,
    external: bool,
}

fn short(text: &str, max: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= max {
        text.to_string()
    } else {
        chars[..max - 1].iter().collect::<String>() + "…"
    }
}

/// The colour of a citation's relation, in the graph and its legend.
pub fn color(relation: Relation) -> &'static str {
    match relation {
        Relation::Basis => "#0969da",
        Relation::Implements => "#1a7f37",
        Relation::Follows => "#9a6700",
        Relation::Repeals => "#cf222e",
        Relation::Issues => "#8250df",
        Relation::Mentions => "#8c959f",
    }
}

fn row_of(level: Option<Level>) -> usize {
    // County documents share the municipal row: few libraries hold enough of them for a row.
    match level {
        Some(Level::National) => 0,
        Some(Level::Provincial) => 1,
        Some(Level::Municipal | Level::County) => 2,
        None => 3,
    }
}

/// Spreads `count` nodes evenly over a row.
fn xs(count: usize) -> impl Iterator<Item = f32> {
    (0..count).map(move |i| (i as f32 + 0.5) * WIDTH / count as f32)
}

/// The graph of the corpus.
pub fn graph(ctx: &Context) -> Markup {
    let mut rows: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (d, doc) in ctx.docs.iter().enumerate() {
        rows.entry(row_of(doc.front.level)).or_default().push(d);
    }
    let mut nodes: Vec<Node> = Vec::new();
    let mut doc_node = vec![0usize; ctx.docs.len()];
    let mut y = 40.0;
    for docs in rows.values() {
        for (&d, x) in docs.iter().zip(xs(docs.len())) {
            let doc = &ctx.docs[d];
            let title = doc.front.title.clone().unwrap_or_else(|| doc.path.display().to_string());
            let first = doc.front.jurisdiction.clone().unwrap_or_else(|| short(&title, 10));
            let second = doc.front.doc_number.clone().unwrap_or_else(|| short(&title, 11));
            doc_node[d] = nodes.len();
            nodes.push(Node {
                x,
                y,
                w: DOC_W,
                h: DOC_H,
                lines: [first, second],
                tip: title,
                href: Some(format!("docs/{}.html", ctx.names[d])),
                external: false,
            });
        }
        y += ROW;
    }
    // Cited documents outside the corpus, keyed by number or title, in first-seen order.
    let mut externals: Vec<String> = Vec::new();
    let mut edges: BTreeMap<(usize, usize), Vec<Relation>> = BTreeMap::new();
    let mut pending: Vec<(usize, String, Relation)> = Vec::new();
    for (d, list) in ctx.library.resolved.iter().enumerate() {
        for r in list.iter().filter(|r| r.citation.target == Target::Document) {
            let c = &r.citation;
            match r.document {
                Some(t) if t != d => edges.entry((doc_node[d], doc_node[t])).or_default().push(c.relation),
                Some(_) => {}
                None => {
                    let Some(key) = c.doc_number.clone().or_else(|| c.title.as_ref().map(|t| format!("《{t}》")))
                    else {
                        continue;
                    };
                    if !externals.contains(&key) {
                        externals.push(key.clone());
                    }
                    pending.push((doc_node[d], key, c.relation));
                }
            }
        }
    }
    let first_external = nodes.len();
    for (row, chunk) in externals.chunks(EXTERNALS_PER_ROW).enumerate() {
        for (key, x) in chunk.iter().zip(xs(chunk.len())) {
            nodes.push(Node {
                x,
                y: y + row as f32 * (EXT_H + 26.0),
                w: EXT_W,
                h: EXT_H,
                lines: [short(key, 12), String::new()],
                tip: key.clone(),
                href: None,
                external: true,
            });
        }
    }
    for (from, key, relation) in pending {
        let to = first_external + externals.iter().position(|k| *k == key).expect("external was added");
        edges.entry((from, to)).or_default().push(relation);
    }
    let height = nodes.iter().map(|n| n.y + n.h).fold(0.0, f32::max) + 30.0;
    html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (WIDTH) " " (height) } width="100%" role="img" aria-label=(ctx.lang.labels().graph_label) {
            defs {
                marker #arrow viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse" {
                    path d="M 0 0 L 10 5 L 0 10 z" fill="#57606a";
                }
            }
            @for ((from, to), relations) in &edges {
                (edge(ctx.lang, &nodes[*from], &nodes[*to], relations, nodes[*to].external))
            }
            @for node in &nodes { (draw(node)) }
        }
    }
}

/// An edge; edges to documents outside the corpus are drawn lighter and unlabelled (their
/// relation shows on hover), so that the corpus edges stay readable.
fn edge(lang: Lang, from: &Node, to: &Node, relations: &[Relation], external: bool) -> Markup {
    let (x1, y1) = (from.x, from.y + from.h / 2.0);
    let (x2, y2) = if to.y > from.y { (to.x, to.y - to.h / 2.0) } else { (to.x, to.y + to.h / 2.0) };
    let mut kinds: Vec<&str> = relations.iter().map(|&r| lang.relation(r)).collect();
    kinds.dedup();
    let label = kinds.join(if lang == Lang::Zh { "、" } else { ", " });
    let main = relations.iter().min().copied().unwrap_or(Relation::Mentions);
    html! {
        g {
            title { (label) }
            line x1=(x1) y1=(y1) x2=(x2) y2=(y2) stroke=(color(main))
                stroke-width=(if external { "1" } else { "2.2" }) stroke-opacity=(if external { "0.45" } else { "1" })
                marker-end="url(#arrow)" {}
            @if !external {
                text x=((x1 + x2) / 2.0 + 4.0) y=((y1 + y2) / 2.0) font-size="12" font-weight="600" fill=(color(main)) { (label) }
            }
        }
    }
}

fn draw(node: &Node) -> Markup {
    let (x, y) = (node.x - node.w / 2.0, node.y - node.h / 2.0);
    let shape = html! {
        title { (node.tip) }
        rect x=(x) y=(y) width=(node.w) height=(node.h) rx="8"
            fill=(if node.external { "#f6f8fa" } else { "#ffffff" })
            stroke=(if node.external { "#8c959f" } else { "#24292f" })
            stroke-dasharray=(if node.external { "4 3" } else { "0" }) stroke-width="1.3" {}
        @if node.lines[1].is_empty() {
            text x=(node.x) y=(node.y + 4.0) font-size="12" text-anchor="middle" fill="#57606a" { (node.lines[0]) }
        } @else {
            text x=(node.x) y=(node.y - 4.0) font-size="13" text-anchor="middle" font-weight="600" { (node.lines[0]) }
            text x=(node.x) y=(node.y + 14.0) font-size="12" text-anchor="middle" fill="#57606a" { (node.lines[1]) }
        }
    };
    html! {
        @if let Some(href) = &node.href { a href=(href) { g.node { (shape) } } } @else { g.node.external { (shape) } }
    }
}

/// Sources drawn in the index of a large library, the most derived from first.
const SOURCES_DRAWN: usize = 40;
/// Neighbours drawn per row of a document's neighbourhood.
const NEIGHBOURS_PER_ROW: usize = 8;

/// A document's box: its jurisdiction (or title) and a second line.
fn doc_node(ctx: &Context, d: usize, (x, y): (f32, f32), second: String, root: &str) -> Node {
    let title = ctx.title(d);
    let place = ctx.docs[d].front.jurisdiction.as_deref().filter(|j| *j != "全国").unwrap_or("");
    Node {
        x,
        y,
        w: DOC_W,
        h: DOC_H,
        lines: [short(&title, 12), short(format!("{place} {second}").trim_start(), 18)],
        tip: format!("{title} ({})", ctx.docs[d].path.display()),
        href: Some(format!("{root}docs/{}.html", ctx.names[d])),
        external: false,
    }
}

/// An edge of a given colour and label, not a citation.
fn tie_edge(from: &Node, to: &Node, colour: &str, label: &str, dashed: bool) -> Markup {
    let (x1, y1) = (
        from.x,
        from.y
            + if to.y > from.y {
                from.h / 2.0
            } else if to.y < from.y {
                -from.h / 2.0
            } else {
                0.0
            },
    );
    let (x2, y2) = if to.y > from.y {
        (to.x, to.y - to.h / 2.0)
    } else if to.y < from.y {
        (to.x, to.y + to.h / 2.0)
    } else {
        (to.x + if to.x > from.x { -to.w / 2.0 } else { to.w / 2.0 }, to.y)
    };
    html! {
        g {
            title { (label) }
            line x1=(x1) y1=(y1) x2=(x2) y2=(y2) stroke=(colour) stroke-width="1.8"
                stroke-dasharray=(if dashed { "5 4" } else { "0" }) marker-end="url(#arrow)" {}
        }
    }
}

fn svg_frame(height: f32, label: &str, content: Markup) -> Markup {
    html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (WIDTH) " " (height) } width="100%" role="img" aria-label=(label) {
            defs {
                marker #arrow viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse" {
                    path d="M 0 0 L 10 5 L 0 10 z" fill="#57606a";
                }
            }
            (content)
        }
    }
}

/// The sources of a library in rows by level, each with how many documents derive from it, and
/// the derivations among them: readable however large the library.
pub fn sources(ctx: &Context, by_source: &[(usize, Vec<&Compared>)]) -> Markup {
    let drawn: Vec<(usize, usize)> = by_source.iter().take(SOURCES_DRAWN).map(|(s, mine)| (*s, mine.len())).collect();
    let mut rows: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
    for &(s, n) in &drawn {
        rows.entry(row_of(ctx.docs[s].front.level)).or_default().push((s, n));
    }
    let mut nodes: Vec<Node> = Vec::new();
    let mut at: BTreeMap<usize, usize> = BTreeMap::new();
    let mut y = 40.0;
    for row in rows.values() {
        // Rows of at most eight, so that labels stay apart.
        for chunk in row.chunks(NEIGHBOURS_PER_ROW) {
            for (&(s, n), x) in chunk.iter().zip(xs(chunk.len())) {
                at.insert(s, nodes.len());
                nodes.push(doc_node(ctx, s, (x, y), ctx.lang.derived_count(n), ""));
            }
            y += ROW;
        }
    }
    let edges: Vec<(usize, usize)> = by_source
        .iter()
        .flat_map(|(s, mine)| mine.iter().filter_map(|p| Some((*at.get(&p.local)?, *at.get(s)?))))
        .collect();
    svg_frame(
        y,
        ctx.lang.labels().sources,
        html! {
            @for (from, to) in &edges { (tie_edge(&nodes[*from], &nodes[*to], "#0969da", ctx.lang.tie(Tie::Derives), false)) }
            @for node in &nodes { (draw(node)) }
        },
    )
}

/// Document `d` among its neighbours: its sources above, its other versions beside it, the
/// documents it borrows from or lends to below, and the documents derived from it at the bottom.
pub fn neighbourhood(ctx: &Context, comparison: &Comparison, d: usize) -> Markup {
    let ties = |tie: Tie| comparison.pairs.iter().filter(move |p| p.tie == tie);
    let sources: Vec<usize> = ties(Tie::Derives).filter(|p| p.local == d).map(|p| p.source).collect();
    let derived: Vec<usize> = ties(Tie::Derives).filter(|p| p.source == d).map(|p| p.local).collect();
    let borrowed: Vec<(usize, bool)> = ties(Tie::Borrows)
        .filter_map(|p| if p.local == d { Some((p.source, true)) } else { (p.source == d).then_some((p.local, false)) })
        .collect();
    // The versions next to this one, at most a row of them.
    let all_versions = ctx.library.versions.of_doc(d);
    let at = all_versions.iter().position(|&v| v == d).unwrap_or(0);
    let first = at.saturating_sub(NEIGHBOURS_PER_ROW / 2).min(all_versions.len().saturating_sub(NEIGHBOURS_PER_ROW));
    let versions = &all_versions[first..(first + NEIGHBOURS_PER_ROW).min(all_versions.len())];
    let mut nodes: Vec<Node> = Vec::new();
    let mut edges: Vec<Markup> = Vec::new();
    let centre_y = if sources.is_empty() { 40.0 } else { 40.0 + ROW };
    let centre = at - first;
    for (&v, x) in versions.iter().zip(xs(versions.len())) {
        let label = ctx.docs[v].front.date.clone().unwrap_or_else(|| ctx.lang.labels().version.to_string());
        nodes.push(doc_node(ctx, v, (x, centre_y), label, "../"));
    }
    for pair in 0..versions.len().saturating_sub(1) {
        edges.push(tie_edge(&nodes[pair + 1], &nodes[pair], "#57606a", ctx.lang.supersedes(), true));
    }
    let place_row = |members: &[usize], y: f32, label: &dyn Fn(usize) -> String, nodes: &mut Vec<Node>| {
        let first = nodes.len();
        let shown = &members[..members.len().min(NEIGHBOURS_PER_ROW)];
        for (&m, x) in shown.iter().zip(xs(shown.len())) {
            nodes.push(doc_node(ctx, m, (x, y), label(m), "../"));
        }
        first..nodes.len()
    };
    let date = |m: usize| ctx.docs[m].front.date.clone().unwrap_or_default();
    let source_nodes = place_row(
        &sources,
        40.0,
        &|m| ctx.docs[m].front.kind.map_or(date(m), |k| ctx.lang.doc_kind(k).to_string()),
        &mut nodes,
    );
    let mut y = centre_y + ROW;
    let peers: Vec<usize> = borrowed.iter().map(|(m, _)| *m).collect();
    let peer_nodes = place_row(&peers, y, &date, &mut nodes);
    if !peers.is_empty() {
        y += ROW;
    }
    let derived_nodes = place_row(&derived, y, &date, &mut nodes);
    if !derived.is_empty() {
        y += ROW;
    }
    for n in source_nodes {
        edges.push(tie_edge(&nodes[centre], &nodes[n], "#0969da", ctx.lang.tie(Tie::Derives), false));
    }
    for (n, &(_, from_centre)) in peer_nodes.zip(&borrowed) {
        let (from, to) = if from_centre { (centre, n) } else { (n, centre) };
        edges.push(tie_edge(&nodes[from], &nodes[to], "#bc4c00", ctx.lang.tie(Tie::Borrows), false));
    }
    for n in derived_nodes {
        edges.push(tie_edge(&nodes[n], &nodes[centre], "#0969da", ctx.lang.tie(Tie::Derives), false));
    }
    svg_frame(
        y - ROW + DOC_H + 30.0,
        ctx.lang.labels().neighbourhood,
        html! {
            @for e in &edges { (e) }
            @for node in &nodes { (draw(node)) }
        },
    )
}
