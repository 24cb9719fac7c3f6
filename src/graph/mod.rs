//! Stage 6, graph: documents, external documents and units as a petgraph graph, with `cites`
//! (typed by relation), `contains`, `supersedes` (versions), `derives` and `borrows` edges; JSON,
//! DOT and GraphML exports.

mod export;

use rustc_hash::FxHashMap as HashMap;

use petgraph::graph::{DiGraph, NodeIndex};

pub use export::{Format, GraphFile};

use crate::library::Library;
use crate::model::{Derivation, Document, FrontMatter, Relation, Resolved, Target, Tie, Unit, UnitId};

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

/// What a document node says besides its number and title (`spec/corpus.md`).
#[derive(Clone, Debug)]
pub struct DocumentMeta {
    /// The document's metadata.
    pub front: FrontMatter,
    /// The file of the version this one follows, if any.
    pub version_of: Option<String>,
}

/// An edge.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Edge {
    /// The source cites the target.
    Cites(Relation),
    /// The source contains the target (document → unit → unit).
    Contains,
    /// The source document is the next later version of the target document.
    Supersedes,
    /// The source unit derives from (vertical) or borrows (horizontal) the target unit, with a
    /// score in [0, 1].
    Shares(Tie, f32, Derivation),
}

/// A `derives` or `borrows` edge for [`CorpusGraph::build`]: a unit of a local document shares
/// text with a unit of its source (or earlier) document.
pub struct Derived<'u> {
    /// The local document and unit.
    pub local: (usize, &'u UnitId),
    /// The source document and unit.
    pub source: (usize, &'u UnitId),
    /// Derives or borrows.
    pub tie: Tie,
    /// The alignment's score, in [0, 1].
    pub score: f32,
    /// How the local unit derives.
    pub relation: Derivation,
}

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
    /// Each document's metadata, by document.
    meta: Vec<DocumentMeta>,
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
    /// Documents, their units (`contains`), their versions (`supersedes`) and their resolved
    /// citations (`cites`, one edge per cited document and relation; internal references are
    /// left out).
    pub fn new(library: &'d Library) -> Builder<'d> {
        let mut builder = Builder::of_documents(&library.docs, &library.resolved);
        for group in library.versions.groups() {
            for pair in group.windows(2) {
                let at = &builder.at.documents;
                let (older, newer) = (at[pair[0]], at[pair[1]]);
                builder.graph.edge(newer, older, Edge::Supersedes);
            }
        }
        for (d, meta) in builder.graph.meta.iter_mut().enumerate() {
            meta.version_of = library.versions.previous(d).map(|p| library.docs[p].path.display().to_string());
        }
        builder
    }

    /// Documents, their units and their resolved citations, with no versions.
    pub fn of_documents(docs: &'d [Document], resolved: &[Vec<Resolved>]) -> Builder<'d> {
        let files = docs.iter().map(|d| d.path.display().to_string()).collect();
        let meta = docs.iter().map(|d| DocumentMeta { front: d.front.clone(), version_of: None }).collect();
        let mut g = CorpusGraph { files, names: String::new(), name_ends: Vec::new(), graph: DiGraph::new(), meta };
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

    /// The graph so far: documents, units and citations.
    pub fn graph(&self) -> &CorpusGraph {
        &self.graph
    }

    /// The graph, with the `derives` and `borrows` edges given.
    pub fn finish<'u>(self, derives: impl IntoIterator<Item = Derived<'u>>) -> CorpusGraph {
        let Builder { graph: mut g, at } = self;
        for d in derives {
            let from = at.units.get(&(d.local.0, d.local.1)).copied();
            let to = at.units.get(&(d.source.0, d.source.1)).copied();
            if let (Some(from), Some(to)) = (from, to) {
                g.edge(from, to, Edge::Shares(d.tie, d.score, d.relation));
            }
        }
        g
    }
}

impl CorpusGraph {
    /// The graph of a library: documents, units, versions, citations and the `derives` and
    /// `borrows` edges given.
    pub fn build<'u>(library: &Library, derives: impl IntoIterator<Item = Derived<'u>>) -> CorpusGraph {
        Builder::new(library).finish(derives)
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
            Edge::Supersedes => "supersedes",
            Edge::Shares(tie, ..) => tie.as_str(),
        }
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
