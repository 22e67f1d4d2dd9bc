//! Corrections of the tagger's spans that need a view of the whole
//! sentence pattern, applied before grouping:
//! - a parenthesised given name inside a name joins it ("President
//!   (Donald) Trump" is one person);
//! - a quoted multi-word name with name-internal "of the" is one name
//!   ('the "Alliance of the Willing"');
//! - a quoted word before a group noun names a unit, not a place
//!   ('the "North" forces');
//! - a name before app/platform/messenger words, or a well-known app after
//!   "on"/"via", is a PRODUCT ('on the "Telegram" app');
//! - job titles alone ("Chief of Staff") and adjectives derived from
//!   organisation or office words ("Congressional") are no entities;
//! - a span opened on a courtesy title ("Mr.", "Ms.") is the person after
//!   it, and no name runs on past a possessive into a common word
//!   ("Trump's agenda").
//!
//! These words are kept out of the gazetteers the tagger's features read,
//! so the rules can change without retraining the model.

use newsgraph_core::words::determiners::{self, Class};
use newsgraph_core::EntityType;

use crate::group::Found;
use crate::lexicon::{list, Lexicon};

/// Words of job titles the title gazetteer lacks ("Chief of Staff").
pub const ROLE_WORDS: [&str; 12] = [
    "staff",
    "officer",
    "adviser",
    "advisor",
    "aide",
    "commissioner",
    "attorney",
    "counsel",
    "secretary-general",
    "undersecretary",
    "ministers",
    "officials",
];

/// Lowercase words that may stand inside a multi-word name.
const CONNECTORS: [&str; 7] = ["of", "the", "and", "for", "de", "du", "la"];

/// Head words of names of alliances and movements the organisation word
/// list lacks.
const GROUP_HEADS: [&str; 6] = ["alliance", "coalition", "union", "front", "movement", "bloc"];

/// Nouns after a quoted name that make it the name of a military or
/// political unit.
const UNIT_NOUNS: [&str; 10] =
    ["unit", "units", "grouping", "battalion", "brigade", "regiment", "division", "detachment", "formation", "militia"];

/// Nouns after a name that make it a software product or online service.
const PRODUCT_NOUNS: [&str; 10] =
    ["app", "apps", "application", "platform", "messenger", "messaging", "browser", "website", "channel", "chatbot"];

/// Well-known apps and platforms, products when used "on"/"via" them.
const KNOWN_APPS: [&str; 16] = [
    "telegram",
    "whatsapp",
    "signal",
    "viber",
    "wechat",
    "facebook",
    "instagram",
    "twitter",
    "tiktok",
    "youtube",
    "snapchat",
    "linkedin",
    "zoom",
    "skype",
    "threads",
    "truth social",
];

/// Words introducing the medium something was said or done on.
const MEDIUM_PREPOSITIONS: [&str; 4] = ["on", "via", "through", "using"];

/// Whether a token is a quotation mark as the tokenizer leaves it.
fn is_quote(word: &str) -> bool {
    matches!(word, "\"" | "“" | "”" | "``" | "''" | "„")
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn lowercase_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
}

/// Whether a lowercase word is part of a job title.
pub fn is_role_word(lower: &str, lexicon: &Lexicon) -> bool {
    lexicon.word(lower) & list::TITLE != 0 || ROLE_WORDS.contains(&lower)
}

/// Applies every correction to the spans of one sentence (token indices
/// relative to the sentence, sorted by start).
pub fn adjust(words: &[&str], mut spans: Vec<Found>, lexicon: &Lexicon) -> Vec<Found> {
    join_parenthesised_given_names(words, &mut spans, lexicon);
    join_quoted_names(words, &mut spans, lexicon);
    name_quoted_units(words, &mut spans, lexicon);
    mark_products(words, &mut spans);
    extend_nationalities_to_organisations(words, &mut spans, lexicon);
    name_people_after_honorifics(words, &mut spans);
    end_names_at_possessives(words, &mut spans);
    split_names_at_clauses(words, &mut spans, lexicon);
    spans.retain(|s| {
        let title = is_title_phrase(&words[s.start..s.end], lexicon) && !is_surname_alone(words, s, lexicon);
        !title && !is_derived_adjective(words, s, lexicon)
    });
    spans.sort_by_key(|s| s.start);
    spans
}

