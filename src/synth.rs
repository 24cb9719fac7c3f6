//! A deterministic synthetic corpus for benchmarks: N local measures derived from a national one
//! the way drafting offices do it — keep and edit a share of the national articles, add local
//! articles with thresholds, renumber, vary punctuation, brackets and script, add web noise.

use std::path::Path;

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::error::{Error, Result};
use crate::model::{Document, UnitKind};

/// Places the synthetic measures are issued in (province, city, number prefix).
const PLACES: [(&str, &str, &str); 12] = [
    ("河北省", "石家庄市", "石"),
    ("山东省", "济南市", "济"),
    ("江苏省", "南京市", "宁"),
    ("浙江省", "宁波市", "甬"),
    ("广东省", "佛山市", "佛"),
    ("湖北省", "襄阳市", "襄"),
    ("四川省", "绵阳市", "绵"),
    ("陕西省", "宝鸡市", "宝"),
    ("河南省", "洛阳市", "洛"),
    ("湖南省", "株洲市", "株"),
    ("安徽省", "芜湖市", "芜"),
    ("福建省", "泉州市", "泉"),
];

/// Local clauses added to kept articles.
const LOCAL_CLAUSES: [&str; 6] = [
    "结合本市产业发展实际",
    "由市科技行政主管部门统筹推进",
    "优先支持战略性新兴产业领域",
    "并纳入年度重点工作考核",
    "各县（市、区）应当积极配合",
    "鼓励社会资本参与",
];

/// Local articles with thresholds, `{}` filled with numbers.
const LOCAL_ARTICLES: [&str; 5] = [
    "申报联盟的成员单位总数应不少于{a}家，其中企业成员占比例应不低于{b}%。",
    "对认定的联盟，经评审可给予{a}-{c}万元运行经费补贴。",
    "联盟应已成立{d}个月以上，并有明确的技术创新目标。",
    "联盟认定有效期为{e}年，期满后重新认定。",
    "市财政每年安排不超过{c}万元专项资金支持联盟建设。",
];

const NOISE_TOP: [&str; 3] =
    ["首页 > 政策法规 > 正文", "来源：市科技局  发布时间：2019-03-01  点击数：236", "【字体：大 中 小】"];
const NOISE_BOTTOM: [&str; 4] =
    ["相关链接", "联系我们", "地址：市民中心东楼 电话：0311-12345678", "Copyright © 2019 版权所有 ICP备12345678号"];

fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => format!("{}十{}", DIGITS[n / 10], if n.is_multiple_of(10) { "" } else { DIGITS[n % 10] }),
        _ => n.to_string(),
    }
}

/// The national articles' texts, each with its own lines (items) after the first.
fn national_articles(national: &Document) -> Vec<Vec<String>> {
    national
        .all_units()
        .into_iter()
        .filter(|u| u.kind == UnitKind::Article)
        .map(|article| {
            let mut lines = vec![mainland(national, &national.own_text_spans(article))];
            for child in &article.children {
                let label = child.label.map_or(String::new(), |l| national.slice(l).to_string());
                let span = crate::model::Span::new(child.label.map_or(child.span.start, |l| l.end), child.span.end);
                lines.push(format!("{label}{}", mainland(national, &[span])));
            }
            lines
        })
        .collect()
}

/// The text of some spans in mainland simplified script, on one line.
fn mainland(doc: &Document, spans: &[crate::model::Span]) -> String {
    spans.iter().map(|s| crate::normalize::display(&doc.text, *s, doc.script).text.replace(['\n', '\r'], "")).collect()
}

/// Edits a sentence the way a local drafting office does: rename the level, drop or add a clause.
fn edit(text: &str, city: &str, rng: &mut ChaCha8Rng) -> String {
    let mut out = text.replace("国家", "本市").replace("科技部", &format!("{city}科技局"));
    let clauses: Vec<&str> = out.split('，').collect();
    if clauses.len() > 2 && rng.random_bool(0.3) {
        let drop = rng.random_range(1..clauses.len());
        out = clauses.iter().enumerate().filter(|(i, _)| *i != drop).map(|(_, c)| *c).collect::<Vec<_>>().join("，");
    }
    if rng.random_bool(0.4) {
        let clause = LOCAL_CLAUSES.choose(rng).copied().unwrap_or_default();
        out = match out.find('，') {
            Some(at) => format!("{}，{clause}{}", &out[..at], &out[at..]),
            None => format!("{clause}，{out}"),
        };
    }
    out
}

