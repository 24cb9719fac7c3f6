//! Documents as they are published: government web pages, Word drafts and PDFs parse like the text
//! they show, with exact offsets and every byte accounted for.

use std::path::{Path, PathBuf};

use zhengce::model::{Encoding, Format, NoiseKind, UnitKind};
use zhengce::parse::{parse_file, parse_text};
use zhengce::Document;

const MAX: u64 = 64 * 1024 * 1024;

fn parse(path: &str) -> Document {
    parse_file(Path::new(path), MAX).unwrap_or_else(|e| panic!("{e}"))
}

fn count(doc: &Document, kind: UnitKind) -> usize {
    doc.all_units().iter().filter(|u| u.kind == kind).count()
}

/// Every unit as (ID, kind, label, heading, own text): what two parses of one text must share.
fn units(doc: &Document) -> Vec<(String, &'static str, String, String, String)> {
    doc.all_units()
        .iter()
        .map(|u| {
            let label = u.label.map(|l| doc.text_of(l).trim().to_string()).unwrap_or_default();
            let heading = u.heading.map(|h| doc.text_of(h).to_string()).unwrap_or_default();
            (u.id.to_string(), u.kind.as_str(), label, heading, doc.own_text(u))
        })
        .collect()
}

/// True when a unit's text, label or heading shows any HTML.
fn shows_markup(doc: &Document) -> Option<String> {
    let markup = regex::Regex::new(r"<[a-zA-Z/!?]|&nbsp;|&#").unwrap();
    units(doc).into_iter().find_map(|(id, _, label, heading, text)| {
        let all = format!("{label}{heading}{text}");
        markup.is_match(&all).then(|| format!("{id}: {all}"))
    })
}

/// The ten government pages of `tests/fixtures/html` (see its SOURCES.md): title, number and date
/// as the document states them (the page's metadata where it states none), and its articles.
type Expected = (&'static str, &'static str, Option<&'static str>, Option<&'static str>, usize);

/// Page, title, number, date, articles.
const PAGES: [Expected; 10] = [
    ("02_积分入学指引_2026.html", "2026年广州市天河区积分制入学学位申请指引", None, Some("2026-06-25"), 0),
    (
        "08_家庭医生实施方案_穗卫函2023-1930号.html",
        "广州市卫生健康委等4部门关于印发推进广州市家庭医生签约服务高质量发展实施方案的通知",
        Some("穗卫函〔2023〕1930号"),
        Some("2023-10-19"),
        0,
    ),
    ("12_天河人才公寓申请公告_2025.html", "关于受理天河区人才公寓申请的公告", None, Some("2025-08-11"), 0),
    ("15_创业担保贷款常见问题_2025.html", "创业担保贷款常见问题", None, Some("2025-11-18"), 0),
    (
        "18_广州就业见习基地管理办法_穗人社规字2019-6号.html",
        "广州市人力资源和社会保障局广州市财政局关于印发广州市就业见习基地管理办法的通知",
        Some("穗人社规字〔2019〕6号"),
        Some("2019-10-09"),
        23,
    ),
    ("20b_广州劳动仲裁服务指南_目录.html", "仲裁公告", None, None, 0),
    (
        "26_最低生活保障及相关社会救助标准通知_穗民规字2025-2号.html",
        "广州市民政局广州市财政局关于印发我市2025年最低生活保障及相关社会救助标准的通知",
        Some("穗民规字〔2025〕2号"),
        Some("2025-05-30"),
        0,
    ),
    (
        "29_广州市临时救助实施细则_穗府办规2021-19号.html",
        "广州市人民政府办公厅关于印发广州市临时救助实施细则的通知",
        Some("穗府办规〔2021〕19号"),
        Some("2021-12-01"),
        18,
    ),
    (
        "31_居家社区养老服务管理办法_穗府办规2022-13号.html",
        "广州市人民政府办公厅关于印发广州市居家社区养老服务管理办法的通知",
        Some("穗府办规〔2022〕13号"),
        Some("2022-09-06"),
        52,
    ),
    ("37_市场主体登记管理条例_国务院令746号.html", "中华人民共和国市场主体登记管理条例", None, None, 55),
];

