//! A small token-level pattern engine. A pattern is a space-separated list
//! of elements, each a literal word (`last`), alternatives (`last|past`), or
//! a word class (`@month`, `@num`, ...); a trailing `?` makes an element
//! optional, and a leading `~` a context word that must be there but stays
//! outside the span ("~for @unit" finds "years" in "for years"). Matching backtracks over optional elements only; class
//! matchers are greedy. What the class elements matched is collected in
//! [`Caps`] for the rule's action.

use crate::lexicon::{Tok, Unit, WordMap};

/// Ids of the literal words the patterns use, so matching compares numbers.
#[derive(Default)]
pub struct Vocab {
    ids: WordMap<String, u32>,
}

impl Vocab {
    /// The id of `word`, adding it if new. Ids start at 1.
    pub fn intern(&mut self, word: &str) -> u32 {
        let next = self.ids.len() as u32 + 1;
        *self.ids.entry(word.to_string()).or_insert(next)
    }
    /// The largest id given out.
    pub fn get_max(&self) -> u32 {
        self.ids.len() as u32
    }
    /// The id of `word`, or 0 when no pattern names it.
    pub fn get(&self, word: &str) -> u32 {
        self.ids.get(word).copied().unwrap_or(0)
    }
}

/// Word classes usable in patterns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Month,
    Weekday,
    Num,
    Vague,
    Ord,
    Year,
    Day,
    Unit,
    Season,
    Part,
    Clock,
    Decade,
    Zone,
    Holiday,
    NumericDate,
}

#[derive(Clone, Debug)]
enum Kind {
    Words(Vec<u32>),
    Class(Class),
}

#[derive(Clone, Debug)]
struct Elem {
    kind: Kind,
    optional: bool,
    context: bool,
}

/// Error in a pattern written in the grammar (a bug, caught by a unit test).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError(pub String);

impl std::fmt::Display for PatternError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad time pattern: {}", self.0)
    }
}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Pattern {
    elems: Vec<Elem>,
}

/// What one match captured. Later captures of the same class overwrite
/// earlier ones except where a second slot exists (`num2`, `day2`).
#[derive(Clone, Debug, Default)]
pub struct Caps {
    pub month: Option<u32>,
    /// The month was an abbreviation without its period ("Jan", also a name).
    pub month_abbreviation: bool,
    pub weekday: Option<u32>,
    pub num: Option<f64>,
    /// A vague quantity ("several", "a few", "years"): value `X`.
    pub vague: bool,
    pub ord: Option<u32>,
    pub year: Option<i32>,
    pub day: Option<u32>,
    pub unit: Option<Unit>,
    pub plural: bool,
    pub season: Option<&'static str>,
    pub part: Option<&'static str>,
    pub clock: Option<(u32, u32)>,
    pub decade: Option<i32>,
    pub holiday: Option<&'static str>,
    /// The literal words matched, in order.
    pub words: Vec<String>,
}

impl Caps {
    /// Whether a literal `word` was matched.
    pub fn has(&self, word: &str) -> bool {
        self.words.iter().any(|w| w == word)
    }
    pub fn has_any(&self, words: &[&str]) -> bool {
        words.iter().any(|w| self.has(w))
    }
}

impl Pattern {
    pub fn compile(source: &str, vocab: &mut Vocab) -> Result<Pattern, PatternError> {
        let elems = source.split_whitespace().map(|e| elem(e, vocab)).collect::<Result<Vec<_>, _>>()?;
        if elems.iter().all(|e| e.optional) {
            return Err(PatternError(format!("`{source}` can match nothing")));
        }
        Ok(Pattern { elems })
    }

    /// End of the match starting at `pos`, with the elements' token ranges in `trace`.
    pub fn match_at(&self, toks: &[Tok], pos: usize, trace: &mut Vec<(usize, usize, usize)>) -> Option<usize> {
        trace.clear();
        self.match_from(toks, 0, pos, trace)
    }

