//! newsgraph-ingest: the readers. Turns the inputs a user names (files,
//! folders, stdin; plain text, JSON lines, HTML, WARC, optionally gzipped)
//! into [`Document`]s holding clean body text, headings and metadata, and
//! reports every input that cannot be read as a typed [`ReadError`].

mod dates;
mod decode;
mod error;
mod feed;
mod html;
mod inputs;
mod jsonl;
mod layout;
mod plain;
mod warc;

use std::io::Cursor;

use newsgraph_core::Document;

pub use error::{ReadError, ReadErrorKind};
pub use html::page_text;
pub use inputs::Inputs;

/// What a reader yields for one document: text and metadata to annotate,
/// or a `newsgraph/1` record that was annotated before (a JSON line that
/// `extract` wrote), which is kept as it is unless the user asks again.
#[derive(Clone, Debug)]
pub enum Raw {
    Text(Document),
    Record(newsgraph_core::Record),
}

impl Raw {
    /// Where the document came from (path or URL), for messages.
    pub fn source(&self) -> &str {
        match self {
            Raw::Text(doc) => &doc.source,
            Raw::Record(record) => &record.source,
        }
    }

    /// The text and metadata as a document to annotate (a record's
    /// annotations are left behind).
    pub fn into_document(self) -> Document {
        match self {
            Raw::Text(doc) => doc,
            Raw::Record(record) => record.to_unannotated_document(),
        }
    }

    /// The document's id.
    pub fn id(&self) -> &str {
        match self {
            Raw::Text(doc) => &doc.id,
            Raw::Record(record) => &record.id,
        }
    }
}

/// Largest document (a whole text/HTML file, one JSON line, one WARC record)
/// that is read; bigger ones are reported as [`ReadErrorKind::TooLarge`].
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024 * 1024;

/// Reads the inputs the user named: files, folders (recursively, in sorted
/// order, hidden entries skipped) and `-` for stdin. Formats are chosen by
/// content and extension. The iterator is lazy: a WARC file with thousands
/// of records is read one record at a time.
pub fn read_inputs(paths: &[String]) -> Inputs {
    Inputs::new(paths)
}

/// Reads one in-memory input as if it were a file called `name` (its
/// extension guides the format choice, as for files). For tests and
/// benchmarks.
/// `newsgraph/1` records come back as documents to annotate.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Vec<Result<Document, ReadError>> {
    let stem = inputs::file_stem(name);
    inputs::read_stream(name, &stem, name, Box::new(Cursor::new(bytes)))
        .map(|raw| raw.map(Raw::into_document))
        .collect()
}

/// CPU time of the calling thread (the first field of
/// `/proc/thread-self/schedstat`, in nanoseconds), for benchmarks on a
/// shared machine where wall time counts other people's work; `None` where
/// the kernel does not tell.
pub fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(nanos / 1e9)
}
