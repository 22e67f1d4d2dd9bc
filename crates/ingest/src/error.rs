//! Why an input, or one record of it, could not become a document.

use std::fmt;

/// One input (or one record/line of it) that could not be read.
///
/// `Display` gives the one line the CLI prints on stderr:
/// `<input>: <reason>`, where `input` names the file and, inside
/// multi-document files, the line (`file.jsonl:17`) or WARC record
/// (`file.warc.gz#urn:uuid:...`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    pub input: String,
    pub kind: ReadErrorKind,
}

/// The typed reason behind a [`ReadError`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadErrorKind {
    /// The operating system refused (missing file, permission, I/O failure).
    Io(String),
    /// The input holds no text at all.
    Empty,
    /// The bytes are not text (NUL bytes, control characters, a known
    /// binary signature); `what` names the format when recognised.
    Binary { what: Option<&'static str> },
    /// A document (or one JSON line / WARC record) is above the size cap.
    TooLarge { limit: usize },
    /// The gzip stream ends before its last member is complete.
    TruncatedGzip,
    /// The gzip stream is damaged (bad header, checksum, deflate data).
    CorruptGzip(String),
    /// A JSON lines stream whose lines are all blank.
    NoRecords,
    /// A JSON line (or array item) that does not parse, or is not an object.
    MalformedJson(String),
    /// A JSON record without the field a document needs (`text`).
    MissingField(&'static str),
    /// An HTML page with no body text left after boilerplate removal.
    HtmlNoBody,
    /// A text file with nothing but title, byline or date lines.
    TextNoBody,
    /// A WARC record whose header block is not valid.
    MalformedWarc(String),
    /// A WARC record shorter than its `Content-Length`.
    TruncatedWarc,
}

impl ReadError {
    pub fn new(input: impl Into<String>, kind: ReadErrorKind) -> Self {
        ReadError { input: input.into(), kind }
    }

    /// An I/O error; gzip failures surfacing through `Read` get their own kinds.
    pub(crate) fn io(input: impl Into<String>, error: &std::io::Error) -> Self {
        ReadError::new(input, ReadErrorKind::from_io(error))
    }
}

impl ReadErrorKind {
    /// Classifies an error raised while reading a (possibly gzip) stream.
    /// flate2 reports a cut-off stream as `UnexpectedEof` and damaged data as
    /// `InvalidInput` / `InvalidData`.
    pub(crate) fn from_io(error: &std::io::Error) -> Self {
        use std::io::ErrorKind;
        match error.kind() {
            ErrorKind::UnexpectedEof => ReadErrorKind::TruncatedGzip,
            ErrorKind::InvalidInput | ErrorKind::InvalidData => ReadErrorKind::CorruptGzip(error.to_string()),
            _ => ReadErrorKind::Io(error.to_string()),
        }
    }
}

impl fmt::Display for ReadErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadErrorKind::Io(message) => write!(f, "cannot read: {message}"),
            ReadErrorKind::Empty => write!(f, "empty input, no text"),
            ReadErrorKind::Binary { what: Some(what) } => {
                write!(f, "binary data ({what}), not text")
            }
            ReadErrorKind::Binary { what: None } => write!(f, "binary data, not text"),
            ReadErrorKind::TooLarge { limit } => {
                write!(f, "document larger than the {} MB limit, skipped", limit / (1024 * 1024))
            }
            ReadErrorKind::TruncatedGzip => write!(f, "truncated gzip stream (file cut off)"),
            ReadErrorKind::CorruptGzip(message) => write!(f, "corrupt gzip data: {message}"),
            ReadErrorKind::NoRecords => write!(f, "no records (only blank lines)"),
            ReadErrorKind::MalformedJson(message) => write!(f, "malformed JSON: {message}"),
            ReadErrorKind::MissingField(field) => {
                write!(f, "JSON record has no string field \"{field}\"")
            }
            ReadErrorKind::HtmlNoBody => write!(f, "HTML page has no body text"),
            ReadErrorKind::TextNoBody => write!(f, "no article text, only title, byline or date lines"),
            ReadErrorKind::MalformedWarc(message) => write!(f, "malformed WARC record: {message}"),
            ReadErrorKind::TruncatedWarc => {
                write!(f, "truncated WARC record (shorter than its Content-Length)")
            }
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // One line whatever the messages hold: the CLI prints one line per failure.
        let line = format!("{}: {}", self.input, self.kind);
        f.write_str(&line.replace(['\n', '\r'], " "))
    }
}

impl std::error::Error for ReadError {}
