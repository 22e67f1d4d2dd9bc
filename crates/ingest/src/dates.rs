//! Publication dates from metadata strings, normalised to `YYYY-MM-DD`.

/// Normalises an ISO date or timestamp (`2025-12-31`, `2025-12-31T08:00:00Z`,
/// `2025/12/31`) or a written date (`December 31, 2025`, `31 Dec 2025`,
/// `Wed, 31 Dec 2025 08:00:00 GMT`, `3. November 2021`, `3 mars 2021`) to
/// `YYYY-MM-DD`.
pub(crate) fn normalize_date(value: &str) -> Option<String> {
    let value = value.trim();
    iso_prefix(value).or_else(|| written_date(value))
}

/// Like [`normalize_date`], and also finds a numeric date (`03.11.2021` day
/// first, `11/3/2021` month first as in US pages) or a CJK one
/// (`2021年11月3日`) inside a short text (`Datum: 03.11.2021`): for page
/// metadata, where the text around a date is furniture.
pub(crate) fn find_date(value: &str) -> Option<String> {
    normalize_date(value).or_else(|| numeric_date(value)).or_else(|| cjk_date(value))
}

/// The first `YYYY-MM-DD`, `DD.MM.YYYY` or `MM/DD/YYYY` word of `value`.
fn numeric_date(value: &str) -> Option<String> {
    value.split(|c: char| c.is_whitespace() || c == ',' || c == '|').take(40).find_map(|word| {
        let word = word.trim_matches(|c: char| !c.is_ascii_digit());
        if let Some(date) = iso_prefix(word) {
            return Some(date);
        }
        for separator in ['.', '/', '-'] {
            let parts: Vec<&str> = word.split(separator).collect();
            let [a, b, year] = parts[..] else { continue };
            let (Some(a), Some(b), Some(year)) = (digits(a), digits(b), digits(year).filter(|_| year.len() == 4))
            else {
                continue;
            };
            // Dots are European (day first); slashes are month first
            // unless the first number cannot be a month.
            let (day, month) = if separator == '/' && a <= 12 { (b, a) } else { (a, b) };
            if let Some(date) = valid_ymd(year, month, day) {
                return Some(date);
            }
        }
        None
    })
}

/// `2021年11月3日`.
fn cjk_date(value: &str) -> Option<String> {
    let (year, rest) = value.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let (day, _) = rest.split_once('日')?;
    let year = year.trim().get(year.trim().len().saturating_sub(4)..)?;
    valid_ymd(digits(year)?, digits(month.trim())?, digits(day.trim())?)
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
    // Checked as bytes: slicing the str first could split a character.
    let number = |range: std::ops::Range<usize>| {
        let part = &bytes[range];
        part.iter().all(u8::is_ascii_digit).then(|| part.iter().fold(0u32, |n, b| n * 10 + u32::from(b - b'0')))
    };
    valid_ymd(number(0..4)?, number(5..7)?, number(8..10)?)
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

/// A date written into a URL path (`/2018/03/31/`, `/2018-03-31-story`,
/// `/20180331/`), as news sites do; years 1990 to 2100 only.
pub(crate) fn date_from_url(url: &str) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let segments: Vec<&str> = path.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        let plausible_year = |s: &str| s.len() == 4 && digits(s).is_some_and(|y| (1990..=2100).contains(&y));
        if plausible_year(segment) {
            let (month, day) = (segments.get(i + 1), segments.get(i + 2));
            if let (Some(month), Some(day)) = (month, day) {
                let day = day.get(..2).unwrap_or(day);
                let found = (month.len() == 2).then(|| iso_prefix(&format!("{segment}-{month}-{day}"))).flatten();
                if found.is_some() {
                    return found;
                }
            }
        }
        let year_first = segment.get(..4).is_some_and(plausible_year);
        if let Some(date) = segment.get(..10).filter(|_| year_first).and_then(iso_prefix) {
            return Some(date);
        }
        // All digits, so the byte slices below are on character boundaries.
        if segment.len() == 8 && digits(segment).is_some() && year_first {
            if let Some(date) = iso_prefix(&format!("{}-{}-{}", &segment[..4], &segment[4..6], &segment[6..8])) {
                return Some(date);
            }
        }
    }
    None
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// Month names of German, French, Spanish, Italian, Dutch and Portuguese
/// pages that English prefixes miss, with their numbers.
const FOREIGN_MONTHS: [(&str, u32); 24] = [
    ("januar", 1),
    ("janvier", 1),
    ("enero", 1),
    ("gennaio", 1),
    ("januari", 1),
    ("février", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("märz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("maart", 3),
    ("avril", 4),
    ("abril", 4),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("mei", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("agosto", 8),
    ("oktober", 10),
    ("dezember", 12),
];

fn month_number(word: &str) -> Option<u32> {
    let lower = word.trim_end_matches('.').to_lowercase();
    if lower.chars().count() < 3 {
        return None;
    }
    if let Some(&(_, number)) = FOREIGN_MONTHS.iter().find(|(name, _)| *name == lower) {
        return Some(number);
    }
    let index = MONTHS.iter().position(|m| lower.starts_with(m))?;
    Some(index as u32 + 1)
}

/// `Month D, YYYY` or `D Month YYYY`, anywhere in a short string.
fn written_date(value: &str) -> Option<String> {
    // `3 de marzo de 2021`, `3rd of March 2021`: linking words skipped.
    let words: Vec<&str> = value
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty() && !matches!(*w, "de" | "del" | "of"))
        .take(12)
        .collect();
    for (i, word) in words.iter().enumerate() {
        let Some(month) = month_number(word) else {
            continue;
        };
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
        assert_eq!(normalize_date("2025-12-3\u{e9}"), None);
        assert_eq!(normalize_date("\u{e9}025-12-31"), None);
    }

    #[test]
    fn dates_in_urls() {
        use super::date_from_url;
        assert_eq!(date_from_url("http://bangordailynews.com/2018/03/31/news/x/").as_deref(), Some("2018-03-31"));
        assert_eq!(date_from_url("https://x.org/a/2024-02-29-leap-story").as_deref(), Some("2024-02-29"));
        assert_eq!(date_from_url("https://x.org/20251231/story.html").as_deref(), Some("2025-12-31"));
        assert_eq!(date_from_url("https://www.azernews.az/region/125940.html"), None);
        assert_eq!(date_from_url("https://x.org/2018/story-about-3"), None);
        assert_eq!(date_from_url("https://x.org/1234/56/78/"), None);
    }

    #[test]
    fn written_forms() {
        use super::find_date;
        assert_eq!(normalize_date("December 31, 2025").as_deref(), Some("2025-12-31"));
        assert_eq!(normalize_date("Wed, 31 Dec 2025 08:00:00 GMT").as_deref(), Some("2025-12-31"));
        assert_eq!(normalize_date("3rd Jan. 2026").as_deref(), Some("2026-01-03"));
        assert_eq!(normalize_date("yesterday"), None);
        assert_eq!(find_date("Datum: 03.11.2021").as_deref(), Some("2021-11-03"));
        assert_eq!(find_date("Posted 11/3/2021 at noon").as_deref(), Some("2021-11-03"));
        assert_eq!(normalize_date("3. November 2021").as_deref(), Some("2021-11-03"));
        assert_eq!(normalize_date("3 de marzo de 2021").as_deref(), Some("2021-03-03"));
        assert_eq!(normalize_date("le 3 mars 2021").as_deref(), Some("2021-03-03"));
        assert_eq!(find_date("2021年11月3日").as_deref(), Some("2021-11-03"));
    }
}
