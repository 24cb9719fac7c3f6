//! Boilerplate: web-page navigation, info boxes, meta lines, contact and copyright footers, tables
//! of contents and flattened copies of the whole text. Recognised by general rules and the
//! lexicons in `grammar/`, never by naming a document.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::Regex;

use super::grammar::Label;
use super::lines::{Class, Line};
use crate::lexicon;
use crate::model::NoiseKind;
use crate::normalize::t2s;
use crate::text::{fold_width, is_cjk, is_space, strip_spaces, visible_len_over};

/// Longest line (in characters) that the phrase lexicons are tried on.
const SHORT_LINE: usize = 60;

/// The noise kind of each line, `None` for lines that carry document text.
pub fn detect(text: &str, lines: &[Line]) -> Vec<Option<NoiseKind>> {
    let mut noise: Vec<Option<NoiseKind>> = lines.iter().map(|line| single_line_noise(line, line.text(text))).collect();
    mark_contact_runs(text, lines, &mut noise);
    mark_table_of_contents(text, lines, &mut noise);
    mark_flattened_copies(text, lines, &mut noise);
    noise
}

/// Lexicon key: simplified, half-width, lower-case, no spaces.
fn key(line: &str) -> String {
    // Converting only short lines keeps parsing fast; long lines match the lexicon as written.
    let simplified: Cow<str> =
        if line.is_ascii() || line.chars().count() > SHORT_LINE { Cow::Borrowed(line) } else { Cow::Owned(t2s(line)) };
    folded_key(&simplified)
}

/// `text` width-folded, without spaces, ASCII lower-cased, in one pass. The lexicons have no cased
/// letters beyond ASCII, so ASCII lower case is enough.
fn folded_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    key.extend(text.chars().map(fold_width).filter(|c| !is_space(*c)).map(|c| c.to_ascii_lowercase()));
    key
}

fn single_line_noise(line: &Line, content: &str) -> Option<NoiseKind> {
    match line.class {
        Class::InfoEnd => return Some(NoiseKind::Markup),
        Class::Text => {}
        _ => return None,
    }
    if !content.chars().any(is_cjk) && !is_contact_line(content) {
        return Some(NoiseKind::Stray);
    }
    if visible_len_over(content, SHORT_LINE * 3) {
        return None;
    }
    let key = key(content);
    if is_phrase_noise(&key) || is_info_box_bullet(content) {
        return Some(NoiseKind::WebPage);
    }
    if is_web_meta(&key) {
        return Some(NoiseKind::WebMeta);
    }
    None
}

fn is_phrase_noise(key: &str) -> bool {
    if key.chars().count() > SHORT_LINE * 3 {
        return false;
    }
    lexicon::boilerplate().iter().any(|entry| {
        let (mode, phrase) = entry.split_at(1);
        match mode {
            "=" => key == phrase,
            "^" => key.starts_with(phrase),
            "~" => key.contains(phrase),
            _ => false,
        }
    })
}

/// `  • 中文名:…` lines of an encyclopedia info box.
fn is_info_box_bullet(content: &str) -> bool {
    content.starts_with(['•', '·', '●', '▪']) && content.contains([':', '：'])
}

/// `来源: 作者: 时间: 点击数:` — two or more meta keys each followed by a colon.
fn is_web_meta(key: &str) -> bool {
    // Every hit needs a colon: most lines have none and are not searched key by key.
    if !key.contains([':', '：']) {
        return false;
    }
    let hits = lexicon::web_meta_keys()
        .iter()
        .filter(|k| key.match_indices(**k).any(|(at, _)| key[at + k.len()..].starts_with([':', '：'])))
        .count();
    hits >= 2
}

fn phone_or_email() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(\d{3,4}-\d{7,8}|(^|[^\d])\d{8}($|[^\d])|(^|[^\d])1\d{10}($|[^\d])|[A-Za-z0-9._-]+@[A-Za-z0-9-]+\.[A-Za-z.]+)")
            .expect("valid regex")
    })
}

