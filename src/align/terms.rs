//! Pieces as bags of terms (character bigrams, a word or part of one in Chinese), weighed by how
//! much they tell apart within the pair of documents aligned: a term found in a few articles of
//! either document points at those, one found in most articles of both (the law's own subject, an
//! agency, 应当) points at none. A bag ignores word order, so a paraphrase that says the same
//! thing about the same subject in another order still shares its terms, where the exact
//! alignment finds only its longest passage.

use rustc_hash::FxHashMap;

use super::{Grain, Piece};

type Bigram = [char; 2];

/// A piece's distinct terms: those the national document has, by ID in ascending order, each
/// with the weight of its characters (the highest where it occurs more than once), and the total
/// character weight of those it does not have.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Bag {
    known: Vec<(u32, f32)>,
    unknown: f32,
}

/// The terms of a national document's pieces.
pub(super) struct Terms {
    ids: FxHashMap<Bigram, u32>,
    /// National articles holding each term.
    national_articles_with: Vec<u32>,
    national_articles: u32,
    /// The bag of each national piece.
    bags: Vec<Bag>,
    /// The national pieces holding each term, with its weight there.
    postings: Vec<Vec<(u32, f32)>>,
    /// Each term's weight in the national document alone (for finding candidates before the
    /// local document is known), and each national piece's total under them.
    national_weights: Vec<f32>,
    national_totals: Vec<f32>,
}

/// The bag of `chars` (with their `weights`), its terms given IDs by `id_of`.
fn bag_of(chars: &[char], weights: &[f32], mut id_of: impl FnMut(Bigram) -> Option<u32>) -> Bag {
    let mut known = Vec::with_capacity(chars.len());
    let mut unknown = Vec::new();
    for (pair, w) in chars.windows(2).zip(weights.windows(2)) {
        let weight = (w[0] + w[1]) / 2.0;
        match id_of([pair[0], pair[1]]) {
            Some(id) => known.push((id, weight)),
            None => unknown.push(([pair[0], pair[1]], weight)),
        }
    }
    Bag { known: distinct(known), unknown: distinct(unknown).iter().map(|(_, w)| w).sum() }
}

/// Each term once, with its highest weight, in ascending order.
fn distinct<T: Ord + Copy>(mut terms: Vec<(T, f32)>) -> Vec<(T, f32)> {
    terms.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    terms.dedup_by_key(|(t, _)| *t);
    terms
}

impl Terms {
    /// The terms of the national pieces (with their weights before trigram weights).
    pub(super) fn new(pieces: &[Piece]) -> Terms {
        let mut ids: FxHashMap<Bigram, u32> = FxHashMap::default();
        let bags: Vec<Bag> = pieces
            .iter()
            .map(|p| {
                bag_of(&p.chars, &p.weights, |term| {
                    let next = ids.len() as u32;
                    Some(*ids.entry(term).or_insert(next))
                })
            })
            .collect();
        let mut national_articles_with = vec![0; ids.len()];
        let articles: Vec<&Bag> =
            pieces.iter().zip(&bags).filter(|(p, _)| p.grain == Grain::Article).map(|(_, b)| b).collect();
        for bag in &articles {
            for &(id, _) in &bag.known {
                national_articles_with[id as usize] += 1;
            }
        }
        let mut postings = vec![Vec::new(); ids.len()];
        for (i, bag) in bags.iter().enumerate() {
            for &(id, w) in &bag.known {
                postings[id as usize].push((i as u32, w));
            }
        }
        let national_articles = articles.len() as u32;
        let weight = rarity(national_articles);
        let national_weights: Vec<f32> = national_articles_with.iter().map(|&n| weight(n)).collect();
        let national_totals =
            bags.iter().map(|b| b.known.iter().map(|&(id, w)| national_weights[id as usize] * w).sum()).collect();
        Terms { ids, national_articles_with, national_articles, bags, postings, national_weights, national_totals }
    }

    /// The `n` national pieces sharing the most weight of terms with a local piece's `bag`, as a
    /// share of the national piece's terms; `shared` is scratch space.
    pub(super) fn candidates(&self, bag: &Bag, n: usize, shared: &mut Vec<f32>) -> Vec<usize> {
        shared.clear();
        shared.resize(self.bags.len(), 0.0);
        for &(id, lw) in &bag.known {
            let w = self.national_weights[id as usize];
            for &(i, nw) in &self.postings[id as usize] {
                shared[i as usize] += w * lw.min(nw);
            }
        }
        let mut ranked: Vec<(usize, f32)> = shared
            .iter()
            .enumerate()
            .filter(|(_, &s)| s > 0.0)
            .map(|(i, &s)| (i, s * s / self.national_totals[i].max(f32::EPSILON)))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.into_iter().take(n).map(|(i, _)| i).collect()
    }

