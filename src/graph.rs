//! Stage 6, graph: documents, external documents and units as a petgraph graph, with `cites`
//! (typed by relation), `contains` and `derives` edges; JSON, DOT and GraphML exports.

use rustc_hash::FxHashMap as HashMap;
use std::io::{self, Write};

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use serde_json::Value;

use crate::model::{Document, Relation, Resolved, Target, Unit, UnitId};

/// What a node stands for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum NodeKey {
    /// Corpus document `n`.
    Document(usize),
    /// A cited document outside the corpus, by canonical number or, failing that, title.
    External(String),
    /// A unit of corpus document `n`.
    Unit(usize, UnitId),
}

/// A node and what the exports say about it.
#[derive(Clone, Debug)]
pub struct Node {
    /// What it stands for.
    pub key: NodeKey,
    /// Document number, when known.
    pub doc_number: Option<String>,
    /// Title, when known.
    pub title: Option<String>,
}

/// An edge.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Edge {
    /// The source cites the target.
    Cites(Relation),
    /// The source contains the target (document → unit → unit).
    Contains,
    /// The source unit derives from the target unit, with a score in [0, 1].
    Derives(f32),
}

/// A `derives` edge for [`CorpusGraph::build`]: a unit of a local document derives from a unit
/// of its source document.
pub struct Derived<'u> {
    /// The local document and unit.
    pub local: (usize, &'u UnitId),
    /// The source document and unit.
    pub source: (usize, &'u UnitId),
    /// The alignment's score, in [0, 1].
    pub score: f32,
}

/// Exports run to tens of megabytes: written a megabyte at a time, not in thousands of small writes.
const EXPORT_BUFFER: usize = 1 << 20;

/// The corpus graph.
pub struct CorpusGraph {
    /// Each document's path as the exports write it.
    files: Vec<String>,
    /// What each node's string ID has past its document's file, one after another (the unit ID
    /// of a unit, the whole ID of an external document, nothing for a document): written once,
    /// though edges name nodes many times.
    names: String,
    /// Where each node's part of `names` ends, by node index.
    name_ends: Vec<usize>,
    /// The petgraph graph.
    pub graph: DiGraph<Node, Edge>,
}

/// Where the nodes of a graph being built are; units are found by the IDs the documents own.
struct Lookup<'d> {
    documents: Vec<NodeIndex>,
    units: HashMap<(usize, &'d UnitId), NodeIndex>,
    externals: HashMap<String, NodeIndex>,
}

/// A graph with its documents, units and citations, waiting for its `derives` edges: the part
/// that needs no alignment can be built while documents are still being aligned.
pub struct Builder<'d> {
    graph: CorpusGraph,
    at: Lookup<'d>,
}

impl<'d> Builder<'d> {
    /// Documents, their units (`contains`) and their resolved citations (`cites`, one edge per
    /// cited document and relation; internal references are left out).
    pub fn new(docs: &'d [Document], resolved: &[Vec<Resolved>]) -> Builder<'d> {
        let files = docs.iter().map(|d| d.path.display().to_string()).collect();
        let mut g = CorpusGraph { files, names: String::new(), name_ends: Vec::new(), graph: DiGraph::new() };
        let mut at = Lookup { documents: Vec::new(), units: HashMap::default(), externals: HashMap::default() };
        for (i, doc) in docs.iter().enumerate() {
            let node = g.node(Node {
                key: NodeKey::Document(i),
                doc_number: doc.front.doc_number.clone(),
                title: doc.front.title.clone(),
            });
            at.documents.push(node);
            for unit in &doc.units {
                g.add_units(&mut at, i, node, unit);
            }
        }
        for (i, list) in resolved.iter().enumerate() {
            for r in list.iter().filter(|r| r.citation.target == Target::Document) {
                let c = &r.citation;
                let to = match r.document {
                    Some(d) if d == i => continue,
                    Some(d) => at.documents[d],
                    None => {
                        let Some(key) = c.doc_number.clone().or_else(|| c.title.as_ref().map(|t| format!("《{t}》")))
                        else {
                            continue;
                        };
                        g.external(&mut at, key, c.doc_number.clone(), c.title.clone())
                    }
                };
                g.edge(at.documents[i], to, Edge::Cites(c.relation));
            }
        }
        Builder { graph: g, at }
    }

    /// The graph, with the `derives` edges given.
    pub fn finish<'u>(self, derives: impl IntoIterator<Item = Derived<'u>>) -> CorpusGraph {
        let Builder { graph: mut g, at } = self;
        for d in derives {
            let from = at.units.get(&(d.local.0, d.local.1)).copied();
            let to = at.units.get(&(d.source.0, d.source.1)).copied();
            if let (Some(from), Some(to)) = (from, to) {
                g.edge(from, to, Edge::Derives(d.score));
            }
        }
        g
    }
}

