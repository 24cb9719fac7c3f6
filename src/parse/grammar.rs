//! The nom combinators of `grammar/structure.ebnf`. Each combinator's doc comment names the rule
//! it implements. All of them work on one line whose leading spaces are already removed.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1, take_while_m_n};
use nom::character::complete::{char, satisfy};
use nom::combinator::{map, map_opt, opt, recognize, value, verify};
use nom::sequence::{delimited, preceded};
use nom::{IResult, Parser};

use crate::text::is_space;

/// Rule `gap`: any run of spaces, possibly empty.
pub fn gap(i: &str) -> IResult<&str, &str> {
    take_while(is_space).parse(i)
}

fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Rule `arabic`: ASCII or full-width digits (at most 9 of them, so the value fits).
pub fn arabic(i: &str) -> IResult<&str, u32> {
    map_opt(take_while_m_n(1, 9, |c| digit_value(c).is_some()), |digits: &str| {
        digits.chars().try_fold(0u32, |acc, c| acc.checked_mul(10)?.checked_add(digit_value(c)?))
    })
    .parse(i)
}

fn cn_digit_value(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' | '○' | 'Ｏ' | 'О' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '兩' | '贰' | '貳' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn cn_unit_value(c: char) -> Option<u32> {
    match c {
        '十' | '拾' => Some(10),
        '百' | '佰' => Some(100),
        '千' | '仟' => Some(1000),
        _ => None,
    }
}

/// Value of a run of Chinese numeral characters: 十 = 10, 十二 = 12, 二十 = 20, 一百零三 = 103,
/// 一百一十 = 110. `None` for malformed runs such as 十十.
fn cn_value(run: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut pending: Option<u32> = None;
    let mut last_unit = u32::MAX;
    for c in run.chars() {
        if let Some(d) = cn_digit_value(c) {
            pending = Some(pending.unwrap_or(0).checked_mul(10)?.checked_add(d)?);
        } else {
            let unit = cn_unit_value(c)?;
            if unit >= last_unit {
                return None;
            }
            last_unit = unit;
            total = total.checked_add(pending.unwrap_or(1).checked_mul(unit)?)?;
            pending = None;
        }
    }
    total.checked_add(pending.unwrap_or(0))
}

/// Rule `cn_numeral`: Chinese numerals with the units 十, 百, 千.
pub fn cn_numeral(i: &str) -> IResult<&str, u32> {
    map_opt(take_while_m_n(1, 12, |c| cn_digit_value(c).is_some() || cn_unit_value(c).is_some()), cn_value).parse(i)
}

/// Rule `numeral`: Arabic or Chinese.
pub fn numeral(i: &str) -> IResult<&str, u32> {
    alt((arabic, cn_numeral)).parse(i)
}

/// Rule `circled`: ① to ⑳.
pub fn circled(i: &str) -> IResult<&str, u32> {
    map(satisfy(|c| ('①'..='⑳').contains(&c)), |c| c as u32 - '①' as u32 + 1).parse(i)
}

fn open_paren(i: &str) -> IResult<&str, char> {
    alt((char('（'), char('('))).parse(i)
}

fn close_paren(i: &str) -> IResult<&str, char> {
    alt((char('）'), char(')'))).parse(i)
}

/// A numbered label at the start of a line, as found by the rules below.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    /// Rule `attachment`: 附件, 附件1, 附件 2：. The number is `None` for a bare 附件.
    Attachment(Option<u32>),
    /// Rule `part`: 第一编.
    Part(u32),
    /// Rule `chapter`: 第一章.
    Chapter(u32),
    /// Rule `section`: 第二节.
    Section(u32),
    /// Rule `article`: 第八条, 第十二條之一.
    Article(u32, Option<u32>),
    /// Rule `misspelt_article`: 笫八条, an article label with a common typo for 第; an article only
    /// where its number continues the document's articles.
    MisspeltArticle(u32, Option<u32>),
    /// Rule `heading_numbered`: 一、.
    Heading(u32),
    /// Rule `item`: （一）.
    Item(u32),
    /// Rule `sub_item`: 1. 1、 1．.
    SubItem(u32),
    /// Rule `third_item`, parenthesised: (1) （1）.
    ThirdParen(u32),
    /// Rule `third_item`, circled: ①.
    ThirdCircled(u32),
}

