//! Calendar words that several stages and readers need, in one place:
//! English month and weekday names, lower case, in calendar order, and the
//! days named relative to today. Written for newsgraph (Apache-2.0).

/// Month names, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Weekday names, Monday first (ISO 8601 order).
pub const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Days named relative to the day of writing.
pub const RELATIVE_DAYS: [&str; 4] = ["today", "yesterday", "tonight", "tomorrow"];

/// Whether a word, in any letter case, is a month or a weekday name.
pub fn is_month_or_weekday(word: &str) -> bool {
    MONTHS.iter().chain(&WEEKDAYS).any(|name| name.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_any_case() {
        assert!(is_month_or_weekday("MAY"));
        assert!(is_month_or_weekday("Sunday"));
        assert!(!is_month_or_weekday("today"));
    }
}
