//! Reported speech without quotation marks, clause by clause:
//! - subject + cue + complement ("Peskov said (that) Russia seeks peace",
//!   "told media ... that", "wrote on Telegram that", "promised to end ...");
//! - content + comma + subject + cue ("..., a source said.", "..., said X.");
//! - "according to X" before or after the content;
//! - a gerund cue taking its speaker from the main clause
//!   ("Kyiv denied, stating that ...", "..., adding that ...").
//!
//! A quoted fragment inside the content makes the quote `mixed`.

use newsgraph_core::{Document, QuoteKind, Span};

use crate::found::Found;
use crate::grammar::{Grammar, Range};
use crate::lexicon::{is_noun_like, Form, Verb};
use crate::marks::Quoted;
use crate::words::{is_determiner, is_function_word, is_subject_pronoun, is_verb_modifier, is_wh_word};

/// Fewest word tokens a reported content may have.
const MIN_WORDS: usize = 2;
/// Most tokens of a content before its frame; longer "sentences" are lists
/// or run-on text, and the bound keeps the scan linear.
const MAX_CONTENT: usize = 300;

/// Finds reported speech in every sentence.
/// `frames` are the attributions of quotations found before, by cue.
pub fn indirect_quotes(
    grammar: &Grammar,
    doc: &Document,
    quoted: &[Quoted],
    claimed: &[bool],
    frames: &[Found],
) -> Vec<Found> {
    let mut out = Vec::new();
    for sentence in &doc.sentences {
        let mut scan = SentenceScan { grammar, claimed, frames, start: sentence.first_token, end: sentence.end_token };
        scan.run(&mut out);
    }
    for found in &mut out {
        if quoted.iter().any(|q| q.embedded && found.content.contains(Span::new(q.inner.start, q.inner.end))) {
            found.kind = QuoteKind::Mixed;
        }
    }
    out
}

struct SentenceScan<'a> {
    grammar: &'a Grammar<'a>,
    claimed: &'a [bool],
    /// Attributions of quotations, sorted by cue.
    frames: &'a [Found],
    start: usize,
    end: usize,
}

