//! Actor and agent dictionaries in the PETRARCH/TABARI format, which is also
//! the format of the project's own `data/actors.txt` and `data/agents.txt`.
//!
//! ```text
//! RUSSIA [RUS]                  # an actor: a phrase and its code
//! +RUSSIAN                      # a synonym of the entry above
//! VLADIMIR_PUTIN                # an actor whose code depends on the date
//!     [RUSGOV >20000507]
//!     [RUS]                     # default when no dated code applies
//! !PERSON! = MAN, MEN           # substitution set used by agent entries
//! TROOPS {} [~MIL]              # an agent: its code follows the country code
//! HUMAN_RIGHTS_BODY [NGO~]      # an agent whose code precedes it
//! ```
//!
//! Words joined by `_` or spaces must be consecutive tokens. Agents get
//! regular plurals unless a `{...}` list gives the plural forms (`{}`: none).

use std::collections::HashMap;

use super::{strip_comment, DictError};

/// A code valid in a date range (dates as `yyyymmdd` numbers, inclusive).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedCode {
    pub code: String,
    pub from: Option<u32>,
    pub to: Option<u32>,
}

impl DatedCode {
    fn applies(&self, date: Option<u32>) -> bool {
        match date {
            None => self.from.is_none() && self.to.is_none(),
            Some(d) => self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t),
        }
    }
    fn undated(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }
}

/// What a dictionary phrase stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryKind {
    /// A named actor (country, organisation, person), possibly with dated codes.
    Actor(Vec<DatedCode>),
    /// A role word: its code is attached to the country code of its phrase,
    /// after it (`~MIL`) or, when `prefix`, before it (`NGO~`).
    Agent { code: String, prefix: bool },
}

/// One phrase of the dictionary.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Upper-case words, to be matched against consecutive tokens.
    pub words: Vec<String>,
    pub kind: EntryKind,
}

/// Actors and agents, indexed by their first word.
#[derive(Clone, Debug, Default)]
pub struct ActorDict {
    entries: Vec<Entry>,
    by_first: HashMap<String, Vec<usize>>,
}

impl ActorDict {
    /// Adds every entry of an actor or agent file (both kinds may be mixed).
    pub fn add_text(&mut self, text: &str) -> Result<(), DictError> {
        let mut parser = Parser::default();
        for (number, raw) in text.lines().enumerate() {
            parser.line(raw, number + 1).map_err(|reason| DictError::Syntax { line: number + 1, reason })?;
        }
        for entry in parser.finish() {
            self.push(entry);
        }
        Ok(())
    }

    /// Adds one entry; later entries with the same words take precedence.
    pub fn push(&mut self, entry: Entry) {
        if entry.words.is_empty() {
            return;
        }
        let index = self.entries.len();
        self.by_first.entry(entry.words[0].clone()).or_default().push(index);
        self.entries.push(entry);
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The longest entry matching `words` from its start: (entry, length).
    /// Among entries of equal length the last added wins, so user
    /// dictionaries override the built-in one.
    pub fn longest_match<S: AsRef<str>>(&self, words: &[S]) -> Option<(&Entry, usize)> {
        let first = words.first()?.as_ref();
        let candidates = self.by_first.get(first)?;
        let mut best: Option<(&Entry, usize)> = None;
        for &index in candidates {
            let entry = &self.entries[index];
            let n = entry.words.len();
            if n <= words.len()
                && entry.words.iter().zip(words).all(|(a, b)| a == b.as_ref())
                && best.is_none_or(|(_, len)| n >= len)
            {
                best = Some((entry, n));
            }
        }
        best
    }
}

/// The code of an actor entry on `date` (`yyyymmdd`): the first dated code
/// whose range holds it, else the first undated code.
/// Without a date, the open-ended (current) office wins.
pub fn code_on(codes: &[DatedCode], date: Option<u32>) -> Option<&str> {
    let hit = match date {
        Some(_) => codes.iter().find(|c| !c.undated() && c.applies(date)),
        None => codes.iter().find(|c| c.from.is_some() && c.to.is_none()),
    };
    if let Some(hit) = hit {
        return Some(&hit.code);
    }
    codes.iter().find(|c| c.undated()).or(codes.first()).map(|c| c.code.as_str())
}

/// Line-by-line state: the entry being built and the substitution sets.
#[derive(Default)]
struct Parser {
    /// Phrases (primary and `+` synonyms) of the current block.
    phrases: Vec<(Vec<String>, Option<Vec<String>>)>,
    codes: Vec<DatedCode>,
    agent: Option<(String, bool)>,
    done: Vec<Entry>,
    substitutions: HashMap<String, Vec<String>>,
}

impl Parser {
    fn line(&mut self, raw: &str, _number: usize) -> Result<(), String> {
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('<') || trimmed.starts_with('#') {
            return Ok(());
        }
        let line = strip_comment(trimmed);
        if line.is_empty() {
            return Ok(());
        }
        if line.starts_with('!') && line.contains('=') {
            return self.substitution(line);
        }
        if line.starts_with('[') {
            return self.code_block(line);
        }
        if let Some(synonym) = line.strip_prefix('+') {
            let (words, plurals, bracket) = split_entry(synonym)?;
            self.phrases.push((words, plurals));
            return match bracket {
                Some(code) => self.code_block(&code),
                None => Ok(()),
            };
        }
        self.flush();
        let (words, plurals, bracket) = split_entry(line)?;
        self.phrases.push((words, plurals));
        match bracket {
            Some(code) => self.code_block(&code),
            None => Ok(()),
        }
    }