/// Courtesy titles that only ever precede a person's name.
const HONORIFICS: [&str; 8] = ["Mr.", "Mrs.", "Ms.", "Mr", "Mrs", "Ms", "Dr.", "Mx."];

/// A span the tagger opened on a courtesy title is a person, and the
/// person's name ends before a possessive or a lowercase word: "what is
/// in Mr. Trump's returns" was a place "Mr. Trump's returns", as
/// "in" and a capital usually open a place in the training news.
fn name_people_after_honorifics(words: &[&str], spans: &mut [Found]) {
    for span in spans.iter_mut().filter(|s| s.end - s.start >= 2 && HONORIFICS.contains(&words[s.start])) {
        let name = span.start + 1;
        let ends_name = |i: usize| {
            possessive(words, i).is_some() || lowercase_word(words[i]) || !words[i].chars().any(char::is_alphanumeric)
        };
        let end = (name + 1..span.end).find(|&i| ends_name(i)).unwrap_or(span.end);
        *span = Found { start: name, end, kind: EntityType::Person };
    }
}

/// A name does not run on past a possessive into a common word ("in
/// Trump's returns" is not a place "Trump's returns"); "Lloyd's of London"
/// keeps its connector.
fn end_names_at_possessives(words: &[&str], spans: &mut [Found]) {
    for span in spans.iter_mut() {
        let cut = (span.start + 1..span.end).find(|&i| {
            let next = possessive(words, i).and_then(|length| words[..span.end].get(i + length));
            next.is_some_and(|next| lowercase_word(next) && !CONNECTORS.contains(next))
        });
        if let Some(cut) = cut {
            span.end = cut;
        }
    }
}

/// Lowercase words inside names besides the connectors: particles
/// ("Ludwig van Beethoven", "Osama bin Laden", "Kengo wa Dondo", "R 'n'
/// B", "Brown v Board") and "in" ("Organisation for Security and
/// Cooperation in Europe").
const PARTICLES: [&str; 15] =
    ["van", "von", "der", "den", "bin", "ibn", "al", "da", "del", "wa", "y", "e", "n", "v", "in"];

/// A name ends where lowercase words other than connectors begin and more
/// follow: "Centre claimed that", "Regina Ip was re-elected with 60,760
/// votes", "Oscars host Hugh Jackman". A capitalised run after them is a
/// name of its own, a person when it opens with a given name. One trailing
/// lowercase noun stays ("Islamic State group"): a name and its head, not
/// a clause.
fn split_names_at_clauses(words: &[&str], spans: &mut Vec<Found>, lexicon: &Lexicon) {
    // The "s" of a possessive written apart ("Sam ' s Club") is no word.
    let inside_name = |i: usize| {
        let w = words[i];
        !lowercase_word(w)
            || CONNECTORS.contains(&w)
            || PARTICLES.contains(&w)
            || w.contains('-')
            || (w == "s" && i > 0 && possessive(words, i - 1).is_some())
    };
    let mut split = Vec::new();
    for span in spans.iter_mut() {
        let Some(cut) = (span.start + 1..span.end.saturating_sub(1)).find(|&i| !inside_name(i)) else {
            continue;
        };
        if let Some(rest) = (cut..span.end).find(|&i| capitalised(words[i])) {
            let end = (rest + 1..span.end).find(|&i| !inside_name(i)).unwrap_or(span.end);
            let given_name = lexicon.word(&words[rest].to_lowercase()) & list::FIRST != 0;
            let kind = if given_name && end - rest >= 2 { EntityType::Person } else { span.kind };
            split.push(Found { start: rest, end, kind });
        }
        let mut end = cut;
        while end > span.start + 1 && (CONNECTORS.contains(&words[end - 1]) || PARTICLES.contains(&words[end - 1])) {
            end -= 1;
        }
        span.end = end;
    }
    spans.extend(split);
}

