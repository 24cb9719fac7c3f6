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
            let Some(want) = expect.get(field) else {
                continue;
            };
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

fn parse_string(name: &str, text: String) -> Document {
    zhengce::parse::parse_text(Path::new(name), text, zhengce::model::Encoding::Utf8)
}

#[test]
fn a_flattened_copy_of_the_text_is_boilerplate() {
    let text = std::fs::read_to_string("corpus/liaoning-2016-alliance-pilot.txt").unwrap();
    let flattened: Vec<&str> = text.lines().map(str::trim).collect();
    let doc = parse_string("page.txt", format!("{text}\n相关词条\n{}\n", flattened.join(" ")));
    assert_eq!(count(&doc, UnitKind::Article), 20);
    let kinds: Vec<&str> = doc.boilerplate.iter().map(|b| b.kind.as_str()).collect();
    assert_eq!(kinds, ["web_page", "flattened_copy"]);
    doc.check_lossless().unwrap();
}

#[test]
fn a_table_of_contents_does_not_create_chapters() {
    let text = std::fs::read_to_string("tests/fixtures/laws/patent_agency_regulations_2018.md").unwrap();
    let toc =
        "目　录\n\n第一章 总则\n第二章 专利代理机构和专利代理师\n第三章 专利代理执业\n第四章 法律责任\n第五章 附则\n\n";
    let with_toc = text.replacen("<!-- INFO END -->\n", &format!("<!-- INFO END -->\n{toc}"), 1);
    let doc = parse_string("patent.md", with_toc);
    assert_eq!((count(&doc, UnitKind::Chapter), count(&doc, UnitKind::Article)), (5, 32));
    assert_eq!(doc.boilerplate.iter().filter(|b| b.kind.as_str() == "contents").count(), 6);
    assert!(doc.numbering_issues.is_empty(), "{:?}", doc.numbering_issues);
}

#[test]
fn numbering_that_skips_is_recorded_not_renumbered() {
    let doc = parse_string("skip.txt", "办法\n第一条 甲。\n第三条 乙。\n（一）丙；\n（一）丁。\n".to_string());
    let ids: Vec<String> = doc.all_units().iter().map(|u| u.id.to_string()).collect();
    assert_eq!(ids, ["title", "art1", "art3", "art3/i1", "art3/i1_2"]);
    let issues: Vec<(String, u32, u32)> =
        doc.numbering_issues.iter().map(|n| (n.unit.to_string(), n.expected, n.found)).collect();
    assert_eq!(issues, [("art3".to_string(), 2, 3), ("art3/i1".to_string(), 2, 1)]);
}

#[test]
fn government_portal_furniture_is_boilerplate_and_feeds_the_number() {
    let page = "首页 > 政策法规 > 正文\n索引号：000014349/2018-00123\n发文机关：保定市人民政府办公厅\n发文字号：保政办发〔2018〕18号\n【字体：大 中 小】\n保定市推进产业创新战略联盟建设实施办法\n第一章 总则\n第一条 为推进联盟建设，制定本办法。\n扫一扫在手机打开当前页\n";
    let doc = parse_string("portal.txt", page.to_string());
    assert_eq!(doc.front.doc_number.as_deref(), Some("保政办发〔2018〕18号"));
    assert_eq!(doc.front.title.as_deref(), Some("保定市推进产业创新战略联盟建设实施办法"));
    assert_eq!(doc.boilerplate.len(), 6);
    assert_eq!(count(&doc, UnitKind::Article), 1);
    doc.check_lossless().unwrap();
}

#[test]
fn hard_wrapped_lines_continue_their_paragraph() {
    let doc = parse("corpus/tianjin-binhai-2012-8.txt");
    let item = doc.find(&UnitId::parse("att1/s4/i2").unwrap()).unwrap();
    let text = doc.own_text(item).replace('\n', "");
    assert!(
        text.contains("不超过50万元联盟建设项目启动资金") && text.contains("获国家科技部批准为国家级联盟"),
        "{text}"
    );
    assert!(doc.find(&UnitId::parse("att1/s4/p1").unwrap()).is_none());
}

#[test]
fn an_article_label_with_the_typo_笫_is_an_article_where_the_numbering_makes_it_certain() {
    // 农民专业合作社法 (2017) as published: 笫五十四条 between 第五十三条 and 第五十五条.
    let doc = parse("tests/fixtures/align-real/fmc-law-2017.md");
    let numbers: Vec<UnitId> =
        doc.all_units().iter().filter(|u| u.kind == UnitKind::Article).map(|u| u.id.clone()).collect();
    assert_eq!(numbers.len(), 74);
    let art53 = doc.find(&UnitId::parse("art53").unwrap()).unwrap();
    assert!(art53.children.is_empty(), "art53 swallowed the next article: {:?}", art53.children);
    assert!(doc.find(&UnitId::parse("art54").unwrap()).is_some());
}

#[test]
fn a_line_starting_with_笫_out_of_sequence_stays_text() {
    let text = "第一条 联盟应当符合下列条件。\n\n笫五条 这一行不是第五条。\n\n第二条 本办法自发布之日起施行。\n";
    let doc = zhengce::parse::parse_text(Path::new("typo.txt"), text.to_string(), zhengce::model::Encoding::Utf8);
    let articles: Vec<String> =
        doc.all_units().iter().filter(|u| u.kind == UnitKind::Article).map(|u| u.id.to_string()).collect();
    assert_eq!(articles, ["art1", "art2"]);
    doc.check_lossless().unwrap();
}
