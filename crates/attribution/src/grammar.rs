//! A small clause-level grammar over tokens: the subject noun phrase of a
//! reporting verb, the listener after "told", and the complement clause that
//! holds the reported content.

use crate::lexicon::{is_noun_like, Frames, Lexicon};
use crate::words::{
    is_calendar_word, is_determiner, is_function_word, is_possessive_pronoun, is_sentence_adverb, is_subject_pronoun,
    is_time_word, is_verb_modifier, is_wh_word, opens_clause, Words,
};

/// Token range `[start, end)`.
pub type Range = (usize, usize);

/// The grammar over one document.
pub struct Grammar<'a> {
    pub words: &'a Words<'a>,
    pub lexicon: &'a Lexicon,
    /// Tokens inside full direct quotations (marks included): indirect
    /// speech never reaches into them.
    pub blocked: &'a [bool],
    /// Tokens reported content must stop before (quotations already
    /// attributed, or all of them before attribution).
    pub stops: &'a [bool],
}

/// Most words a speaker noun phrase may have.
const MAX_NP: usize = 10;
/// Most tokens between a reporting verb and the `that` of its clause.
const MAX_GAP: usize = 14;
/// Most tokens in an appositive set off by commas before a verb.
const MAX_APPOSITIVE: usize = 24;

impl<'a> Grammar<'a> {
    /// The subject noun phrase ending right before `cue` (after skipping
    /// auxiliaries and adverbs), not reaching before `floor`.
    pub fn subject_before(&self, cue: usize, floor: usize) -> Option<Range> {
        let w = self.words;
        let mut end = cue;
        while end > floor && is_verb_modifier(w.lower(end - 1)) {
            end -= 1;
        }
        if end == floor {
            return None;
        }
        let head = end - 1;
        if is_subject_pronoun(w.lower(head)) {
            return Some((head, end));
        }
        // "Trump's architect, who said ..." / "listeners who said ..."; the
        // bare pronoun when its antecedent is out of the grammar's reach.
        if w.lower(head) == "who" && head > floor {
            let before = if w.raw(head - 1) == "," { head - 1 } else { head };
            return self.noun_phrase_ending(before, floor).or(Some((head, end)));
        }
        if w.raw(head) == "," {
            return self.apposition_ending(head, floor);
        }
        if w.raw(head) == ")" {
            return self.name_with_parenthetical(end, floor);
        }
        self.noun_phrase_ending(end, floor)
    }

    /// "The Chief of the General Staff, General Valery Gerasimov, stated":
    /// a name set off by commas before the verb, with the phrase it renames.
    /// Also "Richard Revesz, director of the Institute ..., said": the
    /// stretch between the commas is taken as an appositive when a name
    /// stands before the first comma.
    fn apposition_ending(&self, comma: usize, floor: usize) -> Option<Range> {
        let w = self.words;
        let lowest = floor.max(comma.saturating_sub(MAX_APPOSITIVE));
        // A period inside an appositive belongs to an abbreviation ("R-Ky.,").
        let first = (lowest..comma).rev().find(|&j| matches!(w.raw(j), "," | ";" | ":") || self.blocked[j])?;
        if w.raw(first) != "," || first + 1 >= comma {
            return None;
        }
        let inner_is_name = self.noun_phrase_ending(comma, first + 1).is_some_and(|np| np.0 == first + 1);
        // An appositive opens like a noun phrase ("director of ...", "an economist").
        let opener = w.lower(first + 1);
        let numeric = opener.chars().next().is_some_and(|c| c.is_ascii_digit());
        // A non-restrictive relative clause works like an appositive
        // ("Derek Mitchell, who served as ambassador, said").
        let relative = opener == "who";
        let inner_is_appositive = inner_is_name
            || relative
                && (first + 1..comma).all(|j| self.lexicon.verb(w.lower(j)).is_none() || is_noun_like(w.lower(j)))
            || (is_determiner(opener)
                || self.opens_with_speaker_noun(first + 1, comma)
                || w.is_capitalized(first + 1)
                || numeric)
                && !is_function_word(opener)
                && (first + 1..comma).all(|j| self.lexicon.verb(w.lower(j)).is_none() || is_noun_like(w.lower(j)));
        let outer = self.noun_phrase_ending(first, floor).or_else(|| self.name_with_parenthetical(first, floor));
        match outer {
            // A second appositive before this one ("Scott Pruitt, the attorney general, one of ..., said").
            Some(np) if np.0 > floor + 1 && w.raw(np.0 - 1) == "," && inner_is_appositive => {
                let before =
                    self.apposition_ending(np.0 - 1, floor).or_else(|| self.noun_phrase_ending(np.0 - 1, floor));
                let start = before.map_or(np.0, |outer| outer.0);
                Some((start, comma))
            }
            Some(np)
                if (w.is_capitalized(first - 1) || w.raw(first - 1) == ")") && inner_is_appositive || inner_is_name =>
            {
                Some((np.0, comma))
            }
            None if inner_is_name && w.is_capitalized(comma - 1) => Some((first + 1, comma)),
            _ => None,
        }
    }

