//! Runs the rules over one sentence: at each token the longest match wins,
//! optionally preceded by a modifier phrase ("early", "the end of",
//! "nearly", "more than") that becomes the TIMEX3 `mod`.

use newsgraph_core::TimexType;

use crate::civil::Date;
use crate::lexicon::{Tok, Unit};
use crate::pattern::{start_mask, Caps, Pattern, PatternError, Vocab};
use crate::resolve::{Ctx, Out};
use crate::rules::{rules, Action};
use crate::tense::{date_tense, tense_around};

struct Rule {
    pattern: Pattern,
    action: Action,
    /// Only after a modifier: "the year" alone is too often not a date.
    needs_modifier: bool,
}

/// A modifier phrase and the `mod` it gives.
struct Modifier {
    words: Vec<&'static str>,
    ids: Vec<u32>,
    value: &'static str,
    /// Applies to amounts ("more than two years"), not to points in time.
    quantity: bool,
}

const POINT_MODIFIERS: [(&str, &str); 22] = [
    ("early", "START"),
    ("earlier", "START"),
    ("the beginning of", "START"),
    ("beginning of", "START"),
    ("the start of", "START"),
    ("start of", "START"),
    ("the early", "START"),
    ("the dawn of", "START"),
    ("mid", "MID"),
    ("mid -", "MID"),
    ("the mid", "MID"),
    ("the mid -", "MID"),
    ("the middle of", "MID"),
    ("middle of", "MID"),
    ("late", "END"),
    ("late -", "END"),
    ("later", "END"),
    ("the late", "END"),
    ("the end of", "END"),
    ("end of", "END"),
    ("the close of", "END"),
    ("early -", "START"),
];
const QUANTITY_MODIFIERS: [(&str, &str); 22] = [
    ("about", "APPROX"),
    ("around", "APPROX"),
    ("approximately", "APPROX"),
    ("roughly", "APPROX"),
    ("some", "APPROX"),
    ("nearly", "APPROX"),
    ("almost", "APPROX"),
    ("close to", "APPROX"),
    ("more than", "MORE_THAN"),
    ("over", "MORE_THAN"),
    ("at least", "MORE_THAN"),
    ("just over", "MORE_THAN"),
    ("well over", "MORE_THAN"),
    ("upwards of", "MORE_THAN"),
    ("less than", "LESS_THAN"),
    ("under", "LESS_THAN"),
    ("fewer than", "LESS_THAN"),
    ("up to", "LESS_THAN"),
    ("no more than", "LESS_THAN"),
    ("at most", "LESS_THAN"),
    ("just under", "LESS_THAN"),
    ("barely", "LESS_THAN"),
];
/// Words after which a quantity modifier is a preposition ("over the past year").
const NOT_QUANTITY_START: [&str; 7] = ["the", "this", "that", "last", "next", "past", "these"];

/// Document-level state: the anchor and the last date mentioned.
#[derive(Clone, Copy, Debug, Default)]
pub struct State {
    pub anchor: Option<Date>,
    pub reference: Option<(Date, Unit)>,
    /// The last quarter named (see `Ctx::quarter`).
    pub quarter: Option<Date>,
    /// The current sentence named a span of several months (see `Ctx::part_year`).
    pub part_year: bool,
}

/// One expression found in a sentence, as a sub-token range.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub first: usize,
    pub end: usize,
    pub out: Out,
}

/// Words that are common nouns in a date but, capitalised inside a
/// sentence, name something: ABC's "This Week", "VOA Today", "High Noon".
const TITLE_WORDS: [&str; 8] = ["today", "tomorrow", "tonight", "noon", "day", "week", "month", "year"];

/// Whether sub-tokens `start..end` hold such a capitalised word that does not
/// open the sentence (or a quotation) and is no holiday ("Election Day").
fn is_title(toks: &[Tok], start: usize, end: usize) -> bool {
    (start..end).any(|i| {
        let opens = i == 0 || matches!(toks[i - 1].lower.as_str(), "``" | "\"" | "'" | "`" | "(" | "--" | ":");
        toks[i].cap && !opens && TITLE_WORDS.contains(&toks[i].lower.as_str())
    })
}

/// A span of six to eleven months: a year-to-date reporting period.
fn is_part_year(out: &Out) -> bool {
    let months = out.value.strip_prefix('P').and_then(|v| v.strip_suffix('M')).and_then(|n| n.parse::<u32>().ok());
    out.kind == TimexType::Duration && months.is_some_and(|m| (6..12).contains(&m))
}