/// How many words the possessive ending at word `i` takes, if there is
/// one: "'s"; an apostrophe and a detached "s" (text tokenised with
/// spaces, "Trump ' s"); a lone apostrophe after a plural ("the Blue Jays'
/// affiliate"; not "R 'n' B").
fn possessive(words: &[&str], i: usize) -> Option<usize> {
    match words[i] {
        "'s" | "’s" => Some(1),
        "'" | "’" if words.get(i + 1) == Some(&"s") => Some(2),
        "'" | "’" if i > 0 && words[i - 1].ends_with('s') => Some(1),
        _ => None,
    }
}

/// Replaces the spans overlapping `start..end` with one span.
fn replace(spans: &mut Vec<Found>, start: usize, end: usize, kind: EntityType) {
    spans.retain(|s| s.end <= start || s.start >= end);
    spans.push(Found { start, end, kind });
}

/// "President ( Donald ) Trump": a given name in brackets between a title
/// or name and a capitalised word joins the following name as a person.
fn join_parenthesised_given_names(words: &[&str], spans: &mut Vec<Found>, lexicon: &Lexicon) {
    for open in 1..words.len().saturating_sub(3) {
        let given = words[open + 1];
        let pattern = words[open] == "("
            && words[open + 2] == ")"
            && capitalised(words[open - 1])
            && capitalised(given)
            && capitalised(words[open + 3])
            && lexicon.word(&given.to_lowercase()) & list::FIRST != 0;
        if !pattern {
            continue;
        }
        let end = spans.iter().find(|s| s.start == open + 3).map_or(open + 4, |s| s.end);
        replace(spans, open, end, EntityType::Person);
    }
}

/// The index of the quotation mark closing the one at `open`, if it comes
/// within `max` words.
fn closing_quote(words: &[&str], open: usize, max: usize) -> Option<usize> {
    (open + 1..words.len().min(open + max + 2)).find(|&i| is_quote(words[i]))
}

/// 'the "Alliance of the Willing"': a quoted run of capitalised words with
/// name-internal connectors, part of which the tagger saw as a name,
/// becomes one name.
fn join_quoted_names(words: &[&str], spans: &mut Vec<Found>, lexicon: &Lexicon) {
    let mut open = 0;
    while open < words.len() {
        if !is_quote(words[open]) {
            open += 1;
            continue;
        }
        let Some(close) = closing_quote(words, open, 8) else {
            break;
        };
        let inner = &words[open + 1..close];
        let is_name = inner.len() >= 3
            && inner.first().is_some_and(|w| capitalised(w))
            && inner.last().is_some_and(|w| capitalised(w))
            && inner.iter().any(|w| CONNECTORS.contains(w))
            && inner.iter().all(|w| capitalised(w) || CONNECTORS.contains(w));
        let tagged = spans.iter().any(|s| s.start > open && s.end <= close);
        let inside = spans.iter().all(|s| s.end <= open || s.start >= close || s.start > open && s.end <= close);
        if is_name && tagged && inside {
            replace(spans, open + 1, close, quoted_name_type(inner, lexicon));
        }
        open = close + 1;
    }
}

/// Type of a quoted multi-word name by its words.
fn quoted_name_type(words: &[&str], lexicon: &Lexicon) -> EntityType {
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    if lower.iter().any(|w| lexicon.word(w) & list::ORG_WORD != 0 || GROUP_HEADS.contains(&w.as_str())) {
        EntityType::Org
    } else if lower.iter().any(|w| lexicon.word(w) & list::EVENT_WORD != 0) {
        EntityType::Event
    } else {
        EntityType::Misc
    }
}

