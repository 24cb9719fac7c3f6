//! Front matter: recognising title, number, addressee and history lines (what they say is read
//! in [`super::meta`]).

use super::lines::{ends_with_colon, Class, Line};
use crate::lexicon;
use crate::normalize::t2s;
use crate::text::{is_cjk, strip_spaces, visible_len_in, visible_len_over};

/// A line that can be (part of) a title: short, Chinese, not ending a sentence or a clause.
pub fn is_title_like(line: &Line, text: &str) -> bool {
    let content = line.text(text);
    line.class == Class::Text
        && visible_len_in(content, 2..=80)
        && content.chars().any(is_cjk)
        && !content.trim_end().ends_with(['。', '；', '：', ':', ';', '，', ','])
}

/// True when a title is complete: it ends in a document-type word, perhaps followed by a
/// bracketed qualifier such as （试行）.
pub fn title_is_complete(title: &str) -> bool {
    let simple = normalise_title(title);
    let core = strip_qualifier(&simple);
    lexicon::doc_types().iter().any(|t| core.ends_with(t))
}

pub(super) fn strip_qualifier(title: &str) -> &str {
    let Some(body) = title.strip_suffix('）') else {
        return title;
    };
    let Some(open) = body.rfind('（') else {
        return title;
    };
    let inside = &body[open + '（'.len_utf8()..];
    if lexicon::title_qualifiers().iter().any(|q| inside.contains(q)) {
        &body[..open]
    } else {
        title
    }
}

/// The addressee line of a notice: ends with a colon, lists bodies, holds no full stop.
pub fn is_addressee_line(line: &Line, text: &str) -> bool {
    let content = line.text(text);
    line.class == Class::Text
        && ends_with_colon(content)
        && !content.contains('。')
        && !visible_len_over(content, 300)
        && (content.starts_with('各') || content.contains(['、', '，', ',']))
        && !content.contains("如下")
        && !["为", "為", "根据", "根據", "按照", "依据", "依據", "经", "經"].iter().any(|w| content.starts_with(w))
}

/// A line in brackets holding a date: `（2007年3月16日第十届全国人民代表大会第五次会议通过）`.
pub fn is_bracketed_history(line: &Line, text: &str) -> bool {
    let content = line.text(text);
    line.class == Class::Text
        && content.starts_with(['（', '('])
        && content.ends_with(['）', ')'])
        && content.contains('年')
}

/// Title text as reported: simplified, no spaces, full-width brackets.
pub fn normalise_title(title: &str) -> String {
    t2s(&strip_spaces(title)).replace('(', "（").replace(')', "）")
}
