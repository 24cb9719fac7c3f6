//! Stage 9, report: a self-contained HTML report of a corpus — the index (documents, citation
//! graph, coverage matrix), one page per document and one per national–local pair — plus the
//! graph and pair exports as JSON, DOT and GraphML. Pages are written as they are made.

mod document;
mod page;
mod pair;
mod review;
mod svg;

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use maud::{html, Markup};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use crate::error::{Error, Result};
use crate::graph::{self, cited_pairs, Derived, Format, GraphFile};
use crate::model::{Alignment, ConditionDiff, Constraint, Derivation, Document, Level, Resolved, UnitId, UnitKind};
use crate::normalize::UnitTexts;
use crate::{align, cite, corpus, diff, json};

/// What the report is made from and where it goes.
pub struct Options {
    /// The corpus directory (or files).
    pub corpus: Vec<PathBuf>,
    /// The national document, when it should not be inferred.
    pub national: Option<PathBuf>,
    /// The output directory.
    pub out: PathBuf,
    /// Refuse input files larger than this.
    pub max_file_size: u64,
}

/// What a run wrote.
#[derive(Debug)]
pub struct Summary {
    /// Documents read.
    pub documents: usize,
    /// National–local pairs compared.
    pub pairs: usize,
    /// Derivation links found.
    pub links: usize,
    /// Files written.
    pub pages: usize,
    /// Seconds taken.
    pub seconds: f64,
}

/// A national document and a local document derived from it.
pub struct Pair {
    /// Index of the national document.
    pub national: usize,
    /// Index of the local document.
    pub local: usize,
    /// The alignment.
    pub alignment: Alignment,
    /// The condition diff.
    pub diff: ConditionDiff,
}

/// Everything the pages are made from.
pub struct Context<'a> {
    docs: &'a [Document],
    resolved: Vec<Vec<Resolved>>,
    constraints: Vec<Vec<Constraint>>,
    /// Page names of the documents (file stems, sanitised, unique).
    names: Vec<String>,
    /// A page on its own (`zhengce diff --format html`): no document pages to link to.
    standalone: bool,
}

/// The side-by-side page of one pair, on its own (no document pages to link to).
pub fn pair_page(national: Document, local: Document, alignment: Alignment, diff: ConditionDiff) -> String {
    let docs = [national, local];
    let extracted: Vec<_> = docs.iter().map(cite::extract).collect();
    let national_texts = UnitTexts::new(&docs[0]);
    let differ = diff::Differ::new(&docs[0], &national_texts);
    let ctx = Context {
        docs: &docs,
        resolved: cite::resolve(&docs, &extracted),
        constraints: docs.iter().map(diff::extract_constraints).collect(),
        names: vec!["national".to_string(), "local".to_string()],
        standalone: true,
    };
    pair::page(&ctx, &Pair { national: 0, local: 1, alignment, diff }, &differ, &UnitTexts::new(&docs[1])).into_string()
}

/// The page of `zhengce check --format html`: the draft with its findings marked, the source
/// text beside each.
pub fn check_page(report: &crate::check::Report) -> String {
    review::page(report).into_string()
}

/// A page name from a file name: letters, digits, CJK, `-` and `_` only, never empty, never
/// `..`, unique among `taken`.
pub fn page_name(path: &Path, taken: &mut HashSet<String>) -> String {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let clean: String =
        stem.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    let base = if clean.trim_matches('_').is_empty() { "document".to_string() } else { clean };
    let mut name = base.clone();
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{base}_{n}");
        n += 1;
    }
    name
}

/// The national documents: those given, else the documents of the highest level that others
/// cite (or, with no citations between them, the highest level present when lower ones exist).
fn nationals(docs: &[Document], cited: &HashSet<(usize, usize)>, given: Option<&Path>) -> Result<Vec<usize>> {
    if let Some(path) = given {
        return docs
            .iter()
            .position(|d| d.path == path || d.path.file_name() == path.file_name())
            .map(|d| vec![d])
            .ok_or_else(|| Error::Usage(format!("{}: --national is not a document of the corpus", path.display())));
    }
    let rank = |d: usize| docs[d].front.level.map_or(3, |l| l as usize);
    let cited_docs: HashSet<usize> = cited.iter().map(|(_, to)| *to).collect();
    let pool: Vec<usize> =
        if cited_docs.is_empty() { (0..docs.len()).collect() } else { cited_docs.into_iter().collect() };
    let Some(best) = pool.iter().map(|&d| rank(d)).min() else {
        return Ok(Vec::new());
    };
    let mut out: Vec<usize> = pool.into_iter().filter(|&d| rank(d) == best).collect();
    out.sort_unstable();
    if (0..docs.len()).all(|d| rank(d) == best && !cited.iter().any(|(_, to)| *to == d)) {
        return Ok(Vec::new());
    }
    Ok(out)
}

