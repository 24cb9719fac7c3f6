//! Word diffs already made. Local measures copy the same national passages with the same edits
//! again and again (cities copy their province's text), and the diff of a national unit with a
//! local text depends on nothing else, so a pair seen before is looked up instead of cut into
//! words and diffed again.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap as HashMap;

use crate::model::{Edit, UnitId};

/// Bytes of local text the memo keeps at most (with their edits, a few times that in memory):
/// beyond that, new pairs are diffed but no longer remembered, so memory stays bounded.
const CAPACITY: usize = 4_000_000;

/// National unit → local text → its edits.
type Entries = HashMap<UnitId, HashMap<String, Arc<[Edit]>>>;

/// Diffs against the units of one national document, shared by the threads that diff local
/// documents against it.
#[derive(Default)]
pub(super) struct Memo {
    entries: Mutex<Entries>,
    bytes: AtomicUsize,
}

impl Memo {
    /// The edits from national unit `national` to `local_text`, made by `diff` when not
    /// remembered; shared, not copied, with the memo.
    pub(super) fn edits(&self, national: &UnitId, local_text: &str, diff: impl FnOnce() -> Vec<Edit>) -> Arc<[Edit]> {
        let found = self.lock().get(national).and_then(|texts| texts.get(local_text)).cloned();
        if let Some(edits) = found {
            return edits;
        }
        let edits: Arc<[Edit]> = diff().into();
        if self.bytes.fetch_add(local_text.len(), Ordering::Relaxed) < CAPACITY {
            let mut entries = self.lock();
            entries.entry(national.clone()).or_default().insert(local_text.to_string(), edits.clone());
        }
        edits
    }

    /// The map; a thread that panicked while holding it left it consistent (entries are inserted
    /// whole), so a poisoned lock is used as it is.
    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_pair_gives_its_own_edits_and_no_other() {
        let memo = Memo::default();
        let unit = UnitId::parse("art8/i1").unwrap();
        let other = UnitId::parse("art8/i2").unwrap();
        let made = |text: &str| vec![Edit::Equal(text.to_string())];
        assert_eq!(*memo.edits(&unit, "联盟", || made("联盟")), made("联盟")[..]);
        // Remembered: the diff is not made again.
        assert_eq!(*memo.edits(&unit, "联盟", || unreachable!("diffed twice")), made("联盟")[..]);
        // Another text, or another national unit, is a different pair.
        assert_eq!(*memo.edits(&unit, "企业", || made("企业")), made("企业")[..]);
        assert_eq!(*memo.edits(&other, "联盟", || made("其他")), made("其他")[..]);
    }
}
