//! The one place that knows what an annotated document looks like: the
//! `newsgraph` library's [`Record`] (code point offsets).

pub use newsgraph::{content_hash, Record};

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
