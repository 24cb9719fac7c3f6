//! Stage 4, segment: jieba word segmentation with jieba's dictionary and the policy-domain
//! dictionary of `grammar/policy-dict.txt`, set up once and shared.
//!
//! jieba cuts each run of Chinese characters (with ASCII letters and digits) on its own, so a text
//! cuts into the words of its clauses one after another. Local measures repeat the national
//! measure's clauses and each other's, so the words of a clause are remembered (up to 4 MB of
//! clauses) and a clause seen before is not cut again.
//!
//! Setting up jieba's 349,045 words takes more CPU than cutting a thousand documents. When the
//! characters of the texts to come are known ([`focus`]), only the words made of them are set up:
//! a word with any other character can never match. The words left out are stood in for by one
//! word that matches nothing, with their total frequency, so every word keeps its probability (its
//! frequency over the total) and every cut is exactly jieba's. A text with another character is
//! cut with the full dictionary.

use std::sync::OnceLock;

use jieba_rs::Jieba;
use rustc_hash::FxHashSet;

use crate::memo::TextMemo;
use crate::text::CharSet;

/// jieba's dictionary (the `dict.txt` of jieba-rs 0.11, MIT licence), bundled so that part of it
/// can be set up.
const JIEBA_DICT: &str = include_str!("../grammar/jieba-dict.txt");
/// Policy-domain words; a word also in jieba's dictionary takes the frequency given here.
const POLICY_DICT: &str = include_str!("../grammar/policy-dict.txt");
/// The word standing in for the words a focused dictionary leaves out: a noncharacter, never in a
/// focused alphabet.
const FILLER: char = '\u{FFFF}';

/// jieba with the full dictionary.
fn full() -> &'static Jieba {
    static CELL: OnceLock<Jieba> = OnceLock::new();
    CELL.get_or_init(|| load(|_| true))
}

/// jieba with the words made of the characters of an alphabet.
struct Focused {
    jieba: Jieba,
    alphabet: CharSet,
}

static FOCUSED: OnceLock<Focused> = OnceLock::new();

/// Sets the segmenter up for texts made of the characters of `alphabet` (see
/// [`crate::normalize::alphabet`]); any other text is still cut right, with the full dictionary.
/// The first call in a process sets the alphabet; later calls change nothing.
pub fn focus(alphabet: CharSet) {
    FOCUSED.get_or_init(|| Focused::new(alphabet));
}

impl Focused {
    fn new(mut alphabet: CharSet) -> Focused {
        alphabet.remove(FILLER);
        Focused { jieba: load(|word| alphabet.covers(word)), alphabet }
    }
}

/// jieba with the words of both dictionaries that `keep` accepts, and a filler word with the
/// total frequency of the others (see the module documentation).
fn load(keep: impl Fn(&str) -> bool) -> Jieba {
    let policy: Vec<Entry> = POLICY_DICT.lines().filter_map(Entry::parse).collect();
    // A word in both dictionaries has the policy dictionary's frequency, as when jieba loads one
    // after the other: jieba's entry for it counts only where the word is kept, and is then
    // overridden. Words are checked by characters first: a hash lookup per word is slow.
    let relisted: FxHashSet<&str> = policy.iter().map(|e| e.word).collect();
    let relisted_chars = CharSet::of(relisted.iter().copied());
    let is_relisted = |word: &str| relisted_chars.covers(word) && relisted.contains(word);
    let jieba_entries = lines(JIEBA_DICT).filter_map(Entry::parse).filter(|e| !is_relisted(e.word) || keep(e.word));
    let mut jieba = Jieba::empty();
    let mut left_out = 0;
    for entry in jieba_entries.chain(policy) {
        if keep(entry.word) {
            jieba.add_word(entry.word, Some(entry.freq), Some(entry.tag));
        } else {
            left_out += entry.freq;
        }
    }
    if left_out > 0 {
        jieba.add_word(FILLER.encode_utf8(&mut [0; 4]), Some(left_out), Some("x"));
    }
    jieba
}

/// The lines of `dict`, found with SIMD: jieba's dictionary has 349,045 short ones.
fn lines(dict: &str) -> impl Iterator<Item = &str> {
    let ends = memchr::memchr_iter(b'\n', dict.as_bytes()).chain([dict.len()]);
    ends.scan(0, |start, end| {
        let line = dict.get(*start..end);
        *start = end + 1;
        line
    })
}

/// A line of a jieba dictionary: `word [frequency [tag]]`.
struct Entry<'d> {
    word: &'d str,
    freq: usize,
    tag: &'d str,
}

impl<'d> Entry<'d> {
    /// The entry of a line, read as jieba reads it (a missing frequency counts as 0; the bundled
    /// frequencies are all valid numbers); none for a blank line.
    fn parse(line: &'d str) -> Option<Entry<'d>> {
        let mut fields = line.split_ascii_whitespace();
        let word = fields.next()?;
        let freq = fields.next().and_then(|f| f.parse().ok()).unwrap_or(0);
        Some(Entry { word, freq, tag: fields.next().unwrap_or("") })
    }
}

/// The jieba that cuts `text`: the focused one when it knows every character of `text`.
fn jieba_for(text: &str) -> &'static Jieba {
    match FOCUSED.get() {
        Some(focused) if focused.alphabet.covers(text) => &focused.jieba,
        _ => full(),
    }
}