    fn match_from(
        &self,
        toks: &[Tok],
        index: usize,
        pos: usize,
        trace: &mut Vec<(usize, usize, usize)>,
    ) -> Option<usize> {
        let Some(elem) = self.elems.get(index) else { return Some(pos) };
        if let Some(len) = elem.match_len(toks, pos) {
            trace.push((index, pos, len));
            if let Some(end) = self.match_from(toks, index + 1, pos + len, trace) {
                return Some(end);
            }
            trace.pop();
        }
        if elem.optional {
            return self.match_from(toks, index + 1, pos, trace);
        }
        None
    }

    /// Collects the captures of a successful match.
    pub fn captures(&self, toks: &[Tok], trace: &[(usize, usize, usize)]) -> Caps {
        let mut caps = Caps::default();
        for &(index, pos, len) in trace {
            match &self.elems[index].kind {
                Kind::Words(_) => caps.words.push(toks[pos].lower.clone()),
                Kind::Class(class) => capture(*class, &toks[pos..pos + len], &mut caps),
            }
        }
        caps
    }

    /// Token range of the match without its context elements.
    pub fn span(&self, trace: &[(usize, usize, usize)]) -> Option<(usize, usize)> {
        let mut inner = trace.iter().filter(|(index, _, len)| !self.elems[*index].context && *len > 0);
        let first = inner.next()?;
        let last = inner.next_back().unwrap_or(first);
        Some((first.1, last.1 + last.2))
    }

    /// What a match can start with: literal word ids and a mask of
    /// classes (see [`start_mask`]). Context and optional elements count.
    pub fn starts(&self) -> (Vec<u32>, u32) {
        let (mut ids, mut mask) = (Vec::new(), 0);
        for elem in &self.elems {
            match &elem.kind {
                Kind::Words(ws) => ids.extend(ws.iter().copied()),
                Kind::Class(class) => mask |= 1 << (*class as u32),
            }
            if !elem.optional {
                break;
            }
        }
        (ids, mask)
    }

    /// Literal words this pattern can start with, or `None` if it can start with a class.
    pub fn first_words(&self) -> Option<Vec<u32>> {
        let mut words = Vec::new();
        for elem in &self.elems {
            match &elem.kind {
                Kind::Words(ws) => words.extend(ws.iter().cloned()),
                Kind::Class(_) => return None,
            }
            if !elem.optional {
                break;
            }
        }
        Some(words)
    }
}

fn elem(source: &str, vocab: &mut Vocab) -> Result<Elem, PatternError> {
    let (source, context) = match source.strip_prefix('~') {
        Some(rest) => (rest, true),
        None => (source, false),
    };
    let (body, optional) = match source.strip_suffix('?') {
        Some(body) if !body.is_empty() => (body, true),
        _ => (source, false),
    };
    let kind = match body.strip_prefix('@') {
        Some(name) => Kind::Class(class(name).ok_or_else(|| PatternError(format!("unknown class @{name}")))?),
        None => Kind::Words(body.split('|').map(|w| vocab.intern(w)).collect()),
    };
    Ok(Elem { kind, optional, context })
}

fn class(name: &str) -> Option<Class> {
    Some(match name {
        "month" => Class::Month,
        "wd" => Class::Weekday,
        "num" => Class::Num,
        "vague" => Class::Vague,
        "ord" => Class::Ord,
        "year" => Class::Year,
        "day" => Class::Day,
        "unit" => Class::Unit,
        "season" => Class::Season,
        "part" => Class::Part,
        "clock" => Class::Clock,
        "decade" => Class::Decade,
        "zone" => Class::Zone,
        "holiday" => Class::Holiday,
        "numdate" => Class::NumericDate,
        _ => return None,
    })
}

impl Elem {
    fn match_len(&self, toks: &[Tok], pos: usize) -> Option<usize> {
        let tok = toks.get(pos)?;
        match &self.kind {
            Kind::Words(words) => (tok.id != 0 && words.contains(&tok.id)).then_some(1),
            Kind::Class(class) => class_len(*class, toks, pos),
        }
    }
}

