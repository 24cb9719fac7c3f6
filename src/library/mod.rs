//! A library: the documents of a corpus and how they relate, computed once for every command.
//!
//! The whole flow of a run is here, in order:
//! 1. [`Library::new`]: read metadata ([`crate::parse`]), extract and resolve citations
//!    ([`crate::cite`]), learn the numbers of documents that state none, group versions
//!    ([`Versions`]) and point every citation at the version in force at the citing document's
//!    date.
//! 2. [`Library::compare`]: find each local document's sources — the documents it cites as
//!    basis or implements, then higher-level documents of its jurisdiction it shares text with
//!    ([`sketch`]) — and align it to each (and diff, for a report), one source at a time so that a
//!    source is prepared once for all documents that derive from it.
//! 3. Then the text a document shares with an earlier document of another jurisdiction, beyond
//!    what their sources explain, as `borrows` ties (policy diffusion).
//!
//! `report`, `graph`, `cite` and `batch` render what this module computes.

mod sketch;
mod versions;

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

pub use versions::Versions;

use crate::align::{Aligner, Pieces};
use crate::diff::Differ;
use crate::error::Result;
pub use crate::model::Tie;
use crate::model::{
    Alignment, ConditionDiff, Constraint, Derivation, Document, Level, Relation, Resolved, Target, UnitId,
};
use crate::normalize::UnitTexts;
use crate::parse::place;
use crate::{cite, corpus, diff};

/// Which pairs a comparison makes.
#[derive(Clone, Copy, Debug)]
pub enum Scope {
    /// Every local document with its sources, and the borrows between jurisdictions.
    Sources,
    /// Every document with this one source (`--national`).
    Source(usize),
}

/// What a comparison computes for each pair besides the alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// Alignments only (graphs).
    Links,
    /// Condition diffs too, handed to the caller pair by pair (reports).
    Diffs,
}

/// The documents of a corpus with their resolved citations and versions.
pub struct Library {
    /// The documents, in the order of their files.
    pub docs: Vec<Document>,
    /// Each document's citations, resolved to the version in force at its date.
    pub resolved: Vec<Vec<Resolved>>,
    /// The versions of each document.
    pub versions: Versions,
    constraints: Vec<OnceLock<Vec<Constraint>>>,
}

/// A local document compared with a source: what a report page is made of.
pub struct PairResult {
    /// The source document.
    pub source: usize,
    /// The local document.
    pub local: usize,
    /// The alignment of the local document to the source.
    pub alignment: Alignment,
    /// The condition diff.
    pub diff: ConditionDiff,
}

/// What a comparison hands its caller for each pair, when it computes diffs: the pair, the
/// source prepared for diffs and the local document's unit texts (what its page needs).
pub struct PairWork<'w> {
    /// The pair.
    pub pair: PairResult,
    /// The source, prepared for diffs.
    pub differ: &'w Differ<'w>,
    /// The local document's unit texts.
    pub texts: &'w UnitTexts,
}

/// A link kept of a compared pair, pointing into the documents' own unit IDs.
#[derive(Clone, Debug)]
pub struct Tied<'d> {
    /// The local unit.
    pub local: &'d UnitId,
    /// The source unit.
    pub source: &'d UnitId,
    /// The link's score, in [0, 1].
    pub score: f32,
    /// How the local unit derives.
    pub relation: Derivation,
}

/// What is kept of a compared pair.
#[derive(Clone, Debug)]
pub struct Compared<'d> {
    /// The source (or, for borrows, the earlier) document.
    pub source: usize,
    /// The local (later) document.
    pub local: usize,
    /// Derives or borrows.
    pub tie: Tie,
    /// Its links.
    pub links: Vec<Tied<'d>>,
}

/// The pairs a comparison makes.
pub struct Plan<'l> {
    scope: Scope,
    /// Each source with the local documents compared with it.
    by_source: Vec<(usize, Vec<usize>)>,
    /// The sketched articles of the library (for borrows).
    sketches: Vec<sketch::Article<'l>>,
}

