//! Stage 8, diff: how a local measure changes the national conditions — condition lists paired
//! item by item (independent of position), word-level edits of modified items, structured
//! constraints (thresholds, and the fines, time limits, terms and ages of legal rules) paired by
//! what they govern and compared, and national duties and prohibitions the local measure weakens
//! or drops.

mod compare;
mod constraints;
mod duties;
mod edits;
mod legal;
mod memo;
mod number;

use std::sync::Arc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

pub use compare::{candidates, compare, interval, measure_base, Candidate, Evidence, Side};
pub use constraints::extract as extract_constraints;
pub use duties::{compare as compare_duties, NationalDuties};
pub use edits::diff_words;
use edits::Vocabulary;

use crate::lexicon;
use crate::model::{Alignment, ConditionDiff, Constraint, Document, Edit, ItemPair, ListDiff, Unit, UnitId, Verdict};
use crate::normalize::{t2s, UnitTexts};
use crate::segment;

/// Items of two paired lists are paired when the weighted cosine of their character bigrams is
/// at least this: about a tenth of their distinctive wording shared.
const MIN_ITEM_SCORE: f32 = 0.1;
/// A national item left over joins an already paired local item (a merge) only above this.
const MIN_MERGE_SCORE: f32 = 0.3;

/// True when the unit's stem announces a list of conditions and it has list items.
fn announces_conditions(doc: &Document, unit: &Unit) -> bool {
    let items = unit.children.iter().filter(|c| c.kind.is_list_item()).count();
    if items < 2 {
        return false;
    }
    let heading = unit.heading.map_or("", |h| doc.slice(h));
    let stem = t2s(&format!("{heading}{}", doc.own_text(unit)));
    lexicon::condition_stems().iter().any(|cue| stem.contains(cue))
}

/// Every condition list of a document: the innermost units that announce conditions (a heading
/// 原则与条件 whose item （六）基本条件 holds the list is not itself the list).
pub fn condition_lists(doc: &Document) -> Vec<&Unit> {
    let announcing: Vec<&Unit> = doc.all_units().into_iter().filter(|u| announces_conditions(doc, u)).collect();
    announcing
        .iter()
        .filter(|u| !announcing.iter().any(|inner| inner.id != u.id && within(&inner.id, &u.id)))
        .copied()
        .collect()
}

type Bigram = (char, char);

fn bigrams(text: &str) -> HashSet<Bigram> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Similarity of every local item to every national item: the cosine of their character-bigram
/// sets, each bigram weighted by its inverse frequency among the items of both lists, so that
/// wording all items share (联盟, 成员单位) counts for little.
fn item_similarities(n_keys: &[&str], l_keys: &[&str]) -> Vec<Vec<f32>> {
    let n_sets: Vec<HashSet<Bigram>> = n_keys.iter().map(|k| bigrams(k)).collect();
    let l_sets: Vec<HashSet<Bigram>> = l_keys.iter().map(|k| bigrams(k)).collect();
    let mut df: HashMap<Bigram, f32> = HashMap::default();
    for set in n_sets.iter().chain(&l_sets) {
        for b in set {
            *df.entry(*b).or_default() += 1.0;
        }
    }
    let total = (n_sets.len() + l_sets.len()) as f32;
    let weight = |b: &Bigram| (total / df[b]).ln();
    let norm = |set: &HashSet<Bigram>| set.iter().map(weight).sum::<f32>();
    l_sets
        .iter()
        .map(|l| {
            n_sets
                .iter()
                .map(|n| {
                    let shared: f32 = l.intersection(n).map(weight).sum();
                    shared / (norm(l) * norm(n)).sqrt().max(1e-6)
                })
                .collect()
        })
        .collect()
}

/// True when `id` is `list` or lies inside it.
fn within(id: &UnitId, list: &UnitId) -> bool {
    id.0.starts_with(&list.0)
}

/// The national list a local list derives from: the one its alignment links point into most.
fn national_list<'d>(alignment: &Alignment, local: &Unit, national_lists: &[&'d Unit]) -> Option<&'d Unit> {
    let mut votes: HashMap<usize, f32> = HashMap::default();
    for link in alignment.links.iter().filter(|l| within(&l.local, &local.id)) {
        if let Some(k) = national_lists.iter().position(|n| within(&link.national, &n.id)) {
            *votes.entry(k).or_default() += link.score;
        }
    }
    votes.into_iter().max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0))).map(|(k, _)| national_lists[k])
}

