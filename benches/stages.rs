//! Throughput of the pipeline stages, single-threaded, on a directory of documents:
//! `cargo bench --bench stages -- DIR`. Prints MB/s per stage (bytes of input text per second).

use std::path::PathBuf;
use std::time::Instant;

use zhengce::{align, cite, corpus, normalize, parse, segment, source};

fn mb_per_s(bytes: usize, seconds: f64) -> f64 {
    bytes as f64 / 1e6 / seconds.max(1e-9)
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
    let started = Instant::now();
    let docs: Vec<_> =
        files.iter().map(|f| parse::parse_file(f, source::DEFAULT_MAX_FILE_SIZE).expect("parses")).collect();
    let parse_s = started.elapsed().as_secs_f64();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    // Normalisation as the pipeline runs it: the key and comparable text of every unit.
    let started = Instant::now();
    let texts: Vec<_> = docs.iter().map(normalize::UnitTexts::new).collect();
    let normalize_s = started.elapsed().as_secs_f64();
    let started = Instant::now();
    // Segmentation of what the pipeline cuts into words: the units' comparable text.
    let words: usize = docs
        .iter()
        .zip(&texts)
        .flat_map(|(d, t)| d.units.iter().map(move |u| segment::words(t.text(&u.id)).len()))
        .sum();
    let segment_s = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let citations: usize = docs.iter().map(|d| cite::extract(d).len()).sum();
    let cite_s = started.elapsed().as_secs_f64();
    // Alignment against the national measure of a synthetic corpus (`national.txt`).
    let national = docs.iter().position(|d| d.path.file_name().is_some_and(|n| n == "national.txt"));
    let align_s = national.map(|n| {
        let aligner = align::Aligner::new(&docs[n], &texts[n]);
        let started = Instant::now();
        let links: usize = docs.iter().zip(&texts).map(|(d, t)| aligner.align(d, t).links.len()).sum();
        (started.elapsed().as_secs_f64(), links)
    });
    println!("stages on {} ({} documents, {:.1} MB), one thread:", dir.display(), docs.len(), bytes as f64 / 1e6);
    println!("  decode+parse   {:>7.1} MB/s", mb_per_s(bytes, parse_s));
    println!("  normalize      {:>7.1} MB/s", mb_per_s(bytes, normalize_s));
    println!("  segment        {:>7.1} MB/s ({words} words)", mb_per_s(bytes, segment_s));
    println!("  cite           {:>7.1} MB/s ({citations} citations)", mb_per_s(bytes, cite_s));
    if let Some((seconds, links)) = align_s {
        println!("  align          {:>7.2} MB/s ({links} links, {seconds:.2} s)", mb_per_s(bytes, seconds));
    }
    println!("  parse+normalize+cite {:>7.1} MB/s", mb_per_s(bytes, parse_s + normalize_s + cite_s));
}