pub struct Grammar {
    rules: Vec<Rule>,
    modifiers: Vec<Modifier>,
    vocab: Vocab,
    /// `triggers[id]`: a rule or modifier can start with word `id`.
    triggers: Vec<bool>,
    /// Rules that can start with word `id`, by id.
    rules_by_word: Vec<Vec<usize>>,
    /// Rules that can start with a word class, with the mask of those classes.
    rules_by_class: Vec<(usize, u32)>,
}

struct Candidate {
    start: usize,
    end: usize,
    rule: usize,
    at: usize,
    modifier: Option<usize>,
}

impl Grammar {
    pub fn new() -> Result<Grammar, PatternError> {
        let mut vocab = Vocab::default();
        let mut compiled = Vec::new();
        for (source, action) in rules() {
            let (source, needs_modifier) = match source.strip_prefix('!') {
                Some(rest) => (rest, true),
                None => (source, false),
            };
            compiled.push(Rule { pattern: Pattern::compile(source, &mut vocab)?, action, needs_modifier });
        }
        let modifiers = modifier_list(&mut vocab);
        let mut first: Vec<u32> = compiled.iter().flat_map(|r| r.pattern.first_words().unwrap_or_default()).collect();
        first.extend(modifiers.iter().map(|m| m.ids[0]));
        let named_days = [
            "christmas",
            "new",
            "independence",
            "halloween",
            "valentine",
            "thanksgiving",
            "election",
            "labor",
            "memorial",
            "noon",
            "midnight",
            "midday",
        ];
        first.extend(named_days.map(|w| vocab.intern(w)));
        let mut triggers = vec![false; vocab.get_max() as usize + 1];
        for id in first {
            triggers[id as usize] = true;
        }
        let mut rules_by_word = vec![Vec::new(); vocab.get_max() as usize + 1];
        let mut rules_by_class = Vec::new();
        for (r, rule) in compiled.iter().enumerate() {
            let (ids, mask) = rule.pattern.starts();
            for id in ids {
                rules_by_word[id as usize].push(r);
            }
            if mask != 0 {
                rules_by_class.push((r, mask));
            }
        }
        Ok(Grammar { rules: compiled, modifiers, vocab, triggers, rules_by_word, rules_by_class })
    }

    /// Gives each sub-token its vocabulary id.
    pub fn intern(&self, toks: &mut [Tok]) {
        for tok in toks {
            tok.id = self.vocab.get(&tok.lower);
        }
    }

    /// All expressions of one sentence, left to right, without overlaps.
    pub fn find(&self, toks: &[Tok], state: &mut State) -> Vec<Found> {
        let mut found = Vec::new();
        let mut trace = Vec::new();
        let mut i = 0;
        state.part_year = false;
        while i < toks.len() {
            if !self.is_trigger(&toks[i]) {
                i += 1;
                continue;
            }
            match self.best_at(toks, i, state, &mut trace) {
                Some(mut hit) => {
                    extend_open_end(toks, &mut hit);
                    i = hit.end;
                    if let Some(reference) = reference_of(&hit.out) {
                        state.reference = Some(reference);
                        if reference.1 == Unit::Quarter {
                            state.quarter = Some(reference.0);
                        }
                    }
                    state.part_year |= is_part_year(&hit.out);
                    let second = second_day(toks, &hit);
                    if !hit.out.value.is_empty() {
                        found.push(hit);
                    }
                    if let Some(second) = second {
                        i = second.end;
                        found.push(second);
                    }
                }
                None => i += 1,
            }
        }
        found
    }

    /// The accepted match at `i`. A match found through a context word
    /// ("$5 [a year]") yields to a longer one starting where its span does
    /// ("[a year ago]").
    fn best_at(&self, toks: &[Tok], i: usize, state: &State, trace: &mut Vec<(usize, usize, usize)>) -> Option<Found> {
        let candidates = self.candidates(toks, i, trace);
        let hit = self.first_accepted(toks, candidates, state, trace)?;
        if hit.first > i {
            let later = self.candidates(toks, hit.first, trace);
            if let Some(longer) = self.first_accepted(toks, later, state, trace).filter(|h| h.end > hit.end) {
                return Some(longer);
            }
        }
        Some(hit)
    }

    fn is_trigger(&self, tok: &Tok) -> bool {
        tok.month.is_some()
            || tok.weekday.is_some()
            || tok.number.is_some()
            || tok.ordinal.is_some()
            || tok.unit.is_some()
            || tok.season.is_some()
            || tok.part.is_some()
            || tok.decade.is_some()
            || tok.clock.is_some()
            || tok.lower.starts_with(|c: char| c.is_ascii_digit() || c == '\'')
            || self.triggers.get(tok.id as usize).copied().unwrap_or(false)
    }

