//! Stage 4, segment: jieba word segmentation with the policy-domain dictionary of
//! `grammar/policy-dict.txt`, set up once and shared.
//!
//! jieba cuts each run of Chinese characters (with ASCII letters and digits) on its own, so a text
//! cuts into the words of its clauses one after another. Local measures repeat the national
//! measure's clauses and each other's, so the words of a clause are remembered (up to 4 MB of
//! clauses) and a clause seen before is not cut again.

use std::sync::{Arc, OnceLock};

use jieba_rs::Jieba;

use crate::memo::TextMemo;

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

/// Words of `text`, in order, covering it exactly: jieba's words, clause by clause.
pub fn words(text: &str) -> Vec<&str> {
    static MEMO: OnceLock<TextMemo<Box<[u32]>>> = OnceLock::new();
    let memo = MEMO.get_or_init(|| TextMemo::new(4_000_000));
    let jieba = segmenter();
    let mut out = Vec::with_capacity(text.len() / 4);
    for clause in clauses(text) {
        // A clause's words are remembered as their byte lengths.
        let cut = || jieba.cut(clause, true).into_iter().map(|t| t.word.len() as u32).collect();
        memo.read(clause, cut, |lengths| push_words(clause, lengths, &mut out));
    }
    out
}

/// Marks that end a clause. None is a character jieba cuts as part of a word (CJK ideographs,
/// ASCII letters, digits and `+#&._%-`) or a space, so jieba's cut of a text is the cuts of the
/// pieces that end at these marks, one after another.
fn ends_clause(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '：' | '、' | '！' | '？')
}

/// `text` in pieces that each end after a clause mark (the last piece may end without one).
fn clauses(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(ends_clause)
}

/// Appends the words of `clause` whose byte lengths are `lengths`.
fn push_words<'t>(clause: &'t str, lengths: &[u32], out: &mut Vec<&'t str>) {
    let mut start = 0;
    for &len in lengths {
        let end = start + len as usize;
        out.push(&clause[start..end]);
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// jieba's own cut of the whole text, for comparison.
    fn whole(text: &str) -> Vec<&str> {
        segmenter().cut(text, true).into_iter().map(|t| t.word).collect()
    }

    #[test]
    fn clause_by_clause_cuts_as_jieba_cuts_the_whole_text() {
        let texts = [
            "联盟应当符合以下基本条件：（一）由企业、大学和科研机构等组成；（二）成员单位总数应不少于10家。",
            "第三条  联盟的主要任务是：组织企业、大学和科研机构围绕产业技术创新的关键问题，开展技术合作。\r\n",
            "支持 AI+医疗、5G 等新兴产业！是否适用？R&D 投入不低于60%，2.5亿元；，，",
            "",
        ];
        for text in texts {
            // Twice: cut afresh, then from the memo.
            assert_eq!(words(text), whole(text), "{text}");
            assert_eq!(words(text), whole(text), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_cuts_as_jieba_cuts_it_whole(
            text in proptest::string::string_regex("[联盟企业大学科研机构应当不少于家的和、，。；：！？ a-zA-Z0-9%.\\-\r\n]{0,60}").unwrap()
        ) {
            proptest::prop_assert_eq!(words(&text), whole(&text));
        }
    }

    #[test]
    fn clauses_end_after_their_mark_and_cover_the_text() {
        let pieces: Vec<&str> = clauses("甲，乙。丙").collect();
        assert_eq!(pieces, ["甲，", "乙。", "丙"]);
    }
}
