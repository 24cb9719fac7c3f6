//! The citation graph as inline SVG, laid out in Rust: corpus documents in rows by level
//! (national, provincial, municipal), cited documents outside the corpus below them, typed edges.

use std::collections::BTreeMap;

use maud::{html, Markup};

use super::Context;
use crate::model::{Level, Relation, Target};

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

fn color(relation: Relation) -> &'static str {
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
    match level {
        Some(Level::National) => 0,
        Some(Level::Provincial) => 1,
        Some(Level::Municipal) => 2,
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
    for (d, list) in ctx.resolved.iter().enumerate() {
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
        svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (WIDTH) " " (height) } width="100%" role="img" aria-label="citation graph" {
            defs {
                marker #arrow viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse" {
                    path d="M 0 0 L 10 5 L 0 10 z" fill="#57606a";
                }
            }
            @for ((from, to), relations) in &edges {
                (edge(&nodes[*from], &nodes[*to], relations, nodes[*to].external))
            }
            @for node in &nodes { (draw(node)) }
        }
    }
}

/// An edge; edges to documents outside the corpus are drawn lighter and unlabelled (their
/// relation shows on hover), so that the corpus edges stay readable.
fn edge(from: &Node, to: &Node, relations: &[Relation], external: bool) -> Markup {
    let (x1, y1) = (from.x, from.y + from.h / 2.0);
    let (x2, y2) = if to.y > from.y { (to.x, to.y - to.h / 2.0) } else { (to.x, to.y + to.h / 2.0) };
    let mut kinds: Vec<&str> = relations.iter().map(|r| r.as_str()).collect();
    kinds.dedup();
    let label = kinds.join(", ");
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