impl CorpusGraph {
    /// Documents, their units (`contains`), their resolved citations (`cites`, one edge per cited
    /// document and relation; internal references are left out) and the `derives` edges given.
    pub fn build<'u>(
        docs: &[Document],
        resolved: &[Vec<Resolved>],
        derives: impl IntoIterator<Item = Derived<'u>>,
    ) -> CorpusGraph {
        Builder::new(docs, resolved).finish(derives)
    }

    /// The node of a cited document outside the corpus, made on first sight; a number or title
    /// learned from a later citation fills in what an earlier one lacked.
    fn external(
        &mut self,
        at: &mut Lookup,
        key: String,
        doc_number: Option<String>,
        title: Option<String>,
    ) -> NodeIndex {
        if let Some(&n) = at.externals.get(&key) {
            let node = &mut self.graph[n];
            node.doc_number = node.doc_number.take().or(doc_number);
            node.title = node.title.take().or(title);
            return n;
        }
        let n = self.node(Node { key: NodeKey::External(key.clone()), doc_number, title });
        at.externals.insert(key, n);
        n
    }

    fn add_units<'d>(&mut self, at: &mut Lookup<'d>, doc: usize, parent: NodeIndex, unit: &'d Unit) {
        let node = self.node(Node { key: NodeKey::Unit(doc, unit.id.clone()), doc_number: None, title: None });
        at.units.insert((doc, &unit.id), node);
        self.graph.add_edge(parent, node, Edge::Contains);
        for child in &unit.children {
            self.add_units(at, doc, node, child);
        }
    }

    /// Adds a node, with its string ID.
    fn node(&mut self, node: Node) -> NodeIndex {
        use std::fmt::Write;
        // Writing to a String cannot fail.
        let _ = match &node.key {
            NodeKey::Document(_) => Ok(()),
            NodeKey::External(k) => write!(self.names, "external:{k}"),
            NodeKey::Unit(_, id) => write!(self.names, "{id}"),
        };
        self.name_ends.push(self.names.len());
        self.graph.add_node(node)
    }

    /// Adds an edge unless the same one is there already.
    fn edge(&mut self, from: NodeIndex, to: NodeIndex, edge: Edge) {
        if !self.graph.edges_connecting(from, to).any(|e| *e.weight() == edge) {
            self.graph.add_edge(from, to, edge);
        }
    }

    /// The string ID of a node at the edge: the file for a document, `file#unit` for a unit,
    /// `external:` and the number or title for an external document.
    pub fn node_id(&self, node: NodeIndex) -> NodeName<'_> {
        let name = self.name(node);
        match self.graph[node].key {
            NodeKey::Document(d) => NodeName::Document(&self.files[d]),
            NodeKey::External(_) => NodeName::External(name),
            NodeKey::Unit(d, _) => NodeName::Unit(&self.files[d], name),
        }
    }

    fn kind(key: &NodeKey) -> &'static str {
        match key {
            NodeKey::Document(_) => "document",
            NodeKey::External(_) => "external",
            NodeKey::Unit(..) => "unit",
        }
    }

    fn edge_kind(edge: &Edge) -> &'static str {
        match edge {
            Edge::Cites(_) => "cites",
            Edge::Contains => "contains",
            Edge::Derives(_) => "derives",
        }
    }

    /// `zhengce graph --format json` (spec/json.md).
    pub fn to_json(&self) -> Value {
        serde_json::to_value(Streamed(self)).expect("a graph serialises to JSON")
    }

    /// Writes [`CorpusGraph::to_json`], pretty-printed, one node or edge at a time.
    pub fn write_json(&self, w: impl Write) -> io::Result<()> {
        let mut w = io::BufWriter::with_capacity(EXPORT_BUFFER, w);
        serde_json::to_writer_pretty(&mut w, &Streamed(self))?;
        writeln!(w)?;
        w.flush()
    }

    /// A node's part of `names`.
    fn name(&self, node: NodeIndex) -> &str {
        let i = node.index();
        &self.names[if i == 0 { 0 } else { self.name_ends[i - 1] }..self.name_ends[i]]
    }

    /// A node's label, in parts written one after another: a unit's ID; a document's number and
    /// title.
    fn label(&self, node: NodeIndex) -> [&str; 3] {
        let n = &self.graph[node];
        match (&n.key, n.doc_number.as_deref(), n.title.as_deref()) {
            (NodeKey::Unit(..), ..) => [self.name(node), "", ""],
            (_, Some(number), Some(title)) => [number, " ", title],
            (_, number, title) => [number.or(title).unwrap_or(""), "", ""],
        }
    }

    /// Graphviz DOT.
    pub fn write_dot(&self, w: impl Write) -> io::Result<()> {
        use petgraph::dot::{Config, Dot};
        let edge_attrs = |_, e: petgraph::graph::EdgeReference<'_, Edge>| match e.weight() {
            Edge::Cites(r) => format!("label=\"{}\"", r.as_str()),
            Edge::Contains => "style=dotted".to_string(),
            Edge::Derives(s) => format!("label=\"derives {s:.2}\" color=blue"),
        };
        let node_attrs = |_, (i, n): (NodeIndex, &Node)| {
            let shape = match n.key {
                NodeKey::Document(_) => "box",
                NodeKey::External(_) => "ellipse",
                NodeKey::Unit(..) => "plaintext",
            };
            let [a, b, c] = self.label(i).map(escape_dot);
            format!("label=\"{a}{b}{c}\" shape={shape}")
        };
        let dot =
            Dot::with_attr_getters(&self.graph, &[Config::EdgeNoLabel, Config::NodeNoLabel], &edge_attrs, &node_attrs);
        let mut w = io::BufWriter::with_capacity(EXPORT_BUFFER, w);
        write!(w, "{dot:?}")?;
        w.flush()
    }

    /// GraphML, for Gephi, written node by node: the keys declared in sorted order, every node
    /// with its `name`, `kind` and `label`, every edge with its `kind`. Each node and edge is made
    /// up in one buffer and written whole.
    pub fn write_graphml(&self, w: impl Write) -> io::Result<()> {
        let mut w = io::BufWriter::with_capacity(EXPORT_BUFFER, w);
        w.write_all(GRAPHML_HEADER.as_bytes())?;
        let (mut out, mut number) = (String::new(), itoa::Buffer::new());
        for (i, n) in self.graph.node_weights().enumerate() {
            out.clear();
            out.extend(["    <node id=\"n", number.format(i), "\">\n"]);
            let node = NodeIndex::new(i);
            xml_data(&mut out, "name", self.node_id(node).parts().into_iter());
            xml_data(&mut out, "kind", [Self::kind(&n.key)].into_iter());
            xml_data(&mut out, "label", self.label(node).into_iter());
            out.push_str("    </node>\n");
            w.write_all(out.as_bytes())?;
        }
        for e in self.graph.edge_references() {
            out.clear();
            out.extend(["    <edge id=\"e", number.format(e.id().index()), "\" source=\"n"]);
            out.extend([number.format(e.source().index()), "\" target=\"n"]);
            out.extend([number.format(e.target().index()), "\">\n"]);
            let kind = match e.weight() {
                Edge::Cites(r) => ["cites:", r.as_str()],
                other => [Self::edge_kind(other), ""],
            };
            xml_data(&mut out, "kind", kind.into_iter());
            out.push_str("    </edge>\n");
            w.write_all(out.as_bytes())?;
        }
        writeln!(w, "  </graph>\n</graphml>")?;
        w.flush()
    }
}