/// A short line that is a contact entry: a known key with a colon, or a phone number or e-mail.
fn is_contact_line(content: &str) -> bool {
    if visible_len_over(content, 80) || content.ends_with('。') {
        return false;
    }
    let mut folded: String = content.chars().map(fold_width).collect();
    folded.make_ascii_lowercase();
    let starts_with_key = lexicon::contact_keys()
        .iter()
        .any(|k| folded.strip_prefix(k).is_some_and(|rest| rest.trim_start().starts_with([':', '：'])));
    starts_with_key || phone_or_email().is_match(&folded)
}

fn has_phone_or_email(content: &str) -> bool {
    let folded: String = content.chars().map(fold_width).collect();
    phone_or_email().is_match(&folded)
}

/// A `key:` line with nothing after the colon (`业务咨询:`), inside a contact run.
fn is_contact_header(content: &str) -> bool {
    !visible_len_over(content, 8) && content.trim_end().ends_with([':', '：'])
}

/// Runs of contact lines holding at least one phone number or e-mail address.
fn mark_contact_runs(text: &str, lines: &[Line], noise: &mut [Option<NoiseKind>]) {
    let mut i = 0;
    while i < lines.len() {
        let is_member = |j: usize| {
            let content = lines[j].text(text);
            lines[j].class == Class::Text && (is_contact_line(content) || is_contact_header(content))
        };
        if !is_member(i) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut j = i;
        while j < lines.len() && (lines[j].is_blank() || noise[j].is_some() || is_member(j)) {
            if !lines[j].is_blank() && noise[j].is_none() {
                end = j;
            }
            j += 1;
        }
        let members = (start..=end).filter(|&k| lines[k].class == Class::Text && noise[k].is_none());
        let has_contact = (start..=end).any(|k| has_phone_or_email(lines[k].text(text)));
        if has_contact {
            for k in members.collect::<Vec<_>>() {
                noise[k] = Some(NoiseKind::Contact);
            }
        }
        i = end + 1;
    }
}

/// A 目录 line followed by chapter-level labels that repeat later in the text.
fn mark_table_of_contents(text: &str, lines: &[Line], noise: &mut [Option<NoiseKind>]) {
    // Only a short line can read 目录 (目錄, 目　录); longer lines are not converted to find out.
    let is_contents_heading = |content: &str| !visible_len_over(content, 4) && strip_spaces(&t2s(content)) == "目录";
    let Some(toc) = lines.iter().position(|l| l.class == Class::Text && is_contents_heading(l.text(text))) else {
        return;
    };
    let mut entries = Vec::new();
    let mut j = toc + 1;
    while j < lines.len() {
        match &lines[j].class {
            Class::Blank => {}
            Class::Labelled { label: label @ (Label::Part(_) | Label::Chapter(_) | Label::Section(_)), .. } => {
                let repeats = entries
                    .iter()
                    .any(|&k: &usize| matches!(&lines[k].class, Class::Labelled { label: seen, .. } if seen == label));
                if repeats {
                    break;
                }
                entries.push(j);
            }
            Class::Labelled { label: Label::Heading(_), .. } if !entries.is_empty() => entries.push(j),
            _ => break,
        }
        j += 1;
    }
    if entries.len() >= 2 {
        noise[toc] = Some(NoiseKind::Contents);
        for k in entries {
            noise[k] = Some(NoiseKind::Contents);
        }
    }
}

fn article_marker() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"第[一二三四五六七八九十百零〇]+[条條]").expect("valid regex"))
}

/// A very long line holding several articles, most of whose sentences stand elsewhere in the text.
fn mark_flattened_copies(text: &str, lines: &[Line], noise: &mut [Option<NoiseKind>]) {
    for (i, line) in lines.iter().enumerate() {
        let content = line.text(text);
        if noise[i].is_some() || content.chars().count() < 300 {
            continue;
        }
        if article_marker().find_iter(content).count() < 3 {
            continue;
        }
        let sentences: Vec<&str> =
            content.split(['。', '；']).map(str::trim).filter(|s| s.chars().count() >= 8).collect();
        if sentences.is_empty() {
            continue;
        }
        let before = &text[..line.span.start];
        let after = &text[line.span.end..];
        let repeated = sentences.iter().filter(|s| before.contains(*s) || after.contains(*s)).count();
        if repeated * 2 >= sentences.len() {
            noise[i] = Some(NoiseKind::FlattenedCopy);
        }
    }
}
