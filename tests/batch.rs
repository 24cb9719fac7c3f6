//! `zhengce batch` and `zhengce pack`: what a map-only engine (Spark's `RDD.pipe`) relies on. One
//! result per input line, in order, whatever else the process was given; bad lines become error
//! records a reader can join on; a process that cannot start says so on stdout too.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::{json, Value};

const NATIONAL: &str = "corpus/most-2009-648.txt";

/// Runs `zhengce ARGS` with `input` on stdin.
fn zhengce(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run zhengce");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn batch(extra: &[&str], input: &[u8]) -> Output {
    let mut args = vec!["batch", "--national", NATIONAL];
    args.extend(extra);
    zhengce(&args, input)
}

fn stdout_lines(out: &Output) -> Vec<String> {
    String::from_utf8(out.stdout.clone()).unwrap().lines().map(str::to_owned).collect()
}

fn records(out: &Output) -> Vec<Value> {
    stdout_lines(out).iter().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The four local measures of the core corpus as `{"id", "text"}` lines.
fn corpus_lines() -> Vec<String> {
    ["baoding-2018-18", "liaoning-2016-alliance-pilot", "tianjin-binhai-2012-8", "zhejiang-2010-alliance-notice"]
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(format!("corpus/{name}.txt")).unwrap();
            json!({"id": name, "text": text}).to_string()
        })
        .collect()
}