/// Rule `attachment`: 附件 [numeral] [：] and nothing else on the line.
pub fn attachment(i: &str) -> IResult<&str, Label> {
    let (rest, number) =
        delimited(tag("附件"), preceded(gap, opt(numeral)), (gap, opt(alt((char('：'), char(':')))))).parse(i)?;
    verify(gap, |tail: &str| tail.len() == rest.len()).parse(rest)?;
    Ok((rest, Label::Attachment(number)))
}

fn mark<'a>(
    marks: &'static [&'static str],
) -> impl Parser<&'a str, Output = &'a str, Error = nom::error::Error<&'a str>> {
    move |i: &'a str| {
        for m in marks {
            if let Some(rest) = i.strip_prefix(m) {
                return Ok((rest, &i[..m.len()]));
            }
        }
        Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag)))
    }
}

fn ordinal<'a>(
    marks: &'static [&'static str],
) -> impl Parser<&'a str, Output = u32, Error = nom::error::Error<&'a str>> {
    ordinal_after('第', marks)
}

/// An ordinal introduced by `first` (第, or a typo of it).
fn ordinal_after<'a>(
    first: char,
    marks: &'static [&'static str],
) -> impl Parser<&'a str, Output = u32, Error = nom::error::Error<&'a str>> {
    delimited((char(first), gap), numeral, (gap, mark(marks)))
}

/// Rule `part`: 第N编.
pub fn part(i: &str) -> IResult<&str, Label> {
    map(ordinal(&["编", "編"]), Label::Part).parse(i)
}

/// Rule `chapter`: 第N章.
pub fn chapter(i: &str) -> IResult<&str, Label> {
    map(ordinal(&["章"]), Label::Chapter).parse(i)
}

/// Rule `section`: 第N节.
pub fn section(i: &str) -> IResult<&str, Label> {
    map(ordinal(&["节", "節"]), Label::Section).parse(i)
}

/// What may follow 第N条 when the line merely cites the article (`第五条第（一）项规定的…`).
const REFERENCE_CONTINUATIONS: &[&str] = &[
    "第",
    "款",
    "项",
    "項",
    "规定",
    "規定",
    "所",
    "之规定",
    "的",
    "中",
    "、",
    "，",
    ",",
    "和",
    "或",
    "至",
    "及",
    "与",
    "與",
    "至第",
    "以",
    "）",
    ")",
    "”",
    "」",
];

/// Rule `article`: 第N条 [之M], followed by a space or by text that does not continue a reference.
pub fn article(i: &str) -> IResult<&str, Label> {
    map(article_after('第'), |(n, sub)| Label::Article(n, sub)).parse(i)
}

/// Rule `misspelt_article`: 笫N条 [之M], like `article`.
pub fn misspelt_article(i: &str) -> IResult<&str, Label> {
    map(article_after('笫'), |(n, sub)| Label::MisspeltArticle(n, sub)).parse(i)
}

/// An article label introduced by `first`: its number and sub-number.
fn article_after<'a>(
    first: char,
) -> impl Parser<&'a str, Output = (u32, Option<u32>), Error = nom::error::Error<&'a str>> {
    move |i: &'a str| {
        let (rest, numbers) = (ordinal_after(first, &["条", "條"]), opt(preceded(char('之'), numeral))).parse(i)?;
        let continues_reference =
            !rest.starts_with(is_space) && REFERENCE_CONTINUATIONS.iter().any(|c| rest.starts_with(c));
        if continues_reference {
            return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)));
        }
        Ok((rest, numbers))
    }
}

/// Rule `heading_numbered`: 一、 (a Chinese numeral and an enumeration comma or full stop).
pub fn heading_numbered(i: &str) -> IResult<&str, Label> {
    map((cn_numeral, alt((char('、'), char('．')))), |(n, _)| Label::Heading(n)).parse(i)
}

/// Rule `item`: （一） or (一).
pub fn item(i: &str) -> IResult<&str, Label> {
    map(delimited((open_paren, gap), cn_numeral, (gap, close_paren)), Label::Item).parse(i)
}

/// Rule `sub_item`: 1. 1、 1． (but not a decimal such as 10.5).
pub fn sub_item(i: &str) -> IResult<&str, Label> {
    let (rest, n) = (arabic, alt((char('.'), char('、'), char('．')))).map(|(n, _)| n).parse(i)?;
    if rest.starts_with(|c: char| digit_value(c).is_some()) {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)));
    }
    Ok((rest, Label::SubItem(n)))
}

