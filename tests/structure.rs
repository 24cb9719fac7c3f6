//! The structure expectations of `tests/fixtures/eval/structure.json` (copied from
//! `../shared/eval`) and of the eleven laws, on the real documents.

use std::path::Path;

use serde_json::Value;
use zhengce::model::{Document, UnitId, UnitKind};
use zhengce::parse::parse_file;
use zhengce::source::DEFAULT_MAX_FILE_SIZE;

fn parse(path: &str) -> Document {
    parse_file(Path::new(path), DEFAULT_MAX_FILE_SIZE).unwrap_or_else(|e| panic!("{e}"))
}

fn count(doc: &Document, kind: UnitKind) -> usize {
    doc.all_units().iter().filter(|u| u.kind == kind).count()
}

#[test]
fn corpus_matches_structure_eval() {
    let eval: Value = serde_json::from_str(include_str!("fixtures/eval/structure.json")).unwrap();
    let mut failures = Vec::new();
    for (name, expect) in eval.as_object().unwrap().iter().filter(|(k, _)| !k.starts_with('_')) {
        let doc = parse(&format!("corpus/{name}.txt"));
        let mut fail = |what: String| failures.push(format!("{name}: {what}"));
        for field in ["title", "doc_number", "date"] {
            let Some(want) = expect.get(field) else { continue };
            let got = match field {
                "title" => doc.front.title.clone(),
                "doc_number" => doc.front.doc_number.clone(),
                _ => doc.front.date.clone(),
            };
            if want.as_str() != got.as_deref() {
                fail(format!("{field}: want {want}, got {got:?}"));
            }
        }
        let articles = count(&doc, UnitKind::Article) as u64;
        if Some(articles) != expect["articles"].as_u64() {
            fail(format!("articles: want {}, got {articles}", expect["articles"]));
        }
        for id in expect["units"].as_array().unwrap() {
            let id = id.as_str().unwrap();
            if doc.find(&UnitId::parse(id).unwrap()).is_none() {
                fail(format!("missing unit {id}"));
            }
        }
        for id in expect["absent"].as_array().unwrap() {
            let id = id.as_str().unwrap();
            if doc.find(&UnitId::parse(id).unwrap()).is_some() {
                fail(format!("unit {id} should not exist"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn corpus_and_laws_are_lossless() {
    let dirs = ["corpus", "tests/fixtures/laws"];
    for dir in dirs {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if !matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "md")) {
                continue;
            }
            if path.file_name().is_some_and(|n| n == "README.md" || n == "SOURCES.md") {
                continue;
            }
            let doc = parse(path.to_str().unwrap());
            doc.check_lossless().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
}

/// Expected counts were derived from the Markdown source, not from the parser: lines starting with
/// `第…条` followed by a space, and `#` heading lines with `第…编/章/节` (see expected.tsv).
#[test]
fn laws_have_the_right_articles_and_chapters() {
    let expected = include_str!("fixtures/laws/expected.tsv");
    let mut failures = Vec::new();
    for line in expected.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let doc = parse(&format!("tests/fixtures/laws/{}", cols[0]));
        let want: Vec<usize> = cols[1..5].iter().map(|c| c.parse().unwrap()).collect();
        let got = [UnitKind::Article, UnitKind::Chapter, UnitKind::Part, UnitKind::Section].map(|k| count(&doc, k));
        if want != got {
            failures.push(format!("{}: want articles/chapters/parts/sections {want:?}, got {got:?}", cols[0]));
        }
        if let Some(title) = cols.get(5) {
            if doc.front.title.as_deref() != Some(*title) {
                failures.push(format!("{}: title {:?}", cols[0], doc.front.title));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
