//! Wording that changed across revisions of Chinese legislation (`grammar/align-revision-variants.tsv`):
//! 检举 became 举报, 行政处分 became 处分, agencies were renamed in 2018. A local regulation
//! written against an older version of a law says the same thing in the old words, so alignment
//! folds both sides to the current wording.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::lexicon;

/// A variant and the current wording it folds to.
type Variant = (Vec<char>, Vec<char>);

/// The variants, by their first character, longest first.
struct Variants {
    by_start: FxHashMap<char, Vec<Variant>>,
}

fn variants() -> &'static Variants {
    static CELL: OnceLock<Variants> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut by_start: FxHashMap<char, Vec<Variant>> = FxHashMap::default();
        let mut seen = FxHashSet::default();
        for (from, to) in lexicon::align_revision_variants().iter().filter_map(|l| l.split_once('\t')) {
            let from: Vec<char> = from.trim().chars().collect();
            if let Some(&first) = from.first().filter(|_| seen.insert(from.clone())) {
                by_start.entry(first).or_default().push((from, to.trim().chars().collect()));
            }
        }
        for list in by_start.values_mut() {
            list.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
        }
        Variants { by_start }
    })
}

/// `chars` with every variant folded to the current wording, with a weight per character and
/// whether it starts a sentence (`starts`): a folded phrase takes the lowest weight of the
/// characters it replaces, and starts a sentence where its first character did.
pub(super) fn fold(chars: &[char], weights: &[f32], starts: &[bool]) -> (Vec<char>, Vec<f32>, Vec<bool>) {
    let variants = variants();
    let mut out = (Vec::with_capacity(chars.len()), Vec::with_capacity(chars.len()), Vec::with_capacity(chars.len()));
    let mut i = 0;
    while i < chars.len() {
        let found = variants
            .by_start
            .get(&chars[i])
            .and_then(|list| list.iter().find(|(from, _)| chars[i..].starts_with(from)));
        match found {
            Some((from, to)) => {
                let weight = weights[i..i + from.len()].iter().copied().fold(1.0, f32::min);
                out.0.extend_from_slice(to);
                out.1.extend(std::iter::repeat_n(weight, to.len()));
                out.2.push(starts[i]);
                out.2.extend(std::iter::repeat_n(false, to.len() - 1));
                i += from.len();
            }
            None => {
                out.0.push(chars[i]);
                out.1.push(weights[i]);
                out.2.push(starts[i]);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn older_wording_folds_to_the_current_and_the_longest_variant_wins() {
        let chars: Vec<char> = "对检举单位和个人给予行政处分".chars().collect();
        let mut weights = vec![1.0; chars.len()];
        weights[1] = 0.2;
        let mut starts = vec![false; chars.len()];
        (starts[0], starts[3]) = (true, true);
        let (folded, folded_weights, folded_starts) = fold(&chars, &weights, &starts);
        assert_eq!(folded.iter().collect::<String>(), "对举报组织和个人给予处分");
        assert_eq!(folded_weights[..3], [1.0, 0.2, 0.2]);
        assert_eq!(folded.len(), folded_weights.len());
        // 单位和个人 started a sentence; 组织和个人 does.
        let starting: Vec<usize> = (0..folded_starts.len()).filter(|&i| folded_starts[i]).collect();
        assert_eq!(starting, [0, 3]);
    }
}
