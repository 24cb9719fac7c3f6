//! Document metadata read from the text alone: level, kind, jurisdiction, issuer, number, the
//! date of this version and the date it takes effect.
//!
//! The evidence, strongest first: the sign-off (issuer and date lines), the header history of a
//! law or regulation (`2009年11月20日 北京市第十三届人民代表大会常务委员会第十四次会议通过`,
//! `中华人民共和国国务院令第603号公布`), the title (`北京市实施《…》办法`, `最高人民法院关于…`),
//! the body that interprets the document (`本办法由科技部负责解释`) and the number's issuer code.

use std::path::Path;
use std::sync::OnceLock;

use regex::Regex;

use super::grammar::{self, Date};
use super::place;
use crate::lexicon;
use crate::model::{Boilerplate, DocKind, FrontKind, FrontMatter, Level, Unit, UnitKind};
use crate::normalize::t2s;
use crate::text::{is_space, strip_spaces};

/// What happened to a document on a date, as its header history says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Act {
    /// 通过: adopted.
    Adopted,
    /// 修正, 修订: amended or revised.
    Amended,
    /// 批准: approved by a higher body.
    Approved,
    /// 公布, 发布, 颁布, 印发: issued.
    Issued,
    /// 施行: takes effect.
    Effective,
}

/// One event of the header history.
#[derive(Clone, Debug)]
struct Event {
    date: Date,
    act: Act,
    /// The rest of the event's text, simplified, without spaces (`第七届全国人民代表大会…会议`).
    body: String,
}

/// The verbs that end an event, longest first where one ends another.
const ACTS: [(&str, Act); 10] = [
    ("通过", Act::Adopted),
    ("修正", Act::Amended),
    ("修订", Act::Amended),
    ("修改", Act::Amended),
    ("批准", Act::Approved),
    ("公布", Act::Issued),
    ("发布", Act::Issued),
    ("颁布", Act::Issued),
    ("印发", Act::Issued),
    ("施行", Act::Effective),
];

/// The events of one history line: each date starts an event that runs to the next date (a
/// line may hold several: `…第一次修正根据2009年8月27日…第二次修正`).
fn events(line: &str) -> Vec<Event> {
    let text = t2s(&strip_spaces(line));
    let text = text.trim_matches(|c| matches!(c, '（' | '）' | '(' | ')'));
    let mut starts: Vec<(usize, usize, Date)> = Vec::new();
    for (at, _) in text.char_indices() {
        if starts.last().is_some_and(|&(_, end, _)| at < end) {
            continue;
        }
        if let Ok((rest, date)) = grammar::date(&text[at..]) {
            starts.push((at, text.len() - rest.len(), date));
        }
    }
    let mut out = Vec::new();
    for (k, &(_, body_start, date)) in starts.iter().enumerate() {
        let body_end = starts.get(k + 1).map_or(text.len(), |next| next.0);
        let body = text[body_start..body_end].trim_end_matches(['。', '；', '，', '）', ')']);
        let body = body.strip_suffix("根据").unwrap_or(body);
        // The act is the verb nearest the end of the event.
        let act = ACTS.iter().filter_map(|(verb, act)| body.rfind(verb).map(|at| (at, *act))).max_by_key(|(at, _)| *at);
        if let Some((_, act)) = act {
            out.push(Event { date, act, body: body.to_string() });
        }
    }
    out
}

