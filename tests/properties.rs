//! Property tests: the lossless invariant on generated documents, and the same structure whatever
//! the encoding or line ends.

use std::path::Path;

use proptest::prelude::*;
use zhengce::model::{Document, Encoding};
use zhengce::parse::parse_text;
use zhengce::source::decode;

const CN: [&str; 12] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "二十"];
const WORDS: [&str; 14] = [
    "联盟",
    "企业",
    "應當",
    "具备",
    "条件",
    "科技部",
    "负责",
    "产学研",
    "知识产权",
    "不少于10家",
    "2016年4月21日",
    "《关于推动联盟的办法》",
    "（国科发政〔2009〕648号）",
    "第五条第（一）项",
];
const SPACES: [&str; 5] = ["", " ", "　", "\t", "  "];
const ENDS: [&str; 4] = ["", "。", "：", "；"];

fn line() -> impl Strategy<Value = String> {
    let label = prop_oneof![
        Just(String::new()),
        (0..CN.len()).prop_map(|i| format!("第{}条 ", CN[i])),
        (0..CN.len()).prop_map(|i| format!("第{}章 ", CN[i])),
        (0..CN.len()).prop_map(|i| format!("{}、", CN[i])),
        (0..CN.len()).prop_map(|i| format!("（{}）", CN[i])),
        (1..12u32).prop_map(|n| format!("{n}.")),
        (1..5u32).prop_map(|n| format!("({n})")),
        (1..3u32).prop_map(|n| format!("附件{n}")),
        Just("基本介紹".to_string()),
        Just("## ".to_string()),
    ];
    (0..SPACES.len(), label, proptest::collection::vec(0..WORDS.len(), 0..6), 0..ENDS.len()).prop_map(
        |(space, label, words, end)| {
            let body: String = words.iter().map(|&w| WORDS[w]).collect();
            format!("{}{}{}{}", SPACES[space], label, body, if body.is_empty() { "" } else { ENDS[end] })
        },
    )
}

fn document() -> impl Strategy<Value = String> {
    proptest::collection::vec(line(), 1..40).prop_map(|lines| lines.join("\n"))
}

/// Markup a web page puts around and between the words of a line.
const INLINE: [&str; 7] =
    ["", "<span style=\"font-family: 宋体\">", "</span>", "<strong>", "&nbsp;", "<!-- x -->", "<a href=\"#\">"];
const BLOCKS: [&str; 6] = ["<p>", "</p>\n<p>", "<br>", "<div class=\"c\">", "</td><td>", "\n"];

/// A generated document as a web page: each line in a block, markup between its characters.
fn page() -> impl Strategy<Value = String> {
    let line =
        (line(), proptest::collection::vec(0..INLINE.len(), 0..8), 0..BLOCKS.len()).prop_map(|(text, marks, block)| {
            let chars: Vec<char> = text.chars().collect();
            let mut out = BLOCKS[block].to_string();
            for (i, c) in chars.iter().enumerate() {
                if let Some(&m) = marks.get(i % 8).filter(|_| i % 3 == 0) {
                    out.push_str(INLINE[m]);
                }
                out.push(*c);
            }
            out
        });
    proptest::collection::vec(line, 1..30).prop_map(|lines| {
        format!(
            "<html><head><script>var a = 1 < 2;</script></head><body><table><tr><td>{}</td></tr></table></body></html>",
            lines.concat()
        )
    })
}

/// Pieces of broken HTML: unterminated tags, comments and references, stray brackets.
const SOUP: [&str; 24] = [
    "<",
    ">",
    "</",
    "<!--",
    "-->",
    "<!",
    "&",
    "&#",
    "&#x3000;",
    "&nbsp",
    ";",
    "\"",
    "'",
    "=",
    "<p",
    "</p>",
    "<script>",
    "</script",
    "<td>",
    "<br/>",
    "第一条",
    "为了规范管理，",
    "\n",
    "　",
];

fn parse(text: &str) -> Document {
    parse_text(Path::new("generated.txt"), text.to_string(), Encoding::Utf8)
}

/// The structure with offsets left out: IDs, kinds and own texts in order.
fn shape(doc: &Document) -> Vec<(String, &'static str, String)> {
    doc.all_units().iter().map(|u| (u.id.to_string(), u.kind.as_str(), doc.own_text(u))).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn generated_documents_are_lossless(text in document()) {
        let doc = parse(&text);
        prop_assert!(doc.check_lossless().is_ok(), "{:?}", doc.check_lossless());
    }

    #[test]
    fn generated_pages_are_lossless_and_units_show_no_markup(html in page()) {
        let doc = parse_text(Path::new("generated.html"), html, Encoding::Utf8);
        prop_assert!(doc.check_lossless().is_ok(), "{:?}", doc.check_lossless());
        for unit in doc.all_units() {
            let label = unit.label.map(|l| doc.text_of(l).into_owned()).unwrap_or_default();
            let shown = format!("{label}{}", doc.own_text(unit));
            prop_assert!(!shown.contains('<') && !shown.contains("&nbsp;"), "{}: {}", unit.id, shown);
        }
    }

    #[test]
    fn any_markup_soup_is_lossless(soup in proptest::collection::vec(0..SOUP.len(), 0..300)) {
        let html: String = std::iter::once("<html><body>").chain(soup.iter().map(|&i| SOUP[i])).collect();
        let doc = parse_text(Path::new("soup.html"), html, Encoding::Utf8);
        prop_assert!(doc.check_lossless().is_ok(), "{:?}", doc.check_lossless());
    }

    #[test]
    fn line_ends_do_not_change_the_structure(text in document()) {
        let lf = parse(&text);
        for end in ["\r\n", "\r"] {
            let other = parse(&text.replace('\n', end));
            prop_assert!(other.check_lossless().is_ok());
            prop_assert_eq!(shape(&lf), shape(&other));
        }
    }

    #[test]
    fn encodings_do_not_change_the_structure(text in document()) {
        // An empty file is refused whatever its encoding (tests/hostile.rs).
        prop_assume!(!text.is_empty());
        let utf8 = parse(&text);
        let (gb, _, _) = encoding_rs::GB18030.encode(&text);
        let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let utf16_bom = [&[0xff, 0xfe][..], &utf16].concat();
        let utf8_bom = [&b"\xef\xbb\xbf"[..], text.as_bytes()].concat();
        for bytes in [gb.into_owned(), utf16_bom, utf8_bom] {
            let decoded = decode(Path::new("generated.txt"), &bytes);
            prop_assert!(decoded.is_ok(), "{:?}", decoded);
            let decoded = decoded.unwrap();
            prop_assert_eq!(&decoded.text, &text);
            let other = parse_text(Path::new("generated.txt"), decoded.text, decoded.encoding);
            prop_assert_eq!(shape(&utf8), shape(&other));
        }
    }
}

#[test]
fn corpus_documents_reencoded_parse_the_same() {
    for entry in std::fs::read_dir("corpus").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let original = parse(&text);
        let (gb, _, unmappable) = encoding_rs::GB18030.encode(&text);
        assert!(!unmappable);
        let decoded = decode(&path, &gb).unwrap();
        assert_eq!(decoded.encoding, Encoding::Gb18030);
        assert_eq!(shape(&original), shape(&parse(&decoded.text)), "{}", path.display());
        let crlf = parse(&text.replace('\n', "\r\n"));
        assert_eq!(shape(&original), shape(&crlf), "{}", path.display());
        crlf.check_lossless().unwrap();
    }
}
