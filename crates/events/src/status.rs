//! Evidential status of an event from cue words and their scope in the
//! sentence: negation and modality in the trigger's verb group, intention
//! words governing it, reporting and claim verbs whose complement holds it,
//! denials of it, and "could not be verified" remarks.
//!
//! Precedence, strongest first: denied, unverified, negated, hypothetical,
//! planned, claimed, asserted.

use newsgraph_core::EventStatus;

use crate::coder::clause_start;
use crate::phrases::Phrase;
use crate::words::{self, View};

/// Who vouches for an event when it is not the writer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Voucher {
    /// An actor phrase of the sentence (index).
    Phrase(usize),
    /// An entity id known from elsewhere (a quote's speaker).
    Entity(String),
}

/// Status and, when the event is reported, denied or claimed, by whom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Judgement {
    pub status: EventStatus,
    pub by: Option<Voucher>,
}

/// What the status rules know about the trigger.
pub struct Cues<'a> {
    pub view: &'a View,
    pub phrases: &'a [Phrase],
    pub start: usize,
    pub end: usize,
    /// The event's own pattern encodes the negation ("not * ties").
    pub negation_coded: bool,
    /// The trigger is a speech act (CAMEO 01, 02 and verbal 03-14 roots).
    pub verbal: bool,
    /// The code is one a speaker performs by saying it (statements,
    /// appeals, intents, demands, disapproval, rejection, threats).
    pub speech_act: bool,
    /// Phrase index of the event's source.
    pub source: Option<usize>,
    /// Speaker of a quote the trigger lies in, if the attribution stage found one.
    pub quoted_by: Option<String>,
}

/// Judges the status of one trigger.
pub fn judge(cues: &Cues) -> Judgement {
    let reporter = reported_by(cues);
    let by = reporter.clone().or_else(|| cues.quoted_by.clone().map(Voucher::Entity));
    if let Some(denier) = denied_by(cues) {
        return Judgement { status: EventStatus::Denied, by: denier };
    }
    if unverified(cues.view) && !cues.verbal {
        return Judgement { status: EventStatus::Unverified, by };
    }
    let group = verb_group(cues.view, cues.start);
    if !cues.negation_coded && negated(cues.view, &group, cues.start) {
        return Judgement { status: EventStatus::Negated, by };
    }
    if hypothetical(cues.view, &group, cues.start) {
        return Judgement { status: EventStatus::Hypothetical, by };
    }
    if planned(cues.view, &group, cues.start, cues.end, cues.negation_coded) {
        return Judgement { status: EventStatus::Planned, by };
    }
    // A speech act by the speaker is performed, not claimed, by saying it.
    let own_speech = cues.verbal
        && cues.speech_act
        && matches!((&by, cues.source), (Some(v), Some(s)) if same_party(cues.phrases, v, s));
    if by.is_some() && !own_speech && !cues.verbal_reporting() {
        return Judgement { status: EventStatus::Claimed, by };
    }
    Judgement { status: EventStatus::Asserted, by: None }
}

impl Cues<'_> {
    /// The trigger is itself a reporting verb ("said"): the writer asserts it.
    fn verbal_reporting(&self) -> bool {
        words::is_reporting(self.view.word(self.start))
    }
}

/// Whether the voucher and the event's source are one party.
fn same_party(phrases: &[Phrase], voucher: &Voucher, source: usize) -> bool {
    match voucher {
        Voucher::Phrase(r) => *r == source || same_actor(phrases, *r, source),
        Voucher::Entity(id) => phrases[source].entity.as_ref() == Some(id),
    }
}

fn same_actor(phrases: &[Phrase], a: usize, b: usize) -> bool {
    let (a, b) = (&phrases[a], &phrases[b]);
    a.entity.is_some() && a.entity == b.entity
        || a.codes.first().is_some_and(|c| !c.starts_with("---") && b.codes.first() == Some(c))
}

/// Indices of the auxiliaries, modals, negations and adverbs right before
/// the trigger ("would not have been", "won't even").
fn verb_group(view: &View, start: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = start;
    while i > 0 {
        let w = view.word(i - 1);
        let part = words::is_auxiliary(w)
            || words::is_negation(w)
            || (w.ends_with("LY") && w.len() > 3)
            || matches!(
                w,
                "EVEN"
                    | "EVER"
                    | "STILL"
                    | "ALSO"
                    | "YET"
                    | "JUST"
                    | "ALREADY"
                    | "NOW"
                    | "THEN"
                    | "SOON"
                    | "AGAIN"
                    | "LONGER"
                    | "NO"
            );
        if !part {
            break;
        }
        out.push(i - 1);
        i -= 1;
    }
    out
}

