//! PDFs with a text layer: the printed lines in reading order, paragraphs joined, page headers and
//! footers set aside.
//!
//! pdf-extract walks each page's content stream and maps every glyph to Unicode through its font
//! (the ToUnicode map that CJK fonts carry, or a predefined encoding); here the glyphs are placed
//! on lines by their baseline, and a line that runs to the right margin joins the next when that
//! one starts at the left margin and opens no numbered unit (a wrapped paragraph). The lines at the
//! top and bottom of the pages that repeat from page to page (digits aside), and lines that are only
//! a page number (`— 3 —`, `第3页 共9页`, `3/9`), are page furniture: boilerplate of their own
//! kind. Pages are separated by a form feed on a line of its own.
//!
//! The document's text is this extracted text; spans and the lossless promise hold against it. A
//! PDF whose pages hold no text at all is a scan, and an error says so: OCR is not done here.

use std::cell::Cell;
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::sync::{Once, OnceLock};

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
use regex::Regex;
use rustc_hash::FxHashMap as HashMap;

use super::Extracted;
use crate::error::{Error, Result};
use crate::model::{Boilerplate, Format, NoiseKind, Span};
use crate::text::is_space;

/// Reads the text layer of the PDF in `bytes` (read from `path`).
pub fn extract(path: &Path, bytes: &[u8]) -> Result<Extracted> {
    let bad = |detail: String| Error::Pdf { path: path.into(), detail };
    let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| bad(format!("not a readable PDF ({e})")))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(bad("it is encrypted with a password".into()));
    }
    let mut collector = Collector::default();
    match quietly(|| pdf_extract::output_doc(&doc, &mut collector)) {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err(bad(e.to_string())),
        Err(_) => return Err(bad("its content streams could not be read".into())),
    }
    let pages: Vec<Vec<Line>> = collector.pages.iter().map(|glyphs| lines(glyphs)).collect();
    if pages.iter().flatten().all(|line| line.text.chars().all(is_space)) {
        return Err(Error::ScannedPdf { path: path.into(), pages: pages.len() });
    }
    Ok(assemble(&pages))
}

thread_local! {
    /// Set while this thread reads a PDF: a panic there is the file's fault, reported as an error.
    static READING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `read`, turning a panic into `Err` without a panic message: pdf-extract and the font
/// parsers below it panic on some damaged files, which is the file's problem, not a bug of
/// zhengce. Other threads' panics are reported as before.
fn quietly<T>(read: impl FnOnce() -> T) -> std::thread::Result<T> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !READING.with(Cell::get) {
                previous(info);
            }
        }));
    });
    READING.with(|r| r.set(true));
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(read));
    READING.with(|r| r.set(false));
    outcome
}

/// One glyph as placed on the page (y grows downwards).
#[derive(Clone, Debug)]
struct Glyph {
    x: f64,
    y: f64,
    end: f64,
    size: f64,
    text: String,
}

/// Collects the glyphs of every page.
#[derive(Default)]
struct Collector {
    pages: Vec<Vec<Glyph>>,
    height: f64,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _: u32,
        media_box: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> std::result::Result<(), OutputError> {
        self.height = media_box.ury - media_box.lly;
        self.pages.push(Vec::new());
        Ok(())
    }

    fn end_page(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> std::result::Result<(), OutputError> {
        // The size of the glyph as drawn: the side of the square with the area its em square has.
        let (vx, vy) = (font_size * (trm.m11 + trm.m21), font_size * (trm.m12 + trm.m22));
        let size = (vx * vy).abs().sqrt().max(1.0);
        let (x, y) = (trm.m31, self.height - trm.m32);
        if let Some(page) = self.pages.last_mut() {
            page.push(Glyph { x, y, end: x + width * size, size, text: text.to_string() });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }
}

/// A printed line.
#[derive(Clone, Debug, Default)]
struct Line {
    text: String,
    start: f64,
    end: f64,
    size: f64,
}

/// The glyphs of a page on lines, in the order the page draws them: a line ends where the baseline
/// moves by half a glyph or the next glyph goes back to the left. A gap of a third of a glyph or
/// more is a space, except between Chinese characters.
fn lines(glyphs: &[Glyph]) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut last: Option<&Glyph> = None;
    for glyph in glyphs {
        let new_line = last.is_none_or(|l| (glyph.y - l.y).abs() > l.size * 0.5 || glyph.x < l.end - l.size);
        if new_line {
            lines.push(Line { text: String::new(), start: glyph.x, end: glyph.end, size: glyph.size });
        }
        let line = lines.last_mut().expect("a line was opened");
        if let Some(l) = last.filter(|_| !new_line) {
            // Justified Chinese spreads its characters: only a gap next to Western text is a space.
            let wide = |text: &str| text.chars().all(is_wide);
            let gap = glyph.x > l.end + l.size / 3.0;
            if gap && !(wide(&l.text) && wide(&glyph.text)) && !line.text.ends_with(' ') && glyph.text != " " {
                line.text.push(' ');
            }
        }
        line.text.push_str(&glyph.text);
        line.end = line.end.max(glyph.end);
        line.size = line.size.max(glyph.size);
        last = Some(glyph);
    }
    lines.iter_mut().for_each(|l| l.text = l.text.trim_end_matches(is_space).to_string());
    lines.retain(|l| !l.text.is_empty());
    lines
}

/// Characters of Chinese text, which is written without spaces: ideographs, CJK punctuation and
/// full-width forms.
fn is_wide(c: char) -> bool {
    crate::text::is_cjk(c)
        || matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}' | '“' | '”' | '‘' | '’' | '—' | '…')
}