    /// "senior associate for ...", "longtime adviser": an appositive whose
    /// head noun comes after at most two modifiers.
    fn opens_with_speaker_noun(&self, from: usize, to: usize) -> bool {
        (from..to.min(from + 3)).any(|j| self.lexicon.is_speaker_noun(self.words.lower(j)))
    }

    /// "Sen. David Perdue (R-Ga.)" ending right before `end`: a name with a
    /// short parenthetical after it.
    fn name_with_parenthetical(&self, end: usize, floor: usize) -> Option<Range> {
        let w = self.words;
        if end <= floor || w.raw(end - 1) != ")" {
            return None;
        }
        let open = (floor..end - 1).rev().take(8).find(|&j| w.raw(j) == "(")?;
        let (start, _) = self.noun_phrase_ending(open, floor)?;
        Some((start, end))
    }

    /// A noun phrase whose last token is `end - 1`.
    pub fn noun_phrase_ending(&self, end: usize, floor: usize) -> Option<Range> {
        let w = self.words;
        if end <= floor || self.blocked[end - 1] {
            return None;
        }
        let head = end - 1;
        let head_lower = w.lower(head);
        // A common noun heads a speaker phrase when it is a known speaker
        // noun or a determiner opens the phrase ("the clip says").
        let common_head = self.lexicon.is_speaker_noun(head_lower)
            || w.is_word(head) && self.lexicon.verb(head_lower).is_none() && has_determiner_before(w, head, floor);
        // A capitalized adverb or participle opening the sentence is no name
        // ("Instead, ...", "Having said ...").
        let sentence_opener = head == floor && (is_verb_modifier(head_lower) || head_lower.ends_with("ing"));
        if is_function_word(head_lower)
            || is_calendar_word(head_lower)
            || is_time_word(head_lower)
            || sentence_opener
            || !(w.is_capitalized(head) && w.is_word(head) || common_head)
        {
            return None;
        }
        if is_determiner(head_lower) || self.lexicon.verb(head_lower).is_some() && !w.is_capitalized(head) {
            return None;
        }
        let mut start = head;
        while start > floor && end - start < MAX_NP {
            let k = start - 1;
            let lower = w.lower(k);
            // A line break ends a phrase (a headline line above the sentence).
            if w.text[w.tokens[k].end..w.tokens[start].start].contains('\n') {
                break;
            }
            // "said that Clinton ...": a complementizer, not a determiner.
            if lower == "that" {
                break;
            }
            // "Russia's defence ministry": the possessor opens the phrase.
            if is_possessive_clitic(lower) && k > floor && w.is_capitalized(k - 1) {
                start = k;
                continue;
            }
            if is_determiner(lower) {
                start = k;
                // "Chief of the General Staff": the phrase goes on through "of the".
                let inside_name = lower == "the" && k > floor + 1 && w.is(k - 1, "of") && w.is_capitalized(k - 2);
                if inside_name || self.complements_speaker_noun(k, floor) {
                    continue;
                }
                break;
            }
            if is_function_word(lower)
                && !matches!(lower, "of" | "for" | "and")
                && !self.complements_speaker_noun(start, floor)
            {
                break;
            }
            let name_word = w.is_capitalized(k) && w.is_word(k) && !self.blocked[k];
            let name_follows = w.is_capitalized(start) || w.is(start, "the") && w.is_capitalized(start + 1);
            let connector = matches!(lower, "of" | "for" | "'s" | "and" | "-" | "the")
                && name_follows
                && k > floor
                && (w.is_capitalized(k - 1)
                    || w.lower(k - 1) == "of"
                    || self.lexicon.is_speaker_noun(w.lower(k - 1)) && matches!(lower, "of" | "for"));
            let modifier = w.is_word(k)
                && !w.is_capitalized(k)
                && self.lexicon.is_speaker_noun(lower)
                && self.lexicon.verb(lower).is_none();
            if name_word || connector || modifier || self.complements_speaker_noun(start, floor) {
                start = k;
            } else if w.is_word(k)
                && !w.is_capitalized(k)
                && self.lexicon.verb(lower).is_none()
                && has_determiner_before(w, k, floor)
            {
                // An adjective or noun modifier, kept only because a determiner opens the phrase.
                start = k;
            } else {
                break;
            }
        }
        while start < head && matches!(w.lower(start), "of" | "for" | "and" | "-" | "'s") {
            start += 1;
        }
        Some((start, end))
    }

