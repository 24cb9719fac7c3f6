//! The bad-input matrix and output safety: every hostile or broken input gets the right parse or a
//! clear error naming the file with exit code 2 — never a panic, a hang or silent loss — and
//! `report` writes only under `--out`, with sanitised names, deleting nothing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

fn zhengce(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhengce")).args(args).output().expect("run zhengce")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs `zhengce parse FILE --format json` and returns the JSON.
fn parse_json(path: &Path) -> serde_json::Value {
    let out = zhengce(&["parse", path.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success(), "{}: {}", path.display(), stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Asserts a refusal: exit 2, one line on stderr naming the file and containing `problem`, no
/// panic message.
fn assert_refused(out: &Output, file: &str, problem: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.starts_with("zhengce: ") && err.contains(file) && err.contains(problem), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.stdout.is_empty(), "nothing is printed for refused input");
}

fn write(dir: &TempDir, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    path
}

const MEASURE: &str = "关于推动产业技术创新战略联盟构建的指导意见\r\n\
第一条 为贯彻落实《国家中长期科学和技术发展规划纲要》，制定本意见。\r\n\
第二条 联盟应当具备下列条件：\r\n\
（一）由企业、大学和科研机构组成，成员不少于10家；\r\n\
（二）有联盟协议。\r\n\
第三条 本意见自发布之日起施行。\r\n";

#[test]
fn empty_file_is_refused() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "empty.txt", b"");
    assert_refused(&zhengce(&["parse", path.to_str().unwrap()]), "empty.txt", "the file is empty");
}

#[test]
fn binary_data_is_refused() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "blob.txt", (0u8..=255).cycle().take(5000).collect::<Vec<_>>());
    assert_refused(&zhengce(&["parse", path.to_str().unwrap()]), "blob.txt", "binary data");
}

#[test]
fn truncated_utf8_is_refused_with_the_byte_offset() {
    let dir = TempDir::new().unwrap();
    let bytes = format!("{}附", MEASURE.repeat(3)).into_bytes();
    let path = write(&dir, "cut.txt", &bytes[..bytes.len() - 1]);
    let out = zhengce(&["parse", path.to_str().unwrap()]);
    assert_refused(&out, "cut.txt", "truncated UTF-8: the file ends inside a character at byte");
}

#[test]
fn damaged_utf8_in_the_middle_is_refused_not_misread_as_gb18030() {
    let dir = TempDir::new().unwrap();
    let mut bytes = MEASURE.repeat(3).into_bytes();
    let middle = bytes.len() / 2;
    bytes[middle] = 0xff;
    let path = write(&dir, "damaged.txt", bytes);
    assert_refused(&zhengce(&["parse", path.to_str().unwrap()]), "damaged.txt", "invalid UTF-8 at byte");
}

#[test]
fn every_encoding_gives_the_structure_of_utf8() {
    let dir = TempDir::new().unwrap();
    let text = fs::read_to_string("corpus/most-2009-648.txt").unwrap();
    let utf16 = |le: bool| -> Vec<u8> {
        text.encode_utf16().flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() }).collect()
    };
    let with_bom = |bom: &[u8], body: Vec<u8>| [bom.to_vec(), body].concat();
    let variants: Vec<(&str, Vec<u8>, &str)> = vec![
        ("gb18030.txt", encoding_rs::GB18030.encode(&text).0.into_owned(), "gb18030"),
        ("utf16le-bom.txt", with_bom(b"\xff\xfe", utf16(true)), "utf-16le"),
        ("utf16be-bom.txt", with_bom(b"\xfe\xff", utf16(false)), "utf-16be"),
        ("utf16le.txt", utf16(true), "utf-16le"),
        ("utf8-bom.txt", with_bom(b"\xef\xbb\xbf", text.clone().into_bytes()), "utf-8-bom"),
    ];
    let reference = parse_json(&write(&dir, "utf8.txt", &text));
    for (name, bytes, encoding) in variants {
        let json = parse_json(&write(&dir, name, bytes));
        assert_eq!(json["encoding"], encoding, "{name}");
        assert_eq!(json["units"], reference["units"], "{name}: same units, same offsets");
        for field in ["boilerplate", "title", "doc_number", "issuer", "date", "script", "numbering_issues"] {
            assert_eq!(json[field], reference[field], "{name}: {field}");
        }
    }
}

