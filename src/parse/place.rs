//! Places: the administrative divisions of China (`grammar/places.tsv`, GB/T 2260 codes), for
//! reading a jurisdiction and its level from the start of an issuer, a title or a number.
//!
//! A name is only taken as a place when it is a whole division name as written (`浙江省`,
//! `宁波市`, `西湖区`): `城市供水条例` or `人力资源市场` hold 市 but name no place. A lower
//! division must lie inside the one before it (`杭州市西湖区`); a county-level name that several
//! divisions share (朝阳区) is only read after its parent.

use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

use crate::lexicon;
use crate::model::Level;

/// One division.
#[derive(Clone, Copy, Debug)]
struct Division {
    code: u32,
    level: Level,
}

impl Division {
    /// The code of the division one tier up that holds this one, if any.
    fn parent_codes(self) -> [u32; 2] {
        [self.code / 100 * 100, self.code / 10_000 * 10_000]
    }

    fn is_inside(self, outer: Division) -> bool {
        outer.code != self.code && self.parent_codes().contains(&outer.code)
    }
}

struct Gazetteer {
    by_name: HashMap<&'static str, Vec<Division>>,
    /// The longest name, in characters.
    longest: usize,
}

fn gazetteer() -> &'static Gazetteer {
    static CELL: OnceLock<Gazetteer> = OnceLock::new();
    CELL.get_or_init(|| {
        let rows: Vec<(u32, &'static str)> = lexicon::places()
            .iter()
            .filter_map(|line| {
                let (code, name) = line.split_once('\t')?;
                Some((code.parse().ok()?, name.trim()))
            })
            .collect();
        let codes: rustc_hash::FxHashSet<u32> = rows.iter().map(|(c, _)| *c).collect();
        let mut by_name: HashMap<&'static str, Vec<Division>> = HashMap::default();
        for &(code, name) in &rows {
            let level = if code % 10_000 == 0 {
                Level::Provincial
            } else if code % 100 == 0 || !codes.contains(&(code / 100 * 100)) {
                // A prefecture, or a division held directly by its province (the districts of
                // 北京市, a county-level city under a province): one tier below the province.
                Level::Municipal
            } else {
                Level::County
            };
            by_name.entry(name).or_default().push(Division { code, level });
        }
        let longest = by_name.keys().map(|n| n.chars().count()).max().unwrap_or(0);
        Gazetteer { by_name, longest }
    })
}

/// The longest division name at the start of `text` that `fits` accepts, with its byte length.
fn name_at(text: &str, fits: impl Fn(Division) -> bool) -> Option<(usize, Division)> {
    let g = gazetteer();
    let ends: Vec<usize> = text.char_indices().map(|(i, c)| i + c.len_utf8()).take(g.longest).collect();
    ends.into_iter().rev().find_map(|end| {
        let found: Vec<Division> = g.by_name.get(&text[..end])?.iter().copied().filter(|d| fits(*d)).collect();
        match found[..] {
            [one] => Some((end, one)),
            _ => None,
        }
    })
}

/// The jurisdiction named at the start of `text` (`杭州市西湖区人民政府` → `杭州市西湖区`) and its
/// level, the level of its lowest division.
pub fn jurisdiction(text: &str) -> Option<(String, Level)> {
    let (end, lowest) = longest_place(text)?;
    Some((text[..end].to_string(), lowest.level))
}

/// The longest run of nested division names at the start of `text`: its byte length and lowest
/// division.
fn longest_place(text: &str) -> Option<(usize, Division)> {
    let (mut end, mut lowest) = name_at(text, |_| true)?;
    while let Some((len, inner)) = name_at(&text[end..], |d| d.is_inside(lowest)) {
        end += len;
        lowest = inner;
    }
    Some((end, lowest))
}

/// The suffixes a province or prefecture name is commonly written without (上海 for 上海市).
const SHORT_SUFFIXES: [&str; 4] = ["省", "市", "自治区", "特别行政区"];