    /// Whether the phrase starting at `start` is the complement of a speaker
    /// noun before it ("attorneys for the family", "advisers to Mr. Obama",
    /// "a spokesman for Russia"): the whole phrase names the speaker.
    fn complements_speaker_noun(&self, start: usize, floor: usize) -> bool {
        let w = self.words;
        start >= floor + 2
            && matches!(w.lower(start - 1), "of" | "for" | "to")
            && self.lexicon.is_speaker_noun(w.lower(start - 2))
            && (is_determiner(w.lower(start)) || w.is_capitalized(start))
    }

    /// The subject right after an inverted cue ("..., said Ryabkov").
    pub fn subject_after(&self, cue: usize, limit: usize) -> Option<Range> {
        if self.words.is(cue + 1, "that") {
            return None;
        }
        self.phrase_at(cue + 1, limit)
    }

    /// The subject of a clause starting at `start`, after a leading
    /// connective ("But", "Meanwhile,", "For his part,").
    pub fn clause_subject(&self, start: usize, limit: usize) -> Option<Range> {
        let w = self.words;
        let mut k = start;
        for _ in 0..3 {
            if k < limit && matches!(w.lower(k), "but" | "and" | "so" | "yet" | "still") {
                k += 1;
            }
            // Skip an introductory adverbial set off by a comma ("On Thursday,", "however,").
            let opener = k < limit
                && (is_function_word(w.lower(k))
                    || is_verb_modifier(w.lower(k))
                    || is_time_word(w.lower(k))
                    || is_sentence_adverb(w.lower(k))
                    || self.opens_with_participle(k, limit));
            match (k..limit.min(k + 14)).find(|&j| w.raw(j) == ",") {
                Some(comma) if opener => k = comma + 1,
                _ => break,
            }
        }
        self.phrase_at(k, limit)
    }

    /// "Chastened by the analyses, Trump ...", "Asked about it, she ...":
    /// a past participle with its preposition opening the clause.
    fn opens_with_participle(&self, k: usize, limit: usize) -> bool {
        let w = self.words;
        k + 1 < limit
            && w.lower(k).ends_with("ed")
            && matches!(w.lower(k + 1), "by" | "about" | "on" | "with" | "for" | "at" | "in" | "over" | "whether")
    }

    /// A noun phrase starting at `start`.
    pub fn phrase_at(&self, start: usize, limit: usize) -> Option<Range> {
        let w = self.words;
        if start >= limit {
            return None;
        }
        if is_subject_pronoun(w.lower(start)) {
            return Some((start, start + 1));
        }
        let mut end = start;
        let mut head_end = None;
        while end < limit && end - start < MAX_NP {
            let lower = w.lower(end);
            let head_like = (w.is_capitalized(end)
                && w.is_word(end)
                && !is_function_word(lower)
                && !is_calendar_word(lower)
                && !is_determiner(lower))
                || self.lexicon.is_speaker_noun(lower);
            let modifier = is_determiner(lower) && end == start
                || matches!(lower, "of" | "'s" | "for") && head_end.is_some()
                || w.is_word(end) && !is_function_word(lower) && head_end.is_none() && end - start < 3;
            if head_like {
                head_end = Some(end + 1);
            } else if !modifier {
                break;
            }
            end += 1;
        }
        head_end.map(|e| (start, e))
    }

