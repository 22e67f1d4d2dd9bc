//! Word normalisation shared by every linking decision: folding, stop
//! words, a light stemmer and a hash that is stable across runs and
//! machines (persisted MinHash bands and keys must not change meaning when
//! the store reloads them, so `std`'s randomised hashers are out).

/// Lowercases and folds the Latin accents news names carry ("Kyïv",
/// "Šefčovič"), keeping letters and digits only.
pub fn fold(word: &str) -> String {
    // Most words of English news are ASCII: the same result without the
    // Unicode lower-casing tables (the linker folds every word it reads).
    if word.is_ascii() {
        return word.bytes().filter(u8::is_ascii_alphanumeric).map(|b| char::from(b.to_ascii_lowercase())).collect();
    }
    word.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => Some('a'),
            'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' => Some('e'),
            'í' | 'ì' | 'î' | 'ï' | 'ī' => Some('i'),
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' => Some('o'),
            'ú' | 'ù' | 'û' | 'ü' | 'ū' => Some('u'),
            'ç' | 'č' | 'ć' => Some('c'),
            'š' | 'ś' => Some('s'),
            'ž' | 'ź' | 'ż' => Some('z'),
            'ñ' | 'ń' => Some('n'),
            'ł' => Some('l'),
            'ý' | 'ÿ' => Some('y'),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// Folded words of `text`, split at anything that is not a letter or digit.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(fold)
}

/// Function words that say nothing about what a story is about.
const STOP: &[&str] = &[
    "a",
    "about",
    "according",
    "afp",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "ap",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "cent",
    "could",
    "day",
    "did",
    "do",
    "does",
    "during",
    "each",
    "first",
    "for",
    "friday",
    "from",
    "further",
    "get",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "last",
    "like",
    "made",
    "make",
    "may",
    "me",
    "monday",
    "more",
    "most",
    "mr",
    "mrs",
    "ms",
    "my",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "people",
    "per",
    "percent",
    "pm",
    "reuters",
    "s",
    "said",
    "same",
    "saturday",
    "say",
    "says",
    "she",
    "should",
    "since",
    "so",
    "some",
    "such",
    "sunday",
    "t",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "thursday",
    "time",
    "to",
    "today",
    "told",
    "too",
    "tuesday",
    "two",
    "under",
    "until",
    "up",
    "us",
    "very",
    "was",
    "we",
    "wednesday",
    "week",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "year",
    "years",
    "yesterday",
    "you",
    "your",
];

pub fn is_stop(word: &str) -> bool {
    STOP.binary_search(&word).is_ok() || word.chars().all(|c| c.is_ascii_digit())
}

/// A light suffix stripper (plural, past, progressive, adverb, common
/// nominalisations) that conflates the inflections a story's reports use;
/// a full Porter stemmer would also conflate unrelated words ("general",
/// "generate") for no measurable gain on the evaluation corpora.
pub fn stem(word: &str) -> String {
    if let Some(base) = irregular(word) {
        return base.to_string();
    }
    let n = word.len();
    let strip = |suffix: &str, min: usize| word.strip_suffix(suffix).filter(|rest| rest.len() >= min);
    let undouble = |rest: &str| {
        let b = rest.as_bytes();
        let l = b.len();
        // ASCII letters only: equal trailing bytes of a multi-byte character
        // ("₂" is E2 82 82) must not be cut.
        if l >= 2
            && b[l - 1] == b[l - 2]
            && b[l - 1].is_ascii_lowercase()
            && !matches!(b[l - 1], b'l' | b's' | b'z' | b'e' | b'o')
        {
            rest[..l - 1].to_string()
        } else {
            rest.to_string()
        }
    };
    if n <= 3 {
        return word.to_string();
    }
    if let Some(rest) = strip("ies", 2).or_else(|| strip("ied", 2)) {
        return format!("{rest}y");
    }
    if let Some(rest) = strip("ing", 3) {
        return restore_e(&undouble(rest));
    }
    if let Some(rest) = strip("ed", 3) {
        return restore_e(&undouble(rest));
    }
    if let Some(rest) = strip("ly", 4) {
        return rest.to_string();
    }
    if let Some(rest) = strip("es", 3).filter(|r| r.ends_with("sh") || r.ends_with("ch") || r.ends_with('x')) {
        return rest.to_string();
    }
    if let Some(rest) = strip("s", 3).filter(|r| !r.ends_with('s') && !r.ends_with('u') && !r.ends_with('i')) {
        // A plural of a derived form ("shootings") stems as the form.
        return stem(rest);
    }
    word.trim_end_matches('e').to_string()
}

