//! Stage 5, cite: a citation pipeline in clear steps — extract (numbers, titles, aliases,
//! internal references, on the original text) → type (relation cues) → resolve (across a corpus,
//! with no manifest).

mod extract;
mod relation;
mod resolve;

pub use extract::{extract, numbers, titles, NumberMatch, TitleMatch};
pub use resolve::{resolve, resolve_learning, Resolution};
