//! Sketches of articles, for finding in linear time which documents of a library share text.
//!
//! Each article gets a MinHash signature of its character trigrams (one-permutation hashing: one
//! hash per trigram, the smallest in each of [`BINS`] bins). Articles whose signatures agree on a
//! band of [`ROWS`] bins fall in one bucket. A bucket of near-copies can hold every document of a
//! corpus, so only its first few members ([`HEADS`], the highest level and earliest first) are
//! kept as the ones the others may come from: the cost stays linear however much text repeats.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap as HashMap, FxHasher};

use crate::model::{Document, Script, Unit, UnitId, UnitKind};
use crate::normalize::t2s;
use crate::text::is_cjk;

/// Bins of a signature.
const BINS: usize = 16;
/// Bins per band: two articles sharing this many consecutive bins are candidates.
const ROWS: usize = 2;
/// Members of a bucket that others may come from.
const HEADS: usize = 6;
/// An article needs this many characters to be sketched: shorter ones are formulas (本条例自
/// 公布之日起施行) that every document shares.
const MIN_CHARS: usize = 40;

/// An article's signature.
pub type Signature = [u32; BINS];

/// A sketched article.
#[derive(Clone, Copy)]
pub struct Article<'d> {
    /// Its document.
    pub doc: usize,
    /// Its unit.
    pub unit: &'d UnitId,
    /// Its signature.
    pub signature: Signature,
}

/// The characters an article is compared on: ideographs, letters and digits of its text, label
/// left out, in simplified script.
fn comparable(doc: &Document, unit: &Unit) -> Vec<char> {
    let start = unit.label.map_or(unit.span.start, |l| l.end);
    let text = &doc.text[start.min(unit.span.end)..unit.span.end];
    let keep = |c: &char| is_cjk(*c) || c.is_ascii_alphanumeric();
    if doc.script == Script::Simplified {
        text.chars().filter(keep).collect()
    } else {
        t2s(text).chars().filter(keep).collect()
    }
}

fn signature(chars: &[char]) -> Option<Signature> {
    if chars.len() < MIN_CHARS {
        return None;
    }
    let mut bins = [u32::MAX; BINS];
    for w in chars.windows(3) {
        let mut hasher = FxHasher::default();
        w.hash(&mut hasher);
        let h = hasher.finish();
        let bin = (h >> 60) as usize % BINS;
        bins[bin] = bins[bin].min(h as u32);
    }
    Some(bins)
}

/// The articles of a document worth sketching: its articles, or, in a document without articles,
/// its headings and items (a notice's numbered points).
pub fn articles(d: usize, doc: &Document) -> Vec<Article<'_>> {
    let all = doc.all_units();
    let has_articles = all.iter().any(|u| u.kind == UnitKind::Article);
    all.into_iter()
        .filter(|u| match u.kind {
            UnitKind::Article => true,
            UnitKind::Heading | UnitKind::Item => !has_articles && u.id.0.len() <= 2,
            _ => false,
        })
        .filter_map(|u| Some(Article { doc: d, unit: &u.id, signature: signature(&comparable(doc, u))? }))
        .collect()
}

/// The estimated share of trigrams two articles have in common (their Jaccard similarity): the
/// share of bins, filled in either, that agree.
pub fn similarity(a: &Signature, b: &Signature) -> f32 {
    let filled = a.iter().zip(b).filter(|(x, y)| **x != u32::MAX || **y != u32::MAX).count();
    let same = a.iter().zip(b).filter(|(x, y)| x == y && **x != u32::MAX).count();
    same as f32 / filled.max(1) as f32
}

/// Articles that fall in one bucket with others, and the bucket's heads.
pub struct Buckets {
    /// For each bucket, its heads (indices of articles), best first.
    heads: Vec<Vec<usize>>,
    /// For each article, its buckets.
    of_article: Vec<Vec<u32>>,
}

impl Buckets {
    /// Buckets the articles; `rank` orders the members of a bucket (the smallest ranks become its
    /// heads).
    pub fn new<R: Ord>(articles: &[Article], rank: impl Fn(&Article) -> R) -> Buckets {
        let mut ids: HashMap<(usize, [u32; ROWS]), u32> = HashMap::default();
        let mut members: Vec<Vec<usize>> = Vec::new();
        let mut of_article = Vec::with_capacity(articles.len());
        for (a, article) in articles.iter().enumerate() {
            let mut mine = Vec::with_capacity(BINS / ROWS);
            for (band, rows) in article.signature.chunks_exact(ROWS).enumerate() {
                if rows.contains(&u32::MAX) {
                    continue;
                }
                let key = (band, <[u32; ROWS]>::try_from(rows).expect("a band has ROWS bins"));
                let next = members.len() as u32;
                let id = *ids.entry(key).or_insert(next);
                if id == next {
                    members.push(Vec::new());
                }
                members[id as usize].push(a);
                mine.push(id);
            }
            of_article.push(mine);
        }
        let heads = members
            .into_iter()
            .map(|mut m| {
                if m.len() > 1 {
                    m.sort_by_cached_key(|&a| (rank(&articles[a]), a));
                    m.truncate(HEADS);
                } else {
                    m.clear();
                }
                m
            })
            .collect();
        Buckets { heads, of_article }
    }

    /// The articles article `a` may come from or share with: the heads of its buckets but itself,
    /// each once.
    pub fn partners(&self, a: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self.of_article[a]
            .iter()
            .flat_map(|&b| self.heads[b as usize].iter().copied())
            .filter(|&h| h != a)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}