/// Reads the metadata of a parsed document. `title` is the title as written, `path` the file it
/// came from (a date in its name, `…(2012-08-31).md`, is this version's date when the text
/// states none).
pub fn summarise(
    text: &str,
    units: &[Unit],
    boilerplate: &[Boilerplate],
    title: Option<&str>,
    path: &Path,
) -> FrontMatter {
    let top = |kind: FrontKind| units.iter().filter(move |u| u.kind == UnitKind::Front(kind) && u.id.0.len() == 1);
    let body = |u: &Unit| text[u.span.start..u.span.end].trim_matches(is_space).to_string();
    // A title line may be a bracketed history (a page whose real title stands outside its text).
    let bracketed = |u: &&Unit| {
        let text = body(u);
        text.starts_with(['（', '(']) && text.ends_with(['）', ')'])
    };
    let history: Vec<Event> =
        top(FrontKind::Meta).chain(top(FrontKind::Title).filter(bracketed)).flat_map(|u| events(&body(u))).collect();
    let title = title.map(super::front::normalise_title);
    let signed: Vec<Date> =
        top(FrontKind::Date).filter_map(|u| grammar::date_line(&body(u)).ok().map(|(_, d)| d)).collect();
    let stated = history.iter().filter(|e| e.act != Act::Effective).map(|e| e.date).chain(signed.iter().copied()).max();
    let effective =
        history.iter().filter(|e| e.act == Act::Effective).map(|e| e.date).max().or_else(|| effective_date(text));
    let date = stated.map(|d| d.iso()).or_else(|| date_in_file_name(path)).or_else(|| effective.map(|d| d.iso()));
    let effective = effective.map(|d| d.iso()).or_else(|| immediate(text).then(|| date.clone()).flatten());

    let doc_number = top(FrontKind::Number)
        .find_map(|u| number(&body(u)))
        .or_else(|| boilerplate.iter().find_map(|b| info_table_number(&text[b.span.start..b.span.end])))
        .or_else(|| history.iter().rev().filter(|e| e.act == Act::Issued).find_map(|e| order_in(&e.body)));
    let interpreter = interpreting_body(text);
    let stated_issuer = top(FrontKind::Issuer)
        .next()
        .map(|u| t2s(&strip_spaces(&body(u))))
        .or_else(|| history.iter().find_map(issuer_of))
        .or_else(|| title.as_deref().and_then(issuer_from_title))
        .map(|name| match name.strip_prefix("中华人民共和国") {
            Some(rest) if rest.chars().count() >= 2 => rest.to_string(),
            _ => name,
        });
    let sources = [stated_issuer.as_deref(), title.as_deref(), interpreter.as_deref(), doc_number.as_deref()];
    let (jurisdiction, level) = sources
        .into_iter()
        .flatten()
        .find_map(place)
        .or_else(|| title.as_deref().and_then(place::short_jurisdiction))
        .unzip();
    let evidence = KindEvidence {
        issuer: stated_issuer.as_deref(),
        interpreter: interpreter.as_deref(),
        title: title.as_deref().unwrap_or(""),
        signed: !signed.is_empty(),
    };
    let kind = kind(&evidence, level, doc_number.as_deref());
    let local_body = stated_issuer.as_deref().is_some_and(|i| i.starts_with(['省', '市', '区', '县']));
    let issuer = stated_issuer.or(interpreter).map(|body| qualified(&body, jurisdiction.as_deref()));
    // A law or regulation named without a place, by no local body, is national.
    let (jurisdiction, level) = match (level, kind) {
        (None, Some(DocKind::Law | DocKind::AdministrativeRegulation | DocKind::JudicialInterpretation))
            if !local_body =>
        {
            (Some("全国".to_string()), Some(Level::National))
        }
        _ => (jurisdiction, level),
    };
    FrontMatter { level, kind, jurisdiction, title, doc_number, number_learned: false, issuer, date, effective }
}

/// A number line's number, canonical.
fn number(line: &str) -> Option<String> {
    let (_, n) = grammar::number_line(line).ok()?;
    Some(n.canonical(&t2s(&n.issuer)))
}

/// `国务院令第603号` in an event (`中华人民共和国国务院令第603号公布`).
fn order_in(body: &str) -> Option<String> {
    let at = body.find("令")?;
    let start = body[..at].char_indices().rev().take_while(|(_, c)| crate::text::is_cjk(*c)).last()?.0;
    let (_, n) = grammar::order_number(&body[start..]).ok()?;
    let issuer = n.issuer.strip_prefix("中华人民共和国").unwrap_or(&n.issuer).to_string();
    Some(n.canonical(&issuer))
}

/// The body that adopted or issued the document, from one history event:
/// `北京市第十三届人民代表大会常务委员会第十四次会议通过` → `北京市人民代表大会常务委员会`,
/// `市十四届人大常委会第二十次会议通过` → `市人民代表大会常务委员会`,
/// `中华人民共和国国务院令第220号发布` → `国务院`, `公安部、外交部发布` → `公安部、外交部`.
/// Approvals name another body and are skipped.
fn issuer_of(event: &Event) -> Option<String> {
    static SESSION: OnceLock<Regex> = OnceLock::new();
    static ORDER: OnceLock<Regex> = OnceLock::new();
    let session = SESSION.get_or_init(|| {
        Regex::new(r"^(\p{Han}*?)第?[一二三四五六七八九十百零〇0-9]+届(\p{Han}+?)(?:第[一二三四五六七八九十百零〇0-9]+次)?(?:全体|常务)?会议")
            .expect("valid regex")
    });
    let order = ORDER.get_or_init(|| Regex::new(r"^(\p{Han}+?)(?:令|公告)第").expect("valid regex"));
    if !matches!(event.act, Act::Adopted | Act::Issued | Act::Amended) || event.body.contains("批准") {
        return None;
    }
    let body = event.body.strip_prefix("中华人民共和国").unwrap_or(&event.body);
    let body = body.strip_prefix('经').unwrap_or(body);
    let name = if let Some(c) = session.captures(body) {
        format!("{}{}", &c[1], &c[2])
    } else if let Some(c) = order.captures(body) {
        c[1].to_string()
    } else if let Some(at) = body.find('第') {
        // 国务院第169次常务会议通过, 最高人民法院审判委员会第1453次会议通过.
        let before = body[..at].trim_end_matches(|c: char| c.is_ascii_digit() || c == '年');
        let court = ["审判委员会", "检察委员会"].iter().find_map(|c| before.strip_suffix(c));
        court.unwrap_or(before).to_string()
    } else if event.act == Act::Issued {
        // 公安部、外交部、交通部发布.
        let verb = ACTS.iter().filter_map(|(v, _)| body.rfind(v)).max()?;
        body[..verb].to_string()
    } else {
        return None;
    };
    let name = expand_congress(&name);
    (name.chars().count() >= 2 && !name.contains(['《', '》', '〈'])).then_some(name)
}