/// Rule `third_item`: (1), （1） or ①.
pub fn third_item(i: &str) -> IResult<&str, Label> {
    alt((
        map(delimited((open_paren, gap), arabic, (gap, close_paren)), Label::ThirdParen),
        map(circled, Label::ThirdCircled),
    ))
    .parse(i)
}

/// Any structural label at the start of a line; returns it with the rest of the line.
pub fn label(i: &str) -> IResult<&str, Label> {
    alt((attachment, part, chapter, section, article, misspelt_article, heading_numbered, item, sub_item, third_item))
        .parse(i)
}

/// A document number, canonical parts kept apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocNumber {
    /// Issuer code (`国科发政`), as written.
    pub issuer: String,
    /// Year.
    pub year: u32,
    /// Sequence number.
    pub seq: u32,
    /// True for 令 numbers (`国务院令第746号`).
    pub order: bool,
}

fn is_issuer_char(c: char) -> bool {
    crate::text::is_cjk(c) && !matches!(c, '第' | '号' | '號' | '年' | '月' | '日')
}

fn year(i: &str) -> IResult<&str, u32> {
    verify(arabic, |y| (1900..=2200).contains(y)).parse(i)
}

/// Rule `doc_number`: issuer code, bracketed year, sequence, 号.
pub fn doc_number(i: &str) -> IResult<&str, DocNumber> {
    let bracket_open = satisfy(|c| matches!(c, '〔' | '[' | '［' | '(' | '（' | '【' | '﹝'));
    let bracket_close = satisfy(|c| matches!(c, '〕' | ']' | '］' | ')' | '）' | '】' | '﹞'));
    map(
        (
            take_while_m_n(1, 12, is_issuer_char),
            delimited((gap, bracket_open, gap), year, (gap, bracket_close, gap)),
            arabic,
            preceded(gap, alt((tag("号"), tag("號")))),
        ),
        |(issuer, year, seq, _)| DocNumber { issuer: issuer.to_string(), year, seq, order: false },
    )
    .parse(i)
}

/// Rule `order_number`: 国务院令第746号.
pub fn order_number(i: &str) -> IResult<&str, DocNumber> {
    map(
        (
            recognize((take_while_m_n(1, 16, |c| is_issuer_char(c) && c != '令'), gap)),
            preceded((tag("令"), gap, opt(char('第')), gap), arabic),
            preceded(gap, alt((tag("号"), tag("號")))),
        ),
        |(issuer, seq, _): (&str, u32, &str)| DocNumber {
            issuer: format!("{}令", issuer.trim_end_matches(is_space)),
            year: 0,
            seq,
            order: true,
        },
    )
    .parse(i)
}

impl DocNumber {
    /// Canonical form: `〔〕` brackets, Arabic digits, `号` (issuer converted by the caller).
    pub fn canonical(&self, issuer: &str) -> String {
        if self.order {
            format!("{issuer}第{}号", self.seq)
        } else {
            format!("{issuer}〔{}〕{}号", self.year, self.seq)
        }
    }
}

/// Rule `number_line`: a line holding only a document number, perhaps in brackets.
pub fn number_line(i: &str) -> IResult<&str, DocNumber> {
    let (rest, n) = alt((
        delimited((open_paren, gap), alt((doc_number, order_number)), (gap, close_paren)),
        doc_number,
        order_number,
    ))
    .parse(i)?;
    verify(gap, |tail: &str| tail.len() == rest.len()).parse(rest)?;
    Ok((rest, n))
}

fn cn_year(i: &str) -> IResult<&str, u32> {
    map_opt(take_while_m_n(4, 4, |c| cn_digit_value(c).is_some()), |run: &str| {
        run.chars().try_fold(0u32, |acc, c| Some(acc * 10 + cn_digit_value(c)?))
    })
    .parse(i)
}

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub year: u32,
    /// Month, 1–12.
    pub month: u32,
    /// Day, 1–31.
    pub day: u32,
}