#[test]
fn government_pages_give_title_number_date_and_articles() {
    for (file, title, number, date, articles) in PAGES {
        let doc = parse(&format!("tests/fixtures/html/{file}"));
        assert_eq!(doc.format, Format::Html);
        assert_eq!(doc.front.title.as_deref(), Some(title), "{file}");
        assert_eq!(count(&doc, UnitKind::Article), articles, "{file}");
        if !file.starts_with("37_") {
            assert_eq!(doc.front.doc_number.as_deref(), number, "{file}");
            assert_eq!(doc.front.date.as_deref(), date, "{file}");
        }
    }
}

/// A State Council order states its number and date only in the bracketed line under its title
/// (`（2021年7月27日中华人民共和国国务院令第746号公布）`), which front-matter inference does not read yet.
#[test]
fn a_state_council_order_gives_its_number_and_date() {
    let doc = parse("tests/fixtures/html/37_市场主体登记管理条例_国务院令746号.html");
    assert_eq!(doc.front.doc_number.as_deref(), Some("国务院令第746号"));
    assert_eq!(doc.front.date.as_deref(), Some("2021-07-27"));
}

#[test]
fn government_pages_are_lossless_and_no_unit_shows_markup() {
    for (file, ..) in PAGES {
        let doc = parse(&format!("tests/fixtures/html/{file}"));
        doc.check_lossless().unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(shows_markup(&doc), None, "{file}");
        let bytes = std::fs::read(format!("tests/fixtures/html/{file}")).unwrap();
        assert_eq!(doc.text.as_bytes(), bytes, "{file}: the text is the page as published");
    }
}

#[test]
fn page_navigation_scripts_and_footers_are_boilerplate() {
    let doc = parse("tests/fixtures/html/29_广州市临时救助实施细则_穗府办规2021-19号.html");
    let boilerplate_text = |kind: NoiseKind| -> String {
        doc.boilerplate.iter().filter(|b| b.kind == kind).map(|b| doc.slice(b.span)).collect::<Vec<_>>().join("\n")
    };
    let web = boilerplate_text(NoiseKind::WebPage);
    assert!(web.contains("分享") && web.contains("网站地图"), "{web}");
    let markup = boilerplate_text(NoiseKind::Markup);
    assert!(markup.contains("<script") && markup.contains("</div>"));
    let units_text: String = units(&doc).into_iter().map(|u| u.4).collect();
    assert!(!units_text.contains("网站地图") && !units_text.contains("function"));
    // A label split by inline markup (`第一条&nbsp;</span></strong><span>为完善…`) is the label.
    let art1 = doc.find(&zhengce::UnitId::parse("art1").unwrap()).unwrap();
    assert_eq!(doc.text_of(art1.label.unwrap()), "第一条");
    assert!(doc.own_text(art1).starts_with("为完善广州市社会救助体系"));
}

#[test]
fn inline_markup_inside_a_label_or_number_does_not_break_it() {
    let doc = parse("tests/fixtures/html/08_家庭医生实施方案_穗卫函2023-1930号.html");
    let item = doc.find(&zhengce::UnitId::parse("s2/i1/n2").unwrap()).expect("2. 不断优化签约服务团队");
    assert_eq!(doc.text_of(item.label.unwrap()), "2.");
    assert!(doc.own_text(item).starts_with("不断优化签约服务团队。"), "{}", doc.own_text(item));
}

