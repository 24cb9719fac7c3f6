//! Normalisation on the real corpus: Taiwan vocabulary and traditional script become mainland
//! simplified, mainland text is never corrupted, and match keys see through both.

use std::path::Path;

use unicode_normalization::UnicodeNormalization;
use zhengce::model::{Document, Script, Span, UnitId};
use zhengce::normalize::{display, t2s, unit_key, unit_text, UnitTexts};
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
fn unit_texts_computed_once_equal_each_unit_converted_on_its_own() {
    let laws = std::fs::read_dir("tests/fixtures/laws").unwrap().map(|e| e.unwrap().path());
    let corpus = std::fs::read_dir("corpus").unwrap().map(|e| e.unwrap().path());
    let mut units = 0;
    for path in laws.chain(corpus).filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md")) {
        let doc = parse_file(&path, DEFAULT_MAX_FILE_SIZE).unwrap();
        let texts = UnitTexts::new(&doc);
        for unit in doc.all_units() {
            let key = unit_key(&doc, unit);
            assert_eq!(texts.mapped_key(&unit.id), Some((key.text.as_str(), &key.origins[..])), "{path:?} {}", unit.id);
            assert_eq!(texts.text(&unit.id), unit_text(&doc, unit).text, "{path:?} {}", unit.id);
            units += 1;
        }
    }
    assert!(units > 3000, "only {units} units");
}

#[test]
fn a_paragraph_seen_before_maps_back_to_its_own_place() {
    // The same paragraph twice in a document, and the document read twice: every key character
    // still comes from its own unit's text.
    let paragraph = "联盟应当建立知识产权管理制度，依法保护成员单位的知识产权。";
    let text = format!("联盟实施办法\n第一条 {paragraph}\n第二条 {paragraph}\n");
    let doc = zhengce::parse::parse_text(Path::new("t.txt"), text, zhengce::model::Encoding::Utf8);
    for texts in [UnitTexts::new(&doc), UnitTexts::new(&doc)] {
        for id in ["art1", "art2"] {
            let unit = doc.find(&UnitId::parse(id).unwrap()).unwrap();
            let key = unit_key(&doc, unit);
            assert_eq!(texts.mapped_key(&unit.id), Some((key.text.as_str(), &key.origins[..])), "{id}");
            assert!(key.origins.iter().all(|o| unit.span.contains(*o)), "{id}");
            assert_eq!(texts.text(&unit.id), unit_text(&doc, unit).text, "{id}");
        }
    }
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

/// The code points an OpenCC dictionary can hold: CJK blocks, compatibility ideographs and the
/// supplementary ideographic plane.
fn ideographs() -> impl Iterator<Item = char> {
    (0x2e80..0xa000u32).chain(0xf900..0xfb00).chain(0x20000..0x30000).filter_map(char::from_u32)
}

#[test]
fn every_character_the_backend_converts_is_a_t2s_trigger() {
    // One character per line, so that no phrase spans two of them.
    let chars: Vec<char> = ideographs().collect();
    let text: String = chars.iter().flat_map(|c| [*c, '\n']).collect();
    let converted = zhengce::normalize::converter().t2s(&text);
    let converted: Vec<&str> = converted.split('\n').collect();
    assert_eq!(converted.len(), chars.len() + 1);
    let missing: String = chars
        .iter()
        .zip(&converted)
        .filter(|(c, d)| **d != c.to_string() && !zhengce::normalize::is_traditional_only(**c))
        .map(|(c, _)| *c)
        .collect();
    assert!(missing.is_empty(), "t2s converts these, grammar/t2s-characters.txt lacks them: {missing}");
}

/// Constraint extraction skips text without a digit before normalising it; that is only right
/// if normalising never turns anything else into a digit.
#[test]
fn normalising_makes_digits_only_of_digits() {
    let phrases = std::fs::read_to_string("grammar/tw-phrases.tsv").unwrap();
    let sources = phrases.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split('\t').next());
    let chars = ideographs().filter(|c| !c.is_numeric()).map(String::from);
    let text: String = sources.map(str::to_string).chain(chars).flat_map(|t| [t, "\n".to_string()]).collect();
    assert!(text.len() > 100_000, "every ideograph and phrase is checked");
    for script in [Script::Simplified, Script::Mixed, Script::Traditional] {
        let shown = display(&text, Span::new(0, text.len()), script);
        let digits: String = shown.text.chars().filter(|c| c.is_numeric()).collect();
        assert!(digits.is_empty(), "{script:?}: normalising made digits {digits}");
    }
}

#[test]
fn skipping_conversion_of_simplified_text_changes_nothing() {
    let phrases = "他瞭解情况并答覆了来函，沈默片刻后彷彿明白，凭藉经验一目瞭然。";
    assert_eq!(t2s(phrases), zhengce::normalize::converter().t2s(phrases));
    let files = std::fs::read_dir("corpus").unwrap().chain(std::fs::read_dir("tests/fixtures/laws").unwrap());
    for path in files.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md")) {
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines() {
            assert_eq!(t2s(line), zhengce::normalize::converter().t2s(line), "{}: {line}", path.display());
        }
    }
}
