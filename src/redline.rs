//! The Word redline of `zhengce check --format docx`: a copy of the Word draft in which each
//! finding is a comment (批注) on the paragraphs of its text, saying what is wrong and quoting the
//! source text it rests on — what a drafting office reads in Word or WPS.
//!
//! The copy changes as little as it can, so that Word and WPS open it as they opened the draft:
//! `word/document.xml` gets the comment anchors spliced in (`commentRangeStart` after a
//! paragraph's properties, `commentRangeEnd` and the `commentReference` run at the end of the
//! last paragraph), `word/comments.xml` gets the comments (made, or added to when the draft has
//! comments already), and the document's relationships and `[Content_Types].xml` name it. Every
//! other part is copied byte for byte. Paragraphs are found as [`docx::layout`] reads them, so a
//! finding's span in the extracted text maps to the paragraphs it covers.

use std::io::{Cursor, Read, Write};
use std::path::Path;

use crate::check::{Finding, Report};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::{Format, Span};
use crate::source::docx::{self, Placed};

/// The WordprocessingML namespace (transitional, as Word and WPS write it).
const MAIN_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The relationship type of a comments part.
const COMMENTS_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
/// The content type of a comments part.
const COMMENTS_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
/// The author comments are signed with.
const AUTHOR: &str = "zhengce";

/// A written redline.
#[derive(Debug)]
pub struct Redline {
    /// The `.docx` file.
    pub bytes: Vec<u8>,
    /// How many comments it holds (one per finding).
    pub comments: usize,
}

/// The redline of `report`, whose draft is the Word document `bytes` read from `path`, with the
/// comments in `lang`.
pub fn write(path: &Path, bytes: &[u8], report: &Report, lang: Lang) -> Result<Redline> {
    if report.draft.format != Format::Docx {
        return Err(Error::NotDocx { path: path.into() });
    }
    let bad = |detail: String| Error::Docx { path: path.into(), detail };
    let layout = docx::layout(path, bytes)?;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    let w = prefix_of(&layout.document)
        .ok_or_else(|| bad("word/document.xml does not use the WordprocessingML namespace".into()))?;
    let rels_name = "word/_rels/document.xml.rels";
    let rels = text_part(&mut archive, rels_name).map_err(&bad)?;
    let comments_name = rels.as_deref().and_then(comments_target).unwrap_or_else(|| "word/comments.xml".to_string());
    let existing = text_part(&mut archive, &comments_name).map_err(&bad)?;
    // Above every annotation ID of the draft (comments, tracked changes, bookmarks), so that none
    // is taken twice whatever kinds a reader keeps apart.
    let taken = [Some(layout.document.as_str()), existing.as_deref()].into_iter().flatten().filter_map(max_id).max();
    let first_id = taken.map_or(0, |m| m + 1);

    let anchors: Vec<Anchor> = report
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| Anchor { id: first_id + i as u64, paragraphs: anchor(report, f, &layout.paragraphs) })
        .collect();
    let document = splice(&layout.document, &layout.paragraphs, &anchors, &w);
    let comments: String =
        report.findings.iter().zip(&anchors).map(|(f, a)| comment(report, f, a.id, lang, &w)).collect();
    let comments_xml = match &existing {
        Some(xml) => {
            append_comments(xml, &comments).ok_or_else(|| bad(format!("{comments_name}: no comments element")))?
        }
        None => new_comments(&comments, &w),
    };

    let mut replaced: Vec<(String, String)> =
        vec![("word/document.xml".into(), document), (comments_name.clone(), comments_xml)];
    if existing.is_none() {
        let rels = with_comments_relationship(rels.as_deref());
        replaced.push((rels_name.into(), rels));
        let types = text_part(&mut archive, "[Content_Types].xml")
            .map_err(&bad)?
            .ok_or_else(|| bad("it holds no [Content_Types].xml".into()))?;
        let part = format!("/{comments_name}");
        let types = with_override(&types, &part).ok_or_else(|| bad("[Content_Types].xml: no Types element".into()))?;
        replaced.push(("[Content_Types].xml".into(), types));
    }
    let bytes = rezip(&mut archive, &replaced).map_err(|e| bad(e.to_string()))?;
    Ok(Redline { bytes, comments: report.findings.len() })
}