impl SentenceScan<'_> {
    fn run(&mut self, out: &mut Vec<Found>) {
        let w = self.grammar.words;
        let mut last_subject: Option<Range> = None;
        let mut content_floor = self.start;
        // Tokens before this one are inside the content of an attribution.
        let mut nested_until = 0;
        let mut k = self.start;
        // "Russia wants to keep the land, the Kremlin said.": the frame after
        // the content wins over reporting verbs inside it.
        if let Some(found) = self.outer_frame() {
            content_floor = self.after(&found);
            k = content_floor;
            out.push(found);
        }
        while k < self.end {
            if self.grammar.blocked[k] || self.grammar.stops[k] {
                k += 1;
                continue;
            }
            if w.is(k, "according") && w.is(k + 1, "to") {
                if let Some(found) = self.according_to(k, content_floor) {
                    k = k.max(found.cue.1);
                    content_floor = self.after(&found);
                    out.push(found);
                }
                k += 1;
                continue;
            }
            // Subjects inside a content are not the subject a later gerund
            // of the outer clause takes ("X said Y ..., adding that").
            let mut inner_subject = last_subject;
            let subject_slot = if k < nested_until { &mut inner_subject } else { &mut last_subject };
            match self.at_cue(k, content_floor, subject_slot) {
                Some(found) if k < nested_until && !self.is_nested_speech(&found) => k += 1,
                Some(found) => {
                    content_floor = self.after(&found);
                    k = content_floor.max(k + 1);
                    // "X said that Y told him ...": a content after its cue
                    // may hold an attribution of its own, found by scanning
                    // on from the content's start.
                    let inner = w.token_at(found.content.start);
                    if inner >= found.cue.1 && inner < k {
                        nested_until = nested_until.max(k);
                        content_floor = inner;
                        k = inner;
                    }
                    // "..., he said, replacing Clinton would be ...": the
                    // clause after a parenthetical frame is content too.
                    let rest = self.resumed_content(&found);
                    out.push(found);
                    if let Some(rest) = rest {
                        content_floor = self.after(&rest);
                        k = content_floor.max(k);
                        out.push(rest);
                    }
                }
                None => k += 1,
            }
        }
    }

    /// Whether an attribution found inside another's content is one PolNeAR
    /// (and a reader) counts on its own: a verb of speech with its speaker
    /// named ("... reports that she told a doctor ..."). Other reporting
    /// verbs inside a content ("said he wants to ...", "said polls show")
    /// are mostly part of what is reported (measured: taking them all
    /// lowers cue and exact-content precision).
    fn is_nested_speech(&self, found: &Found) -> bool {
        const SPEECH: &[&str] = &["say", "tell", "ask", "add", "write", "explain", "insist", "recall", "warn"];
        let w = self.grammar.words;
        let lemma = self.grammar.lexicon.verb(w.lower(found.cue.0)).map(|(verb, _)| verb.lemma);
        found.speaker.is_some() && lemma.is_some_and(|l| SPEECH.contains(&l))
    }

    /// A frame ("..., the Kremlin said", "..., said Ryabkov") whose content
    /// starts the sentence.
    fn outer_frame(&self) -> Option<Found> {
        let g = self.grammar;
        let w = g.words;
        if self.end - self.start > MAX_CONTENT {
            return None;
        }
        for k in self.start + 1..self.end {
            if self.claimed[k] || g.stops[k] || w.raw(k - 1) == "," && k < self.start + 3 {
                continue;
            }
            let Some((_, Form::Finite)) = g.lexicon.verb(w.lower(k)) else { continue };
            if w.is_capitalized(k) || self.used_as_noun(k) || is_noun_like(w.lower(k)) {
                continue;
            }
            let subject = g.subject_before(k, self.start);
            let Some(found) = self.content_before((k, k + 1), subject, self.start) else { continue };
            // Only a frame that closes the sentence: "..., he said, adding
            // that ..." is left to the left-to-right scan.
            let frame_end = found.speaker.map_or(k + 1, |s| s.1.max(k + 1));
            if (frame_end..self.end).all(|j| !matches!(w.raw(j), "," | ";" | ":")) {
                return Some(found);
            }
        }
        None
    }

    /// First token after a found attribution (content or cue, whichever is later).
    fn after(&self, found: &Found) -> usize {
        let w = self.grammar.words;
        let content_end = w.token_at(found.content.end);
        content_end.max(found.cue.1).max(found.speaker.map_or(0, |s| s.1))
    }

    /// An attribution whose cue is the verb at `k`, if it is one.
    fn at_cue(&self, k: usize, content_floor: usize, last_subject: &mut Option<Range>) -> Option<Found> {
        let g = self.grammar;
        let w = g.words;
        let next = if k + 1 < self.end { w.lower(k + 1) } else { "" };
        let (verb, form) = g.lexicon.verb_before(w.lower(k), next)?;
        if w.is_capitalized(k) && k > self.start || self.used_as_noun(k) {
            return None;
        }
        let cue_end = match verb.particle {
            Some(particle) if w.is(k + 1, particle) => k + 2,
            Some(_) => return None,
            None => k + 1,
        };
        let subject = match form {
            // "... and said he did not support": the subject of the first verb.
            Form::Finite if self.follows_conjunction(k) => {
                g.subject_before(k, self.start).or_else(|| g.clause_subject(self.start, k))
            }
            Form::Finite => g.subject_before(k, self.start),
            Form::Gerund => self.gerund_subject(k, *last_subject),
        };
        if form == Form::Finite && subject.is_some() {
            *last_subject = subject;
        }
        let cue = (k, cue_end);
        if self.claimed[k] {
            return None;
        }
        if is_noun_like(w.lower(k)) {
            return self.noun_like_cue(verb, cue, subject);
        }
        // A finite cue needs a subject before it or, after a comma, after it
        // ("..., said Brian Baker"); otherwise it is most likely a noun
        // ("security guarantees that ...").
        if form == Form::Finite && subject.is_none() {
            let after_comma = k > self.start && (w.raw(k - 1) == "," || w.is_quote_mark(k - 1));
            if after_comma {
                return self.content_before(cue, None, content_floor);
            }
            // "Experts on North Korea and nuclear nonproliferation said ...":
            // a subject with a modifier the phrase grammar does not cover.
            if let Some(s) = self.opening_subject(k) {
                return self.content_after(verb, cue, Some(s));
            }
            // "The latest Reuters/Ipsos poll released Friday shows that ...":
            // with a `that` clause the verb is surely one; its subject opens the sentence.
            if !w.is(cue.1, "that") {
                return None;
            }
            let subject = g.clause_subject(self.start, k).filter(|s| s.1 < k);
            return subject.and_then(|s| self.content_after(verb, cue, Some(s)));
        }
        if let Some(found) = self.content_after(verb, cue, subject) {
            return Some(found);
        }
        if form == Form::Finite {
            return self.content_before(cue, subject, content_floor);
        }
        None
    }

    /// "... and said", "... but has also said": a verb coordinated with an
    /// earlier one, whose subject opens the clause.
    fn follows_conjunction(&self, k: usize) -> bool {
        let w = self.grammar.words;
        let mut p = k;
        while p > self.start && is_verb_modifier(w.lower(p - 1)) {
            p -= 1;
        }
        p > self.start && matches!(w.lower(p - 1), "and" | "but")
    }

    /// The sentence's opening subject when only a short, comma-free stretch
    /// without another verb of the lexicon separates it from the cue at `k`.
    fn opening_subject(&self, k: usize) -> Option<Range> {
        let g = self.grammar;
        let w = g.words;
        let subject = g.phrase_at(self.start, k)?;
        let gap = subject.1..k;
        let plain = gap.len() <= 8
            && !gap.is_empty()
            && gap.clone().all(|j| {
                w.is_word(j) && g.lexicon.verb(w.lower(j)).is_none() && !matches!(w.lower(j), "who" | "which" | "that")
            })
            && self.grammar.lexicon.is_speaker_noun(w.lower(subject.1 - 1));
        plain.then_some(subject)
    }

    /// The speaker of a gerund cue: the subject of a progressive ("Trump is
    /// once again questioning"), or of the main clause after a comma or a
    /// preposition ("..., even suggesting", "by announcing").
    fn gerund_subject(&self, k: usize, last_subject: Option<Range>) -> Option<Range> {
        let g = self.grammar;
        let w = g.words;
        let is_be = |lower: &str| matches!(lower, "is" | "are" | "was" | "were" | "be" | "been" | "'s" | "'re" | "am");
        let mut p = k;
        while p > self.start && is_verb_modifier(w.lower(p - 1)) && !is_be(w.lower(p - 1)) {
            p -= 1;
        }
        // "Claiming fraud, Trump said ...", "After saying ..., she was ...":
        // a gerund phrase opening the sentence, alone or after a preposition,
        // takes the subject after it.
        if p == self.start || p == self.start + 1 && is_adverbial_opener(w.lower(self.start)) {
            return self.subject_after_opener(k);
        }
        let before = w.lower(p - 1);
        if is_be(before) {
            return g.subject_before(k, self.start);
        }
        let joins = matches!(before, "," | "and" | "by" | "while" | "after" | "before" | "in" | "without" | "when");
        if joins {
            return last_subject.or_else(|| self.quotation_speaker(p)).or_else(|| g.clause_subject(self.start, p - 1));
        }
        // A reduced relative ("a statement announcing", "video showing"): the
        // noun before it, else the subject of the clause. A noun that is not
        // one that speaks, inside an adjunct ("said at a news conference
        // announcing", "in many cases reporting"), only frames the event:
        // the subject of the clause speaks.
        match g.noun_phrase_ending(p, self.start) {
            Some(np)
                if np.0 > self.start
                    && matches!(w.lower(np.0 - 1), "at" | "in" | "during" | "on")
                    && !g.lexicon.is_speaker_noun(w.lower(np.1 - 1)) =>
            {
                last_subject.or_else(|| g.clause_subject(self.start, np.0 - 1))
            }
            // "it issued a policy paper welcoming ...": a text its subject
            // issued speaks for that subject.
            Some(np) if self.issued_text(np) => last_subject.or_else(|| g.clause_subject(self.start, np.0)),
            Some(np) => Some(np),
            None => g.clause_subject(self.start, p),
        }
    }

    /// Whether the noun phrase `np` is a written text that is the object of
    /// a verb ("issued a statement", "sent a letter").
    fn issued_text(&self, np: Range) -> bool {
        const TEXTS: &[&str] = &["statement", "letter", "paper", "memo", "release", "resolution", "petition", "note"];
        let w = self.grammar.words;
        let verb = np.0.checked_sub(1).filter(|&v| v >= self.start);
        TEXTS.contains(&w.lower(np.1 - 1))
            && verb.is_some_and(|v| {
                let lower = w.lower(v);
                w.is_word(v) && !w.is_capitalized(v) && !is_function_word(lower) && !is_determiner(lower)
            })
    }

    /// The speaker of the last quotation framed in this sentence before
    /// token `p` ("\"...,\" said Caddell, speaking of ...").
    fn quotation_speaker(&self, p: usize) -> Option<Range> {
        let first = self.frames.partition_point(|f| f.cue.0 < self.start);
        let last = self.frames.partition_point(|f| f.cue.0 < p);
        self.frames[first..last.max(first)].iter().rev().filter(|f| f.cue.1 <= p).find_map(|f| f.speaker)
    }

    /// The subject of the main clause after an opening phrase that holds
    /// token `k`: the phrase after its comma (and any closing quotation mark).
    fn subject_after_opener(&self, k: usize) -> Option<Range> {
        let w = self.grammar.words;
        let comma = (k + 1..self.end).find(|&j| w.raw(j) == ",")?;
        let start = (comma + 1..self.end).find(|&j| !w.is_quote_mark(j))?;
        self.grammar.phrase_at(start, self.end)
    }

    /// A form that is as often a noun ("states", "plans", "shows") is a cue
    /// only with a `that` after it, or with a name or pronoun as subject.
    fn noun_like_cue(&self, verb: &Verb, cue: Range, subject: Option<Range>) -> Option<Found> {
        let w = self.grammar.words;
        let subject = subject?;
        // "state" is a verb only before "that" ("the secretary of state").
        if matches!(w.lower(cue.0), "state" | "states") && !w.is(cue.1, "that") {
            return None;
        }
        let named = (subject.0..subject.1).all(|j| w.is_capitalized(j) || !w.is_word(j))
            || subject.1 - subject.0 == 1 && is_subject_pronoun(w.lower(subject.0))
            || self.grammar.lexicon.is_speaker_noun(w.lower(subject.1 - 1));
        if named || w.is(cue.1, "that") {
            return self.content_after(verb, cue, Some(subject));
        }
        None
    }

    /// "a claim", "the report", "to say": not reporting verbs here.
    fn used_as_noun(&self, k: usize) -> bool {
        let w = self.grammar.words;
        k > self.start
            && (is_determiner(w.lower(k - 1)) && !w.is(k - 1, "that")
                || matches!(w.lower(k - 1), "to" | "'s" | "\u{2019}s"))
    }

    fn content_after(&self, verb: &Verb, cue: Range, subject: Option<Range>) -> Option<Found> {
        let g = self.grammar;
        let w = g.words;
        let mut after = cue.1;
        // "what it claimed, without evidence, was an attempt": skip the parenthetical.
        let wh_subject = subject.is_some_and(|s| s.0 > self.start && g.words.is(s.0 - 1, "what"));
        if wh_subject && g.words.raw(after) == "," {
            after = (after + 1..self.end).find(|&j| g.words.raw(j) == ",")? + 1;
            return self.found(subject?.0 - 1, after.max(subject?.0), self.end, cue, subject, true);
        }
        // "As Mr. Obama said, a majority of Americans ...".
        let as_clause = subject.is_some_and(|s| s.0 > self.start && g.words.is(s.0 - 1, "as"));
        if as_clause && g.words.raw(after) == "," {
            let end = g.complement_end(after + 1, self.end);
            return self.found(after + 1, after + 1, end, cue, subject, false);
        }
        let (start, object) = g.complement_start(after, self.end, verb.frames)?;
        let end = g.complement_end(start, self.end);
        let end = if object { g.noun_phrase_end(start, end) } else { end };
        let found = self.found(start, start, end, cue, subject, false);
        // A one-word object is content too ("attacked Machado").
        found.or_else(|| {
            object
                .then(|| Found { content: w.span(start, end), kind: QuoteKind::Indirect, cue, speaker: subject })
                .filter(|_| end > start)
        })
    }

    /// Builds the attribution if the content is long enough. With `split`,
    /// the content starts at `body` but a leading wh-word at `head` is kept.
    fn found(
        &self,
        head: usize,
        body: usize,
        end: usize,
        cue: Range,
        speaker: Option<Range>,
        split: bool,
    ) -> Option<Found> {
        let g = self.grammar;
        let w = g.words;
        let end = if split { g.complement_end(body, end) } else { end };
        let words = (body..end).filter(|&j| w.is_word(j)).count();
        if end <= body || words < MIN_WORDS {
            return None;
        }
        let start = if split { body } else { head };
        Some(Found { content: w.span(start, end), kind: QuoteKind::Indirect, cue, speaker })
    }

    /// "CONTENT, a source said." / "CONTENT, said Ryabkov."
    /// The second half of a content interrupted by its frame, when the
    /// frame (`found`, content before it) is followed by a comma and a clause.
    fn resumed_content(&self, found: &Found) -> Option<Found> {
        let g = self.grammar;
        let w = g.words;
        let frame_end = found.cue.1.max(found.speaker.map_or(0, |s| s.1));
        if w.token_at(found.content.end) > found.cue.0 {
            return None;
        }
        let start = self.resumption_after(frame_end)?;
        let end = g.complement_end(start, self.end);
        self.found(start, start, end, found.cue, found.speaker, false)
    }

    /// Where the content resumes after a frame ending at `frame_end` that
    /// interrupts it ("..., he said, local officials should ..."): the clause
    /// after the next comma, unless another attribution or a wh-clause opens there.
    fn resumption_after(&self, frame_end: usize) -> Option<usize> {
        let g = self.grammar;
        let w = g.words;
        if frame_end >= self.end {
            return None;
        }
        let comma = (frame_end..self.end.min(frame_end + 4)).find(|&j| w.raw(j) == ",")?;
        let start = comma + 1;
        if start >= self.end || g.stops[start] || !w.is_word(start) {
            return None;
        }
        let lower = w.lower(start);
        if g.lexicon.verb(lower).is_some_and(|(_, form)| form == Form::Gerund)
            || lower == "according"
            || is_wh_word(lower)
        {
            return None;
        }
        Some(start)
    }

    fn content_before(&self, cue: Range, subject: Option<Range>, floor: usize) -> Option<Found> {
        let g = self.grammar;
        let w = g.words;
        let (frame_start, speaker, tail) = match subject {
            Some(s) => (s.0, s, cue.1),
            None => {
                let s = g.subject_after(cue.0, self.end)?;
                (cue.0, s, s.1)
            }
        };
        // "..., top black lawmakers said": up to two modifiers may precede the subject found.
        // A closing quotation mark may follow the comma ("... at the top,'' said").
        let comma = (frame_start.saturating_sub(4).max(floor)..frame_start)
            .rev()
            .take_while(|&j| {
                j + 1 == frame_start
                    || w.is_word(j + 1) && !w.is_capitalized(j + 1) && !is_function_word(w.lower(j + 1))
                    || w.is_quote_mark(j + 1)
            })
            .find(|&j| w.raw(j) == ",");
        let comma = comma.filter(|&c| c > floor && c - floor <= MAX_CONTENT && g.is_tail(tail, self.end))?;
        let first_word = (comma + 1..speaker.1).find(|&j| !w.is_quote_mark(j)).unwrap_or(speaker.0);
        let speaker = if subject.is_some() { (first_word, speaker.1) } else { speaker };
        // The content starts on the frame's line (a headline line may precede it).
        let floor = (floor + 1..comma)
            .rev()
            .find(|&j| w.text[w.tokens[j - 1].end..w.tokens[j].start].contains('\n'))
            .unwrap_or(floor);
        // The content must be a clause, not an introductory adverbial
        // ("During his years in office, Mr. Obama said ...").
        // An introductory adverbial ("During his years in office, Mr. Obama
        // said ...") is not content unless a clause follows it inside the stretch.
        let first = if matches!(w.lower(floor), "and" | "but" | "so" | "yet") { floor + 1 } else { floor };
        let opener = w.lower(first);
        let adverbial = is_adverbial_opener(opener) || opener.ends_with("ing");
        // "But to prevent problems, he said, officials should ...": before a
        // frame that interrupts the content, the adverbial belongs to it.
        let interrupted = self.resumption_after(speaker.1.max(cue.1)).is_some();
        if adverbial && !interrupted && !(floor..comma).any(|j| w.raw(j) == ",") {
            return None;
        }
        let end = g.trim_end(floor, comma);
        if (floor..end).any(|j| g.stops[j]) {
            return None;
        }
        self.found(floor, floor, end, cue, Some(speaker), false)
    }

    /// "according to X, CONTENT" / "CONTENT, according to X."
    fn according_to(&self, k: usize, floor: usize) -> Option<Found> {
        let g = self.grammar;
        let w = g.words;
        let cue = (k, k + 2);
        // The source runs to the next comma ("an analysis by Lily Batchelder,").
        let source_end = (k + 2..self.end.min(k + 14))
            .find(|&j| matches!(w.raw(j), "," | "." | ";" | ":"))
            .unwrap_or(self.end.min(k + 14));
        let source = g
            .subject_after(k + 1, self.end)
            .map(|s| (s.0, s.1.max(source_end)))
            .or((source_end > k + 2).then_some((k + 2, source_end)))?;
        if k == floor || k == self.start {
            if w.raw(source.1) != "," {
                return None;
            }
            let end = g.complement_end(source.1 + 1, self.end);
            return self.found(source.1 + 1, source.1 + 1, end, cue, Some(source), false);
        }
        let end = g.trim_end(floor, k);
        self.found(floor, floor, end, cue, Some(source), false)
    }
}

/// Prepositions and subordinators that open an introductory adverbial.
fn is_adverbial_opener(lower: &str) -> bool {
    matches!(
        lower,
        "in" | "on"
            | "at"
            | "for"
            | "with"
            | "by"
            | "from"
            | "into"
            | "about"
            | "after"
            | "before"
            | "since"
            | "during"
            | "over"
            | "under"
            | "against"
            | "between"
            | "through"
            | "as"
            | "when"
            | "while"
            | "where"
            | "because"
            | "if"
            | "though"
            | "although"
            | "until"
            | "despite"
            | "among"
            | "amid"
            | "without"
            | "within"
            | "throughout"
            | "following"
            | "unlike"
            | "once"
            | "to"
    )
}
