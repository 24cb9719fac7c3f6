//! A library of many sources and versions (`tests/fixtures/library`, real LawRefBook texts): a
//! law in two versions, the 实施办法 of three provinces, and a regulation resting on a law it does
//! not name in its title. Metadata, versions, citations in force, sources and the report.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use zhengce::graph::CorpusGraph;
use zhengce::library::{Detail, Library, Scope};
use zhengce::model::{Level, Relation, Target, Tie};
use zhengce::source::DEFAULT_MAX_FILE_SIZE;

const LIBRARY: &str = "tests/fixtures/library";

fn library() -> Library {
    Library::load(&[PathBuf::from(LIBRARY)], DEFAULT_MAX_FILE_SIZE).unwrap()
}

fn name(library: &Library, d: usize) -> String {
    library.docs[d].path.strip_prefix(LIBRARY).unwrap().display().to_string()
}

fn find(library: &Library, part: &str) -> usize {
    library.docs.iter().position(|d| d.path.to_string_lossy().contains(part)).unwrap()
}

#[test]
fn metadata_of_laws_and_local_regulations() {
    let library = library();
    let docs: Vec<Value> = library
        .docs
        .iter()
        .enumerate()
        .map(|(d, doc)| {
            let f = &doc.front;
            json!({
                "file": name(&library, d),
                "title": f.title, "level": f.level.map(Level::as_str), "kind": f.kind.map(|k| k.as_str()),
                "jurisdiction": f.jurisdiction, "issuer": f.issuer, "date": f.date, "effective": f.effective,
                "version_of": library.versions.previous(d).map(|p| name(&library, p)),
            })
        })
        .collect();
    insta::assert_json_snapshot!("library_metadata", docs);
}

#[test]
fn citations_resolve_to_the_version_in_force() {
    let library = library();
    let (old, new) = (find(&library, "农业技术推广法(2012"), find(&library, "农业技术推广法(2024"));
    assert_eq!(library.versions.of_doc(new), [old, new]);
    // Each 实施办法 predates the 2024 revision, so it implements the 2012 version.
    for local in ["北京/", "上海/", "浙江/浙江省实施"] {
        let l = find(&library, local);
        let law: Vec<(Relation, Option<usize>)> = library.resolved[l]
            .iter()
            .filter(|r| {
                r.citation.target == Target::Document
                    && r.citation.title.as_deref().is_some_and(|t| t.contains("农业技术推广法"))
            })
            .map(|r| (r.citation.relation, r.document))
            .collect();
        assert!(!law.is_empty(), "{local}");
        for (relation, document) in law {
            assert_eq!(document, Some(old), "{local}: the version in force at its date");
            assert!(matches!(relation, Relation::Basis | Relation::Implements), "{local}: {relation:?}");
        }
        assert_eq!(library.cited_sources(l), [old], "{local}");
    }
    // A document with no date cites the latest version.
    let mut undated = self::library();
    let l = find(&undated, "上海/");
    undated.docs[l].front.date = None;
    let Library { docs, .. } = undated;
    let relinked = Library::new(docs);
    assert!(relinked.cited_sources(l).contains(&new));
}

#[test]
fn sources_edges_and_versions_make_the_graph() {
    let library = library();
    let comparison = library.compare(&library.plan(Scope::Sources), Detail::Links, |_| Ok(())).unwrap();
    // Every local document derives first of all from a national one.
    for local in ["北京/", "上海/", "浙江/浙江省实施", "浙江/浙江省农业机械化"] {
        let l = find(&library, local);
        let top =
            comparison.sources_of(l).max_by_key(|p| p.links.len()).unwrap_or_else(|| panic!("{local}: no source"));
        assert_eq!(library.docs[top.source].front.level, Some(Level::National), "{local}");
        assert!(!top.links.is_empty(), "{local}");
    }
    let pairs: Vec<Value> = comparison
        .pairs
        .iter()
        .map(|p| json!([p.tie.as_str(), name(&library, p.local), name(&library, p.source), !p.links.is_empty()]))
        .collect();
    insta::assert_json_snapshot!("library_pairs", pairs);
    let graph = CorpusGraph::build(&library, comparison.edges()).to_json();
    let edges: Vec<Value> = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| matches!(e["kind"].as_str(), Some("supersedes" | "cites")))
        .map(|e| {
            json!([
                e["kind"],
                e["from"].as_str().unwrap().strip_prefix(LIBRARY),
                e["to"].as_str().unwrap().strip_prefix(LIBRARY),
                e.get("relation")
            ])
        })
        .collect();
    insta::assert_json_snapshot!("library_document_edges", edges);
    assert!(comparison.pairs.iter().all(|p| p.tie == Tie::Derives || p.local != p.source));
}

