//! The graph's files: JSON (spec/json.md), Graphviz DOT and GraphML.
//!
//! Every format lists the nodes, then the edges in the order they were added, so a file can be
//! written in two parts: [`GraphFile::start`] writes the nodes and the edges the graph has so far,
//! [`GraphFile::finish`] the edges added since and the end of the file. A report starts its graph
//! files while documents are still being aligned, and finishes them with the `derives` edges.

use std::io::{self, Write};

use petgraph::graph::NodeIndex;
use serde_json::Value;

use super::{CorpusGraph, Edge, NodeKey, NodeName};

/// Exports run to tens of megabytes: written a megabyte at a time, not in thousands of small writes.
const EXPORT_BUFFER: usize = 1 << 20;

/// A format the graph is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// JSON: `{"nodes": [...], "edges": [...]}`, one node or edge per line.
    Json,
    /// Graphviz DOT.
    Dot,
    /// GraphML, for Gephi: every node with its `name`, `kind` and `label`, every edge with its
    /// `kind`.
    Graphml,
}

/// A graph file being written, in two parts (see the module documentation).
pub struct GraphFile<W: Write> {
    format: Format,
    out: io::BufWriter<W>,
    /// Edges written so far: the graph's first ones, since edges are only ever added.
    edges: usize,
    /// Where a node or an edge is made up before it is written whole.
    line: String,
}

impl<W: Write> GraphFile<W> {
    /// Writes the head of the file, the nodes of `graph` and the edges it has so far.
    pub fn start(graph: &CorpusGraph, format: Format, w: W) -> io::Result<GraphFile<W>> {
        let mut file =
            GraphFile { format, out: io::BufWriter::with_capacity(EXPORT_BUFFER, w), edges: 0, line: String::new() };
        file.out.write_all(file.head().as_bytes())?;
        for node in graph.graph.node_indices() {
            file.write_node(graph, node)?;
        }
        file.out.write_all(file.between().as_bytes())?;
        file.write_edges(graph)?;
        Ok(file)
    }

    /// Writes the edges `graph` gained since [`GraphFile::start`] and the end of the file. `graph`
    /// is the graph the file was started with, grown by edges only (as [`super::Builder::finish`]
    /// grows it).
    pub fn finish(mut self, graph: &CorpusGraph) -> io::Result<()> {
        self.write_edges(graph)?;
        self.out.write_all(self.end().as_bytes())?;
        self.out.flush()
    }

    fn write_edges(&mut self, graph: &CorpusGraph) -> io::Result<()> {
        for (index, edge) in graph.graph.raw_edges().iter().enumerate().skip(self.edges) {
            self.write_edge(graph, index, (edge.source(), edge.target(), &edge.weight))?;
        }
        self.edges = graph.graph.edge_count();
        Ok(())
    }

    fn head(&self) -> &'static str {
        match self.format {
            Format::Json => "{\"nodes\": [",
            Format::Dot => "digraph {\n",
            Format::Graphml => GRAPHML_HEADER,
        }
    }

    fn between(&self) -> &'static str {
        match self.format {
            Format::Json => "\n],\n\"edges\": [",
            Format::Dot | Format::Graphml => "",
        }
    }

    fn end(&self) -> &'static str {
        match self.format {
            Format::Json => "\n]}\n",
            Format::Dot => "}\n",
            Format::Graphml => "  </graph>\n</graphml>\n",
        }
    }

    /// Writes `node`; its line is made up whole first.
    fn write_node(&mut self, g: &CorpusGraph, node: NodeIndex) -> io::Result<()> {
        let (i, n) = (node.index(), &g.graph[node]);
        let (out, mut number) = (&mut self.line, itoa::Buffer::new());
        out.clear();
        match self.format {
            Format::Json => {
                self.out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
                return Ok(serde_json::to_writer(&mut self.out, &NodeJson(g, node))?);
            }
            Format::Dot => {
                let shape = match n.key {
                    NodeKey::Document(_) => "box",
                    NodeKey::External(_) => "ellipse",
                    NodeKey::Unit(..) => "plaintext",
                };
                out.extend(["    ", number.format(i), " [ label=\""]);
                for part in g.label(node) {
                    out.push_str(&escape_dot(part));
                }
                out.extend(["\" shape=", shape, "]\n"]);
            }
            Format::Graphml => {
                out.extend(["    <node id=\"n", number.format(i), "\">\n"]);
                xml_data(out, "name", g.node_id(node).parts().into_iter());
                xml_data(out, "kind", [CorpusGraph::kind(&n.key)].into_iter());
                xml_data(out, "label", g.label(node).into_iter());
                out.push_str("    </node>\n");
            }
        }
        self.out.write_all(self.line.as_bytes())
    }

    /// Writes edge number `index`; its line is made up whole first.
    fn write_edge(
        &mut self,
        g: &CorpusGraph,
        index: usize,
        (from, to, edge): (NodeIndex, NodeIndex, &Edge),
    ) -> io::Result<()> {
        let (out, mut number) = (&mut self.line, itoa::Buffer::new());
        out.clear();
        match self.format {
            Format::Json => {
                self.out.write_all(if index == 0 { b"\n" } else { b",\n" })?;
                return Ok(serde_json::to_writer(&mut self.out, &EdgeJson(g, from, to, edge))?);
            }
            Format::Dot => {
                out.extend(["    ", number.format(from.index()), " -> "]);
                out.extend([number.format(to.index()), " [ "]);
                match edge {
                    Edge::Cites(r) => out.extend(["label=\"", r.as_str(), "\""]),
                    Edge::Contains => out.push_str("style=dotted"),
                    Edge::Supersedes => out.push_str("label=\"supersedes\" style=dashed"),
                    Edge::Shares(tie, score, _) => {
                        let colour = if *tie == crate::model::Tie::Derives { "blue" } else { "darkorange" };
                        out.push_str(&format!("label=\"{} {score:.2}\" color={colour}", tie.as_str()));
                    }
                }
                out.push_str("]\n");
            }
            Format::Graphml => {
                out.extend(["    <edge id=\"e", number.format(index), "\" source=\"n"]);
                out.extend([number.format(from.index()), "\" target=\"n"]);
                out.extend([number.format(to.index()), "\">\n"]);
                let kind = match edge {
                    Edge::Cites(r) => ["cites:", r.as_str()],
                    other => [CorpusGraph::edge_kind(other), ""],
                };
                xml_data(out, "kind", kind.into_iter());
                out.push_str("    </edge>\n");
            }
        }
        self.out.write_all(self.line.as_bytes())
    }
}