fn negated(view: &View, group: &[usize], start: usize) -> bool {
    if group.iter().any(|&i| words::is_negation(view.word(i))) {
        return true;
    }
    // "not prepared in any way to support or agree to or even accept":
    // a negation earlier in the same verb chain, with no new subject,
    // clause or punctuation in between.
    // A determiner ends the chain: "don't minimize the challenges" does
    // not negate the challenges.
    let chain = (start.saturating_sub(12)..start).rev().take_while(|&i| {
        let w = view.word(i);
        !(words::is_subordinator(w)
            || words::is_clause_punctuation(w)
            || w == ","
            || words::pronoun(w).is_some()
            || words::is_reporting(w)
            || words::is_determiner(w))
    });
    if chain.into_iter().any(|i| matches!(view.word(i), "NOT" | "N'T" | "NEVER")) {
        return true;
    }
    // "refused to attack", "failed to reach"; "no (specific) plans";
    // "no one held", "nobody hurried".
    let before = |k: usize| if start >= k { view.word(start - k) } else { "" };
    let subject = group.last().map_or(start, |&i| i);
    let nobody = |k: usize| {
        matches!(view.word(k.wrapping_sub(1)), "NOBODY" | "NOTHING" | "NONE" | "NEITHER")
            || (view.word(k.wrapping_sub(1)) == "ONE" && view.word(k.wrapping_sub(2)) == "NO")
    };
    (before(1) == "TO" && matches!(before(2), "REFUSED" | "REFUSES" | "REFUSE" | "FAILED" | "FAILS" | "FAIL" | "DECLINED" | "DECLINES" | "DECLINE"))
        || matches!(before(1), "NO" | "WITHOUT")
        || (before(2) == "NO" && !words::is_auxiliary(before(1)))
        || (before(3) == "NO" && !words::is_auxiliary(before(1)) && !words::is_auxiliary(before(2)) && before(1) != "," && before(2) != ",")
        || (subject > 0 && nobody(subject))
        // "No weapon was recovered": a subject under "no".
        || (subject >= 2 && (view.word(subject - 2) == "NO" || (subject >= 3 && view.word(subject - 3) == "NO")) && !group.is_empty())
        || (before(1) == "BUT" && before(2) == "ANYTHING")
}

fn hypothetical(view: &View, group: &[usize], start: usize) -> bool {
    if group.iter().any(|&i| words::is_hypothetical(view.word(i)) && !matches!(view.word(i), "'D")) {
        return true;
    }
    let clause = clause_start(view, start);
    // "guarantees that would deter future Russian attacks"
    if (clause..start).any(|i| matches!(view.word(i), "WOULD" | "COULD" | "MIGHT" | "MAY")) {
        return true;
    }
    let opener = clause.checked_sub(1).map(|i| view.word(i));
    matches!(opener, Some("IF" | "UNLESS" | "WHETHER"))
        || (clause..start).any(|i| matches!(view.word(i), "IF" | "UNLESS" | "WHETHER"))
        || (start >= 2 && view.word(start - 2) == "POSSIBILITY")
}

fn planned(view: &View, group: &[usize], start: usize, end: usize, negation_coded: bool) -> bool {
    // "won't accept" coded as a rejection is a present stance, not a plan.
    let future = |w: &str| matches!(w, "WILL" | "'LL" | "SHALL") || (w == "WO" && !negation_coded);
    if group.iter().any(|&i| future(view.word(i))) {
        return true;
    }
    // An intention word governing an infinitive or a noun: "plans to meet",
    // "is set to meet", "pledge to respond", "the upcoming talks".
    let window = start.saturating_sub(4)..start;
    let infinitive = group.iter().any(|&i| view.word(i) == "TO") || (start > 0 && view.word(start - 1) == "TO");
    if window.clone().any(|i| words::is_intention(view.word(i)))
        && (infinitive || start > 0 && words::is_determiner(view.word(start - 1)))
    {
        return true;
    }
    if (start > 0 && matches!(view.word(start - 1), "UPCOMING" | "PLANNED" | "PROPOSED" | "SCHEDULED" | "FUTURE"))
        || going_to(view, start)
    {
        return true;
    }
    // A bare infinitive ("efforts to woo investors", "working to establish a
    // buffer zone") is aimed at, not done.
    // (Not when the pattern read a refusal: "not prepared to support" is a
    // stance taken now.)
    if !negation_coded
        && start > 0
        && view.word(start - 1) == "TO"
        && !(start > 1 && words::is_preposition_like_to(view.word(start - 2)))
    {
        return true;
    }
    // "a meeting ... is scheduled for January 3" (a noun trigger only).
    if words::is_reporting(view.word(start)) {
        return false;
    }
    let reach = (end..(end + 16).min(view.len()))
        .take_while(|&i| !matches!(view.word(i), "THAT" | "WHICH" | "," | ";"))
        .last()
        .map_or(end, |i| i + 1);
    (end..reach).any(|i| {
        matches!(view.word(i), "SCHEDULED" | "PLANNED" | "EXPECTED" | "SET" | "DUE")
            && i > 0
            && words::is_be(view.word(i - 1))
    })
}

fn going_to(view: &View, start: usize) -> bool {
    start >= 2 && view.word(start - 1) == "TO" && view.word(start - 2) == "GOING"
}