    /// Skips a listener after a verb like "told" ("told reporters",
    /// "told the Associated Press"). Returns the first token after it.
    pub fn skip_listener(&self, from: usize, limit: usize) -> usize {
        let w = self.words;
        if from >= limit {
            return from;
        }
        if matches!(w.lower(from), "him" | "her" | "them" | "me" | "us" | "you" | "reporters" | "media" | "journalists")
        {
            return from + 1;
        }
        let mut end = from;
        while end < limit && end - from < 6 {
            let lower = w.lower(end);
            let part = (is_determiner(lower) && end == from)
                || (w.is_capitalized(end) && w.is_word(end))
                || self.lexicon.is_speaker_noun(lower);
            if !part || lower == "that" {
                break;
            }
            end += 1;
        }
        end
    }

    /// Start of the reported clause after the cue, which ends before `after`.
    /// Returns the first content token (past a `that`), or None when no
    /// complement of a kind the verb takes follows.
    /// The flag is set when the content is the verb's object noun phrase.
    pub fn complement_start(&self, after: usize, limit: usize, frames: Frames) -> Option<(usize, bool)> {
        if let Some(start) = self.clause_start(after, limit, frames) {
            return Some((start, false));
        }
        let w = self.words;
        let opens_object = after < limit
            && !self.stops[after]
            && w.is_word(after)
            && (!is_function_word(w.lower(after)) || matches!(w.lower(after), "him" | "her" | "them" | "it"));
        (frames.object && opens_object).then_some((after, true))
    }

    fn clause_start(&self, after: usize, limit: usize, frames: Frames) -> Option<usize> {
        let w = self.words;
        let mut k = after;
        if frames.listener {
            k = self.skip_listener(k, limit);
            if k < limit && !opens_clause(w, k) && !w.is(k, "that") {
                // "told the forum he was ...", "asked the players to stay":
                // a common-noun listener.
                let to_infinitive = |j: usize| frames.infinitive && w.is(j, "to");
                k = (after + 1..limit.min(after + 5))
                    .take_while(|&j| w.is_word(j - 1) && !is_function_word(w.lower(j - 1)))
                    .find(|&j| is_subject_pronoun(w.lower(j)) || w.is(j, "that") || to_infinitive(j))
                    .unwrap_or(k);
            }
        }
        if k >= limit || self.stops[k] {
            return None;
        }
        if let Some(j) = self.pronoun_after_adjunct(k, limit) {
            k = j;
        }
        if let Some(that) = self.that_within(k, limit) {
            return (that + 1 < limit).then_some(that + 1);
        }
        let lower = w.lower(k);
        if frames.wh && is_wh_word(lower) || frames.infinitive && lower == "to" {
            return Some(k);
        }
        if lower == ":" && k + 1 < limit && !self.stops[k + 1] {
            return Some(k + 1);
        }
        let clause_like = opens_clause(w, k) && !is_time_word(lower) || self.finite_verb_soon(k, limit);
        (frames.clause && clause_like).then_some(k)
    }

    /// "told African-Americans this weekend he would ...", "said after the
    /// convention he would ...": a time or prepositional adjunct before a
    /// clause that opens with a pronoun. Returns the pronoun.
    fn pronoun_after_adjunct(&self, from: usize, limit: usize) -> Option<usize> {
        let w = self.words;
        let opens_adjunct = |lower: &str| {
            is_time_word(lower)
                || is_calendar_word(lower)
                || matches!(lower, "after" | "before" | "following" | "since" | "over" | "with")
        };
        if from >= limit || !opens_adjunct(w.lower(from)) {
            return None;
        }
        (from + 1..limit.min(from + 8))
            .take_while(|&j| {
                let lower = w.lower(j);
                (w.is_word(j) || matches!(lower, "(" | ")") || is_possessive_clitic(lower))
                    && (!is_function_word(lower)
                        || is_subject_pronoun(lower)
                        || matches!(lower, "in" | "on" | "at" | "of" | "for" | "with" | "by" | "from"))
                    && (self.lexicon.verb(lower).is_none() || is_noun_like(lower))
            })
            .find(|&j| is_subject_pronoun(w.lower(j)))
    }

