//! Errors. Every error names the file it is about and says what is wrong with it.

use std::path::PathBuf;

/// Everything that can go wrong while reading or processing a document.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file does not exist.
    #[error("{path}: no such file")]
    NotFound {
        /// The file.
        path: PathBuf,
    },
    /// A directory was given where a file was expected.
    #[error("{path}: is a directory, not a file (give the files inside it, or a command that takes a directory)")]
    IsDirectory {
        /// The directory.
        path: PathBuf,
    },
    /// The file is empty.
    #[error("{path}: the file is empty (0 bytes)")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file is larger than the configured limit.
    #[error("{path}: the file is {size} bytes, over the limit of {limit} bytes (raise it with --max-file-size)")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// The bytes are not text in any supported encoding.
    #[error("{path}: cannot decode the text: {detail}")]
    Undecodable {
        /// The file.
        path: PathBuf,
        /// What was found.
        detail: String,
    },
    /// The file holds binary data, not text.
    #[error("{path}: looks like binary data, not text ({detail})")]
    Binary {
        /// The file.
        path: PathBuf,
        /// What gave it away.
        detail: String,
    },
    /// A directory holds no document to work on.
    #[error("{path}: no documents (.txt, .md, .html, .htm, .docx or .pdf files) found")]
    NoDocuments {
        /// The directory.
        path: PathBuf,
    },
    /// A binary Word or WPS file, which zhengce does not read.
    #[error("{path}: a binary Word or WPS document (.doc/.wps), which zhengce cannot read: open it in Word or WPS and save it as .docx")]
    LegacyWord {
        /// The file.
        path: PathBuf,
    },
    /// A Word document that cannot be read.
    #[error("{path}: cannot read the Word document: {detail}")]
    Docx {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        detail: String,
    },
    /// A PDF that cannot be read.
    #[error("{path}: cannot read the PDF: {detail}")]
    Pdf {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        detail: String,
    },
    /// A PDF with pages but no text on them: a scan.
    #[error("{path}: the PDF has no text layer: its {pages} page(s) are images, as a scanner makes them; zhengce does not do OCR: run OCR on it first (for example ocrmypdf -l chi_sim) or use a text version")]
    ScannedPdf {
        /// The file.
        path: PathBuf,
        /// How many pages it has.
        pages: usize,
    },
    /// corpus.toml is not valid.
    #[error("{path}: {detail}")]
    Manifest {
        /// The manifest file.
        path: PathBuf,
        /// What is wrong.
        detail: String,
    },
    /// Any other input/output failure.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A problem with the command's arguments.
    #[error("{0}")]
    Usage(String),
}

/// Result with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
