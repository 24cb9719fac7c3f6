//! The Word redline of `zhengce check --format docx` on a Word draft (`tests/fixtures/docx/
//! draft-road-traffic.docx`, made by `make-office-fixtures.py` from the planted draft of
//! tests/check.rs, 第X条 by automatic numbering): every part well-formed and declared, every
//! finding a comment anchored on the text it is about with the source text in it, and the file
//! read back by LibreOffice with every comment and its range (skipped where LibreOffice is not
//! installed, but never under CI).

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use quick_xml::events::Event;
use zhengce::check::check_in;
use zhengce::i18n::Lang;
use zhengce::library::Library;
use zhengce::source::DEFAULT_MAX_FILE_SIZE;

const DRAFT: &str = "tests/fixtures/docx/draft-road-traffic.docx";
const LAW: &str = "tests/fixtures/check/road-traffic-law.md";

/// The redline and the findings it was made from: (draft text of each finding, its message).
fn redline(lang: Lang) -> (Vec<u8>, Vec<(String, String)>) {
    let library = Library::load(&[PathBuf::from(DRAFT), PathBuf::from(LAW)], DEFAULT_MAX_FILE_SIZE).unwrap();
    let draft = library.docs.iter().position(|d| d.path == Path::new(DRAFT)).unwrap();
    let report = check_in(&library, draft, &[1 - draft]);
    let bytes = std::fs::read(DRAFT).unwrap();
    let redline = zhengce::redline::write(Path::new(DRAFT), &bytes, &report, lang).unwrap();
    assert_eq!(redline.comments, report.findings.len());
    let findings = report
        .findings
        .iter()
        .map(|f| (report.draft.slice(f.span.unwrap()).to_string(), f.message(&report, lang)))
        .collect();
    (redline.bytes, findings)
}

fn parts(docx: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut parts = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut text = String::new();
        if file.read_to_string(&mut text).is_ok() {
            parts.insert(file.name().unwrap().into_owned(), text);
        }
    }
    parts
}

/// Reads `xml` to its end: quick-xml checks that tags nest and close.
fn well_formed(name: &str, xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{name} is not well-formed: {e}"),
        }
    }
}

