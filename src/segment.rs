//! Stage 4, segment: jieba word segmentation with the policy-domain dictionary of
//! `grammar/policy-dict.txt`, set up once and shared.
//!
//! jieba cuts each run of Chinese characters (with ASCII letters and digits) on its own, so a text
//! cuts into the words of its clauses one after another. Local measures repeat the national
//! measure's clauses and each other's, so the words of a clause are remembered
//! ([`ClauseMemo`]) and a clause seen before is not cut again.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use jieba_rs::Jieba;
use rustc_hash::FxHashMap;

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
    let jieba = segmenter();
    let memo = clause_memo();
    let mut out = Vec::with_capacity(text.len() / 4);
    for clause in clauses(text) {
        memo.words_into(&jieba, clause, &mut out);
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

/// Clause bytes the memo keeps at most (with their word lengths, a few times that in memory):
/// beyond that, new clauses are cut but no longer remembered.
const CAPACITY: usize = 4_000_000;

/// The words of clauses already cut, as the byte length of each word.
#[derive(Default)]
struct ClauseMemo {
    clauses: Mutex<FxHashMap<Box<str>, Box<[u32]>>>,
    bytes: AtomicUsize,
}

fn clause_memo() -> &'static ClauseMemo {
    static CELL: OnceLock<ClauseMemo> = OnceLock::new();
    CELL.get_or_init(ClauseMemo::default)
}

impl ClauseMemo {
    /// Appends the words of `clause` to `out`, cut by `jieba` unless remembered.
    fn words_into<'t>(&self, jieba: &Jieba, clause: &'t str, out: &mut Vec<&'t str>) {
        let remembered = self.lock().get(clause).map(|lengths| push_words(clause, lengths, out)).is_some();
        if remembered {
            return;
        }
        let first = out.len();
        out.extend(jieba.cut(clause, true).into_iter().map(|t| t.word));
        if self.bytes.fetch_add(clause.len(), Ordering::Relaxed) < CAPACITY {
            let lengths = out[first..].iter().map(|w| w.len() as u32).collect();
            self.lock().insert(clause.into(), lengths);
        }
    }

    /// The map; a thread that panicked while holding it left it consistent (entries are inserted
    /// whole), so a poisoned lock is used as it is.
    fn lock(&self) -> std::sync::MutexGuard<'_, FxHashMap<Box<str>, Box<[u32]>>> {
        self.clauses.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
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
