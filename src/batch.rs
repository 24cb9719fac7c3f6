//! Batch mode for map-only runners (Spark's `RDD.pipe`, GNU parallel, …): JSON Lines in, one JSON
//! result per input line out, in input order, against one national document.
//!
//! An engine splits the input among processes as it likes, so a line's result depends on that line
//! alone: the local document is named `id:` and its id, the national one by its file name. Only the
//! `line` of an error record counts within the process's own input.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use rayon::prelude::*;
use regex::Regex;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::align::Aligner;
use crate::diff::Differ;
use crate::error::{Error, Result};
use crate::model::{Citation, Document, Encoding};
use crate::normalize::UnitTexts;
use crate::{cite, corpus, diff, json, parse, source};

/// Lines handled together; results are written in input order after each chunk.
const CHUNK: usize = 256;

/// How many characters of a failed line its error record repeats, for a reader to recognise it.
const LINE_START_CHARS: usize = 40;

/// One input line: `{"id": …, "text": …}` or `{"id": …, "path": …}`.
#[derive(serde::Deserialize)]
struct Input {
    id: Value,
    text: Option<String>,
    path: Option<PathBuf>,
}

/// What came of one input line.
struct Outcome {
    value: Value,
    failed: bool,
}

/// How many input lines a run read, and how many of them got an error record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Input lines read (blank ones included).
    pub lines: usize,
    /// Lines whose result is an error record.
    pub failed: usize,
}

/// The name a local document goes by in results: `id:` and the id (a string as it is, any other
/// JSON value as JSON), so that it is the same whichever process reads the line.
fn local_name(id: &Value) -> PathBuf {
    match id {
        Value::String(id) => PathBuf::from(format!("id:{id}")),
        other => PathBuf::from(format!("id:{other}")),
    }
}

fn document(
    id: &Value,
    text: Option<String>,
    path: Option<PathBuf>,
    max_size: u64,
) -> std::result::Result<Document, String> {
    match (text, path) {
        (Some(text), None) => Ok(parse::parse_text(&local_name(id), text, Encoding::Utf8)),
        (None, Some(path)) => {
            let mut doc = parse::parse_file(&path, max_size).map_err(|e| e.to_string())?;
            doc.path = local_name(id);
            Ok(doc)
        }
        (Some(_), Some(_)) => Err("has both \"text\" and \"path\"; give one".into()),
        (None, None) => Err("needs \"text\" or \"path\"".into()),
    }
}

/// The national document and what every input line is compared with, prepared once.
struct National<'a> {
    doc: &'a Document,
    aligner: Aligner<'a>,
    differ: Differ<'a>,
    citations: Vec<Citation>,
}