/// The text of the runs between each `commentRangeStart` and its `commentRangeEnd`, by ID; and
/// checks that a range starts only after its paragraph's properties.
fn commented_text(document: &str) -> BTreeMap<String, String> {
    let mut reader = quick_xml::Reader::from_str(document);
    let (mut open, mut done): (BTreeMap<String, String>, BTreeMap<String, String>) = Default::default();
    let mut in_text = false;
    let mut paragraph_content_started = false;
    loop {
        let event = reader.read_event().unwrap();
        let id = |e: &quick_xml::events::BytesStart| {
            e.attributes().flatten().find(|a| a.key.local_name().as_ref() == "id").unwrap().value.into_owned()
        };
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "p" => paragraph_content_started = false,
                "pPr" => assert!(!paragraph_content_started, "paragraph properties after content"),
                "commentRangeStart" => {
                    paragraph_content_started = true;
                    open.insert(id(e), String::new());
                }
                "commentRangeEnd" => {
                    let id = id(e);
                    done.insert(id.clone(), open.remove(&id).expect("a range ends that started"));
                }
                "t" => in_text = matches!(event, Event::Start(_)),
                _ => paragraph_content_started = true,
            },
            Event::End(e) if e.local_name().as_ref() == "t" => in_text = false,
            Event::Text(t) if in_text => {
                let text = t.xml10_content().into_owned();
                open.values_mut().for_each(|range| range.push_str(&text));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(open.is_empty(), "ranges never ended: {open:?}");
    done
}

/// A draft's text without the numbering label Word generates (`第二条 `), which no run holds.
fn without_label(text: &str) -> &str {
    let label = regex::Regex::new(r"^第[一二三四五六七八九十百零]+条\s*").unwrap();
    label.find(text).map_or(text, |m| &text[m.end()..])
}

#[test]
fn each_finding_is_a_comment_on_its_text_in_a_well_formed_package() {
    let (docx, findings) = redline(Lang::Zh);
    assert_eq!(findings.len(), 10, "the planted defects of tests/check.rs");
    let parts = parts(&docx);
    for (name, xml) in parts.iter().filter(|(n, _)| n.ends_with(".xml") || n.ends_with(".rels")) {
        well_formed(name, xml);
    }
    let types = &parts["[Content_Types].xml"];
    assert!(types.contains(r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>"#));
    assert!(parts["word/_rels/document.xml.rels"].contains(
        r#"Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml""#
    ));
    // Every other part is the draft's, unchanged.
    let original = self::parts(&std::fs::read(DRAFT).unwrap());
    for (name, text) in &original {
        if !matches!(name.as_str(), "word/document.xml" | "word/_rels/document.xml.rels" | "[Content_Types].xml") {
            assert_eq!(&parts[name], text, "{name} changed");
        }
    }
    let ranges = commented_text(&parts["word/document.xml"]);
    assert_eq!(ranges.len(), findings.len());
    let comments = &parts["word/comments.xml"];
    for (i, (draft_text, message)) in findings.iter().enumerate() {
        let range = &ranges[&i.to_string()];
        assert!(range.contains(without_label(draft_text)), "comment {i} on {range:?}, not on {draft_text:?}");
        assert!(parts["word/document.xml"].contains(&format!(r#"<w:commentReference w:id="{i}"/>"#)));
        assert!(comments.contains(&format!(r#"<w:comment w:id="{i}" w:author="zhengce""#)));
        assert!(comments.contains(message.as_str()), "{message}");
    }
    // The source text beside the finding: 第九十二条第一款 of the law for the fine of 第八条.
    assert!(comments.contains("上位法原文（《中华人民共和国道路交通安全法》第九十二条第一款）："));
    assert!(comments.contains("处二百元以上五百元以下罚款"));
    assert!(comments.contains("【错误】处罚不在上位法幅度内"));
}

#[test]
fn a_redline_of_a_redline_adds_to_its_comments() {
    // A draft that has comments already (here, zhengce's own) keeps them and their IDs.
    let (docx, findings) = redline(Lang::En);
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.docx");
    std::fs::write(&first, &docx).unwrap();
    let library = Library::load(&[first.clone(), PathBuf::from(LAW)], DEFAULT_MAX_FILE_SIZE).unwrap();
    let draft = library.docs.iter().position(|d| d.path == first).unwrap();
    let report = check_in(&library, draft, &[1 - draft]);
    let again = zhengce::redline::write(&first, &docx, &report, Lang::En).unwrap();
    let parts = parts(&again.bytes);
    let comments = &parts["word/comments.xml"];
    well_formed("word/comments.xml", comments);
    let n = findings.len();
    assert_eq!(comments.matches("<w:comment ").count(), 2 * n);
    assert!(comments.contains(&format!(r#"<w:comment w:id="{}" "#, 2 * n - 1)));
    assert_eq!(commented_text(&parts["word/document.xml"]).len(), 2 * n);
    assert_eq!(parts["[Content_Types].xml"].matches("comments+xml").count(), 1);
    assert_eq!(parts["word/_rels/document.xml.rels"].matches("relationships/comments").count(), 1);
}

#[test]
fn the_command_writes_the_redline_to_out_and_refuses_a_text_draft() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("审查意见.docx");
    let run = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_zhengce")).args(args).output().unwrap();
    let written =
        run(&["check", DRAFT, "--against", LAW, "--format", "docx", "--out", out.to_str().unwrap(), "--lang", "zh"]);
    assert_eq!(written.status.code(), Some(1), "error findings exit 1: {}", String::from_utf8_lossy(&written.stderr));
    assert!(written.stdout.is_empty());
    assert!(String::from_utf8_lossy(&written.stderr).contains("已将 10 条批注写入"));
    assert_eq!(parts(&std::fs::read(&out).unwrap())["word/comments.xml"].matches("<w:comment ").count(), 10);
    let text = run(&[
        "check",
        "tests/fixtures/check/draft-road-traffic.md",
        "--against",
        LAW,
        "--format",
        "docx",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(text.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&text.stderr)
        .contains("draft-road-traffic.md: the Word redline (--format docx) is made from a Word draft"));
    // Redirected, the redline goes to stdout.
    let piped = run(&["check", DRAFT, "--against", LAW, "--format", "docx"]);
    assert!(piped.stdout.starts_with(b"PK\x03\x04"));
}

/// Runs LibreOffice with a profile of its own (another instance may be running), for at most
/// three minutes; `None` when it is not installed.
fn soffice(args: &[&str], profile: &Path) -> Option<std::process::ExitStatus> {
    let mut child = match Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--norestore"])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => panic!("soffice: {e}"),
    };
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        if started.elapsed() > Duration::from_secs(180) {
            let _ = child.kill();
            panic!("soffice did not finish in three minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The text of each annotation (comment) of an OpenDocument text, without its author and date,
/// and how many annotations end a range.
fn annotations(content: &str) -> (Vec<String>, usize) {
    let mut reader = quick_xml::Reader::from_str(content);
    let (mut found, mut ends) = (Vec::new(), 0);
    let (mut depth, mut skip) = (0usize, 0usize);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                if name == "office:annotation" {
                    depth = 1;
                    found.push(String::new());
                } else if depth > 0 {
                    depth += 1;
                    if name.starts_with("dc:") || name == "meta:creator-initials" {
                        skip = depth;
                    }
                }
            }
            Event::End(_) if depth > 0 => {
                if skip == depth {
                    skip = 0;
                }
                depth -= 1;
            }
            Event::Empty(e) if e.name().as_ref() == "office:annotation-end" => ends += 1,
            Event::Text(t) if depth > 0 && skip == 0 => {
                found.last_mut().unwrap().push_str(&t.xml10_content());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (found, ends)
}

#[test]
fn libreoffice_reads_every_comment_back() {
    let (docx, findings) = redline(Lang::Zh);
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("redline.docx");
    std::fs::write(&input, &docx).unwrap();
    let converted = soffice(
        &["--convert-to", "odt", "--outdir", dir.path().to_str().unwrap(), input.to_str().unwrap()],
        &dir.path().join("profile"),
    );
    let Some(status) = converted else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "LibreOffice (soffice) is missing: CI must run the round trip (.ci/run installs libreoffice-writer-nogui)"
        );
        eprintln!(
            "skipped: LibreOffice (soffice) is not installed; apt-get install libreoffice-writer-nogui to run it"
        );
        return;
    };
    assert!(status.success(), "soffice failed: {status}");
    let odt = std::fs::read(dir.path().join("redline.odt")).expect("soffice wrote the OpenDocument file");
    let content = parts(&odt).remove("content.xml").unwrap();
    let (texts, ends) = annotations(&content);
    assert_eq!(texts.len(), findings.len(), "every comment read back");
    assert_eq!(ends, findings.len(), "every comment keeps its range");
    for (_, message) in &findings {
        assert!(texts.iter().any(|t| t.contains(message.as_str())), "lost: {message}\n{texts:#?}");
    }
    assert!(texts.iter().any(|t| t.contains("处二百元以上五百元以下罚款")), "the source text beside the finding");
}

#[test]
fn a_draft_with_tracked_changes_keeps_them_and_its_ids_apart() {
    // tracked.docx: 第一条 为[-鼓励-]{+引导+}企业加大研发投入… with tracked insertions and deletions.
    let path = Path::new("tests/fixtures/docx/tracked.docx");
    let draft = zhengce::parse::parse_file(path, DEFAULT_MAX_FILE_SIZE).unwrap();
    let at = draft.text.find("企业加大研发投入").unwrap();
    let finding = zhengce::check::Finding {
        kind: zhengce::check::FindingKind::UncitedSource,
        unit: None,
        span: Some(zhengce::Span::new(at, at + "企业加大研发投入".len())),
        source: 0,
        source_unit: None,
        text: String::new(),
        detail: None,
        why: zhengce::check::Why::Uncited { units: 2 },
    };
    let report = zhengce::check::Report { draft: &draft, sources: vec![&draft], findings: vec![finding] };
    let bytes = std::fs::read(path).unwrap();
    let redline = zhengce::redline::write(path, &bytes, &report, Lang::Zh).unwrap();
    let parts = parts(&redline.bytes);
    let document = &parts["word/document.xml"];
    let ranges = commented_text(document);
    let (id, range) = ranges.iter().next().unwrap();
    assert!(range.contains("引导企业加大研发投入"), "{range}");
    // The comment's ID is none of the tracked changes'.
    let change_ids: Vec<u64> = regex::Regex::new(r#"<w:(?:ins|del) w:id="(\d+)""#)
        .unwrap()
        .captures_iter(document)
        .map(|c| c[1].parse().unwrap())
        .collect();
    assert!(!change_ids.is_empty());
    assert!(change_ids.iter().all(|c| c.to_string() != *id), "{id} among {change_ids:?}");
    // The tracked changes are still there for the drafter to accept or reject.
    assert!(
        document.contains(">鼓励</w:t></w:r></w:del>") && document.contains(">引导</w:t></w:r></w:ins>"),
        "{document}"
    );
}