impl Plan<'_> {
    /// How many (source, local) pairs will be aligned.
    pub fn len(&self) -> usize {
        self.by_source.iter().map(|(_, locals)| locals.len()).sum()
    }

    /// True when no pair will be aligned.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The comparison of a library: every pair compared, by source, then local document, then tie.
pub struct Comparison<'d> {
    /// The pairs.
    pub pairs: Vec<Compared<'d>>,
}

impl<'d> Comparison<'d> {
    /// The sources of `local`: derives pairs only.
    pub fn sources_of(&self, local: usize) -> impl Iterator<Item = &Compared<'d>> {
        self.pairs.iter().filter(move |p| p.local == local && p.tie == Tie::Derives)
    }

    /// Every link as a graph edge, derives and borrows.
    pub fn edges(&self) -> impl Iterator<Item = crate::graph::Derived<'d>> + '_ {
        self.pairs.iter().flat_map(|p| {
            p.links.iter().map(move |l| crate::graph::Derived {
                local: (p.local, l.local),
                source: (p.source, l.source),
                tie: p.tie,
                score: l.score,
                relation: l.relation,
            })
        })
    }
}

/// A local document may derive from this many sources found by shared text…
const MAX_TEXT_SOURCES: usize = 3;
/// …each sharing at least this many sketched articles with it…
const MIN_SHARED_ARTICLES: usize = 2;
/// …or this share of the local document's sketched articles.
const MIN_SHARED_SHARE: f32 = 0.2;
/// Two articles of different jurisdictions borrow when their sketches agree this much.
const BORROW_SIMILARITY: f32 = 0.6;
/// A document borrows from an earlier one when they share at least this many articles…
const MIN_BORROWED_ARTICLES: usize = 2;
/// …and from at most this many earlier documents.
const MAX_BORROWED: usize = 3;

impl Library {
    /// Reads and parses every document under `paths` (directories recursively) into a library.
    pub fn load(paths: &[PathBuf], max_file_size: u64) -> Result<Library> {
        Ok(Library::new(corpus::load(paths, max_file_size)?))
    }

    /// The library of `docs`: citations resolved to the version in force, numbers learned.
    pub fn new(mut docs: Vec<Document>) -> Library {
        // The segmenter is set up for the corpus's characters while citations are found.
        let (extracted, ()) = rayon::join(
            || docs.par_iter().map(cite::extract).collect::<Vec<_>>(),
            || crate::segment::focus(crate::normalize::alphabet(&docs)),
        );
        let cite::Resolution { mut resolved, learned } = cite::resolve_learning(&docs, &extracted);
        for (d, number) in learned {
            docs[d].front.doc_number = Some(number);
            docs[d].front.number_learned = true;
        }
        let versions = Versions::of(&docs);
        for (citing, list) in resolved.iter_mut().enumerate() {
            let date = docs[citing].front.date.clone();
            for r in list.iter_mut().filter(|r| r.citation.target == Target::Document) {
                let pinned = |d: usize| pins_version(&r.citation.doc_number, &docs, versions.of_doc(d));
                let Some(d) = r.document.filter(|&d| d != citing && !pinned(d)) else {
                    continue;
                };
                r.document = Some(versions.in_force(&docs, d, date.as_deref()));
            }
        }
        let constraints = docs.iter().map(|_| OnceLock::new()).collect();
        Library { docs, resolved, versions, constraints }
    }

    /// The structured constraints of document `d`, found when first asked for.
    pub fn constraints(&self, d: usize) -> &[Constraint] {
        self.constraints[d].get_or_init(|| diff::extract_constraints(&self.docs[d]))
    }

    /// The documents `d` cites as its basis or implements, each once, in citation order.
    pub fn cited_sources(&self, d: usize) -> Vec<usize> {
        let mut out = Vec::new();
        for r in &self.resolved[d] {
            let relation = r.citation.relation;
            if let Some(s) =
                r.document.filter(|&s| s != d && matches!(relation, Relation::Basis | Relation::Implements))
            {
                if !out.contains(&s) && !self.versions.same_document(s, d) {
                    out.push(s);
                }
            }
        }
        out
    }