/// 'the "North" forces': a quoted name right before a lowercase group
/// noun names the unit, never a place.
fn name_quoted_units(words: &[&str], spans: &mut [Found], lexicon: &Lexicon) {
    for span in spans.iter_mut() {
        let quoted =
            span.start > 0 && is_quote(words[span.start - 1]) && words.get(span.end).is_some_and(|w| is_quote(w));
        let Some(next) = words.get(span.end + 1) else {
            continue;
        };
        let lower = next.to_lowercase();
        let unit = lowercase_word(next)
            && (lexicon.word(&lower) & list::ORG_WORD != 0 || UNIT_NOUNS.contains(&lower.as_str()));
        if quoted && unit {
            span.kind = EntityType::Org;
        }
    }
}

/// The word after a span, skipping a closing quotation mark.
fn word_after<'w>(words: &[&'w str], end: usize) -> Option<&'w str> {
    let next = *words.get(end)?;
    if is_quote(next) {
        words.get(end + 1).copied()
    } else {
        Some(next)
    }
}

/// The word before a span, skipping an opening quotation mark and "the".
fn word_before<'w>(words: &[&'w str], start: usize) -> Option<&'w str> {
    let mut i = start;
    while i > 0 {
        i -= 1;
        if !is_quote(words[i]) && words[i] != "the" {
            return Some(words[i]);
        }
    }
    None
}

/// "General Staff of the Russian Army": a name of several words does not
/// end in a nationality adjective; when the tagger stops there (it does
/// when the document also uses the nationality alone) and untagged
/// capitalised words ending in an organisation word follow, the name runs
/// on to that word. A nationality alone stays apart from the organisation
/// after it ("German Foreign Ministry"), as CoNLL annotates it.
fn extend_nationalities_to_organisations(words: &[&str], spans: &mut Vec<Found>, lexicon: &Lexicon) {
    let cut: Vec<Found> = spans
        .iter()
        .filter(|s| s.end - s.start > 1 && lexicon.word(&words[s.end - 1].to_lowercase()) & list::DEMONYM != 0)
        .copied()
        .collect();
    for span in cut {
        let tagged = |i: usize| spans.iter().any(|s| (s.start..s.end).contains(&i));
        let head = (span.end..words.len().min(span.end + 2))
            .take_while(|&i| capitalised(words[i]) && !tagged(i))
            .filter(|&i| lexicon.word(&words[i].to_lowercase()) & list::ORG_WORD != 0)
            .last();
        if let Some(head) = head {
            replace(spans, span.start, head + 1, EntityType::Org);
        }
    }
}

/// 'on the "Telegram" app', "via WhatsApp": products.
fn mark_products(words: &[&str], spans: &mut [Found]) {
    for span in spans.iter_mut() {
        let before_noun =
            word_after(words, span.end).is_some_and(|w| PRODUCT_NOUNS.contains(&w.to_lowercase().as_str()));
        let name = words[span.start..span.end].join(" ").to_lowercase();
        let on_app = KNOWN_APPS.contains(&name.as_str())
            && word_before(words, span.start).is_some_and(|w| MEDIUM_PREPOSITIONS.contains(&w.to_lowercase().as_str()));
        if before_noun || on_app {
            span.kind = EntityType::Product;
        }
    }
}

/// "Staff", "Chief of the General Staff", "Deputy Foreign Minister": only
/// title words and connectors.
fn is_title_phrase(words: &[&str], lexicon: &Lexicon) -> bool {
    words.iter().any(|w| !CONNECTORS.contains(w))
        && words.iter().all(|w| {
            let lower = w.to_lowercase();
            CONNECTORS.contains(&lower.as_str()) || is_role_word(&lower, lexicon)
        })
}