#[test]
fn a_directory_is_refused() {
    assert_refused(&zhengce(&["parse", "corpus"]), "corpus", "is a directory");
}

#[test]
fn a_missing_file_is_refused() {
    let out = zhengce(&["parse", "corpus/no-such-file.txt"]);
    assert_refused(&out, "corpus/no-such-file.txt", "no such file");
}

#[test]
fn a_100_mb_file_is_refused_until_the_limit_is_raised() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("dump.txt");
    // Sparse: 100 MB of NUL without writing them.
    fs::File::create(&path).unwrap().set_len(100 * 1024 * 1024).unwrap();
    let file = path.to_str().unwrap();
    assert_refused(
        &zhengce(&["parse", file]),
        "dump.txt",
        "over the limit of 67108864 bytes (raise it with --max-file-size)",
    );
    // Raised, the file is read in full and judged on its content.
    assert_refused(&zhengce(&["--max-file-size", "200000000", "parse", file]), "dump.txt", "binary data");
}

#[test]
fn the_size_limit_can_be_lowered() {
    let out = zhengce(&["parse", "corpus/most-2009-648.txt", "--max-file-size", "100"]);
    assert_refused(&out, "most-2009-648.txt", "over the limit of 100 bytes");
}

fn articles(doc: &zhengce::Document) -> usize {
    doc.all_units().iter().filter(|u| u.kind == zhengce::UnitKind::Article).count()
}

/// 20,000 lines cycling through every numbering level, with a restart now and then.
fn deeply_numbered(lines: usize) -> String {
    let mut text = String::from("关于试行的办法\n");
    let cn = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    for i in 0..lines {
        let n = i % 10;
        let line = match i % 5 {
            0 => format!("第{}条 联盟应当具备下列条件：", i / 5 + 1),
            1 => format!("（{}）成员不少于{}家；", cn[n], i % 97),
            2 => format!("{}. 有联盟协议；", n + 1),
            3 => format!("({}) 有固定的人员；", n + 1),
            _ => format!("{} 研发投入不低于{}%。", char::from_u32(0x2460 + n as u32).unwrap(), i % 60),
        };
        text.push_str(&line);
        text.push('\n');
    }
    text
}

#[test]
fn twenty_thousand_lines_of_nested_numbering_parse_losslessly() {
    let text = deeply_numbered(20_000);
    let doc = zhengce::parse::parse_text(Path::new("deep.txt"), text.clone(), zhengce::model::Encoding::Utf8);
    doc.check_lossless().unwrap();
    assert_eq!(articles(&doc), 4_000);
    let depth = |id: &zhengce::UnitId| id.to_string().matches('_').count();
    assert!(doc.all_units().iter().all(|u| depth(&u.id) < 12), "nesting stays bounded by the numbering styles");
    // And through the command line as JSON.
    let dir = TempDir::new().unwrap();
    let json = parse_json(&write(&dir, "deep.txt", &text));
    let top_level_articles = json["units"].as_array().unwrap().iter().filter(|u| u["kind"] == "article").count();
    assert_eq!(top_level_articles, 4_000);
}

