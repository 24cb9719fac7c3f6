//! Relation typing: the cue nearest before a citation in its clause (`grammar/citation-cues.txt`),
//! a repeal cue right after it, and `issues` only for the citing document's own attachments.

use std::sync::OnceLock;

use crate::lexicon;
use crate::model::{Relation, Span};
use crate::normalize::{t2s, text_key};

/// Clause boundaries: a cue never reaches across them.
fn is_boundary(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '？' | '\n' | '\r')
}

/// How far (in characters) a cue may stand from the citation.
const REACH: usize = 160;

/// The cues of `grammar/citation-cues.txt` with their relations, read once.
fn cues() -> &'static [(Relation, &'static str)] {
    static CELL: OnceLock<Vec<(Relation, &'static str)>> = OnceLock::new();
    CELL.get_or_init(|| {
        lexicon::citation_cues()
            .iter()
            .filter_map(|line| {
                let (relation, cue) = line.split_once('\t')?;
                Some((Relation::from_name(relation)?, cue.trim()))
            })
            .collect()
    })
}

/// The relation of the citation at `span` of `text`.
pub fn relation(text: &str, span: Span, title: Option<&str>, attachment_titles: &[String]) -> Relation {
    let before = &text[..span.start];
    let clause_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| !is_boundary(*c))
        .take(REACH)
        .last()
        .map_or(before.len(), |(i, _)| i);
    // A cue inside an earlier title (《…实施办法》) is that title's word, not the clause's.
    let before = outside_titles(&t2s(&before[clause_start..]));
    let after = &text[span.end..];
    let clause_end = after
        .char_indices()
        .take_while(|(_, c)| !is_boundary(*c))
        .take(REACH)
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    let after = t2s(&after[..clause_end]);
    if cues().iter().any(|&(r, cue)| r == Relation::Repeals && after.contains(cue)) {
        return Relation::Repeals;
    }
    // The nearest cue wins; of two ending at the same place, the longer.
    let nearest = cues()
        .iter()
        .copied()
        .filter(|(r, _)| *r != Relation::Repeals)
        .filter_map(|(r, cue)| before.rfind(cue).map(|at| (at + cue.len(), cue.len(), r)))
        .max();
    match nearest.map(|(_, _, r)| r) {
        Some(Relation::Issues) if is_own_attachment(title, attachment_titles) => Relation::Issues,
        Some(Relation::Issues) | None => Relation::Mentions,
        Some(r) => r,
    }
}

/// `text` with the inside of every 《…》 title blanked out (same length in bytes), so that words of
/// a title are not read as the words of the clause around it.
fn outside_titles(text: &str) -> String {
    let mut depth = 0usize;
    text.chars()
        .flat_map(|c| {
            let blank = depth > 0 && c != '》';
            match c {
                '《' => depth += 1,
                '》' => depth = depth.saturating_sub(1),
                _ => {}
            }
            let n = if blank { c.len_utf8() } else { 0 };
            let kept = (!blank).then_some(c);
            kept.into_iter().chain(std::iter::repeat_n(' ', n))
        })
        .collect()
}

/// True when the cited title names one of the document's own attachments.
fn is_own_attachment(title: Option<&str>, attachment_titles: &[String]) -> bool {
    let Some(title) = title else { return false };
    let key = text_key(title);
    !key.is_empty() && attachment_titles.iter().any(|a| a.contains(&key) || key.contains(a.as_str()))
}
