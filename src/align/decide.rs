//! Which pairs of articles derive from each other, decided over the whole pair of documents.
//!
//! Each pair of pieces compared gives two strengths: its shared terms (bigrams weighed by how
//! much they tell apart within the document pair, order ignored) and its aligned text (weighted
//! Smith-Waterman). A pair of articles takes the strongest of its pieces'. Strength alone does not
//! tell a derivation: a local measure restates its law article by article, so a national article
//! that is the best match of a local one, or that finds its best match in it, is far more likely
//! its source than another sharing as much. The probability of a derivation combines the
//! strengths (on a log scale) with how close each comes to the best of its local article and of
//! its national article, in a logistic model.
//!
//! The model was fitted by logistic regression on hand-labelled pairs: the real regulations of
//! `tests/fixtures/align-real` and the core corpus's `alignment-liaoning.tsv`. Left out one law at
//! a time, it scores precision 0.86 and recall 0.67 on the real regulations at the threshold, and
//! precision 1.0, recall 0.92 on the core corpus. Its output reads as a probability in every
//! document: of the article pairs it scored 0.6 to 1.0 there, 94% were right; 0.4 to 0.6, 55%;
//! 0.2 to 0.4, 22%.

use rustc_hash::FxHashMap as HashMap;

/// The probability at which a pair of articles is a derivation.
pub(super) const THRESHOLD: f32 = 0.45;

/// The model's weights: intercept; log strength of shared terms and of aligned text; for each
/// strength, its share of the best of the local article's pairs and of the national article's.
const INTERCEPT: f32 = -5.208;
const LOG_TERMS: f32 = 1.112;
const LOG_TEXT: f32 = 0.734;
const TERMS_OF_LOCAL_BEST: f32 = 0.993;
const TERMS_OF_NATIONAL_BEST: f32 = 0.985;
const TEXT_OF_LOCAL_BEST: f32 = 0.617;
const TEXT_OF_NATIONAL_BEST: f32 = 0.637;

/// The evidence that one piece derives from another.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Strength {
    /// Weight of the shared terms times the larger share of the two pieces' terms they make.
    pub(super) terms: f32,
    /// Weight of the aligned text times its share of the sentences it touches (the smaller of the
    /// two pieces' sentences).
    pub(super) text: f32,
}

impl Strength {
    /// Both strengths together, to compare pairs of pieces.
    pub(super) fn total(self) -> f32 {
        self.terms + self.text
    }

    fn max(self, other: Strength) -> Strength {
        Strength { terms: self.terms.max(other.terms), text: self.text.max(other.text) }
    }

    /// Both strengths as shares of `best`'s (1 where `best` is nothing).
    fn share_of(self, best: Strength) -> (f32, f32) {
        let share = |x: f32, b: f32| if b > 0.0 { x / b } else { 1.0 };
        (share(self.terms, best.terms), share(self.text, best.text))
    }
}

/// The probability that each pair of articles (local, national; dense indices) is a derivation,
/// given the strength of every pair of pieces compared within them.
pub(super) fn probabilities(
    pieces: impl Iterator<Item = ((usize, usize), Strength)>,
    (local_articles, national_articles): (usize, usize),
) -> HashMap<(usize, usize), f32> {
    let mut pairs: HashMap<(usize, usize), Strength> = HashMap::default();
    for (pair, strength) in pieces {
        let best = pairs.entry(pair).or_default();
        *best = best.max(strength);
    }
    let mut best_local = vec![Strength::default(); local_articles];
    let mut best_national = vec![Strength::default(); national_articles];
    for (&(l, n), &s) in &pairs {
        best_local[l] = best_local[l].max(s);
        best_national[n] = best_national[n].max(s);
    }
    pairs
        .into_iter()
        .map(|((l, n), s)| {
            let (terms_of_local, text_of_local) = s.share_of(best_local[l]);
            let (terms_of_national, text_of_national) = s.share_of(best_national[n]);
            let z = INTERCEPT
                + LOG_TERMS * s.terms.ln_1p()
                + LOG_TEXT * s.text.ln_1p()
                + TERMS_OF_LOCAL_BEST * terms_of_local
                + TERMS_OF_NATIONAL_BEST * terms_of_national
                + TEXT_OF_LOCAL_BEST * text_of_local
                + TEXT_OF_NATIONAL_BEST * text_of_national;
            ((l, n), 1.0 / (1.0 + (-z).exp()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_match_on_both_sides_is_likelier_than_an_equal_match_that_is_not() {
        let strong = Strength { terms: 12.0, text: 20.0 };
        let weaker = Strength { terms: 6.0, text: 8.0 };
        // Local article 0 matches national 0 best; local 1 matches national 0 as well as local
        // 0 does national 1, but national 0 finds its best match in local 0.
        let pieces = [((0, 0), strong), ((0, 1), weaker), ((1, 0), weaker), ((1, 1), Strength::default())];
        let p = probabilities(pieces.into_iter(), (2, 2));
        assert!(p[&(0, 0)] > THRESHOLD, "{p:?}");
        assert!(p[&(0, 1)] < p[&(0, 0)] && p[&(1, 0)] < p[&(0, 0)], "{p:?}");
        assert!(p[&(1, 1)] < 0.05, "{p:?}");
    }
}
