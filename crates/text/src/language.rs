//! Language identification, reported as ISO 639-1.
//!
//! Trigram statistics (whatlang) alone send short and name-heavy English
//! to other languages: a one-sentence lede came out Dutch or Estonian, a
//! football results table Danish or Javanese, and every English-only stage
//! was then skipped. Text in Latin script is therefore decided by function
//! words, which names and figures do not have: English unless another
//! language's function words clearly outnumber English ones. Trigrams only
//! separate close neighbours (Danish from Norwegian, Spanish from
//! Portuguese) and identify the other scripts, where they are reliable.

use std::collections::HashMap;
use std::sync::OnceLock;

use whatlang::{Detector, Lang};

/// How much text is enough to tell the language; more only costs time.
const SAMPLE_BYTES: usize = 4096;

/// Function words of each language written in Latin script, lower-case
/// (at most 32 languages: they are bits of a `u32`). A word may be listed
/// for several languages; it then counts for each.
const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was", "at", "by", "it",
            "from", "he", "his", "said", "says", "has", "have", "had", "are", "were", "be", "been", "will", "would",
            "this", "which", "who", "but", "not", "an", "its", "their", "they", "after", "over", "also", "about",
            "more", "than", "up", "new", "last", "could", "we", "you", "she", "her", "our", "can", "may", "told",
            "there", "what", "when", "all", "out", "into", "if", "before", "against", "while", "since", "during",
            "under", "between", "because", "just", "other", "some", "first", "those", "these", "them", "him", "should",
            "did", "does", "won", "beat", "met", "versus", "vs", "cent", "percent", "shares", "points", "minutes",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "das", "und", "ist", "nicht", "mit", "von", "zu", "den", "des", "auf", "für", "sich", "dem",
            "ein", "eine", "einen", "einer", "im", "auch", "es", "hat", "wird", "werden", "bei", "nach", "wie", "sie",
            "er", "wir", "ich", "aus", "um", "am", "noch", "nur", "über", "sind", "war", "vor", "zum", "zur", "durch",
            "haben", "oder", "wenn", "aber", "als", "dass", "kann", "soll", "gegen", "seit", "bis", "unter", "sein",
            "seine", "ihre", "ihr", "man", "mehr", "schon", "sagte", "heute", "wurde", "wurden",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "de", "des", "du", "et", "est", "en", "un", "une", "que", "qui", "pour", "dans", "pas",
            "sur", "au", "aux", "par", "ne", "se", "ce", "il", "elle", "ils", "sont", "a", "été", "avec", "plus",
            "mais", "ont", "son", "sa", "ses", "leur", "nous", "vous", "cette", "comme", "lui", "fait", "dit", "selon",
            "entre", "après", "être", "sans", "tout", "l", "qu",
        ],
    ),
    (
        "es",
        &[
            "el", "la", "los", "las", "de", "del", "y", "que", "en", "un", "una", "es", "por", "para", "con", "no",
            "se", "al", "lo", "su", "sus", "como", "más", "pero", "ha", "han", "fue", "este", "esta", "son", "entre",
            "también", "desde", "sobre", "dijo", "hasta", "ya", "muy", "sin", "año", "según", "está",
        ],
    ),
    (
        "it",
        &[
            "il", "la", "lo", "le", "gli", "di", "del", "della", "dei", "delle", "e", "è", "che", "un", "una", "per",
            "con", "non", "si", "da", "al", "alla", "nel", "nella", "sono", "ha", "hanno", "anche", "come", "più",
            "ma", "questo", "questa", "stato", "essere", "dopo", "tra", "fra", "ad", "ed", "ci", "l", "dell",
        ],
    ),
    (
        "pt",
        &[
            "o", "a", "os", "as", "de", "do", "da", "dos", "das", "e", "é", "que", "um", "uma", "para", "com", "não",
            "se", "em", "no", "na", "nos", "nas", "por", "mais", "ao", "à", "como", "foi", "são", "pelo", "pela",
            "mas", "também", "seu", "sua", "entre", "já", "está", "ser", "após", "disse",
        ],
    ),
    (
        "ca",
        &[
            "el", "la", "els", "les", "de", "del", "i", "que", "en", "un", "una", "és", "per", "amb", "no", "es", "al",
            "als", "pel", "més", "però", "ha", "han", "va", "ser", "aquest", "aquesta", "també",
        ],
    ),
    (
        "nl",
        &[
            "de", "het", "een", "en", "van", "in", "is", "dat", "op", "te", "met", "voor", "niet", "zijn", "er", "aan",
            "ook", "als", "bij", "door", "om", "maar", "naar", "dan", "nog", "wordt", "werd", "heeft", "hebben", "uit",
            "over", "tot", "zich", "deze", "dit", "wat", "zo", "kan", "worden", "was", "hij", "ze",
        ],
    ),
    (
        "af",
        &[
            "die", "en", "van", "is", "het", "nie", "in", "te", "wat", "op", "vir", "met", "sy", "hy", "om", "aan",
            "word", "ook", "was", "ons", "hulle", "maar", "by",
        ],
    ),
    (
        "sv",
        &[
            "och", "i", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den", "har", "de", "inte",
            "om", "ett", "var", "jag", "han", "hon", "men", "vi", "ska", "kan", "efter", "också", "från", "sig", "sin",
            "när", "eller", "nu", "så", "vid", "under",
        ],
    ),
    (
        "da",
        &[
            "og", "i", "at", "det", "som", "en", "på", "er", "af", "for", "med", "til", "den", "har", "de", "ikke",
            "om", "et", "var", "jeg", "han", "hun", "men", "vi", "skal", "kan", "efter", "også", "fra", "sig", "sin",
            "når", "eller", "nu", "så", "ved", "blev", "være",
        ],
    ),
    (
        "nb",
        &[
            "og", "i", "at", "det", "som", "en", "på", "er", "av", "for", "med", "til", "den", "har", "de", "ikke",
            "om", "et", "var", "jeg", "han", "hun", "men", "vi", "skal", "kan", "etter", "også", "fra", "seg", "sin",
            "når", "eller", "nå", "så", "ved", "ble", "være",
        ],
    ),
    (
        "fi",
        &[
            "ja", "on", "ei", "se", "että", "oli", "hän", "ovat", "mutta", "kun", "myös", "tai", "joka", "mitä",
            "kuin", "sen", "ole", "vain", "nyt", "jo", "niin", "tämä", "hänen", "he", "olla", "voi", "mukaan",
            "vuonna",
        ],
    ),
    (
        "et",
        &[
            "ja", "on", "et", "ei", "see", "ta", "kui", "oli", "ka", "mis", "aga", "nii", "või", "ning", "tema", "oma",
            "kes", "seda", "ole",
        ],
    ),
    (
        "pl",
        &[
            "i", "w", "na", "z", "że", "się", "nie", "do", "to", "jest", "o", "jak", "ale", "po", "co", "tak", "za",
            "od", "jego", "przez", "dla", "przy", "być", "już", "tym", "oraz", "który", "która", "które", "są", "był",
            "była", "także", "może",
        ],
    ),
    (
        "cs",
        &[
            "a", "v", "na", "se", "že", "je", "to", "s", "z", "o", "do", "jako", "ale", "po", "by", "jsou", "byl",
            "bylo", "jeho", "pro", "podle", "také", "který", "která", "které", "už", "při", "jen", "tak", "nebo",
        ],
    ),
    (
        "sk",
        &[
            "a", "v", "na", "sa", "že", "je", "to", "s", "z", "o", "do", "ako", "ale", "po", "by", "sú", "bol", "bolo",
            "jeho", "pre", "podľa", "tiež", "ktorý", "ktorá", "ktoré", "už", "pri", "len", "tak", "alebo",
        ],
    ),
    ("sl", &["in", "je", "na", "da", "se", "za", "so", "od", "z", "s", "ne", "ki", "kot", "tudi", "pa", "bil", "bila"]),
    (
        "hr",
        &[
            "i", "u", "je", "na", "da", "se", "za", "su", "od", "s", "sa", "ne", "koji", "koja", "koje", "kao", "što",
            "ali", "iz", "bio", "bila", "o", "te", "će", "biti", "nije",
        ],
    ),
    (
        "ro",
        &[
            "și", "în", "de", "la", "a", "cu", "că", "nu", "pe", "o", "un", "este", "sunt", "din", "pentru", "care",
            "mai", "fost", "se", "ce", "au", "al", "ale", "lui", "iar", "acest", "această", "după", "între",
        ],
    ),
    (
        "hu",
        &[
            "a", "az", "és", "hogy", "nem", "is", "egy", "van", "meg", "de", "már", "volt", "csak", "mint", "még",
            "ez", "azt", "ki", "el", "vagy", "lesz", "pedig", "szerint", "után",
        ],
    ),
    (
        "tr",
        &[
            "ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "çok", "daha", "gibi", "ne", "ki", "olan", "en",
            "sonra", "kadar", "var", "değil", "ise", "ama", "göre", "şu", "her",
        ],
    ),
    (
        "id",
        &[
            "yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "dalam", "tidak", "akan", "pada", "juga",
            "ke", "karena", "ada", "oleh", "sebagai", "mereka", "telah", "bahwa", "atau", "kata",
        ],
    ),
    (
        "jv",
        &[
            "lan", "ing", "iku", "kang", "ora", "sing", "karo", "wong", "ana", "uga", "saka", "kanggo", "kuwi", "dadi",
            "menyang",
        ],
    ),
    ("tl", &["ang", "ng", "sa", "mga", "na", "at", "ay", "si", "ni", "para", "hindi", "ito", "kay", "siya"]),
    (
        "eo",
        &[
            "la", "kaj", "de", "en", "estas", "al", "ke", "ne", "por", "kun", "li", "ŝi", "ili", "estis", "pri", "sed",
            "tiu", "ankaŭ",
        ],
    ),
    ("lt", &["ir", "kad", "yra", "į", "su", "iš", "o", "bet", "tai", "jo", "buvo", "per", "kaip", "ne"]),
    ("lv", &["un", "ir", "ka", "ar", "no", "uz", "par", "kas", "arī", "bet", "tas", "viņš", "bija", "ne"]),
    (
        "vi",
        &["và", "của", "là", "có", "được", "trong", "cho", "không", "các", "những", "một", "với", "đã", "này", "người"],
    ),
    ("sw", &["na", "ya", "wa", "kwa", "za", "la", "katika", "ni", "kuwa", "hiyo", "hii"]),
];

