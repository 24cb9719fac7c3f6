//! Stage 3, parse: a lossless structure tree of a policy document.
//!
//! The text is split into lines; each line is classified by the nom grammar ([`grammar`]), web
//! noise is set aside ([`noise`]), and a single pass builds the tree ([`build`]): front matter,
//! preamble, 编/章/节, headings, articles, paragraphs, items and sub-items, attachments.
//!
//! Other formats reach the same pass through [`crate::source`]: a web page is read through its
//! view (markup blanked, lines broken at block elements), its markup becomes boilerplate and its
//! lines outside the main text web-page noise, and its head's metadata fills what the text leaves
//! open ([`web_meta`]); Word drafts and PDFs are read as the text they show, a PDF's page headers
//! and footers set aside.

mod build;
mod front;
pub mod grammar;
mod lines;
mod meta;
mod noise;
pub mod place;
pub mod web_meta;

use std::path::Path;

use crate::error::Result;
use crate::model::{subtract, Boilerplate, Document, Encoding, Format, NoiseKind, TrackedChanges, Unit};
use crate::source::{self, html, Extracted, Input};
use web_meta::WebMeta;

/// Reads, decodes and parses a file of any supported format. Tracked changes in a Word draft are
/// reported on stderr, as the text is read as if they were accepted.
pub fn parse_file(path: &Path, max_size: u64) -> Result<Document> {
    let doc = match source::load(path, max_size)? {
        Input::Text(decoded) => parse_text(path, decoded.text, decoded.encoding),
        Input::Html(page) => parse_page(path, page),
        Input::Extracted(extracted) => parse_extracted(path, extracted),
    };
    if let Some(changes) = doc.tracked_changes {
        eprintln!("zhengce: {}", crate::i18n::messages().tracked_changes(path, changes.insertions, changes.deletions));
    }
    Ok(doc)
}

/// Parses already decoded text; `path` is recorded in the document. Text that is an HTML page
/// (as `batch` may be given) is parsed as one.
pub fn parse_text(path: &Path, text: String, encoding: Encoding) -> Document {
    let markdown = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"));
    if !markdown && html::looks_like_html(text.as_bytes()) {
        return parse_page(path, html::analyse(text, encoding));
    }
    let layers = Layers { format: Format::Text, ..Layers::default() };
    parse_layers(path, text, encoding, layers)
}

/// Parses a web page: its view is read, its markup and the lines outside its main text are
/// boilerplate, and its metadata fills what the text leaves open.
fn parse_page(path: &Path, page: html::Page) -> Document {
    // The information table stands around the main text.
    let around = page.outside.iter().flat_map(|s| page.view[s.start..s.end].lines());
    let meta = WebMeta::read(&page.meta, around);
    let layers = Layers {
        format: Format::Html,
        regions: page.regions(),
        view: Some((page.view, page.map)),
        markup: page.markup,
        meta,
        tracked_changes: None,
    };
    parse_layers(path, page.text, page.encoding, layers)
}

/// Parses the text of a Word draft or a PDF.
fn parse_extracted(path: &Path, extracted: Extracted) -> Document {
    let layers = Layers {
        format: extracted.format,
        regions: extracted.regions,
        tracked_changes: extracted.tracked_changes,
        ..Layers::default()
    };
    parse_layers(path, extracted.text, Encoding::Utf8, layers)
}

/// What a format adds to its text.
#[derive(Default)]
struct Layers {
    format: Format,
    /// The text as the parser reads it when it is not the text itself, and the map back.
    view: Option<(String, html::OffsetMap)>,
    /// Markup: boilerplate of its own, holes in every other span.
    markup: Vec<Boilerplate>,
    /// Spans whose lines are boilerplate of the given kind, whatever they say.
    regions: Vec<Boilerplate>,
    meta: WebMeta,
    tracked_changes: Option<TrackedChanges>,
}

fn parse_layers(path: &Path, text: String, encoding: Encoding, layers: Layers) -> Document {
    let markdown = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"));
    let read = layers.view.as_ref().map_or(text.as_str(), |(view, _)| view.as_str());
    let lines = lines::split(read);
    let mut noise = noise::detect(read, &lines);
    mark_regions(&lines, &layers.regions, &mut noise);
    let mut built = build::build(read, &lines, &noise, markdown);
    let front = layers
        .meta
        .apply(built.title.as_deref(), |title| meta::summarise(read, &built.units, &built.boilerplate, title, path));
    let script = crate::normalize::detect_script(read);
    if let Some((_, map)) = &layers.view {
        built.units.iter_mut().for_each(|u| remap(u, map));
        built.boilerplate.iter_mut().for_each(|b| b.span = map.span(b.span));
    }
    let boilerplate = with_markup(&text, built.boilerplate, &layers.markup);
    Document {
        path: path.to_path_buf(),
        text,
        encoding,
        format: layers.format,
        tracked_changes: layers.tracked_changes,
        script,
        front,
        units: built.units,
        boilerplate,
        numbering_issues: built.numbering_issues,
    }
}

/// Takes a unit's spans, and its children's, from the view back to the text.
fn remap(unit: &mut Unit, map: &html::OffsetMap) {
    unit.span = map.span(unit.span);
    unit.label = unit.label.map(|s| map.span(s));
    unit.heading = unit.heading.map(|s| map.span(s));
    unit.children.iter_mut().for_each(|c| remap(c, map));
}

/// Marks the lines whose content starts inside a region with the region's kind.
fn mark_regions(lines: &[lines::Line], regions: &[Boilerplate], noise: &mut [Option<NoiseKind>]) {
    let mut r = 0;
    for (line, mark) in lines.iter().zip(noise.iter_mut()) {
        let at = line.content.start;
        while r < regions.len() && regions[r].span.end <= at {
            r += 1;
        }
        if !line.is_blank() && regions.get(r).is_some_and(|region| region.span.start <= at) {
            *mark = Some(regions[r].kind);
        }
    }
}

/// The parser's boilerplate with the markup cut out of it, and the markup as boilerplate of its
/// own, in text order. Pieces left with nothing but spaces are dropped.
fn with_markup(text: &str, boilerplate: Vec<Boilerplate>, markup: &[Boilerplate]) -> Vec<Boilerplate> {
    if markup.is_empty() {
        return boilerplate;
    }
    // Both lists are in text order and the parser's spans do not overlap: one sweep cuts them.
    let mut out = Vec::with_capacity(boilerplate.len() + markup.len());
    let mut m = 0;
    for b in boilerplate {
        while m < markup.len() && markup[m].span.end <= b.span.start {
            m += 1;
        }
        let holes: Vec<_> = markup[m..].iter().map(|h| h.span).take_while(|h| h.start < b.span.end).collect();
        out.extend(
            subtract(&[b.span], &holes)
                .into_iter()
                .filter(|span| !text[span.start..span.end].chars().all(crate::text::is_space))
                .map(|span| Boilerplate { span, kind: b.kind }),
        );
    }
    out.extend_from_slice(markup);
    out.sort_by_key(|b| b.span.start);
    out
}
