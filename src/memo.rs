//! What was made of a text, remembered: local measures repeat the clauses, sentences and cited
//! titles of the measures they derive from, so a stage that turns text into something (words, a
//! conversion, the document a title names) looks a text up before working on it again.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use rustc_hash::FxHashMap;

use crate::model::Script;

/// Texts and what was made of each, shared by threads and bounded: once the texts it holds reach
/// `capacity` bytes, new ones are still made but no longer remembered. Keys are compared in full.
pub(crate) struct TextMemo<V> {
    made: Mutex<FxHashMap<Box<str>, V>>,
    bytes: AtomicUsize,
    capacity: usize,
}

impl<V> TextMemo<V> {
    /// An empty memo holding at most `capacity` bytes of text.
    pub(crate) fn new(capacity: usize) -> TextMemo<V> {
        TextMemo { made: Mutex::default(), bytes: AtomicUsize::new(0), capacity }
    }

    /// `read` of what was made of `text`: remembered, else made by `make` (and remembered while
    /// there is room).
    pub(crate) fn read<R>(&self, text: &str, make: impl FnOnce() -> V, read: impl FnOnce(&V) -> R) -> R {
        if let Some(made) = self.lock().get(text) {
            return read(made);
        }
        let made = make();
        let result = read(&made);
        if self.bytes.fetch_add(text.len(), Ordering::Relaxed) < self.capacity {
            self.lock().insert(text.into(), made);
        }
        result
    }

    /// The map; a thread that panicked while holding it left it consistent (entries are inserted
    /// whole), so a poisoned lock is used as it is.
    fn lock(&self) -> MutexGuard<'_, FxHashMap<Box<str>, V>> {
        self.made.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A [`TextMemo`] per script, for what is made of a document's text in its script (its display
/// text is converted from traditional script, say): the same text may make something else in
/// another script.
pub(crate) struct ByScript<V> {
    simplified: TextMemo<V>,
    traditional: TextMemo<V>,
    mixed: TextMemo<V>,
}

impl<V> ByScript<V> {
    /// Empty memos holding at most `capacity` bytes of text each.
    pub(crate) fn new(capacity: usize) -> ByScript<V> {
        ByScript {
            simplified: TextMemo::new(capacity),
            traditional: TextMemo::new(capacity),
            mixed: TextMemo::new(capacity),
        }
    }

    /// The memo of texts in `script`.
    pub(crate) fn of(&self, script: Script) -> &TextMemo<V> {
        match script {
            Script::Simplified => &self.simplified,
            Script::Traditional => &self.traditional,
            Script::Mixed => &self.mixed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_made_once_while_there_is_room_and_always_read_right() {
        let memo = TextMemo::new(4);
        assert_eq!(memo.read("联盟", || 1, |v| *v), 1);
        // Remembered: not made again, and another text is not mistaken for it.
        assert_eq!(memo.read("联盟", || unreachable!("made twice"), |v| *v), 1);
        assert_eq!(memo.read("企业", || 2, |v| *v), 2);
        // Full (two texts of six bytes passed four): made afresh each time, still right.
        assert_eq!(memo.read("大学", || 3, |v| *v), 3);
        assert_eq!(memo.read("大学", || 4, |v| *v), 4);
    }
}
