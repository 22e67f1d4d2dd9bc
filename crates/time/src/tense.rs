//! Which way a sentence points in time, read off the verbs nearest to a
//! temporal expression: "will meet January 3" is future, "met January 3"
//! past. No tagger: auxiliaries, a list of irregular past forms and the
//! regular "-ed" ending are enough to pick a year or a weekday.

use newsgraph_core::words::determiners::{self, Class};
use newsgraph_core::words::reporting::{self, Form};

use crate::lexicon::Tok;
use crate::resolve::Tense;

const FUTURE: [&str; 12] = [
    "will",
    "'ll",
    "shall",
    "wo",
    "scheduled",
    "upcoming",
    "intends",
    "tomorrow",
    "should",
    "must",
    "soon",
    "planning",
];
const PRESENT: [&str; 5] = ["is", "are", "am", "says", "say"];
const PAST: [&str; 60] = [
    "was",
    "were",
    "had",
    "did",
    "said",
    "told",
    "met",
    "went",
    "came",
    "took",
    "made",
    "gave",
    "saw",
    "began",
    "won",
    "lost",
    "fell",
    "rose",
    "left",
    "held",
    "sent",
    "got",
    "paid",
    "sold",
    "bought",
    "spoke",
    "wrote",
    "found",
    "became",
    "brought",
    "thought",
    "led",
    "ran",
    "struck",
    "knew",
    "grew",
    "drew",
    "flew",
    "threw",
    "wore",
    "chose",
    "froze",
    "broke",
    "stole",
    "spent",
    "built",
    "felt",
    "kept",
    "meant",
    "slept",
    "fought",
    "sought",
    "taught",
    "caught",
    "understood",
    "stood",
    "heard",
    "ago",
    "yesterday",
    "earlier",
];
/// Words ending in "-ed" that are not past tense verbs.
const NOT_PAST: [&str; 24] = [
    "need",
    "speed",
    "hundred",
    "united",
    "red",
    "bed",
    "shed",
    "seed",
    "feed",
    "breed",
    "indeed",
    "proceed",
    // Participles that news uses as adjectives: "preferred shares".
    "preferred",
    "listed",
    "based",
    "related",
    "limited",
    "secured",
    "combined",
    "estimated",
    "adjusted",
    "diluted",
    "unaudited",
    "detailed",
];

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
    if before == Some("since") {
        return Tense::Past;
    }
    match nearest_tense(toks, start, end) {
        Some((tense, distance)) if distance <= CLOSE => tense,
        _ => Tense::Unknown,
    }
}

/// How close (in sub-tokens) a verb must be to fix the year of a date.
const CLOSE: usize = 3;

/// A reporting verb ("said") more than this far after the expression is
/// only a fallback: the reported clause before it ("will leave at 4 a.m.
/// Thursday, Castro said") has its own tense. Before the expression it
/// governs it ("told a news conference on Tuesday").
const REPORT_REACH: usize = 2;

/// "say" and "tell" in their finite forms (the shared reporting-verb list);
/// rarer reporting verbs are too far from a date to matter.
fn is_say_or_tell(lower: &str) -> bool {
    reporting::forms_where(
        |verb| matches!(verb.lemma, "say" | "tell"),
        |form| matches!(form, Form::Base | Form::Present | Form::Past),
    )
    .any(|form| form == lower)
}

fn nearest_tense(toks: &[Tok], start: usize, end: usize) -> Option<(Tense, usize)> {
    let mut report = None;
    for distance in 1..=WINDOW {
        let left = start.checked_sub(distance);
        let right = Some(end + distance - 1).filter(|i| *i < toks.len());
        for index in [left, right].into_iter().flatten() {
            let Some(tense) = word_tense(toks, index) else { continue };
            if index >= end && distance > REPORT_REACH && is_say_or_tell(&toks[index].lower) {
                report = report.or(Some((tense, distance)));
                continue;
            }
            return Some((tense, distance));
        }
    }
    report
}