/// The full name of a people's congress body written short (`人大常委会`).
fn expand_congress(name: &str) -> String {
    name.replace("人大常委会", "人民代表大会常务委员会").replace("人大", "人民代表大会")
}

/// `本办法由科技部负责解释` → `科技部`.
fn interpreting_body(text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"由(\p{Han}{2,15}?)(?:负责|負責)(?:解释|解釋)").expect("valid regex"));
    re.captures_iter(text).last().map(|c| t2s(&c[1]))
}

/// A body named the way a document names its own government's bodies (`省科技厅`), with the
/// jurisdiction's name in place of the 省/市/区/县 that stands for it.
fn qualified(body: &str, jurisdiction: Option<&str>) -> String {
    match jurisdiction {
        Some(j) if j != "全国" && body.starts_with(['省', '市', '区', '县']) && !body.starts_with(j) => {
            format!("{j}{}", &body['省'.len_utf8()..])
        }
        _ => body.to_string(),
    }
}

/// The jurisdiction and level named at the start of an issuer, title or number: national bodies
/// (`grammar/national-bodies.txt`, or a ministry, a body ending in 部 with no local place), else
/// the divisions of `grammar/places.tsv`.
fn place(source: &str) -> Option<(String, Level)> {
    let national = lexicon::national_bodies().iter().any(|b| source.starts_with(b))
        || source.starts_with("中华人民共和国")
        || (source.ends_with('部') && !source.contains(['省', '市', '区', '县']));
    if national {
        return Some(("全国".to_string(), Level::National));
    }
    place::jurisdiction(source)
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

/// The last `自…起施行` date of the text: the closing articles state when the document takes
/// effect.
fn effective_date(text: &str) -> Option<Date> {
    text.rmatch_indices('自').find_map(|(at, _)| grammar::effective_date(&text[at..]).ok().map(|(_, d)| d))
}

/// True when the document takes effect on the day it is issued (自公布之日起施行).
fn immediate(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"自(?:公布|发布|印发|发文|颁布|公佈|發布|發佈|頒布)之日起(?:施行|实施|實施|执行|執行|生效)")
            .expect("valid regex")
    });
    re.is_match(text)
}

/// `…(2012-08-31).md` → `2012-08-31`: a date in brackets at the end of the file name.
fn date_in_file_name(path: &Path) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"[(（](\d{4})-(\d{2})-(\d{2})[)）]$").expect("valid regex"));
    let stem = path.file_stem()?.to_str()?;
    let c = re.captures(stem)?;
    let (month, day): (u32, u32) = (c[2].parse().ok()?, c[3].parse().ok()?);
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then(|| format!("{}-{}-{}", &c[1], &c[2], &c[3]))
}

/// The word that ends a title and names its type (`条例`, `办法`, `通知`), qualifier set aside.
fn title_type(title: &str) -> Option<&'static str> {
    let core = super::front::strip_qualifier(title);
    lexicon::doc_types().iter().filter(|t| core.ends_with(*t)).max_by_key(|t| t.len()).copied()
}

/// What the kind of a document is read from.
struct KindEvidence<'a> {
    /// The issuer the document states (sign-off, history, title).
    issuer: Option<&'a str>,
    /// The body that interprets it.
    interpreter: Option<&'a str>,
    /// The normalised title.
    title: &'a str,
    /// True when it ends with a dated sign-off.
    signed: bool,
}

