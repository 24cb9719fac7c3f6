//! The HTML report, parsed back: graph SVG, anchors, word-level marks, links that resolve,
//! escaped hostile text.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use scraper::{Html, Selector};
use zhengce::i18n::Lang;
use zhengce::report::{run, Options};
use zhengce::source::DEFAULT_MAX_FILE_SIZE;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zhengce-report-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn report(corpus: &Path, out: &Path) {
    report_in(corpus, out, Lang::En);
}

fn report_in(corpus: &Path, out: &Path, lang: Lang) {
    let options = Options {
        corpus: vec![corpus.to_path_buf()],
        national: None,
        out: out.to_path_buf(),
        max_file_size: DEFAULT_MAX_FILE_SIZE,
        lang,
    };
    let summary = run(&options).unwrap();
    assert!(summary.pages > 0);
}

fn page(path: &Path) -> Html {
    Html::parse_document(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(html_files(&path));
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
    out
}

#[test]
fn corpus_report_has_graph_anchors_marks_and_working_links() {
    let out = temp_dir("corpus");
    report(Path::new("corpus"), &out);
    let index = page(&out.join("index.html"));
    let svg_links = select(&index, "svg a");
    assert_eq!(svg_links.len(), 5, "one linked node per corpus document");
    assert!(select(&index, "svg line").len() >= 10);
    assert!(!select(&index, "table.matrix td.verbatim").is_empty());
    for local in
        ["liaoning-2016-alliance-pilot", "tianjin-binhai-2012-8", "zhejiang-2010-alliance-notice", "baoding-2018-18"]
    {
        let pair = out.join(format!("pairs/most-2009-648--{local}.html"));
        let html = page(&pair);
        assert!(!select(&html, "td ins").is_empty() && !select(&html, "td del").is_empty(), "{local}: ins/del marks");
        assert!(out.join(format!("pairs/most-2009-648--{local}.json")).is_file());
    }
    for export in ["graph.json", "graph.dot", "graph.graphml"] {
        assert!(out.join(export).is_file(), "{export}");
    }
    let national = page(&out.join("docs/most-2009-648.html"));
    let ids: HashSet<String> =
        select(&national, "[id]").iter().map(|e| e.value().attr("id").unwrap().to_string()).collect();
    assert!(ids.contains("art8/i5") && ids.contains("s3") && ids.contains("preamble"));

    // Every relative link leads to a file, and every fragment to an element of that file.
    for file in html_files(&out) {
        let html = page(&file);
        for a in select(&html, "a[href]") {
            let href = a.value().attr("href").unwrap();
            let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
            let target = if path.is_empty() { file.clone() } else { file.parent().unwrap().join(path) };
            assert!(target.is_file(), "{}: broken link {href}", file.display());
            if !fragment.is_empty() {
                let target_html = page(&target);
                let found = select(&target_html, "[id]").iter().any(|e| e.value().attr("id") == Some(fragment));
                assert!(found, "{}: no element {fragment} in {}", file.display(), target.display());
            }
        }
    }
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn hostile_text_comes_out_escaped() {
    let corpus = temp_dir("hostile-in");
    let out = temp_dir("hostile-out");
    std::fs::copy("corpus/most-2009-648.txt", corpus.join("national.txt")).unwrap();
    let hostile = "联盟管理办法<script>alert(1)</script>\n第一条 联盟应由企业、大学和科研机构等多个独立法人组成<img src=x onerror=alert(1)>。\n第二条 \"引号\" & 'apostrophe' </td></table>\n";
    std::fs::write(corpus.join("local<b>.txt"), hostile).unwrap();
    report(&corpus, &out);
    for file in html_files(&out) {
        let html = page(&file);
        assert!(select(&html, "body script").is_empty(), "{}: script element", file.display());
        assert!(select(&html, "img").is_empty(), "{}: img element", file.display());
        let raw = std::fs::read_to_string(&file).unwrap();
        assert!(!raw.contains("<b>.txt"), "{}: markup from a file name", file.display());
    }
    let local = html_files(&out.join("docs")).into_iter().find(|p| p.to_string_lossy().contains("local")).unwrap();
    let text = std::fs::read_to_string(&local).unwrap();
    assert!(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "escaped script text kept");
    assert!(std::fs::read_to_string(out.join("index.html")).unwrap().contains("local&lt;b&gt;.txt"));
    assert!(!local.file_name().unwrap().to_string_lossy().contains(['<', '>']), "sanitised page name");
    std::fs::remove_dir_all(&corpus).unwrap();
    std::fs::remove_dir_all(&out).unwrap();
}
