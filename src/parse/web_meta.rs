//! The metadata a government web page carries in its head, by the national standard for government
//! websites (`ArticleTitle`, `PubDate`, `ContentSource`, `SiteName`, `ColumnName`), and in the
//! document information table around its text (`文号：`, `成文日期：`, `发布机构：`, keys in
//! `grammar/web-info-keys.txt`), used where the text itself states nothing better: the text's own
//! title line, number, signing date and issuer win, and the page fills what they leave open.

use super::front::{normalise_title, title_is_complete};
use super::grammar;
use crate::lexicon;
use crate::model::FrontMatter;
use crate::normalize::t2s;
use crate::text::{is_space, strip_spaces};

/// What a page's head says about its article, normalised.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WebMeta {
    /// `ArticleTitle`, else the information table's 标题, else the `<title>` without the site's and
    /// column's names.
    pub title: Option<String>,
    /// The information table's 文号, normalised.
    pub number: Option<String>,
    /// The information table's 成文日期, else `PubDate`, as an ISO date.
    pub date: Option<String>,
    /// The information table's 发布机构, else `ContentSource`, when it names bodies (not 本网).
    pub issuer: Option<String>,
}

impl WebMeta {
    /// Reads the `<meta name=… content=…>` pairs (and `("title", …)`) of a page, and the lines
    /// around its main text, where its information table is.
    pub fn read<'a>(pairs: &[(String, String)], around: impl IntoIterator<Item = &'a str>) -> WebMeta {
        let get = |name: &str| {
            pairs.iter().find(|(n, v)| n.eq_ignore_ascii_case(name) && !v.trim().is_empty()).map(|(_, v)| v.trim())
        };
        let table = info_table(around);
        let field = |name: &'static str| table.iter().filter(move |(f, _)| *f == name).map(|(_, v)| v.as_str());
        let title = get("ArticleTitle")
            .map(str::to_string)
            .or_else(|| field("title").find(|t| title_is_complete(t)).map(str::to_string))
            .or_else(|| get("title").map(|t| without_site_names(t, get("SiteName"), get("ColumnName"))))
            .map(|t| normalise_title(&without_republished_mark(&t)))
            .filter(|t| !t.is_empty());
        let number = field("number").find_map(|v| {
            let (_, n) = grammar::number_line(v).ok()?;
            Some(n.canonical(&t2s(&n.issuer)))
        });
        let date = field("date").find_map(iso_date).or_else(|| get("PubDate").and_then(iso_date));
        let issuer = field("issuer").find_map(issuer).or_else(|| get("ContentSource").and_then(issuer));
        WebMeta { title, number, date, issuer }
    }

    /// Builds the front matter: `summarise` reads the text, given the title to reason from (the
    /// text's, or the page's when the text has none or an incomplete one); then the page fills
    /// the date and issuer the text leaves open.
    pub fn apply(&self, text_title: Option<&str>, summarise: impl FnOnce(Option<&str>) -> FrontMatter) -> FrontMatter {
        let text_title = text_title.map(without_republished_mark);
        let title = match (text_title.as_deref(), self.title.as_deref()) {
            (Some(own), Some(page)) if !title_is_complete(own) && title_is_complete(page) => Some(page),
            (Some(own), _) => Some(own),
            (None, page) => page,
        };
        let mut front = summarise(title);
        front.doc_number = front.doc_number.take().or_else(|| self.number.clone());
        front.date = front.date.take().or_else(|| self.date.clone());
        front.issuer = front.issuer.take().or_else(|| self.issuer.clone());
        front
    }
}

/// The `(field, value)` pairs of a page's document information table: `key：value` on a line (a
/// line may hold several), or `key：` with its value on the next line. Keys and values are read
/// without spaces and in simplified script.
fn info_table<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vec<(&'static str, String)> {
    let keys: Vec<(&'static str, &'static str)> =
        lexicon::web_info_keys().iter().filter_map(|entry| entry.split_once('\t')).collect();
    let mut pairs = Vec::new();
    let mut waiting: Option<&'static str> = None;
    for line in lines {
        let line = t2s(&strip_spaces(line));
        if line.is_empty() {
            continue;
        }
        let text = line.as_str();
        // Each key followed by a colon: (where the key starts, where its value starts, field).
        let mut hits: Vec<(usize, usize, &'static str)> = keys
            .iter()
            .flat_map(|&(field, key)| {
                text.match_indices(key).filter_map(move |(at, _)| {
                    let after = at + key.len();
                    let colon = text[after..].chars().next().filter(|c| matches!(c, '：' | ':'))?;
                    Some((at, after + colon.len_utf8(), field))
                })
            })
            .collect();
        hits.sort_unstable();
        hits.dedup_by(|later, earlier| later.0 < earlier.1);
        if hits.is_empty() {
            if let Some(field) = waiting.take() {
                pairs.push((field, line));
            }
            continue;
        }
        waiting = None;
        for (k, &(_, value_start, field)) in hits.iter().enumerate() {
            let value_end = hits.get(k + 1).map_or(line.len(), |next| next.0);
            let value = &line[value_start..value_end];
            match value.is_empty() {
                true if k + 1 == hits.len() => waiting = Some(field),
                true => {}
                false => pairs.push((field, value.to_string())),
            }
        }
    }
    pairs.retain(|(field, _)| *field != "other");
    pairs
}

/// A title without （转载）, [转载] and the like: the mark of a republished page, not of the
/// document.
fn without_republished_mark(title: &str) -> String {
    const MARKS: [&str; 8] = ["（转载）", "(转载)", "【转载】", "[转载]", "（轉載）", "(轉載)", "【轉載】", "[轉載]"];
    let mut title = title.trim_matches(is_space).to_string();
    for mark in MARKS {
        title = title.replace(mark, "");
    }
    title.trim_matches(is_space).to_string()
}

/// `标题 - 站点名` / `栏目-站点名-标题` without the site's name, and without the column's name
/// when something else is left: of what remains, the longest part is the article's title.
fn without_site_names(title: &str, site: Option<&str>, column: Option<&str>) -> String {
    let parts: Vec<&str> =
        title.split(['-', '_', '|', '—', '–']).map(|p| p.trim_matches(is_space)).filter(|p| !p.is_empty()).collect();
    let not_site: Vec<&str> = parts.iter().copied().filter(|p| Some(*p) != site).collect();
    let not_column: Vec<&str> = not_site.iter().copied().filter(|p| Some(*p) != column).collect();
    let kept = if not_column.is_empty() { not_site } else { not_column };
    kept.into_iter().max_by_key(|p| p.chars().count()).unwrap_or(title).to_string()
}

/// `2025-05-30 11:19`, `2025/5/30`, `2025年5月30日` → `2025-05-30`.
fn iso_date(value: &str) -> Option<String> {
    let numbers: Vec<u32> = value
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .take(3)
        .filter_map(|p| p.parse().ok())
        .collect();
    match numbers[..] {
        [y, m, d] if (1949..=2200).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d) => {
            Some(format!("{y:04}-{m:02}-{d:02}"))
        }
        _ => None,
    }
}