/// A GraphML `data` line: the value's parts, one after another, escaped.
fn xml_data<'v>(out: &mut String, key: &str, value: impl Iterator<Item = &'v str>) {
    out.extend(["      <data key=\"", key, "\">"]);
    for part in value {
        out.push_str(&escape_xml(part));
    }
    out.push_str("</data>\n");
}

const GRAPHML_HEADER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="kind" for="edge" attr.name="kind" attr.type="string" />
  <key id="kind" for="node" attr.name="kind" attr.type="string" />
  <key id="label" for="node" attr.name="label" attr.type="string" />
  <key id="name" for="node" attr.name="name" attr.type="string" />
  <graph edgedefault="directed">
"#;

/// Text content escaped for XML.
fn escape_xml(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['&', '<', '>']) {
        return text.into();
    }
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").into()
}

/// (citing, cited) pairs of corpus documents, from resolved citations.
pub fn cited_pairs(resolved: &[Vec<Resolved>]) -> std::collections::HashSet<(usize, usize)> {
    resolved
        .iter()
        .enumerate()
        .flat_map(|(i, list)| {
            list.iter()
                .filter(|r| r.citation.target == Target::Document)
                .filter_map(move |r| r.document.filter(|d| *d != i).map(|d| (i, d)))
        })
        .collect()
}

