//! Throughput of the pipeline stages, single-threaded, on a directory of documents:
//! `cargo bench --bench stages -- DIR`. Prints MB/s per stage (bytes of input text per second),
//! each stage timed as the best of a few runs: on a shared or virtual machine a single run is
//! often slowed by other work, and the fastest run is the one least disturbed.

use std::path::PathBuf;
use std::time::Instant;

use zhengce::{align, cite, corpus, normalize, parse, segment, source};

/// Runs of each stage; the fastest counts.
const RUNS: usize = 5;

fn mb_per_s(bytes: usize, seconds: f64) -> f64 {
    bytes as f64 / 1e6 / seconds.max(1e-9)
}

/// The result of `stage` and the seconds of its one run: for stages that remember what they made
/// of a text for the whole process (normalize, segment), a second run would only look it up.
fn first_run<T>(stage: impl FnOnce() -> T) -> (T, f64) {
    let started = Instant::now();
    let out = stage();
    (out, started.elapsed().as_secs_f64())
}

/// The result of `stage` and the seconds of its fastest run out of [`RUNS`].
fn best_of<T>(mut stage: impl FnMut() -> T) -> (T, f64) {
    let mut best = f64::INFINITY;
    let mut result = None;
    for _ in 0..RUNS {
        let started = Instant::now();
        let out = stage();
        best = best.min(started.elapsed().as_secs_f64());
        result = Some(out);
    }
    (result.expect("at least one run"), best)
}

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("corpus"));
    let files = corpus::files(std::slice::from_ref(&dir)).expect("a directory of documents");
    // Warm the converter and the segmenter so that set-up is not counted.
    let _ = normalize::t2s("體");
    let _ = segment::words("联盟");
    let (docs, parse_s) = best_of(|| {
        files.iter().map(|f| parse::parse_file(f, source::DEFAULT_MAX_FILE_SIZE).expect("parses")).collect::<Vec<_>>()
    });
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    // Normalisation as the pipeline runs it: the key and comparable text of every unit.
    let (texts, normalize_s) = first_run(|| docs.iter().map(normalize::UnitTexts::new).collect::<Vec<_>>());
    // Segmentation of what the pipeline cuts into words: the units' comparable text.
    let (words, segment_s) = first_run(|| {
        docs.iter()
            .zip(&texts)
            .flat_map(|(d, t)| d.units.iter().map(move |u| segment::words(t.text(&u.id)).len()))
            .sum::<usize>()
    });
    let (citations, cite_s) = best_of(|| docs.iter().map(|d| cite::extract(d).len()).sum::<usize>());
    // Alignment against the national measure of a synthetic corpus (`national.txt`), with a fresh
    // aligner (and so an empty memo) for each run.
    let national = docs.iter().position(|d| d.path.file_name().is_some_and(|n| n == "national.txt"));
    let align_s = national.map(|n| {
        let (links, seconds) = best_of(|| {
            let aligner = align::Aligner::new(&docs[n], &texts[n]);
            docs.iter().zip(&texts).map(|(d, t)| aligner.align(d, t).links.len()).sum::<usize>()
        });
        (seconds, links)
    });
    println!(
        "stages on {} ({} documents, {:.1} MB), one thread, best of {RUNS} runs (normalize and segment: their first):",
        dir.display(),
        docs.len(),
        bytes as f64 / 1e6
    );
    println!("  decode+parse   {:>7.1} MB/s", mb_per_s(bytes, parse_s));
    println!("  normalize      {:>7.1} MB/s", mb_per_s(bytes, normalize_s));
    println!("  segment        {:>7.1} MB/s ({words} words)", mb_per_s(bytes, segment_s));
    println!("  cite           {:>7.1} MB/s ({citations} citations)", mb_per_s(bytes, cite_s));
    if let Some((seconds, links)) = align_s {
        println!("  align          {:>7.2} MB/s ({links} links, {seconds:.2} s)", mb_per_s(bytes, seconds));
    }
    println!("  parse+normalize+cite {:>7.1} MB/s", mb_per_s(bytes, parse_s + normalize_s + cite_s));
}