fn write(path: &Path, content: impl AsRef<[u8]>) -> Result<()> {
    std::fs::write(path, content).map_err(|e| Error::Io { path: path.to_path_buf(), source: e })
}

/// A graph file at `path`, started (see [`GraphFile`]).
fn start_graph_file(
    path: PathBuf,
    graph: &graph::CorpusGraph,
    format: Format,
) -> Result<(PathBuf, GraphFile<std::fs::File>)> {
    match std::fs::File::create(&path).and_then(|f| GraphFile::start(graph, format, f)) {
        Ok(file) => Ok((path, file)),
        Err(e) => Err(Error::Io { path, source: e }),
    }
}

fn progress(total: usize) -> indicatif::ProgressBar {
    if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(total as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    }
}

/// Builds the whole report.
pub fn run(options: &Options) -> Result<Summary> {
    let started = Instant::now();
    let docs = corpus::load(&options.corpus, options.max_file_size)?;
    // The segmenter is set up for the corpus's characters while citations are found.
    let ((extracted, constraints), ()): ((Vec<_>, Vec<Vec<Constraint>>), ()) = rayon::join(
        || docs.par_iter().map(|d| (cite::extract(d), diff::extract_constraints(d))).unzip(),
        || crate::segment::focus(crate::normalize::alphabet(&docs)),
    );
    let resolved = cite::resolve(&docs, &extracted);
    let cited = cited_pairs(&resolved);
    let national_docs = nationals(&docs, &cited, options.national.as_deref())?;
    let bar = progress(docs.len() + national_docs.len() * (docs.len() - national_docs.len()));
    // The national side of every comparison is prepared once.
    let national_texts: Vec<UnitTexts> = national_docs.par_iter().map(|&n| UnitTexts::new(&docs[n])).collect();
    let (aligners, differs): (
        std::collections::HashMap<usize, align::Aligner>,
        std::collections::HashMap<usize, diff::Differ>,
    ) = national_docs
        .par_iter()
        .zip(&national_texts)
        .map(|(&n, texts)| {
            let (aligner, differ) =
                rayon::join(|| align::Aligner::new(&docs[n], texts), || diff::Differ::new(&docs[n], texts));
            ((n, aligner), (n, differ))
        })
        .unzip();
    let mut taken = HashSet::new();
    let names = docs.iter().map(|d| page_name(&d.path, &mut taken)).collect();
    let ctx = Context { docs: &docs, resolved, constraints, names, standalone: false };

    let out = &options.out;
    for dir in [out.clone(), out.join("docs"), out.join("pairs")] {
        std::fs::create_dir_all(&dir).map_err(|e| Error::Io { path: dir.clone(), source: e })?;
    }
    // A document's page, then its comparison with every national document it is not. Pages are
    // written as they are made and never held together in memory; of a pair only its alignment
    // is kept, for the index and the graph.
    let compare = |l: usize| -> Result<Vec<Compared>> {
        write(&out.join("docs").join(format!("{}.html", ctx.names[l])), document::page(&ctx, l).into_string())?;
        bar.inc(1);
        if national_docs.contains(&l) {
            return Ok(Vec::new());
        }
        let texts = UnitTexts::new(&docs[l]);
        let mut compared = Vec::new();
        for &n in &national_docs {
            let alignment = aligners[&n].align(&docs[l], &texts);
            bar.inc(1);
            if alignment.links.is_empty() && !cited.contains(&(l, n)) {
                continue;
            }
            let diff = differs[&n].diff(&docs[l], &texts, &ctx.constraints[l], &alignment);
            let pair = Pair { national: n, local: l, alignment, diff };
            write_pair(&ctx, out, &pair, &differs[&n], &texts)?;
            compared.push(Compared::keep(&docs, &pair));
        }
        Ok(compared)
    };
    // The graph's documents, units and citations need no alignment: built meanwhile, and its
    // files written but for the `derives` edges.
    let (compared, graph_parts) = rayon::join(
        // A document at a time: larger pieces leave one core waiting at the end on the other's.
        || (0..docs.len()).into_par_iter().with_max_len(1).map(compare).collect::<Result<Vec<Vec<Compared>>>>(),
        || -> Result<_> {
            let builder = graph::Builder::new(&docs, &ctx.resolved);
            let files = [("graph.json", Format::Json), ("graph.graphml", Format::Graphml), ("graph.dot", Format::Dot)]
                .par_iter()
                .with_max_len(1)
                .map(|&(name, format)| start_graph_file(out.join(name), builder.graph(), format))
                .collect::<Result<Vec<_>>>()?;
            Ok((builder, files))
        },
    );
    let mut pairs: Vec<Compared> = compared?.into_iter().flatten().collect();
    let (builder, graph_files) = graph_parts?;
    // By national document, then local one, whatever order they were compared in.
    pairs.sort_by_key(|p| (p.national, p.local));
    // The graph files are finished while the index is written and the memos of alignments and
    // word diffs (not needed by either) are freed: no step waits on another it does not need, so
    // both cores stay busy to the end.
    let finish_graph_files = || -> Result<()> {
        let derives = pairs.iter().flat_map(|p| {
            p.links.iter().map(|l| Derived {
                local: (p.local, l.local),
                source: (p.national, l.national),
                score: l.score,
            })
        });
        let graph = builder.finish(derives);
        graph_files
            .into_par_iter()
            .with_max_len(1)
            .map(|(path, file)| file.finish(&graph).map_err(|e| Error::Io { path, source: e }))
            .collect()
    };
    let (ctx, pairs, memos) = (&ctx, &pairs, (aligners, differs));
    let index_file = move || {
        drop(memos);
        write(&out.join("index.html"), index(ctx, &national_docs, pairs).into_string())
    };
    let (graph_written, index_written) = rayon::join(finish_graph_files, index_file);
    graph_written.and(index_written)?;
    // Document pages, two files per pair, the index and the three graph files.
    let pages = docs.len() + 2 * pairs.len() + 4;
    bar.finish_and_clear();
    let links = pairs.iter().map(|p| p.links.len()).sum();
    Ok(Summary { documents: docs.len(), pairs: pairs.len(), links, pages, seconds: started.elapsed().as_secs_f64() })
}