fn class_len(class: Class, toks: &[Tok], pos: usize) -> Option<usize> {
    let tok = &toks[pos];
    match class {
        Class::Month => is_month(tok).then_some(1),
        Class::Weekday => tok.weekday.map(|_| 1),
        Class::Num => number_phrase(toks, pos).map(|(len, _)| len),
        Class::Vague => VAGUE.contains(&tok.lower.as_str()).then_some(1),
        Class::Ord => ordinal_phrase(toks, pos).map(|(len, _)| len),
        Class::Year => year_phrase(toks, pos).map(|(len, _)| len),
        Class::Day => day_of_month(toks, pos).map(|(len, _)| len),
        Class::Unit => tok.unit.map(|_| 1),
        Class::Season => tok.season.map(|_| 1),
        Class::Part => tok.part.map(|_| 1),
        Class::Clock => clock_phrase(toks, pos).map(|(len, _)| len),
        Class::Decade => tok.decade.map(|_| 1),
        Class::Zone => zone_len(toks, pos),
        Class::Holiday => holiday(toks, pos).map(|(len, _)| len),
        Class::NumericDate => tok.numeric_date.map(|_| 1),
    }
}

fn capture(class: Class, toks: &[Tok], caps: &mut Caps) {
    let tok = &toks[0];
    match class {
        Class::Month => {
            caps.month = tok.month;
            caps.month_abbreviation = tok.lower.len() <= 4
                && !tok.lower.ends_with('.')
                && !matches!(tok.lower.as_str(), "may" | "june" | "july");
        }
        Class::Weekday => {
            caps.weekday = tok.weekday;
            caps.plural = tok.lower.ends_with('s');
        }
        Class::Num => caps.num = number_phrase(toks, 0).map(|(_, n)| n),
        Class::Vague => caps.vague = true,
        Class::Ord => caps.ord = ordinal_phrase(toks, 0).map(|(_, n)| n),
        Class::Year => caps.year = year_phrase(toks, 0).map(|(_, y)| y),
        Class::Day => caps.day = day_of_month(toks, 0).map(|(_, d)| d),
        Class::Unit => {
            if let Some((unit, plural)) = tok.unit {
                caps.unit = Some(unit);
                caps.plural = plural;
            }
        }
        Class::Season => caps.season = tok.season,
        Class::Part => caps.part = tok.part,
        Class::Clock => caps.clock = clock_phrase(toks, 0).map(|(_, c)| c),
        Class::Decade => caps.decade = tok.decade,
        Class::Zone => {}
        Class::Holiday => caps.holiday = holiday(toks, 0).map(|(_, h)| h),
        Class::NumericDate => {
            if let Some((y, m, d)) = tok.numeric_date {
                (caps.year, caps.month, caps.day) = (Some(y), Some(m), Some(d));
            }
        }
    }
}

/// Classes whose element could match at `tok` (a cheap superset of what
/// the class matchers accept), as a bit mask over [`Class`].
pub fn start_mask(tok: &Tok) -> u32 {
    let bit = |class: Class, on: bool| if on { 1u32 << (class as u32) } else { 0 };
    let digit_start = tok.lower.starts_with(|c: char| c.is_ascii_digit());
    let word_number = tok.number.is_some() && !tok.digits;
    bit(Class::Month, tok.month.is_some())
        | bit(Class::Weekday, tok.weekday.is_some())
        | bit(Class::Num, tok.number.is_some())
        | bit(Class::Vague, VAGUE.contains(&tok.lower.as_str()))
        | bit(Class::Ord, tok.ordinal.is_some() || word_number)
        | bit(Class::Year, digit_start || word_number || tok.lower.starts_with('\''))
        | bit(Class::Day, digit_start || tok.ordinal.is_some() || word_number)
        | bit(Class::Unit, tok.unit.is_some())
        | bit(Class::Season, tok.season.is_some())
        | bit(Class::Part, tok.part.is_some())
        | bit(Class::Clock, digit_start || matches!(tok.lower.as_str(), "noon" | "midday" | "midnight"))
        | bit(Class::Decade, tok.decade.is_some())
        | bit(Class::Zone, true)
        | bit(Class::Holiday, HOLIDAYS.iter().any(|(words, _)| words[0] == tok.lower))
        | bit(Class::NumericDate, tok.numeric_date.is_some())
}