/// Punctuation and brackets as some offices type them.
fn vary_punctuation(text: &str, rng: &mut ChaCha8Rng) -> String {
    if rng.random_bool(0.5) {
        text.replace('，', ",").replace('（', "(").replace('）', ")").replace('：', ":")
    } else {
        text.to_string()
    }
}

/// One local measure.
fn local_measure(national: &Document, articles: &[Vec<String>], index: usize, rng: &mut ChaCha8Rng) -> String {
    let (province, city, prefix) = PLACES[index % PLACES.len()];
    let year = 2010 + rng.random_range(0..12);
    let title =
        national.front.title.clone().unwrap_or_else(|| "关于推动产业技术创新战略联盟构建与发展的实施办法".to_string());
    let number = format!("{prefix}科发〔{year}〕{}号", rng.random_range(1..200));
    let mut lines = Vec::new();
    if rng.random_bool(0.4) {
        lines.extend(NOISE_TOP.iter().map(|s| s.to_string()));
    }
    lines.push(format!("{city}推进产业技术创新战略联盟建设实施办法"));
    lines.push(if rng.random_bool(0.5) { number.clone() } else { format!("（{number}）") });
    lines.push(format!("各县（市、区）科技局，{province}有关单位："));
    let cited = national.front.doc_number.clone().unwrap_or_else(|| "国科发政〔2009〕648号".to_string());
    let bracket = if rng.random_bool(0.5) { cited.clone() } else { cited.replace('〔', "[").replace('〕', "]") };
    lines.push(format!("为贯彻落实《{title}》（{bracket}），结合本市实际，制定本办法。"));
    let mut number_of_article = 0;
    let mut article = |lines: &mut Vec<String>, body: &str| {
        number_of_article += 1;
        lines.push(format!("第{}条 {body}", chinese_number(number_of_article)));
    };
    for national_article in articles {
        if !rng.random_bool(0.7) {
            continue;
        }
        let body = edit(&national_article[0], city, rng);
        article(&mut lines, &vary_punctuation(&body, rng));
        for item in &national_article[1..] {
            if rng.random_bool(0.85) {
                lines.push(vary_punctuation(&edit(item, city, rng), rng));
            }
        }
        if rng.random_bool(0.15) {
            let template = LOCAL_ARTICLES.choose(rng).copied().unwrap_or_default();
            let filled = template
                .replace("{a}", &rng.random_range(5..20).to_string())
                .replace("{b}", &rng.random_range(40..80).to_string())
                .replace("{c}", &(rng.random_range(3..10) * 10).to_string())
                .replace("{d}", &rng.random_range(3..13).to_string())
                .replace("{e}", &rng.random_range(2..6).to_string());
            article(&mut lines, &filled);
        }
    }
    article(&mut lines, &format!("本办法由{city}科技局负责解释，自发布之日起施行。"));
    lines.push(format!("{year}年{}月{}日", rng.random_range(1..13), rng.random_range(1..29)));
    if rng.random_bool(0.4) {
        lines.extend(NOISE_BOTTOM.iter().map(|s| s.to_string()));
    }
    let text = lines.join(if rng.random_bool(0.2) { "\r\n" } else { "\n" }) + "\n";
    match traditional().filter(|_| rng.random_bool(0.1)) {
        Some(cc) => cc.convert(&text),
        None => text,
    }
}

/// OpenCC s2t, for the share of measures published in traditional script.
fn traditional() -> Option<&'static ferrous_opencc::OpenCC> {
    static CELL: std::sync::OnceLock<Option<ferrous_opencc::OpenCC>> = std::sync::OnceLock::new();
    CELL.get_or_init(|| ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::S2t).ok()).as_ref()
}

/// Writes `count` local measures derived from `national` into `out` (with a copy of the national
/// document as `national.txt`); the same seed gives the same files.
pub fn generate(national: &Document, count: usize, seed: u64, out: &Path) -> Result<()> {
    std::fs::create_dir_all(out).map_err(|e| Error::Io { path: out.to_path_buf(), source: e })?;
    let articles = national_articles(national);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let write = |name: String, text: &str| {
        let path = out.join(name);
        std::fs::write(&path, text).map_err(|e| Error::Io { path, source: e })
    };
    write("national.txt".to_string(), &national.text)?;
    for i in 0..count {
        write(format!("local-{i:05}.txt"), &local_measure(national, &articles, i, &mut rng))?;
    }
    Ok(())
}