/// "Major said": a lone title word that is also a surname, tagged as a
/// person, names one,
/// unless an article, "of" or another title word comes before it ("the
/// Chief of Staff", "the President").
fn is_surname_alone(words: &[&str], span: &Found, lexicon: &Lexicon) -> bool {
    let word = words[span.start].to_lowercase();
    let before = span.start.checked_sub(1).map(|i| words[i].to_lowercase());
    let role_before = before
        .as_deref()
        .is_some_and(|b| determiners::class(b) == Some(Class::Article) || b == "of" || is_role_word(b, lexicon));
    span.kind == EntityType::Person
        && span.end == span.start + 1
        && lexicon.word(&word) & list::SURNAME != 0
        && !role_before
}

/// "a Congressional vote": one capitalised word before a lowercase word,
/// made of an organisation or office word and an adjective ending
/// (congress+ional, parliament+ary, president+ial).
fn is_derived_adjective(words: &[&str], span: &Found, lexicon: &Lexicon) -> bool {
    if span.end != span.start + 1 || !words.get(span.end).is_some_and(|w| lowercase_word(w)) {
        return false;
    }
    let lower = words[span.start].to_lowercase();
    ["ional", "ial", "ary", "al"].iter().any(|ending| {
        lower
            .strip_suffix(ending)
            .is_some_and(|stem| stem.len() >= 4 && lexicon.word(stem) & (list::ORG_WORD | list::TITLE) != 0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, kind: EntityType) -> Found {
        Found { start, end, kind }
    }

    fn words(text: &str) -> Vec<&str> {
        text.split(' ').collect()
    }

    fn run(text: &str, spans: Vec<Found>) -> Vec<(String, EntityType)> {
        let w = words(text);
        adjust(&w, spans, &Lexicon::embedded()).iter().map(|s| (w[s.start..s.end].join(" "), s.kind)).collect()
    }

    #[test]
    fn a_span_opened_on_a_courtesy_title_is_the_person_after_it() {
        let text = "what is in Mr. Trump 's returns";
        assert_eq!(run(text, vec![span(3, 7, EntityType::Gpe)]), vec![("Trump".into(), EntityType::Person)]);
        let text = "Mr. Schultz -- a different man";
        assert_eq!(run(text, vec![span(0, 4, EntityType::Gpe)]), vec![("Schultz".into(), EntityType::Person)]);
    }

    #[test]
    fn names_end_at_a_possessive_before_a_common_word() {
        let cut = |text: &str, end: usize| run(text, vec![span(0, end, EntityType::Misc)]);
        assert_eq!(cut("Trump ’s agenda today", 3), vec![("Trump".into(), EntityType::Misc)]);
        assert_eq!(cut("Trump ' s agenda today", 4), vec![("Trump".into(), EntityType::Misc)]);
        assert_eq!(cut("Blue Jays ' triple-A affiliate", 4), vec![("Blue Jays".into(), EntityType::Misc)]);
        // Names that hold a possessive stay whole.
        assert_eq!(cut("Sam ' s Club opened", 4), vec![("Sam ' s Club".into(), EntityType::Misc)]);
        assert_eq!(cut("Lloyd 's of London", 4), vec![("Lloyd 's of London".into(), EntityType::Misc)]);
        assert_eq!(cut("R ' n ' B", 5), vec![("R ' n ' B".into(), EntityType::Misc)]);
    }

    #[test]
    fn names_end_where_a_clause_begins() {
        use EntityType::{Misc, Org, Person};
        // Text, end of the tagger's span, its type, and the names expected.
        type Case<'a> = (&'a str, usize, EntityType, &'a [(&'a str, EntityType)]);
        let cases: [Case; 7] = [
            ("Centre claimed that the rules", 3, Org, &[("Centre", Org)]),
            ("Regina Ip was re-elected with 60,760 votes .", 8, Org, &[("Regina Ip", Org)]),
            // The name after the clause is a name of its own, a person
            // when it opens with a given name.
            ("Oscars host Hugh Jackman said", 4, Misc, &[("Oscars", Misc), ("Hugh Jackman", Person)]),
            // A name and its head noun, particles and connectors stay whole.
            ("Islamic State group", 3, Org, &[("Islamic State group", Org)]),
            ("Kengo wa Dondo said", 3, Person, &[("Kengo wa Dondo", Person)]),
            (
                "Organisation for Security and Cooperation in Europe",
                7,
                Org,
                &[("Organisation for Security and Cooperation in Europe", Org)],
            ),
            ("Jaish al-Islam rebel group", 4, Org, &[("Jaish al-Islam", Org)]),
        ];
        for (text, end, kind, expected) in cases {
            let expected: Vec<(String, EntityType)> = expected.iter().map(|(n, k)| (n.to_string(), *k)).collect();
            assert_eq!(run(text, vec![span(0, end, kind)]), expected, "{text}");
        }
    }

    #[test]
    fn a_nationality_runs_on_into_the_organisation_it_names() {
        let found = run(
            "the General Staff of the Russian Armed Forces said , as the Iraqi News Agency reported",
            vec![span(1, 6, EntityType::Norp), span(12, 13, EntityType::Norp)],
        );
        assert_eq!(
            found,
            [
                ("General Staff of the Russian Armed Forces".to_string(), EntityType::Org),
                ("Iraqi".to_string(), EntityType::Norp)
            ]
        );
        let tagged_after = run(
            "the Bank of the Russian Foreign Ministry",
            vec![span(1, 5, EntityType::Norp), span(5, 7, EntityType::Org)],
        );
        assert_eq!(tagged_after.len(), 2);
    }

    #[test]
    fn parenthesised_given_name_joins_the_name() {
        let found = run(
            "we are grateful to President ( Donald ) Trump 's team",
            vec![span(6, 7, EntityType::Person), span(8, 9, EntityType::Org)],
        );
        assert_eq!(found, [("( Donald ) Trump".to_string(), EntityType::Person)]);
    }

    #[test]
    fn job_titles_alone_are_no_entities() {
        let found = run("the Chief of Staff inspected a gathering", vec![span(3, 4, EntityType::Person)]);
        assert!(found.is_empty(), "{found:?}");
        let found = run("the Chief of the General Staff said", vec![span(1, 6, EntityType::Org)]);
        assert!(found.is_empty(), "{found:?}");
        let major = run("Major said on Tuesday", vec![span(0, 1, EntityType::Person)]);
        assert_eq!(major.len(), 1, "a surname alone stays");
        let kept = run("the General Staff of the Russian Army said", vec![span(1, 7, EntityType::Org)]);
        assert_eq!(kept.len(), 1);
    }

    #[test]
    fn quoted_name_with_of_the_is_one_organisation() {
        let found =
            run("advisors from the \" Alliance of the Willing \" is scheduled", vec![span(7, 8, EntityType::Gpe)]);
        assert_eq!(found, [("Alliance of the Willing".to_string(), EntityType::Org)]);
    }

    #[test]
    fn quoted_unit_name_is_no_place() {
        let found = run("inspected a gathering of the \" North \" forces , which", vec![span(6, 7, EntityType::Gpe)]);
        assert_eq!(found, [("North".to_string(), EntityType::Org)]);
    }

    #[test]
    fn adjectives_of_organisations_are_no_entities() {
        let found = run("security guarantees through a Congressional vote .", vec![span(4, 5, EntityType::Org)]);
        assert!(found.is_empty(), "{found:?}");
        let kept = run("the deal with Portugal was signed", vec![span(3, 4, EntityType::Gpe)]);
        assert_eq!(kept.len(), 1);
    }

    #[test]
    fn apps_are_products() {
        let found = run(
            "Zelensky wrote on the \" Telegram \" app that",
            vec![span(0, 1, EntityType::Person), span(5, 6, EntityType::Org)],
        );
        assert_eq!(found[1], ("Telegram".to_string(), EntityType::Product));
        let found = run("he said via WhatsApp that", vec![span(3, 4, EntityType::Org)]);
        assert_eq!(found[0].1, EntityType::Product);
        let company = run("WhatsApp said it would", vec![span(0, 1, EntityType::Org)]);
        assert_eq!(company[0].1, EntityType::Org);
    }
}
