//! Condition diffs: the pairings and verdicts of `tests/fixtures/eval/conditions-dev.tsv` (copied
//! from `../shared/eval`), cross-strait vocabulary never reported as change, and the structured
//! thresholds of the corpus.

use std::collections::BTreeSet;
use std::path::Path;

use zhengce::align::align;
use zhengce::diff::{diff, extract_constraints};
use zhengce::model::{Comparator, ConditionDiff, ConstraintKind, Document, Edit};
use zhengce::parse::parse_file;
use zhengce::source::DEFAULT_MAX_FILE_SIZE;

fn parse(name: &str) -> Document {
    parse_file(Path::new(&format!("corpus/{name}.txt")), DEFAULT_MAX_FILE_SIZE).unwrap()
}

fn condition_diff(local: &str) -> ConditionDiff {
    let national = parse("most-2009-648");
    let local = parse(local);
    let alignment = align(&national, &local);
    diff(&national, &local, &alignment)
}

#[test]
fn dev_pairings_and_verdicts_are_reproduced() {
    let rows = include_str!("fixtures/eval/conditions-dev.tsv");
    let mut failures = Vec::new();
    for local in ["liaoning-2016-alliance-pilot", "zhejiang-2010-alliance-notice"] {
        let want: BTreeSet<(String, String, String, String)> = rows
            .lines()
            .filter(|l| !l.starts_with('#') && l.starts_with(local))
            .map(|l| {
                let c: Vec<&str> = l.split('\t').collect();
                let item = |s: &str| {
                    if s == "-" {
                        "-".to_string()
                    } else {
                        s.to_string()
                    }
                };
                (c[1].to_string(), item(c[2]), item(c[3]), c[4].to_string())
            })
            .collect();
        let got: BTreeSet<(String, String, String, String)> = condition_diff(local)
            .lists
            .iter()
            .filter(|list| list.national.as_ref().is_some_and(|n| n.to_string() == "art8"))
            .flat_map(|list| {
                list.items.iter().map(move |item| {
                    let local_item = item.local.as_ref().map_or("-".to_string(), |u| {
                        u.to_string().strip_prefix(&format!("{}/", list.local)).unwrap_or_default().to_string()
                    });
                    let national_item = item.national.as_ref().map_or("-".to_string(), |u| u.to_string());
                    (list.local.to_string(), local_item, national_item, item.verdict.as_str().to_string())
                })
            })
            .collect();
        if want != got {
            failures.push(format!("{local}:\n want {want:?}\n got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn cross_strait_vocabulary_is_not_a_change() {
    let result = condition_diff("zhejiang-2010-alliance-notice");
    let item = result
        .lists
        .iter()
        .flat_map(|l| &l.items)
        .find(|i| i.local.as_ref().is_some_and(|u| u.to_string() == "s3/i6/n6"))
        .unwrap();
    assert_eq!(item.national.as_ref().unwrap().to_string(), "art8/i5");
    let changes: Vec<&Edit> = item.edits.iter().filter(|e| !matches!(e, Edit::Equal(_))).collect();
    assert_eq!(changes, [&Edit::Delete("要建立".to_string())]);
}

fn has(doc: &str, kind: ConstraintKind, comparator: Comparator, value: f64, upper: Option<f64>, measure: &str) -> bool {
    extract_constraints(&parse(doc)).iter().any(|c| {
        c.kind == kind
            && c.comparator == comparator
            && c.value == value
            && c.upper == upper
            && c.unit_of_measure == measure
    })
}

#[test]
fn corpus_thresholds_are_found() {
    use Comparator::*;
    use ConstraintKind::*;
    let binhai = "tianjin-binhai-2012-8";
    assert!(has(binhai, Threshold, AtLeast, 10.0, None, "家"), "≥10 members");
    assert!(has(binhai, Threshold, AtLeast, 60.0, None, "%"), "≥60% enterprises");
    assert!(has(binhai, Threshold, AtMost, 50.0, None, "万元"), "≤50万元 start-up funds");
    assert!(has("baoding-2018-18", Threshold, Range, 10.0, Some(50.0), "万元"), "10-50万元 subsidy");
    assert!(has("baoding-2018-18", Validity, Equal, 5.0, None, "年"), "5-year validity");
    assert!(has("liaoning-2016-alliance-pilot", Threshold, AtLeast, 3.0, None, "个月"), "3-month minimum");
    assert!(has("liaoning-2016-alliance-pilot", Validity, Equal, 5.0, None, "年"), "5-year validity");
    let members = extract_constraints(&parse(binhai)).into_iter().find(|c| c.unit_of_measure == "家").unwrap();
    assert_eq!(
        (members.subject.as_str(), members.modal.as_deref(), members.unit.to_string().as_str()),
        ("成员单位总数", Some("应"), "att2/art4/i4")
    );
}

#[test]
fn thresholds_are_compared_across_the_pair() {
    let result = condition_diff("tianjin-binhai-2012-8");
    let added: Vec<String> = result
        .constraints
        .iter()
        .filter(|c| c.change.as_str() == "added")
        .map(|c| c.local.as_ref().unwrap().text.clone())
        .collect();
    assert!(added.iter().any(|t| t.contains("成员单位总数应不少于10家")), "{added:?}");
}

#[test]
fn stricter_and_looser_thresholds() {
    let doc = |name: &str, text: &str| {
        zhengce::parse::parse_text(Path::new(name), text.to_string(), zhengce::model::Encoding::Utf8)
    };
    let national = doc("n.txt", "联盟管理办法\n第一条 联盟成员单位总数应不少于5家，企业成员占比例应不低于60%。\n第二条 启动资金最高不超过50万元。\n");
    let local = doc("l.txt", "联盟实施办法\n第一条 联盟成员单位总数应不少于10家，企业成员占比例应不低于50%。\n第二条 启动资金最高不超过30万元。\n");
    let result = diff(&national, &local, &align(&national, &local));
    let changes: Vec<(String, &str)> =
        result.constraints.iter().map(|c| (c.local.as_ref().unwrap().subject.clone(), c.change.as_str())).collect();
    assert_eq!(
        changes,
        [
            ("联盟成员单位总数".to_string(), "stricter"),
            ("企业成员占比例".to_string(), "looser"),
            ("启动资金".to_string(), "stricter"),
        ]
    );
}

#[test]
fn a_clause_seen_before_gives_constraints_of_its_own_unit_and_place() {
    // The same paragraph in two articles, in traditional script in another document: each
    // constraint belongs to its own unit and points at its own text.
    let clause = "联盟成员单位总数应不少于10家。";
    let text = format!("联盟实施办法\n第一条 {clause}\n第二条 {clause}\n");
    let doc = zhengce::parse::parse_text(Path::new("l.txt"), text, zhengce::model::Encoding::Utf8);
    let found = extract_constraints(&doc);
    assert_eq!(found.len(), 2);
    for (constraint, article) in found.iter().zip(["art1", "art2"]) {
        assert_eq!(constraint.unit.to_string(), article);
        assert_eq!((constraint.comparator, constraint.value), (Comparator::AtLeast, 10.0));
        let unit = doc.find(&constraint.unit).unwrap();
        assert!(unit.span.contains(constraint.span), "{article}: {:?} outside {:?}", constraint.span, unit.span);
        assert_eq!(doc.slice(constraint.span), "联盟成员单位总数应不少于10家");
    }
    let traditional = "聯盟實施辦法\n第一條 聯盟成員單位總數應不少於十家，企業成員佔比例應不低於百分之六十。\n第二條 聯盟成員單位總數應不少於10家。\n";
    let doc = zhengce::parse::parse_text(Path::new("t.txt"), traditional.to_string(), zhengce::model::Encoding::Utf8);
    let second = extract_constraints(&doc).into_iter().find(|c| c.unit.to_string() == "art2").unwrap();
    assert_eq!(doc.slice(second.span), "聯盟成員單位總數應不少於10家");
}
