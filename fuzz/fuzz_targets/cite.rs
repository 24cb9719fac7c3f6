//! Any text: citation extraction and resolution never panic and every citation span lies inside
//! the text on character boundaries.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use zhengce::cite;
use zhengce::model::Encoding;
use zhengce::parse;

fn inside(text: &str, start: usize, end: usize) -> bool {
    start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

fuzz_target!(|text: &str| {
    for m in cite::numbers(text) {
        assert!(inside(text, m.span.start, m.span.end), "number span {:?} outside the text", m.span);
    }
    for m in cite::titles(text) {
        assert!(inside(text, m.span.start, m.span.end), "title span {:?} outside the text", m.span);
    }
    let doc = parse::parse_text(Path::new("fuzzed.txt"), text.to_string(), Encoding::Utf8);
    let citations = cite::extract(&doc);
    for c in &citations {
        assert!(inside(text, c.span.start, c.span.end), "citation span {:?} outside the text", c.span);
    }
    let resolved = cite::resolve(&[&doc], &[citations]);
    for r in &resolved[0] {
        assert!(r.document.is_none_or(|d| d == 0));
        assert!((0.0..=1.0).contains(&r.confidence), "confidence {}", r.confidence);
    }
});