/// Pairs the items of two lists by content: best-scoring pairs first, so order never matters; a
/// national item left over that a paired local item also covers is paired with it too (merge).
fn pair_items(national: &Differ, n_list: &Unit, local: &UnitTexts, l_list: &Unit) -> Vec<ItemPair> {
    let l_items: Vec<&Unit> = l_list.children.iter().filter(|c| c.kind.is_list_item()).collect();
    let n_items: Vec<&Unit> = n_list.children.iter().filter(|c| c.kind.is_list_item()).collect();
    let n_keys: Vec<&str> = n_items.iter().map(|n| national.texts.key(&n.id)).collect();
    let l_keys: Vec<&str> = l_items.iter().map(|l| local.key(&l.id)).collect();
    let similarity = item_similarities(&n_keys, &l_keys);
    let mut scores = Vec::new();
    for (li, row) in similarity.iter().enumerate() {
        for (ni, &score) in row.iter().enumerate() {
            if score >= MIN_ITEM_SCORE {
                scores.push((score, li, ni));
            }
        }
    }
    scores.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut local_of: Vec<Option<usize>> = vec![None; n_items.len()];
    let mut paired_local = vec![false; l_items.len()];
    for &(_, li, ni) in &scores {
        if local_of[ni].is_none() && !paired_local[li] {
            local_of[ni] = Some(li);
            paired_local[li] = true;
        }
    }
    for &(_, li, ni) in scores.iter().filter(|s| s.0 >= MIN_MERGE_SCORE) {
        if local_of[ni].is_none() && paired_local[li] {
            local_of[ni] = Some(li);
        }
    }
    let pair = |li: usize, n: &Unit| {
        let same = l_keys[li] == national.texts.key(&n.id);
        ItemPair {
            local: Some(l_items[li].id.clone()),
            national: Some(n.id.clone()),
            verdict: if same { Verdict::Same } else { Verdict::Modified },
            edits: if same { Vec::new() } else { national.edits(&n.id, local.text(&l_items[li].id)).to_vec() },
        }
    };
    let mut out = Vec::new();
    for (li, l) in l_items.iter().enumerate() {
        let mine: Vec<usize> = (0..n_items.len()).filter(|&ni| local_of[ni] == Some(li)).collect();
        if mine.is_empty() {
            out.push(ItemPair {
                local: Some(l.id.clone()),
                national: None,
                verdict: Verdict::Added,
                edits: Vec::new(),
            });
        }
        out.extend(mine.into_iter().map(|ni| pair(li, n_items[ni])));
    }
    for n in n_items.iter().enumerate().filter(|(ni, _)| local_of[*ni].is_none()).map(|(_, n)| n) {
        out.push(ItemPair { local: None, national: Some(n.id.clone()), verdict: Verdict::Removed, edits: Vec::new() });
    }
    out
}

/// The national side of condition diffs, prepared once and shared by every local document
/// compared with it: its condition lists, constraints, unit texts and their words, and the word
/// diffs already made.
pub struct Differ<'a> {
    lists: Vec<&'a Unit>,
    constraints: Vec<Constraint>,
    texts: &'a UnitTexts,
    /// The national document's title.
    title: Option<&'a str>,
    /// The national document's duties and prohibitions.
    duties: NationalDuties<'a>,
    /// Each unit's text cut into words, and the words' numbers.
    words: HashMap<UnitId, (Vec<&'a str>, Vec<u32>)>,
    vocabulary: Vocabulary<'a>,
    memo: memo::Memo,
}

impl<'a> Differ<'a> {
    /// Prepares the national document, whose unit texts are `texts`.
    pub fn new(national: &'a Document, texts: &'a UnitTexts) -> Differ<'a> {
        let mut vocabulary = Vocabulary::default();
        let mut words = HashMap::default();
        national.walk(|u: &Unit| {
            let unit_words = segment::words(texts.text(&u.id));
            let ids = vocabulary.ids(&unit_words);
            words.insert(u.id.clone(), (unit_words, ids));
        });
        let (lists, constraints) = (condition_lists(national), extract_constraints(national));
        let (title, duties) = (national.front.title.as_deref(), NationalDuties::new(national, texts));
        Differ { lists, constraints, texts, title, duties, words, vocabulary, memo: memo::Memo::default() }
    }

    /// Word-level edits from national unit `national` to `local_text`.
    pub fn edits(&self, national: &UnitId, local_text: &str) -> Arc<[Edit]> {
        self.memo.edits(national, local_text, || {
            let (words, ids) = self.words.get(national).map_or((&[][..], &[][..]), |(w, i)| (&w[..], &i[..]));
            edits::diff_segmented((words, ids), &segment::words(local_text), &self.vocabulary)
        })
    }

    /// The national document's unit texts.
    pub fn texts(&self) -> &UnitTexts {
        self.texts
    }

    /// The condition diff of `local` (whose unit texts are `local_texts` and constraints
    /// `local_constraints`) against the national document, using their alignment.
    pub fn diff(
        &self,
        local: &Document,
        local_texts: &UnitTexts,
        local_constraints: &[Constraint],
        alignment: &Alignment,
    ) -> ConditionDiff {
        let lists = condition_lists(local)
            .into_iter()
            .map(|l_list| match national_list(alignment, l_list, &self.lists) {
                Some(n_list) => ListDiff {
                    local: l_list.id.clone(),
                    national: Some(n_list.id.clone()),
                    items: pair_items(self, n_list, local_texts, l_list),
                },
                None => ListDiff { local: l_list.id.clone(), national: None, items: added(l_list) },
            })
            .collect();
        let national = Side { constraints: &self.constraints, texts: self.texts, title: self.title };
        let local_side =
            Side { constraints: local_constraints, texts: local_texts, title: local.front.title.as_deref() };
        let constraints = compare(&national, &local_side, alignment);
        let duties = compare_duties(&self.duties, local, local_texts, alignment);
        ConditionDiff { lists, constraints, duties }
    }
}

/// The items of a local list with no national counterpart, all added.
fn added(l_list: &Unit) -> Vec<ItemPair> {
    l_list
        .children
        .iter()
        .filter(|c| c.kind.is_list_item())
        .map(|c| ItemPair { local: Some(c.id.clone()), national: None, verdict: Verdict::Added, edits: Vec::new() })
        .collect()
}

/// The condition diff of `local` against `national`, using their alignment.
pub fn diff(national: &Document, local: &Document, alignment: &Alignment) -> ConditionDiff {
    let national_texts = UnitTexts::new(national);
    Differ::new(national, &national_texts).diff(local, &UnitTexts::new(local), &extract_constraints(local), alignment)
}