impl CorpusGraph {
    /// Writes the graph as `format`.
    pub fn write(&self, format: Format, w: impl Write) -> io::Result<()> {
        GraphFile::start(self, format, w)?.finish(self)
    }

    /// `zhengce graph --format json` (spec/json.md), as a value.
    pub fn to_json(&self) -> Value {
        let mut json = Vec::new();
        self.write(Format::Json, &mut json).expect("writing to memory cannot fail");
        serde_json::from_slice(&json).expect("the graph's JSON reads back")
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

/// A label escaped for a DOT string.
fn escape_dot(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['\\', '"']) {
        return text.into();
    }
    text.replace('\\', "\\\\").replace('"', "\\\"").into()
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

/// One node: `id`, `kind`, and `file`, `doc_number`, `title` or `unit` as its kind has them. Keys
/// come in sorted order, as in a `serde_json` object.
struct NodeJson<'g>(&'g CorpusGraph, NodeIndex);

/// One edge: `from`, `to`, `kind`, and the `relation` of a citation or the `score` of a derivation.
struct EdgeJson<'g>(&'g CorpusGraph, NodeIndex, NodeIndex, &'g Edge);

impl serde::Serialize for NodeJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let NodeJson(g, index) = *self;
        let (n, id) = (&g.graph[index], g.node_id(index));
        let kind = CorpusGraph::kind(&n.key);
        let mut map = serializer.serialize_map(None)?;
        match &n.key {
            NodeKey::Document(d) => {
                let meta = &g.meta[*d];
                let front = &meta.front;
                map.serialize_entry("date", &front.date)?;
                map.serialize_entry("doc_kind", &front.kind.map(|k| k.as_str()))?;
                map.serialize_entry("doc_number", &n.doc_number)?;
                map.serialize_entry("doc_number_learned", &front.number_learned)?;
                map.serialize_entry("effective", &front.effective)?;
                map.serialize_entry("file", &g.files[*d])?;
                map.serialize_entry("id", &id)?;
                map.serialize_entry("issuer", &front.issuer)?;
                map.serialize_entry("jurisdiction", &front.jurisdiction)?;
                map.serialize_entry("kind", kind)?;
                map.serialize_entry("level", &front.level.map(|l| l.as_str()))?;
                map.serialize_entry("title", &n.title)?;
                map.serialize_entry("version_of", &meta.version_of)?;
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
        let EdgeJson(g, from, to, edge) = *self;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("from", &g.node_id(from))?;
        map.serialize_entry("kind", CorpusGraph::edge_kind(edge))?;
        match edge {
            Edge::Cites(r) => map.serialize_entry("relation", r.as_str())?,
            Edge::Shares(_, score, relation) => {
                map.serialize_entry("relation", relation.as_str())?;
                // As an f64, the number JSON readers get.
                map.serialize_entry("score", &f64::from(*score))?;
            }
            Edge::Contains | Edge::Supersedes => {}
        }
        map.serialize_entry("to", &g.node_id(to))?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Builder, Derived};
    use crate::model::{Document, Encoding, UnitId};
    use std::path::Path;

    fn document(path: &str, text: &str) -> Document {
        crate::parse::parse_text(Path::new(path), text.to_string(), Encoding::Utf8)
    }

    /// The graph of one document, whose path is `path` and text `text`, written as `format`.
    fn export(path: &str, text: &str, format: Format) -> String {
        let doc = document(path, text);
        let mut out = Vec::new();
        Builder::of_documents(std::slice::from_ref(&doc), &[Vec::new()]).finish([]).write(format, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn dot_escapes_quotes_and_backslashes_in_labels() {
        let text = "关于\"科技\"与C:\\路径的通知\n第一条 本办法自发布之日起施行。\n";
        let dot = export("a.txt", text, Format::Dot);
        assert!(
            dot.starts_with("digraph {\n    0 [ label=\"关于\\\"科技\\\"与C:\\\\路径的通知\" shape=box]\n"),
            "{dot}"
        );
        assert!(dot.contains("[ label=\"art1\" shape=plaintext]"), "{dot}");
        assert!(dot.contains("    0 -> 1 [ style=dotted]\n"), "{dot}");
        assert!(dot.ends_with("]\n}\n"), "{dot}");
    }

    #[test]
    fn graphml_escapes_names_and_labels() {
        let text = "关于R&D<试点>的通知\n第一条 本办法自发布之日起施行。\n";
        let graphml = export("a&b<c>.txt", text, Format::Graphml);
        assert!(graphml.contains("<data key=\"name\">a&amp;b&lt;c&gt;.txt</data>"), "{graphml}");
        assert!(graphml.contains("<data key=\"name\">a&amp;b&lt;c&gt;.txt#art1</data>"), "{graphml}");
        assert!(graphml.contains("<data key=\"label\">关于R&amp;D&lt;试点&gt;的通知</data>"), "{graphml}");
        assert!(graphml.contains("<data key=\"label\">art1</data>"), "{graphml}");
        assert!(
            graphml.contains("<edge id=\"e0\" source=\"n0\" target=\"n1\">\n      <data key=\"kind\">contains</data>")
        );
    }

    #[test]
    fn json_has_one_node_or_edge_per_line() {
        let json = export("a.txt", "关于试点的通知\n第一条 本办法自发布之日起施行。\n", Format::Json);
        let lines: Vec<&str> = json.lines().collect();
        assert_eq!(lines[0], "{\"nodes\": [");
        assert!(
            lines[1].starts_with("{\"date\":null,")
                && lines[1].contains("\"file\":\"a.txt\",\"id\":\"a.txt\",\"issuer\""),
            "{json}"
        );
        assert!(lines.contains(&"],") && lines.contains(&"\"edges\": ["), "{json}");
        assert_eq!(lines.last(), Some(&"]}"));
        let value: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            value["nodes"].as_array().unwrap().len(),
            lines.iter().filter(|l| l.contains("\"kind\":\"document\"") || l.contains("\"kind\":\"unit\"")).count()
        );
    }

    /// A file started before the `derives` edges were added and finished after is the file of the
    /// finished graph, in every format.
    #[test]
    fn a_file_written_in_two_parts_is_the_file_of_the_whole_graph() {
        let docs = [
            document(
                "national.txt",
                "关于试点的通知\n第一条 联盟应当符合以下条件。\n第二条 本办法自发布之日起施行。\n",
            ),
            document(
                "local.txt",
                "关于本市试点的通知\n第一条 联盟应当符合以下条件。\n第二条 本办法自印发之日起施行。\n",
            ),
        ];
        let derived = |unit: &str| {
            let id = UnitId::parse(unit).unwrap();
            let (local, national) = (docs[1].find(&id).unwrap(), docs[0].find(&id).unwrap());
            Derived {
                local: (1, &local.id),
                source: (0, &national.id),
                tie: crate::model::Tie::Derives,
                score: 0.5,
                relation: crate::model::Derivation::Modified,
            }
        };
        for format in [Format::Json, Format::Dot, Format::Graphml] {
            let builder = Builder::of_documents(&docs, &[Vec::new(), Vec::new()]);
            let mut in_two_parts = Vec::new();
            let started = GraphFile::start(builder.graph(), format, &mut in_two_parts).unwrap();
            let graph = builder.finish([derived("art1"), derived("art2")]);
            started.finish(&graph).unwrap();
            let mut whole = Vec::new();
            graph.write(format, &mut whole).unwrap();
            let text = String::from_utf8(whole).unwrap();
            assert!(text.contains("derives"), "{format:?}: {text}");
            assert_eq!(String::from_utf8(in_two_parts).unwrap(), text, "{format:?}");
        }
    }
}
