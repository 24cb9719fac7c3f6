//! Stage 9, report: a self-contained HTML report of a library — the index (documents by level
//! and jurisdiction, the graph of sources, coverage), one page per document (with its
//! neighbourhood: sources, versions, documents derived from it, borrowings) and one per pair of a
//! local document and a source — plus the graph and pair exports as JSON, DOT and GraphML. The
//! comparison itself is [`crate::library`]'s; pair pages are written as pairs are made.

mod document;
mod index;
mod page;
mod pair;
mod review;
mod svg;

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::graph::{self, Format, GraphFile};
use crate::i18n::Lang;
use crate::library::{Detail, Library, PairResult, PairWork, Scope};
use crate::model::{Alignment, ConditionDiff, Document};
use crate::normalize::UnitTexts;
use crate::{diff, json};

/// What the report is made from and where it goes.
pub struct Options {
    /// The corpus directory (or files).
    pub corpus: Vec<PathBuf>,
    /// The one source every document is compared with, when not each document's own sources.
    pub national: Option<PathBuf>,
    /// The output directory.
    pub out: PathBuf,
    /// Refuse input files larger than this.
    pub max_file_size: u64,
    /// The language of the pages.
    pub lang: Lang,
}

/// What a run wrote.
#[derive(Debug)]
pub struct Summary {
    /// Documents read.
    pub documents: usize,
    /// Local–source pairs compared (derives).
    pub pairs: usize,
    /// Derivation links found.
    pub links: usize,
    /// Files written.
    pub pages: usize,
    /// Seconds taken.
    pub seconds: f64,
}

/// Everything the pages are made from.
pub struct Context<'a> {
    library: &'a Library,
    docs: &'a [Document],
    /// Page names of the documents (bounded, unique, stable).
    names: Vec<String>,
    /// A page on its own (`zhengce diff --format html`): no document pages to link to.
    standalone: bool,
    /// The directory all documents lie in, left out where paths are shown.
    root: PathBuf,
    /// The language of the pages.
    lang: Lang,
}

/// The deepest directory holding every path.
fn common_dir(docs: &[Document]) -> PathBuf {
    let mut paths = docs.iter().map(|d| d.path.parent().unwrap_or(Path::new("")));
    let Some(first) = paths.next() else { return PathBuf::new() };
    let mut common: Vec<_> = first.components().collect();
    for path in paths {
        let same = common.iter().zip(path.components()).take_while(|(a, b)| **a == *b).count();
        common.truncate(same);
    }
    common.into_iter().collect()
}

impl Context<'_> {
    /// Document `d`'s path below the directory of the whole corpus.
    fn shown_path(&self, d: usize) -> String {
        let path = &self.docs[d].path;
        path.strip_prefix(&self.root).unwrap_or(path).display().to_string()
    }

    /// The title of document `d`, or its path.
    fn title(&self, d: usize) -> String {
        self.docs[d].front.title.clone().unwrap_or_else(|| self.docs[d].path.display().to_string())
    }

    /// The stem of a pair's files.
    fn pair_stem(&self, source: usize, local: usize) -> String {
        format!("{}--{}", self.names[source], self.names[local])
    }
}

/// The side-by-side page of one pair, on its own (no document pages to link to), in `lang`.
pub fn pair_page(national: Document, local: Document, alignment: Alignment, diff: ConditionDiff, lang: Lang) -> String {
    let library = Library::new(vec![national, local]);
    let national_texts = UnitTexts::new(&library.docs[0]);
    let differ = diff::Differ::new(&library.docs[0], &national_texts);
    let ctx = Context {
        library: &library,
        docs: &library.docs,
        names: vec!["national".to_string(), "local".to_string()],
        standalone: true,
        root: PathBuf::new(),
        lang,
    };
    let pair = PairResult { source: 0, local: 1, alignment, diff };
    pair::page(&ctx, &pair, &differ, &UnitTexts::new(&library.docs[1])).into_string()
}

/// The page of `zhengce check --format html`: the draft with its findings marked, the source
/// text beside each, in `lang`.
pub fn check_page(report: &crate::check::Report, lang: Lang) -> String {
    review::page(report, lang).into_string()
}

/// A page name's readable part keeps at most this many bytes of the file stem…
const NAME_PREFIX_BYTES: usize = 60;

/// A page name from a file path: letters, digits, CJK, `-` and `_` of its stem, never empty,
/// never `..`, at most [`NAME_PREFIX_BYTES`] of them plus a short hash of the whole path when the
/// stem is longer or the name is already taken (so a pair's file name, two names joined, stays
/// within what file systems allow), unique among `taken`.
pub fn page_name(path: &Path, taken: &mut HashSet<String>) -> String {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let clean: String =
        stem.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    let base = if clean.trim_matches('_').is_empty() { "document".to_string() } else { clean };
    let hashed = |salt: u32| {
        let mut prefix = String::new();
        for c in base.chars() {
            if prefix.len() + c.len_utf8() > NAME_PREFIX_BYTES {
                break;
            }
            prefix.push(c);
        }
        format!("{prefix}-{:08x}", stable_hash(&path.to_string_lossy(), salt))
    };
    let mut name = if base.len() > NAME_PREFIX_BYTES { hashed(0) } else { base.clone() };
    let mut salt = 1;
    while !taken.insert(name.clone()) {
        name = hashed(salt);
        salt += 1;
    }
    name
}

