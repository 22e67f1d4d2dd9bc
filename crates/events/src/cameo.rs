//! CAMEO codes: their PLOVER event type (after the PLOVER project's
//! CAMEO2PLOVER 2021 table), and the shared country table
//! (`newsgraph_core::words::countries`) read as CAMEO actor codes: ISO
//! alpha-3 codes to alpha-2 countries, names and capitals to entries.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::dict::{DatedCode, Entry, EntryKind};
use newsgraph_core::words::countries::countries;

/// PLOVER type of a CAMEO code (`"192"`, `"0871"`), following the CAMEO to
/// PLOVER table of 17 September 2021. PLOVER has no type for CAMEO's
/// statements (01), which are typed `STATEMENT`; appeals (02) are typed
/// `REQUEST` like demands. Unknown codes yield `None`.
pub fn plover(code: &str) -> Option<&'static str> {
    if code.len() < 2 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let root: u32 = code[..2].parse().ok()?;
    let third = code.as_bytes().get(2).map(|b| b - b'0');
    let fourth = code.as_bytes().get(3).map(|b| b - b'0');
    Some(match (root, third, fourth) {
        (1, ..) => "STATEMENT",
        // The 2021 table has no row for appeals; PLOVER's REQUEST covers them.
        (2, ..) => "REQUEST",
        (3, ..) => "AGREE",
        (4, ..) => "CONSULT",
        (5, ..) => "SUPPORT",
        (6, ..) => "COOPERATE",
        (7, ..) => "AID",
        // 080-083 yield politically; 084-087 give ground; 0813/0814 ease curfews and emergencies.
        (8, Some(1), Some(3 | 4)) => "RETREAT",
        (8, Some(4..=7), _) => "RETREAT",
        (8, ..) => "CONCEDE",
        (9, ..) => "ACCUSE",
        (10, ..) => "REQUEST",
        (11, ..) => "ACCUSE",
        (12, ..) => "REJECT",
        (13, ..) => "THREATEN",
        (14, ..) => "PROTEST",
        (15, ..) => "MOBILIZE",
        (16, Some(3), _) => "COERCE",
        (16, ..) => "SANCTION",
        (17, Some(1), Some(2)) => "ASSAULT",
        (17, Some(5), _) => "ASSAULT",
        (17, ..) => "COERCE",
        (18, ..) => "ASSAULT",
        (19, Some(1 | 2), _) => "COERCE",
        (19, ..) => "ASSAULT",
        (20, ..) => "ASSAULT",
        _ => return None,
    })
}

/// Whether a CAMEO code is a speech act rather than a material act
/// (statements, appeals, intents, verbal conflict up to threats).
pub fn is_verbal(code: &str) -> bool {
    matches!(code.get(..2), Some("01" | "02" | "03" | "04" | "05" | "09" | "10" | "11" | "12" | "13"))
}

/// Whether the speaker performs the act by saying it (statements, appeals,
/// intents, demands, disapproval, rejections, threats).
pub fn is_speech_act(code: &str) -> bool {
    matches!(code.get(..2), Some("01" | "02" | "03" | "10" | "11" | "12" | "13"))
}

/// Whether an event with a target but no source is still worth reporting:
/// acts whose victims are named more often than their authors.
pub fn needs_no_source(code: &str) -> bool {
    matches!(code.get(..2), Some("09" | "17" | "18" | "19" | "20"))
}

/// The intent (03) or threat (13) code for a promised or announced act:
/// "will provide aid" is 033, "will attack" is 138. Verbal codes and codes
/// without an intent counterpart come back unchanged.
pub fn intent_of(code: &str) -> String {
    let digits = |k: usize| code.as_bytes().get(k).map(|b| b - b'0');
    let same = || code.to_string();
    let s = |c: &str| c.to_string();
    match (code.get(..2), digits(2), digits(3)) {
        // "will mediate" is the intent to mediate, not to meet.
        (Some("04"), Some(5), _) => s("039"),
        (Some("04"), ..) => s("036"),
        (Some("05"), ..) => s("032"),
        (Some("06"), Some(d @ 1..=4), _) => format!("031{d}"),
        (Some("06"), ..) => s("031"),
        (Some("07"), Some(d @ 1..=4), _) => format!("033{d}"),
        (Some("07"), ..) => s("033"),
        (Some("08"), Some(2), _) => s("0352"),
        (Some("08"), Some(3), _) => s("034"),
        (Some("08"), Some(4), _) => s("0353"),
        (Some("08"), Some(5), _) => s("0354"),
        (Some("08"), Some(6), _) => s("0355"),
        (Some("08"), Some(7), _) => s("0356"),
        (Some("08"), Some(1), _) => s("0351"),
        (Some("08"), ..) => s("035"),
        (Some("14"), ..) => s("133"),
        (Some("15"), ..) => s("138"),
        (Some("16"), Some(1), _) => s("1313"),
        (Some("16"), Some(2), _) => s("1311"),
        (Some("16"), Some(3), _) => s("1312"),
        (Some("16"), Some(4), _) => s("134"),
        (Some("16"), Some(5), _) => s("135"),
        (Some("16"), Some(6), _) => s("136"),
        (Some("16"), ..) => s("131"),
        (Some("17"), Some(2), Some(d @ 1..=4)) => format!("132{d}"),
        (Some("17"), Some(2), _) => s("132"),
        (Some("17"), ..) => s("130"),
        (Some("19"), Some(1), _) => s("1381"),
        (Some("19"), Some(2), _) => s("1382"),
        (Some("19"), Some(4 | 5), _) => s("1384"),
        (Some("18" | "19"), ..) => s("138"),
        (Some("20"), Some(4), _) => s("1385"),
        (Some("20"), ..) => s("1383"),
        _ => same(),
    }
}

