//! Query string parsing with errors that name the offending parameter:
//! unknown or repeated parameters, out-of-range limits and malformed dates
//! are a 400, never a silent default.

use newsgraph_store::PageRequest;

use crate::error::ApiError;

/// Items a list page holds when `limit` is not given, and at most.
const DEFAULT_LIMIT: usize = 50;
pub const MAX_LIMIT: usize = 200;
/// Longest value any query parameter may have (search text included).
const MAX_VALUE_CHARS: usize = 500;

/// The query parameters of one request, checked against what the route takes.
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Fails on a parameter the route does not know, one given twice, one
    /// empty or blank, or one longer than `MAX_VALUE_CHARS`.
    pub fn new(pairs: Vec<(String, String)>, allowed: &[&'static str]) -> Result<Self, ApiError> {
        for (index, (name, value)) in pairs.iter().enumerate() {
            let Some(known) = allowed.iter().find(|known| **known == name.as_str()) else {
                return Err(ApiError::bad("query", format!("unknown parameter `{name}`")));
            };
            if pairs[..index].iter().any(|(earlier, _)| earlier == name) {
                return Err(ApiError::bad(known, "given more than once"));
            }
            // An empty value is a mistake, not a way to say "absent".
            if is_blank(value) {
                return Err(ApiError::bad(known, "empty"));
            }
            if value.chars().count() > MAX_VALUE_CHARS {
                return Err(ApiError::bad(known, format!("longer than {MAX_VALUE_CHARS} characters")));
            }
        }
        Ok(Params { pairs })
    }

    /// The value of `name` (never blank), `None` when absent.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs.iter().find(|(key, _)| key == name).map(|(_, value)| value.trim())
    }

    /// A parameter the route cannot do without.
    pub fn required(&self, name: &'static str) -> Result<&str, ApiError> {
        self.get(name).ok_or_else(|| ApiError::bad(name, "required"))
    }

    /// `limit` (1 to `MAX_LIMIT`) and `cursor`.
    pub fn page(&self) -> Result<PageRequest, ApiError> {
        let limit = match self.get("limit") {
            None => DEFAULT_LIMIT,
            Some(text) => match text.parse::<usize>() {
                Ok(limit) if (1..=MAX_LIMIT).contains(&limit) => limit,
                _ => {
                    return Err(ApiError::bad(
                        "limit",
                        format!("wants a whole number from 1 to {MAX_LIMIT}, got `{text}`"),
                    ))
                }
            },
        };
        let cursor = match self.get("cursor") {
            // Cursors are ids or offsets the store handed out: non-negative integers.
            Some(text) if text.parse::<u32>().is_err() => {
                return Err(ApiError::bad("cursor", format!("not a cursor this server handed out: `{text}`")))
            }
            cursor => cursor.map(str::to_string),
        };
        Ok(PageRequest { limit, cursor })
    }

    /// A `YYYY-MM-DD` day, checked for a real month and day.
    pub fn day(&self, name: &'static str) -> Result<Option<String>, ApiError> {
        let Some(text) = self.get(name) else {
            return Ok(None);
        };
        if is_day(text) {
            Ok(Some(text.to_string()))
        } else {
            Err(ApiError::bad(name, format!("wants a date YYYY-MM-DD, got `{text}`")))
        }
    }
}

/// Blank as the OpenAPI description's `[^\s\u0085]` patterns say it:
/// JSON Schema patterns are ECMAScript regular expressions, whose `\s`
/// also takes U+FEFF, and Rust's whitespace also takes U+0085.
fn is_blank(value: &str) -> bool {
    value.chars().all(|c| c.is_whitespace() || c == '\u{feff}')
}

fn is_day(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' || !digits(0..4) || !digits(5..7) || !digits(8..10) {
        return false;
    }
    let month: u32 = text[5..7].parse().unwrap_or(0);
    let day: u32 = text[8..10].parse().unwrap_or(0);
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// A numeric id from a path segment.
pub fn path_id(text: &str) -> Result<i64, ApiError> {
    text.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| ApiError::bad("id", format!("wants a positive whole number, got `{text}`")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)], allowed: &[&'static str]) -> Result<Params, ApiError> {
        Params::new(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(), allowed)
    }

    #[test]
    fn checks_names_limits_and_days() {
        assert!(params(&[("x", "1")], &["limit"]).is_err());
        assert!(params(&[("limit", "1"), ("limit", "2")], &["limit"]).is_err());
        let ok = params(&[("limit", "7"), ("since", "2025-02-28")], &["limit", "since"]).unwrap();
        assert_eq!(ok.page().unwrap().limit, 7);
        assert_eq!(ok.day("since").unwrap().as_deref(), Some("2025-02-28"));
        for bad in ["0", "201", "-1", "x"] {
            assert!(params(&[("limit", bad)], &["limit"]).unwrap().page().is_err());
        }
        for bad in ["2025-13-01", "2025-1-01", "20250101", "2025-01-0x", "２025-01-01"] {
            assert!(params(&[("since", bad)], &["since"]).unwrap().day("since").is_err(), "{bad}");
        }
        assert!(params(&[("cursor", "-3")], &["cursor"]).unwrap().page().is_err());
        for blank in ["", " ", "\u{85}", "\u{feff}", "\u{a0}\u{3000}"] {
            assert!(params(&[("q", blank)], &["q"]).is_err(), "{blank:?} is blank to the OpenAPI patterns too");
        }
        assert!(path_id("0").is_err() && path_id("abc").is_err() && path_id("12").is_ok());
    }
}
