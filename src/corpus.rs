//! A corpus: the documents named on the command line, directories expanded.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::model::{Document, Level};
use crate::parse::parse_file;

/// True for the files zhengce reads from a directory: text, Markdown, web pages, Word drafts and
/// PDFs, but not READMEs.
fn is_document(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let ext_ok = ext.is_some_and(|e| matches!(e.as_str(), "txt" | "md" | "html" | "htm" | "docx" | "pdf"));
    let name = path.file_stem().and_then(|n| n.to_str()).unwrap_or("");
    ext_ok && !name.eq_ignore_ascii_case("readme") && !name.eq_ignore_ascii_case("sources")
}

/// The document files under `paths`: files as given, directories expanded (sorted, not recursive).
pub fn files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|e| Error::Io { path: path.clone(), source: e })?;
            let mut found: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file() && is_document(p)).collect();
            if found.is_empty() {
                return Err(Error::NoDocuments { path: path.clone() });
            }
            found.sort();
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

/// Reads and parses every document under `paths`, applying the `corpus.toml` of each directory.
pub fn load(paths: &[PathBuf], max_size: u64) -> Result<Vec<Document>> {
    // Parsed on every core; `collect` keeps the files' order, so the result is deterministic.
    let mut docs: Vec<Document> = files(paths)?.par_iter().map(|p| parse_file(p, max_size)).collect::<Result<_>>()?;
    for dir in paths.iter().filter(|p| p.is_dir()) {
        let manifest = dir.join("corpus.toml");
        if manifest.is_file() {
            apply_manifest(&manifest, &mut docs)?;
        }
    }
    Ok(docs)
}

/// One `[[document]]` entry of corpus.toml.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    file: String,
    level: Option<String>,
    jurisdiction: Option<String>,
    date: Option<String>,
    number: Option<String>,
    title: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    #[serde(default)]
    document: Vec<Entry>,
}

/// corpus.toml: level and jurisdiction replace inferred values; number, date and title fill in
/// what the text does not state.
fn apply_manifest(path: &Path, docs: &mut [Document]) -> Result<()> {
    let bad = |detail: String| Error::Manifest { path: path.to_path_buf(), detail };
    let text = std::fs::read_to_string(path).map_err(|e| Error::Io { path: path.to_path_buf(), source: e })?;
    let manifest: Manifest = toml::from_str(&text).map_err(|e| bad(e.to_string()))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    for entry in manifest.document {
        let target = dir.join(&entry.file);
        let doc = docs
            .iter_mut()
            .find(|d| d.path == target)
            .ok_or_else(|| bad(format!("names {}, which is not a document of the corpus", entry.file)))?;
        if let Some(level) = &entry.level {
            let level = Level::from_name(level).ok_or_else(|| {
                bad(format!("{}: level must be national, provincial or municipal, not {level}", entry.file))
            })?;
            doc.front.level = Some(level);
        }
        let front = &mut doc.front;
        front.jurisdiction = entry.jurisdiction.or(front.jurisdiction.take());
        front.doc_number = front.doc_number.take().or(entry.number);
        front.date = front.date.take().or(entry.date);
        front.title = front.title.take().or(entry.title);
    }
    Ok(())
}
