//! Batch mode for map-only runners (Spark's `RDD.pipe`, GNU parallel, …): JSON Lines in, one JSON
//! result per line out, in input order, against one national document.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::{json, Value};

use crate::align::Aligner;
use crate::diff::Differ;
use crate::error::{Error, Result};
use crate::model::{Citation, Document, Encoding};
use crate::normalize::UnitTexts;
use crate::{cite, diff, json, parse};

/// Lines handled together; results are written in input order after each chunk.
const CHUNK: usize = 256;

/// One input line: `{"id": …, "text": …}` or `{"id": …, "path": …}`.
#[derive(serde::Deserialize)]
struct Input {
    id: Value,
    text: Option<String>,
    path: Option<PathBuf>,
}

fn document(input: &Input, line: usize, max_size: u64) -> std::result::Result<Document, String> {
    let name = PathBuf::from(format!("stdin:{line}"));
    match (&input.text, &input.path) {
        (Some(text), _) => Ok(parse::parse_text(&name, text.clone(), Encoding::Utf8)),
        (None, Some(path)) => parse::parse_file(path, max_size).map_err(|e| e.to_string()),
        (None, None) => Err(format!("line {line}: needs \"text\" or \"path\"")),
    }
}

/// The national document and what every input line is compared with, prepared once.
struct National<'a> {
    doc: &'a Document,
    aligner: Aligner<'a>,
    differ: Differ<'a>,
    citations: Vec<Citation>,
}

fn result(national: &National, line: usize, raw: &str, max_size: u64) -> (Value, bool) {
    let input: Input = match serde_json::from_str(raw) {
        Ok(input) => input,
        Err(e) => {
            return (
                json!({"id": null, "line": line, "error": format!("line {line}: not a JSON object with \"id\": {e}")}),
                false,
            )
        }
    };
    let doc = match document(&input, line, max_size) {
        Ok(doc) => doc,
        Err(e) => return (json!({"id": input.id, "line": line, "error": e}), false),
    };
    let local = &doc;
    let pair = [national.doc, local];
    let resolved = cite::resolve(&pair, &[national.citations.clone(), cite::extract(local)]);
    let texts = UnitTexts::new(local);
    let alignment = national.aligner.align(local, &texts);
    let condition_diff = national.differ.diff(local, &texts, &diff::extract_constraints(local), &alignment);
    let citations = json::citation_list(&pair, local, &resolved[1]);
    let value = json!({
        "id": input.id,
        "title": local.front.title,
        "doc_number": local.front.doc_number,
        "level": local.front.level.map(|l| l.as_str()),
        "citations": citations,
        "alignment": json::alignment(national.doc, local, &alignment),
        "diff": json::condition_diff(national.doc, local, &condition_diff),
    });
    (value, true)
}

/// Reads JSON Lines from `input` and writes results to `output`. Every line gets a result; a line
/// that cannot be read gets `{"id", "line", "error"}`. Returns how many lines failed.
pub fn run(national_path: &Path, input: impl BufRead, mut output: impl Write, max_size: u64) -> Result<usize> {
    let doc = parse::parse_file(national_path, max_size)?;
    let texts = UnitTexts::new(&doc);
    let national = National {
        doc: &doc,
        aligner: Aligner::new(&doc, &texts),
        differ: Differ::new(&doc, &texts),
        citations: cite::extract(&doc),
    };
    let stdout_error = |e: std::io::Error| Error::Io { path: PathBuf::from("<stdout>"), source: e };
    let mut failed = 0;
    let mut lines = input.split(b'\n').enumerate();
    loop {
        let chunk: Vec<(usize, Vec<u8>)> = lines
            .by_ref()
            .take(CHUNK)
            .map(|(i, l)| l.map(|l| (i + 1, l)).map_err(|e| Error::Io { path: PathBuf::from("<stdin>"), source: e }))
            .collect::<Result<_>>()?;
        if chunk.is_empty() {
            break;
        }
        let results: Vec<(Value, bool)> = chunk
            .par_iter()
            .filter(|(_, raw)| !raw.trim_ascii().is_empty())
            .map(|(line, raw)| match std::str::from_utf8(raw) {
                Ok(raw) => result(&national, *line, raw, max_size),
                Err(e) => (json!({"id": null, "line": line, "error": format!("line {line}: not UTF-8: {e}")}), false),
            })
            .collect();
        for (value, ok) in results {
            failed += usize::from(!ok);
            writeln!(output, "{value}").map_err(stdout_error)?;
        }
    }
    output.flush().map_err(stdout_error)?;
    Ok(failed)
}
