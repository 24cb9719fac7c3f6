//! The command line: output formats, and clear errors with a non-zero exit for bad input.

use std::process::{Command, Output};

fn zhengce(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhengce")).args(args).output().expect("run zhengce")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn parse_json_follows_the_contract() {
    let out = zhengce(&["parse", "corpus/liaoning-2016-alliance-pilot.txt", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    insta::assert_json_snapshot!("parse_liaoning", json);
}

#[test]
fn parse_text_is_an_outline() {
    let out = zhengce(&["parse", "corpus/baoding-2018-18.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    insta::assert_snapshot!("outline_baoding", String::from_utf8(out.stdout).unwrap());
}

#[test]
fn normalize_prints_mainland_simplified_text_and_keys() {
    let out = zhengce(&["normalize", "corpus/most-2009-648.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("实行知识产权共享") && text.contains("等文件的规定"));
    let out = zhengce(&["normalize", "--key", "corpus/most-2009-648.txt"]);
    let key = String::from_utf8(out.stdout).unwrap();
    assert!(key.contains("联盟成立应当符合以下基本条件要由企业大学和科研机构等多个独立法人组成"), "{key}");
}

#[test]
fn segment_uses_the_policy_dictionary() {
    let out = zhengce(&["segment", "corpus/tianjin-binhai-2012-8.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let words: Vec<&str> = text.split_whitespace().collect();
    for word in ["产学研", "知识产权", "法定代表人", "产业技术创新战略联盟"] {
        assert!(words.contains(&word), "{word} is not one token");
    }
}

#[test]
fn graph_exports_dot_and_graphml() {
    let out = zhengce(&["graph", "corpus", "--format", "dot"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dot = String::from_utf8(out.stdout).unwrap();
    assert!(dot.starts_with("digraph {") && dot.contains("label=\"repeals\""), "{}", &dot[..200]);
    let out = zhengce(&["graph", "corpus", "--format", "graphml"]);
    let graphml = String::from_utf8(out.stdout).unwrap();
    assert!(graphml.contains("<graphml") && graphml.contains("cites:basis"));
}

#[test]
fn cite_text_lists_citations_with_targets() {
    let out = zhengce(&["cite", "corpus/zhejiang-2010-alliance-notice.txt", "corpus/most-2009-648.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("basis      国科发政〔2009〕648号《关于推动产业技术创新战略联盟构建与发展的实施办法》 -> corpus/most-2009-648.txt"), "{text}");
}

#[test]
fn align_json_follows_the_contract() {
    let out =
        zhengce(&["align", "corpus/most-2009-648.txt", "corpus/liaoning-2016-alliance-pilot.txt", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    insta::assert_json_snapshot!("align_liaoning", json);
}

#[test]
fn graph_derive_adds_derives_edges_from_local_units_to_national_units() {
    let out = zhengce(&["graph", "corpus", "--derive"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let derives = json["edges"].as_array().unwrap().iter().filter(|e| e["kind"] == "derives");
    assert!(derives
        .clone()
        .any(|e| e["from"] == "corpus/liaoning-2016-alliance-pilot.txt#art2"
            && e["to"] == "corpus/most-2009-648.txt#art1"));
    assert!(derives.clone().all(|e| !e["to"].as_str().unwrap().starts_with("corpus/baoding")));
}

#[test]
fn diff_json_follows_the_contract() {
    let out =
        zhengce(&["diff", "corpus/most-2009-648.txt", "corpus/zhejiang-2010-alliance-notice.txt", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    insta::assert_json_snapshot!("diff_zhejiang", json);
}

#[test]
fn diff_html_is_a_standalone_page() {
    let out = zhengce(&["diff", "corpus/most-2009-648.txt", "corpus/baoding-2018-18.txt", "--format", "html"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<del>") && html.contains("<ins>"));
    assert!(!html.contains("../docs/"), "no links to pages that do not exist");
}

#[test]
fn report_is_byte_identical_whatever_the_thread_count() {
    let base = std::env::temp_dir().join(format!("zhengce-determinism-{}", std::process::id()));
    let mut outputs = Vec::new();
    for threads in ["1", "2", "4"] {
        let out = base.join(threads);
        let status = Command::new(env!("CARGO_BIN_EXE_zhengce"))
            .args(["report", "corpus", "--out", out.to_str().unwrap()])
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(status.status.success(), "{}", stderr(&status));
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        for dir in ["", "docs", "pairs"] {
            for entry in std::fs::read_dir(out.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.is_file() {
                    files.push((path.strip_prefix(&out).unwrap().display().to_string(), std::fs::read(&path).unwrap()));
                }
            }
        }
        files.sort();
        outputs.push(files);
    }
    for other in &outputs[1..] {
        let differing: Vec<&String> = outputs[0].iter().zip(other).filter(|(a, b)| a != b).map(|(a, _)| &a.0).collect();
        assert!(differing.is_empty() && outputs[0].len() == other.len(), "differ: {differing:?}");
    }
    std::fs::remove_dir_all(&base).unwrap();
}

#[test]
fn a_reader_closing_the_pipe_early_is_not_an_error() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(["parse", "corpus/tianjin-binhai-2012-8.txt", "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}