    /// Whether an auxiliary or modal follows within a few words: a sign
    /// that a bare noun opens a clause ("hackers are taking aim").
    fn finite_verb_soon(&self, from: usize, limit: usize) -> bool {
        let w = self.words;
        if !w.is_word(from) || is_function_word(w.lower(from)) && !matches!(w.lower(from), "too" | "so" | "very") {
            return false;
        }
        let auxiliary_soon = (from + 1..limit.min(from + 9))
            .take_while(|&j| (w.is_word(j) || w.is_quote_mark(j)) && !self.stops[j])
            .any(|j| {
                matches!(
                    w.lower(j),
                    "is" | "are"
                        | "was"
                        | "were"
                        | "will"
                        | "would"
                        | "has"
                        | "have"
                        | "had"
                        | "can"
                        | "could"
                        | "should"
                        | "may"
                        | "might"
                        | "must"
                        | "does"
                        | "do"
                        | "did"
                        | "wo"
                        | "'s"
                        | "'re"
                )
            });
        auxiliary_soon || self.plural_subject_with_verb(from, limit)
    }

    /// "said parents still want ...", "said officials rejected ...": a bare
    /// plural noun followed by a clause adverb or a past-tense verb opens a
    /// clause.
    fn plural_subject_with_verb(&self, from: usize, limit: usize) -> bool {
        let w = self.words;
        let noun = w.lower(from);
        let plural = noun.len() > 3
            && noun.ends_with('s')
            && !noun.ends_with("ss")
            && !is_time_word(noun)
            && self.lexicon.verb(noun).is_none();
        if !plural || from + 2 > limit {
            return false;
        }
        let next = w.lower(from + 1);
        let clause_adverb = matches!(
            next,
            "still" | "never" | "also" | "already" | "often" | "always" | "rarely" | "now" | "no" | "just"
        );
        let past =
            next.len() > 4 && next.ends_with("ed") && w.is_word(from + 2) && !is_function_word(w.lower(from + 2));
        clause_adverb || past
    }

    /// A `that` within a short stretch of adjuncts ("said today (Wednesday)
    /// that", "wrote on the Telegram app that").
    fn that_within(&self, from: usize, limit: usize) -> Option<usize> {
        let w = self.words;
        let stop = limit.min(from + MAX_GAP);
        for k in from..stop {
            let lower = w.lower(k);
            if lower == "that" {
                return Some(k);
            }
            // Commas may set off a place ("says at a stop in Toledo, Ohio, that");
            // a pronoun means a clause has begun and a later "that" is relative
            // ("claimed it captured Kupiansk, a city that ...").
            let breaks = matches!(lower, ";" | ":" | "." | "and" | "but" | "because" | "which" | "who" | "if")
                || is_subject_pronoun(lower)
                || self.lexicon.verb(lower).is_some()
                || self.stops[k];
            if breaks {
                return None;
            }
        }
        None
    }

    /// End (exclusive) of a reported clause that starts at `start`: the
    /// sentence end, or a point where a new attribution or quotation begins.
    pub fn complement_end(&self, start: usize, limit: usize) -> usize {
        let w = self.words;
        let mut k = start;
        while k < limit {
            if self.stops[k] || w.raw(k) == ";" {
                break;
            }
            if w.raw(k) == "," && self.attribution_follows(k + 1, limit) {
                break;
            }
            if k > start && self.coordinated_attribution(k, limit) {
                break;
            }
            k += 1;
        }
        self.trim_end(start, k)
    }

    /// End of an object noun phrase inside `[start, end)`: a dash ("the
    /// suburbs of the capital -- a metaphor for ...") adds the writer's
    /// comment, not what the speaker cited or criticized.
    pub fn noun_phrase_end(&self, start: usize, end: usize) -> usize {
        let w = self.words;
        let dash = |k: usize| {
            matches!(w.raw(k), "--" | "\u{2014}" | "\u{2015}" | "-") && w.tokens[k].start > w.tokens[k - 1].end
        };
        let dashes: Vec<usize> = (start + 1..end).filter(|&k| dash(k)).collect();
        // A pair of dashes sets off an aside inside the phrase ("flowed
        // through -- and was set back by -- court rulings").
        let end = match dashes.as_slice() {
            [single] => self.trim_end(start, *single),
            _ => end,
        };
        // "blasted the plan Wednesday on a radio show", "attacked Machado in
        // early-morning tweets": when and where the judgement was made is the
        // writer's frame, not part of what was judged.
        let adjunct = (start + 1..end).find(|&k| self.frame_adjunct_at(k));
        adjunct.map_or(end, |k| self.trim_end(start, k))
    }

