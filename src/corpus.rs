//! A corpus: the documents named on the command line, directories expanded.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::Document;
use crate::parse::parse_file;

/// True for the files zhengce reads from a directory: `.txt` and `.md`, but not READMEs.
fn is_document(path: &Path) -> bool {
    let ext_ok = path.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e, "txt" | "md"));
    let name = path.file_stem().and_then(|n| n.to_str()).unwrap_or("");
    ext_ok && !name.eq_ignore_ascii_case("readme") && !name.eq_ignore_ascii_case("sources")
}

/// The document files under `paths`: files as given, directories expanded (sorted, not recursive).
pub fn files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|e| Error::Io { path: path.clone(), source: e })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && is_document(p))
                .collect();
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

/// Reads and parses every document under `paths`.
pub fn load(paths: &[PathBuf], max_size: u64) -> Result<Vec<Document>> {
    files(paths)?.iter().map(|p| parse_file(p, max_size)).collect()
}
