//! Closed word classes the shallow clause analysis relies on, and the
//! upper-cased view of a sentence that dictionaries are matched against.

use std::collections::HashSet;
use std::sync::OnceLock;

use newsgraph_core::words::countries::countries;
use newsgraph_core::words::determiners::{self, Class, Person};
use newsgraph_core::words::reporting;
use newsgraph_core::{calendar, Document, Span, Token};

/// One sentence as upper-case words (curly apostrophes made straight).
pub struct View {
    pub spans: Vec<Span>,
    pub words: Vec<String>,
}

impl View {
    pub fn of_sentence(doc: &Document, index: usize) -> View {
        Self::of_tokens(&doc.text, doc.sentence_tokens(index))
    }

    pub fn of_tokens(text: &str, tokens: &[Token]) -> View {
        let spans: Vec<Span> = tokens.iter().map(Token::span).collect();
        let words = spans.iter().map(|s| normalise(s.slice(text))).collect();
        View { spans, words }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn word(&self, i: usize) -> &str {
        self.words.get(i).map_or("", String::as_str)
    }

    /// Byte span covering tokens `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.spans[start].start, self.spans[end.max(start + 1) - 1].end)
    }

    /// Whether token `i` starts with a capital letter in the text.
    pub fn capitalised(&self, text: &str, i: usize) -> bool {
        self.spans[i].slice(text).chars().next().is_some_and(char::is_uppercase)
    }
}

fn normalise(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' => out.push('\''),
            _ => out.extend(c.to_uppercase()),
        }
    }
    out
}

/// Determiners of an actor phrase: articles, demonstratives, third-person
/// possessives and quantifiers ("the", "these", "their", "both").
pub fn is_determiner(w: &str) -> bool {
    matches!(
        determiners::class(w),
        Some(Class::Article | Class::Demonstrative | Class::Possessive(Person::Third) | Class::Quantifier)
    )
}

/// Days and months, capitalised without naming anything ("the West Tuesday").
pub fn is_calendar_name(w: &str) -> bool {
    calendar::is_month_or_weekday(w)
}

pub fn is_be(w: &str) -> bool {
    matches!(w, "IS" | "ARE" | "WAS" | "WERE" | "BE" | "BEEN" | "BEING" | "'S" | "'RE" | "AM")
}

pub fn is_auxiliary(w: &str) -> bool {
    is_be(w)
        || is_modal(w)
        || matches!(w, "HAS" | "HAVE" | "HAD" | "DO" | "DOES" | "DID" | "'VE" | "'D" | "'LL" | "TO" | "GET" | "GOT")
}

pub fn is_modal(w: &str) -> bool {
    matches!(
        w,
        "WILL"
            | "WOULD"
            | "CAN"
            | "CAN'T"
            | "CANNOT"
            | "COULD"
            | "MAY"
            | "MIGHT"
            | "SHOULD"
            | "MUST"
            | "SHALL"
            | "WO"
            | "CA"
            | "'LL"
            | "'D"
    )
}

pub fn is_negation(w: &str) -> bool {
    matches!(w, "NOT" | "N'T" | "NEVER" | "NO" | "CANNOT" | "NOR" | "NEITHER")
}

/// Words that end a noun phrase going right and start a new constituent.
pub fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "WITH"
            | "TO"
            | "AT"
            | "ON"
            | "BY"
            | "AGAINST"
            | "FOR"
            | "OVER"
            | "INTO"
            | "ABOUT"
            | "TOWARD"
            | "TOWARDS"
            | "UPON"
            | "ACROSS"
            | "THROUGH"
            | "DURING"
            | "WITHOUT"
            | "BETWEEN"
            | "AMONG"
            | "NEAR"
            | "UNDER"
            | "BEYOND"
            | "AROUND"
            | "OUTSIDE"
            | "INSIDE"
            | "AFTER"
            | "BEFORE"
            | "SINCE"
            | "UNTIL"
            | "VIA"
            | "DESPITE"
            | "LIKE"
            | "THAN"
            | "AS"
            | "OF"
            | "IN"
            | "FROM"
    )
}

/// Words after which "to" is a preposition, not an infinitive marker
/// ("return to Cuba", "next to", "according to").
pub fn is_preposition_like_to(w: &str) -> bool {
    matches!(
        w,
        "ACCORDING"
            | "NEXT"
            | "DUE"
            | "THANKS"
            | "CLOSE"
            | "PRIOR"
            | "RETURN"
            | "RETURNED"
            | "SENT"
            | "TALK"
            | "TALKED"
            | "SPOKE"
            | "WROTE"
            | "TOLD"
    )
}

/// Words that open a subordinate or relative clause.
pub fn is_subordinator(w: &str) -> bool {
    matches!(
        w,
        "THAT"
            | "WHICH"
            | "WHO"
            | "WHOM"
            | "WHOSE"
            | "WHEN"
            | "WHERE"
            | "WHILE"
            | "BECAUSE"
            | "ALTHOUGH"
            | "THOUGH"
            | "IF"
            | "UNLESS"
            | "WHETHER"
            | "AFTER"
            | "BEFORE"
            | "SINCE"
            | "UNTIL"
            | "AS"
            | "WHAT"
            | "HOW"
            | "WHY"
    )
}

pub fn is_clause_punctuation(w: &str) -> bool {
    // Parentheses are left out: in news they mostly hold acronyms ("(ILO)").
    matches!(w, ";" | ":" | "--" | "\u{2014}" | "\u{2013}" | "\"" | "\u{201C}" | "\u{201D}" | "``" | "''")
}

