//! Where the best local alignment of two pieces lies: around the best chain of the exact runs
//! they share. Drafting offices copy with edits, so the alignment of a piece with the one it
//! copies keeps close to a few diagonals of the matrix; filling only a band around them does a
//! fraction of the work of the whole matrix. Pieces that are no such copy (the chain covers
//! little of them) are aligned in the whole matrix: their alignment may be made of matches too
//! short for runs, anywhere.
//!
//! Runs are maximal stretches of at least three equal characters, found from shared trigrams.
//! They are chained as the alignment itself would chain them: a run scores its weighted matches,
//! a step between runs costs what its mismatches and gap would cost. The band covers the
//! diagonals of the best chain, widened by a margin for the short matches and small gaps between
//! runs that trigrams do not see, and by a share of the pieces' length difference, which an
//! alignment of the two must bridge with gaps somewhere.

use rustc_hash::FxHashMap;

use super::local_alignment::{Band, GAP_EXTEND, GAP_OPEN, MATCH, MISMATCH};

/// The best chain must cover this share of the shorter piece for a band: a copy with edits.
const NEAR_COPY: f32 = 0.5;
/// Diagonals added on either side of the best chain's…
const MARGIN: isize = 16;
/// …and this share of the difference between the pieces' lengths.
const LENGTH_DIFFERENCE_SHARE: f32 = 0.25;
/// Share of the mismatch cost a step between runs is charged per character: between two runs the
/// alignment may still match single characters and pairs that trigrams do not see, so the chain
/// errs towards joining runs (a wider band) rather than missing part of the alignment.
const STEP_MISMATCH_SHARE: f32 = 0.3;
/// A trigram found more often than this in a piece is too common to start runs from.
const MAX_OCCURRENCES: usize = 32;
/// Runs looked back on for the one before in a chain: chains join nearby runs.
const LOOK_BACK: usize = 64;

/// An exact run: `len` characters equal from `a[i]` and `b[j]` on, scoring `score`.
#[derive(Clone, Copy, Debug)]
struct Run {
    i: usize,
    j: usize,
    len: usize,
    score: f32,
}

impl Run {
    fn diagonal(&self) -> isize {
        self.i as isize - self.j as isize
    }
}

/// The trigrams of a piece with their positions: each trigram's positions, in order, are a slice.
pub struct Trigrams {
    positions: Vec<usize>,
    slices: FxHashMap<[char; 3], (usize, usize)>,
}

impl Trigrams {
    /// The trigrams of `chars`.
    pub fn of(chars: &[char]) -> Trigrams {
        let mut at: Vec<([char; 3], usize)> =
            chars.windows(3).enumerate().map(|(j, w)| ([w[0], w[1], w[2]], j)).collect();
        at.sort_unstable();
        let mut slices = FxHashMap::default();
        for (k, (trigram, _)) in at.iter().enumerate() {
            slices.entry(*trigram).or_insert((k, k)).1 = k + 1;
        }
        Trigrams { positions: at.into_iter().map(|(_, j)| j).collect(), slices }
    }

    /// Where `trigram` starts, in order.
    fn positions(&self, trigram: [char; 3]) -> &[usize] {
        self.slices.get(&trigram).map_or(&[], |&(from, to)| &self.positions[from..to])
    }
}

/// The band of diagonals to align `a` and `b` (whose trigrams are `b_trigrams`) in; the whole
/// matrix unless one is a copy of the other with edits.
pub fn around_shared_runs(a: &[char], wa: &[f32], b: &[char], wb: &[f32], b_trigrams: &Trigrams) -> Band {
    let full = Band::full(a.len(), b.len());
    let runs = runs(a, wa, b, wb, b_trigrams);
    let Some(chain) = best_chain(&runs) else {
        return full;
    };
    let covered: usize = chain.iter().map(|&r| runs[r].len).sum();
    if (covered as f32) < NEAR_COPY * a.len().min(b.len()) as f32 {
        return full;
    }
    let diagonals = chain.iter().map(|&r| runs[r].diagonal());
    let (lo, hi) = diagonals.fold((isize::MAX, isize::MIN), |(lo, hi), d| (lo.min(d), hi.max(d)));
    let margin = MARGIN + (LENGTH_DIFFERENCE_SHARE * a.len().abs_diff(b.len()) as f32) as isize;
    Band { lo: (lo - margin).max(full.lo), hi: (hi + margin).min(full.hi) }
}

