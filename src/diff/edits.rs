//! Word-level edits between a national and a local unit: a diff of jieba tokens with `similar`,
//! refined character by character inside replaced tokens.

use rustc_hash::FxHashMap;
use similar::{capture_diff_slices, Algorithm, DiffTag};

use crate::model::Edit;
use crate::segment;

/// Word diff of two texts, with character refinement of replaced runs.
pub fn diff_words(old: &str, new: &str) -> Vec<Edit> {
    let (old_words, new_words) = (segment::words(old), segment::words(new));
    let mut vocabulary = Vocabulary::default();
    let old_ids = vocabulary.ids(&old_words);
    diff_segmented((&old_words, &old_ids), &new_words, &vocabulary)
}

/// Words by number, so that a diff compares and hashes numbers, not strings.
#[derive(Default)]
pub(crate) struct Vocabulary<'w> {
    ids: FxHashMap<&'w str, u32>,
}

impl<'w> Vocabulary<'w> {
    /// The number of every word, new words numbered as they come.
    pub(crate) fn ids(&mut self, words: &[&'w str]) -> Vec<u32> {
        words
            .iter()
            .map(|w| {
                let next = self.ids.len() as u32;
                *self.ids.entry(w).or_insert(next)
            })
            .collect()
    }
}

/// Word diff of two texts already cut into words, the old one's words also numbered by
/// `vocabulary` (the national side is cut and numbered once for all pairs).
pub(crate) fn diff_segmented(
    (old_words, old_ids): (&[&str], &[u32]),
    new_words: &[&str],
    vocabulary: &Vocabulary,
) -> Vec<Edit> {
    // Words the vocabulary lacks are not in the old text: numbered past it, one number per word.
    let mut unknown: FxHashMap<&str, u32> = FxHashMap::default();
    let new_ids: Vec<u32> = new_words
        .iter()
        .map(|w| {
            vocabulary.ids.get(w).copied().unwrap_or_else(|| {
                let next = (vocabulary.ids.len() + unknown.len()) as u32;
                *unknown.entry(w).or_insert(next)
            })
        })
        .collect();
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, old_ids, &new_ids) {
        let (tag, o, n) = op.as_tag_tuple();
        let old_text: String = old_words[o].concat();
        let new_text: String = new_words[n].concat();
        match tag {
            DiffTag::Equal => push(&mut out, Edit::Equal(old_text)),
            DiffTag::Delete => push(&mut out, Edit::Delete(old_text)),
            DiffTag::Insert => push(&mut out, Edit::Insert(new_text)),
            DiffTag::Replace => refine(&mut out, &old_text, &new_text),
        }
    }
    out
}

/// Character-level diff inside a replaced run, so that 建立 → 健全 keeps what it shares.
fn refine(out: &mut Vec<Edit>, old: &str, new: &str) {
    let a: Vec<char> = old.chars().collect();
    let b: Vec<char> = new.chars().collect();
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        let (tag, o, n) = op.as_tag_tuple();
        let old_text: String = a[o].iter().collect();
        let new_text: String = b[n].iter().collect();
        match tag {
            DiffTag::Equal => push(out, Edit::Equal(old_text)),
            DiffTag::Delete => push(out, Edit::Delete(old_text)),
            DiffTag::Insert => push(out, Edit::Insert(new_text)),
            DiffTag::Replace => {
                push(out, Edit::Delete(old_text));
                push(out, Edit::Insert(new_text));
            }
        }
    }
}

/// Appends an edit, merging it into the last one when they are of the same kind.
fn push(out: &mut Vec<Edit>, edit: Edit) {
    match (out.last_mut(), &edit) {
        (Some(Edit::Equal(a)), Edit::Equal(b))
        | (Some(Edit::Insert(a)), Edit::Insert(b))
        | (Some(Edit::Delete(a)), Edit::Delete(b)) => a.push_str(b),
        _ if edit_text(&edit).is_empty() => {}
        _ => out.push(edit),
    }
}

fn edit_text(edit: &Edit) -> &str {
    match edit {
        Edit::Equal(t) | Edit::Insert(t) | Edit::Delete(t) => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refines_inside_replaced_words() {
        let edits = diff_words("要建立利益保障机制。", "建立健全利益保障机制。");
        let inserted: Vec<&str> =
            edits.iter().filter_map(|e| if let Edit::Insert(t) = e { Some(t.as_str()) } else { None }).collect();
        let deleted: Vec<&str> =
            edits.iter().filter_map(|e| if let Edit::Delete(t) = e { Some(t.as_str()) } else { None }).collect();
        assert_eq!((inserted, deleted), (vec!["健全"], vec!["要"]));
    }
}
