//! Word classes of the time grammar: what a (sub-)token can stand for.
//! Tokens from the text stage are split once more at hyphens ("mid-2025",
//! "third-quarter", "two-year") so the grammar sees the parts.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small multiplicative hasher for short words: the default SipHash costs
/// more than the rest of a lookup, and these tables are not attacker-facing.
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` keyed by words, with [`WordHasher`].
pub type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

use newsgraph_core::Token;

/// Calendar and clock units, finest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
}

/// One sub-token with everything the grammar may ask about it.
#[derive(Clone, Debug, Default)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub lower: String,
    /// The word's id in the grammar's vocabulary; 0 when no rule names it.
    pub id: u32,
    /// Starts with an upper-case letter ("May" the month, not the verb).
    pub cap: bool,
    /// Directly attached to the previous sub-token (split from one token).
    pub glued: bool,
    pub month: Option<u32>,
    pub weekday: Option<u32>,
    /// Cardinal value of a digit string or a number word.
    pub number: Option<f64>,
    /// The number was written with digits.
    pub digits: bool,
    pub ordinal: Option<u32>,
    pub unit: Option<(Unit, bool)>,
    pub season: Option<&'static str>,
    pub part: Option<&'static str>,
    /// Decade as its first three year digits: "1990s" and "'90s" are 199.
    pub decade: Option<i32>,
    /// Clock time written with a colon: "10:35".
    pub clock: Option<(u32, u32)>,
    /// A numeric date written as one token: "2025-12-31", "12/31/2025".
    pub numeric_date: Option<(i32, u32, u32)>,
}

/// What a plain word means, looked up once per sub-token.
#[derive(Clone, Copy, Debug)]
enum Word {
    Month(u32),
    Weekday(u32),
    Number(f64),
    Ordinal(u32),
    Unit(Unit, bool),
    Season(&'static str),
    Part(&'static str),
    Decade(i32),
    OrdinalUnit(u32, Unit),
}

pub struct Lexicon {
    words: WordMap<&'static str, Vec<Word>>,
}

const MONTH_ABBREVIATIONS: [(&str, u32); 22] = [
    ("jan", 1),
    ("jan.", 1),
    ("feb", 2),
    ("feb.", 2),
    ("mar.", 3),
    ("apr", 4),
    ("apr.", 4),
    ("jun.", 6),
    ("jul.", 7),
    ("aug", 8),
    ("aug.", 8),
    ("sep", 9),
    ("sep.", 9),
    ("sept", 9),
    ("sept.", 9),
    ("oct", 10),
    ("oct.", 10),
    ("nov", 11),
    ("nov.", 11),
    ("dec", 12),
    ("dec.", 12),
    ("jun", 6),
];
const WEEKDAY_ABBREVIATIONS: [(&str, u32); 10] = [
    ("mon.", 1),
    ("tue.", 2),
    ("tues.", 2),
    ("wed.", 3),
    ("thu.", 4),
    ("thurs.", 4),
    ("fri.", 5),
    ("sat.", 6),
    ("sun.", 7),
    ("weds.", 3),
];
const CARDINALS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const ORDINALS: [&str; 20] = [
    "",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
const TENS_ORDINALS: [(&str, u32); 3] = [("twentieth", 20), ("thirtieth", 30), ("fortieth", 40)];
const DECADE_WORDS: [(&str, i32); 8] = [
    ("twenties", 192),
    ("thirties", 193),
    ("forties", 194),
    ("fifties", 195),
    ("sixties", 196),
    ("seventies", 197),
    ("eighties", 198),
    ("nineties", 199),
];
const UNITS: [(&str, Unit); 13] = [
    ("second", Unit::Second),
    ("sec", Unit::Second),
    ("minute", Unit::Minute),
    ("min", Unit::Minute),
    ("hour", Unit::Hour),
    ("day", Unit::Day),
    ("week", Unit::Week),
    ("weekend", Unit::Weekend),
    ("month", Unit::Month),
    ("quarter", Unit::Quarter),
    ("year", Unit::Year),
    ("decade", Unit::Decade),
    ("century", Unit::Century),
];
const SEASONS: [(&str, &str); 5] =
    [("spring", "SP"), ("summer", "SU"), ("fall", "FA"), ("autumn", "FA"), ("winter", "WI")];
const PARTS: [(&str, &str); 5] =
    [("morning", "MO"), ("afternoon", "AF"), ("evening", "EV"), ("night", "NI"), ("overnight", "NI")];

impl Lexicon {
    pub fn new() -> Lexicon {
        let mut words: WordMap<&'static str, Vec<Word>> = WordMap::default();
        let mut add = |w: &'static str, meaning: Word| words.entry(w).or_default().push(meaning);
        for (i, m) in newsgraph_core::calendar::MONTHS.iter().enumerate() {
            add(m, Word::Month(i as u32 + 1));
        }
        for (m, n) in MONTH_ABBREVIATIONS {
            add(m, Word::Month(n));
        }
        for (i, w) in newsgraph_core::calendar::WEEKDAYS.iter().enumerate() {
            add(w, Word::Weekday(i as u32 + 1));
            add(plural(w), Word::Weekday(i as u32 + 1));
        }
        for (w, n) in WEEKDAY_ABBREVIATIONS {
            add(w, Word::Weekday(n));
        }
        for (i, w) in CARDINALS.iter().enumerate() {
            add(w, Word::Number(i as f64));
        }
        for (i, w) in TENS.iter().enumerate() {
            add(w, Word::Number(20.0 + 10.0 * i as f64));
        }
        for (w, n) in [("hundred", 100.0), ("thousand", 1000.0), ("dozen", 12.0)] {
            add(w, Word::Number(n));
        }
        for (i, w) in ORDINALS.iter().enumerate().skip(1) {
            add(w, Word::Ordinal(i as u32));
        }
        for (w, n) in TENS_ORDINALS {
            add(w, Word::Ordinal(n));
        }
        for (w, d) in DECADE_WORDS {
            add(w, Word::Decade(d));
        }
        for (w, u) in UNITS {
            add(w, Word::Unit(u, false));
            add(plural(w), Word::Unit(u, true));
        }
        add("centuries", Word::Unit(Unit::Century, true));
        add("yr", Word::Unit(Unit::Year, false));
        add("yrs", Word::Unit(Unit::Year, true));
        add("hrs", Word::Unit(Unit::Hour, true));
        add("mins", Word::Unit(Unit::Minute, true));
        add("fortnight", Word::Unit(Unit::Week, false));
        add("half", Word::Unit(Unit::Half, false));
        for (w, s) in SEASONS {
            add(w, Word::Season(s));
            add(plural(w), Word::Season(s));
        }
        for (w, p) in PARTS {
            add(w, Word::Part(p));
            add(plural(w), Word::Part(p));
        }
        add("q1", Word::OrdinalUnit(1, Unit::Quarter));
        add("q2", Word::OrdinalUnit(2, Unit::Quarter));
        add("q3", Word::OrdinalUnit(3, Unit::Quarter));
        add("q4", Word::OrdinalUnit(4, Unit::Quarter));
        add("h1", Word::OrdinalUnit(1, Unit::Half));
        add("h2", Word::OrdinalUnit(2, Unit::Half));
        Lexicon { words }
    }

    /// Splits the text stage's tokens into sub-tokens and classifies them.
    pub fn classify(&self, text: &str, tokens: &[Token], out: &mut Vec<Tok>) {
        out.clear();
        for token in tokens {
            let word = &text[token.start..token.end];
            if let Some(date) = numeric_date(word) {
                let mut tok = self.tok(word, token.start);
                tok.numeric_date = Some(date);
                out.push(tok);
                continue;
            }
            if !word.contains('-') {
                out.push(self.tok(word, token.start));
                continue;
            }
            let mut first = true;
            for (start, end) in hyphen_parts(word) {
                let mut tok = self.tok(&word[start..end], token.start + start);
                tok.glued = !first;
                first = false;
                out.push(tok);
            }
        }
    }

    fn tok(&self, word: &str, start: usize) -> Tok {
        let lower = word.to_lowercase();
        let mut tok = Tok {
            start,
            end: start + word.len(),
            cap: word.chars().next().is_some_and(char::is_uppercase),
            ..Tok::default()
        };
        if let Some(meanings) = self.words.get(lower.as_str()) {
            for meaning in meanings {
                apply(&mut tok, *meaning);
            }
        } else {
            classify_digits(&lower, &mut tok);
        }
        tok.lower = lower;
        tok
    }
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::new()
    }
}

/// Leaks a plural form once at load time (a few dozen short strings).
fn plural(word: &str) -> &'static str {
    let form = match word.strip_suffix('y') {
        Some(stem) if !word.ends_with("ay") && !word.ends_with("ey") => format!("{stem}ies"),
        _ => format!("{word}s"),
    };
    Box::leak(form.into_boxed_str())
}

fn apply(tok: &mut Tok, meaning: Word) {
    match meaning {
        Word::Month(m) => tok.month = Some(m),
        Word::Weekday(d) => tok.weekday = Some(d),
        Word::Number(n) => tok.number = Some(n),
        Word::Ordinal(n) => tok.ordinal = Some(n),
        Word::Unit(u, plural) => tok.unit = Some((u, plural)),
        Word::Season(s) => tok.season = Some(s),
        Word::Part(p) => tok.part = Some(p),
        Word::Decade(d) => tok.decade = Some(d),
        Word::OrdinalUnit(n, u) => {
            tok.ordinal = Some(n);
            tok.unit = Some((u, false));
        }
    }
}

/// Digit strings: "12", "1.5", "1/2", "3rd", "1990s", "'90s", "10:35", "2pm".
fn classify_digits(lower: &str, tok: &mut Tok) {
    let Some(first) = lower.chars().find(|c| c.is_ascii_digit()) else { return };
    let _ = first;
    if let Some(decade) = decade(lower) {
        tok.decade = Some(decade);
    } else if let Some(n) = ordinal_digits(lower) {
        tok.ordinal = Some(n);
    } else if let Some((h, m)) = clock(lower) {
        tok.clock = Some((h, m));
    } else if let Some(n) = number(lower) {
        tok.number = Some(n);
        tok.digits = true;
    }
}

fn decade(lower: &str) -> Option<i32> {
    let stem = lower.strip_suffix("s")?.trim_end_matches('\'');
    if let Some(two) = stem.strip_prefix('\'') {
        let n: i32 = two.parse().ok().filter(|_| two.len() == 2)?;
        return (n % 10 == 0).then_some(190 + n / 10);
    }
    let n: i32 = stem.parse().ok()?;
    match stem.len() {
        // "in his 30s" is an age: two digits count only with an apostrophe.
        4 if n % 10 == 0 => Some(n / 10),
        _ => None,
    }
}

fn ordinal_digits(lower: &str) -> Option<u32> {
    let stem = ["st", "nd", "rd", "th"].iter().find_map(|s| lower.strip_suffix(s))?;
    stem.parse().ok().filter(|n| (1..=100).contains(n))
}

fn clock(lower: &str) -> Option<(u32, u32)> {
    let (h, m) = lower.split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.get(..2)?.parse().ok()?);
    (h <= 24 && m < 60 && lower.len() <= 5).then_some((h, m))
}

fn number(lower: &str) -> Option<f64> {
    // Plain decimal notation only: "1e18" and the like are not amounts of time.
    if !lower.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'/')) {
        return None;
    }
    if let Some((a, b)) = lower.split_once('/') {
        let (a, b): (f64, f64) = (a.parse().ok()?, b.parse().ok()?);
        return (b > 0.0 && a < b).then_some(a / b);
    }
    if lower.contains(',') {
        return lower.replace(',', "").parse().ok();
    }
    lower.parse().ok()
}

/// "2025-12-31" (ISO) or "12/31/2025" (US order, four-digit year).
fn numeric_date(word: &str) -> Option<(i32, u32, u32)> {
    let numbers = |sep: char| -> Option<Vec<u32>> {
        let parts: Vec<&str> = word.split(sep).collect();
        if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        parts.iter().map(|p| p.parse().ok()).collect()
    };
    let (year, month, day) = if let Some(n) = numbers('-').filter(|_| word.len() == 10) {
        (n[0] as i32, n[1], n[2])
    } else {
        let n = numbers('/').filter(|n| n[2] >= 1000)?;
        (n[2] as i32, n[0], n[1])
    };
    crate::civil::Date::new(year, month, day).map(|_| (year, month, day))
}

/// Byte ranges of the parts of `word` split at inner hyphens, the hyphens
/// themselves included as parts of their own.
fn hyphen_parts(word: &str) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, c) in word.char_indices() {
        if c == '-' && i > start && i + 1 < word.len() {
            parts.push((start, i));
            parts.push((i, i + 1));
            start = i + 1;
        }
    }
    parts.push((start, word.len()));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(word: &str) -> Tok {
        Lexicon::new().tok(word, 0)
    }

    #[test]
    fn classifies_calendar_words() {
        assert_eq!(one("Sept.").month, Some(9));
        assert_eq!(one("Wednesdays").weekday, Some(3));
        assert_eq!(one("centuries").unit, Some((Unit::Century, true)));
        assert_eq!(one("days").unit, Some((Unit::Day, true)));
        assert_eq!(one("mornings").part, Some("MO"));
    }

    #[test]
    fn classifies_digit_forms() {
        assert_eq!(one("1990s").decade, Some(199));
        assert_eq!(one("'80s").decade, Some(198));
        assert_eq!(one("23rd").ordinal, Some(23));
        assert_eq!(one("10:35").clock, Some((10, 35)));
        assert_eq!(one("1/2").number, Some(0.5));
        assert_eq!(one("1,000").number, Some(1000.0));
        assert_eq!(one("2025").number, Some(2025.0));
    }

    #[test]
    fn numeric_dates() {
        assert_eq!(numeric_date("2025-12-31"), Some((2025, 12, 31)));
        assert_eq!(numeric_date("2/29/2024"), Some((2024, 2, 29)));
        assert_eq!(numeric_date("2/29/2025"), None);
        assert_eq!(numeric_date("1-2-3"), None);
    }

    #[test]
    fn splits_hyphenated_words() {
        assert_eq!(hyphen_parts("mid-2025"), vec![(0, 3), (3, 4), (4, 8)]);
        assert_eq!(hyphen_parts("-x"), vec![(0, 2)]);
        assert_eq!(hyphen_parts("twenty-four-hour").len(), 5);
    }
}
