//! Alignments already made. Local measures copy the same national passages again and again, and
//! the alignment of two pieces depends on nothing but their characters and weights, so a pair
//! seen before is looked up instead of aligned again. Keys are compared in full (a hash only picks
//! the bucket), so a lookup can never return another pair's alignment.

use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use rustc_hash::{FxHashMap as HashMap, FxHasher};

use super::band::{around_shared_runs, Trigrams};
use super::local_alignment::{align, align_in, Band, Hit};

/// Local characters the memo keeps at most (about 8 bytes each with their weights): beyond that,
/// new pairs are aligned but no longer remembered, so memory stays bounded on any corpus.
const CAPACITY: usize = 1_000_000;

/// A remembered local side and its alignment.
struct Entry {
    chars: Vec<char>,
    weights: Vec<f32>,
    hit: Hit,
}

/// Alignments against the pieces of one national document, shared by the threads that align
/// local documents to it.
#[derive(Default)]
pub(super) struct Memo {
    /// (national piece, its weights lowered as formulaic, hash of the local side) → entries.
    entries: Mutex<HashMap<(usize, bool, u64), Vec<Entry>>>,
    chars: AtomicUsize,
}

fn hash(chars: &[char], weights: &[f32]) -> u64 {
    let mut hasher = FxHasher::default();
    chars.hash(&mut hasher);
    weights.iter().for_each(|w| w.to_bits().hash(&mut hasher));
    hasher.finish()
}

/// A banded alignment sure to be strong enough for a link is the best one (the band is made to
/// hold it); a weaker one may have missed an alignment of matches too short for the band to see,
/// so it is looked for in the whole matrix.
const SURE_BANDED_MATCH: f32 = 2.0 * super::MIN_WEIGHTED_MATCH;

/// The best local alignment, looked for in the band around the pieces' shared runs first; the
/// trigrams of `b` are `b_trigrams`.
fn align_band_first(a: &[char], wa: &[f32], b: &[char], wb: &[f32], b_trigrams: &Trigrams) -> Hit {
    let band = around_shared_runs(a, wa, b, wb, b_trigrams);
    let hit = align_in(a, wa, b, wb, band);
    if hit.weighted >= SURE_BANDED_MATCH || band == Band::full(a.len(), b.len()) {
        hit
    } else {
        align(a, wa, b, wb)
    }
}

impl Memo {
    /// The alignment of a local piece (`chars`, `weights`) with national piece `national`
    /// (`formulaic` when its weights were lowered), whose text is `n_chars`, `n_weights` and whose
    /// trigrams are sorted into `n_trigrams` when first needed.
    pub(super) fn align(
        &self,
        (national, formulaic): (usize, bool),
        (chars, weights): (&[char], &[f32]),
        (n_chars, n_weights, n_trigrams): (&[char], &[f32], &OnceLock<Trigrams>),
    ) -> Hit {
        let key = (national, formulaic, hash(chars, weights));
        let found = self
            .lock()
            .get(&key)
            .and_then(|bucket| bucket.iter().find(|e| e.chars == chars && e.weights == weights).map(|e| e.hit));
        if let Some(hit) = found {
            return hit;
        }
        let hit =
            align_band_first(chars, weights, n_chars, n_weights, n_trigrams.get_or_init(|| Trigrams::of(n_chars)));
        if self.chars.fetch_add(chars.len(), Ordering::Relaxed) < CAPACITY {
            let entry = Entry { chars: chars.to_vec(), weights: weights.to_vec(), hit };
            self.lock().entry(key).or_default().push(entry);
        }
        hit
    }

    /// The map; a thread that panicked while holding it left it consistent (entries are pushed
    /// whole), so a poisoned lock is used as it is.
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(usize, bool, u64), Vec<Entry>>> {
        self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_pair_gives_its_own_alignment_and_no_other() {
        let memo = Memo::default();
        let national: Vec<char> = "联盟应当符合以下基本条件".chars().collect();
        let n_weights = vec![1.0; national.len()];
        let trigrams = OnceLock::new();
        let local: Vec<char> = "联盟成立应当符合以下条件".chars().collect();
        let (ones, halves) = (vec![1.0; local.len()], vec![0.5; local.len()]);
        let first = memo.align((0, false), (&local, &ones), (&national, &n_weights, &trigrams));
        assert_eq!(first, align(&local, &ones, &national, &n_weights));
        assert_eq!(memo.align((0, false), (&local, &ones), (&national, &n_weights, &trigrams)), first);
        // Same characters, other weights: a different pair, aligned afresh.
        let lighter = memo.align((0, false), (&local, &halves), (&national, &n_weights, &trigrams));
        assert_eq!(lighter, align(&local, &halves, &national, &n_weights));
        assert_ne!(lighter.weighted, first.weighted);
        assert_eq!(memo.lock().values().map(Vec::len).sum::<usize>(), 2);
    }
}