/// A node's string ID ([`CorpusGraph::node_id`]), shown from its parts.
pub enum NodeName<'g> {
    /// A document: its file.
    Document(&'g str),
    /// A unit: its document's file and its unit ID, shown as `file#unit`.
    Unit(&'g str, &'g str),
    /// An external document: `external:` and its number or title.
    External(&'g str),
}

impl<'g> NodeName<'g> {
    /// The ID in parts written one after another.
    fn parts(&self) -> [&'g str; 3] {
        match *self {
            NodeName::Document(file) => [file, "", ""],
            NodeName::Unit(file, unit) => [file, "#", unit],
            NodeName::External(id) => [id, "", ""],
        }
    }
}

impl std::fmt::Display for NodeName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.parts().into_iter().try_for_each(|part| f.write_str(part))
    }
}

/// A node's ID as a JSON string: a unit's parts joined in a buffer kept by the thread, so that
/// the string is escaped and written at once rather than piece by piece through formatting.
impl serde::Serialize for NodeName<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        thread_local! {
            static JOINED: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        match self.parts() {
            [whole, "", ""] => serializer.serialize_str(whole),
            parts => JOINED.with_borrow_mut(|joined| {
                joined.clear();
                joined.extend(parts);
                serializer.serialize_str(joined)
            }),
        }
    }
}

/// The graph as JSON (spec/json.md), serialised a node and an edge at a time. Keys come in sorted
/// order, as in a `serde_json` object.
struct Streamed<'g>(&'g CorpusGraph);

/// The edges of a graph.
struct Edges<'g>(&'g CorpusGraph);

/// The nodes of a graph.
struct Nodes<'g>(&'g CorpusGraph);

/// One node: `id`, `kind`, and `file`, `doc_number`, `title` or `unit` as its kind has them.
struct NodeJson<'g>(&'g CorpusGraph, NodeIndex);

/// One edge: `from`, `to`, `kind`, and the `relation` of a citation or the `score` of a derivation.
struct EdgeJson<'g>(&'g CorpusGraph, petgraph::graph::EdgeReference<'g, Edge>);

impl serde::Serialize for Streamed<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("edges", &Edges(self.0))?;
        map.serialize_entry("nodes", &Nodes(self.0))?;
        map.end()
    }
}