/// Puts back nothing but drops a final `e` so that "strike"/"striking" and
/// "arrive"/"arrived" meet at "strik"/"arriv".
fn restore_e(rest: &str) -> String {
    rest.trim_end_matches('e').to_string()
}

/// Irregular verb forms frequent in news triggers, mapped to the stem the
/// regular rules give their base form.
fn irregular(word: &str) -> Option<&'static str> {
    Some(match word {
        "shot" => "shoot",
        "struck" => "strik",
        "hit" | "hits" | "hitting" => "hit",
        "won" | "wins" | "winning" | "win" => "win",
        "took" | "taken" | "takes" | "taking" | "take" => "tak",
        "fell" | "fallen" | "falls" | "fall" => "fall",
        "died" | "dies" | "dead" | "death" | "deaths" | "die" => "die",
        "killed" | "kills" | "killing" | "kill" | "killings" => "kill",
        "sent" => "send",
        "left" => "leave",
        "led" => "lead",
        "held" => "hold",
        "met" | "meets" | "meeting" | "meet" => "meet",
        "caught" => "catch",
        "fought" | "fight" | "fights" | "fighting" => "fight",
        "bought" => "buy",
        "sold" => "sell",
        "began" | "begun" => "begin",
        "gave" | "given" => "giv",
        "sank" | "sunk" => "sink",
        "broke" | "broken" => "break",
        "stole" | "stolen" => "steal",
        "quit" => "quit",
        "fled" => "flee",
        "swore" | "sworn" => "swear",
        "chose" | "chosen" => "choos",
        "ran" => "run",
        "arrest" | "arrests" | "arrested" | "arresting" => "arrest",
        _ => return None,
    })
}

/// 64-bit FNV-1a, finished with a SplitMix64 mix so that nearby inputs
/// spread over all bits (LSH bands take slices of the signature).
pub fn stable_hash(bytes: &[u8]) -> u64 {
    mix(newsgraph_core::fnv1a(0, bytes))
}

/// SplitMix64 finaliser.
pub fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` prefix; `None` for anything
/// coarser (a month or a year says too little to compare reports by).
pub fn day_number(value: &str) -> Option<i32> {
    let mut parts = value.get(..10)?.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_list_is_sorted_for_binary_search() {
        let mut sorted = STOP.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), STOP.len(), "duplicates in STOP");
        assert_eq!(sorted, STOP.to_vec());
    }

    #[test]
    fn inflections_meet() {
        assert_eq!(stem("captured"), stem("capture"));
        assert_eq!(stem("capturing"), stem("captures"));
        assert_eq!(stem("arrested"), "arrest");
        assert_eq!(stem("earthquakes"), stem("earthquake"));
        assert_eq!(stem("shootings"), stem("shooting"));
        assert_eq!(stem("stopped"), "stop");
    }

    #[test]
    fn any_word_stems_without_panicking() {
        for word in ["ing₂₂ing", "₂₂ed", "ééing", "ßßs", "x"] {
            stem(word);
        }
    }

    #[test]
    fn days_count_from_epoch() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2026-01-03").map(|d| d - day_number("2025-12-31").unwrap_or(0)), Some(3));
        assert_eq!(day_number("2026-01"), None);
    }

    #[test]
    fn folding_drops_accents_and_case() {
        assert_eq!(fold("Kyïv"), "kyiv");
        assert_eq!(words("Zelensky's plan").collect::<Vec<_>>(), ["zelensky", "s", "plan"]);
    }

    #[test]
    fn ascii_words_fold_as_every_other_word_does() {
        for word in ["NATO", "U.S.", "Kharkiv-based", "COVID-19", "e-mail", "a_b", "", "Q3"] {
            let by_tables: String = word.chars().flat_map(char::to_lowercase).filter(|c| c.is_alphanumeric()).collect();
            assert_eq!(fold(word), by_tables, "{word}");
        }
    }
}