/// Words of `text`, in order, covering it exactly: jieba's words, clause by clause.
pub fn words(text: &str) -> Vec<&str> {
    static MEMO: OnceLock<TextMemo<Box<[u32]>>> = OnceLock::new();
    let memo = MEMO.get_or_init(|| TextMemo::new(4_000_000));
    let mut out = Vec::with_capacity(text.len() / 4);
    for clause in clauses(text) {
        // A clause's words are remembered as their byte lengths.
        let cut = || jieba_for(clause).cut(clause, true).into_iter().map(|t| t.word.len() as u32).collect();
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

    /// jieba reading both dictionaries itself, one after the other: what every segmenter here
    /// must agree with.
    fn jiebas_own() -> &'static Jieba {
        static CELL: OnceLock<Jieba> = OnceLock::new();
        CELL.get_or_init(|| {
            let mut dict = std::io::Read::chain(JIEBA_DICT.as_bytes(), POLICY_DICT.as_bytes());
            Jieba::with_dict(&mut dict).expect("the bundled dictionaries are valid jieba dictionaries")
        })
    }

    /// jieba's own cut of the whole text, for comparison.
    fn whole(text: &str) -> Vec<&str> {
        jiebas_own().cut(text, true).into_iter().map(|t| t.word).collect()
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

    /// Each clause of each unit's comparable text (what word diffs cut) of `docs`, cut by the
    /// dictionaries as jieba reads them itself and by one focused on the documents' alphabet.
    fn cuts_of(docs: &[crate::model::Document]) -> Vec<(String, Vec<String>, Vec<String>)> {
        let focused = Focused::new(crate::normalize::alphabet(docs));
        let cut =
            |jieba: &Jieba, clause: &str| jieba.cut(clause, true).into_iter().map(|t| t.word.to_string()).collect();
        let mut cuts = Vec::new();
        for doc in docs {
            let texts = crate::normalize::UnitTexts::new(doc);
            for unit in doc.all_units() {
                for clause in clauses(texts.text(&unit.id)) {
                    assert!(
                        focused.alphabet.covers(clause),
                        "the alphabet of {} misses a character of {clause}",
                        doc.path.display()
                    );
                    cuts.push((clause.to_string(), cut(jiebas_own(), clause), cut(&focused.jieba, clause)));
                }
            }
        }
        cuts
    }

    #[test]
    fn a_dictionary_focused_on_a_corpus_cuts_its_texts_as_jieba_does() {
        let paths =
            ["corpus/most-2009-648.txt", "corpus/liaoning-2016-alliance-pilot.txt"].map(std::path::PathBuf::from);
        let mut docs = crate::corpus::load(&paths, 1 << 20).expect("the core corpus loads");
        // A measure in traditional script with Taiwan vocabulary, whose comparable text is
        // converted: its alphabet must hold what t2s and the phrase lists make.
        let taiwan = "第一條　為推動產業技術創新戰略聯盟之專案，依據本辦法，資訊軟體廠商應於每年度提出計畫。";
        docs.push(crate::parse::parse_text("taiwan.txt".as_ref(), taiwan.to_string(), crate::model::Encoding::Utf8));
        let cuts = cuts_of(&docs);
        assert!(cuts.len() > 300, "{} clauses", cuts.len());
        for (clause, full, focused) in cuts {
            assert_eq!(full, focused, "{clause}");
        }
    }

    /// jieba's total frequency, which only its `Debug` shows.
    fn total_frequency(jieba: &Jieba) -> String {
        let debug = format!("{jieba:?}");
        debug
            .split("total_freq: ")
            .nth(1)
            .expect("jieba shows its total frequency")
            .trim_end_matches([' ', '}'])
            .to_string()
    }

    #[test]
    fn a_focused_dictionary_keeps_the_total_frequency_of_the_full_one() {
        let total = total_frequency(jiebas_own());
        assert_eq!(total_frequency(full()), total);
        // Words of both dictionaries (以上, 以下) kept and left out, and a set with no word at all.
        for alphabet in ["以上下内", "产业技术创新战略联盟", "联盟", ""] {
            let focused = Focused::new(CharSet::of([alphabet]));
            assert_eq!(total_frequency(&focused.jieba), total, "{alphabet}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(12))]
        /// The narrowest alphabet, a text's own characters, leaves out nearly all of jieba's words:
        /// the cut must still be jieba's.
        #[test]
        fn a_dictionary_focused_on_a_text_cuts_it_as_jieba_does(
            text in proptest::string::string_regex("[联盟企业大学科研机构应当不少于家产业技术创新的和中华人民共和国、，。 a-zA-Z0-9%.]{1,80}").unwrap()
        ) {
            let focused = Focused::new(CharSet::of([text.as_str()]));
            let cut = |jieba: &Jieba| jieba.cut(&text, true).into_iter().map(|t| t.word).collect::<Vec<_>>();
            proptest::prop_assert_eq!(cut(jiebas_own()), cut(&focused.jieba));
        }
    }

    #[test]
    fn clauses_end_after_their_mark_and_cover_the_text() {
        let pieces: Vec<&str> = clauses("甲，乙。丙").collect();
        assert_eq!(pieces, ["甲，", "乙。", "丙"]);
    }
}
