//! Stage 3, parse: a lossless structure tree of a policy document.
//!
//! The text is split into lines; each line is classified by the nom grammar ([`grammar`]), web
//! noise is set aside ([`noise`]), and a single pass builds the tree ([`build`]): front matter,
//! preamble, 编/章/节, headings, articles, paragraphs, items and sub-items, attachments.

mod build;
mod front;
pub mod grammar;
mod lines;
mod meta;
mod noise;
pub mod place;

use std::path::Path;

use crate::error::Result;
use crate::model::{Document, Encoding};
use crate::source;

/// Reads, decodes and parses a file.
pub fn parse_file(path: &Path, max_size: u64) -> Result<Document> {
    let decoded = source::read(path, max_size)?;
    Ok(parse_text(path, decoded.text, decoded.encoding))
}

/// Parses already decoded text; `path` is recorded in the document.
pub fn parse_text(path: &Path, text: String, encoding: Encoding) -> Document {
    let markdown = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"));
    let lines = lines::split(&text);
    let noise = noise::detect(&text, &lines);
    let built = build::build(&text, &lines, &noise, markdown);
    let front = meta::summarise(&text, &built.units, &built.boilerplate, built.title.as_deref(), path);
    let script = crate::normalize::detect_script(&text);
    Document {
        path: path.to_path_buf(),
        text,
        encoding,
        script,
        front,
        units: built.units,
        boilerplate: built.boilerplate,
        numbering_issues: built.numbering_issues,
    }
}
