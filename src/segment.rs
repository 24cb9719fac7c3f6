//! Stage 4, segment: jieba word segmentation with the policy-domain dictionary of
//! `grammar/policy-dict.txt`, set up once and shared.

use std::sync::{Arc, OnceLock};

use jieba_rs::Jieba;

/// The shared segmenter (default jieba dictionary plus the policy dictionary).
pub fn segmenter() -> Arc<Jieba> {
    static CELL: OnceLock<Arc<Jieba>> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut jieba = Jieba::new();
        let mut dict = include_str!("../grammar/policy-dict.txt").as_bytes();
        // The dictionary is compiled in and its format is tested, so a failure here is a bug.
        jieba.load_dict(&mut dict).expect("grammar/policy-dict.txt is a valid jieba dictionary");
        Arc::new(jieba)
    })
    .clone()
}

/// Words of `text`, in order, covering it exactly.
pub fn words(text: &str) -> Vec<&str> {
    segmenter().cut(text, true).into_iter().map(|t| t.word).collect()
}