/// The demand (10) code for an act someone says another party must do:
/// "Sudan must return the helicopter" is a demand to release property.
pub fn demand_of(code: &str) -> String {
    let digits = |k: usize| code.as_bytes().get(k).map(|b| b - b'0');
    let s = |c: &str| c.to_string();
    match (code.get(..2), digits(2)) {
        (Some("03" | "04"), _) => s("106"),
        (Some("05"), _) => s("102"),
        (Some("06"), Some(d @ 1..=4)) => format!("101{d}"),
        (Some("06"), _) => s("101"),
        (Some("07"), Some(d @ 1..=4)) => format!("103{d}"),
        (Some("07"), _) => s("103"),
        (Some("08"), Some(4)) => s("1053"),
        (Some("08"), Some(5)) => s("1054"),
        (Some("08"), Some(6)) => s("1055"),
        (Some("08"), Some(7)) => s("1056"),
        (Some("08"), _) => s("105"),
        (Some("01" | "02" | "10" | "11" | "12" | "13"), _) => code.to_string(),
        _ => s("100"),
    }
}

/// ISO alpha-2 of an actor code whose first three letters are a country.
pub fn alpha2(actor: &str) -> Option<&'static str> {
    static INDEX: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    let index = INDEX.get_or_init(|| countries().iter().map(|c| (c.alpha3, c.alpha2)).collect());
    index.get(actor.get(..3)?).copied()
}

/// ISO alpha-3 of an alpha-2 code.
pub fn alpha3(alpha2: &str) -> Option<&'static str> {
    countries().iter().find(|c| c.alpha2.eq_ignore_ascii_case(alpha2)).map(|c| c.alpha3)
}

/// Dictionary entries for every country: names and adjectives code to the
/// country, capitals (as metonyms: "Kyiv denied") to its government.
pub fn country_entries() -> Vec<Entry> {
    let mut out = Vec::new();
    for country in countries() {
        let code = |suffix: &str| {
            EntryKind::Actor(vec![DatedCode { code: format!("{}{suffix}", country.alpha3), from: None, to: None }])
        };
        for name in country.coded_names().chain(country.demonyms.iter().copied()) {
            out.push(Entry { words: phrase_words(name), kind: code("") });
        }
        for capital in &country.capitals {
            out.push(Entry { words: phrase_words(capital), kind: code("GOV") });
        }
    }
    out
}

/// Upper-case tokens of a name as the tokenizer splits it ("People's" ->
/// "PEOPLE", "'S").
fn phrase_words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in name.split_whitespace() {
        let upper = word.to_uppercase().replace('\u{2019}', "'");
        match upper.strip_suffix("'S") {
            Some(stem) if !stem.is_empty() => {
                out.push(stem.to_string());
                out.push("'S".to_string());
            }
            _ => out.push(upper),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plover_types_follow_the_table() {
        assert_eq!(plover("192"), Some("COERCE"));
        assert_eq!(plover("190"), Some("ASSAULT"));
        assert_eq!(plover("0871"), Some("RETREAT"));
        assert_eq!(plover("081"), Some("CONCEDE"));
        assert_eq!(plover("0813"), Some("RETREAT"));
        assert_eq!(plover("163"), Some("COERCE"));
        assert_eq!(plover("1712"), Some("ASSAULT"));
        assert_eq!(plover("010"), Some("STATEMENT"));
        assert_eq!(plover("023"), Some("REQUEST"));
        assert_eq!(plover("abc"), None);
    }

    #[test]
    fn intents() {
        assert_eq!(intent_of("040"), "036");
        assert_eq!(intent_of("045"), "039");
        assert_eq!(intent_of("072"), "0332");
        assert_eq!(intent_of("190"), "138");
        assert_eq!(intent_of("192"), "1382");
        assert_eq!(intent_of("010"), "010");
        assert_eq!(intent_of("120"), "120");
    }

    #[test]
    fn countries_map_both_ways() {
        assert_eq!(alpha2("RUSGOV"), Some("RU"));
        assert_eq!(alpha2("NATO"), None);
        assert_eq!(alpha3("ua"), Some("UKR"));
        assert!(countries().len() > 190);
    }
}