    /// Every rule match starting at `i`, plain or after a modifier, longest first.
    fn candidates(&self, toks: &[Tok], i: usize, trace: &mut Vec<(usize, usize, usize)>) -> Vec<Candidate> {
        let mut out = Vec::new();
        for r in self.rules_starting_at(toks, i) {
            let rule = &self.rules[r];
            if !rule.needs_modifier && rule.pattern.match_at(toks, i, trace).is_some() {
                if let Some((start, end)) = rule.pattern.span(trace) {
                    out.push(Candidate { start, end, rule: r, at: i, modifier: None });
                }
            }
        }
        if let Some((m, len)) = self.modifier_at(toks, i) {
            for r in self.rules_starting_at(toks, i + len) {
                if self.rules[r].pattern.match_at(toks, i + len, trace).is_some() {
                    if let Some((_, end)) = self.rules[r].pattern.span(trace) {
                        out.push(Candidate { start: i, end, rule: r, at: i + len, modifier: Some(m) });
                    }
                }
            }
        }
        out.sort_by_key(|c| (std::cmp::Reverse(c.end), c.start, c.rule));
        out
    }

    /// Indices of the rules whose first element could match at `i`, in order.
    fn rules_starting_at(&self, toks: &[Tok], i: usize) -> Vec<usize> {
        let Some(tok) = toks.get(i) else { return Vec::new() };
        let mask = start_mask(tok);
        let mut rules: Vec<usize> =
            self.rules_by_class.iter().filter(|(_, m)| m & mask != 0).map(|(r, _)| *r).collect();
        if let Some(by_word) = self.rules_by_word.get(tok.id as usize).filter(|_| tok.id != 0) {
            rules.extend(by_word);
            rules.sort_unstable();
            rules.dedup();
        }
        rules
    }

    fn first_accepted(
        &self,
        toks: &[Tok],
        candidates: Vec<Candidate>,
        state: &State,
        trace: &mut Vec<(usize, usize, usize)>,
    ) -> Option<Found> {
        for c in candidates {
            let rule = &self.rules[c.rule];
            if rule.pattern.match_at(toks, c.at, trace).is_none() {
                continue;
            }
            let caps = rule.pattern.captures(toks, trace);
            if caps.holiday.is_none() && is_title(toks, c.start, c.end) {
                continue;
            }
            let ctx = Ctx {
                anchor: state.anchor,
                tense: tense_around(toks, c.start, c.end),
                date_tense: date_tense(toks, c.start, c.end),
                quarter: state.quarter,
                reference: state.reference,
                part_year: state.part_year,
                short_of: c.modifier.is_some_and(|m| matches!(self.modifiers[m].words[0], "nearly" | "almost")),
            };
            let Some(mut out) = (rule.action)(&caps, &ctx) else { continue };
            if let Some(m) = c.modifier {
                if !self.modifier_fits(m, &caps, &out, toks, (c.at, c.end)) {
                    continue;
                }
                out.modifier = Some(self.modifiers[m].value);
            }
            // TimeBank leaves "about" outside the span ("about [two weeks]").
            let first = match c.modifier {
                Some(m) if self.modifiers[m].words[0] == "about" => c.at,
                _ => c.start,
            };
            return Some(Found { first, end: c.end, out });
        }
        None
    }

    /// Whether modifier `m` can apply to `out`: quantity modifiers to
    /// amounts ("more than two years", "nearly four years ago"), point
    /// modifiers to points and periods ("early January", "the end of 1990").
    fn modifier_fits(&self, m: usize, caps: &Caps, out: &Out, toks: &[Tok], (at, end): (usize, usize)) -> bool {
        let modifier = &self.modifiers[m];
        if modifier.quantity {
            let amount = caps.num.is_some() || caps.vague || out.kind == TimexType::Duration;
            return (amount || approximate_point(modifier, out, toks, end)) && quantity_start(toks, at);
        }
        let reference = out.value.ends_with("_REF") && out.value != "PAST_REF";
        (out.kind != TimexType::Duration || caps.unit.is_some()) && !reference
    }

    /// The longest modifier phrase at `i`: (index, length).
    fn modifier_at(&self, toks: &[Tok], i: usize) -> Option<(usize, usize)> {
        // "year-earlier nine months": a word glued to the one before is no modifier.
        if toks.get(i).is_some_and(|t| t.glued) {
            return None;
        }
        self.modifiers
            .iter()
            .enumerate()
            .filter(|(_, m)| {
                toks.get(i..i + m.ids.len()).is_some_and(|w| w.iter().zip(&m.ids).all(|(t, id)| t.id == *id))
            })
            .max_by_key(|(_, m)| m.words.len())
            .map(|(index, m)| (index, m.words.len()))
    }
}

