//! The citation expectations of `tests/fixtures/eval/citations.json` (copied from
//! `../shared/eval`), and the citation graph of the corpus.

use std::path::PathBuf;

use serde_json::Value;
use zhengce::cite;
use zhengce::corpus;
use zhengce::graph::CorpusGraph;
use zhengce::library::Library;
use zhengce::model::{Document, Resolved, Target};
use zhengce::source::DEFAULT_MAX_FILE_SIZE;

fn library() -> Library {
    Library::load(&[PathBuf::from("corpus")], DEFAULT_MAX_FILE_SIZE).unwrap()
}

fn corpus() -> (Vec<Document>, Vec<Vec<Resolved>>) {
    let Library { docs, resolved, .. } = library();
    (docs, resolved)
}

fn stem(doc: &Document) -> String {
    doc.path.file_stem().unwrap().to_string_lossy().into_owned()
}

/// Titles compare with either width of brackets.
fn same_title(a: &str, b: &str) -> bool {
    let fold = |s: &str| s.replace('（', "(").replace('）', ")");
    fold(a) == fold(b)
}

#[test]
fn corpus_matches_citation_eval() {
    let eval: Value = serde_json::from_str(include_str!("fixtures/eval/citations.json")).unwrap();
    let (docs, resolved) = corpus();
    let mut failures = Vec::new();
    for (doc, list) in docs.iter().zip(&resolved) {
        let name = stem(doc);
        let expect = &eval[&name];
        let mut fail = |what: String| failures.push(format!("{name}: {what}"));
        let external: Vec<&Resolved> = list.iter().filter(|r| r.citation.target == Target::Document).collect();
        let mut found: Vec<&str> = external
            .iter()
            .filter(|r| !r.citation.malformed)
            .filter_map(|r| r.citation.doc_number.as_deref())
            .collect();
        found.sort();
        found.dedup();
        let mut wanted: Vec<&str> =
            expect["cites"].as_array().unwrap().iter().map(|c| c["doc_number"].as_str().unwrap()).collect();
        wanted.sort();
        if found != wanted {
            fail(format!("numbers: want {wanted:?}, found {found:?}"));
        }
        for want in expect["cites"].as_array().unwrap() {
            let number = want["doc_number"].as_str().unwrap();
            let Some(first) = external.iter().find(|r| r.citation.doc_number.as_deref() == Some(number)) else {
                continue;
            };
            if first.citation.relation.as_str() != want["relation"].as_str().unwrap() {
                fail(format!(
                    "{number}: relation {} instead of {}",
                    first.citation.relation.as_str(),
                    want["relation"]
                ));
            }
            let target = first.document.map(|d| stem(&docs[d]));
            if target.as_deref() != want["resolves_to"].as_str() {
                fail(format!("{number}: resolves to {target:?} instead of {}", want["resolves_to"]));
            }
        }
        if let Some(titles) = expect.get("titles_without_number").and_then(Value::as_array) {
            for title in titles.iter().map(|t| t.as_str().unwrap()) {
                let present = external.iter().any(|r| {
                    r.citation.doc_number.is_none() && r.citation.title.as_deref().is_some_and(|t| same_title(t, title))
                });
                if !present {
                    fail(format!("title without number not found: {title}"));
                }
            }
        }
        for (alias, number) in expect["aliases"].as_object().unwrap() {
            let uses: Vec<&&Resolved> =
                external.iter().filter(|r| r.citation.alias.as_deref() == Some(alias.as_str())).collect();
            if uses.len() < 2 || uses.iter().any(|r| r.citation.doc_number.as_deref() != number.as_str()) {
                fail(format!(
                    "alias {alias}: {} uses, numbers {:?}",
                    uses.len(),
                    uses.iter().map(|r| &r.citation.doc_number).collect::<Vec<_>>()
                ));
            }
        }
        if let Some(own) = expect.get("self").and_then(Value::as_str) {
            if doc.front.doc_number.as_deref() != Some(own) {
                fail(format!("own number {:?} instead of {own}", doc.front.doc_number));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn graph_has_the_cites_and_repeals_edges() {
    let graph = CorpusGraph::build(&library(), []).to_json();
    let edges = graph["edges"].as_array().unwrap();
    let has = |from: &str, to: &str, relation: &str| {
        edges.iter().any(|e| {
            e["kind"] == "cites"
                && e["from"].as_str().unwrap().contains(from)
                && e["to"].as_str().unwrap().contains(to)
                && e["relation"] == relation
        })
    };
    for local in ["liaoning", "tianjin-binhai", "zhejiang"] {
        assert!(has(local, "corpus/most-2009-648.txt", "basis"), "{local} → 648");
    }
    assert!(has("baoding", "external:保政办发〔2016〕11号", "repeals"));
    let nodes = graph["nodes"].as_array().unwrap();
    let national = nodes.iter().find(|n| n["id"] == "corpus/most-2009-648.txt").unwrap();
    assert_eq!(national["kind"], "document");
    assert!(nodes.iter().any(|n| n["kind"] == "unit" && n["id"] == "corpus/most-2009-648.txt#art8/i5"));
}

#[test]
fn internal_references_resolve_to_units() {
    let (docs, resolved) = corpus();
    let national = docs.iter().position(|d| stem(d) == "most-2009-648").unwrap();
    let targets: Vec<(String, String)> = resolved[national]
        .iter()
        .filter_map(|r| match &r.citation.target {
            Target::Internal(Some(unit)) => Some((r.citation.unit.as_ref().unwrap().to_string(), unit.to_string())),
            _ => None,
        })
        .collect();
    // 第十四条（一）符合第八条六项条件的规定。
    assert!(targets.contains(&("art14/i1".to_string(), "art8".to_string())), "{targets:?}");
}

#[test]
fn numbers_in_every_bracket_style_canonicalise() {
    let text = "根据《某办法》（豫科〔2013146号）和国务院令第746号，按照国科发政（２００９）６４８号、国科发政 【2009】 648 號执行。";
    let doc =
        zhengce::parse::parse_text(std::path::Path::new("t.txt"), text.to_string(), zhengce::model::Encoding::Utf8);
    let cites = cite::extract(&doc);
    let summary: Vec<(Option<&str>, &str, bool)> =
        cites.iter().map(|c| (c.doc_number.as_deref(), c.relation.as_str(), c.malformed)).collect();
    assert_eq!(
        summary,
        [
            (Some("豫科〔2013146号"), "basis", true),
            (Some("国务院令第746号"), "basis", false),
            (Some("国科发政〔2009〕648号"), "follows", false),
            (Some("国科发政〔2009〕648号"), "follows", false),
        ]
    );
    assert_eq!(cites[0].title.as_deref(), Some("某办法"));
}

#[test]
fn corpus_toml_adds_metadata_the_text_lacks() {
    let dir = std::env::temp_dir().join(format!("zhengce-manifest-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy("corpus/most-2009-648.txt", dir.join("national.txt")).unwrap();
    std::fs::write(
        dir.join("corpus.toml"),
        "[[document]]\nfile = \"national.txt\"\nnumber = \"国科发政〔2009〕648号\"\nlevel = \"national\"\ndate = \"2009-12-16\"\n",
    )
    .unwrap();
    let docs = corpus::load(std::slice::from_ref(&dir), DEFAULT_MAX_FILE_SIZE).unwrap();
    assert_eq!(docs[0].front.doc_number.as_deref(), Some("国科发政〔2009〕648号"));
    assert_eq!(docs[0].front.date.as_deref(), Some("2009-12-16"));
    std::fs::write(dir.join("corpus.toml"), "[[document]]\nfile = \"national.txt\"\nlevel = \"federal\"\n").unwrap();
    let err = corpus::load(std::slice::from_ref(&dir), DEFAULT_MAX_FILE_SIZE).unwrap_err().to_string();
    assert!(err.contains("corpus.toml") && err.contains("federal"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn levels_are_inferred_from_the_issuer() {
    let (docs, _) = corpus();
    let levels: Vec<(String, &str)> =
        docs.iter().map(|d| (stem(d), d.front.level.map_or("-", |l| l.as_str()))).collect();
    let want = [
        ("baoding-2018-18", "municipal"),
        ("liaoning-2016-alliance-pilot", "provincial"),
        ("most-2009-648", "national"),
        ("tianjin-binhai-2012-8", "municipal"),
        ("zhejiang-2010-alliance-notice", "provincial"),
    ];
    assert_eq!(levels, want.map(|(a, b)| (a.to_string(), b)));
}
