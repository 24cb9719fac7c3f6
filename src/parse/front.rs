//! Front matter: recognising title, number and addressee lines, and summarising them as
//! normalised values (simplified script, `〔〕`, `号`, ISO dates).

use super::grammar;
use super::lines::{ends_with_colon, Class, Line};
use crate::lexicon;
use std::sync::OnceLock;

use regex::Regex;

use crate::model::{Boilerplate, FrontKind, FrontMatter, Level, Unit, UnitKind};
use crate::normalize::t2s;
use crate::text::{is_cjk, is_space, strip_spaces, visible_len_in, visible_len_over};

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

fn strip_qualifier(title: &str) -> &str {
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

/// Builds the normalised front matter from the parsed units, and from the document info table of
/// a government web page (`发文字号：…`, kept as boilerplate) when the text has no number line.
pub fn summarise(text: &str, units: &[Unit], boilerplate: &[Boilerplate], title: Option<&str>) -> FrontMatter {
    let top = |kind: FrontKind| units.iter().filter(move |u| u.kind == UnitKind::Front(kind) && u.id.0.len() == 1);
    let body = |u: &Unit| text[u.span.start..u.span.end].trim_matches(is_space).to_string();
    let doc_number = top(FrontKind::Number)
        .find_map(|u| {
            let (_, n) = grammar::number_line(&body(u)).ok()?;
            Some(n.canonical(&t2s(&n.issuer)))
        })
        .or_else(|| boilerplate.iter().find_map(|b| info_table_number(&text[b.span.start..b.span.end])));
    let date = top(FrontKind::Date)
        .find_map(|u| grammar::date_line(&body(u)).ok().map(|(_, d)| d.iso()))
        .or_else(|| effective_date(text));
    let title = title.map(normalise_title);
    let issuer = top(FrontKind::Issuer)
        .next()
        .map(|u| t2s(&strip_spaces(&body(u))))
        .or_else(|| title.as_deref().and_then(issuer_from_title));
    let interpreter = interpreting_body(text);
    let sources = [issuer.as_deref(), title.as_deref(), interpreter.as_deref(), doc_number.as_deref()];
    let (jurisdiction, level) = sources.into_iter().flatten().find_map(place).unzip();
    FrontMatter { level, jurisdiction, title, doc_number, issuer, date }
}

/// `本办法由科技部负责解释` → `科技部`.
fn interpreting_body(text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"由(\p{Han}{2,15}?)(?:负责|負責)(?:解释|解釋)").expect("valid regex"));
    re.captures_iter(text).last().map(|c| t2s(&c[1]))
}

/// Province-level cities: 市 at the top of their name is a province, not a city.
const PROVINCE_LEVEL_CITIES: [&str; 4] = ["北京市", "天津市", "上海市", "重庆市"];

/// The jurisdiction and level named at the start of an issuer, title or number.
fn place(source: &str) -> Option<(String, Level)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^(\p{Han}{1,7}?(?:省|自治区|市))(\p{Han}{1,6}?(?:新区|区|县|市|州|盟|旗))?").expect("valid regex")
    });
    let national = lexicon::national_bodies().iter().any(|b| source.starts_with(b))
        || (source.ends_with('部') && !source.contains(['省', '市', '区', '县']));
    if national {
        return Some(("全国".to_string(), Level::National));
    }
    let caps = re.captures(source)?;
    let top = caps.get(1)?.as_str();
    if let Some(lower) = caps.get(2).filter(|_| PROVINCE_LEVEL_CITIES.contains(&top) || top.ends_with(['省', '区'])) {
        return Some((format!("{top}{}", lower.as_str()), Level::Municipal));
    }
    let level = if top.ends_with('省') || top.ends_with("自治区") || PROVINCE_LEVEL_CITIES.contains(&top) {
        Level::Provincial
    } else {
        Level::Municipal
    };
    Some((top.to_string(), level))
}

/// `发文字号：国办发〔2018〕18号` from a web page's document info table.
fn info_table_number(line: &str) -> Option<String> {
    let simple = t2s(&strip_spaces(line));
    let value = simple.strip_prefix("发文字号")?.trim_start_matches([':', '：']);
    let (_, n) = grammar::number_line(value).ok()?;
    Some(n.canonical(&n.issuer))
}

/// `天津市滨海新区科委关于印发…` → `天津市滨海新区科委`.
fn issuer_from_title(title: &str) -> Option<String> {
    let (issuer, _) = title.split_once("关于")?;
    (issuer.chars().count() >= 2 && !issuer.contains(['《', '〈'])).then(|| issuer.to_string())
}

/// The first `自…起施行` date of the text.
fn effective_date(text: &str) -> Option<String> {
    text.match_indices('自').find_map(|(at, _)| grammar::effective_date(&text[at..]).ok().map(|(_, d)| d.iso()))
}
