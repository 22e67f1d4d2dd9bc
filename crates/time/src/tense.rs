//! Which way a sentence points in time, read off the verbs nearest to a
//! temporal expression: "will meet January 3" is future, "met January 3"
//! past. No tagger: auxiliaries, a list of irregular past forms and the
//! regular "-ed" ending are enough to pick a year or a weekday.

use crate::lexicon::Tok;
use crate::resolve::Tense;

const FUTURE: [&str; 11] =
    ["will", "'ll", "shall", "wo", "scheduled", "upcoming", "intends", "tomorrow", "should", "must", "soon"];
const PRESENT: [&str; 5] = ["is", "are", "am", "says", "say"];
const PAST: [&str; 60] = [
    "was", "were", "had", "did", "said", "told", "met", "went", "came", "took", "made", "gave", "saw", "began",
    "won", "lost", "fell", "rose", "left", "held", "sent", "got", "paid", "sold", "bought", "spoke", "wrote",
    "found", "became", "brought", "thought", "led", "ran", "struck", "knew", "grew", "drew", "flew", "threw",
    "wore", "chose", "froze", "broke", "stole", "spent", "built", "felt", "kept", "meant", "slept", "fought",
    "sought", "taught", "caught", "understood", "stood", "heard", "ago", "yesterday", "earlier",
];
/// Words ending in "-ed" that are not past tense verbs.
const NOT_PAST: [&str; 12] =
    ["need", "speed", "hundred", "united", "red", "bed", "shed", "seed", "feed", "breed", "indeed", "proceed"];

/// How far (in sub-tokens) to look for a verb on each side.
const WINDOW: usize = 12;

/// Words right before a date that make it a deadline or a schedule, so
/// a date to come ("extended to Nov. 20", "payable Dec. 15").
const DEADLINE: [&str; 9] = ["by", "until", "till", "effective", "payable", "record", "expire", "expires", "due"];

/// The tense nearest to tokens `start..end` of `toks` (one sentence).
pub fn tense_around(toks: &[Tok], start: usize, end: usize) -> Tense {
    nearest_tense(toks, start, end).map_or(Tense::Unknown, |(tense, _)| tense)
}

/// The tense that picks the year of a month or day named without one:
/// a deadline word before it means the future; otherwise only a verb close
/// by counts ("met January 3"), else the nearest year is taken.
pub fn date_tense(toks: &[Tok], start: usize, end: usize) -> Tense {
    let before = start.checked_sub(1).and_then(|i| toks.get(i)).map(|t| t.lower.as_str());
    if before.is_some_and(|w| DEADLINE.contains(&w)) {
        return Tense::Future;
    }
    match nearest_tense(toks, start, end) {
        Some((tense, distance)) if distance <= CLOSE => tense,
        _ => Tense::Unknown,
    }
}

/// How close (in sub-tokens) a verb must be to fix the year of a date.
const CLOSE: usize = 3;

fn nearest_tense(toks: &[Tok], start: usize, end: usize) -> Option<(Tense, usize)> {
    for distance in 1..=WINDOW {
        let left = start.checked_sub(distance).and_then(|i| toks.get(i));
        let right = toks.get(end + distance - 1);
        for tok in [left, right].into_iter().flatten() {
            if let Some(tense) = word_tense(toks, tok) {
                return Some((tense, distance));
            }
        }
    }
    None
}

fn word_tense(toks: &[Tok], tok: &Tok) -> Option<Tense> {
    let word = tok.lower.as_str();
    if FUTURE.contains(&word) || is_going_to(toks, tok) || is_plan_to(toks, tok) {
        return Some(Tense::Future);
    }
    if (PAST.contains(&word) || is_regular_past(word)) && !after_be(toks, tok) {
        return Some(Tense::Past);
    }
    PRESENT.contains(&word).then_some(Tense::Present)
}

fn is_regular_past(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ed") && word.bytes().all(|b| b.is_ascii_lowercase()) && !NOT_PAST.contains(&word)
}

/// A participle after "be"/"been"/"being" ("must be returned") says
/// nothing about the time; the auxiliary before it does.
fn after_be(toks: &[Tok], tok: &Tok) -> bool {
    let index = toks.iter().position(|t| t.start == tok.start);
    let previous = index.and_then(|i| i.checked_sub(1)).and_then(|i| toks.get(i));
    // After an article or adverb it is an adjective: "an unspecified date".
    previous.is_some_and(|t| {
        matches!(t.lower.as_str(), "be" | "been" | "being" | "is" | "are" | "am" | "a" | "an" | "the" | "still" | "newly")
    })
}

/// Words before "to" that make the infinitive after it a plan.
const PLAN: [&str; 14] = [
    "expected", "planned", "plans", "plan", "set", "scheduled", "is", "are", "due", "hopes", "wants", "intends",
    "likely", "ready",
];

/// "planned to leave", "is to resume": the "to" of an intended action.
fn is_plan_to(toks: &[Tok], tok: &Tok) -> bool {
    if tok.lower != "to" {
        return false;
    }
    let index = toks.iter().position(|t| t.start == tok.start);
    let before = index.and_then(|i| i.checked_sub(1)).and_then(|i| toks.get(i));
    before.is_some_and(|t| PLAN.contains(&t.lower.as_str()))
}

/// "going to" + verb.
fn is_going_to(toks: &[Tok], tok: &Tok) -> bool {
    if tok.lower != "going" {
        return false;
    }
    let index = toks.iter().position(|t| t.start == tok.start);
    index.and_then(|i| toks.get(i + 1)).is_some_and(|t| t.lower == "to")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(words: &[&str]) -> Vec<Tok> {
        words
            .iter()
            .enumerate()
            .map(|(i, w)| Tok { start: i * 10, end: i * 10 + w.len(), lower: w.to_string(), ..Tok::default() })
            .collect()
    }

    #[test]
    fn nearest_verb_decides() {
        let t = toks(&["they", "will", "meet", "January", "3"]);
        assert_eq!(tense_around(&t, 3, 5), Tense::Future);
        let t = toks(&["they", "met", "January", "3"]);
        assert_eq!(tense_around(&t, 2, 4), Tense::Past);
        let t = toks(&["officials", "said", "Friday", "they", "will", "resign"]);
        assert_eq!(tense_around(&t, 2, 3), Tense::Past);
        let t = toks(&["the", "talks", "are", "going", "to", "resume", "Monday"]);
        assert_eq!(tense_around(&t, 6, 7), Tense::Future);
        let t = toks(&["prices", "are", "high", "this", "week"]);
        assert_eq!(tense_around(&t, 3, 5), Tense::Present);
        let t = toks(&["January", "3"]);
        assert_eq!(tense_around(&t, 0, 2), Tense::Unknown);
    }

    #[test]
    fn regular_past_skips_lookalikes() {
        assert!(is_regular_past("announced"));
        assert!(!is_regular_past("hundred"));
        assert!(!is_regular_past("Red"));
    }
}