pub fn is_conjunction(w: &str) -> bool {
    matches!(w, "AND" | "OR" | "NOR" | "," | "&" | "AS WELL")
}

/// Personal pronouns that can stand for an actor, and whether they refer to
/// a person (`he`) rather than a group (`it`, `they`).
pub fn pronoun(w: &str) -> Option<bool> {
    match w {
        "HE" | "SHE" | "HIS" | "HER" | "I" => Some(true),
        "IT" | "THEY" | "ITS" | "THEIR" | "WE" | "OUR" => Some(false),
        _ => None,
    }
}

/// Reporting verbs (`+report` in the shared list): a clause they govern is
/// the reported content.
pub fn is_reporting(w: &str) -> bool {
    static FORMS: OnceLock<HashSet<String>> = OnceLock::new();
    FORMS.get_or_init(|| verb_forms(|verb| verb.classes.report)).contains(w)
}

/// Verbs of saying (`+speech` in the shared list), whose object is what is
/// said (not a party).
pub fn is_speech_verb(w: &str) -> bool {
    static FORMS: OnceLock<HashSet<String>> = OnceLock::new();
    FORMS.get_or_init(|| verb_forms(|verb| verb.classes.speech)).contains(w)
}

/// Upper-case inflected forms of the selected reporting verbs. Base forms
/// ("report", "state") are as often nouns, and a word of a country's name
/// ("United States") names an actor: both are left out, as the coder reads
/// these words as verbs without looking at their context.
fn verb_forms(select: impl Fn(&reporting::Verb) -> bool) -> HashSet<String> {
    let in_country_name = |form: &str| {
        countries()
            .iter()
            .flat_map(|c| c.coded_names())
            .any(|name| name.split(' ').any(|w| w.eq_ignore_ascii_case(form)))
    };
    reporting::forms_where(select, |form| form != reporting::Form::Base)
        .filter(|form| !in_country_name(form))
        .map(str::to_uppercase)
        .collect()
}

/// Verbs (and nouns) that report a claim the writer does not vouch for.
pub fn is_claim_cue(w: &str) -> bool {
    matches!(
        w,
        "CLAIMED"
            | "CLAIMS"
            | "CLAIM"
            | "CLAIMING"
            | "ALLEGED"
            | "ALLEGES"
            | "ALLEGEDLY"
            | "ALLEGATION"
            | "ALLEGATIONS"
            | "PURPORTED"
            | "PURPORTEDLY"
            | "REPORTEDLY"
            | "SUPPOSEDLY"
            | "CALLS"
            | "CALLED"
            | "DUBBED"
    )
}

pub fn is_denial_cue(w: &str) -> bool {
    matches!(w, "DENIED" | "DENIES" | "DENY" | "DENYING" | "DENIAL" | "REJECTED" | "REFUTED" | "DISMISSED" | "DISPUTED")
}

/// Words after which an infinitive or noun is an intended, not a past, act.
pub fn is_intention(w: &str) -> bool {
    matches!(
        w,
        "PLAN"
            | "PLANS"
            | "PLANNED"
            | "PLANNING"
            | "INTEND"
            | "INTENDS"
            | "INTENDED"
            | "AIM"
            | "AIMS"
            | "AIMED"
            | "WANT"
            | "WANTS"
            | "WANTED"
            | "SEEK"
            | "SEEKS"
            | "SOUGHT"
            | "READY"
            | "WILLING"
            | "PREPARED"
            | "SCHEDULED"
            | "SET"
            | "EXPECTED"
            | "DUE"
            | "PLEDGED"
            | "PLEDGE"
            | "PLEDGES"
            | "PROMISED"
            | "PROMISES"
            | "VOWED"
            | "VOWS"
            | "AGREED"
            | "DECIDED"
            | "HOPES"
            | "HOPE"
            | "GOING"
            | "ABOUT"
            | "OFFERED"
            | "PROPOSED"
            | "THREATENED"
            | "THREATENS"
            | "ORDERED"
            | "COMMITTED"
            | "TRYING"
            | "TRIED"
            | "ATTEMPT"
            | "EFFORT"
            | "POSSIBILITY"
            | "PREPARING"
            | "UPCOMING"
            | "FUTURE"
            | "PROPOSAL"
            | "INTENTION"
            | "READINESS"
    )
}

/// Words that make what follows them hypothetical.
pub fn is_hypothetical(w: &str) -> bool {
    matches!(
        w,
        "COULD"
            | "WOULD"
            | "MIGHT"
            | "MAY"
            | "IF"
            | "UNLESS"
            | "WHETHER"
            | "POSSIBLY"
            | "PERHAPS"
            | "MAYBE"
            | "POTENTIAL"
            | "POTENTIALLY"
            | "LIKELY"
            | "UNLIKELY"
            | "SHOULD"
            | "'D"
            | "CAN"
            | "CA"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_apostrophes_are_straightened() {
        assert_eq!(normalise("won\u{2019}t"), "WON'T");
        assert_eq!(normalise("Kyiv"), "KYIV");
    }

    #[test]
    fn classes() {
        assert!(is_modal("WO"));
        assert!(is_negation("N'T"));
        assert_eq!(pronoun("SHE"), Some(true));
        assert!(!is_reporting("ATTACKED"));
        assert!(is_reporting("SAID") && is_reporting("BELIEVES") && !is_reporting("STATES"));
        assert!(is_speech_verb("ANNOUNCING") && is_speech_verb("CLAIMS") && !is_speech_verb("BELIEVED"));
        assert!(is_determiner("THEIR") && !is_determiner("OUR") && !is_determiner("SEVERAL"));
        assert!(is_calendar_name("MAY"));
    }
}