impl serde::Serialize for Edges<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.graph.edge_references().map(|e| EdgeJson(self.0, e)))
    }
}

impl serde::Serialize for Nodes<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.graph.node_indices().map(|n| NodeJson(self.0, n)))
    }
}

impl serde::Serialize for NodeJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let NodeJson(g, index) = *self;
        let (n, id) = (&g.graph[index], g.node_id(index));
        let kind = CorpusGraph::kind(&n.key);
        let mut map = serializer.serialize_map(None)?;
        match &n.key {
            NodeKey::Document(d) => {
                map.serialize_entry("doc_number", &n.doc_number)?;
                map.serialize_entry("file", &g.files[*d])?;
                map.serialize_entry("id", &id)?;
                map.serialize_entry("kind", kind)?;
                map.serialize_entry("title", &n.title)?;
            }
            NodeKey::External(_) => {
                map.serialize_entry("doc_number", &n.doc_number)?;
                map.serialize_entry("id", &id)?;
                map.serialize_entry("kind", kind)?;
                map.serialize_entry("title", &n.title)?;
            }
            NodeKey::Unit(d, _) => {
                map.serialize_entry("file", &g.files[*d])?;
                map.serialize_entry("id", &id)?;
                map.serialize_entry("kind", kind)?;
                map.serialize_entry("unit", g.name(index))?;
            }
        }
        map.end()
    }
}

impl serde::Serialize for EdgeJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let EdgeJson(g, e) = *self;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("from", &g.node_id(e.source()))?;
        map.serialize_entry("kind", CorpusGraph::edge_kind(e.weight()))?;
        match e.weight() {
            Edge::Cites(r) => map.serialize_entry("relation", r.as_str())?,
            // As an f64, the number JSON readers get.
            Edge::Derives(score) => map.serialize_entry("score", &f64::from(*score))?,
            Edge::Contains => {}
        }
        map.serialize_entry("to", &g.node_id(e.target()))?;
        map.end()
    }
}

fn escape_dot(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['\\', '"']) {
        return text.into();
    }
    text.replace('\\', "\\\\").replace('"', "\\\"").into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Encoding;
    use std::path::Path;

    /// An export of the graph of one document, whose path is `path` and text `text`.
    fn export(path: &str, text: &str, write: fn(&CorpusGraph, &mut Vec<u8>) -> io::Result<()>) -> String {
        let doc = crate::parse::parse_text(Path::new(path), text.to_string(), Encoding::Utf8);
        let mut out = Vec::new();
        write(&CorpusGraph::build(std::slice::from_ref(&doc), &[Vec::new()], []), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn dot_escapes_quotes_and_backslashes_in_labels() {
        let text = "关于\"科技\"与C:\\路径的通知\n第一条 本办法自发布之日起施行。\n";
        let dot = export("a.txt", text, |g, out| g.write_dot(out));
        assert!(dot.contains("0 [ label=\"关于\\\"科技\\\"与C:\\\\路径的通知\" shape=box]"), "{dot}");
        assert!(dot.contains("[ label=\"art1\" shape=plaintext]"), "{dot}");
    }

    #[test]
    fn graphml_escapes_names_and_labels() {
        let text = "关于R&D<试点>的通知\n第一条 本办法自发布之日起施行。\n";
        let graphml = export("a&b<c>.txt", text, |g, out| g.write_graphml(out));
        assert!(graphml.contains("<data key=\"name\">a&amp;b&lt;c&gt;.txt</data>"), "{graphml}");
        assert!(graphml.contains("<data key=\"name\">a&amp;b&lt;c&gt;.txt#art1</data>"), "{graphml}");
        assert!(graphml.contains("<data key=\"label\">关于R&amp;D&lt;试点&gt;的通知</data>"), "{graphml}");
        assert!(graphml.contains("<data key=\"label\">art1</data>"), "{graphml}");
        assert!(
            graphml.contains("<edge id=\"e0\" source=\"n0\" target=\"n1\">\n      <data key=\"kind\">contains</data>")
        );
    }
}