    /// `!PERSON! = MAN, MEN, WOMAN`
    fn substitution(&mut self, line: &str) -> Result<(), String> {
        let (name, values) = line.split_once('=').ok_or("substitution without `=`")?;
        let values = values.split(',').map(|v| v.trim().to_uppercase()).filter(|v| !v.is_empty()).collect();
        self.substitutions.insert(name.trim().to_uppercase(), values);
        Ok(())
    }

    /// `[CODE]`, `[CODE >yyyymmdd]`, `[CODE a-b]`, `[~AGENT]`, `[AGENT~]`.
    fn code_block(&mut self, text: &str) -> Result<(), String> {
        let inner = text.trim().trim_start_matches('[');
        let inner = inner.split(']').next().unwrap_or("").trim();
        if inner.is_empty() {
            return Err("empty code".into());
        }
        if inner.contains('~') {
            let prefix = inner.ends_with('~');
            let code = inner.trim_matches('~').trim().to_string();
            self.agent = Some((code, prefix));
            return Ok(());
        }
        let mut parts = inner.splitn(2, char::is_whitespace);
        let code = parts.next().unwrap_or("").to_string();
        let (from, to) = parse_range(parts.next().unwrap_or(""))?;
        self.codes.push(DatedCode { code, from, to });
        Ok(())
    }

    fn flush(&mut self) {
        let phrases = std::mem::take(&mut self.phrases);
        let codes = std::mem::take(&mut self.codes);
        let agent = self.agent.take();
        let kind = match (agent, codes.is_empty()) {
            (Some((code, prefix)), _) => EntryKind::Agent { code, prefix },
            (None, false) => EntryKind::Actor(codes),
            (None, true) => return,
        };
        let is_agent = matches!(kind, EntryKind::Agent { .. });
        for (words, plurals) in phrases {
            for expanded in self.expand(&words) {
                let forms = if is_agent { with_plurals(&expanded, plurals.as_deref()) } else { vec![expanded] };
                for form in forms {
                    self.done.push(Entry { words: form, kind: kind.clone() });
                }
            }
        }
    }

    /// Replaces `!NAME!` inside words by each value of the substitution set.
    fn expand(&self, words: &[String]) -> Vec<Vec<String>> {
        let mut out = vec![Vec::new()];
        for word in words {
            let hit = self.substitutions.iter().find(|(name, _)| word.contains(name.as_str()));
            let variants: Vec<String> = match hit {
                Some((name, values)) => values.iter().map(|v| word.replace(name.as_str(), v)).collect(),
                None => vec![word.clone()],
            };
            out = out
                .into_iter()
                .flat_map(|prefix| {
                    variants.iter().map(move |v| {
                        let mut next = prefix.clone();
                        next.extend(split_words(v));
                        next
                    })
                })
                .collect();
        }
        out
    }

