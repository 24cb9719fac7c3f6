//! Stage 1, source: read a file and decode it to UTF-8, whatever encoding it came in.
//!
//! Supported: UTF-8 (with or without BOM), UTF-16 (with BOM, or detected from its NUL bytes) and
//! GB18030 (which covers GBK and GB2312). Anything else is an error naming the file.
//!
//! [`load`] also takes the formats documents are published in, told by their first bytes (and,
//! for HTML, by the extension): web pages ([`html`]), Word and WPS drafts ([`docx`]) and PDFs with
//! a text layer ([`pdf`]). A binary Word or WPS file (`.doc`, `.wps`) is an error that says to
//! save it as `.docx`.

pub mod docx;
pub mod html;
pub mod pdf;

use std::borrow::Cow;
use std::fs;
use std::path::Path;

use simdutf8::compat::{from_utf8, Utf8Error};

use crate::error::{BinaryHint, DecodeProblem, Error, Result};
use crate::model::{Boilerplate, Encoding, Format, TrackedChanges};

/// Files larger than this are refused unless the limit is raised.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Text decoded from a file.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The text, byte-order mark removed.
    pub text: String,
    /// What it was decoded from.
    pub encoding: Encoding,
}

/// Text taken out of a binary document (DOCX, PDF): the text a reader sees, which becomes the
/// document's text, so that spans point into it.
#[derive(Clone, Debug)]
pub struct Extracted {
    /// The text, one paragraph (DOCX) or printed line (PDF) to a line.
    pub text: String,
    /// The format it came from.
    pub format: Format,
    /// Spans of `text` whose lines are boilerplate whatever they say (PDF page headers and footers).
    pub regions: Vec<Boilerplate>,
    /// Tracked changes found in a Word document (read as accepted).
    pub tracked_changes: Option<TrackedChanges>,
}

/// A document file, read and decoded according to its format.
#[derive(Clone, Debug)]
pub enum Input {
    /// Plain text or Markdown.
    Text(Decoded),
    /// A web page.
    Html(html::Page),
    /// A Word draft or a PDF.
    Extracted(Extracted),
}

/// The first bytes of an OLE compound file: binary Word (`.doc`), WPS (`.wps`), old Excel.
const OLE_MAGIC: &[u8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";

/// Reads `path` and decodes it by its format: PDF, DOCX (a zip archive), HTML (by extension, or by
/// content for any file but Markdown) or text.
pub fn load(path: &Path, max_size: u64) -> Result<Input> {
    let bytes = read_bytes(path, max_size)?;
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    if bytes.starts_with(OLE_MAGIC) || matches!(ext.as_str(), "doc" | "wps") {
        return Err(Error::LegacyWord { path: path.into() });
    }
    if bytes.starts_with(b"%PDF-") || ext == "pdf" {
        return pdf::extract(path, &bytes).map(Input::Extracted);
    }
    if bytes.starts_with(b"PK\x03\x04") || ext == "docx" {
        return docx::extract(path, &bytes).map(Input::Extracted);
    }
    if matches!(ext.as_str(), "html" | "htm" | "xhtml" | "shtml") || (ext != "md" && html::looks_like_html(&bytes)) {
        return html::read(path, &bytes).map(Input::Html);
    }
    decode_owned(path, bytes).map(Input::Text)
}

/// The bytes of `path`, refusing directories and files over `max_size` bytes.
pub fn read_bytes(path: &Path, max_size: u64) -> Result<Vec<u8>> {
    let meta = fs::metadata(path).map_err(|e| io_error(path, e))?;
    if meta.is_dir() {
        return Err(Error::IsDirectory { path: path.into() });
    }
    if meta.len() > max_size {
        return Err(Error::TooLarge { path: path.into(), size: meta.len(), limit: max_size });
    }
    fs::read(path).map_err(|e| io_error(path, e))
}

/// Reads and decodes `path` as text, refusing files over `max_size` bytes.
pub fn read(path: &Path, max_size: u64) -> Result<Decoded> {
    decode_owned(path, read_bytes(path, max_size)?)
}

/// [`decode`], taking the bytes: plain UTF-8 becomes the text without a copy.
fn decode_owned(path: &Path, bytes: Vec<u8>) -> Result<Decoded> {
    let (text, encoding) = match decode_borrowed(path, &bytes)? {
        // Plain UTF-8 (nearly every file) becomes the text without a copy.
        (Cow::Borrowed(text), encoding) if text.len() == bytes.len() => {
            // SAFETY: `decode_borrowed` found all of `bytes` to be valid UTF-8.
            (unsafe { String::from_utf8_unchecked(bytes) }, encoding)
        }
        (text, encoding) => (text.into_owned(), encoding),
    };
    Ok(Decoded { text, encoding })
}

fn io_error(path: &Path, e: std::io::Error) -> Error {
    match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound { path: path.into() },
        _ => Error::Io { path: path.into(), source: e },
    }
}

