//! A corpus: the documents named on the command line, directories expanded.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::model::{DocKind, Document, Level};
use crate::parse::parse_file;

/// True for the files zhengce reads from a directory: text, Markdown, web pages, Word drafts and
/// PDFs, but not READMEs.
fn is_document(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let ext_ok = ext.is_some_and(|e| matches!(e.as_str(), "txt" | "md" | "html" | "htm" | "docx" | "pdf"));
    let name = path.file_stem().and_then(|n| n.to_str()).unwrap_or("");
    ext_ok && !name.eq_ignore_ascii_case("readme") && !name.eq_ignore_ascii_case("sources")
}

/// The document files under `paths`: files as given, directories expanded with their
/// subdirectories (hidden directories left out), sorted.
pub fn files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found)?;
            if found.is_empty() {
                return Err(Error::NoDocuments { path: path.clone() });
            }
            found.sort();
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    // A file named twice (a draft inside the corpus it is checked against) is read once.
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(p.clone()));
    Ok(out)
}

/// Adds the documents under `dir` to `found`, descending into subdirectories.
fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::Io { path: dir.to_path_buf(), source: e })?;
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        if path.is_dir() {
            // Hidden directories (.git, .cache) hold no corpus.
            if !entry.file_name().to_string_lossy().starts_with('.') {
                walk(&path, found)?;
            }
        } else if path.is_file() && is_document(&path) {
            found.push(path);
        }
    }
    Ok(())
}

/// Reads and parses every document under `paths`, applying the `corpus.toml` of each directory.
pub fn load(paths: &[PathBuf], max_size: u64) -> Result<Vec<Document>> {
    // Parsed on every core; `collect` keeps the files' order, so the result is deterministic.
    let mut docs: Vec<Document> = files(paths)?.par_iter().map(|p| parse_file(p, max_size)).collect::<Result<_>>()?;
    // A corpus.toml anywhere in a directory given describes the files beside it.
    let mut manifests: Vec<PathBuf> = docs
        .iter()
        .filter_map(|d| d.path.parent().map(|p| p.join("corpus.toml")))
        .chain(paths.iter().filter(|p| p.is_dir()).map(|d| d.join("corpus.toml")))
        .collect();
    manifests.sort();
    manifests.dedup();
    for manifest in manifests.iter().filter(|m| m.is_file()) {
        apply_manifest(manifest, &mut docs)?;
    }
    Ok(docs)
}

/// One `[[document]]` entry of corpus.toml.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    file: String,
    level: Option<String>,
    kind: Option<String>,
    jurisdiction: Option<String>,
    issuer: Option<String>,
    effective: Option<String>,
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

/// corpus.toml: level, kind, jurisdiction, issuer and effective replace inferred values; number,
/// date and title fill in what the text does not state.
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
                bad(format!("{}: level must be national, provincial, municipal or county, not {level}", entry.file))
            })?;
            doc.front.level = Some(level);
        }
        if let Some(kind) = &entry.kind {
            let names: Vec<&str> = DocKind::ALL.iter().map(|k| k.as_str()).collect();
            let kind = DocKind::from_name(kind)
                .ok_or_else(|| bad(format!("{}: kind must be one of {}, not {kind}", entry.file, names.join(", "))))?;
            doc.front.kind = Some(kind);
        }
        let front = &mut doc.front;
        front.jurisdiction = entry.jurisdiction.or(front.jurisdiction.take());
        front.issuer = entry.issuer.or(front.issuer.take());
        front.effective = entry.effective.or(front.effective.take());
        front.doc_number = front.doc_number.take().or(entry.number);
        front.date = front.date.take().or(entry.date);
        front.title = front.title.take().or(entry.title);
    }
    Ok(())
}