fn word_tense(toks: &[Tok], index: usize) -> Option<Tense> {
    let word = toks[index].lower.as_str();
    let before = index.checked_sub(1).map(|i| toks[i].lower.as_str());
    let after = toks.get(index + 1).map(|t| t.lower.as_str());
    let going_to = word == "going" && after == Some("to");
    let plan_to = (word == "to" && before.is_some_and(|b| PLAN.contains(&b)))
        || (word == "for" && before.is_some_and(|b| matches!(b, "planned" | "scheduled" | "set" | "slated")))
        || moved_to(toks, index);
    if FUTURE.contains(&word) || going_to || plan_to {
        return Some(Tense::Future);
    }
    if (PAST.contains(&word) || is_regular_past(word)) && !before.is_some_and(makes_participle) {
        return Some(Tense::Past);
    }
    PRESENT.contains(&word).then_some(Tense::Present)
}

fn is_regular_past(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ed") && word.bytes().all(|b| b.is_ascii_lowercase()) && !NOT_PAST.contains(&word)
}

/// After "be"/"been"/"being" (and present "is"/"are") an "-ed" form is a
/// participle that says nothing about the time ("must be returned"); after
/// an article or adverb it is an adjective ("an unspecified date").
fn makes_participle(before: &str) -> bool {
    matches!(before, "be" | "been" | "being" | "is" | "are" | "am" | "still" | "newly")
        || determiners::class(before) == Some(Class::Article)
}

/// Words before "to" that make the infinitive after it a plan
/// ("planned to leave", "is to resume").
const PLAN: [&str; 16] = [
    "expected",
    "planned",
    "plans",
    "plan",
    "set",
    "scheduled",
    "is",
    "are",
    "hopes",
    "wants",
    "intends",
    "likely",
    "ready",
    "expects",
    "expect",
    "slated",
];
/// "extended to Nov. 20": a deadline moved to a date still to come.
const MOVED: [&str; 6] = ["extended", "postponed", "delayed", "moved", "pushed", "adjourned"];

/// "to" right after a verb that moves a deadline, or "until" close enough
/// to follow its object ("postponed until Tuesday", "extended its deadline
/// until 9 a.m. Tuesday"): the new date is still to come. A "to" further
/// on opens an infinitive ("extended their offers to acquire ...").
fn moved_to(toks: &[Tok], index: usize) -> bool {
    let reach = match toks[index].lower.as_str() {
        "to" => 1,
        "until" | "till" => 3,
        _ => return false,
    };
    toks[index.saturating_sub(reach)..index].iter().any(|t| MOVED.contains(&t.lower.as_str()))
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
        let t = toks(&["he", "will", "leave", "at", "noon", "Thursday", ",", "Castro", "said"]);
        assert_eq!(tense_around(&t, 4, 6), Tense::Future);
        let t = toks(&["officials", "postponed", "until", "Tuesday", "any", "action"]);
        assert_eq!(tense_around(&t, 3, 4), Tense::Future);
        let t = toks(&["INS", "extended", "its", "deadline", "until", "Tuesday"]);
        assert_eq!(tense_around(&t, 5, 6), Tense::Future);
        let t = toks(&["they", "extended", "their", "offers", "to", "acquire", "it", "Friday"]);
        assert_eq!(tense_around(&t, 7, 8), Tense::Past);
        let t = toks(&[
            "Bush",
            "told",
            "a",
            "news",
            "conference",
            "on",
            "Tuesday",
            "that",
            "the",
            "blockade",
            "might",
            "grow",
        ]);
        assert_eq!(tense_around(&t, 6, 7), Tense::Past);
    }

    #[test]
    fn regular_past_skips_lookalikes() {
        assert!(is_regular_past("announced"));
        assert!(!is_regular_past("hundred"));
        assert!(!is_regular_past("Red"));
    }
}