    /// (citing, cited) document pairs of the library, any relation.
    pub fn cited_pairs(&self) -> HashSet<(usize, usize)> {
        crate::graph::cited_pairs(&self.resolved)
    }

    /// True when `outer` sits above `inner`: a higher level whose jurisdiction holds `inner`'s.
    fn is_above(&self, outer: usize, inner: usize) -> bool {
        let (o, i) = (&self.docs[outer].front, &self.docs[inner].front);
        let higher = matches!((o.level, i.level), (Some(a), Some(b)) if a < b);
        let holds = match (&o.jurisdiction, &i.jurisdiction) {
            (Some(a), Some(b)) => place::contains(a, b),
            _ => o.level == Some(Level::National),
        };
        higher && holds
    }

    /// True when every version of `source` is dated after `local`: it cannot be its source.
    fn is_later(&self, source: usize, local: usize) -> bool {
        let first = self.versions.of_doc(source)[0];
        match (&self.docs[first].front.date, &self.docs[local].front.date) {
            (Some(s), Some(l)) => s > l,
            _ => false,
        }
    }

    /// True when neither document's jurisdiction holds the other's: they are peers.
    fn are_peers(&self, a: usize, b: usize) -> bool {
        match (&self.docs[a].front.jurisdiction, &self.docs[b].front.jurisdiction) {
            (Some(x), Some(y)) => !place::contains(x, y) && !place::contains(y, x),
            _ => false,
        }
    }

    /// (local, source) pairs of `scope`, by source.
    fn source_pairs(
        &self,
        scope: Scope,
        sketches: &[sketch::Article],
        buckets: &sketch::Buckets,
    ) -> BTreeMap<usize, Vec<usize>> {
        let mut by_source: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        match scope {
            Scope::Source(n) => {
                for l in (0..self.docs.len()).filter(|&l| !self.versions.same_document(l, n)) {
                    by_source.entry(n).or_default().push(l);
                }
            }
            Scope::Sources => {
                let shared = self.shared_articles(sketches, buckets, |source, local| self.is_above(source, local));
                for l in 0..self.docs.len() {
                    let cited = self.cited_sources(l);
                    let date = self.docs[l].front.date.as_deref();
                    // A document found by shared text counts once, as its version in force, and
                    // only if it existed before the local document.
                    let mut by_text: Vec<usize> = Vec::new();
                    for &s in shared.get(&l).map_or(&[][..], Vec::as_slice) {
                        let s = self.versions.in_force(&self.docs, s, date);
                        let known = cited.iter().chain(&by_text).any(|&c| self.versions.same_document(c, s));
                        if !known && !self.is_later(s, l) {
                            by_text.push(s);
                        }
                    }
                    for s in cited.iter().copied().chain(by_text.into_iter().take(MAX_TEXT_SOURCES)) {
                        by_source.entry(s).or_default().push(l);
                    }
                }
            }
        }
        by_source
    }

    /// For each local document, the documents `may_source` allows that share enough sketched
    /// articles with it, most shared first.
    fn shared_articles(
        &self,
        sketches: &[sketch::Article],
        buckets: &sketch::Buckets,
        may_source: impl Fn(usize, usize) -> bool,
    ) -> HashMap<usize, Vec<usize>> {
        let mut counts: HashMap<(usize, usize), usize> = HashMap::default();
        let mut articles_of: HashMap<usize, usize> = HashMap::default();
        for (a, article) in sketches.iter().enumerate() {
            *articles_of.entry(article.doc).or_default() += 1;
            let mut sources: Vec<usize> = buckets.partners(a).into_iter().map(|p| sketches[p].doc).collect();
            sources.sort_unstable();
            sources.dedup();
            for s in sources.into_iter().filter(|&s| s != article.doc && may_source(s, article.doc)) {
                *counts.entry((article.doc, s)).or_default() += 1;
            }
        }
        let mut out: HashMap<usize, Vec<(usize, usize)>> = HashMap::default();
        for ((l, s), n) in counts {
            if n >= MIN_SHARED_ARTICLES || n as f32 >= MIN_SHARED_SHARE * articles_of[&l] as f32 {
                out.entry(l).or_default().push((s, n));
            }
        }
        out.into_iter()
            .map(|(l, mut found)| {
                found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                (l, found.into_iter().map(|(s, _)| s).collect())
            })
            .collect()
    }