/// A core document wrapped in a portal page: navigation, share bar, scripts, related links, footer.
fn wrap_in_page(title: &str, text: &str, charset: &str) -> String {
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let body: String = text
        .lines()
        .map(|line| if line.trim().is_empty() { "<br>\n".to_string() } else { format!("<p>{}</p>\n", escape(line)) })
        .collect();
    let links: String =
        (1..=6).map(|i| format!("<li><a href=\"/news/{i}.html\">关于做好第{i}批项目申报工作的通知</a></li>")).collect();
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"{charset}\"><title>{title} - 某某市人民政府门户网站</title>\n\
         <style>body {{ font-size: 16px }} .nav > li {{ float: left }}</style>\n\
         <script>var menu = \"<div>首页</div>\"; if (a < b && c > d) {{ show(); }}</script></head>\n\
         <body><div class=\"top\"><ul class=\"nav\"><li><a href=\"/\">首页</a></li><li><a href=\"/zwgk/\">政务公开</a></li>\
         <li><a href=\"/bsfw/\">办事服务</a></li><li><a href=\"/hdjl/\">互动交流</a></li></ul>\
         <div class=\"crumb\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政务公开</a></div></div>\n\
         <div class=\"share\">分享到：<a>微信</a><a>微博</a> <a href=\"javascript:window.print()\">打印</a></div>\n\
         <div class=\"main\"><div class=\"article-body\">\n{body}</div></div>\n\
         <div class=\"related\"><h3>相关文章</h3><ul>{links}</ul></div>\n\
         <div class=\"footer\"><p>主办：某某市人民政府办公厅 网站标识码：1234567890</p>\
         <script src=\"/js/stat.js\"></script><!-- 统计代码 --></div></body></html>\n"
    )
}

/// The same document in an older portal: a layout table with a menu column, lines broken by
/// `<br>` in the content cell, an information table above it.
fn wrap_in_layout_table(title: &str, text: &str) -> String {
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let body: String = text.lines().map(|line| format!("{}<br>\n", escape(line))).collect();
    let menu: String = ["机构概况", "政策法规", "通知公告", "办事指南", "专题专栏", "联系我们"]
        .iter()
        .map(|m| format!("<tr><td><a href=\"/{m}/\">{m}</a></td></tr>"))
        .collect();
    format!(
        "<html><head><META http-equiv=Content-Type content=\"text/html; charset=utf-8\"><title>{title}</title>\n\
         <SCRIPT language=javascript>function openWin(u) {{ window.open(u, '_blank'); }}</SCRIPT></head>\n\
         <body><table width=\"100%\"><tr><td colspan=2><img src=\"/banner.jpg\"></td></tr>\n\
         <tr><td width=\"200\" valign=top><table>{menu}</table></td>\n\
         <td valign=top><table class=info><tr><td>索引号：</td><td>11130600/2018-00018</td><td>主题分类：</td><td>科技</td></tr>\
         <tr><td>发布机构：</td><td>市政府办公厅</td><td>发布日期：</td><td>2018-09-20</td></tr></table>\n\
         <table><tr><td class=content>\n{body}</td></tr></table></td></tr>\n\
         <tr><td colspan=2 align=center>版权所有 某某市人民政府 地址：某某市某某路1号 电话：0312-1234567</td></tr></table></body></html>\n"
    )
}

fn core_documents() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir("corpus")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 5);
    paths
}

#[test]
fn a_core_document_in_a_portal_page_parses_as_its_text() {
    for path in core_documents() {
        let text = std::fs::read_to_string(&path).unwrap();
        let plain = parse_file(&path, MAX).unwrap();
        let title = plain.front.title.clone().unwrap_or_default();
        let page = parse_text(Path::new("page.html"), wrap_in_page(&title, &text, "utf-8"), Encoding::Utf8);
        assert_eq!(page.format, Format::Html, "{}", path.display());
        page.check_lossless().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(units(&page), units(&plain), "{}", path.display());
        assert_eq!(page.front, plain.front, "{}", path.display());
        assert_eq!(shows_markup(&page), None);
        let table = parse_text(Path::new("page.htm"), wrap_in_layout_table(&title, &text), Encoding::Utf8);
        table.check_lossless().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(units(&table), units(&plain), "{} in a layout table", path.display());
        // The information table names the publishing body, which fills an issuer the text lacks.
        let mut expected = plain.front.clone();
        expected.issuer = expected.issuer.or(Some("市政府办公厅".to_string()));
        assert_eq!(table.front, expected, "{} in a layout table", path.display());
    }
}

