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
fn missing_file_is_a_clear_error() {
    let out = zhengce(&["parse", "corpus/no-such-file.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out).trim(), "zhengce: corpus/no-such-file.txt: no such file");
}

#[test]
fn directory_is_a_clear_error() {
    let out = zhengce(&["parse", "corpus"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("corpus: is a directory"), "{}", stderr(&out));
}

#[test]
fn size_limit_names_the_flag() {
    let out = zhengce(&["parse", "corpus/most-2009-648.txt", "--max-file-size", "100"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("most-2009-648.txt") && err.contains("--max-file-size"), "{err}");
}

#[test]
fn binary_input_is_refused() {
    let dir = std::env::temp_dir().join(format!("zhengce-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("blob.txt");
    std::fs::write(&path, (0u8..=255).cycle().take(5000).collect::<Vec<_>>()).unwrap();
    let out = zhengce(&["parse", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("blob.txt"), "{}", stderr(&out));
}