/// A comment's place: its ID and the paragraphs it covers (indices into the layout).
struct Anchor {
    id: u64,
    paragraphs: Option<(usize, usize)>,
}

/// The first and last paragraphs a finding covers: those its span (or, without one, its unit)
/// touches in the extracted text. A finding placed nowhere (no span, no unit) goes on the first
/// paragraph, so that none is lost.
fn anchor(report: &Report, f: &Finding, paragraphs: &[Placed]) -> Option<(usize, usize)> {
    let span = f.span.or_else(|| f.unit.as_ref().and_then(|u| report.draft.find(u)).map(|u| u.span));
    let touches = |s: Span, p: &Placed| p.text.start < s.end.max(s.start + 1) && s.start < p.text.end;
    let hit = span.and_then(|s| {
        let first = paragraphs.iter().position(|p| touches(s, p))?;
        let last = paragraphs.iter().rposition(|p| touches(s, p))?;
        Some((first, last))
    });
    match hit {
        // A text box's paragraphs sit inside another paragraph: a range runs from one paragraph
        // to a later one, never into or out of a paragraph holding the other.
        Some((first, last)) if first == last || paragraphs[first].content_end <= paragraphs[last].content_start => {
            Some((first, last))
        }
        Some((first, _)) => Some((first, first)),
        None => (!paragraphs.is_empty()).then_some((0, 0)),
    }
}