const _: () = assert!(FUNCTION_WORDS.len() <= 32, "languages are bits of a u32");

/// Lower-case words that start names in many languages ("Atletico de
/// Madrid", "Van Gaal", "al-Assad"): before a capitalised word they are
/// no evidence of a language other than English.
const NAME_PARTICLES: &[&str] =
    &["de", "del", "della", "di", "da", "do", "dos", "du", "la", "le", "el", "van", "von", "al", "y", "e"];

/// ISO 639-1 code of the language of `text`, or `und` when it cannot be told.
pub fn detect_language(text: &str) -> &'static str {
    let mut cut = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let sample = &text[..cut];
    let (latin, other) = sample.chars().filter(|c| c.is_alphabetic()).fold((0, 0), |(latin, other), c| {
        if is_latin(c) {
            (latin + 1, other)
        } else {
            (latin, other + 1)
        }
    });
    if latin == 0 && other == 0 {
        return "und";
    }
    if other > latin {
        return by_trigrams(sample);
    }
    by_function_words(sample)
}

/// Latin letters: ASCII, Latin-1, Latin Extended A/B and Additional.
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

/// Non-Latin scripts: whatlang's trigram and script models.
fn by_trigrams(sample: &str) -> &'static str {
    match whatlang::detect(sample) {
        Some(info) if info.is_reliable() || sample.split_whitespace().count() >= 5 => iso639_1(info.lang().code()),
        _ => "und",
    }
}

