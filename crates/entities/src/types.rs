//! Refines the tagger's CoNLL classes to the contract's entity types with
//! the gazetteers: LOC becomes GPE, LOC, FAC (or ORG for seats of power
//! such as "the Kremlin"); MISC becomes NORP, EVENT or stays MISC.

use newsgraph_core::EntityType;

use crate::lexicon::{list, phrase_key, Lexicon};

/// Contract type of a mention the tagger put in CoNLL `class` (index into
/// `labels::CLASS_NAMES`), given its words.
pub fn refine(class: usize, words: &[&str], lexicon: &Lexicon) -> EntityType {
    let key = phrase_key(&words.join(" "));
    let phrase = lexicon.phrase(&key);
    if phrase & list::METONYM != 0 {
        return EntityType::Org;
    }
    let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    let last_bits = lexicon.word(&last);
    match class {
        0 => EntityType::Person,
        1 => EntityType::Org,
        2 => refine_location(phrase, last_bits, words.len()),
        _ => refine_misc(words, phrase, lexicon),
    }
}

fn refine_location(phrase: u16, last_bits: u16, len: usize) -> EntityType {
    if phrase & (list::COUNTRY | list::CITY | list::ADMIN) != 0 {
        EntityType::Gpe
    } else if phrase & list::REGION != 0 || (len > 1 && last_bits & list::LOC_WORD != 0) {
        EntityType::Loc
    } else if len > 1 && last_bits & list::FAC_WORD != 0 {
        EntityType::Fac
    } else {
        // Most unknown places in news are towns and provinces.
        EntityType::Gpe
    }
}

fn refine_misc(words: &[&str], phrase: u16, lexicon: &Lexicon) -> EntityType {
    let bits: Vec<u16> = words.iter().map(|w| lexicon.word(&w.to_lowercase())).collect();
    if bits.iter().any(|b| b & list::EVENT_WORD != 0) && words.len() > 1 {
        EntityType::Event
    } else if bits.last().is_some_and(|b| b & list::DEMONYM != 0) || looks_demonym(words) {
        EntityType::Norp
    } else if phrase & list::PLACE != 0 {
        // A known place the tagger could not place ("Donbas").
        refine_location(phrase, 0, words.len())
    } else {
        EntityType::Misc
    }
}

/// One capitalised word with a nationality ending ("Zambian", "Kenyans").
fn looks_demonym(words: &[&str]) -> bool {
    let [word] = words else { return false };
    let word = word.strip_suffix('s').unwrap_or(word);
    word.chars().next().is_some_and(char::is_uppercase)
        && ["ian", "ean", "ese", "ish", "ani", "i"].iter().any(|end| word.ends_with(end))
        && word.len() > 4
}

/// The CoNLL class a contract type maps to for scoring.
pub fn conll_class(kind: EntityType) -> &'static str {
    match kind {
        EntityType::Person => "PER",
        EntityType::Org => "ORG",
        EntityType::Gpe | EntityType::Loc | EntityType::Fac => "LOC",
        _ => "MISC",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_split_into_gpe_loc_fac() {
        let lexicon = Lexicon::embedded();
        assert_eq!(refine(2, &["Kharkiv"], &lexicon), EntityType::Gpe);
        assert_eq!(refine(2, &["Black", "Sea"], &lexicon), EntityType::Loc);
        assert_eq!(refine(2, &["Heathrow", "Airport"], &lexicon), EntityType::Fac);
        assert_eq!(refine(2, &["Kremlin"], &lexicon), EntityType::Org);
    }

    #[test]
    fn misc_splits_into_norp_and_event() {
        let lexicon = Lexicon::embedded();
        assert_eq!(refine(3, &["Ukrainian"], &lexicon), EntityType::Norp);
        assert_eq!(refine(3, &["World", "Cup"], &lexicon), EntityType::Event);
        assert_eq!(refine(3, &["Nobel"], &lexicon), EntityType::Misc);
    }
}