/// Decodes bytes that came from `path` (the path is only used in error messages).
pub fn decode(path: &Path, bytes: &[u8]) -> Result<Decoded> {
    let (text, encoding) = decode_borrowed(path, bytes)?;
    Ok(Decoded { text: text.into_owned(), encoding })
}

/// [`decode`], borrowing the text from `bytes` where it is UTF-8 as it stands.
fn decode_borrowed<'b>(path: &Path, bytes: &'b [u8]) -> Result<(Cow<'b, str>, Encoding)> {
    if bytes.is_empty() {
        return Err(Error::Empty { path: path.into() });
    }
    // UTF-8 is checked once (with SIMD: it is the first look at every byte of the corpus): it
    // rules out UTF-16 without a BOM and is the text itself.
    let as_utf8 = from_utf8(bytes);
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        (Cow::Borrowed(utf8(path, rest)?), Encoding::Utf8Bom)
    } else if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        (Cow::Owned(utf16(path, rest, encoding_rs::UTF_16LE)?), Encoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        (Cow::Owned(utf16(path, rest, encoding_rs::UTF_16BE)?), Encoding::Utf16Be)
    } else if let Some(encoding) = sniff_utf16(bytes, as_utf8.is_ok()) {
        let (coder, enc) = match encoding {
            Encoding::Utf16Le => (encoding_rs::UTF_16LE, encoding),
            _ => (encoding_rs::UTF_16BE, encoding),
        };
        (Cow::Owned(utf16(path, bytes, coder)?), enc)
    } else if looks_binary(bytes) {
        return Err(Error::Binary { path: path.into(), hint: BinaryHint::ControlBytes });
    } else {
        match as_utf8 {
            Ok(text) => (Cow::Borrowed(text), Encoding::Utf8),
            Err(err) => (Cow::Owned(not_utf8(path, bytes, err)?), Encoding::Gb18030),
        }
    };
    check_not_binary(path, &text)?;
    Ok((text, encoding))
}

fn utf8<'b>(path: &Path, bytes: &'b [u8]) -> Result<&'b str> {
    from_utf8(bytes).map_err(|err| Error::Undecodable { path: path.into(), problem: utf8_problem(err) })
}

fn utf8_problem(err: Utf8Error) -> DecodeProblem {
    match err.error_len() {
        None => DecodeProblem::TruncatedUtf8 { at: err.valid_up_to() },
        Some(_) => DecodeProblem::InvalidUtf8 { at: err.valid_up_to() },
    }
}

fn utf16(path: &Path, bytes: &[u8], coder: &'static encoding_rs::Encoding) -> Result<String> {
    if bytes.len() % 2 == 1 {
        return Err(Error::Undecodable { path: path.into(), problem: DecodeProblem::OddUtf16 });
    }
    coder
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| text.into_owned())
        .ok_or_else(|| Error::Undecodable { path: path.into(), problem: DecodeProblem::InvalidUtf16 })
}

/// UTF-16 without a BOM: ASCII-heavy text shows NUL in every other byte; Chinese text has few
/// NULs but decodes to plausible characters in one byte order and to noise in the other.
fn sniff_utf16(bytes: &[u8], is_utf8: bool) -> Option<Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_nul = sample.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if odd_nul * 3 > pairs && even_nul * 4 < odd_nul {
        return Some(Encoding::Utf16Le);
    }
    if even_nul * 3 > pairs && odd_nul * 4 < even_nul {
        return Some(Encoding::Utf16Be);
    }
    if bytes.len() % 2 == 1 || is_utf8 {
        return None;
    }
    let le = plausibility(&encoding_rs::UTF_16LE.decode_without_bom_handling(sample).0);
    let be = plausibility(&encoding_rs::UTF_16BE.decode_without_bom_handling(sample).0);
    let gb = plausibility(&encoding_rs::GB18030.decode_without_bom_handling(sample).0);
    // Random 16-bit units land in the plausible ranges about a third of the time.
    match (le, be) {
        (le, be) if le >= 0.9 && le > be && le > gb => Some(Encoding::Utf16Le),
        (le, be) if be >= 0.9 && be > le && be > gb => Some(Encoding::Utf16Be),
        _ => None,
    }
}