/// Maximal runs of at least three equal characters, in order of their start in `a`.
fn runs(a: &[char], wa: &[f32], b: &[char], wb: &[f32], b_trigrams: &Trigrams) -> Vec<Run> {
    let mut runs = Vec::new();
    for (i, w) in a.windows(3).enumerate() {
        let positions = b_trigrams.positions([w[0], w[1], w[2]]);
        if positions.len() > MAX_OCCURRENCES {
            continue;
        }
        // Only where a run starts: the characters before differ, or there are none.
        for &j in positions.iter().filter(|&&j| i == 0 || j == 0 || a[i - 1] != b[j - 1]) {
            let len = a[i..].iter().zip(&b[j..]).take_while(|(x, y)| x == y).count();
            let score = (0..len).map(|k| MATCH * (wa[i + k] + wb[j + k]) / 2.0).sum();
            runs.push(Run { i, j, len, score });
        }
    }
    runs
}

/// Indices of the runs of the best-scoring chain: runs in order in both pieces, each step
/// between them costing its mismatches and, when it changes diagonal, a gap.
fn best_chain(runs: &[Run]) -> Option<Vec<usize>> {
    let mut score: Vec<f32> = Vec::with_capacity(runs.len());
    let mut previous: Vec<Option<usize>> = Vec::with_capacity(runs.len());
    for (r, run) in runs.iter().enumerate() {
        let mut best = (0.0, None);
        let first = r.saturating_sub(LOOK_BACK);
        for (p, before) in runs.iter().enumerate().take(r).skip(first) {
            let (end_i, end_j) = (before.i + before.len, before.j + before.len);
            // A run that starts inside the one before continues after it, if at all.
            let overlap = end_i.saturating_sub(run.i).max(end_j.saturating_sub(run.j));
            if overlap >= run.len || before.i >= run.i || before.j >= run.j {
                continue;
            }
            let (di, dj) = (run.i + overlap - end_i, run.j + overlap - end_j);
            let shift = di.abs_diff(dj);
            let gap = if shift == 0 { 0.0 } else { GAP_OPEN + GAP_EXTEND * shift as f32 };
            let kept = run.score * (run.len - overlap) as f32 / run.len as f32;
            let step = score[p] + STEP_MISMATCH_SHARE * MISMATCH * di.min(dj) as f32 + gap + kept - run.score;
            if step > best.0 {
                best = (step, Some(p));
            }
        }
        score.push(run.score + best.0);
        previous.push(best.1);
    }
    let end = (0..runs.len()).max_by(|&x, &y| score[x].total_cmp(&score[y]).then(y.cmp(&x)))?;
    let mut chain = vec![end];
    while let Some(p) = previous[*chain.last().expect("a chain is never empty")] {
        chain.push(p);
    }
    Some(chain)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn an_inserted_clause_widens_the_band_by_its_length() {
        let a = chars("鼓励企业大学和科研机构从产业发展实际需求出发");
        let b = chars("鼓励企业大学和科研机构根据六部门推动联盟构建意见的精神从产业发展实际需求出发");
        let (wa, wb) = (vec![1.0; a.len()], vec![1.0; b.len()]);
        let band = around_shared_runs(&a, &wa, &b, &wb, &Trigrams::of(&b));
        // The runs lie on diagonals 0 and -16 (the clause is 16 characters long), and the margin
        // grows by a quarter of those 16 characters.
        let margin = MARGIN + 4;
        assert_eq!(band, Band { lo: -16 - margin, hi: margin.min(a.len() as isize - 1) });
    }

    #[test]
    fn a_piece_that_copies_little_of_the_other_is_aligned_in_full() {
        let a = chars("联盟应当符合以下基本条件并按照本办法的规定提出申请");
        let b = chars("各地科技部门应当加强对试点工作的指导以下基本条件由省级部门另行制定");
        let band = around_shared_runs(&a, &vec![1.0; a.len()], &b, &vec![1.0; b.len()], &Trigrams::of(&b));
        assert_eq!(band, Band::full(a.len(), b.len()));
    }

    #[test]
    fn pieces_that_share_no_run_are_aligned_in_full() {
        let (a, b) = (chars("联盟应当符合"), chars("本办法自发布"));
        let band = around_shared_runs(&a, &[1.0; 6], &b, &[1.0; 6], &Trigrams::of(&b));
        assert_eq!(band, Band::full(6, 6));
    }
}