impl Date {
    /// ISO 8601 form, `2016-04-21`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Rule `date`: 2016年4月21日, 二○一二年五月七日.
pub fn date(i: &str) -> IResult<&str, Date> {
    map(
        (
            alt((year, cn_year)),
            preceded((gap, char('年'), gap), verify(numeral, |m| (1..=12).contains(m))),
            delimited(
                (gap, char('月'), gap),
                verify(numeral, |d| (1..=31).contains(d)),
                (gap, alt((char('日'), char('号'), char('號')))),
            ),
        ),
        |(year, month, day)| Date { year, month, day },
    )
    .parse(i)
}

/// Rule `date_line`: a line holding only a date.
pub fn date_line(i: &str) -> IResult<&str, Date> {
    let (rest, d) = date(i)?;
    verify(gap, |tail: &str| tail.len() == rest.len()).parse(rest)?;
    Ok((rest, d))
}

/// Rule `effective_date`: 自2018年9月18日起施行.
pub fn effective_date(i: &str) -> IResult<&str, Date> {
    delimited(
        (char('自'), gap),
        date,
        (gap, char('起'), alt((tag("施行"), tag("实施"), tag("實施"), tag("执行"), tag("執行"), tag("生效")))),
    )
    .parse(i)
}

/// Rule `markdown_heading`: `#`… and a space; returns the depth.
pub fn markdown_heading(i: &str) -> IResult<&str, usize> {
    map((take_while1(|c| c == '#'), take_while1(|c| c == ' ' || c == '\t')), |(h, _): (&str, &str)| h.len()).parse(i)
}

/// Rule `info_end`: the `<!-- INFO END -->` marker of LawRefBook Markdown.
pub fn info_end(i: &str) -> IResult<&str, ()> {
    value((), (tag("<!--"), gap, tag("INFO END"), gap, tag("-->"))).parse(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        for (text, n) in [
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("一百零三", 103),
            ("一百一十", 110),
            ("三十三", 33),
            ("二百零四", 204),
        ] {
            assert_eq!(cn_numeral(text).unwrap().1, n, "{text}");
        }
        assert!(cn_numeral("十十").is_err());
    }

    #[test]
    fn labels() {
        assert_eq!(label("第八條 聯盟").unwrap().1, Label::Article(8, None));
        assert_eq!(label("第一百二十条之一　").unwrap().1, Label::Article(120, Some(1)));
        assert_eq!(label("第８条 ").unwrap().1, Label::Article(8, None));
        assert!(article("第五条第（一）项规定的").is_err());
        assert!(article("第二条所称").is_err());
        assert_eq!(label("笫五十四条 清算组").unwrap().1, Label::MisspeltArticle(54, None));
        assert!(label("笫五十四条规定的").is_err());
        assert_eq!(label("第一章  总则").unwrap().1, Label::Chapter(1));
        assert_eq!(label("第二節").unwrap().1, Label::Section(2));
        assert_eq!(label("三、聯盟試點工作").unwrap().1, Label::Heading(3));
        assert_eq!(label("（十）建立").unwrap().1, Label::Item(10));
        assert_eq!(label("(一)遵循").unwrap().1, Label::Item(1));
        assert_eq!(label("3、联盟").unwrap().1, Label::SubItem(3));
        assert_eq!(label("1．联盟").unwrap().1, Label::SubItem(1));
        assert!(sub_item("10.5亿元").is_err());
        assert!(label("2018年").is_err());
        assert_eq!(label("（1）").unwrap().1, Label::ThirdParen(1));
        assert_eq!(label("③").unwrap().1, Label::ThirdCircled(3));
        assert_eq!(label("附件 1 ").unwrap().1, Label::Attachment(Some(1)));
        assert_eq!(label("附件：").unwrap().1, Label::Attachment(None));
        assert!(attachment("附件：1.关于促进的意见").is_err());
    }

    #[test]
    fn document_numbers() {
        let n = number_line("（津滨科发〔2012〕8号）").unwrap().1;
        assert_eq!(n.canonical(&n.issuer), "津滨科发〔2012〕8号");
        let n = doc_number("國發[2009]9號").unwrap().1;
        assert_eq!((n.year, n.seq), (2009, 9));
        let n = doc_number("国科发政（２００９）６４８号").unwrap().1;
        assert_eq!((n.year, n.seq), (2009, 648));
        let n = order_number("国务院令第746号").unwrap().1;
        assert_eq!(n.canonical(&n.issuer), "国务院令第746号");
    }

    #[test]
    fn dates() {
        assert_eq!(date_line("2016年4月21日").unwrap().1.iso(), "2016-04-21");
        assert_eq!(date_line("二○一二年五月七日 ").unwrap().1.iso(), "2012-05-07");
        assert_eq!(effective_date("自2018年9月18日起施行").unwrap().1.iso(), "2018-09-18");
        assert!(date_line("2016年4月21日印发").is_err());
    }
}
