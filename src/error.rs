//! Errors. Every error names the file it is about and says what is wrong with it; the words are
//! in [`crate::i18n`] (English through `Display`, either language through
//! [`Lang::error`](crate::i18n::Lang::error)).

use std::fmt;
use std::path::PathBuf;

use crate::i18n::Lang;

/// Everything that can go wrong while reading or processing a document.
#[derive(Debug)]
pub enum Error {
    /// The file does not exist.
    NotFound {
        /// The file.
        path: PathBuf,
    },
    /// A directory was given where a file was expected.
    IsDirectory {
        /// The directory.
        path: PathBuf,
    },
    /// The file is empty.
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file is larger than the configured limit.
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// The bytes are not text in any supported encoding.
    Undecodable {
        /// The file.
        path: PathBuf,
        /// What was found.
        problem: DecodeProblem,
    },
    /// The file holds binary data, not text.
    Binary {
        /// The file.
        path: PathBuf,
        /// What gave it away.
        hint: BinaryHint,
    },
    /// A directory holds no document to work on.
    NoDocuments {
        /// The directory.
        path: PathBuf,
    },
    /// A binary Word or WPS file, which zhengce does not read.
    LegacyWord {
        /// The file.
        path: PathBuf,
    },
    /// A Word document that cannot be read.
    Docx {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        detail: String,
    },
    /// A PDF that cannot be read.
    Pdf {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        detail: String,
    },
    /// A PDF with pages but no text on them: a scan.
    ScannedPdf {
        /// The file.
        path: PathBuf,
        /// How many pages it has.
        pages: usize,
    },
    /// corpus.toml is not valid.
    Manifest {
        /// The manifest file.
        path: PathBuf,
        /// What is wrong.
        detail: String,
    },
    /// Any other input/output failure.
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// `--national` names no document of the corpus.
    NotInCorpus {
        /// The path given.
        path: PathBuf,
    },
    /// A draft checked without `--against` cites no document of the corpus as its basis.
    NoCitedSource {
        /// The draft.
        path: PathBuf,
    },
    /// A Word redline was asked of a draft that is not a Word document.
    NotDocx {
        /// The draft.
        path: PathBuf,
    },
    /// Binary output (a Word redline) would go to a terminal.
    BinaryToTerminal,
    /// A problem with the command's arguments.
    Usage(String),
}

/// Why bytes are not text in a supported encoding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeProblem {
    /// The file ends inside a UTF-8 character that starts at byte `at`.
    TruncatedUtf8 {
        /// Where the cut-off character starts.
        at: usize,
    },
    /// Damaged UTF-8 at byte `at`.
    InvalidUtf8 {
        /// Where.
        at: usize,
    },
    /// UTF-16 with an odd number of bytes.
    OddUtf16,
    /// UTF-16 that does not decode.
    InvalidUtf16,
    /// Neither UTF-8 (invalid at byte `at`) nor GB18030.
    NotUtf8NorGb {
        /// Where UTF-8 fails.
        at: usize,
    },
}

/// What shows that a file is binary data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BinaryHint {
    /// Its raw bytes are mostly control codes.
    ControlBytes,
    /// Its decoded text has this many control characters among its first `sample`.
    ControlCharacters {
        /// Control characters found.
        control: usize,
        /// Characters looked at.
        sample: usize,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Lang::En.error(self))
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Result with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