    /// The bag of a local piece.
    pub(super) fn bag(&self, piece: &Piece) -> Bag {
        bag_of(&piece.chars, &piece.weights, |term| self.ids.get(&term).copied())
    }

    /// The bag of national piece `i`.
    pub(super) fn national(&self, i: usize) -> &Bag {
        &self.bags[i]
    }
}

/// Term weights for one pair of documents: the inverse share of the articles of both that hold a
/// term, on a log scale from 0 (in every article) to 1 (in one).
pub(super) struct PairWeights {
    weights: Vec<f32>,
    /// The weight of a term only the local document has, as if in one of its articles.
    unseen: f32,
}

impl PairWeights {
    /// The weights for the national document of `terms` and a local document whose articles'
    /// bags are `local_articles`.
    pub(super) fn new<'b>(terms: &Terms, local_articles: impl Iterator<Item = &'b Bag>) -> PairWeights {
        let mut articles_with = terms.national_articles_with.clone();
        let mut articles = terms.national_articles;
        for bag in local_articles {
            articles += 1;
            for &(id, _) in &bag.known {
                articles_with[id as usize] += 1;
            }
        }
        let weight = rarity(articles);
        PairWeights { weights: articles_with.into_iter().map(&weight).collect(), unseen: weight(1) }
    }
}

/// The weight of a term held by `n` of `articles` articles: the inverse share on a log scale, from
/// 0 (in every article) to 1 (in one).
fn rarity(articles: u32) -> impl Fn(u32) -> f32 {
    let scale = ((articles + 1) as f32).ln().max(f32::EPSILON);
    move |n| ((articles + 1) as f32 / (n + 1) as f32).ln().max(0.0) / scale
}

/// How much two bags share: the weight of their shared terms, as a share of the local bag's and
/// of the national bag's weight.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Overlap {
    pub(super) shared: f32,
    pub(super) of_local: f32,
    pub(super) of_national: f32,
}

/// The overlap of a local and a national bag under the pair's `weights`.
pub(super) fn overlap(local: &Bag, national: &Bag, weights: &PairWeights) -> Overlap {
    let w = |id: u32| weights.weights[id as usize];
    let local_total: f32 = local.known.iter().map(|&(id, cw)| w(id) * cw).sum::<f32>() + local.unknown * weights.unseen;
    let national_total: f32 = national.known.iter().map(|&(id, cw)| w(id) * cw).sum();
    let (mut shared, mut n) = (0.0, 0);
    for &(id, lw) in &local.known {
        while national.known.get(n).is_some_and(|&(other, _)| other < id) {
            n += 1;
        }
        if let Some(&(_, nw)) = national.known.get(n).filter(|&&(other, _)| other == id) {
            shared += w(id) * lw.min(nw);
        }
    }
    Overlap {
        shared,
        of_local: shared / local_total.max(f32::EPSILON),
        of_national: shared / national_total.max(f32::EPSILON),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::UnitId;

    fn piece(id: &str, text: &str) -> Piece {
        let chars: Vec<char> = text.chars().collect();
        let weights = vec![1.0; chars.len()];
        Piece { id: UnitId::parse(id).unwrap(), grain: Grain::Article, chars, weights, sentences: vec![0] }
    }

    #[test]
    fn a_paraphrase_in_another_order_shares_its_distinctive_terms() {
        let national = [piece("art5", "国家对回国定居的华侨给予安置"), piece("art6", "国家保护华侨的合法权益")];
        let terms = Terms::new(&national);
        let local =
            [piece("art6", "华侨经批准来本省定居的各级人民政府应当给予安置"), piece("art7", "保护华侨合法权益")];
        let bags: Vec<Bag> = local.iter().map(|p| terms.bag(p)).collect();
        let weights = PairWeights::new(&terms, bags.iter());
        let settled = overlap(&bags[0], terms.national(0), &weights);
        let rights = overlap(&bags[0], terms.national(1), &weights);
        // 定居, 给予, 安置 are in one article of each; 华侨 is everywhere and tells nothing.
        assert!(settled.of_national > 0.25, "{settled:?}");
        assert!(rights.of_national < settled.of_national / 4.0, "{rights:?} {settled:?}");
    }
}