/// The legal kind, from who issued the document and how it is named. Rests on the naming rules
/// of 立法法 and 规章制定程序条例: only the NPC passes 法; rules (规章) may not be called 条例,
/// so a local 条例 is a local regulation; 令 numbers promulgate regulations and rules.
fn kind(evidence: &KindEvidence, level: Option<Level>, number: Option<&str>) -> Option<DocKind> {
    let KindEvidence { issuer, interpreter, title, signed } = *evidence;
    let who = issuer.unwrap_or("");
    let named = title_type(title);
    let local = level.is_some_and(|l| l != Level::National);
    let order = number.is_some_and(|n| n.contains("令第"));
    let numbered = number.is_some() && !order;
    let regulation_name = matches!(named, Some("条例" | "规定" | "办法" | "细则" | "实施细则" | "规则"));
    let state_council = who.split('、').any(|w| w == "国务院" || w == "政务院");
    if ["最高人民法院", "最高人民检察院"].iter().any(|c| who.starts_with(c) || title.starts_with(c)) {
        return Some(DocKind::JudicialInterpretation);
    }
    if who.contains("全国人民代表大会") || (title.starts_with("中华人民共和国") && named == Some("法"))
    {
        return Some(DocKind::Law);
    }
    if local && (who.contains("人民代表大会") || named == Some("条例")) {
        return Some(DocKind::LocalRegulation);
    }
    if !local && (named == Some("条例") || (state_council && (regulation_name || order))) {
        return Some(DocKind::AdministrativeRegulation);
    }
    // A rule is promulgated by an order (令), or named as one by a government or department that
    // gives it no 文号; a title that starts with 关于 is a notice or measure, never a rule.
    let rule_like = regulation_name && !title.starts_with("关于") && (order || (issuer.is_some() && !numbered));
    if rule_like && local && (order || who.ends_with("人民政府")) {
        return Some(DocKind::LocalRule);
    }
    if rule_like && !local && !state_council && level.is_some() {
        return Some(DocKind::DepartmentalRule);
    }
    if local && issuer.is_none() && title.contains("实施《") {
        return Some(DocKind::LocalRegulation);
    }
    // Below the legislation: a notice or measure whose issuer or 文号 says who made it, or that
    // a body interprets and that is signed and dated or titled 关于… as notices and measures are.
    let made_by = issuer.is_some() || numbered || (interpreter.is_some() && (signed || title.starts_with("关于")));
    (named.is_some_and(|n| n != "法") && made_by).then_some(DocKind::NormativeDocument)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_lines_give_dated_acts() {
        let line = "2000年7月8日 第九届全国人民代表大会常务委员会第十六次会议《关于修改〈中华人民共和国产品质量法〉的决定》第一次修正根据2009年8月27日第十一届全国人民代表大会常务委员会第十次会议《关于修改部分法律的决定》第二次修正";
        let amended = events(line);
        assert_eq!(amended.len(), 2);
        assert_eq!(amended[0].date.iso(), "2000-07-08");
        assert_eq!(amended[1].date.iso(), "2009-08-27");
        assert!(amended.iter().all(|e| e.act == Act::Amended));
        let issued = events("2011年8月31日 中华人民共和国国务院令第603号公布");
        assert_eq!(issued[0].act, Act::Issued);
        assert_eq!(order_in(&issued[0].body).as_deref(), Some("国务院令第603号"));
        assert_eq!(events("2011年10月1日 施行")[0].act, Act::Effective);
    }

    #[test]
    fn issuers_of_history_events() {
        let issuer = |line: &str| issuer_of(&events(line)[0]);
        assert_eq!(
            issuer("2009年11月20日 北京市第十三届人民代表大会常务委员会第十四次会议通过").as_deref(),
            Some("北京市人民代表大会常务委员会")
        );
        assert_eq!(
            issuer("1993年2月22日 第七届全国人民代表大会常务委员会第三十次会议通过").as_deref(),
            Some("全国人民代表大会常务委员会")
        );
        assert_eq!(issuer("1999年1月22日 中华人民共和国国务院令第258号发布").as_deref(), Some("国务院"));
        assert_eq!(issuer("2021年8月2日 国家市场监督管理总局令第46号公布").as_deref(), Some("国家市场监督管理总局"));
        assert_eq!(issuer("2011年8月24日 国务院第169次常务会议修订通过").as_deref(), Some("国务院"));
        assert_eq!(issuer("2008年11月10日 最高人民法院审判委员会第1453次会议通过").as_deref(), Some("最高人民法院"));
        assert_eq!(issuer("1996年9月19日 经国务院批准"), None);
    }

    #[test]
    fn file_name_dates() {
        assert_eq!(date_in_file_name(Path::new("经济法/农业技术推广法(2012-08-31).md")).as_deref(), Some("2012-08-31"));
        assert_eq!(date_in_file_name(Path::new("a/上海市燃气管理条例.md")), None);
        assert_eq!(date_in_file_name(Path::new("a/b(2012-13-31).md")), None);
    }
}