/// Lines that are only a page number.
fn page_number() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^[-—–－─\s]*(第\s*)?[0-9０-９]+(\s*页)?\s*([，,/／]?\s*共\s*[0-9０-９]+\s*页)?[-—–－─\s]*$|^[0-9]+\s*[/／]\s*[0-9]+$|^(?i:page)\s*[0-9]+")
            .expect("valid regex")
    })
}

/// A line as compared across pages: digits and spaces left out.
fn signature(text: &str) -> String {
    text.chars().filter(|c| !c.is_ascii_digit() && !is_space(*c)).collect()
}

/// How many lines at the top and at the bottom of a page may be furniture.
const MARGIN_LINES: usize = 2;

/// For each page, which of its lines are headers, footers or page numbers.
fn furniture(pages: &[Vec<Line>]) -> Vec<Vec<bool>> {
    let margins = |page: &Vec<Line>| {
        let n = page.len();
        (0..n).filter(move |&i| i < MARGIN_LINES || i + MARGIN_LINES >= n)
    };
    let mut seen: HashMap<String, usize> = HashMap::default();
    for page in pages {
        let mut on_page: Vec<String> = margins(page).map(|i| signature(&page[i].text)).collect();
        on_page.sort();
        on_page.dedup();
        for s in on_page {
            *seen.entry(s).or_default() += 1;
        }
    }
    let repeats = |s: &str| pages.len() >= 2 && seen.get(s).is_some_and(|&n| n >= 2 && n * 2 >= pages.len());
    pages
        .iter()
        .map(|page| {
            let mut marks = vec![false; page.len()];
            for i in margins(page) {
                let text = page[i].text.trim();
                marks[i] = page_number().is_match(text) || repeats(&signature(text));
            }
            marks
        })
        .collect()
}

/// True when `line` runs on into `next`: it reaches the right margin (within the three characters
/// that a line breaking before closing punctuation may leave), and `next` starts at the left
/// margin without a structural label.
fn runs_on(line: &Line, next: &Line, left: f64, right: f64) -> bool {
    let full = line.end >= right - line.size * 3.0;
    let flush_left = next.start < left + next.size;
    let opens_unit = crate::parse::grammar::label(next.text.trim_start_matches(is_space)).is_ok();
    full && flush_left && !opens_unit
}

/// The document's text and its page-furniture regions.
fn assemble(pages: &[Vec<Line>]) -> Extracted {
    let furniture = furniture(pages);
    let mut text = String::new();
    let mut regions = Vec::new();
    for (p, (page, marks)) in pages.iter().zip(&furniture).enumerate() {
        if p > 0 {
            text.push_str("\u{c}\n");
        }
        let body: Vec<&Line> = page.iter().zip(marks).filter(|(_, m)| !**m).map(|(l, _)| l).collect();
        let left = body.iter().map(|l| l.start).fold(f64::INFINITY, f64::min);
        let right = body.iter().map(|l| l.end).fold(f64::NEG_INFINITY, f64::max);
        for (i, line) in page.iter().enumerate() {
            let start = text.len();
            text.push_str(&line.text);
            if marks[i] {
                regions.push(Boilerplate { span: Span::new(start, text.len()), kind: NoiseKind::PageFurniture });
                text.push('\n');
                continue;
            }
            let next = page.iter().zip(marks).skip(i + 1).find(|(_, m)| !**m).map(|(l, _)| l);
            if !next.is_some_and(|next| runs_on(line, next, left, right))
                || page.get(i + 1).is_some_and(|_| marks[i + 1])
            {
                text.push('\n');
            }
        }
    }
    Extracted { text, format: Format::Pdf, regions, tracked_changes: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, start: f64, end: f64) -> Line {
        Line { text: text.into(), start, end, size: 10.0 }
    }

    #[test]
    fn page_numbers_and_repeated_headers_are_furniture() {
        let page = |n: u32| {
            vec![
                line("某某市人民政府文件", 100.0, 200.0),
                line(&format!("第{}条 正文", ["一", "二", "三"][n as usize - 1]), 50.0, 500.0),
                line(&format!("— {n} —"), 250.0, 280.0),
            ]
        };
        let marks = furniture(&[page(1), page(2), page(3)]);
        assert!(marks.iter().all(|m| m == &[true, false, true]), "{marks:?}");
        assert!(page_number().is_match("第 2 页 共 9 页") && page_number().is_match("3/9"));
        assert!(!page_number().is_match("2023年"));
    }

    #[test]
    fn wrapped_lines_join_but_labels_open_units() {
        let page = vec![
            line("第一条 为了规范管理，根据有关规定，结合本市", 50.0, 500.0),
            line("实际，制定本办法。", 50.0, 200.0),
            line("第二条 本办法适用于本市行政区域内的相关活动和", 50.0, 500.0),
            line("（一）第一项", 50.0, 150.0),
        ];
        let extracted = assemble(&[page]);
        assert_eq!(
            extracted.text,
            "第一条 为了规范管理，根据有关规定，结合本市实际，制定本办法。\n第二条 本办法适用于本市行政区域内的相关活动和\n（一）第一项\n"
        );
    }
}
