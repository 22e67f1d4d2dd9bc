//! Publication dates from metadata strings, normalised to `YYYY-MM-DD`.

/// Normalises an ISO date or timestamp (`2025-12-31`, `2025-12-31T08:00:00Z`,
/// `2025/12/31`) or an English written date (`December 31, 2025`,
/// `31 Dec 2025`, `Wed, 31 Dec 2025 08:00:00 GMT`) to `YYYY-MM-DD`.
pub(crate) fn normalize_date(value: &str) -> Option<String> {
    let value = value.trim();
    iso_prefix(value).or_else(|| written_date(value))
}

/// `YYYY-MM-DD` / `YYYY/MM/DD` / `YYYY.MM.DD` at the start of `value`.
pub(crate) fn iso_prefix(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    if bytes.len() < 10 {
        return None;
    }
    let sep = bytes[4];
    if !matches!(sep, b'-' | b'/' | b'.') || bytes[7] != sep {
        return None;
    }
    if bytes.len() > 10 && bytes[10].is_ascii_digit() {
        return None;
    }
    let year = digits(&value[0..4])?;
    let month = digits(&value[5..7])?;
    let day = digits(&value[8..10])?;
    valid_ymd(year, month, day)
}

fn digits(part: &str) -> Option<u32> {
    if part.bytes().all(|b| b.is_ascii_digit()) {
        part.parse().ok()
    } else {
        None
    }
}

#[allow(clippy::manual_is_multiple_of)] // keeps the 1.80 MSRV
fn valid_ymd(year: u32, month: u32, day: u32) -> Option<String> {
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => return None,
    };
    ((1000..=2999).contains(&year) && (1..=days).contains(&day)).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

fn month_number(word: &str) -> Option<u32> {
    let lower = word.trim_end_matches('.').to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    let index = MONTHS.iter().position(|m| lower.starts_with(m))?;
    Some(index as u32 + 1)
}

/// `Month D, YYYY` or `D Month YYYY`, anywhere in a short string.
fn written_date(value: &str) -> Option<String> {
    let words: Vec<&str> =
        value.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).take(12).collect();
    for (i, word) in words.iter().enumerate() {
        let Some(month) = month_number(word) else { continue };
        let day_after = words.get(i + 1).and_then(|w| day_number(w));
        let year_after = |at: usize| words.get(at).and_then(|w| digits(w)).filter(|y| *y >= 1000);
        if let (Some(day), Some(year)) = (day_after, year_after(i + 2)) {
            return valid_ymd(year, month, day);
        }
        let day_before = i.checked_sub(1).and_then(|b| day_number(words[b]));
        if let (Some(day), Some(year)) = (day_before, year_after(i + 1)) {
            return valid_ymd(year, month, day);
        }
    }
    None
}

/// `31`, `31st`, `1.`
fn day_number(word: &str) -> Option<u32> {
    let trimmed = word.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
    (trimmed.len() <= 2).then(|| digits(trimmed)).flatten().filter(|d| (1..=31).contains(d))
}

#[cfg(test)]
mod tests {
    use super::normalize_date;

    #[test]
    fn iso_forms() {
        assert_eq!(normalize_date("2025-12-31").as_deref(), Some("2025-12-31"));
        assert_eq!(normalize_date("2025-12-31T08:15:00+02:00").as_deref(), Some("2025-12-31"));
        assert_eq!(normalize_date("2024/02/29").as_deref(), Some("2024-02-29"));
        assert_eq!(normalize_date("2023-02-29"), None);
        assert_eq!(normalize_date("2025-13-01"), None);
    }

    #[test]
    fn written_forms() {
        assert_eq!(normalize_date("December 31, 2025").as_deref(), Some("2025-12-31"));
        assert_eq!(normalize_date("Wed, 31 Dec 2025 08:00:00 GMT").as_deref(), Some("2025-12-31"));
        assert_eq!(normalize_date("3rd Jan. 2026").as_deref(), Some("2026-01-03"));
        assert_eq!(normalize_date("yesterday"), None);
    }
}
