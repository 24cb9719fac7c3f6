//! Derivation alignment against `tests/fixtures/eval/alignment-liaoning.tsv` (copied from
//! `../shared/eval`), rolled up to article level: strong and moderate links are required, weak
//! ones neither required nor penalised.

use std::collections::HashSet;
use std::path::Path;

use zhengce::align::{align, article_level};
use zhengce::model::{Alignment, Derivation, Document, UnitId};
use zhengce::parse::parse_file;
use zhengce::source::DEFAULT_MAX_FILE_SIZE;

fn parse(name: &str) -> Document {
    parse_file(Path::new(&format!("corpus/{name}.txt")), DEFAULT_MAX_FILE_SIZE).unwrap()
}

fn id(text: &str) -> UnitId {
    UnitId::parse(text).unwrap_or_else(|| panic!("bad ID {text}"))
}

/// Precision and recall of `alignment` against the labelled links of `local_doc`.
pub fn score(alignment: &Alignment, labels: &str, local_doc: &str) -> (f64, f64, Vec<String>) {
    let mut required = HashSet::new();
    let mut weak = HashSet::new();
    for line in labels.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols[0] != local_doc {
            continue;
        }
        let pair = (article_level(&id(cols[1])), article_level(&id(cols[2])));
        match cols[3] {
            "strong" | "moderate" => required.insert(pair),
            _ => weak.insert(pair),
        };
    }
    let predicted: HashSet<(UnitId, UnitId)> =
        alignment.links.iter().map(|l| (article_level(&l.local), article_level(&l.national))).collect();
    let true_pos = predicted.intersection(&required).count();
    let false_pos: Vec<String> = predicted
        .iter()
        .filter(|p| !required.contains(*p) && !weak.contains(*p))
        .map(|(l, n)| format!("extra {l} → {n}"))
        .collect();
    let missed = required.difference(&predicted).map(|(l, n)| format!("missed {l} → {n}"));
    let precision = true_pos as f64 / (true_pos + false_pos.len()).max(1) as f64;
    let recall = true_pos as f64 / required.len().max(1) as f64;
    (precision, recall, false_pos.into_iter().chain(missed).collect())
}

#[test]
fn liaoning_alignment_meets_precision_and_recall() {
    let national = parse("most-2009-648");
    let local = parse("liaoning-2016-alliance-pilot");
    let alignment = align(&national, &local);
    let labels = include_str!("fixtures/eval/alignment-liaoning.tsv");
    let (precision, recall, errors) = score(&alignment, labels, "liaoning-2016-alliance-pilot");
    println!("precision {precision:.3} recall {recall:.3}\n{}", errors.join("\n"));
    assert!(precision >= 0.9 && recall >= 0.9, "precision {precision:.3} recall {recall:.3}\n{}", errors.join("\n"));
}

#[test]
fn binhai_definition_is_verbatim() {
    let national = parse("most-2009-648");
    let local = parse("tianjin-binhai-2012-8");
    let alignment = align(&national, &local);
    let link = alignment
        .links
        .iter()
        .find(|l| l.local == id("att1/s1/p1") && l.national == id("art1"))
        .expect("att1/s1/p1 → art1");
    assert_eq!(link.relation, Derivation::Verbatim, "{link:?}");
}

#[test]
fn dropped_lists_national_articles_without_a_link() {
    let national = parse("most-2009-648");
    let local = parse("zhejiang-2010-alliance-notice");
    let alignment = align(&national, &local);
    let linked: HashSet<UnitId> = alignment.links.iter().filter_map(|l| l.national.article()).collect();
    assert!(alignment.dropped.iter().all(|d| !linked.contains(d)));
    assert_eq!(alignment.dropped.len() + linked.len(), 33);
    // The condition list and its items are found item by item.
    for (l, n) in [("s3/i6", "art8"), ("s3/i6/n6", "art8/i5"), ("s3/i6/n7", "art8/i6")] {
        assert!(alignment.links.iter().any(|k| k.local == id(l) && k.national == id(n)), "{l} → {n}");
    }
}

#[test]
fn formulaic_closing_articles_do_not_link_on_their_own() {
    let national = parse("most-2009-648");
    let local = parse("tianjin-binhai-2012-8");
    let alignment = align(&national, &local);
    // 第七条 本办法由区科委负责解释，自印发之日起实行。
    assert!(alignment.links.iter().all(|l| l.local != id("att2/art7")), "{:?}", alignment.links);
}