/// `document.xml` with the anchors spliced in. At one offset, range starts go before range ends.
fn splice(xml: &str, paragraphs: &[Placed], anchors: &[Anchor], w: &str) -> String {
    let mut inserts: Vec<(usize, bool, u64, String)> = Vec::new();
    for a in anchors {
        let Some((first, last)) = a.paragraphs else { continue };
        let id = a.id;
        inserts.push((paragraphs[first].content_start, false, id, format!(r#"<{w}commentRangeStart {w}id="{id}"/>"#)));
        inserts.push((
            paragraphs[last].content_end,
            true,
            id,
            format!(r#"<{w}commentRangeEnd {w}id="{id}"/><{w}r><{w}commentReference {w}id="{id}"/></{w}r>"#),
        ));
    }
    inserts.sort_by_key(|&(at, is_end, id, _)| (at, is_end, id));
    let mut out = String::with_capacity(xml.len() + inserts.iter().map(|i| i.3.len()).sum::<usize>());
    let mut copied = 0;
    for (at, _, _, markup) in inserts {
        out.push_str(&xml[copied..at]);
        out.push_str(&markup);
        copied = at;
    }
    out.push_str(&xml[copied..]);
    out
}

/// One `w:comment`: the severity and kind, what is wrong, and the source text with its unit.
fn comment(report: &Report, f: &Finding, id: u64, lang: Lang, w: &str) -> String {
    let source = report.sources[f.source];
    let heading = format!("【{}】{}", lang.severity(f.severity()), lang.finding_kind(f.kind));
    let mut body = format!(
        r#"<{w}p><{w}r><{w}annotationRef/></{w}r><{w}r><{w}rPr><{w}b/></{w}rPr>{}</{w}r></{w}p>"#,
        text_run(&heading, w)
    );
    body.push_str(&paragraph(&f.message(report, lang), w));
    if let Some(unit) = f.source_unit.as_ref().and_then(|u| source.find(u)) {
        let label = lang.source_text_heading(source, &unit.id);
        body.push_str(&format!(r#"<{w}p><{w}r><{w}rPr><{w}b/></{w}rPr>{}</{w}r></{w}p>"#, text_run(&label, w)));
        for line in source.full_text(unit).lines().map(str::trim).filter(|l| !l.is_empty()) {
            body.push_str(&paragraph(line, w));
        }
    }
    format!(r#"<{w}comment {w}id="{id}" {w}author="{AUTHOR}" {w}initials="ZC">{body}</{w}comment>"#)
}

/// A paragraph of plain text.
fn paragraph(text: &str, w: &str) -> String {
    format!("<{w}p><{w}r>{}</{w}r></{w}p>", text_run(text, w))
}

/// A `w:t` holding `text`, escaped, without characters XML 1.0 forbids.
fn text_run(text: &str, w: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '\t' | '\n' | '\r' => escaped.push(' '),
            c if c.is_control() || matches!(c, '\u{fffe}' | '\u{ffff}') => {}
            c => escaped.push(c),
        }
    }
    format!(r#"<{w}t xml:space="preserve">{escaped}</{w}t>"#)
}

/// A new `comments.xml` holding `comments`.
fn new_comments(comments: &str, w: &str) -> String {
    let name = w.trim_end_matches(':');
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<{w}comments xmlns:{name}=\"{MAIN_NS}\">{comments}</{w}comments>"
    )
}

/// An existing `comments.xml` with `comments` added at its end: its prefix for the namespace is
/// assumed to be the document's, as Word and WPS write them.
fn append_comments(xml: &str, comments: &str) -> Option<String> {
    let end = xml.rfind("comments>")?;
    let close = xml[..end].rfind("</")?;
    Some(format!("{}{comments}{}", &xml[..close], &xml[close..]))
}

/// The greatest `w:id` of any element of `xml` (a comment, a tracked change, a bookmark…).
fn max_id(xml: &str) -> Option<u64> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut max = None;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                let id = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == "id")
                    .and_then(|a| a.value.trim().parse::<u64>().ok());
                max = max.max(id);
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    max
}

/// The prefix (with its colon, `w:`) the document's root binds to the WordprocessingML
/// namespace. A document with it as the default namespace has none: the attributes spliced in
/// (`w:id`) need one.
fn prefix_of(document: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(document);
    loop {
        match reader.read_event().ok()? {
            quick_xml::events::Event::Start(root) | quick_xml::events::Event::Empty(root) => {
                return root.attributes().flatten().find_map(|a| {
                    if a.value.as_ref() != MAIN_NS {
                        return None;
                    }
                    let key: &str = a.key.as_ref();
                    key.strip_prefix("xmlns:").map(|p| format!("{p}:"))
                });
            }
            quick_xml::events::Event::Eof => return None,
            _ => {}
        }
    }
}

/// The part name of the comments a document's relationships name, if any.
fn comments_target(rels: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(rels);
    loop {
        match reader.read_event().ok()? {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)
                if e.local_name().as_ref() == "Relationship" =>
            {
                let value = |name: &str| {
                    e.attributes().flatten().find(|a| a.key.as_ref() == name).map(|a| a.value.into_owned())
                };
                if value("Type").as_deref() == Some(COMMENTS_REL) {
                    let target = value("Target")?;
                    return Some(match target.strip_prefix('/') {
                        Some(absolute) => absolute.to_string(),
                        None => format!("word/{target}"),
                    });
                }
            }
            quick_xml::events::Event::Eof => return None,
            _ => {}
        }
    }
}

/// The document's relationships with one to `comments.xml` added, under an ID not yet taken.
fn with_comments_relationship(rels: Option<&str>) -> String {
    const EMPTY: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"></Relationships>";
    let rels = rels.unwrap_or(EMPTY);
    let mut n = 1;
    while rels.contains(&format!("\"rId{n}\"")) {
        n += 1;
    }
    let relationship = format!(r#"<Relationship Id="rId{n}" Type="{COMMENTS_REL}" Target="comments.xml"/>"#);
    match rels.rfind("</Relationships>") {
        Some(at) => format!("{}{relationship}{}", &rels[..at], &rels[at..]),
        // `<Relationships/>`: nothing in it yet.
        None => rels.replacen("/>", &format!(">{relationship}</Relationships>"), 1),
    }
}

/// `[Content_Types].xml` with an override naming `part` as comments.
fn with_override(types: &str, part: &str) -> Option<String> {
    let entry = format!(r#"<Override PartName="{part}" ContentType="{COMMENTS_TYPE}"/>"#);
    let at = types.rfind("</Types>")?;
    Some(format!("{}{entry}{}", &types[..at], &types[at..]))
}

/// A part of the archive as text, `None` when absent.
fn text_part(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> std::result::Result<Option<String>, String> {
    let mut file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("{name}: {e}")),
    };
    let mut text = String::new();
    file.read_to_string(&mut text).map_err(|e| format!("{name}: {e}"))?;
    Ok(Some(text))
}

/// The archive again, its parts in their order, those in `replaced` with new content (deflated)
/// and the rest copied as they are; replaced parts it did not hold are added at the end.
fn rezip(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    replaced: &[(String, String)],
) -> zip::result::ZipResult<Vec<u8>> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut written = vec![false; replaced.len()];
    for i in 0..archive.len() {
        let file = archive.by_index_raw(i)?;
        let name = file.name()?.into_owned();
        match replaced.iter().position(|(replacing, _)| *replacing == name) {
            Some(r) => {
                drop(file);
                out.start_file(replaced[r].0.as_str(), options)?;
                out.write_all(replaced[r].1.as_bytes())?;
                written[r] = true;
            }
            None => out.raw_copy_file(file)?,
        }
    }
    for ((name, content), _) in replaced.iter().zip(&written).filter(|(_, w)| !**w) {
        out.start_file(name.as_str(), options)?;
        out.write_all(content.as_bytes())?;
    }
    Ok(out.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_go_after_paragraph_properties_and_before_the_paragraph_end() {
        let xml = r#"<w:document xmlns:w="x"><w:body><w:p><w:pPr/><w:r><w:t>a</w:t></w:r></w:p><w:p><w:r><w:t>b</w:t></w:r></w:p></w:body></w:document>"#;
        let first = xml.find("<w:r>").unwrap();
        let first_end = xml.find("</w:p>").unwrap();
        let second = xml.rfind("<w:p>").unwrap() + "<w:p>".len();
        let second_end = xml.rfind("</w:p>").unwrap();
        let paragraphs = [
            Placed { text: Span::new(0, 1), content_start: first, content_end: first_end },
            Placed { text: Span::new(2, 3), content_start: second, content_end: second_end },
        ];
        let out = splice(xml, &paragraphs, &[Anchor { id: 7, paragraphs: Some((0, 1)) }], "w:");
        assert_eq!(
            out,
            r#"<w:document xmlns:w="x"><w:body><w:p><w:pPr/><w:commentRangeStart w:id="7"/><w:r><w:t>a</w:t></w:r></w:p><w:p><w:r><w:t>b</w:t></w:r><w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r></w:p></w:body></w:document>"#
        );
    }

    #[test]
    fn text_is_escaped_and_stripped_of_what_xml_forbids() {
        assert_eq!(text_run("a<b>&c\u{1}\n", "w:"), r#"<w:t xml:space="preserve">a&lt;b&gt;&amp;c </w:t>"#);
    }

    #[test]
    fn relationships_and_content_types_gain_the_comments_part() {
        let rels = r#"<Relationships xmlns="r"><Relationship Id="rId1" Type="t" Target="styles.xml"/></Relationships>"#;
        let added = with_comments_relationship(Some(rels));
        assert!(added.contains(&format!(
            r#"<Relationship Id="rId2" Type="{COMMENTS_REL}" Target="comments.xml"/></Relationships>"#
        )));
        assert_eq!(comments_target(&added).as_deref(), Some("word/comments.xml"));
        let types = with_override(
            r#"<Types xmlns="t"><Default Extension="xml" ContentType="application/xml"/></Types>"#,
            "/word/comments.xml",
        )
        .unwrap();
        assert!(types
            .ends_with(&format!(r#"<Override PartName="/word/comments.xml" ContentType="{COMMENTS_TYPE}"/></Types>"#)));
    }

    #[test]
    fn existing_comments_keep_their_ids() {
        let xml = r#"<w:comments xmlns:w="x"><w:comment w:id="3" w:author="a"><w:p/></w:comment></w:comments>"#;
        assert_eq!(max_id(xml), Some(3));
        let added = append_comments(xml, "<w:comment w:id=\"4\"/>").unwrap();
        assert!(added.ends_with(r#"</w:comment><w:comment w:id="4"/></w:comments>"#), "{added}");
        assert_eq!(prefix_of(&format!(r#"<w:document xmlns:w="{MAIN_NS}"/>"#)).as_deref(), Some("w:"));
        assert_eq!(prefix_of(&format!(r#"<document xmlns="{MAIN_NS}"/>"#)), None);
    }
}