    /// The sketched articles of every document, and their buckets, highest level and earliest
    /// first.
    fn sketches(&self) -> Vec<sketch::Article<'_>> {
        let per_doc: Vec<Vec<sketch::Article>> =
            self.docs.par_iter().enumerate().map(|(d, doc)| sketch::articles(d, doc)).collect();
        per_doc.into_iter().flatten().collect()
    }

    /// How a document ranks among the members of a bucket: higher levels first, then dated
    /// documents, earliest first.
    fn rank(&self, d: usize) -> (usize, bool, Option<&str>, usize) {
        let front = &self.docs[d].front;
        (front.level.map_or(Level::ALL.len(), |l| l as usize), front.date.is_none(), front.date.as_deref(), d)
    }

    /// Which pairs a comparison of `scope` makes: each local document with its sources.
    pub fn plan(&self, scope: Scope) -> Plan<'_> {
        let sketches = match scope {
            Scope::Sources => self.sketches(),
            Scope::Source(_) => Vec::new(),
        };
        let buckets = sketch::Buckets::new(&sketches, |a| self.rank(a.doc));
        let by_source = self.source_pairs(scope, &sketches, &buckets).into_iter().collect();
        Plan { scope, by_source, sketches }
    }

    /// Compares the pairs of `plan`. With [`Detail::Diffs`], each derives pair is also diffed
    /// and handed to `on_pair` as soon as it is made (a report writes its page and forgets it).
    pub fn compare<'l>(
        &'l self,
        plan: &Plan<'l>,
        detail: Detail,
        on_pair: impl Fn(PairWork) -> Result<()> + Sync,
    ) -> Result<Comparison<'l>> {
        let cited = self.cited_pairs();
        let keep_linked = matches!(plan.scope, Scope::Source(_));
        let mut pairs: Vec<Compared> = plan
            .by_source
            .par_iter()
            .with_max_len(1)
            .map(|(s, locals)| self.compare_source(*s, locals, detail, &cited, keep_linked, &on_pair))
            .collect::<Result<Vec<Vec<Compared>>>>()?
            .into_iter()
            .flatten()
            .collect();
        if matches!(plan.scope, Scope::Sources) {
            let mut linked: HashMap<usize, Vec<&UnitId>> = HashMap::default();
            for p in &pairs {
                linked.entry(p.local).or_default().extend(p.links.iter().map(|l| l.local));
            }
            pairs.extend(self.borrows(&plan.sketches, &linked));
        }
        pairs.sort_by_key(|p| (p.source, p.local, p.tie));
        Ok(Comparison { pairs })
    }

    /// Aligns (and diffs) every local document of `locals` with source `s`. With `keep_linked`
    /// (one source given), a pair is kept only when it has links or the local document cites `s`.
    fn compare_source<'s>(
        &'s self,
        s: usize,
        locals: &[usize],
        detail: Detail,
        cited: &HashSet<(usize, usize)>,
        keep_linked: bool,
        on_pair: &(impl Fn(PairWork) -> Result<()> + Sync),
    ) -> Result<Vec<Compared<'s>>> {
        let source = &self.docs[s];
        let source_texts = UnitTexts::new(source);
        let aligner = Aligner::with_pieces(source, Pieces::of(source, &source_texts), locals.len() > 1);
        let differ = (detail == Detail::Diffs).then(|| Differ::new(source, &source_texts));
        locals
            .par_iter()
            .with_max_len(1)
            .filter_map(|&l| {
                let local = &self.docs[l];
                let texts = UnitTexts::new(local);
                let alignment = aligner.align_pieces(&Pieces::of(local, &texts));
                if keep_linked && alignment.links.is_empty() && !cited.contains(&(l, s)) {
                    return None;
                }
                let kept = Compared { source: s, local: l, tie: Tie::Derives, links: self.keep(s, l, &alignment) };
                if let Some(differ) = &differ {
                    let diff = differ.diff(local, &texts, self.constraints(l), &alignment);
                    let pair = PairResult { source: s, local: l, alignment, diff };
                    if let Err(e) = on_pair(PairWork { pair, differ, texts: &texts }) {
                        return Some(Err(e));
                    }
                }
                Some(Ok(kept))
            })
            .collect()
    }

    /// The links of an alignment of `local` to `source`, pointing into the documents' units.
    fn keep(&self, source: usize, local: usize, alignment: &Alignment) -> Vec<Tied<'_>> {
        let (s, l) = (&self.docs[source], &self.docs[local]);
        alignment
            .links
            .iter()
            .filter_map(|link| {
                Some(Tied {
                    local: &l.find(&link.local)?.id,
                    source: &s.find(&link.national)?.id,
                    score: link.score,
                    relation: link.relation,
                })
            })
            .collect()
    }

    /// Text a document shares with an earlier document of another jurisdiction, where neither
    /// article is explained by a source (`linked` holds each document's units linked to one):
    /// article-level `borrows` ties, by sketch similarity, to at most [`MAX_BORROWED`] earlier
    /// documents each.
    fn borrows<'s>(
        &'s self,
        sketches: &[sketch::Article<'s>],
        linked: &HashMap<usize, Vec<&UnitId>>,
    ) -> Vec<Compared<'s>> {
        let explained = |a: &sketch::Article| {
            let related = |id: &&UnitId| id.0.starts_with(&a.unit.0) || a.unit.0.starts_with(&id.0);
            linked.get(&a.doc).is_some_and(|ids| ids.iter().any(related))
        };
        let own: Vec<sketch::Article> = sketches.iter().filter(|a| !explained(a)).copied().collect();
        let by_date = |d: usize| (self.docs[d].front.date.is_none(), self.docs[d].front.date.clone(), d);
        let buckets = sketch::Buckets::new(&own, |a| by_date(a.doc));
        let mut ties: BTreeMap<(usize, usize), Vec<Tied>> = BTreeMap::new();
        for (a, article) in own.iter().enumerate() {
            for p in buckets.partners(a) {
                let earlier = &own[p];
                let (l, s) = (article.doc, earlier.doc);
                let dated_before = by_date(s) < by_date(l);
                if l == s || !dated_before || !self.are_peers(l, s) || self.versions.same_document(l, s) {
                    continue;
                }
                let score = sketch::similarity(&article.signature, &earlier.signature);
                if score >= BORROW_SIMILARITY {
                    let relation = if score >= 0.999 { Derivation::Verbatim } else { Derivation::Modified };
                    ties.entry((l, s)).or_default().push(Tied {
                        local: article.unit,
                        source: earlier.unit,
                        score,
                        relation,
                    });
                }
            }
        }
        // Each local document keeps the earlier documents it shares most with.
        let mut by_local: BTreeMap<usize, Vec<(usize, Vec<Tied>)>> = BTreeMap::new();
        for ((l, s), links) in ties {
            by_local.entry(l).or_default().push((s, links));
        }
        by_local
            .into_iter()
            .flat_map(|(l, mut found)| {
                found.retain(|(_, links)| links.len() >= MIN_BORROWED_ARTICLES);
                found.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
                found.truncate(MAX_BORROWED);
                found.into_iter().map(move |(s, links)| Compared { source: s, local: l, tie: Tie::Borrows, links })
            })
            .collect()
    }
}

/// True when a citation's number is stated by exactly one of a document's `versions` (a number
/// every version repeats, or one learned from citers, names no version in particular).
fn pins_version(number: &Option<String>, docs: &[Document], versions: &[usize]) -> bool {
    let states = |v: &&usize| !docs[**v].front.number_learned && docs[**v].front.doc_number == *number;
    number.is_some() && versions.iter().filter(states).count() == 1
}