#[test]
fn a_gbk_page_is_decoded_by_its_meta_charset() {
    let path = Path::new("corpus/baoding-2018-18.txt");
    let plain = parse_file(path, MAX).unwrap();
    let html = wrap_in_page("保定市推进产业创新战略联盟建设实施办法", &std::fs::read_to_string(path).unwrap(), "gbk");
    let (bytes, _, _) = encoding_rs::GBK.encode(&html);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("page.htm");
    std::fs::write(&file, &bytes).unwrap();
    let page = parse_file(&file, MAX).unwrap();
    assert_eq!(page.encoding, Encoding::Gb18030);
    assert_eq!(page.text, html);
    assert_eq!(units(&page), units(&plain));
}

/// A national portal's layout: the document information table above the text, the title in a
/// heading of its own, the text stating neither number nor date.
#[test]
fn the_information_table_fills_what_the_text_does_not_state() {
    let html = r#"<!DOCTYPE html><html><head><meta charset="utf-8">
<title>国务院办公厅关于加强某某工作的通知_政府信息公开_某某政府网</title>
<meta name="ArticleTitle" content="国务院办公厅关于加强某某工作的通知">
<meta name="PubDate" content="2021-03-01 17:00"><meta name="ContentSource" content="某某政府网"></head>
<body><div class="header"><a href="/">首页</a> | <a href="/zhengce/">政策</a> | <a href="/hudong/">互动</a></div>
<table class="bd1"><tr><td><b>索 引 号：</b></td><td>000014349/2021-00012</td><td><b>主题分类：</b></td><td>综合政务</td></tr>
<tr><td><b>发文机关：</b></td><td>国务院办公厅</td><td><b>成文日期：</b></td><td>2021年02月20日</td></tr>
<tr><td><b>标　　题：</b></td><td colspan="3">国务院办公厅关于加强某某工作的通知</td></tr>
<tr><td><b>发文字号：</b></td><td>国办发〔2021〕5号</td><td><b>发布日期：</b></td><td>2021年03月01日</td></tr></table>
<div class="pages-title">国务院办公厅关于加强某某工作的通知</div>
<div class="pages_content" id="UCAP-CONTENT">
<p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：</p>
<p>　　为进一步加强某某工作，提高工作质量和效率，经国务院同意，现就有关事项通知如下：</p>
<p>　　一、提高认识。各地区、各部门要充分认识做好某某工作的重要意义，切实加强组织领导。</p>
<p>　　二、明确责任。各地区要落实属地责任，各部门要按照职责分工抓好落实，形成工作合力。</p>
<p>　　三、强化保障。各地区、各部门要加强经费和人员保障，确保各项任务落到实处。</p>
</div><div class="share">分享到：<a>微信</a><a>微博</a></div>
<div class="footer">版权所有：某某政府网 网站标识码bm01000001</div></body></html>"#;
    let doc = parse_text(Path::new("page.htm"), html.to_string(), Encoding::Utf8);
    doc.check_lossless().unwrap();
    assert_eq!(doc.front.title.as_deref(), Some("国务院办公厅关于加强某某工作的通知"));
    assert_eq!(doc.front.doc_number.as_deref(), Some("国办发〔2021〕5号"));
    assert_eq!(doc.front.date.as_deref(), Some("2021-02-20"));
    assert_eq!(doc.front.jurisdiction.as_deref(), Some("全国"));
    assert_eq!(count(&doc, UnitKind::Heading), 3);
    assert_eq!(shows_markup(&doc), None);
}