/// Latin script: English unless another language's function words are at
/// least two and half as many again as the English ones.
fn by_function_words(sample: &str) -> &'static str {
    let hits = function_word_hits(sample);
    let english = hits.first().map_or(0, |&(_, n)| n);
    let best = hits[1..].iter().map(|&(_, n)| n).max().unwrap_or(0);
    if best < 2 || 2 * best <= 3 * english {
        return "en";
    }
    // Close neighbours share most function words: let trigrams choose
    // among the languages within a quarter of the best count.
    let close: Vec<&'static str> =
        hits[1..].iter().filter(|&&(_, n)| 4 * n >= 3 * best).map(|&(code, _)| code).collect();
    if let [only] = close.as_slice() {
        return only;
    }
    let allowed: Vec<Lang> = close.iter().filter_map(|two| iso639_3(two)).filter_map(Lang::from_code).collect();
    Detector::with_allowlist(allowed)
        .detect(sample)
        .map(|info| iso639_1(info.lang().code()))
        .filter(|code| close.contains(code))
        .unwrap_or(close[0])
}

/// Function-word counts per language of `FUNCTION_WORDS`, in its order
/// (English first). Only words written in lower case count, or any word of
/// an all-capitals text (headlines): capitalised words are names. A name
/// particle before a capitalised word, and a single letter ("v" in
/// fixtures, "s" after an apostrophe, list markers), count for English only.
fn function_word_hits(sample: &str) -> Vec<(&'static str, usize)> {
    // Apostrophes split too: French "l'homme" gives "l".
    let words: Vec<&str> = sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).collect();
    let shouting = !words.iter().any(|w| w.chars().any(char::is_lowercase));
    let languages = languages_of_words();
    let mut hits: Vec<(&'static str, usize)> = FUNCTION_WORDS.iter().map(|&(code, _)| (code, 0)).collect();
    for (i, word) in words.iter().enumerate() {
        if !shouting && word.chars().any(char::is_uppercase) {
            continue;
        }
        let lower = word.to_lowercase();
        let Some(&set) = languages.get(lower.as_str()) else {
            continue;
        };
        let before_name = !shouting && words.get(i + 1).is_some_and(|next| next.starts_with(char::is_uppercase));
        let weak = lower.chars().nth(1).is_none() || before_name && NAME_PARTICLES.contains(&lower.as_str());
        // English is bit 0, the first of `FUNCTION_WORDS`.
        let set = if weak { set & 1 } else { set };
        for (language, (_, count)) in hits.iter_mut().enumerate() {
            *count += usize::from(set & (1 << language) != 0);
        }
    }
    hits
}