const VAGUE: [&str; 6] = ["several", "few", "many", "numerous", "some", "couple"];

/// "May" and "March" are months only when capitalised.
fn is_month(tok: &Tok) -> bool {
    tok.month.is_some() && (tok.cap || !matches!(tok.lower.as_str(), "may" | "march" | "jan" | "dec"))
}

/// A cardinal: digits with an optional fraction ("2 1/2"), or number words
/// ("twenty-four", "one hundred"), with an optional "and a half".
pub fn number_phrase(toks: &[Tok], pos: usize) -> Option<(usize, f64)> {
    let first = toks.get(pos)?;
    let mut value = first.number?;
    let mut len = 1;
    if first.digits {
        if let Some(frac) = toks.get(pos + 1).filter(|t| t.digits && t.lower.contains('/')) {
            value += frac.number.unwrap_or(0.0);
            len += 1;
        }
    } else {
        (value, len) = number_words(toks, pos, value);
    }
    if let [a, b, c, ..] = toks.get(pos + len..).unwrap_or(&[]) {
        if a.lower == "and" && (b.lower == "a" || b.lower == "one") && c.lower == "half" {
            return Some((len + 3, value + 0.5));
        }
    }
    Some((len, value))
}

/// Combines consecutive number words: tens + units, then scales.
fn number_words(toks: &[Tok], pos: usize, first: f64) -> (f64, usize) {
    let (mut total, mut len) = (first, 1);
    loop {
        let mut next = pos + len;
        if toks.get(next).is_some_and(|t| t.lower == "-") {
            next += 1;
        }
        let Some(n) = toks.get(next).filter(|t| !t.digits).and_then(|t| t.number) else { break };
        let prev = total % 100.0;
        if n >= 100.0 {
            total *= n;
        } else if (n < 10.0 && prev >= 20.0 && prev % 10.0 == 0.0)
            || (n < 100.0 && total >= 100.0 && total % 100.0 == 0.0)
        {
            // "twenty" + "four", "one hundred" + "fifty"
            total += n;
        } else {
            break;
        }
        len = next + 1 - pos;
    }
    (total, len)
}

/// "first", "3rd", "twenty-first".
fn ordinal_phrase(toks: &[Tok], pos: usize) -> Option<(usize, u32)> {
    let tok = toks.get(pos)?;
    if let Some(n) = tok.ordinal {
        return Some((1, n));
    }
    let tens = tok.number.filter(|n| !tok.digits && *n >= 20.0 && *n % 10.0 == 0.0)?;
    let hyphen = usize::from(toks.get(pos + 1).is_some_and(|t| t.lower == "-"));
    let unit = toks.get(pos + 1 + hyphen)?.ordinal.filter(|n| *n < 10)?;
    Some((2 + hyphen, tens as u32 + unit))
}

/// A year: four digits 1000-2199, "'98", or spelled "nineteen ninety-six".
fn year_phrase(toks: &[Tok], pos: usize) -> Option<(usize, i32)> {
    let tok = toks.get(pos)?;
    if tok.digits && tok.lower.len() == 4 {
        let year = tok.number? as i32;
        return (1000..2200).contains(&year).then_some((1, year));
    }
    if let Some(two) = tok.lower.strip_prefix('\'') {
        let n: i32 = two.parse().ok().filter(|_| two.len() == 2)?;
        return Some((1, 1900 + n));
    }
    spelled_year(toks, pos)
}

