//! Resolution across a corpus, with no manifest: by the number a document states, by numbers
//! learned from documents that cite a corpus document with title and number, and by title.

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Borrow;

use crate::lexicon;
use crate::memo::TextMemo;
use crate::model::{Citation, Document, Relation, Resolved, Target};
use crate::normalize::text_key;

/// A title match weaker than this is no match.
const MIN_CONFIDENCE: f32 = 0.75;

/// Title keys of the corpus documents, whole and as cores (see [`strip_qualifier`]),
/// ordered by the length of the latter so that a lookup only reads titles of a length that could
/// match; lookups are remembered by the title as cited, as a corpus cites the same few titles
/// again and again.
struct TitleIndex {
    /// (core, whole key, document), by core length.
    entries: Vec<(String, String, usize)>,
    found: TextMemo<Option<(usize, f32)>>,
}

/// A title key's core: no trailing qualifier (试行, 暂行…) and no leading 中华人民共和国, which
/// citations of national laws commonly leave out (《义务教育法》).
fn strip_qualifier(key: &str) -> &str {
    let key = key.strip_prefix("中华人民共和国").filter(|rest| rest.chars().count() >= 2).unwrap_or(key);
    lexicon::title_qualifiers().iter().find_map(|q| key.strip_suffix(q)).unwrap_or(key)
}

/// Confidence of a title that contains the other or is contained in it, by their lengths.
const CONTAINED: f32 = 0.85;

/// Bytes of cited titles whose lookups are remembered at most.
const TITLES_REMEMBERED: usize = 1_000_000;

impl TitleIndex {
    fn new<D: Borrow<Document> + Sync>(docs: &[D]) -> TitleIndex {
        let mut entries: Vec<(String, String, usize)> = docs
            .par_iter()
            .map(Borrow::borrow)
            .enumerate()
            .filter_map(|(i, d)| d.front.title.as_deref().map(|t| (text_key(t), i)))
            .filter(|(k, _)| !k.is_empty())
            .map(|(k, i)| (strip_qualifier(&k).to_string(), k, i))
            .collect();
        entries.sort_by_key(|(core, _, i)| (core.len(), *i));
        TitleIndex { entries, found: TextMemo::new(TITLES_REMEMBERED) }
    }

    /// The corpus document a cited title names, with a confidence: 1 for the same title, 0.9 when
    /// only a qualifier such as （试行） differs, less for a longer or shorter variant.
    fn find(&self, title: &str) -> Option<(usize, f32)> {
        self.found.read(title, || self.search(&text_key(title)), |found| *found)
    }

    fn search(&self, key: &str) -> Option<(usize, f32)> {
        let core = strip_qualifier(key);
        // A containing or contained title matches only if the shorter is at least
        // MIN_CONFIDENCE / CONTAINED of the longer; equal cores have equal lengths.
        let ratio = MIN_CONFIDENCE / CONTAINED;
        let shortest = (core.len() as f32 * ratio).floor() as usize;
        let longest = (core.len() as f32 / ratio).ceil() as usize;
        let from = self.entries.partition_point(|(c, ..)| c.len() < shortest);
        let to = self.entries.partition_point(|(c, ..)| c.len() <= longest);
        let mut matches: Vec<(usize, f32)> = self.entries[from..to]
            .iter()
            .filter_map(|(doc_core, doc_key, i)| {
                let confidence = if doc_key == key {
                    1.0
                } else if doc_core == core {
                    0.9
                } else if !core.is_empty() && (doc_core.contains(core) || core.contains(doc_core.as_str())) {
                    let (short, long) = (core.len().min(doc_core.len()), core.len().max(doc_core.len()));
                    CONTAINED * short as f32 / long as f32
                } else {
                    return None;
                };
                Some((*i, confidence))
            })
            .filter(|(_, c)| *c >= MIN_CONFIDENCE)
            .collect();
        // Of equal confidences the last document wins, in corpus order.
        matches.sort_by_key(|(i, _)| *i);
        matches.into_iter().max_by(|a, b| a.1.total_cmp(&b.1))
    }
}

/// Resolves the citations of every document (`citations[i]` belongs to `docs[i]`). The documents
/// may be owned or borrowed, so that a batch can pair one shared national document with each input.
pub fn resolve<D: Borrow<Document> + Sync>(docs: &[D], citations: &[Vec<Citation>]) -> Vec<Vec<Resolved>> {
    resolve_learning(docs, citations).resolved
}

/// What [`resolve_learning`] finds.
pub struct Resolution {
    /// The resolved citations of each document.
    pub resolved: Vec<Vec<Resolved>>,
    /// Numbers of documents that state none, learned from documents that cite them with title and
    /// number: (document, number), by document.
    pub learned: Vec<(usize, String)>,
}

/// [`resolve`], also giving the numbers learned for documents that state none.
pub fn resolve_learning<D: Borrow<Document> + Sync>(docs: &[D], citations: &[Vec<Citation>]) -> Resolution {
    let titles = TitleIndex::new(docs);
    let mut numbers: HashMap<String, (usize, f32)> = docs
        .iter()
        .map(Borrow::borrow)
        .enumerate()
        .filter_map(|(i, d)| d.front.doc_number.clone().map(|n| (n, (i, 1.0))))
        .collect();
    let stated = numbers.len();
    // A document that does not state its number gets the number its citers give with its title.
    for (citing, list) in citations.iter().enumerate() {
        for c in list.iter().filter(|c| !c.malformed) {
            let (Some(number), Some(title)) = (&c.doc_number, &c.title) else {
                continue;
            };
            if numbers.get(number).is_some_and(|(_, conf)| *conf >= 1.0) {
                continue;
            }
            if let Some((doc, conf)) = titles.find(title).filter(|(doc, _)| *doc != citing) {
                let entry = numbers.entry(number.clone()).or_insert((doc, conf));
                if conf > entry.1 {
                    *entry = (doc, conf);
                }
            }
        }
    }
    let mut learned: Vec<(usize, String)> = if numbers.len() > stated {
        let mut best: HashMap<usize, (f32, &String)> = HashMap::default();
        for (number, &(doc, conf)) in &numbers {
            if docs[doc].borrow().front.doc_number.is_none() {
                let entry = best.entry(doc).or_insert((conf, number));
                if (conf, std::cmp::Reverse(number)) > (entry.0, std::cmp::Reverse(entry.1)) {
                    *entry = (conf, number);
                }
            }
        }
        best.into_iter().map(|(doc, (_, number))| (doc, number.clone())).collect()
    } else {
        Vec::new()
    };
    learned.sort();
    let resolved = citations
        .par_iter()
        .enumerate()
        .map(|(citing, list)| {
            list.iter()
                .map(|c| {
                    let (document, confidence) = match (&c.target, c.relation) {
                        (Target::Internal(_), _) | (_, Relation::Issues) => (Some(citing), 1.0),
                        _ => c
                            .doc_number
                            .as_ref()
                            .filter(|_| !c.malformed)
                            .and_then(|n| numbers.get(n).copied())
                            .or_else(|| c.title.as_deref().and_then(|t| titles.find(t)))
                            .map_or((None, 0.0), |(d, conf)| (Some(d), conf)),
                    };
                    Resolved { citation: c.clone(), document, confidence }
                })
                .collect()
        })
        .collect();
    Resolution { resolved, learned }
}
