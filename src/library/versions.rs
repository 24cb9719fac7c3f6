//! Versions: documents of a library that are one document at different dates (a law in its 2012
//! and its 2024 version), and which of them was in force on a given day.
//!
//! Two documents are versions of one another when their titles agree once dates, the markers
//! (试行)/(修订)/(修正) and a year in the title are set aside, and their jurisdiction and kind
//! agree (`spec/corpus.md`).

use std::sync::OnceLock;

use regex::Regex;
use rustc_hash::FxHashMap as HashMap;

use crate::model::{DocKind, Document};
use crate::normalize::text_key;

/// The version groups of a library.
#[derive(Debug, Default)]
pub struct Versions {
    /// Groups of documents, oldest first: every document is in one, most alone.
    groups: Vec<Vec<usize>>,
    /// The group of each document.
    group_of: Vec<usize>,
}

/// A title with its version markers set aside: what every version of a document shares.
fn title_core(title: &str) -> String {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"[（(](?:试行|修订|修正|修订稿|修正案|\d{4}年?(?:修订|修正)?(?:版|本)?|[一二三四五六七八九〇零]{4}年)[）)]|\d{4}年(?:修订|修正)?")
            .expect("valid regex")
    });
    text_key(&re.replace_all(title, ""))
}

/// What versions of one document have in common (their kinds must agree too, where known).
#[derive(Clone, PartialEq, Eq, Hash)]
struct Identity {
    title: String,
    jurisdiction: Option<String>,
}

/// Documents of one title and jurisdiction, as groups of versions: one group per known kind
/// (documents of unknown kind join the one kind there is). Documents that all bear one date are
/// parts of one text (the books of a code), not versions, and stand alone.
fn split_versions(docs: &[Document], mut versions: Vec<usize>) -> Vec<Vec<usize>> {
    let date = |d: usize| docs[d].front.date.as_deref();
    if versions.iter().all(|&d| date(d) == date(versions[0])) {
        return versions.into_iter().map(|d| vec![d]).collect();
    }
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut kinds: Vec<DocKind> = versions.iter().filter_map(|&d| docs[d].front.kind).collect();
    kinds.sort();
    kinds.dedup();
    if kinds.len() > 1 {
        let unknown: Vec<usize> = versions.iter().copied().filter(|&d| docs[d].front.kind.is_none()).collect();
        out.extend(unknown.into_iter().map(|d| vec![d]));
        for kind in kinds {
            out.push(versions.iter().copied().filter(|&d| docs[d].front.kind == Some(kind)).collect());
        }
        versions.clear();
    }
    if !versions.is_empty() {
        out.push(versions);
    }
    out
}

impl Versions {
    /// Groups the versions among `docs`.
    pub fn of(docs: &[Document]) -> Versions {
        let mut by_identity: HashMap<Identity, Vec<usize>> = HashMap::default();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (d, doc) in docs.iter().enumerate() {
            match doc.front.title.as_deref().map(title_core).filter(|t| !t.is_empty()) {
                Some(title) => {
                    let identity = Identity { title, jurisdiction: doc.front.jurisdiction.clone() };
                    by_identity.entry(identity).or_default().push(d);
                }
                None => groups.push(vec![d]),
            }
        }
        for same_title in by_identity.into_values() {
            groups.extend(split_versions(docs, same_title));
        }
        for group in &mut groups {
            // Oldest first; an undated version counts as the latest, since a library usually
            // holds a law's current text without a date in its name.
            group.sort_by(|&a, &b| {
                let key = |d: usize| (docs[d].front.date.is_none(), docs[d].front.date.clone(), d);
                key(a).cmp(&key(b))
            });
        }
        groups.sort();
        let mut group_of = vec![0; docs.len()];
        for (g, group) in groups.iter().enumerate() {
            for &d in group {
                group_of[d] = g;
            }
        }
        Versions { groups, group_of }
    }

    /// Every version of `doc`'s document, oldest first (just `doc` when it has no other).
    pub fn of_doc(&self, doc: usize) -> &[usize] {
        &self.groups[self.group_of[doc]]
    }

    /// The version just before `doc`, if any.
    pub fn previous(&self, doc: usize) -> Option<usize> {
        let group = self.of_doc(doc);
        let at = group.iter().position(|&d| d == doc)?;
        at.checked_sub(1).map(|p| group[p])
    }

    /// The groups of two or more versions, each oldest first.
    pub fn groups(&self) -> impl Iterator<Item = &[usize]> {
        self.groups.iter().filter(|g| g.len() > 1).map(Vec::as_slice)
    }

    /// True when `a` and `b` are versions of one document (or the same document).
    pub fn same_document(&self, a: usize, b: usize) -> bool {
        self.group_of[a] == self.group_of[b]
    }

    /// The version of `doc`'s document in force on `date`: the latest dated on or before it; the
    /// earliest when all are later; the latest when `date` is unknown.
    pub fn in_force(&self, docs: &[Document], doc: usize, date: Option<&str>) -> usize {
        let group = self.of_doc(doc);
        let latest = *group.last().expect("a group has versions");
        let Some(date) = date else { return latest };
        group
            .iter()
            .rev()
            .find(|&&v| docs[v].front.date.as_deref().is_some_and(|d| d <= date))
            .copied()
            .unwrap_or(group[0])
    }
}