fn spelled_year(toks: &[Tok], pos: usize) -> Option<(usize, i32)> {
    let tok = toks.get(pos)?;
    if let Some((len, n)) = number_phrase(toks, pos).filter(|(_, n)| !tok.digits && (2000.0..2100.0).contains(n)) {
        return Some((len, n as i32));
    }
    let century = tok.number.filter(|n| !tok.digits && (11.0..=20.0).contains(n))?;
    let (len, rest) = number_phrase(toks, pos + 1).filter(|(_, n)| *n >= 10.0 && *n < 100.0)?;
    Some((1 + len, century as i32 * 100 + rest as i32))
}

/// Day of month: "3", "03", "3rd", "third".
fn day_of_month(toks: &[Tok], pos: usize) -> Option<(usize, u32)> {
    let tok = toks.get(pos)?;
    if tok.digits && tok.lower.len() <= 2 {
        let day = tok.number? as u32;
        return (1..=31).contains(&day).then_some((1, day));
    }
    ordinal_phrase(toks, pos).filter(|(_, d)| (1..=31).contains(d))
}

const AM: [&str; 4] = ["a.m.", "a.m", "am", "a.m.."];
const PM: [&str; 4] = ["p.m.", "p.m", "pm", "p.m.."];

/// Clock times: "10:35", "10:35 a.m.", "2 p.m.", "2pm", "noon", "midnight".
fn clock_phrase(toks: &[Tok], pos: usize) -> Option<(usize, (u32, u32))> {
    let tok = toks.get(pos)?;
    match tok.lower.as_str() {
        "noon" | "midday" => return Some((1, (12, 0))),
        "midnight" => return Some((1, (24, 0))),
        _ => {}
    }
    if let Some((hour, minute)) = glued_meridiem(&tok.lower) {
        return Some((1, (hour, minute)));
    }
    let (hour, minute) = match tok.clock {
        Some(c) => c,
        None if tok.digits && tok.lower.len() <= 2 => (tok.number? as u32, 0),
        None => return None,
    };
    let meridiem = toks.get(pos + 1).map(|t| t.lower.as_str());
    match meridiem {
        Some(m) if PM.contains(&m) && (1..=12).contains(&hour) => Some((2, ((hour % 12) + 12, minute))),
        Some(m) if AM.contains(&m) && (1..=12).contains(&hour) => Some((2, (hour % 12, minute))),
        Some("o'clock") if (1..=12).contains(&hour) => Some((2, (hour, minute))),
        _ if tok.clock.is_some() => Some((1, (hour, minute))),
        _ => None,
    }
}

fn glued_meridiem(lower: &str) -> Option<(u32, u32)> {
    let (digits, pm) = match (lower.strip_suffix("pm"), lower.strip_suffix("am")) {
        (Some(d), _) => (d, true),
        (_, Some(d)) => (d, false),
        _ => return None,
    };
    let hour: u32 = digits.parse().ok().filter(|h| (1..=12).contains(h))?;
    Some(((hour % 12) + if pm { 12 } else { 0 }, 0))
}

const ZONES: [&str; 12] = ["edt", "est", "cdt", "cst", "mdt", "mst", "pdt", "pst", "gmt", "utc", "bst", "cet"];

/// A time zone after a clock time: "EDT", "GMT", "local time".
fn zone_len(toks: &[Tok], pos: usize) -> Option<usize> {
    let tok = &toks[pos];
    if ZONES.contains(&tok.lower.as_str()) {
        return Some(1);
    }
    (tok.lower == "local" && toks.get(pos + 1).is_some_and(|t| t.lower == "time")).then_some(2)
}

