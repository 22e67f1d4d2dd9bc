//! Language identification (whatlang's trigram models), reported as ISO 639-1.

/// How much text is enough to tell the language; more only costs time.
const SAMPLE_BYTES: usize = 1024;

/// ISO 639-1 code of the language of `text`, or `und` when it cannot be told.
pub fn detect_language(text: &str) -> &'static str {
    let mut cut = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let sample = &text[..cut];
    if looks_english(sample) {
        return "en";
    }
    match whatlang::detect(sample) {
        Some(info) if info.is_reliable() => iso639_1(info.lang().code()),
        Some(info) if sample.split_whitespace().count() >= 5 => iso639_1(info.lang().code()),
        _ => "und",
    }
}

/// Short texts with many names defeat trigram statistics; a fair share of
/// words that are English-only function words still identifies them.
fn looks_english(sample: &str) -> bool {
    const FUNCTION_WORDS: &[&str] =
        &["the", "of", "and", "to", "that", "for", "with", "said", "was", "he", "it", "by", "has", "have", "from", "are", "will", "this", "would", "his", "says"];
    let (mut words, mut hits) = (0, 0);
    for word in sample.split_whitespace().take(200) {
        words += 1;
        hits += usize::from(FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(word)));
    }
    words > 0 && hits * 8 >= words
}

/// Maps whatlang's ISO 639-3 codes to ISO 639-1 (every language it knows).
fn iso639_1(code: &str) -> &'static str {
    const TABLE: &[(&str, &str)] = &[
        ("afr", "af"), ("aka", "ak"), ("amh", "am"), ("ara", "ar"), ("aze", "az"), ("bel", "be"),
        ("ben", "bn"), ("bul", "bg"), ("cat", "ca"), ("ces", "cs"), ("cmn", "zh"), ("dan", "da"),
        ("deu", "de"), ("ell", "el"), ("eng", "en"), ("epo", "eo"), ("est", "et"), ("fin", "fi"),
        ("fra", "fr"), ("guj", "gu"), ("heb", "he"), ("hin", "hi"), ("hrv", "hr"), ("hun", "hu"),
        ("hye", "hy"), ("ind", "id"), ("ita", "it"), ("jav", "jv"), ("jpn", "ja"), ("kan", "kn"),
        ("kat", "ka"), ("khm", "km"), ("kor", "ko"), ("lat", "la"), ("lav", "lv"), ("lit", "lt"),
        ("mal", "ml"), ("mar", "mr"), ("mkd", "mk"), ("mya", "my"), ("nep", "ne"), ("nld", "nl"),
        ("nob", "nb"), ("ori", "or"), ("pan", "pa"), ("pes", "fa"), ("pol", "pl"), ("por", "pt"),
        ("ron", "ro"), ("rus", "ru"), ("sin", "si"), ("slk", "sk"), ("slv", "sl"), ("sna", "sn"),
        ("spa", "es"), ("srp", "sr"), ("swe", "sv"), ("tam", "ta"), ("tel", "te"), ("tgl", "tl"),
        ("tha", "th"), ("tuk", "tk"), ("tur", "tr"), ("ukr", "uk"), ("urd", "ur"), ("uzb", "uz"),
        ("vie", "vi"), ("yid", "yi"), ("zul", "zu"),
    ];
    TABLE.iter().find(|(three, _)| *three == code).map_or("und", |(_, two)| two)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_german_russian() {
        assert_eq!(detect_language("The Kremlin said on Wednesday that talks would continue next week."), "en");
        assert_eq!(detect_language("Die Bundesregierung hat am Mittwoch neue Sanktionen gegen Russland beschlossen."), "de");
        assert_eq!(detect_language("Президент России заявил, что переговоры продолжатся на следующей неделе."), "ru");
    }

    #[test]
    fn short_english_is_english_and_empty_is_undetermined() {
        assert_eq!(detect_language("He said the talks failed."), "en");
        assert_eq!(detect_language(""), "und");
    }
}