/// Share of characters that ordinary Chinese text is made of: common CJK ideographs, ASCII text,
/// CJK punctuation and full-width forms.
fn plausibility(text: &str) -> f64 {
    let (mut plausible, mut total) = (0usize, 0usize);
    for c in text.chars() {
        total += 1;
        let plain = matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{3000}'..='\u{303f}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}' | '\u{2000}'..='\u{206f}' | '\u{2460}'..='\u{24ff}');
        plausible += usize::from(plain);
    }
    if total == 0 {
        0.0
    } else {
        plausible as f64 / total as f64
    }
}

/// How many characters of a binary file's first this many are looked at.
const BINARY_SAMPLE: usize = 8192;

/// A control character other than tab, line ends and form feed: text has few, binary data many.
fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')
}

/// True when more than a tenth of `sample` are stray control characters.
fn mostly_control(control: usize, sample: usize) -> bool {
    control * 10 > sample
}

/// Raw bytes that are mostly control codes are binary, whatever they would decode to.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(BINARY_SAMPLE)];
    let control = sample.iter().filter(|b| b.is_ascii() && is_stray_control(char::from(**b))).count();
    mostly_control(control, sample.len())
}

/// Bytes that are not UTF-8: damaged UTF-8 is reported as such, otherwise GB18030 is tried.
fn not_utf8(path: &Path, bytes: &[u8], err: Utf8Error) -> Result<String> {
    // A file that is long, valid UTF-8 Chinese and then breaks (or ends mid-character) is damaged
    // UTF-8; decoding it as GB18030 would turn it into plausible-looking garbage.
    let valid = &bytes[..err.valid_up_to()];
    let multibyte = valid.iter().filter(|b| **b >= 0xc0).count();
    if err.error_len().is_none() || multibyte >= 16 {
        return Err(Error::Undecodable { path: path.into(), problem: utf8_problem(err) });
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| text.into_owned())
        .ok_or_else(|| Error::Undecodable {
            path: path.into(),
            problem: DecodeProblem::NotUtf8NorGb { at: err.valid_up_to() },
        })
}

/// Control characters other than tab and line ends make up a large share of binary files.
fn check_not_binary(path: &Path, text: &str) -> Result<()> {
    let (sample, control) = text
        .chars()
        .take(BINARY_SAMPLE)
        .fold((0, 0), |(sample, control), c| (sample + 1, control + usize::from(is_stray_control(c))));
    if mostly_control(control, sample) {
        return Err(Error::Binary { path: path.into(), hint: BinaryHint::ControlCharacters { control, sample } });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("t.txt")
    }

    #[test]
    fn decodes_gb18030() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("第一条 为了规范管理，制定本办法。");
        let d = decode(p(), &bytes).unwrap();
        assert_eq!(d.encoding, Encoding::Gb18030);
        assert_eq!(d.text, "第一条 为了规范管理，制定本办法。");
    }

    #[test]
    fn decodes_utf16_with_and_without_bom() {
        let text = "第一条 总则\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let mut with_bom = vec![0xff, 0xfe];
        with_bom.extend(&le);
        assert_eq!(decode(p(), &with_bom).unwrap().text, text);
        let ascii_heavy = "Article 1 第一条\n".repeat(4);
        let le: Vec<u8> = ascii_heavy.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let d = decode(p(), &le).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (ascii_heavy.as_str(), Encoding::Utf16Le));
    }

    #[test]
    fn strips_utf8_bom() {
        let d = decode(p(), "\u{feff}第一条".as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("第一条", Encoding::Utf8Bom));
    }

    #[test]
    fn truncated_utf8_is_an_error_naming_the_file() {
        let bytes = "第一条 总则".as_bytes();
        let err = decode(p(), &bytes[..bytes.len() - 1]).unwrap_err().to_string();
        assert!(err.starts_with("t.txt: "), "{err}");
        assert!(err.contains("truncated UTF-8"), "{err}");
    }

    #[test]
    fn binary_is_refused() {
        let bytes: Vec<u8> = (0u8..=255).cycle().take(4000).collect();
        let err = decode(p(), &bytes).unwrap_err().to_string();
        assert!(err.contains("t.txt"), "{err}");
    }

    #[test]
    fn empty_is_refused() {
        assert!(matches!(decode(p(), b""), Err(Error::Empty { .. })));
    }
}
