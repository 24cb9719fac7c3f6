//! Normalisation on the real corpus: Taiwan vocabulary and traditional script become mainland
//! simplified, mainland text is never corrupted, and match keys see through both.

use std::path::Path;

use unicode_normalization::UnicodeNormalization;
use zhengce::model::{Document, Script, Span, UnitId};
use zhengce::normalize::{display, t2s, unit_key};
use zhengce::parse::parse_file;
use zhengce::source::DEFAULT_MAX_FILE_SIZE;

fn parse(path: &str) -> Document {
    parse_file(Path::new(path), DEFAULT_MAX_FILE_SIZE).unwrap()
}

fn whole(doc: &Document) -> String {
    display(&doc.text, Span::new(0, doc.text.len()), doc.script).text
}

#[test]
fn national_measure_reads_as_mainland_simplified() {
    let doc = parse("corpus/most-2009-648.txt");
    assert_eq!(doc.script, Script::Traditional);
    let text = whole(&doc);
    for want in ["知识产权", "优化升级", "核心竞争力", "整合产业技术创新资源", "等文件的规定", "建立公共技术平台"]
    {
        assert!(text.contains(want), "missing {want}");
    }
    for never in ["智慧财产权", "内核竞争力", "创建公共", "集成产业"] {
        assert!(!text.contains(never), "found {never}");
    }
    assert_eq!(t2s(&text), text, "traditional characters remain");
}

#[test]
fn national_measure_display_text_is_stable_across_backends() {
    // The same snapshot is checked with the default backend and with `--features system-opencc`.
    let doc = parse("corpus/most-2009-648.txt");
    insta::assert_snapshot!("normalize_648", whole(&doc));
}

fn fold(text: &str) -> String {
    let nfkc: String = text.nfkc().collect();
    nfkc.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn simplified_documents_pass_through() {
    for name in
        ["zhejiang-2010-alliance-notice", "tianjin-binhai-2012-8", "baoding-2018-18", "liaoning-2016-alliance-pilot"]
    {
        let doc = parse(&format!("corpus/{name}.txt"));
        assert_eq!(doc.script, Script::Simplified, "{name}");
        assert_eq!(fold(&whole(&doc)), fold(&doc.text), "{name}");
    }
}

#[test]
fn match_keys_see_through_script_and_vocabulary() {
    let national = parse("corpus/most-2009-648.txt");
    let local = parse("corpus/tianjin-binhai-2012-8.txt");
    let unit = |doc: &Document, id: &str| unit_key(doc, doc.find(&UnitId::parse(id).unwrap()).unwrap());
    let n = unit(&national, "art8/i5");
    let l = unit(&local, "att2/art4/i9");
    assert_eq!(n.text.replacen('要', "", 1), l.text);
    assert!(n.text.starts_with('要'));
}

#[test]
fn key_characters_map_back_to_the_original() {
    let doc = parse("corpus/most-2009-648.txt");
    let unit = doc.find(&UnitId::parse("art27/i1").unwrap()).unwrap();
    let key = unit_key(&doc, unit);
    let at = key.text.find("知识产权").unwrap();
    let from = key.text[..at].chars().count();
    let origin = key.origin_of(from, from + 4).unwrap();
    assert_eq!(doc.slice(origin), "智慧財產權");
    assert!(key.origins.iter().all(|o| unit.span.contains(*o)));
}
