//! Direct speech: a full quotation and the attribution next to it, before
//! it ("Zelensky told media ...: \"...\""), after it ("\"...,\" Ryabkov
//! said"), or inherited from the quotation it continues ("\"We are open,\"
//! Ryabkov said. \"However, ...\"").

use newsgraph_core::{Document, QuoteKind, Span};

use crate::found::Found;
use crate::grammar::{Grammar, Range};
use crate::lexicon::Form;
use crate::marks::{mark_len, Quoted};
use crate::words::Words;

/// Nouns that introduce a quotation after a possessive ("his answer was blunt:").
const CUE_NOUNS: [&str; 10] =
    ["answer", "response", "reply", "message", "words", "statement", "verdict", "comment", "remarks", "explanation"];

/// Verbs that are not reporting verbs, except right before the comma or
/// colon opening a quotation ("She continued, \"...\"") or as the last
/// word of the frame after one ("\"...,\" she continued.").
const FRAME_ONLY_VERBS: [&str; 2] = ["continued", "continues"];

/// How far (in tokens) an attribution may sit from its quotation.
const REACH: usize = 20;

/// An attribution: cue token range and speaker token range.
type Attribution = (Range, Option<Range>);

/// Finds the attribution of every full quotation. `claimed[i]` is set for
/// cue tokens used here so the indirect detector does not reuse them.
pub fn direct_quotes(grammar: &Grammar, doc: &Document, quoted: &[Quoted], claimed: &mut [bool]) -> Vec<Found> {
    let full: Vec<&Quoted> = quoted.iter().filter(|q| !q.embedded && !q.inner.is_empty()).collect();
    let mut found: Vec<Option<Attribution>> =
        full.iter().map(|q| trailing(grammar, doc, q).or_else(|| leading(grammar, doc, q))).collect();
    inherit_attributions(doc, &full, &mut found);
    let mut out = Vec::new();
    for (q, attribution) in full.iter().zip(found) {
        let Some((cue, speaker)) = attribution else { continue };
        for flag in &mut claimed[cue.0..cue.1] {
            *flag = true;
        }
        out.push(Found { content: content_span(doc, q.inner), kind: QuoteKind::Direct, cue, speaker });
    }
    out
}

/// The quotation without a trailing comma (the comma belongs to the frame).
fn content_span(doc: &Document, inner: Span) -> Span {
    let text = inner.slice(&doc.text);
    let trimmed = text.trim_end_matches([',', ' ']);
    Span::new(inner.start, inner.start + trimmed.len())
}

/// Quotations with no attribution of their own take the one of the
/// quotation they continue (same or next paragraph, at most one sentence
/// between), or, when left open at a paragraph end, the one that follows.
fn inherit_attributions(doc: &Document, full: &[&Quoted], found: &mut [Option<Attribution>]) {
    for i in 1..full.len() {
        if found[i].is_none() && found[i - 1].is_some() && adjacent(doc, full[i - 1], full[i]) {
            found[i] = found[i - 1];
        }
    }
    for i in (0..full.len().saturating_sub(1)).rev() {
        if found[i].is_none()
            && full[i].close.is_none()
            && found[i + 1].is_some()
            && adjacent(doc, full[i], full[i + 1])
        {
            found[i] = found[i + 1];
        }
    }
}

/// Whether `next` follows `prev` closely enough to continue the same speech.
fn adjacent(doc: &Document, prev: &Quoted, next: &Quoted) -> bool {
    let gap = Span::new(prev.inner.end, next.open);
    if gap.is_empty() {
        return true;
    }
    let paragraph_breaks = gap.slice(&doc.text).matches("\n\n").count()
        + usize::from(!gap.slice(&doc.text).contains("\n\n") && gap.slice(&doc.text).contains('\n'));
    // Sentences are sorted and disjoint: count those inside the gap by bisection.
    let first = doc.sentences.partition_point(|s| s.start < gap.start);
    let last = doc.sentences.partition_point(|s| s.end <= gap.end);
    let sentences_between = last.saturating_sub(first);
    paragraph_breaks <= 1 && sentences_between <= 1
}

/// "\"...,\" Ryabkov said." / "\"...,\" said Ryabkov."
fn trailing(grammar: &Grammar, doc: &Document, q: &Quoted) -> Option<Attribution> {
    let w = grammar.words;
    let close = q.close?;
    let first = w.token_at(close + mark_len(&doc.text, close));
    if first >= w.len() || doc.text[close..w.tokens[first].start].contains('\n') {
        return None;
    }
    let sentence = doc.sentence_at(w.tokens[first].start)?;
    let limit = doc.sentences[sentence].end_token;
    let from = if w.raw(first) == "," { first + 1 } else { first };
    // "\"...\" ― Carla Sanchez.": a dash before the name signs the quotation.
    if matches!(w.raw(from), "\u{2015}" | "\u{2014}" | "\u{2013}" | "--" | "-") {
        let subject = grammar.phrase_at(from + 1, limit)?;
        return grammar.is_tail(subject.1, limit).then_some(((from, from + 1), Some(subject)));
    }
    for cue in from..limit.min(from + REACH) {
        if grammar.blocked[cue] || w.is_quote_mark(cue) {
            break;
        }
        let closes_frame = cue + 1 >= limit || matches!(w.raw(cue + 1), "." | "," | ";" | ":" | "!" | "?");
        let frame_only = closes_frame && FRAME_ONLY_VERBS.contains(&w.lower(cue));
        if grammar.lexicon.verb(w.lower(cue)).is_none() && !frame_only {
            continue;
        }
        if let Some(subject) = grammar.subject_before(cue, from).filter(|s| s.0 == from) {
            // Adjuncts may follow ("Mr. Obama said on Saturday night at ..."), a clause may not.
            return (!w.is(cue + 1, "that")).then_some(((cue, cue + 1), Some(subject)));
        }
        if cue == from {
            let subject = grammar.subject_after(cue, limit)?;
            return grammar.is_tail(subject.1, limit).then_some(((cue, cue + 1), Some(subject)));
        }
    }
    None
}