#[test]
fn a_republished_pages_mark_is_not_part_of_the_title() {
    let html = "<html><head><title>（转载）某市人民政府关于印发某某办法的通知-某市网站</title>\
        <meta name=\"SiteName\" content=\"某市网站\"><meta name=\"PubDate\" content=\"2024-03-05 10:00\"></head>\
        <body><div><p>为了规范管理，根据有关规定，结合本市实际，制定本办法。</p><p>本办法适用于本市行政区域内的有关活动，由市有关部门负责组织实施。本办法自印发之日起施行。</p></div></body></html>";
    let doc = parse_text(Path::new("stdin:1"), html.to_string(), Encoding::Utf8);
    assert_eq!(doc.front.title.as_deref(), Some("某市人民政府关于印发某某办法的通知"));
    assert_eq!(doc.front.date.as_deref(), Some("2024-03-05"));
    assert_eq!(doc.front.issuer.as_deref(), Some("某市人民政府"));
    doc.check_lossless().unwrap();
}

#[test]
fn batch_takes_page_text_and_paths_of_drafts_and_pdfs() {
    use std::io::Write;
    let text = std::fs::read_to_string("corpus/baoding-2018-18.txt").unwrap();
    let page = wrap_in_page("保定市推进产业创新战略联盟建设实施办法", &text, "utf-8");
    let lines = [
        serde_json::json!({"id": "page", "text": page}),
        serde_json::json!({"id": "docx", "path": "tests/fixtures/docx/baoding-auto.docx"}),
        serde_json::json!({"id": "pdf", "path": "tests/fixtures/pdf/baoding.pdf"}),
    ];
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(["batch", "--national", "corpus/most-2009-648.txt"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for line in &lines {
        writeln!(stdin, "{line}").unwrap();
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let results: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(results.len(), 3);
    for result in results {
        assert_eq!(result["doc_number"], "保政办发〔2018〕18号", "{}", result["id"]);
        assert_eq!(result["title"], "保定市推进产业创新战略联盟建设实施办法", "{}", result["id"]);
    }
}

#[test]
fn a_typed_word_draft_parses_as_its_text() {
    let plain = parse("corpus/baoding-2018-18.txt");
    let docx = parse("tests/fixtures/docx/baoding-typed.docx");
    assert_eq!(docx.format, Format::Docx);
    docx.check_lossless().unwrap();
    assert_eq!(units(&docx), units(&plain));
    assert_eq!(docx.front, plain.front);
    assert_eq!(docx.tracked_changes, None);
}

#[test]
fn automatic_numbering_reads_as_the_labels_a_reader_sees() {
    let typed = parse("tests/fixtures/docx/baoding-typed.docx");
    let auto = parse("tests/fixtures/docx/baoding-auto.docx");
    auto.check_lossless().unwrap();
    assert_eq!(units(&auto), units(&typed));
    assert_eq!((count(&auto, UnitKind::Chapter), count(&auto, UnitKind::Article)), (5, 18));
    // Items restart at （一） in every article: a new list instance with a start override.
    let first_items: Vec<String> = auto
        .all_units()
        .iter()
        .filter(|u| u.kind == UnitKind::Item && u.id.0.last().unwrap().segment == zhengce::model::Segment::Item(1))
        .map(|u| auto.text_of(u.label.unwrap()).into_owned())
        .collect();
    assert_eq!(first_items, ["（一）"; 4]);
}

#[test]
fn tracked_changes_read_as_accepted_and_are_reported() {
    let doc = parse("tests/fixtures/docx/tracked.docx");
    assert_eq!(doc.tracked_changes, Some(zhengce::model::TrackedChanges { insertions: 2, deletions: 2 }));
    assert!(doc.text.contains("第一条 为引导企业加大研发投入") && doc.text.contains("不超过20万元"), "{}", doc.text);
    assert!(!doc.text.contains("鼓励") && !doc.text.contains("10万元"));
    let json = zhengce::json::document(&doc);
    assert_eq!(json["tracked_changes"], serde_json::json!({"insertions": 2, "deletions": 2}));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(["parse", "tests/fixtures/docx/tracked.docx"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.contains("tracked.docx: warning: 2 tracked insertions"), "{stderr}");
}

#[test]
fn binary_word_and_broken_files_get_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let mut ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".to_vec();
    ole.extend([0u8; 512]);
    let err = parse_file(&write("draft.doc", &ole), MAX).unwrap_err().to_string();
    assert!(err.contains("draft.doc") && err.contains("save it as .docx"), "{err}");
    let err = parse_file(&write("draft.docx", b"PK\x03\x04 not really"), MAX).unwrap_err().to_string();
    assert!(err.contains("draft.docx: cannot read the Word document"), "{err}");
    let err = parse_file(&write("notice.pdf", b"%PDF-1.4 broken"), MAX).unwrap_err().to_string();
    assert!(err.contains("notice.pdf: cannot read the PDF"), "{err}");
}

#[test]
fn a_pdf_reads_in_order_with_headers_and_page_numbers_as_boilerplate() {
    let plain = parse("corpus/baoding-2018-18.txt");
    let pdf = parse("tests/fixtures/pdf/baoding.pdf");
    assert_eq!(pdf.format, Format::Pdf);
    pdf.check_lossless().unwrap();
    // Spacing is the printer's: compare without spaces.
    let squeeze = |doc: &Document| {
        units(doc)
            .into_iter()
            .map(|(id, kind, label, heading, text)| {
                let s = |t: String| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
                (id, kind, s(label), s(heading), s(text))
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(squeeze(&pdf), squeeze(&plain));
    assert_eq!(pdf.front, plain.front);
    let furniture: Vec<&str> =
        pdf.boilerplate.iter().filter(|b| b.kind == NoiseKind::PageFurniture).map(|b| pdf.slice(b.span)).collect();
    let pages = furniture.len() / 2;
    assert!(pages >= 3, "{furniture:?}");
    assert_eq!(furniture.iter().filter(|t| **t == "保定市人民政府办公厅文件").count(), pages);
    assert!(furniture.contains(&"— 1 —") && furniture.contains(&format!("— {pages} —").as_str()));
}

#[test]
fn a_damaged_pdf_is_an_error_not_a_panic() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(["parse", "tests/fixtures/pdf/damaged.pdf"])
        .env("RUST_BACKTRACE", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.starts_with("zhengce: tests/fixtures/pdf/damaged.pdf: cannot read the PDF"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_scanned_pdf_says_it_has_no_text_layer() {
    let err = parse_file(Path::new("tests/fixtures/pdf/scanned.pdf"), MAX).unwrap_err().to_string();
    assert!(err.contains("scanned.pdf") && err.contains("no text layer") && err.contains("OCR"), "{err}");
}

#[test]
fn a_directory_holds_pages_drafts_and_pdfs() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.html", "b.htm", "c.docx", "d.pdf", "e.txt", "f.png", "README.md"] {
        std::fs::write(dir.path().join(name), b"x").unwrap();
    }
    let names: Vec<String> = zhengce::corpus::files(&[dir.path().to_path_buf()])
        .unwrap()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["a.html", "b.htm", "c.docx", "d.pdf", "e.txt"]);
    let empty = tempfile::tempdir().unwrap();
    let err = zhengce::corpus::files(&[empty.path().to_path_buf()]).unwrap_err().to_string();
    assert!(err.contains(".html") && err.contains(".docx") && err.contains(".pdf"), "{err}");
}

#[test]
fn a_page_outline() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(["parse", "tests/fixtures/html/29_广州市临时救助实施细则_穗府办规2021-19号.html"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    insta::assert_snapshot!("outline_page_29", String::from_utf8(out.stdout).unwrap());
}