/// FNV-1a of a text and a salt: the same on every platform and run, so names are stable.
fn stable_hash(text: &str, salt: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in text.bytes().chain(salt.to_le_bytes()) {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h
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

/// A progress bar on a terminal, nothing otherwise.
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

/// The one source of `--national`, found among the documents by path or file name.
fn given_source(docs: &[Document], given: &Path) -> Result<usize> {
    docs.iter()
        .position(|d| d.path == given || d.path.file_name() == given.file_name())
        .ok_or_else(|| Error::NotInCorpus { path: given.to_path_buf() })
}

/// Builds the whole report.
pub fn run(options: &Options) -> Result<Summary> {
    let started = Instant::now();
    let library = Library::load(&options.corpus, options.max_file_size)?;
    let docs = &library.docs;
    let scope = match &options.national {
        Some(given) => Scope::Source(given_source(docs, given)?),
        None => Scope::Sources,
    };
    let mut taken = HashSet::new();
    let names = docs.iter().map(|d| page_name(&d.path, &mut taken)).collect();
    let ctx = Context { library: &library, docs, names, standalone: false, root: common_dir(docs), lang: options.lang };
    let out = &options.out;
    for dir in [out.clone(), out.join("docs"), out.join("pairs")] {
        std::fs::create_dir_all(&dir).map_err(|e| Error::Io { path: dir.clone(), source: e })?;
    }
    let plan = library.plan(scope);
    let bar = progress(plan.len() + docs.len());
    bar.set_message("pairs compared");
    // Pair pages are written as pairs are made; the graph's documents, units and citations need
    // no alignment, so its files are started meanwhile and finished with the derives edges.
    let write_pair = |work: PairWork| {
        write_pair(&ctx, out, &work)?;
        bar.inc(1);
        Ok(())
    };
    let (comparison, graph_parts) = rayon::join(
        || library.compare(&plan, Detail::Diffs, write_pair),
        || -> Result<_> {
            let builder = graph::Builder::new(&library);
            let files = [("graph.json", Format::Json), ("graph.graphml", Format::Graphml), ("graph.dot", Format::Dot)]
                .par_iter()
                .with_max_len(1)
                .map(|&(name, format)| start_graph_file(out.join(name), builder.graph(), format))
                .collect::<Result<Vec<_>>>()?;
            Ok((builder, files))
        },
    );
    let comparison = comparison?;
    let (builder, graph_files) = graph_parts?;
    bar.set_message("document pages");
    let finish_graph_files = || -> Result<()> {
        let graph = builder.finish(comparison.edges());
        graph_files
            .into_par_iter()
            .with_max_len(1)
            .map(|(path, file)| file.finish(&graph).map_err(|e| Error::Io { path, source: e }))
            .collect()
    };
    let pages = || -> Result<()> {
        (0..docs.len()).into_par_iter().with_max_len(1).try_for_each(|d| {
            let html = document::page(&ctx, &comparison, d).into_string();
            bar.inc(1);
            write(&out.join("docs").join(format!("{}.html", ctx.names[d])), html)
        })?;
        write(&out.join("index.html"), index::page(&ctx, &comparison).into_string())
    };
    let (graph_written, pages_written) = rayon::join(finish_graph_files, pages);
    graph_written.and(pages_written)?;
    bar.finish_and_clear();
    let derived: Vec<_> = comparison.pairs.iter().filter(|p| p.tie == crate::model::Tie::Derives).collect();
    Ok(Summary {
        documents: docs.len(),
        pairs: derived.len(),
        links: derived.iter().map(|p| p.links.len()).sum(),
        // Document pages, two files per pair, the index and the three graph files.
        pages: docs.len() + 2 * derived.len() + 4,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// A pair's page and JSON export.
fn write_pair(ctx: &Context, out: &Path, work: &PairWork) -> Result<()> {
    let p = &work.pair;
    let stem = ctx.pair_stem(p.source, p.local);
    write(&out.join("pairs").join(format!("{stem}.html")), pair::page(ctx, p, work.differ, work.texts).into_string())?;
    let (source, local) = (&ctx.docs[p.source], &ctx.docs[p.local]);
    let export = json::PairJson {
        alignment: json::alignment(source, local, &p.alignment),
        diff: json::condition_diff(source, local, &p.diff),
    };
    write(&out.join("pairs").join(format!("{stem}.json")), json::pretty(&export))
}