    /// Whether a time or occasion adjunct of the reporting event opens at `k`.
    fn frame_adjunct_at(&self, k: usize) -> bool {
        let w = self.words;
        let lower = w.lower(k);
        if is_calendar_word(lower) && !matches!(lower, "may" | "march") {
            return true;
        }
        if matches!(lower, "during" | "since") || lower == "last" && is_time_word(w.lower(k + 1)) {
            return true;
        }
        let occasion =
            |j: usize| is_occasion_noun(w.lower(j)) || matches!(w.lower(j), "twitter" | "facebook" | "television");
        matches!(lower, "in" | "on" | "at")
            && (occasion(k + 1)
                || (is_determiner(w.lower(k + 1)) || w.is_word(k + 1)) && (occasion(k + 2) || occasion(k + 3)))
    }

    /// "... and said she would ...", "..., though she acknowledged it ...":
    /// a conjunction opening a clause with its own reporting verb ends the
    /// content before it.
    fn coordinated_attribution(&self, k: usize, limit: usize) -> bool {
        let w = self.words;
        if !matches!(w.lower(k), "and" | "but" | "though" | "although" | "while") {
            return false;
        }
        let finite = |j: usize| {
            self.lexicon.verb(w.lower(j)).is_some_and(|(_, form)| form == crate::lexicon::Form::Finite)
                && !is_noun_like(w.lower(j))
                && !w.is_capitalized(j)
        };
        if matches!(w.lower(k), "and" | "but") {
            let verb = (k + 1..limit.min(k + 4)).find(|&j| !is_verb_modifier(w.lower(j)));
            if verb.is_some_and(finite) {
                return true;
            }
        }
        (k + 2..limit.min(k + 5))
            .any(|cue| finite(cue) && self.subject_before(cue, k + 1).is_some_and(|(s, _)| s == k + 1))
    }

    /// Whether an attribution starts at `k`: a gerund cue ("adding that") or
    /// a subject followed by a cue ("he said").
    fn attribution_follows(&self, k: usize, limit: usize) -> bool {
        let w = self.words;
        if k >= limit {
            return false;
        }
        if w.lower(k) == "according" && w.is(k + 1, "to") {
            return true;
        }
        // ", which Kyiv denied": a relative clause with its own attribution.
        if w.lower(k) == "which" {
            return self.attribution_follows(k + 1, limit);
        }
        if let Some((_, crate::lexicon::Form::Gerund)) = self.lexicon.verb(w.lower(k)) {
            return true;
        }
        (k + 1..limit.min(k + 6)).any(|cue| {
            self.lexicon.verb(w.lower(cue)).is_some()
                && self.subject_before(cue, k).is_some_and(|(s, _)| s == k)
                && self.is_tail(cue + 1, limit)
        })
    }

    /// Whether only adjuncts are left from `k` to the sentence end or the next comma.
    pub fn is_tail(&self, k: usize, limit: usize) -> bool {
        let w = self.words;
        if k < limit && is_subject_pronoun(w.lower(k)) {
            // "Trump says he is making ...": a clause follows, not a tail.
            return false;
        }
        let mut j = k;
        while j < limit && j - k < 8 {
            let raw = w.raw(j);
            if matches!(raw, "," | "." | "!" | "?" | ";") || w.is_quote_mark(j) && j == k {
                return true;
            }
            if raw == "that" || raw == ":" {
                return false;
            }
            j += 1;
        }
        j >= limit
    }

    /// Drops trailing punctuation (keeps a closing quotation mark of an
    /// embedded fragment).
    pub fn trim_end(&self, start: usize, mut end: usize) -> usize {
        let w = self.words;
        while end > start && !w.is_word(end - 1) && !w.is_quote_mark(end - 1) && w.raw(end - 1) != ")" {
            end -= 1;
        }
        end
    }