/// "Zelensky told media ...: \"...\"" / "his answer was blunt: \"...\"",
/// in the sentence of the opening mark or, when the quotation opens a
/// sentence, in a previous one ending with a colon.
fn leading(grammar: &Grammar, doc: &Document, q: &Quoted) -> Option<Attribution> {
    let w = grammar.words;
    let open = w.token_at(q.open);
    let sentence = doc.sentence_at(q.open)?;
    let first = doc.sentences[sentence].first_token;
    let (floor, end) = if open > first {
        (first, open)
    } else {
        let previous = doc.sentences.get(sentence.checked_sub(1)?)?;
        if previous.end_token == 0 || w.raw(previous.end_token - 1) != ":" {
            return None;
        }
        (previous.first_token, previous.end_token)
    };
    if end == floor || !matches!(w.raw(end - 1), ":" | ",") && grammar.lexicon.verb(w.lower(end - 1)).is_none() {
        return None;
    }
    let lowest = floor.max(end.saturating_sub(REACH));
    for cue in (lowest..end).rev() {
        if grammar.blocked[cue] && cue < open {
            break;
        }
        let lower = w.lower(cue);
        // "said that, \"Of course ...\"" is still a frame; a "that" further
        // back starts a clause of its own.
        if w.is(cue, "that") && cue + 2 < end {
            return None;
        }
        if let Some((_, form)) = grammar.lexicon.verb(lower).filter(|_| !w.is_capitalized(cue)) {
            // "The minister warned ..., adding: \"...\"": a gerund speaks for the main clause.
            let subject = match form {
                Form::Gerund if cue > floor && w.raw(cue - 1) == "," => grammar.clause_subject(floor, cue - 1),
                _ => grammar.subject_before(cue, floor),
            };
            if let Some(subject) = subject {
                return Some(((cue, cue + 1), Some(subject)));
            }
        }
        if FRAME_ONLY_VERBS.contains(&lower) && cue + 2 == end && matches!(w.raw(end - 1), ":" | ",") {
            if let Some(subject) = grammar.subject_before(cue, floor) {
                return Some(((cue, cue + 1), Some(subject)));
            }
        }
        if CUE_NOUNS.contains(&lower) {
            if let Some(owner) = grammar.possessive_before(cue, floor) {
                return Some(((cue, cue + 1), Some(owner)));
            }
        }
    }
    colon_frame(grammar, floor, end)
}

/// "Pence made the following comment: \"...\"": a clause about a named
/// person ending in a colon frames the quotation even without a reporting
/// verb; the colon is the cue.
fn colon_frame(grammar: &Grammar, floor: usize, end: usize) -> Option<Attribution> {
    let w = grammar.words;
    let colon = end - 1;
    if w.raw(colon) != ":" {
        return None;
    }
    let subject = grammar.clause_subject(floor, colon)?;
    let verb_follows = subject.1 < colon && w.is_word(subject.1) && !w.is_capitalized(subject.1);
    (verb_follows && names_person(w, subject)).then_some(((colon, colon + 1), Some(subject)))
}

/// How many sentences back an orphan quotation looks for its speaker.
const ORPHAN_REACH: usize = 2;

/// Full quotations still without attribution, given to the closest
/// attribution before them (same or previous paragraph, at most
/// `ORPHAN_REACH` sentences back): news style names the speaker once and
/// lets the next quoted paragraph follow ("Zelensky said ... \n\n \"We
/// are ready ...\"").
pub fn orphan_quotes(doc: &Document, words: &Words, quoted: &[Quoted], found: &[Found]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut said = vec![false; words.len() + 1];
    for f in found {
        for flag in &mut said[words.token_at(f.content.start)..words.token_at(f.content.end)] {
            *flag = true;
        }
    }
    // `found` is sorted by cue position.
    for q in quoted.iter().filter(|q| !q.embedded && !q.inner.is_empty()) {
        let (open, inner_end) = (words.token_at(q.open), words.token_at(q.inner.end));
        if said[open..inner_end.max(open)].iter().any(|&flag| flag) {
            continue;
        }
        let Some(sentence) = doc.sentence_at(q.open) else { continue };
        let before = found.partition_point(|f| f.cue.0 < open);
        let previous = found[..before].iter().rev().take(8).find(|f| f.cue.1 <= open && f.speaker.is_some());
        // Only a person-like speaker carries over: a name or "he"/"she".
        let Some(previous) = previous.filter(|f| f.speaker.is_some_and(|s| names_person(words, s))) else { continue };
        let cue_sentence = doc.sentence_at(words.tokens[previous.cue.0].start).unwrap_or(0);
        if sentence.saturating_sub(cue_sentence) > ORPHAN_REACH {
            continue;
        }
        let gap = Span::new(words.tokens[previous.cue.0].end, q.open);
        if gap.slice(&doc.text).matches("\n\n").count() <= 1 {
            let content = content_span(doc, q.inner);
            out.push(Found { content, kind: QuoteKind::Direct, cue: previous.cue, speaker: previous.speaker });
        }
    }
    out
}

/// Whether a speaker phrase ends in a capitalized name or is "he"/"she".
fn names_person(words: &Words, speaker: Range) -> bool {
    let last = speaker.1 - 1;
    matches!(words.lower(last), "he" | "she")
        || speaker.1 - speaker.0 >= 1 && words.is_capitalized(last) && words.is_capitalized(speaker.0)
}