/// A pair's page and JSON export; the national document is prepared in `differ`, the local
/// document's unit texts are `texts`.
fn write_pair(ctx: &Context, out: &Path, p: &Pair, differ: &diff::Differ, texts: &UnitTexts) -> Result<()> {
    let stem = pair_stem(ctx, p.national, p.local);
    write(&out.join("pairs").join(format!("{stem}.html")), pair::page(ctx, p, differ, texts).into_string())?;
    let (national, local) = (&ctx.docs[p.national], &ctx.docs[p.local]);
    let export = json::PairJson {
        alignment: json::alignment(national, local, &p.alignment),
        diff: json::condition_diff(national, local, &p.diff),
    };
    write(&out.join("pairs").join(format!("{stem}.json")), json::pretty(&export))
}

/// What the index and the graph keep of a compared pair: its links, pointing into the documents'
/// own unit IDs rather than holding copies (a corpus of thousands has hundreds of thousands).
struct Compared<'d> {
    national: usize,
    local: usize,
    links: Vec<KeptLink<'d>>,
}

/// A derivation link of a [`Compared`] pair.
struct KeptLink<'d> {
    local: &'d UnitId,
    national: &'d UnitId,
    score: f32,
    relation: Derivation,
}

impl<'d> Compared<'d> {
    /// What is kept of `pair`, whose documents are in `docs`. Links are made from the
    /// documents' units, so every unit they name is found.
    fn keep(docs: &'d [Document], pair: &Pair) -> Compared<'d> {
        let (national, local) = (&docs[pair.national], &docs[pair.local]);
        let links = pair
            .alignment
            .links
            .iter()
            .filter_map(|l| {
                Some(KeptLink {
                    local: &local.find(&l.local)?.id,
                    national: &national.find(&l.national)?.id,
                    score: l.score,
                    relation: l.relation,
                })
            })
            .collect();
        Compared { national: pair.national, local: pair.local, links }
    }
}

fn pair_stem(ctx: &Context, national: usize, local: usize) -> String {
    format!("{}--{}", ctx.names[national], ctx.names[local])
}

fn articles(doc: &Document) -> usize {
    doc.all_units().iter().filter(|u| u.kind == UnitKind::Article).count()
}

/// The best derivation of any local unit from each national article of a pair.
fn best_by_article(p: &Compared) -> HashMap<UnitId, Derivation> {
    let mut best: HashMap<UnitId, Derivation> = HashMap::default();
    for link in &p.links {
        if let Some(article) = link.national.article() {
            best.entry(article).and_modify(|r| *r = (*r).min(link.relation)).or_insert(link.relation);
        }
    }
    best
}

fn index(ctx: &Context, national_docs: &[usize], pairs: &[Compared]) -> Markup {
    let title_of = |d: usize| ctx.docs[d].front.title.clone().unwrap_or_else(|| ctx.docs[d].path.display().to_string());
    let body = html! {
        h1 { "Corpus: " (ctx.docs.len()) " documents, " (pairs.len()) " national–local comparisons" }
        p.meta { "How national policy travels into provincial and city measures: citations, derivations, condition changes." }
        h2 { "Documents" }
        table {
            thead { tr { th { "Title" } th { "Number" } th { "Issuer" } th { "Level" } th { "Date" } th { "Articles" } th { "Citations" } } }
            tbody {
                @for (d, doc) in ctx.docs.iter().enumerate() {
                    tr {
                        td { a href={ "docs/" (ctx.names[d]) ".html" } { (title_of(d)) } br; span.muted { (doc.path.display()) } }
                        td { (doc.front.doc_number.as_deref().unwrap_or("—")) }
                        td { (doc.front.issuer.as_deref().unwrap_or("—")) }
                        td { (doc.front.level.map_or("—", Level::as_str)) br; span.muted { (doc.front.jurisdiction.as_deref().unwrap_or("")) } }
                        td { (doc.front.date.as_deref().unwrap_or("—")) }
                        td { (articles(doc)) }
                        td { (ctx.resolved[d].iter().filter(|r| r.citation.target == crate::model::Target::Document).count()) }
                    }
                }
            }
        }
        h2 { "Citation graph" }
        p.legend {
            @for (name, colour) in [("basis", "#0969da"), ("implements", "#1a7f37"), ("follows", "#9a6700"), ("repeals", "#cf222e"), ("issues", "#8250df"), ("mentions", "#8c959f")] {
                span style={ "color:" (colour) } { "━ " (name) }
            }
            span.muted { "dashed boxes: cited documents outside the corpus" }
        }
        (svg::graph(ctx))
        @for &n in national_docs {
            @let mine: Vec<&Compared> = pairs.iter().filter(|p| p.national == n).collect();
            @let best: Vec<HashMap<UnitId, Derivation>> = mine.iter().map(|p| best_by_article(p)).collect();
            @if !mine.is_empty() {
                h2 { "Coverage of " (title_of(n)) }
                p.legend {
                    span.badge.verbatim { "V verbatim" } " " span.badge.modified { "M modified" } " "
                    span.badge.paraphrase { "P paraphrase" } " " span.badge.dropped { "— dropped" }
                }
                table.matrix {
                    thead { tr { th { "Article" } @for p in &mine { th { a href={ "pairs/" (pair_stem(ctx, p.national, p.local)) ".html" } { (ctx.docs[p.local].front.jurisdiction.clone().unwrap_or_else(|| ctx.names[p.local].clone())) } } } } }
                    tbody {
                        @for art in ctx.docs[n].all_units().into_iter().filter(|u| u.kind == UnitKind::Article) {
                            tr {
                                th { a href={ "docs/" (ctx.names[n]) ".html#" (art.id) } { (art.id) } }
                                @for best in &best {
                                    @match best.get(&art.id) {
                                        Some(r) => td class=(r.as_str()) title=(r.as_str()) { (r.as_str()[..1].to_uppercase()) },
                                        None => td.dropped title="dropped" { "—" },
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { "Pages and exports" }
        nav.pages {
            @for p in pairs { a href={ "pairs/" (pair_stem(ctx, p.national, p.local)) ".html" } { (title_of(p.local)) } " " }
        }
        p { a href="graph.json" { "graph.json" } " · " a href="graph.dot" { "graph.dot" } " · " a href="graph.graphml" { "graph.graphml" }
            @for p in pairs { " · " a href={ "pairs/" (pair_stem(ctx, p.national, p.local)) ".json" } { (pair_stem(ctx, p.national, p.local)) ".json" } } }
    };
    page::frame("Corpus report", "", body)
}
