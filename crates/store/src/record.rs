//! The one place that knows what an annotated document looks like: today
//! the output form of `newsgraph_core::Document` (code point offsets);
//! at merge, the `newsgraph` crate's `Record`.

use newsgraph_core::Document;
use newsgraph_pipeline::Pipeline;
use sha2::{Digest, Sha256};

/// An annotated document in the `newsgraph/1` output form.
pub type Record = Document;

/// Runs the pipeline over a freshly read document and returns its record.
pub fn annotate(pipeline: &Pipeline, mut raw: Document) -> Record {
    pipeline.annotate(&mut raw);
    raw.into_output()
}

/// Marks a JSON line as an already extracted record (as `extract` writes it).
pub const SCHEMA_MARK: &str = "\"schema\":\"newsgraph/1\"";

/// `sha256:` and the hex SHA-256 of the UTF-8 text: equal texts are one article.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for byte in digest {
        out.push(char::from_digit(u32::from(byte >> 4), 16).unwrap_or('0'));
        out.push(char::from_digit(u32::from(byte & 15), 16).unwrap_or('0'));
    }
    out
}

/// The text a code point span covers, clamped to the text.
pub fn slice_chars(text: &str, start: usize, end: usize) -> &str {
    let byte = |n: usize| {
        text.char_indices()
            .map(|(i, _)| i)
            .nth(n)
            .unwrap_or(text.len())
    };
    let (from, to) = (byte(start), byte(end));
    text.get(from..to.max(from)).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_and_slices() {
        assert_eq!(
            content_hash("abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(slice_chars("héllo wörld", 6, 11), "wörld");
        assert_eq!(slice_chars("héllo", 1, 2), "é");
        assert_eq!(slice_chars("héllo", 2, 2), "");
        assert_eq!(slice_chars("héllo", 3, 9), "lo");
        assert_eq!(slice_chars("héllo", 4, 2), "");
    }
}
