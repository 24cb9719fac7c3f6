//! The Chinese interface: the report, `check` (text and HTML) and the messages in Chinese, with no
//! English word left on a Chinese page; the language chosen by `--lang` or by the locale; JSON
//! the same in every language.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Node, Selector};
use zhengce::i18n::Lang;
use zhengce::report::{run, Options};
use zhengce::source::DEFAULT_MAX_FILE_SIZE;

const CHECK: &str = "tests/fixtures/check";

/// Runs zhengce with the locale given (and no other locale variable).
fn zhengce_in(locale: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_zhengce"));
    for var in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        command.env_remove(var);
    }
    command.envs(locale.iter().copied()).args(args).output().expect("run zhengce")
}

fn zhengce(args: &[&str]) -> Output {
    zhengce_in(&[("LANG", "C.UTF-8")], args)
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn check_args<'a>(format: &'a str, lang: &'a str) -> Vec<String> {
    ["check", &format!("{CHECK}/draft-road-traffic.md"), "--against", &format!("{CHECK}/road-traffic-law.md")]
        .iter()
        .map(|s| s.to_string())
        .chain(["--format", format, "--lang", lang].map(String::from))
        .collect()
}

fn check(format: &str, lang: &str) -> Output {
    let args = check_args(format, lang);
    zhengce(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

/// The words made of ASCII letters in the text a reader of a page sees: its text outside scripts
/// and styles, and the tooltips, labels and placeholders of its elements.
fn ascii_words(html: &str) -> Vec<String> {
    let page = Html::parse_document(html);
    let body = page.select(&Selector::parse("body").unwrap()).next().unwrap();
    let mut shown: Vec<String> = Vec::new();
    for node in body.descendants() {
        match node.value() {
            Node::Text(text) => {
                let hidden = node
                    .ancestors()
                    .any(|a| a.value().as_element().is_some_and(|e| matches!(e.name(), "script" | "style")));
                if !hidden {
                    shown.push(text.to_string());
                }
            }
            Node::Element(e) => {
                for attr in ["title", "aria-label", "placeholder", "data-filter", "alt"] {
                    shown.extend(e.attr(attr).map(String::from));
                }
            }
            _ => {}
        }
    }
    // A word runs over letters, digits and the characters of IDs, paths and file names.
    let mut words = Vec::new();
    for text in shown {
        for token in text.split(|c: char| !(c.is_ascii_alphanumeric() || "._-/".contains(c))) {
            if token.chars().any(|c| c.is_ascii_alphabetic()) {
                words.push(token.to_string());
            }
        }
    }
    words
}

/// What may stand in ASCII on a Chinese page: unit IDs, paths and file names, the tool's name,
/// and words the documents themselves hold.
fn allowed(word: &str, documents: &HashSet<String>) -> bool {
    let segment =
        r"((att|part|ch|sec|s|art|p|i|n|x)\d+(-\d+)?|preamble|title|number|addressees|issuer|date|meta)(_\d+)?";
    let id = regex::Regex::new(&format!("^{segment}(/{segment})*$")).unwrap();
    let file = regex::Regex::new(r"(^|/)[\w.-]*\.(txt|md|html|htm|json|dot|graphml|docx|pdf)$").unwrap();
    id.is_match(word)
        || file.is_match(word)
        || word.contains('/')
        || word == "zhengce"
        || word
            .split(|c: char| !c.is_ascii_alphanumeric())
            .all(|piece| piece.is_empty() || documents.contains(&piece.to_ascii_lowercase()))
}

/// The ASCII words of the given documents' text, lower-cased.
fn document_words(paths: &[PathBuf]) -> HashSet<String> {
    let mut words = HashSet::new();
    for path in paths {
        let text = zhengce::source::read(path, DEFAULT_MAX_FILE_SIZE).map(|d| d.text).unwrap_or_default();
        for token in text.split(|c: char| !c.is_ascii_alphanumeric()) {
            words.insert(token.to_ascii_lowercase());
        }
    }
    words
}

/// Asserts that no English is left on a Chinese page.
fn no_english(name: &str, html: &str, documents: &HashSet<String>) {
    assert!(html.contains(r#"<html lang="zh-CN">"#), "{name}: lang attribute");
    let english: Vec<String> = ascii_words(html).into_iter().filter(|w| !allowed(w, documents)).collect();
    assert!(english.is_empty(), "{name}: English on a Chinese page: {english:?}");
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path, ext));
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    out
}

#[test]
fn a_chinese_report_has_no_english_word_on_any_page() {
    // The core corpus (a national measure and four local ones, with citations and pairs) and the
    // library of versions and borrowings: between them every section of every page.
    for corpus in ["corpus", "tests/fixtures/library"] {
        let out = tempfile::tempdir().unwrap();
        let options = Options {
            corpus: vec![PathBuf::from(corpus)],
            national: None,
            out: out.path().to_path_buf(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            lang: Lang::Zh,
        };
        run(&options).unwrap();
        let mut inputs = files(Path::new(corpus), "txt");
        inputs.extend(files(Path::new(corpus), "md"));
        let documents = document_words(&inputs);
        let pages = files(out.path(), "html");
        assert!(pages.len() > 5, "{corpus}: {} pages", pages.len());
        for page in &pages {
            no_english(&page.display().to_string(), &std::fs::read_to_string(page).unwrap(), &documents);
        }
        let index = std::fs::read_to_string(out.path().join("index.html")).unwrap();
        assert!(index.contains("文件库：文件"), "{corpus}: the heading in Chinese");
        // JSON is for programs: the same in every language.
        for json in files(out.path(), "json") {
            let text = std::fs::read_to_string(&json).unwrap();
            assert!(!text.contains("照录") && !text.contains("上位法"), "{}: Chinese in JSON", json.display());
        }
    }
}

#[test]
fn the_chinese_report_uses_a_drafting_offices_terms() {
    let out = tempfile::tempdir().unwrap();
    let options = Options {
        corpus: vec![PathBuf::from("corpus")],
        national: None,
        out: out.path().to_path_buf(),
        max_file_size: DEFAULT_MAX_FILE_SIZE,
        lang: Lang::Zh,
    };
    run(&options).unwrap();
    let pair =
        std::fs::read_to_string(out.path().join("pairs/most-2009-648--liaoning-2016-alliance-pilot.html")).unwrap();
    for term in ["逐条对照", "上位法", "地方文件", "照录", "修改", "新增", "删除", "条件列表", "上位法未落实的条文"]
    {
        assert!(pair.contains(term), "the pair page says {term}");
    }
    let page = Html::parse_document(&pair);
    let badges: HashSet<String> =
        page.select(&Selector::parse("td.score .badge").unwrap()).map(|b| b.text().collect::<String>()).collect();
    assert!(badges.iter().all(|b| ["照录", "修改", "转述"].contains(&b.as_str())), "{badges:?}");
    // The styling still follows the JSON names.
    assert!(pair.contains(r#"class="badge verbatim""#) || pair.contains(r#"class="badge modified""#));
    let english = Options { lang: Lang::En, out: out.path().join("en"), ..options };
    run(&english).unwrap();
    let index = std::fs::read_to_string(out.path().join("en/index.html")).unwrap();
    assert!(index.contains(r#"<html lang="en">"#) && index.contains("Library: 5 documents"));
}

#[test]
fn check_reads_in_chinese_in_text_and_html() {
    let text = check("text", "zh");
    assert_eq!(text.status.code(), Some(1));
    insta::assert_snapshot!("check_road_traffic_zh", stdout(&text));
    let html = check("html", "zh");
    let documents = document_words(&[
        format!("{CHECK}/draft-road-traffic.md").into(),
        format!("{CHECK}/road-traffic-law.md").into(),
    ]);
    no_english("check --format html --lang zh", &stdout(&html), &documents);
    let page = Html::parse_document(&stdout(&html));
    let notes: Vec<String> =
        page.select(&Selector::parse("tr#art8 .finding-note").unwrap()).map(|n| n.text().collect()).collect();
    assert!(notes.iter().any(|n| n.contains("处罚不在上位法幅度内") && n.contains("第九十二条第一款")), "{notes:?}");
    // English, as before: the same page with lang="en".
    let english = stdout(&check("html", "en"));
    assert!(english.contains(r#"<html lang="en">"#) && english.contains("Check of "));
}

#[test]
fn json_is_the_same_in_every_language() {
    let (zh, en) = (check("json", "zh"), check("json", "en"));
    assert_eq!(zh.stdout, en.stdout);
    assert!(stdout(&en).contains(r#""kind": "penalty_outside_range""#));
}

#[test]
fn the_language_follows_the_locale_unless_given() {
    let missing = ["parse", "no-such-file.txt"];
    let said = |locale: &[(&str, &str)], args: &[&str]| String::from_utf8(zhengce_in(locale, args).stderr).unwrap();
    assert_eq!(said(&[("LANG", "zh_CN.UTF-8")], &missing), "zhengce: no-such-file.txt：文件不存在\n");
    assert_eq!(said(&[("LANG", "en_US.UTF-8")], &missing), "zhengce: no-such-file.txt: no such file\n");
    assert_eq!(said(&[], &missing), "zhengce: no-such-file.txt: no such file\n", "no locale: English");
    assert_eq!(
        said(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")], &missing),
        "zhengce: no-such-file.txt: no such file\n"
    );
    assert_eq!(
        said(&[("LC_MESSAGES", "zh_CN.UTF-8"), ("LANG", "C")], &missing),
        "zhengce: no-such-file.txt：文件不存在\n"
    );
    // --lang wins over the locale.
    let given = [&missing[..], &["--lang", "en"]].concat();
    assert_eq!(said(&[("LANG", "zh_CN.UTF-8")], &given), "zhengce: no-such-file.txt: no such file\n");
}

#[test]
fn messages_and_errors_read_in_chinese() {
    let zh = |args: &[&str]| String::from_utf8(zhengce_in(&[("LANG", "zh_CN.UTF-8")], args).stderr).unwrap();
    assert!(zh(&["parse", "tests"]).contains("tests：这是目录，不是文件"));
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    assert!(zh(&["parse", empty.to_str().unwrap()]).contains("文件为空（0 字节）"));
    let legacy = dir.path().join("draft.doc");
    std::fs::write(&legacy, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest").unwrap();
    assert!(zh(&["parse", legacy.to_str().unwrap()]).contains("请在 Word 或 WPS 中打开并另存为 .docx"));
    let none = zh(&["check", &format!("{CHECK}/draft-villagers-committee.txt"), "--corpus", CHECK]);
    assert!(none.contains("请用 --against 指明上位法"), "{none}");
    let tracked = zh(&["parse", "tests/fixtures/docx/tracked.docx"]);
    assert!(tracked.contains("警告：有修订痕迹（插入 2 处、删除 2 处），已按接受修订读取"), "{tracked}");
}
