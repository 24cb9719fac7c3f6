//! Any bytes: decoding either fails with an error naming the file or yields text whose parse is
//! lossless.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use zhengce::{parse, source};

fuzz_target!(|bytes: &[u8]| {
    let path = Path::new("fuzzed.txt");
    match source::decode(path, bytes) {
        Ok(decoded) => {
            let doc = parse::parse_text(path, decoded.text, decoded.encoding);
            if let Err(problem) = doc.check_lossless() {
                panic!("decoded input does not parse losslessly: {problem}");
            }
        }
        Err(err) => assert!(err.to_string().starts_with("fuzzed.txt: "), "error does not name the file: {err}"),
    }
});