/// Named days, as `MM-DD` for fixed dates or a rule name for movable ones.
const HOLIDAYS: [(&[&str], &str); 14] = [
    (&["christmas", "eve"], "12-24"),
    (&["christmas", "day"], "12-25"),
    (&["christmas"], "12-25"),
    (&["new", "year", "'s", "eve"], "12-31"),
    (&["new", "year", "'s", "day"], "01-01"),
    (&["new", "year", "'s"], "01-01"),
    (&["independence", "day"], "07-04"),
    (&["halloween"], "10-31"),
    (&["valentine", "'s", "day"], "02-14"),
    (&["thanksgiving", "day"], "thanksgiving"),
    (&["thanksgiving"], "thanksgiving"),
    (&["election", "day"], "election"),
    (&["labor", "day"], "labor"),
    (&["memorial", "day"], "memorial"),
];

fn holiday(toks: &[Tok], pos: usize) -> Option<(usize, &'static str)> {
    HOLIDAYS.iter().find_map(|(words, code)| {
        let window = toks.get(pos..pos + words.len())?;
        window.iter().zip(words.iter()).all(|(t, w)| t.lower == *w).then_some((words.len(), *code))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use newsgraph_core::Token;

    fn toks(text: &str) -> Vec<Tok> {
        let mut tokens = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (c == ' ', start) {
                (true, Some(s)) => {
                    tokens.push(Token { start: s, end: i });
                    start = None;
                }
                (false, None) => start = Some(i),
                _ => {}
            }
        }
        let mut out = Vec::new();
        Lexicon::new().classify(text, &tokens, &mut out);
        out
    }

    fn run(pattern: &str, text: &str) -> Option<(usize, Caps)> {
        let mut vocab = Vocab::default();
        let pattern = Pattern::compile(pattern, &mut vocab).unwrap();
        let mut toks = toks(text);
        for tok in &mut toks {
            tok.id = vocab.get(&tok.lower);
        }
        let mut trace = Vec::new();
        let end = pattern.match_at(&toks, 0, &mut trace)?;
        Some((end, pattern.captures(&toks, &trace)))
    }

    #[test]
    fn optional_elements_backtrack() {
        let (end, caps) = run("the? last|past @num? @unit", "the past two years").unwrap();
        assert_eq!(end, 4);
        assert_eq!((caps.num, caps.unit, caps.plural), (Some(2.0), Some(Unit::Year), true));
        assert!(caps.has("past"));
        let (end, caps) = run("the? last|past @num? @unit", "last week").unwrap();
        assert_eq!((end, caps.num), (2, None));
        assert!(run("the? last @unit", "next week").is_none());
    }

    #[test]
    fn number_phrases() {
        assert_eq!(run("@num @unit", "twenty-four hours").unwrap().1.num, Some(24.0));
        assert_eq!(run("@num @unit", "2 1/2 years").unwrap().1.num, Some(2.5));
        assert_eq!(run("@num @unit", "two and a half years").unwrap().1.num, Some(2.5));
        assert_eq!(run("@num @unit", "one hundred years").unwrap().1.num, Some(100.0));
    }

    #[test]
    fn dates_years_and_clocks() {
        let caps = run("@month @day ,? @year", "Jan. 3 , 2026").unwrap().1;
        assert_eq!((caps.month, caps.day, caps.year), (Some(1), Some(3), Some(2026)));
        assert_eq!(run("@year", "nineteen ninety-six").unwrap().1.year, Some(1996));
        assert_eq!(run("@clock", "2 p.m.").unwrap().1.clock, Some((14, 0)));
        assert_eq!(run("@clock", "12 a.m.").unwrap().1.clock, Some((0, 0)));
        assert_eq!(run("@clock @zone?", "10:35 local time").unwrap().0, 3);
        assert!(run("@month", "may").is_none());
        assert_eq!(run("@holiday", "New Year 's Day").unwrap().1.holiday, Some("01-01"));
    }

    #[test]
    fn rejects_bad_patterns() {
        let mut vocab = Vocab::default();
        assert!(Pattern::compile("@nonsense", &mut vocab).is_err());
        assert!(Pattern::compile("the?", &mut vocab).is_err());
    }
}
