//! Byte to code point offset conversion, and the output invariant check.

use serde_json::Value;

/// Maps byte offsets of one text to code point offsets.
pub struct OffsetMap {
    /// `None` for pure ASCII text, where both offsets agree.
    chars_before_byte: Option<Vec<u32>>,
}

impl OffsetMap {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return OffsetMap { chars_before_byte: None };
        }
        let mut table = Vec::with_capacity(text.len() + 1);
        let mut chars = 0u32;
        for ch in text.chars() {
            for _ in 0..ch.len_utf8() {
                table.push(chars);
            }
            chars += 1;
        }
        table.push(chars);
        OffsetMap { chars_before_byte: Some(table) }
    }

    /// Code point offset of a byte offset (offsets inside a character round down).
    pub fn to_chars(&self, byte: usize) -> usize {
        match &self.chars_before_byte {
            None => byte,
            Some(table) => table[byte.min(table.len() - 1)] as usize,
        }
    }
}

/// Converts every byte span inside an annotation to code points.
pub trait Remap {
    fn remap(&mut self, map: &OffsetMap);
}

impl<T: Remap> Remap for Vec<T> {
    fn remap(&mut self, map: &OffsetMap) {
        self.iter_mut().for_each(|item| item.remap(map));
    }
}

impl<T: Remap> Remap for Option<T> {
    fn remap(&mut self, map: &OffsetMap) {
        if let Some(item) = self {
            item.remap(map);
        }
    }
}

/// Checks the output contract on a serialised document: every object that has
/// integer `start` and `end` lies inside `text` (in code points), and where it
/// also has a string `text`, that string is exactly `text[start:end]`.
/// Returns the first violation found, described.
pub fn check_output_offsets(document: &Value) -> Result<(), String> {
    let text: Vec<char> = document.get("text").and_then(Value::as_str).ok_or("document has no text")?.chars().collect();
    for (key, value) in document.as_object().into_iter().flatten() {
        if key != "text" {
            check_value(value, &text, key)?;
        }
    }
    Ok(())
}

fn check_value(value: &Value, text: &[char], path: &str) -> Result<(), String> {
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check_value(item, text, &format!("{path}[{i}]"))?;
            }
        }
        Value::Object(fields) => {
            if let (Some(start), Some(end)) =
                (fields.get("start").and_then(Value::as_u64), fields.get("end").and_then(Value::as_u64))
            {
                let (start, end) = (start as usize, end as usize);
                if start > end || end > text.len() {
                    return Err(format!("{path}: span {start}..{end} outside text of {} chars", text.len()));
                }
                if let Some(expected) = fields.get("text").and_then(Value::as_str) {
                    let actual: String = text[start..end].iter().collect();
                    if actual != expected {
                        return Err(format!("{path}: text[{start}:{end}] is {actual:?}, span says {expected:?}"));
                    }
                }
            }
            for (key, child) in fields {
                check_value(child, text, &format!("{path}.{key}"))?;
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        let map = OffsetMap::new("hello");
        assert_eq!(map.to_chars(3), 3);
    }

    #[test]
    fn multibyte_counts_code_points() {
        let text = "a\u{e9}b\u{1F600}c";
        let map = OffsetMap::new(text);
        let c = text.find('c').unwrap();
        assert_eq!(map.to_chars(c), 4);
        assert_eq!(map.to_chars(text.len()), 5);
    }

    #[test]
    fn checker_catches_bad_span() {
        let good = serde_json::json!({"text": "h\u{e9}llo", "x": [{"start": 1, "end": 3, "text": "\u{e9}l"}]});
        assert!(check_output_offsets(&good).is_ok());
        let bad = serde_json::json!({"text": "h\u{e9}llo", "x": [{"start": 2, "end": 4, "text": "\u{e9}l"}]});
        assert!(check_output_offsets(&bad).is_err());
    }
}