/// `ContentSource` as an issuer: the bodies it names (`市人社局  市就业中心` → `市人社局、市就业中心`),
/// or nothing when it names the site itself (本网) or a database.
fn issuer(value: &str) -> Option<String> {
    let bodies: Vec<String> = value
        .split(|c: char| is_space(c) || matches!(c, '、' | ',' | '，' | ';' | '；'))
        .filter(|p| !p.is_empty())
        .map(|p| t2s(&strip_spaces(p)))
        .collect();
    let all_bodies = !bodies.is_empty()
        && bodies.iter().all(|b| b.chars().count() >= 3 && lexicon::issuer_suffixes().iter().any(|s| b.ends_with(s)));
    all_bodies.then(|| bodies.join("、"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
    }

    #[test]
    fn reads_the_standard_tags() {
        let meta = WebMeta::read(
            &pairs(&[
                ("title", "（转载）关于印发某办法的通知 - 某市人民政府门户网站"),
                ("SiteName", "某市人民政府门户网站"),
                ("ArticleTitle", "（转载）某市人民政府办公厅关于印发某办法的通知"),
                ("PubDate", "2021-12-10 09:37"),
                ("ContentSource", "某市人民政府办公厅"),
            ]),
            [],
        );
        assert_eq!(meta.title.as_deref(), Some("某市人民政府办公厅关于印发某办法的通知"));
        assert_eq!(meta.date.as_deref(), Some("2021-12-10"));
        assert_eq!(meta.issuer.as_deref(), Some("某市人民政府办公厅"));
    }

    #[test]
    fn the_page_title_loses_the_site_name_and_a_source_that_is_no_body_is_no_issuer() {
        let meta = WebMeta::read(
            &pairs(&[
                ("title", "仲裁公告-某市人力资源和社会保障局网站"),
                ("SiteName", "某市人力资源和社会保障局网站"),
                ("ColumnName", "仲裁公告"),
                ("ContentSource", "本网"),
            ]),
            [],
        );
        assert_eq!(meta.title.as_deref(), Some("仲裁公告"));
        assert_eq!(meta.issuer, None);
    }

    #[test]
    fn the_text_wins_where_it_states_a_value() {
        let meta = WebMeta {
            title: Some("关于X的通知".into()),
            number: Some("甲发〔2020〕1号".into()),
            date: Some("2020-01-02".into()),
            issuer: Some("甲局".into()),
        };
        let front = meta.apply(Some("乙办法"), |title| FrontMatter {
            title: title.map(str::to_string),
            date: Some("2019-05-06".into()),
            ..FrontMatter::default()
        });
        assert_eq!(front.title.as_deref(), Some("乙办法"));
        assert_eq!(front.date.as_deref(), Some("2019-05-06"));
        assert_eq!(front.issuer.as_deref(), Some("甲局"));
        assert_eq!(front.doc_number.as_deref(), Some("甲发〔2020〕1号"));
    }

    #[test]
    fn the_information_table_gives_number_date_and_issuer() {
        let around = [
            "索引号： 11440100/2021-00012 主题分类： 民政",
            "文　　号：某府办规〔2021〕19号",
            "发文机关：",
            "某市人民政府办公厅",
            "成文日期： 2021-12-01 发布日期： 2021-12-10",
        ];
        let meta = WebMeta::read(&[], around);
        assert_eq!(meta.number.as_deref(), Some("某府办规〔2021〕19号"));
        assert_eq!(meta.date.as_deref(), Some("2021-12-01"));
        assert_eq!(meta.issuer.as_deref(), Some("某市人民政府办公厅"));
    }
}