/// Each function word and the set of languages (bit `i` for entry `i` of
/// `FUNCTION_WORDS`) it belongs to, built once: one lookup per word of the
/// sample instead of a scan of every list.
fn languages_of_words() -> &'static HashMap<&'static str, u32> {
    static LANGUAGES: OnceLock<HashMap<&'static str, u32>> = OnceLock::new();
    LANGUAGES.get_or_init(|| {
        let mut map: HashMap<&'static str, u32> = HashMap::new();
        for (language, (_, words)) in FUNCTION_WORDS.iter().enumerate() {
            for word in *words {
                *map.entry(word).or_default() |= 1 << language;
            }
        }
        map
    })
}

/// whatlang's ISO 639-3 codes and their ISO 639-1 codes (every language it knows).
const ISO_639: &[(&str, &str)] = &[
    ("afr", "af"),
    ("aka", "ak"),
    ("amh", "am"),
    ("ara", "ar"),
    ("aze", "az"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cmn", "zh"),
    ("dan", "da"),
    ("deu", "de"),
    ("ell", "el"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("guj", "gu"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("ind", "id"),
    ("ita", "it"),
    ("jav", "jv"),
    ("jpn", "ja"),
    ("kan", "kn"),
    ("kat", "ka"),
    ("khm", "km"),
    ("kor", "ko"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mal", "ml"),
    ("mar", "mr"),
    ("mkd", "mk"),
    ("mya", "my"),
    ("nep", "ne"),
    ("nld", "nl"),
    ("nob", "nb"),
    ("ori", "or"),
    ("pan", "pa"),
    ("pes", "fa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rus", "ru"),
    ("sin", "si"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("sna", "sn"),
    ("spa", "es"),
    ("srp", "sr"),
    ("swe", "sv"),
    ("tam", "ta"),
    ("tel", "te"),
    ("tgl", "tl"),
    ("tha", "th"),
    ("tuk", "tk"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("vie", "vi"),
    ("yid", "yi"),
    ("zul", "zu"),
];

fn iso639_1(code: &str) -> &'static str {
    ISO_639.iter().find(|(three, _)| *three == code).map_or("und", |(_, two)| two)
}

fn iso639_3(code: &str) -> Option<&'static str> {
    ISO_639.iter().find(|(_, two)| *two == code).map(|(three, _)| *three)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_german_russian() {
        assert_eq!(detect_language("The Kremlin said on Wednesday that talks would continue next week."), "en");
        assert_eq!(
            detect_language("Die Bundesregierung hat am Mittwoch neue Sanktionen gegen Russland beschlossen."),
            "de"
        );
        assert_eq!(detect_language("Президент России заявил, что переговоры продолжатся на следующей неделе."), "ru");
    }

    #[test]
    fn short_english_is_english_and_empty_is_undetermined() {
        assert_eq!(detect_language("He said the talks failed."), "en");
        assert_eq!(detect_language(""), "und");
        assert_eq!(detect_language("12 345 -- 67"), "und");
    }
}