/// The province or prefecture a title names at its start in short form (`上海港口条例` →
/// `上海市`), with its level: weaker evidence than a full name, for titles only. Autonomous
/// regions are shortened to their first two characters' name (`广西`), as titles write them.
pub fn short_jurisdiction(text: &str) -> Option<(String, Level)> {
    static SHORT: OnceLock<HashMap<String, (&'static str, Division)>> = OnceLock::new();
    let short = SHORT.get_or_init(|| {
        let mut names: HashMap<String, Vec<(&'static str, Division)>> = HashMap::default();
        for (&name, divisions) in &gazetteer().by_name {
            for &d in divisions.iter().filter(|d| d.level != Level::County && d.code % 100 == 0) {
                let Some(stem) = SHORT_SUFFIXES.iter().find_map(|s| name.strip_suffix(s)) else { continue };
                let stem: String =
                    if name.ends_with("自治区") { stem.chars().take(2).collect() } else { stem.to_string() };
                if stem.chars().count() >= 2 {
                    names.entry(stem).or_default().push((name, d));
                }
            }
        }
        names.into_iter().filter(|(_, v)| v.len() == 1).map(|(k, v)| (k, v[0])).collect()
    });
    let ends: Vec<usize> = text.char_indices().map(|(i, c)| i + c.len_utf8()).skip(1).take(4).collect();
    ends.into_iter().rev().find_map(|end| short.get(&text[..end]).map(|(name, d)| (name.to_string(), d.level)))
}

/// The division a jurisdiction as [`jurisdiction`] writes it names (its lowest division).
fn division(name: &str) -> Option<Division> {
    longest_place(name).filter(|(end, _)| *end == name.len()).map(|(_, lowest)| lowest)
}

/// True when jurisdiction `outer` holds jurisdiction `inner` (`全国` holds every one, `浙江省`
/// holds `宁波市`, a place holds itself).
pub fn contains(outer: &str, inner: &str) -> bool {
    if outer == "全国" || outer == inner {
        return true;
    }
    match (division(outer), division(inner)) {
        (Some(o), Some(i)) => i.is_inside(o) || i.code == o.code,
        _ => inner.starts_with(outer),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_whole_division_names_only() {
        let read = |t: &str| jurisdiction(t).map(|(j, l)| (j, l.as_str()));
        assert_eq!(read("浙江省实施《中华人民共和国节约能源法》办法"), Some(("浙江省".into(), "provincial")));
        assert_eq!(read("北京市人民代表大会常务委员会"), Some(("北京市".into(), "provincial")));
        assert_eq!(read("宁波市市政设施管理条例"), Some(("宁波市".into(), "municipal")));
        assert_eq!(read("天津市滨海新区科委"), Some(("天津市滨海新区".into(), "municipal")));
        assert_eq!(read("浙江省杭州市西湖区人民政府"), Some(("浙江省杭州市西湖区".into(), "county")));
        assert_eq!(read("山东省城市建设管理条例"), Some(("山东省".into(), "provincial")));
        assert_eq!(read("城市供水条例"), None);
        assert_eq!(read("人力资源市场暂行条例"), None);
        // Shared by two districts: only after its parent.
        assert_eq!(read("朝阳区人民政府"), None);
        assert_eq!(read("北京市朝阳区人民政府"), Some(("北京市朝阳区".into(), "municipal")));
    }

    #[test]
    fn short_names_in_titles() {
        let read = |t: &str| short_jurisdiction(t).map(|(j, l)| (j, l.as_str()));
        assert_eq!(read("上海港口条例"), Some(("上海市".into(), "provincial")));
        assert_eq!(read("宁波杭州湾新区条例"), Some(("宁波市".into(), "municipal")));
        assert_eq!(read("广西森林条例"), Some(("广西壮族自治区".into(), "provincial")));
        assert_eq!(read("城市供水条例"), None);
    }

    #[test]
    fn containment() {
        assert!(contains("全国", "宁波市"));
        assert!(contains("浙江省", "宁波市"));
        assert!(contains("天津市", "天津市滨海新区"));
        assert!(!contains("辽宁省", "保定市"));
        assert!(!contains("宁波市", "浙江省"));
    }
}
