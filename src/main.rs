//! The `zhengce` command line.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use zhengce::i18n::{self, Lang};
use zhengce::library::{self, Detail, Library, Scope};
use zhengce::{align, diff, graph, json, normalize, parse, report, segment, source};

/// zhengce (政策): how national Chinese policy text travels into local measures.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// Refuse input files larger than this many bytes.
    #[arg(long, global = true, default_value_t = source::DEFAULT_MAX_FILE_SIZE)]
    max_file_size: u64,
    /// The language of the report, of `check` and of messages (JSON is the same in both); by
    /// default the locale's (LC_ALL, LC_MESSAGES, LANG: zh_* is Chinese, anything else English).
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    /// Chinese.
    Zh,
    /// English.
    En,
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
    Html,
    /// A copy of the Word draft with each finding as a comment on its text (the draft must be a
    /// .docx).
    Docx,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Text,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Json,
    Text,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum GraphFormat {
    Json,
    Dot,
    Graphml,
}

#[derive(Subcommand)]
enum Command {
    /// The main job: an annotated HTML report of a corpus (index, documents, national–local pairs)
    /// with JSON, DOT and GraphML exports.
    Report {
        /// The corpus directory.
        #[arg(default_value = "corpus")]
        corpus: PathBuf,
        /// The national document (inferred when not given: cited by the others, higher level).
        #[arg(long)]
        national: Option<PathBuf>,
        /// Where to write the report.
        #[arg(long, default_value = "output")]
        out: PathBuf,
    },
    /// Parse a document into its structure tree.
    Parse {
        /// The document (.txt or .md; UTF-8, UTF-16 or GB18030).
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print the normalised text: simplified script, mainland vocabulary, folded widths.
    Normalize {
        /// The document.
        file: PathBuf,
        /// Print the match key instead (no punctuation, numbering or spaces; variants folded).
        #[arg(long)]
        key: bool,
    },
    /// Extract, type and resolve the citations of documents (resolved among the documents given).
    Cite {
        /// Documents or directories of documents.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// The citation graph of a corpus: documents, external documents, units and typed edges.
    Graph {
        /// Documents or directories of documents.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = GraphFormat::Json)]
        format: GraphFormat,
        /// Also find derivation links among the documents (the cited, higher-level or older
        /// document is the source) and add them as `derives` edges.
        #[arg(long)]
        derive: bool,
    },
    /// Which local units derive from which national units, and which national articles were dropped.
    Align {
        /// The national (source) document.
        national: PathBuf,
        /// The local (derived) document.
        local: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// How a local measure changes the national conditions: lists item by item, and thresholds.
    Diff {
        /// The national (source) document.
        national: PathBuf,
        /// The local (derived) document.
        local: PathBuf,
        /// Output format (html: the side-by-side page of the report, on its own).
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
    },
    /// Review a draft local measure against the documents it implements: penalties outside the
    /// source's range, longer time limits, looser thresholds, weakened duties, dropped
    /// prohibitions. Exits 1 when any finding is an error.
    Check {
        /// The draft.
        draft: PathBuf,
        /// The documents the draft implements (by default, those it cites as its basis or as
        /// what it implements, found in --corpus).
        #[arg(long, num_args = 1.., required_unless_present = "corpus")]
        against: Vec<PathBuf>,
        /// A corpus directory to find the cited sources in, when --against is not given.
        #[arg(long)]
        corpus: Option<PathBuf>,
        /// Output format (html: the draft with its findings marked, the source text beside each;
        /// docx: the Word draft with a comment on the text of each finding, the source text in it).
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Write the output to this file instead of stdout (a Word redline goes to stdout only
        /// when stdout is not a terminal).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write a deterministic synthetic corpus of local measures derived from a national one (for
    /// benchmarks).
    Synth {
        /// The national document.
        #[arg(long)]
        national: PathBuf,
        /// How many local measures.
        #[arg(long, default_value_t = 100)]
        count: usize,
        /// Where to write them.
        #[arg(long)]
        out: PathBuf,
        /// Random seed: the same seed gives the same corpus.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Batch mode for map-only runners: JSON Lines on stdin ({"id", "text"} or {"id", "path"}),
    /// one JSON result per input line on stdout (citations, alignment, condition diff), in input
    /// order; a line that cannot be used gets an error record and the exit code stays 0.
    Batch {
        /// The national document every input is compared with.
        #[arg(long)]
        national: PathBuf,
        /// Exit 2 at the end when any line got an error record.
        #[arg(long)]
        strict: bool,
        /// Worker threads; 0 means one per core. Under an engine that runs a process per executor
        /// core (Spark), give 1.
        #[arg(long, default_value_t = 0)]
        threads: usize,
    },
    /// Write documents as input for `batch`: {"id": PATH, "text": TEXT} per line, decoded from
    /// whatever encoding each file is in.
    Pack {
        /// Documents or directories of documents.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print the normalised text segmented into words, separated by spaces.
    Segment {
        /// The document.
        file: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = match cli.lang {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    };
    i18n::set_messages(lang);
    match run(cli, lang) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("zhengce: {}", lang.error(&err));
            ExitCode::from(2)
        }
    }
}

/// Writes command output to stdout. A reader that has closed the pipe (`zhengce parse … | head`)
/// has all it wants, so that ends the output quietly instead of as an error.
fn emit(text: impl AsRef<str>) -> zhengce::Result<()> {
    use std::io::Write;
    emit_with(|mut w| w.write_all(text.as_ref().as_bytes()).and_then(|()| w.flush()))
}

/// Prints indented JSON, as [`emit`] prints text.
fn emit_json(value: &impl serde::Serialize) -> zhengce::Result<()> {
    use std::io::Write;
    emit_with(|mut w| w.write_all(&json::pretty(value)).and_then(|()| w.flush()))
}

/// Streams command output to stdout; a closed pipe ends it quietly, as in [`emit`].
fn emit_with(fill: impl FnOnce(std::io::StdoutLock<'static>) -> std::io::Result<()>) -> zhengce::Result<()> {
    match fill(std::io::stdout().lock()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(zhengce::Error::Io { path: std::path::PathBuf::from("<stdout>"), source: e })
        }
        _ => Ok(()),
    }
}

/// Writes `bytes` to `out`, or to stdout.
fn write_out(out: Option<&Path>, bytes: &[u8]) -> zhengce::Result<()> {
    use std::io::Write;
    match out {
        Some(path) => std::fs::write(path, bytes).map_err(|e| zhengce::Error::Io { path: path.into(), source: e }),
        None => emit_with(|mut w| w.write_all(bytes).and_then(|()| w.flush())),
    }
}

/// Runs a command in `lang`; its exit code is 0 but for `check` with an error finding (1).
fn run(cli: Cli, lang: Lang) -> zhengce::Result<ExitCode> {
    match cli.command {
        Command::Report { corpus, national, out } => {
            let options = report::Options {
                corpus: vec![corpus],
                national,
                out: out.clone(),
                max_file_size: cli.max_file_size,
                lang,
            };
            let summary = report::run(&options)?;
            eprintln!("{}", lang.report_summary(&summary, &out));
        }
        Command::Parse { file, format } => {
            let doc = parse::parse_file(&file, cli.max_file_size)?;
            match format {
                Format::Json => emit(format!("{:#}\n", json::document(&doc)))?,
                Format::Text => emit(zhengce::outline::outline(&doc))?,
            }
        }
        Command::Normalize { file, key } => {
            let doc = parse::parse_file(&file, cli.max_file_size)?;
            let whole = zhengce::Span::new(0, doc.text.len());
            let display = normalize::display(&doc.text, whole, doc.script);
            let text = if key { normalize::key(&display).text } else { display.text };
            emit(text + "\n")?;
        }
        Command::Cite { paths, format } => {
            let library = Library::load(&paths, cli.max_file_size)?;
            match format {
                Format::Json => emit(format!("{:#}\n", json::citations(&library)))?,
                Format::Text => emit(zhengce::outline::citations(&library.docs, &library.resolved))?,
            }
        }
        Command::Graph { paths, format, derive } => {
            let library = Library::load(&paths, cli.max_file_size)?;
            let comparison = if derive {
                library.compare(&library.plan(Scope::Sources), Detail::Links, |_| Ok(()))?
            } else {
                library::Comparison { pairs: Vec::new() }
            };
            let graph = graph::CorpusGraph::build(&library, comparison.edges());
            match format {
                GraphFormat::Json => emit_with(|w| graph.write(graph::Format::Json, w))?,
                GraphFormat::Dot => emit_with(|w| graph.write(graph::Format::Dot, w))?,
                GraphFormat::Graphml => emit_with(|w| graph.write(graph::Format::Graphml, w))?,
            }
        }
        Command::Align { national, local, format } => {
            let national = parse::parse_file(&national, cli.max_file_size)?;
            let local = parse::parse_file(&local, cli.max_file_size)?;
            let alignment = align::align(&national, &local);
            match format {
                Format::Json => emit_json(&json::alignment(&national, &local, &alignment))?,
                Format::Text => emit(zhengce::outline::alignment(&national, &local, &alignment))?,
            }
        }
        Command::Diff { national, local, format } => {
            let national = parse::parse_file(&national, cli.max_file_size)?;
            let local = parse::parse_file(&local, cli.max_file_size)?;
            let alignment = align::align(&national, &local);
            let diff = diff::diff(&national, &local, &alignment);
            match format {
                DiffFormat::Json => emit_json(&json::condition_diff(&national, &local, &diff))?,
                DiffFormat::Text => emit(zhengce::outline::condition_diff(&national, &local, &diff))?,
                DiffFormat::Html => emit(report::pair_page(national, local, alignment, diff, lang))?,
            }
        }
        Command::Synth { national, count, out, seed } => {
            let national = parse::parse_file(&national, cli.max_file_size)?;
            zhengce::synth::generate(&national, count, seed, &out)?;
        }
        Command::Batch { national, strict, threads } => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .map_err(|e| zhengce::Error::Usage(format!("batch: cannot start {threads} threads: {e}")))?;
            let summary = pool.install(|| {
                let stdout = std::io::BufWriter::new(std::io::stdout().lock());
                zhengce::batch::run(&national, std::io::stdin().lock(), stdout, cli.max_file_size)
            })?;
            if summary.failed > 0 {
                let message = lang.batch_failed(summary.failed, summary.lines);
                if strict {
                    return Err(zhengce::Error::Usage(message));
                }
                eprintln!("zhengce: {message}");
            }
        }
        Command::Pack { paths } => {
            let stdout = std::io::BufWriter::new(std::io::stdout().lock());
            zhengce::batch::pack(&paths, stdout, cli.max_file_size)?;
        }
        Command::Segment { file } => {
            let doc = parse::parse_file(&file, cli.max_file_size)?;
            let display = normalize::display(&doc.text, zhengce::Span::new(0, doc.text.len()), doc.script);
            let mut segmented = String::with_capacity(display.text.len() * 2);
            for line in display.text.lines() {
                let words: Vec<&str> = segment::words(line).into_iter().filter(|w| !w.trim().is_empty()).collect();
                segmented.push_str(&words.join(" "));
                segmented.push('\n');
            }
            emit(segmented)?;
        }
        Command::Check { draft, against, corpus, format, out } => {
            // A binary file on a terminal helps nobody: stop before the work.
            if matches!(format, CheckFormat::Docx) && out.is_none() && std::io::stdout().is_terminal() {
                return Err(zhengce::Error::BinaryToTerminal);
            }
            // The draft and its candidate sources form one library, so that citations resolve
            // to the versions in force at the draft's date.
            let pool = if against.is_empty() { corpus.into_iter().collect() } else { against.clone() };
            let library = Library::load(&[vec![draft.clone()], pool].concat(), cli.max_file_size)?;
            let d = library.docs.iter().position(|doc| doc.path == draft).unwrap_or(0);
            let sources: Vec<usize> = if against.is_empty() {
                library.cited_sources(d)
            } else {
                (0..library.docs.len()).filter(|&s| s != d).collect()
            };
            if sources.is_empty() {
                return Err(zhengce::Error::NoCitedSource { path: draft });
            }
            let report = zhengce::check::check_in(&library, d, &sources);
            let out = out.as_deref();
            match format {
                CheckFormat::Json => write_out(out, &json::pretty(&json::check(&report)))?,
                CheckFormat::Text => write_out(out, zhengce::outline::check(&report, lang).as_bytes())?,
                CheckFormat::Html => write_out(out, report::check_page(&report, lang).as_bytes())?,
                CheckFormat::Docx => {
                    let bytes = source::read_bytes(&draft, cli.max_file_size)?;
                    let redline = zhengce::redline::write(&draft, &bytes, &report, lang)?;
                    write_out(out, &redline.bytes)?;
                    if let Some(path) = out {
                        eprintln!("zhengce: {}", lang.redline_written(path, redline.comments));
                    }
                }
            }
            if report.count(zhengce::check::Severity::Error) > 0 {
                return Ok(ExitCode::from(1));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