/// The id of a line that cannot be used: from its JSON when it parses, else found by a lenient
/// scan of the raw text (a cut-off line usually still holds its `"id": …`), else null.
fn salvage_id(raw: &str) -> Value {
    static ID: LazyLock<Regex> = LazyLock::new(|| {
        // A key "id" not inside a string (there its quotes would be escaped), then a string or number.
        Regex::new(r#"(?:^|[{,\s])"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)"#).unwrap()
    });
    match serde_json::from_str::<Value>(raw) {
        Ok(Value::Object(mut fields)) => fields.remove("id").unwrap_or(Value::Null),
        Ok(_) => Value::Null,
        Err(_) => ID.captures(raw).and_then(|c| serde_json::from_str(&c[1]).ok()).unwrap_or(Value::Null),
    }
}

/// The error record of a line: its id if it can be found, and for lines without one a key to join
/// on with the input (the SHA-256 of the line's bytes, as Spark's `sha2(value, 256)` gives it).
fn failure(line: usize, raw: &[u8], error: &str) -> Outcome {
    let text = String::from_utf8_lossy(raw);
    let value = json!({
        "id": salvage_id(&text),
        "line": line,
        "line_sha256": format!("{:x}", Sha256::digest(raw)),
        "line_start": text.chars().take(LINE_START_CHARS).collect::<String>(),
        "error": error,
    });
    Outcome { value, failed: true }
}

fn result(national: &National, line: usize, raw: &[u8], max_size: u64) -> Outcome {
    if raw.trim_ascii().is_empty() {
        return failure(line, raw, "blank line: no record");
    }
    let text = match std::str::from_utf8(raw) {
        Ok(text) => text,
        Err(e) => return failure(line, raw, &format!("not UTF-8: {e}")),
    };
    let Input { id, text, path } = match serde_json::from_str(text) {
        Ok(input) => input,
        Err(e) => return failure(line, raw, &format!("not a JSON object with \"id\": {e}")),
    };
    let local = match document(&id, text, path, max_size) {
        Ok(doc) => doc,
        Err(e) => return failure(line, raw, &e),
    };
    let pair = [national.doc, &local];
    let resolved = cite::resolve(&pair, &[national.citations.clone(), cite::extract(&local)]);
    let texts = UnitTexts::new(&local);
    let alignment = national.aligner.align(&local, &texts);
    let condition_diff = national.differ.diff(&local, &texts, &diff::extract_constraints(&local), &alignment);
    let value = json!({
        "id": id,
        "title": local.front.title,
        "doc_number": local.front.doc_number,
        "level": local.front.level.map(|l| l.as_str()),
        "kind": local.front.kind.map(|k| k.as_str()),
        "jurisdiction": local.front.jurisdiction,
        "issuer": local.front.issuer,
        "date": local.front.date,
        "effective": local.front.effective,
        "version_of": null,
        "citations": json::citation_list(&pair, &local, &resolved[1]),
        "alignment": json::alignment(national.doc, &local, &alignment),
        "diff": json::condition_diff(national.doc, &local, &condition_diff),
    });
    Outcome { value, failed: false }
}

/// Writes one outcome per line of `input` (line numbers from 1; a trailing `\r` is not part of a
/// line), chunk by chunk in parallel, in input order.
fn each_line(
    input: impl BufRead,
    mut output: impl Write,
    outcome: impl Fn(usize, &[u8]) -> Outcome + Sync,
) -> Result<Summary> {
    let stdout_error = |e: std::io::Error| Error::Io { path: PathBuf::from("<stdout>"), source: e };
    let mut summary = Summary { lines: 0, failed: 0 };
    let mut lines = input.split(b'\n');
    loop {
        let chunk: Vec<Vec<u8>> = lines
            .by_ref()
            .take(CHUNK)
            .collect::<std::io::Result<_>>()
            .map_err(|e| Error::Io { path: PathBuf::from("<stdin>"), source: e })?;
        if chunk.is_empty() {
            break;
        }
        let first = summary.lines + 1;
        let outcomes: Vec<Outcome> = chunk
            .par_iter()
            .enumerate()
            .map(|(i, raw)| outcome(first + i, raw.strip_suffix(b"\r").unwrap_or(raw)))
            .collect();
        for Outcome { value, failed } in outcomes {
            summary.lines += 1;
            summary.failed += usize::from(failed);
            writeln!(output, "{value}").map_err(stdout_error)?;
        }
    }
    output.flush().map_err(stdout_error)?;
    Ok(summary)
}

/// Reads JSON Lines from `input` and writes one result per line to `output`, in order: the result,
/// or an error record `{"id", "line", "line_sha256", "line_start", "error"}` for a line that cannot
/// be used (blank lines included).
///
/// When the national document cannot be read, every line gets an error record saying so (a runner
/// that ignores exit codes still sees why), and the error is returned.
pub fn run(national_path: &Path, input: impl BufRead, output: impl Write, max_size: u64) -> Result<Summary> {
    let mut doc = match parse::parse_file(national_path, max_size) {
        Ok(doc) => doc,
        Err(e) => {
            let error = format!("cannot start: national document {e}");
            each_line(input, output, |line, raw| failure(line, raw, &error))?;
            return Err(e);
        }
    };
    // Named by file name alone: an engine puts the file in a different directory on every worker.
    if let Some(name) = national_path.file_name() {
        doc.path = PathBuf::from(name);
    }
    let texts = UnitTexts::new(&doc);
    let national = National {
        doc: &doc,
        aligner: Aligner::new(&doc, &texts),
        differ: Differ::new(&doc, &texts),
        citations: cite::extract(&doc),
    };
    each_line(input, output, |line, raw| result(&national, line, raw, max_size))
}

/// Writes the documents under `paths` (directories expanded as for a corpus) as input for [`run`]:
/// `{"id": PATH, "text": TEXT}` per line, the text decoded from whatever encoding the file is in.
/// Returns how many documents were written.
pub fn pack(paths: &[PathBuf], mut output: impl Write, max_size: u64) -> Result<usize> {
    let stdout_error = |e: std::io::Error| Error::Io { path: PathBuf::from("<stdout>"), source: e };
    let files = corpus::files(paths)?;
    for path in &files {
        let decoded = source::read(path, max_size)?;
        let record = json!({"id": path.display().to_string(), "text": decoded.text});
        writeln!(output, "{record}").map_err(stdout_error)?;
    }
    output.flush().map_err(stdout_error)?;
    Ok(files.len())
}