#[test]
fn a_line_of_10_mb_parses_losslessly() {
    let dir = TempDir::new().unwrap();
    let sentence = "联盟成员应当按照协议约定开展产学研合作，共同承担科技项目，";
    let long_line = sentence.repeat(10 * 1024 * 1024 / sentence.len());
    let text = format!("关于联盟的通知\n第一条 {long_line}。\n第二条 本通知自发布之日起施行。\n");
    let doc = zhengce::parse::parse_text(Path::new("long.txt"), text.clone(), zhengce::model::Encoding::Utf8);
    doc.check_lossless().unwrap();
    assert_eq!(articles(&doc), 2);
    let first = &doc.units[1];
    assert_eq!(doc.slice(first.span).trim_end(), format!("第一条 {long_line}。"), "the whole line is one article");
    let out = zhengce(&["cite", write(&dir, "long.txt", &text).to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn control_characters_and_nul_are_kept_and_never_reach_opencc() {
    let dir = TempDir::new().unwrap();
    // Traditional text, so that the converter really runs over the NULs.
    let text = "關於推動聯盟的辦法\n第一條\u{0}為了規範\u{1b}[0m管理，\u{7}制定本辦法。\n第二條 本辦法自發布之日起施行。\u{0}\n";
    let path = write(&dir, "nul.txt", text);
    let doc = zhengce::parse::parse_file(&path, u64::MAX).unwrap();
    doc.check_lossless().unwrap();
    assert_eq!(articles(&doc), 2);
    let out = zhengce(&["normalize", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let simplified = String::from_utf8(out.stdout).unwrap();
    assert!(simplified.contains("为了规范") && simplified.contains("制定本办法"), "{simplified}");
    assert!(!simplified.contains('\0'));
}

/// Every file under `dir`, relative to it.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    found.sort();
    found
}

#[test]
fn report_writes_only_under_out_with_safe_names_and_deletes_nothing() {
    let work = TempDir::new().unwrap();
    let corpus = work.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    let national = fs::read("corpus/most-2009-648.txt").unwrap();
    let local = fs::read("corpus/liaoning-2016-alliance-pilot.txt").unwrap();
    // Hostile names: traversal-looking, markup, spaces, and two files with the same stem.
    let hostile = "<script>alert(1)</script>第一条 联盟成员不少于5家。\n".as_bytes();
    for (name, bytes) in [
        ("most.txt", &national[..]),
        ("..liaoning.txt", &local[..]),
        ("a b&<c>.txt", &local[..]),
        ("a b&<c>.md", &local[..]),
        ("..txt", hostile),
    ] {
        fs::write(corpus.join(name), bytes).unwrap();
    }
    let out = work.path().join("out");
    fs::create_dir_all(out.join("pairs")).unwrap();
    fs::write(out.join("keep.txt"), "mine").unwrap();
    fs::write(out.join("pairs").join("notes.html"), "mine").unwrap();
    let before_outside = files_under(work.path()).into_iter().filter(|p| !p.starts_with("out")).collect::<Vec<_>>();

    let run = zhengce(&["report", corpus.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));

    let after_outside = files_under(work.path()).into_iter().filter(|p| !p.starts_with("out")).collect::<Vec<_>>();
    assert_eq!(before_outside, after_outside, "nothing written outside --out");
    assert_eq!(fs::read_to_string(out.join("keep.txt")).unwrap(), "mine");
    assert_eq!(fs::read_to_string(out.join("pairs").join("notes.html")).unwrap(), "mine");
    let written = files_under(&out);
    let docs: Vec<String> = written
        .iter()
        .filter(|p| p.starts_with("docs"))
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(docs.len(), 5, "one page per document, no collisions: {docs:?}");
    for name in &docs {
        let stem = name.strip_suffix(".html").unwrap();
        assert!(stem.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-'), "unsafe name {name}");
        assert!(!stem.starts_with('.'), "hidden or traversing name {name}");
    }
    for file in written.iter().filter(|p| p.extension().is_some_and(|e| e == "html")) {
        let html = fs::read_to_string(out.join(file)).unwrap();
        assert!(!html.contains("<script>alert"), "{}: document text is escaped", file.display());
    }
    let hostile_page = fs::read_to_string(out.join("docs").join("document.html")).unwrap();
    assert!(hostile_page.contains("&lt;script&gt;alert(1)"), "the markup is shown as text");
}

#[test]
fn report_refuses_an_out_path_that_is_a_file() {
    let work = TempDir::new().unwrap();
    let out = write(&work, "taken", "mine");
    let run = zhengce(&["report", "corpus", "--out", out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(stderr(&run).contains("taken"), "{}", stderr(&run));
    assert_eq!(fs::read_to_string(&out).unwrap(), "mine");
}
