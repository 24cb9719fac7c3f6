//! Any text, as plain text and as Markdown (and as a web page when it looks like one): the
//! structure tree is lossless, its IDs are unique and every offset lies inside the text.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use zhengce::model::Encoding;
use zhengce::parse;

fuzz_target!(|text: &str| {
    for name in ["fuzzed.txt", "fuzzed.md"] {
        let doc = parse::parse_text(Path::new(name), text.to_string(), Encoding::Utf8);
        if let Err(problem) = doc.check_lossless() {
            panic!("{name}: not lossless: {problem}");
        }
    }
});
