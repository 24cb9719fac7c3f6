//! Stage 2, normalize: script conversion (OpenCC t2s plus a curated Taiwan→mainland phrase list),
//! width and punctuation folding, and the match key used for comparison.

mod convert;

pub use convert::{converter, Converter};

use crate::model::Script;
use crate::text::is_cjk;

/// Simplified form of `text` by OpenCC t2s (no Taiwan vocabulary).
pub fn t2s(text: &str) -> String {
    converter().t2s(text)
}

/// Detects the script from the share of CJK characters that t2s changes.
pub fn detect_script(text: &str) -> Script {
    let sample: String = text.chars().filter(|c| is_cjk(*c)).take(20_000).collect();
    let total = sample.chars().count();
    if total == 0 {
        return Script::Simplified;
    }
    let converted = t2s(&sample);
    let changed = sample.chars().zip(converted.chars()).filter(|(a, b)| a != b).count();
    // A simplified text has no traditional-only characters; a traditional one has many (about one
    // in five in policy prose).
    match changed * 1000 / total {
        0..=2 => Script::Simplified,
        3..=60 => Script::Mixed,
        _ => Script::Traditional,
    }
}