#[test]
fn the_report_of_a_library_pairs_each_local_document_with_its_sources() {
    let out = std::env::temp_dir().join(format!("zhengce-library-report-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let options = zhengce::report::Options {
        corpus: vec![PathBuf::from(LIBRARY)],
        national: None,
        out: out.clone(),
        max_file_size: DEFAULT_MAX_FILE_SIZE,
        lang: zhengce::i18n::Lang::En,
    };
    let summary = zhengce::report::run(&options).unwrap();
    assert_eq!(summary.documents, 7);
    let pairs: Vec<String> = std::fs::read_dir(out.join("pairs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".html"))
        .collect();
    assert_eq!(pairs.len(), summary.pairs);
    for local in ["北京市实施", "上海市实施", "浙江省实施", "浙江省农业机械化促进条例"] {
        assert!(pairs.iter().any(|p| p.contains(&format!("--{local}"))), "{local}: {pairs:?}");
    }
    for file in walk(&out) {
        let name = file.file_name().unwrap().to_string_lossy();
        assert!(name.len() <= 255, "{name}: too long for a file system");
    }
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("id=\"documents\"") && index.contains("tr class=\"group\""));
    let law = std::fs::read_to_string(out.join("docs").join("农业技术推广法_2012-08-31_.html")).unwrap();
    assert!(law.contains("Derived documents") && law.contains("Versions, oldest first"), "neighbourhood of the law");
    std::fs::remove_dir_all(&out).unwrap();
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// A draft that cites an older version by the number only that version states gets a
/// `cites_superseded` warning; citing by title resolves to the version in force and gets none.
#[test]
fn a_draft_citing_a_replaced_version_is_warned() {
    let dir = tempfile::TempDir::new().unwrap();
    let version = |date: &str, order: &str| {
        format!(
            "# 某某管理条例\n\n{date} 中华人民共和国国务院令第{order}号公布\n\n<!-- INFO END -->\n\n第一条 为了加强某某管理，制定本条例。\n\n第二条 违反本条例规定的，处五千元以上五万元以下罚款。\n"
        )
    };
    std::fs::write(dir.path().join("old.md"), version("2010年1月9日", "569")).unwrap();
    std::fs::write(dir.path().join("new.md"), version("2023年12月11日", "769")).unwrap();
    let draft = dir.path().join("draft.txt");
    std::fs::write(
        &draft,
        "某市某某管理办法\n第一条 根据《某某管理条例》（国务院令第569号），结合本市实际，制定本办法。\n第二条 违反本办法规定的，处一万元罚款。\n第三条 本办法自2024年3月1日起施行。\n",
    )
    .unwrap();
    let library = Library::load(&[dir.path().to_path_buf()], DEFAULT_MAX_FILE_SIZE).unwrap();
    let d = library.docs.iter().position(|doc| doc.path == draft).unwrap();
    let old = library.docs.iter().position(|doc| doc.path.ends_with("old.md")).unwrap();
    assert_eq!(library.cited_sources(d), [old], "the number names the old version");
    let report = zhengce::check::check_in(&library, d, &library.cited_sources(d));
    let superseded: Vec<_> = report.findings.iter().filter(|f| f.kind.as_str() == "cites_superseded").collect();
    assert_eq!(superseded.len(), 1, "{:?}", report.findings);
    assert!(report.sources[superseded[0].source].path.ends_with("new.md"));
    assert_eq!(superseded[0].severity(), zhengce::check::Severity::Warning);

    std::fs::write(&draft, "某市某某管理办法\n第一条 根据《某某管理条例》，结合本市实际，制定本办法。\n第二条 本办法自2024年3月1日起施行。\n").unwrap();
    let library = Library::load(&[dir.path().to_path_buf()], DEFAULT_MAX_FILE_SIZE).unwrap();
    let d = library.docs.iter().position(|doc| doc.path == draft).unwrap();
    let new = library.docs.iter().position(|doc| doc.path.ends_with("new.md")).unwrap();
    assert_eq!(library.cited_sources(d), [new], "a title names the version in force");
    let report = zhengce::check::check_in(&library, d, &[new]);
    assert!(report.findings.iter().all(|f| f.kind.as_str() != "cites_superseded"));
}
