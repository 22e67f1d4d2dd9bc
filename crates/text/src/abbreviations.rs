//! Word lists the tokenizer and sentence splitter consult (written by us).

/// Words whose following period belongs to the word ("Gen.", "Jan.").
/// Lower-cased; months and titles must be capitalised in the text.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "adm", "cmdr",
    "gov", "sen", "rep", "rev", "st", "ste", "mt", "ft", "jr", "sr", "inc", "corp", "ltd", "co", "bros", "vs", "etc",
    "dept", "univ", "assn", "est", "approx", "fig", "pres", "supt", "det", "insp", "amb", "atty", "hon", "messrs",
    "mme", "mlle", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "ala", "ariz", "ark", "calif", "colo", "conn", "del",
    "fla", "ga", "ill", "ind", "kan", "kans", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb",
    "nev", "okla", "ore", "pa", "penn", "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "no", "nos", "vol", "pp",
    "ch", "sec", "art",
];

/// Abbreviations that precede a name or number and so never end a sentence.
const NEVER_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "adm", "cmdr",
    "gov", "sen", "rep", "rev", "st", "mt", "ft", "pres", "supt", "det", "insp", "amb", "atty", "hon", "messrs", "mme",
    "mlle", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "vol",
    "pp", "ch", "vs", "art",
];

/// Capitalised words that usually open a sentence, used to decide whether an
/// abbreviation such as "U.S." or "Inc." also ends one.
const SENTENCE_STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "in",
    "on",
    "at",
    "for",
    "as",
    "after",
    "before",
    "when",
    "while",
    "if",
    "although",
    "though",
    "however",
    "meanwhile",
    "still",
    "also",
    "some",
    "many",
    "most",
    "no",
    "not",
    "what",
    "who",
    "why",
    "how",
    "where",
    "officials",
    "both",
    "all",
    "each",
    "one",
    "since",
    "until",
    "during",
    "despite",
    "according",
    "earlier",
    "later",
    "last",
    "next",
    "by",
    "from",
    "with",
    "without",
    "under",
];

fn contains(list: &[&str], word: &str) -> bool {
    word.len() <= 8 && list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether `word` (without its period) takes the following period.
pub fn is_abbreviation(word: &str) -> bool {
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    contains(ABBREVIATIONS, word) && (capitalised || !is_capitalised_only(word))
}

/// Months, days and titles only count when capitalised ("Jan." but not "jan.").
fn is_capitalised_only(word: &str) -> bool {
    contains(NEVER_FINAL, word) || matches!(word.to_ascii_lowercase().as_str(), "mon" | "sun" | "sat" | "wed" | "fri")
}

/// Whether an abbreviation (given without its final period) can never end a sentence.
pub fn never_final(word: &str) -> bool {
    contains(NEVER_FINAL, word)
}

/// Whether a capitalised word typically starts a new sentence.
pub fn is_sentence_starter(word: &str) -> bool {
    contains(SENTENCE_STARTERS, word)
}
