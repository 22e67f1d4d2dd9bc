//! The one place that knows what an annotated document looks like: the
//! `newsgraph` library's [`Record`] (code point offsets).

pub use newsgraph::{content_hash, Record};

/// The text a code point span covers, clamped to the text.
pub fn slice_chars(text: &str, start: usize, end: usize) -> &str {
    let byte = |n: usize| text.char_indices().map(|(i, _)| i).nth(n).unwrap_or(text.len());
    let (from, to) = (byte(start), byte(end));
    text.get(from..to.max(from)).unwrap_or("")
}

/// Byte offsets of every code point of a text, to slice it by code points.
pub struct CharIndex<'t> {
    text: &'t str,
    bytes: Vec<usize>,
}

impl<'t> CharIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        bytes.push(text.len());
        CharIndex { text, bytes }
    }

    /// The text of a code point span, if it lies inside the text.
    pub fn slice(&self, start: usize, end: usize) -> Option<&'t str> {
        let (from, to) = (*self.bytes.get(start)?, *self.bytes.get(end)?);
        self.text.get(from..to)
    }
}

/// The `start`, `end` and `text` of a span object, if it is one.
fn span_of(object: &serde_json::Map<String, serde_json::Value>) -> Option<(usize, usize)> {
    let start = object.get("start")?.as_u64()? as usize;
    let end = object.get("end")?.as_u64()? as usize;
    Some((start, end))
}

/// Replaces each span text that its offsets give back with `null`: most of
/// a record's size is copies of its own text.
pub fn strip_span_texts(value: &mut serde_json::Value, text: &CharIndex) {
    walk(value, &mut |object| {
        let same = match (span_of(object), object.get("text").and_then(|t| t.as_str())) {
            (Some((start, end)), Some(copy)) => text.slice(start, end) == Some(copy),
            _ => false,
        };
        if same {
            object.insert("text".to_string(), serde_json::Value::Null);
        }
    });
}

/// Undoes [`strip_span_texts`].
pub fn restore_span_texts(value: &mut serde_json::Value, text: &CharIndex) {
    walk(value, &mut |object| {
        if object.get("text").is_some_and(|t| t.is_null()) {
            if let Some(copy) = span_of(object).and_then(|(start, end)| text.slice(start, end)) {
                object.insert("text".to_string(), serde_json::Value::String(copy.to_string()));
            }
        }
    });
}

fn walk(value: &mut serde_json::Value, visit: &mut dyn FnMut(&mut serde_json::Map<String, serde_json::Value>)) {
    match value {
        serde_json::Value::Object(object) => {
            visit(object);
            for child in object.values_mut() {
                walk(child, visit);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|item| walk(item, visit)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_and_slices() {
        assert_eq!(content_hash("abc"), "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(slice_chars("héllo wörld", 6, 11), "wörld");
        assert_eq!(slice_chars("héllo", 1, 2), "é");
        assert_eq!(slice_chars("héllo", 2, 2), "");
        assert_eq!(slice_chars("héllo", 3, 9), "lo");
        assert_eq!(slice_chars("héllo", 4, 2), "");
    }

    #[test]
    fn span_texts_round_trip() {
        let text = "Zoë met Putin.";
        let original = serde_json::json!({"entities": [{"start": 8, "end": 13, "text": "Putin", "name": "Vladimir Putin"},
                                                       {"start": 0, "end": 3, "text": "Zoe"}]});
        let mut value = original.clone();
        strip_span_texts(&mut value, &CharIndex::new(text));
        assert!(value["entities"][0]["text"].is_null());
        assert_eq!(value["entities"][1]["text"], "Zoe", "kept: not what the offsets give");
        restore_span_texts(&mut value, &CharIndex::new(text));
        assert_eq!(value, original);
    }
}