    fn finish(mut self) -> Vec<Entry> {
        self.flush();
        self.done
    }
}

/// Words, optional plural forms and the code text of an entry line.
type EntryParts = (Vec<String>, Option<Vec<String>>, Option<String>);

/// Splits `NAME {PLURALS} [CODE]` into words, optional plurals and the code text.
fn split_entry(text: &str) -> Result<EntryParts, String> {
    let (head, bracket) = match text.find('[') {
        Some(at) => (&text[..at], Some(text[at..].to_string())),
        None => (text, None),
    };
    let (name, plurals) = match head.find('{') {
        Some(at) => {
            let inside = head[at + 1..].split('}').next().unwrap_or("");
            (&head[..at], Some(inside.split_whitespace().map(|w| w.trim_start_matches('+').to_uppercase()).collect()))
        }
        None => (head, None),
    };
    let words = split_words(&name.to_uppercase());
    if words.is_empty() {
        return Err(format!("entry without words: {text:?}"));
    }
    Ok((words, plurals, bracket))
}

/// `GAZA_CITY`, `CARAS GALADHON` and `ARNOR_` to their words.
pub fn split_words(name: &str) -> Vec<String> {
    name.split(|c: char| c == '_' || c.is_whitespace()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// Regular plurals of the last word, or the listed plural phrases.
fn with_plurals(words: &[String], listed: Option<&[String]>) -> Vec<Vec<String>> {
    let mut out = vec![words.to_vec()];
    match listed {
        Some(list) => out.extend(list.iter().map(|p| split_words(p)).filter(|w| !w.is_empty())),
        None => {
            let last = words.last().cloned().unwrap_or_default();
            for plural in regular_plurals(&last) {
                let mut form = words.to_vec();
                *form.last_mut().expect("non-empty") = plural;
                out.push(form);
            }
        }
    }
    out
}

fn regular_plurals(word: &str) -> Vec<String> {
    if word.ends_with('Y') && !word.ends_with("EY") && !word.ends_with("AY") {
        return vec![format!("{}IES", &word[..word.len() - 1])];
    }
    if word.ends_with('S') || word.ends_with("SH") || word.ends_with("CH") || word.ends_with('X') {
        return vec![format!("{word}ES")];
    }
    if let Some(stem) = word.strip_suffix("MAN") {
        return vec![format!("{stem}MEN")];
    }
    vec![format!("{word}S")]
}

/// Date restriction text after the code: `<d`, `>d`, `a-b`, `a - b` or empty.
fn parse_range(text: &str) -> Result<(Option<u32>, Option<u32>), String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok((None, None));
    }
    if let Some(rest) = text.strip_prefix('<') {
        return Ok((None, Some(parse_date(rest)?.saturating_sub(1))));
    }
    if let Some(rest) = text.strip_prefix('>') {
        return Ok((Some(parse_date(rest)? + 1), None));
    }
    match text.split_once('-') {
        Some((a, b)) if b.trim().is_empty() => Ok((Some(parse_date(a)?), None)),
        Some((a, b)) => Ok((Some(parse_date(a)?), Some(parse_date(b)?))),
        None => Err(format!("bad date restriction {text:?}")),
    }
}

/// `yyyymmdd` or TABARI's `yymmdd` (years below 30 are 20yy).
pub fn parse_date(text: &str) -> Result<u32, String> {
    let digits: String = text.trim().chars().filter(char::is_ascii_digit).collect();
    let value: u32 = digits.parse().map_err(|_| format!("bad date {text:?}"))?;
    match digits.len() {
        8 => Ok(value),
        6 => {
            let year = value / 10000;
            Ok(value + if year < 30 { 20_000_000 } else { 19_000_000 })
        }
        _ => Err(format!("bad date {text:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
!PERSON! = MAN, MEN
GONDOR [GON]
+MINAS_TIRITH
GOLLUM  # comment
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB > 990816]
TROOPS {}  [~MIL]
CONGRESS!PERSON! [~LEG]
MSF {} [NGO~]
OFFICIAL [~GOV]
";

    fn dict() -> ActorDict {
        let mut dict = ActorDict::default();
        dict.add_text(SAMPLE).unwrap();
        dict
    }

    #[test]
    fn synonyms_share_codes() {
        let dict = dict();
        let (entry, len) = dict.longest_match(&["MINAS", "TIRITH", "X"]).unwrap();
        assert_eq!(len, 2);
        assert_eq!(entry.kind, EntryKind::Actor(vec![DatedCode { code: "GON".into(), from: None, to: None }]));
    }

    #[test]
    fn date_restrictions_pick_the_code_in_force() {
        let dict = dict();
        let (entry, _) = dict.longest_match(&["SMEAGOL"]).unwrap();
        let EntryKind::Actor(codes) = &entry.kind else { panic!("actor expected") };
        assert_eq!(code_on(codes, Some(19900101)), Some("HOB"));
        assert_eq!(code_on(codes, Some(19970101)), Some("HOBGOV"));
        assert_eq!(code_on(codes, Some(20050101)), Some("HOBREB"));
        assert_eq!(code_on(codes, None), Some("HOBREB"));
    }

    #[test]
    fn agents_get_plurals_and_substitutions() {
        let dict = dict();
        assert!(dict.longest_match(&["OFFICIALS"]).is_some());
        assert!(dict.longest_match(&["TROOPSS"]).is_none());
        let (entry, _) = dict.longest_match(&["CONGRESSMEN"]).unwrap();
        assert_eq!(entry.kind, EntryKind::Agent { code: "LEG".into(), prefix: false });
        let (entry, _) = dict.longest_match(&["MSF"]).unwrap();
        assert_eq!(entry.kind, EntryKind::Agent { code: "NGO".into(), prefix: true });
    }

    #[test]
    fn bad_dates_are_errors_not_panics() {
        let mut dict = ActorDict::default();
        assert!(dict.add_text("X\n [ABC 12-ZZ]\n").is_err());
    }
}
