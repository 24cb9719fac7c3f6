//! Derivation alignment on real regulations: national laws and the 实施办法 of three provinces
//! (`tests/fixtures/align-real`, copied unchanged from LawRefBook), labelled by hand article by
//! article in `labels.tsv`. Links are rolled up to distinct article pairs: strong and moderate
//! pairs are required, weak ones neither required nor penalised, anything else is a false link.

use std::collections::HashSet;
use std::path::Path;

use zhengce::align::{align, article_level};
use zhengce::model::{Alignment, Document, UnitId};
use zhengce::parse::parse_file;
use zhengce::source::DEFAULT_MAX_FILE_SIZE;

/// A labelled pair: its name in the label files, the national and the local file.
struct Pair {
    name: &'static str,
    national: &'static str,
    local: &'static str,
}

const DEVELOPMENT: &[Pair] = &[
    Pair { name: "shanghai-fmc", national: "fmc-law-2017", local: "shanghai-fmc-2020" },
    Pair { name: "beijing-fisheries", national: "fisheries-law-2013", local: "beijing-fisheries-2007" },
    Pair { name: "beijing-wildlife@2018", national: "wildlife-law-2018", local: "beijing-wildlife-2018" },
    Pair { name: "beijing-wildlife@2022", national: "wildlife-law-2022", local: "beijing-wildlife-2018" },
    Pair { name: "zhejiang-overseas", national: "overseas-law-2009", local: "zhejiang-overseas-2001" },
];

const LABELS: &str = include_str!("fixtures/align-real/labels.tsv");

fn parse(name: &str) -> Document {
    parse_file(Path::new(&format!("tests/fixtures/align-real/{name}.md")), DEFAULT_MAX_FILE_SIZE).unwrap()
}

fn id(text: &str) -> UnitId {
    UnitId::parse(text).unwrap_or_else(|| panic!("bad ID {text}"))
}

type ArticlePair = (UnitId, UnitId);

/// The labelled article pairs of `pair`: (required, allowed but not required).
fn labels(text: &str, pair: &str) -> (HashSet<ArticlePair>, HashSet<ArticlePair>) {
    let mut required = HashSet::new();
    let mut weak = HashSet::new();
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols[0] != pair {
            continue;
        }
        let article_pair = (id(cols[1]), id(cols[2]));
        match cols[3] {
            "strong" | "moderate" => required.insert(article_pair),
            "weak" => weak.insert(article_pair),
            "wrong" => false,
            grade => panic!("unknown grade {grade} in {line}"),
        };
    }
    (required, weak)
}

/// Counts of one pair, or of several added up.
#[derive(Default, Clone, Copy)]
struct Counts {
    true_pos: usize,
    false_pos: usize,
    required: usize,
}

impl Counts {
    fn precision(&self) -> f64 {
        self.true_pos as f64 / (self.true_pos + self.false_pos).max(1) as f64
    }

    fn recall(&self) -> f64 {
        self.true_pos as f64 / self.required.max(1) as f64
    }

    fn add(self, other: Counts) -> Counts {
        Counts {
            true_pos: self.true_pos + other.true_pos,
            false_pos: self.false_pos + other.false_pos,
            required: self.required + other.required,
        }
    }
}

/// The counts of `alignment` against the labels, and the errors as readable lines.
fn score(alignment: &Alignment, required: &HashSet<ArticlePair>, weak: &HashSet<ArticlePair>) -> (Counts, Vec<String>) {
    let predicted: HashSet<ArticlePair> =
        alignment.links.iter().map(|l| (article_level(&l.local), article_level(&l.national))).collect();
    let true_pos = predicted.intersection(required).count();
    let mut errors: Vec<String> = predicted
        .iter()
        .filter(|p| !required.contains(*p) && !weak.contains(*p))
        .map(|(l, n)| format!("  extra  {l} → {n}"))
        .collect();
    let false_pos = errors.len();
    errors.extend(required.difference(&predicted).map(|(l, n)| format!("  missed {l} → {n}")));
    errors.sort();
    (Counts { true_pos, false_pos, required: required.len() }, errors)
}

/// Aligns every pair, prints precision and recall per pair and overall, and returns the counts
/// per pair.
fn evaluate(pairs: &[Pair], label_text: &str) -> Vec<(&'static str, Counts)> {
    let mut results = Vec::new();
    for pair in pairs {
        let (national, local) = (parse(pair.national), parse(pair.local));
        let alignment = align(&national, &local);
        let (required, weak) = labels(label_text, pair.name);
        assert!(!required.is_empty(), "no labels for {}", pair.name);
        let (counts, errors) = score(&alignment, &required, &weak);
        println!(
            "{:24} precision {:.3} recall {:.3} ({} right, {} wrong, {} required)\n{}",
            pair.name,
            counts.precision(),
            counts.recall(),
            counts.true_pos,
            counts.false_pos,
            counts.required,
            errors.join("\n")
        );
        results.push((pair.name, counts));
    }
    let overall = results.iter().fold(Counts::default(), |sum, (_, c)| sum.add(*c));
    println!("{:24} precision {:.3} recall {:.3}", "overall", overall.precision(), overall.recall());
    results
}

#[test]
fn development_pairs_meet_precision_and_recall() {
    let results = evaluate(DEVELOPMENT, LABELS);
    let overall = results.iter().fold(Counts::default(), |sum, (_, c)| sum.add(*c));
    // The figures of the aligner before it was tuned on real regulations (issue 23).
    assert!(overall.precision() >= 0.84 && overall.recall() >= 0.5, "overall below the baseline");
}
