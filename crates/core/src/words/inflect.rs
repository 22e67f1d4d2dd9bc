//! Regular English inflection of verbs (and the -s plural of nouns), enough
//! to derive the forms of a word list from its dictionary forms.

fn is_vowel(byte: u8) -> bool {
    matches!(byte, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn ends_with_consonant_y(word: &str) -> bool {
    let bytes = word.as_bytes();
    bytes.len() >= 2 && bytes[bytes.len() - 1] == b'y' && !is_vowel(bytes[bytes.len() - 2])
}

/// The -s form: third person singular of a verb, plural of a noun
/// ("denies", "wishes", "agencies").
pub fn s_form(word: &str) -> String {
    if ends_with_consonant_y(word) {
        format!("{}ies", &word[..word.len() - 1])
    } else if ["s", "sh", "ch", "x", "z", "o"].iter().any(|end| word.ends_with(end)) {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

/// Whether the final consonant doubles before -ed/-ing: one-syllable
/// consonant-vowel-consonant words ("plan", "quip") and stressed endings
/// ("admit", "concur").
fn doubles_final(lemma: &str) -> bool {
    let bytes = lemma.as_bytes();
    let n = bytes.len();
    if n < 3 {
        return false;
    }
    let (a, b, c) = (bytes[n - 3], bytes[n - 2], bytes[n - 1]);
    // The u of "qu" is a consonant here ("quipped").
    let a_consonant = !is_vowel(a) || (a == b'u' && n >= 4 && bytes[n - 4] == b'q');
    let cvc = a_consonant && is_vowel(b) && !is_vowel(c) && !matches!(c, b'w' | b'x' | b'y');
    let syllables =
        bytes.windows(2).filter(|w| !is_vowel(w[0]) && is_vowel(w[1])).count() + usize::from(is_vowel(bytes[0]));
    cvc && (syllables == 1 || ["mit", "cur", "fer"].iter().any(|end| lemma.ends_with(end)))
}

/// The regular past ("stated", "denied", "planned").
pub fn past(lemma: &str) -> String {
    if lemma.ends_with('e') {
        format!("{lemma}d")
    } else if ends_with_consonant_y(lemma) {
        format!("{}ied", &lemma[..lemma.len() - 1])
    } else if doubles_final(lemma) {
        format!("{lemma}{}ed", &lemma[lemma.len() - 1..])
    } else {
        format!("{lemma}ed")
    }
}

/// The -ing form ("stating", "lying", "admitting").
pub fn gerund(lemma: &str) -> String {
    if let Some(stem) = lemma.strip_suffix("ie") {
        format!("{stem}ying")
    } else if lemma.ends_with('e') && !lemma.ends_with("ee") {
        format!("{}ing", &lemma[..lemma.len() - 1])
    } else if doubles_final(lemma) {
        format!("{lemma}{}ing", &lemma[lemma.len() - 1..])
    } else {
        format!("{lemma}ing")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_forms() {
        assert_eq!(s_form("deny"), "denies");
        assert_eq!(s_form("stress"), "stresses");
        assert_eq!(s_form("agency"), "agencies");
        assert_eq!(past("admit"), "admitted");
        assert_eq!(past("quip"), "quipped");
        assert_eq!(past("answer"), "answered");
        assert_eq!(past("deny"), "denied");
        assert_eq!(gerund("state"), "stating");
        assert_eq!(gerund("agree"), "agreeing");
        assert_eq!(gerund("lie"), "lying");
    }
}