/// Phrases after an expression that belong to it: "the next year or so"
/// (APPROX), "1994 or later", "1990 and beyond" (an open end). Not "and
/// later", which mostly opens a clause ("in 1984 and later served as").
const OPEN_ENDS: [(&str, &str); 5] =
    [("or", "so"), ("or", "later"), ("or", "earlier"), ("or", "sooner"), ("and", "beyond")];

fn extend_open_end(toks: &[Tok], hit: &mut Found) {
    let (Some(first), Some(second)) = (toks.get(hit.end), toks.get(hit.end + 1)) else { return };
    let phrase = (first.lower.as_str(), second.lower.as_str());
    if hit.out.value.is_empty() || !OPEN_ENDS.contains(&phrase) || matches!(hit.out.kind, TimexType::Set) {
        return;
    }
    if phrase == ("or", "so") {
        hit.out.modifier = hit.out.modifier.or(Some("APPROX"));
    } else if hit.out.kind == TimexType::Duration {
        return;
    }
    hit.end += 2;
}

/// Words that join a second day to a month-day ("April 24 and 25").
const DAY_JOINERS: [&str; 5] = ["and", "or", "to", "through", "-"];

/// The second day of a pair or range written with one month ("April 24
/// and 25", "May 3-4"): its own DATE in the same month, as TimeML marks
/// each day. The bare number must be a later day of the month and end the
/// phrase, so "on April 24 and 25 people ..." is not read as a date.
fn second_day(toks: &[Tok], hit: &Found) -> Option<Found> {
    if hit.out.kind != TimexType::Date || hit.out.value.len() != 10 {
        return None;
    }
    let first_day: u32 = hit.out.value[8..].parse().ok()?;
    let joiner = toks.get(hit.end)?;
    let number = toks.get(hit.end + 1)?;
    if !DAY_JOINERS.contains(&joiner.lower.as_str()) || !number.digits || toks[hit.end - 1].number.is_none() {
        return None;
    }
    let day = number.number.filter(|n| n.fract() == 0.0 && *n > f64::from(first_day) && *n <= 31.0)? as u32;
    if toks.get(hit.end + 2).is_some_and(|t| t.lower.starts_with(|c: char| c.is_alphanumeric())) {
        return None;
    }
    let value = format!("{}{day:02}", &hit.out.value[..8]);
    if !value.starts_with('X') {
        Date::parse(&value)?;
    }
    Some(Found { first: hit.end + 1, end: hit.end + 2, out: Out { value, ..hit.out.clone() } })
}

/// Words that make a point in time approximate ("around Nov. 1", "about
/// 10:35 a.m."), as they make an amount.
const APPROXIMATE_POINT: [&str; 4] = ["around", "about", "approximately", "roughly"];

/// Whether `modifier` approximates the date or time `out`. Not before a
/// possessive: in "get around Wednesday's ruling" the word governs the noun.
fn approximate_point(modifier: &Modifier, out: &Out, toks: &[Tok], end: usize) -> bool {
    let point = matches!(out.kind, TimexType::Date | TimexType::Time) && !out.value.ends_with("_REF");
    let possessive = toks.get(end).is_some_and(|t| t.lower == "'s" || t.lower == "'");
    point && APPROXIMATE_POINT.contains(&modifier.words[0]) && !possessive
}

fn quantity_start(toks: &[Tok], at: usize) -> bool {
    toks.get(at).is_some_and(|t| !NOT_QUANTITY_START.contains(&t.lower.as_str()))
}

fn modifier_list(vocab: &mut Vocab) -> Vec<Modifier> {
    let point = POINT_MODIFIERS.iter().map(|(w, v)| (w, v, false));
    let quantity = QUANTITY_MODIFIERS.iter().map(|(w, v)| (w, v, true));
    point
        .chain(quantity)
        .map(|(words, value, quantity)| {
            let words: Vec<&'static str> = words.split(' ').collect();
            let ids = words.iter().map(|w| vocab.intern(w)).collect();
            Modifier { words, ids, value, quantity }
        })
        .collect()
}

/// The date an expression names, with its granularity, for later
/// "that day" / "three days later".
fn reference_of(out: &Out) -> Option<(Date, Unit)> {
    if out.kind != TimexType::Date {
        return None;
    }
    let v = out.value.as_str();
    let year: i32 = v.get(..4)?.parse().ok()?;
    match v.len() {
        4 => Some((Date::new(year, 1, 1)?, Unit::Year)),
        7 if v.as_bytes()[5] == b'Q' => {
            let q: u32 = v[6..].parse().ok()?;
            Some((Date::new(year, q * 3 - 2, 1)?, Unit::Quarter))
        }
        7 => Some((Date::new(year, v[5..].parse().ok()?, 1)?, Unit::Month)),
        10 => Some((Date::parse(v)?, Unit::Day)),
        _ => None,
    }
}