#[test]
fn batch_mode_reads_json_lines_through_a_pipe() {
    let liaoning = std::fs::read_to_string("corpus/liaoning-2016-alliance-pilot.txt").unwrap();
    let input = format!(
        "{}\n{}\n",
        json!({"id": "ln", "text": liaoning}),
        json!({"id": "zj", "path": "corpus/zhejiang-2010-alliance-notice.txt"})
    );
    let out = batch(&[], input.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let results = records(&out);
    assert_eq!(results.len(), 2);
    assert_eq!((results[0]["id"].as_str(), results[1]["id"].as_str()), (Some("ln"), Some("zj")));
    let links = results[0]["alignment"]["links"].as_array().unwrap();
    assert!(links.iter().any(|l| l["local_unit"] == "art2" && l["national_unit"] == "art1"));
    let cites_648 = results[0]["citations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["doc_number"] == "国科发政〔2009〕648号" && c["resolves_to"] == "most-2009-648.txt");
    assert!(cites_648, "the citation of the national measure resolves to it, named by its file name");
}

#[test]
fn documents_are_named_by_id_so_a_result_does_not_depend_on_the_other_lines() {
    let lines = corpus_lines();
    let together = batch(&[], (lines.join("\n") + "\n").as_bytes());
    assert!(together.status.success(), "{}", stderr(&together));
    let together = stdout_lines(&together);
    for (line, result) in lines.iter().zip(&together) {
        let alone = batch(&[], format!("{line}\n").as_bytes());
        assert_eq!(stdout_lines(&alone), std::slice::from_ref(result), "a line alone gives what it gives among others");
    }
    let tianjin: Value = serde_json::from_str(&together[2]).unwrap();
    assert_eq!(tianjin["alignment"]["local"], "id:tianjin-binhai-2012-8");
    assert_eq!(tianjin["alignment"]["national"], "most-2009-648.txt");
    assert_eq!(tianjin["diff"]["local"], "id:tianjin-binhai-2012-8");
    assert!(tianjin["alignment"]["links"].as_array().unwrap().len() > 5);

    // A number id is named as JSON; a "path" record is named by its id like a "text" record.
    let by_path = json!({"id": 17, "path": "corpus/tianjin-binhai-2012-8.txt"}).to_string();
    let by_path: Value = serde_json::from_str(&stdout_lines(&batch(&[], by_path.as_bytes()))[0]).unwrap();
    assert_eq!(by_path["alignment"]["local"], "id:17");
    assert_eq!(by_path["alignment"]["links"], tianjin["alignment"]["links"]);
}

#[test]
fn bad_and_blank_lines_become_error_records_and_the_exit_code_stays_0() {
    let good = json!({"id": "ok", "text": "第一条 为推动产业技术创新战略联盟构建，制定本办法。"}).to_string();
    let input = [
        b"not json".to_vec(),
        b"{\"id\": \"cut\", \"text\": \"\xe7\xac\xac\xe4\xb8\x80\xe6\x9d\xa1".to_vec(),
        b"{\"id\": 7}".to_vec(),
        b"".to_vec(),
        b"{\"id\": \"both\", \"text\": \"x\", \"path\": \"y.txt\"}".to_vec(),
        b"{\"id\": \"gone\", \"path\": \"corpus/no-such-measure.txt\"}".to_vec(),
        b"{\"id\": \"\xff\xfe\"}".to_vec(),
        b"   \r".to_vec(),
        format!("{good}\r").into_bytes(),
    ]
    .join(&b'\n');
    let out = batch(&[], &input);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("batch: 8 of 9 input lines failed"), "{}", stderr(&out));
    let results = records(&out);
    assert_eq!(results.len(), 9, "one result per input line, blank lines included");
    let ids: Vec<Value> = results.iter().map(|r| r["id"].clone()).collect();
    let recovered = [json!("cut"), json!(7), Value::Null, json!("both"), json!("gone"), json!("\u{fffd}\u{fffd}")];
    assert_eq!(ids, [&[Value::Null][..], &recovered, &[Value::Null, json!("ok")]].concat());
    let lines: Vec<u64> = results[..8].iter().map(|r| r["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [1, 2, 3, 4, 5, 6, 7, 8]);
    // SHA-256 of the line's bytes, without its end of line (as `sha256sum` and Spark's sha2 give it).
    assert_eq!(results[0]["line_sha256"], "7ccfa1fbf3940e6f0c0375d87c0f9235a50514e14cb427bdfaf5077987b26ccf");
    assert_eq!(results[1]["line_sha256"], "0f9dda5d10ac5fc1050249a65f8a3ac65297c88c743deb5ecbba7940a1eb56a6");
    assert_eq!(results[3]["line_sha256"], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_eq!(results[1]["line_start"], "{\"id\": \"cut\", \"text\": \"第一条");
    assert!(results[8]["error"].is_null() && !results[8]["alignment"]["links"].as_array().unwrap().is_empty());
    let errors: Vec<&str> = results[..8].iter().map(|r| r["error"].as_str().unwrap()).collect();
    insta::assert_json_snapshot!("batch_error_records", errors);
}

#[test]
fn strict_exits_2_when_any_line_failed() {
    let lines = corpus_lines();
    let good = batch(&["--strict"], (lines.join("\n") + "\n").as_bytes());
    assert_eq!(good.status.code(), Some(0), "{}", stderr(&good));
    let bad = batch(&["--strict"], format!("{}\n\n{}\n", lines[0], lines[1]).as_bytes());
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("batch: 1 of 3 input lines failed"), "{}", stderr(&bad));
    assert_eq!(records(&bad).len(), 3, "every line still has its result");
    assert_eq!(stdout_lines(&bad)[0], stdout_lines(&good)[0]);
}

#[test]
fn a_missing_national_document_gives_every_line_an_error_record_and_exit_2() {
    let input = format!("{}\nnot json\n\n", json!({"id": "a", "text": "第一条 总则"}));
    let out = zhengce(&["batch", "--national", "corpus/no-such-national.txt"], input.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("corpus/no-such-national.txt: no such file"), "{}", stderr(&out));
    let results = records(&out);
    assert_eq!(results.len(), 3, "a runner that ignores the exit code still sees every line fail");
    assert_eq!((&results[0]["id"], &results[1]["id"]), (&json!("a"), &Value::Null));
    for result in &results {
        assert_eq!(result["error"], "cannot start: national document corpus/no-such-national.txt: no such file");
    }
}

#[test]
fn threads_sets_the_size_of_the_worker_pool_and_not_the_result() {
    let lines = corpus_lines();
    let input = (lines.join("\n") + "\n").repeat(3);
    let one = batch(&["--threads", "1"], input.as_bytes());
    let three = batch(&["--threads", "3"], input.as_bytes());
    assert!(one.status.success() && three.status.success(), "{}", stderr(&three));
    assert_eq!(one.stdout, three.stdout);
}

/// The pool's threads are counted from /proc while the process waits for input.
#[cfg(target_os = "linux")]
#[test]
fn threads_gives_the_pool_that_many_threads() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores + 3; // never the default, whatever the machine
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(["batch", "--national", NATIONAL, "--threads", &threads.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let tasks = format!("/proc/{}/task", child.id());
    let count = || std::fs::read_dir(&tasks).map_or(0, |d| d.count());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while count() < threads + 1 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let seen = count();
    drop(child.stdin.take());
    assert!(child.wait().unwrap().success());
    assert_eq!(seen, threads + 1, "the main thread and {threads} workers");
}

#[test]
fn pack_turns_a_directory_into_batch_input_decoding_any_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("corpus/baoding-2018-18.txt").unwrap();
    let (gb18030, _, _) = encoding_rs::GB18030.encode(&text);
    std::fs::write(dir.path().join("baoding-gb18030.txt"), &gb18030).unwrap();
    std::fs::write(dir.path().join("README.md"), "not a document").unwrap();
    let dir_arg = dir.path().to_str().unwrap();
    let out = zhengce(&["pack", dir_arg, "corpus/tianjin-binhai-2012-8.txt"], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let packed = records(&out);
    let gb_path = format!("{dir_arg}/baoding-gb18030.txt");
    assert_eq!(
        packed,
        [
            json!({"id": gb_path, "text": text}),
            json!({"id": "corpus/tianjin-binhai-2012-8.txt", "text": std::fs::read_to_string("corpus/tianjin-binhai-2012-8.txt").unwrap()}),
        ]
    );

    // A packed record gives the same result as the file itself under the same id.
    let from_pack = batch(&[], &out.stdout);
    let by_path = format!(
        "{}\n{}\n",
        json!({"id": gb_path, "path": gb_path}),
        json!({"id": "corpus/tianjin-binhai-2012-8.txt", "path": "corpus/tianjin-binhai-2012-8.txt"})
    );
    assert_eq!(from_pack.stdout, batch(&[], by_path.as_bytes()).stdout);
}
