//! Alignments already made. Local measures copy the same national passages again and again, and
//! the alignment of two pieces depends on nothing but their characters and weights, so a pair
//! seen before is looked up instead of aligned again ([`Memo`]); a whole local piece seen before
//! is looked up with its links, skipping its candidate search too ([`PieceMemo`]). Keys are
//! compared in full (a hash only picks the bucket), so a lookup can never return another pair's
//! alignment or another piece's links.

use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use rustc_hash::{FxHashMap as HashMap, FxHasher};
use wide::bytemuck::cast_slice;

use super::band::{around_shared_runs, Trigrams};
use super::local_alignment::{align, align_in, Band, Hit};
use super::{Found, Grain};

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
    /// (national piece, hash of the local side) → entries.
    entries: Mutex<HashMap<(usize, u64), Vec<Entry>>>,
    chars: AtomicUsize,
}

fn hash(chars: &[char], weights: &[f32]) -> u64 {
    let mut hasher = FxHasher::default();
    hash_into(&mut hasher, chars, weights);
    hasher.finish()
}

/// Hashes the characters and weights as bytes, eight at a time.
fn hash_into(hasher: &mut FxHasher, chars: &[char], weights: &[f32]) {
    hasher.write(cast_slice(chars));
    hasher.write(cast_slice(weights));
}

/// True if `a` and `b` hold the same weights, bit for bit (weights are never NaN or -0, so this
/// is equality), compared as bytes at once.
fn same_weights(a: &[f32], b: &[f32]) -> bool {
    cast_slice::<f32, u8>(a) == cast_slice::<f32, u8>(b)
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
    /// The alignment of a local piece (`chars`, `weights`) with national piece `national`, whose
    /// text is `n_chars`, `n_weights` and whose trigrams are sorted into `n_trigrams` when first
    /// needed.
    pub(super) fn align(
        &self,
        national: usize,
        (chars, weights): (&[char], &[f32]),
        (n_chars, n_weights, n_trigrams): (&[char], &[f32], &OnceLock<Trigrams>),
    ) -> Hit {
        let key = (national, hash(chars, weights));
        let found = self.lock().get(&key).and_then(|bucket| {
            bucket.iter().find(|e| e.chars == chars && same_weights(&e.weights, weights)).map(|e| e.hit)
        });
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

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(usize, u64), Vec<Entry>>> {
        lock(&self.entries)
    }
}

/// A local piece before its trigram weights are applied: all its candidates and links depend on.
#[derive(Clone, Copy)]
pub(super) struct PieceKey<'k> {
    pub(super) grain: Grain,
    pub(super) chars: &'k [char],
    /// Weights before the trigram weights.
    pub(super) weights: &'k [f32],
}

impl PieceKey<'_> {
    fn hash(&self) -> u64 {
        let mut hasher = FxHasher::default();
        hash_into(&mut hasher, self.chars, self.weights);
        (self.grain == Grain::Article).hash(&mut hasher);
        hasher.finish()
    }

    fn is(&self, entry: &PieceEntry) -> bool {
        self.grain == entry.grain && self.chars == entry.chars && same_weights(self.weights, &entry.weights)
    }
}

/// A remembered local piece and what it yields, made for the first unit that had it.
struct PieceEntry {
    grain: Grain,
    chars: Vec<char>,
    weights: Vec<f32>,
    found: Found,
}

/// What local pieces already aligned to one national document yield. Local measures copy whole
/// units unchanged, and what a piece yields depends on nothing but its [`PieceKey`], so a piece
/// seen before in another document skips candidate search and alignment altogether. Keys are
/// compared in full; memory is bounded like [`Memo`]'s.
#[derive(Default)]
pub(super) struct PieceMemo {
    entries: Mutex<HashMap<u64, Vec<PieceEntry>>>,
    chars: AtomicUsize,
}

impl PieceMemo {
    /// What the piece whose key is `key` yields: found before for the same key, else by `find`.
    /// Remembered while the memo has room.
    pub(super) fn found(&self, key: &PieceKey, find: impl FnOnce() -> Found) -> Found {
        let hash = key.hash();
        if let Some(entry) = lock(&self.entries).get(&hash).and_then(|bucket| bucket.iter().find(|e| key.is(e))) {
            return entry.found.clone();
        }
        let found = find();
        if self.chars.fetch_add(key.chars.len(), Ordering::Relaxed) < CAPACITY {
            let entry = PieceEntry {
                grain: key.grain,
                chars: key.chars.to_vec(),
                weights: key.weights.to_vec(),
                found: found.clone(),
            };
            lock(&self.entries).entry(hash).or_default().push(entry);
        }
        found
    }
}

/// A map behind a lock; a thread that panicked while holding it left it consistent (entries are
/// pushed whole), so a poisoned lock is used as it is.
fn lock<T>(map: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    map.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
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
        let first = memo.align(0, (&local, &ones), (&national, &n_weights, &trigrams));
        assert_eq!(first, align(&local, &ones, &national, &n_weights));
        assert_eq!(memo.align(0, (&local, &ones), (&national, &n_weights, &trigrams)), first);
        // Same characters, other weights: a different pair, aligned afresh.
        let lighter = memo.align(0, (&local, &halves), (&national, &n_weights, &trigrams));
        assert_eq!(lighter, align(&local, &halves, &national, &n_weights));
        assert_ne!(lighter.weighted, first.weighted);
        assert_eq!(memo.lock().values().map(Vec::len).sum::<usize>(), 2);
    }

    #[test]
    fn a_remembered_piece_gives_what_it_yielded_and_no_other_piece_does() {
        let memo = PieceMemo::default();
        let chars: Vec<char> = "联盟应当符合以下基本条件".chars().collect();
        let ones = vec![1.0; chars.len()];
        let hit = align(&chars, &ones, &chars, &ones);
        let found = Found {
            total: 12.0,
            prefix: vec![0.0, 12.0],
            bag: Default::default(),
            compared: vec![super::super::Compared { national: 7, hit }],
        };
        let key = PieceKey { grain: Grain::Part, chars: &chars, weights: &ones };
        assert_eq!(memo.found(&key, || found.clone()), found);
        // Seen before: found without aligning.
        assert_eq!(memo.found(&key, || unreachable!("aligned twice")), found);
        // Anything else it depends on differs: a different piece, searched afresh.
        let lighter = vec![0.2; chars.len()];
        for other in [PieceKey { grain: Grain::Article, ..key }, PieceKey { weights: &lighter, ..key }] {
            assert_eq!(memo.found(&other, Found::default), Found::default());
        }
    }
}