    /// Whether `i` is a possessive naming a speaker ("his", "Ryabkov 's").
    pub fn possessive_before(&self, noun: usize, floor: usize) -> Option<Range> {
        let w = self.words;
        if noun <= floor {
            return None;
        }
        let k = noun - 1;
        if is_possessive_pronoun(w.lower(k)) {
            return Some((k, noun));
        }
        if w.raw(k) == "'s" || w.raw(k) == "\u{2019}s" {
            return self.noun_phrase_ending(k, floor).map(|(s, _)| (s, k));
        }
        None
    }
}

/// Occasions on which something is said ("in an interview", "at a rally").
fn is_occasion_noun(lower: &str) -> bool {
    matches!(
        lower,
        "interview"
            | "interviews"
            | "statement"
            | "speech"
            | "tweet"
            | "tweets"
            | "post"
            | "posts"
            | "rally"
            | "debate"
            | "appearance"
            | "op-ed"
            | "letter"
            | "email"
            | "briefing"
            | "conference"
            | "show"
            | "broadcast"
            | "remarks"
            | "address"
            | "diatribe"
            | "video"
            | "podcast"
            | "hearing"
            | "forum"
    )
}

/// Whether a determiner opens the phrase within three words left of `k`,
/// with only content words between.
fn has_determiner_before(w: &Words, k: usize, floor: usize) -> bool {
    for j in (floor..k).rev().take(3) {
        let lower = w.lower(j);
        if is_determiner(lower) || is_possessive_clitic(lower) {
            return true;
        }
        if is_function_word(lower) || !w.is_word(j) {
            return false;
        }
    }
    false
}

fn is_possessive_clitic(lower: &str) -> bool {
    matches!(lower, "'s" | "\u{2019}s")
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_core::{Document, Stage};

    fn doc(text: &str) -> Document {
        let mut doc = Document::new("t", "t", text);
        newsgraph_text::TextStage::new().annotate(&mut doc);
        doc
    }

    fn subject(text: &str, cue_word: &str) -> String {
        let doc = doc(text);
        let words = Words::new(&doc);
        let lexicon = Lexicon::load().unwrap();
        let blocked = vec![false; words.len()];
        let grammar = Grammar { words: &words, lexicon: &lexicon, blocked: &blocked, stops: &blocked };
        let cue = (0..words.len()).find(|&i| words.raw(i) == cue_word).unwrap();
        grammar.subject_before(cue, 0).map_or(String::new(), |(s, e)| words.span(s, e).slice(text).to_string())
    }

    #[test]
    fn subjects_of_reporting_verbs() {
        assert_eq!(subject("Spokesman Dmitry Peskov said Russia seeks peace.", "said"), "Spokesman Dmitry Peskov");
        assert_eq!(subject("The Russian news agency reported that he left.", "reported"), "The Russian news agency");
        assert_eq!(subject("But a campaign operative decided to go, a source said.", "said"), "a source");
        assert_eq!(subject("This comes as Russia announced it captured the city.", "announced"), "Russia");
        assert_eq!(subject("Ukrainian forces had recently said they regained it.", "said"), "Ukrainian forces");
        assert_eq!(
            subject("Meanwhile, President Volodymyr Zelensky claims he won.", "claims"),
            "President Volodymyr Zelensky"
        );
        assert_eq!(subject("He added that leaders will meet.", "added"), "He");
        assert_eq!(subject("Russia's defence ministry said its forces advanced.", "said"), "Russia's defence ministry");
        assert_eq!(
            subject("Derek Mitchell, who served as ambassador, said it.", "said"),
            "Derek Mitchell, who served as ambassador"
        );
        assert_eq!(subject("The boy's parents left, lawyers for the family said.", "said"), "lawyers for the family");
        assert_eq!(subject("Then advisers to Mr. Smith said he will run.", "said"), "advisers to Mr. Smith");
        assert_eq!(
            subject("Rep. Anna Berg (D-Ohio), chairwoman of the budget panel, said it.", "said"),
            "Rep. Anna Berg (D-Ohio), chairwoman of the budget panel"
        );
        assert_eq!(
            subject("But Ana Ruiz, senior associate for policy at the Urban Institute, said it.", "said"),
            "Ana Ruiz, senior associate for policy at the Urban Institute"
        );
        assert_eq!(
            subject("The Chief of the General Staff of the Russian Army stated it.", "stated"),
            "The Chief of the General Staff of the Russian Army"
        );
    }
}