/// "could not be independently verified", "unconfirmed reports".
pub fn unverified(view: &View) -> bool {
    (0..view.len()).any(|i| {
        let w = view.word(i);
        matches!(w, "UNVERIFIED" | "UNCONFIRMED" | "UNSUBSTANTIATED")
            || (matches!(w, "VERIFIED" | "VERIFY" | "CONFIRMED" | "CONFIRM" | "CORROBORATED")
                && (i.saturating_sub(4)..i).any(|k| {
                    words::is_negation(view.word(k)) || matches!(view.word(k), "UNABLE" | "COULDN'T" | "CANNOT")
                }))
    })
}

/// A denial governing the trigger: "X denied attacking", "..., which Kyiv
/// denied"; the inner option is the denier when one is named.
fn denied_by(cues: &Cues) -> Option<Option<Voucher>> {
    let view = cues.view;
    if words::is_denial_cue(view.word(cues.start)) {
        return None;
    }
    // Trailing: ", which X denied" within a few tokens after the trigger's clause.
    let tail = (cues.end..view.len()).find(|&i| view.word(i) == "WHICH" || view.word(i) == "DENIED");
    if let Some(which) = tail.filter(|&i| view.word(i) == "WHICH" && i <= cues.end + 12) {
        let denial = (which + 1..(which + 6).min(view.len())).find(|&i| words::is_denial_cue(view.word(i)))?;
        let denier = cues.phrases.iter().position(|p| p.start > which && p.end <= denial);
        return Some(denier.map(Voucher::Phrase));
    }
    // Leading: a denial verb earlier in the sentence whose complement holds the trigger.
    let cue = (0..cues.start).rev().take(12).find(|&i| words::is_denial_cue(view.word(i)))?;
    // Only the complement of the denial: "denied (that it had) attacked",
    // not "denied a request to name him".
    if (cue + 1..cues.start).any(|i| matches!(view.word(i), ";" | "BUT") || words::is_determiner(view.word(i))) {
        return None;
    }
    let denier = cues.phrases.iter().rposition(|p| p.end <= cue && p.end + 3 >= cue)?;
    Some(Some(Voucher::Phrase(denier)))
}

/// The reporter whose speech or claim holds the trigger: the subject of a
/// reporting or claim verb before it ("Russia claimed it captured"), or of a
/// trailing attribution ("..., a senior official said"), or "according to X".
fn reported_by(cues: &Cues) -> Option<Voucher> {
    let view = cues.view;
    let own = view.word(cues.start);
    // A speech act with its own speaker is what the writer reports as fact.
    if words::is_reporting(own) || words::is_claim_cue(own) || words::is_denial_cue(own) {
        return None;
    }
    let lead = (0..cues.start)
        .rev()
        .take_while(|&i| !matches!(view.word(i), "BUT" | ";"))
        .find(|&i| words::is_reporting(view.word(i)) || words::is_claim_cue(view.word(i)));
    if let Some(cue) = lead {
        // ", adding that ...": a participle has no subject of its own; the
        // speaker is the main clause's, which the quote records when known.
        let participle = view.word(cue).ends_with("ING") && cue > 0 && view.word(cue - 1) == ",";
        if let (true, Some(speaker)) = (participle, &cues.quoted_by) {
            return Some(Voucher::Entity(speaker.clone()));
        }
        if let Some(p) = cues.phrases.iter().rposition(|p| p.end <= cue && p.end + 3 >= cue) {
            return Some(Voucher::Phrase(p));
        }
        // No subject right before the cue: the quote's speaker beats a
        // phrase further left, which is often part of what is said.
        if let Some(speaker) = &cues.quoted_by {
            return Some(Voucher::Entity(speaker.clone()));
        }
        // "what Moscow calls", "claimed" with the reporter further left.
        if let Some(p) = cues.phrases.iter().rposition(|p| p.end <= cue) {
            return Some(Voucher::Phrase(p));
        }
    }
    trailing_reporter(cues)
}

fn trailing_reporter(cues: &Cues) -> Option<Voucher> {
    let view = cues.view;
    for i in cues.end..view.len() {
        let w = view.word(i);
        if w == "ACCORDING" && view.word(i + 1) == "TO" {
            return cues.phrases.iter().position(|p| p.start >= i + 2 && p.start <= i + 4).map(Voucher::Phrase);
        }
        if words::is_reporting(w) {
            // "..., which Kyiv denied, stating that ...": a verb with its own
            // complement is not a trailing attribution of the trigger.
            if view.word(i + 1) == "THAT" {
                return None;
            }
            // ", X said" after the event: the phrase right before the verb.
            let p = cues.phrases.iter().rposition(|p| p.end <= i && p.end + 2 >= i && p.start > cues.end)?;
            let comma = (cues.end..cues.phrases[p].start).any(|k| view.word(k) == ",");
            return comma.then_some(Voucher::Phrase(p));
        }
    }
    None
}
