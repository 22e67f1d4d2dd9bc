//! Verb dictionaries in the PETRARCH/TABARI format, also used for the
//! project's own `data/verbs.txt`.
//!
//! ```text
//! &CURRENCY              # a synonym set, used in patterns as &CURRENCY
//! +DOLLARS
//! +SWISS FRANCS
//! --- CONTRIBUTE [070] ---   # a block: default code of its verbs
//! CONTRIBUTE             # a verb; regular inflections are generated
//! GIVE {GAVE GIVEN}      # a verb with irregular forms
//! +HAND_+OVER            # a phrasal verb; `+` marks the inflected word
//! - * &CURRENCY [071]    # a pattern: `*` is the verb, `+` the source,
//!                        # `$` the target, `%` a compound subject,
//!                        # `^` any one token, `_` joins adjacent words
//! ```
//!
//! Codes: `[190]`; `[---]` for "no event unless a pattern says so";
//! `[032:033]` for a pair (source to target, then target to source).

use std::collections::HashMap;

use super::actors::split_words;
use super::{strip_comment, DictError};

/// What a verb or pattern codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Code {
    /// No event.
    Null,
    /// One event, source to target.
    One(String),
    /// Two events: source to target, then target to source.
    Pair(String, String),
}

impl Code {
    fn parse(text: &str) -> Code {
        let text = text.trim();
        if text.is_empty() || text.starts_with("---") {
            return Code::Null;
        }
        match text.split_once(':') {
            Some((a, b)) => Code::Pair(a.trim().to_string(), b.trim().to_string()),
            None => Code::One(text.to_string()),
        }
    }
}

/// One element of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Word(String),
    /// Index into [`VerbDict::synsets`].
    Synset(usize),
    Verb,
    Source,
    Target,
    Compound,
    /// Any one token.
    Skip,
}

/// A pattern: items in text order; `glued[i]` says item `i` and `i + 1`
/// must be adjacent tokens.
#[derive(Clone, Debug)]
pub struct Pattern {
    pub items: Vec<Item>,
    pub glued: Vec<bool>,
    pub code: Code,
    /// Whether the pattern itself contains a negation (so the event's
    /// polarity is already in its code).
    pub negates: bool,
}

impl Pattern {
    /// Position of the verb in `items`.
    pub fn verb_at(&self) -> usize {
        self.items.iter().position(|i| *i == Item::Verb).unwrap_or(0)
    }
}

/// A verb block: its default code and patterns.
#[derive(Clone, Debug, Default)]
pub struct Block {
    pub name: String,
    pub code: Option<Code>,
    pub patterns: Vec<Pattern>,
}

/// One surface form of a verb: its words (one of them inflected).
#[derive(Clone, Debug)]
pub struct Form {
    pub words: Vec<String>,
    pub block: usize,
    /// The verb line's own code, overriding the block's.
    pub code: Option<Code>,
}

/// Parsed verb dictionary.
#[derive(Clone, Debug, Default)]
pub struct VerbDict {
    pub blocks: Vec<Block>,
    pub forms: Vec<Form>,
    /// Alternatives of each synonym set, each a word sequence.
    pub synsets: Vec<Vec<Vec<String>>>,
    synset_names: HashMap<String, usize>,
    by_first: HashMap<String, Vec<usize>>,
    /// What was learned beyond the entries: triggers and types of acts the
    /// dictionary lacks (`model.rs`), tried where it codes no act.
    pub learned: Option<crate::model::TypeModel>,
}

impl VerbDict {
    /// Adds every block of a verb file.
    pub fn add_text(&mut self, text: &str) -> Result<(), DictError> {
        let mut state = State::default();
        for (number, raw) in text.lines().enumerate() {
            self.line(raw, &mut state).map_err(|reason| DictError::Syntax { line: number + 1, reason })?;
        }
        Ok(())
    }

    /// The code of a verb form: its own line's code, else its block's.
    pub fn code_of<'d>(&'d self, own: Option<&'d Code>, block: usize) -> Option<&'d Code> {
        own.or(self.blocks[block].code.as_ref())
    }

    /// Makes the blocks code nothing (their verbs still match, as a word the
    /// dictionary knows but does not code): how the evaluation measures
    /// the dictionary without the entries written for held-out sentences.
    pub fn disable_blocks(&mut self, blocks: &std::collections::HashSet<usize>) {
        for &b in blocks {
            if let Some(block) = self.blocks.get_mut(b) {
                block.code = Some(Code::Null);
                block.patterns.clear();
            }
        }
        for form in self.forms.iter_mut().filter(|f| blocks.contains(&f.block)) {
            form.code = None;
        }
    }

    /// Whether some verb form starts with this word (a cheap pre-check).
    pub fn starts_form(&self, word: &str) -> bool {
        self.by_first.contains_key(word)
    }

    /// Verb forms starting at `words[0]`, longest first: (form, length).
    pub fn matches<S: AsRef<str>>(&self, words: &[S]) -> Vec<(&Form, usize)> {
        let Some(first) = words.first() else { return Vec::new() };
        let mut out: Vec<(&Form, usize)> = self
            .by_first
            .get(first.as_ref())
            .into_iter()
            .flatten()
            .map(|&i| &self.forms[i])
            .filter(|f| f.words.len() <= words.len() && f.words.iter().zip(words).all(|(a, b)| a == b.as_ref()))
            .map(|f| (f, f.words.len()))
            .collect();
        // Longest first; among equals the latest added (user files) first.
        out.reverse();
        out.sort_by_key(|m| std::cmp::Reverse(m.1));
        out
    }

    fn line(&mut self, raw: &str, state: &mut State) -> Result<(), String> {
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('<') || trimmed.starts_with('#') {
            return Ok(());
        }
        let line = strip_comment(trimmed);
        if let Some(rest) = line.strip_prefix("---") {
            return self.block_header(rest, state);
        }
        if let Some(name) = line.strip_prefix('&') {
            let index = self.synset(name.trim());
            state.synset = Some(index);
            state.block = None;
            return Ok(());
        }
        if let Some(pattern) = line.strip_prefix('-') {
            let block = state.block.ok_or("pattern outside a verb block")?;
            let pattern = self.pattern(pattern)?;
            self.blocks[block].patterns.push(pattern);
            return Ok(());
        }
        if let Some(rest) = line.strip_prefix('+') {
            if let (Some(set), None) = (state.synset, state.block) {
                self.synset_member(set, rest);
                return Ok(());
            }
            return self.verb_line(rest, state);
        }
        self.verb_line(line, state)
    }

    fn block_header(&mut self, rest: &str, state: &mut State) -> Result<(), String> {
        let rest = rest.trim().trim_end_matches('-').trim();
        let (name, code) = match rest.find('[') {
            Some(at) => (rest[..at].trim(), Some(Code::parse(rest[at + 1..].split(']').next().unwrap_or("")))),
            None => (rest, None),
        };
        self.blocks.push(Block { name: name.to_uppercase(), code, patterns: Vec::new() });
        state.block = Some(self.blocks.len() - 1);
        state.synset = None;
        Ok(())
    }

    fn synset(&mut self, name: &str) -> usize {
        let key = name.trim_end_matches('_').to_uppercase();
        if let Some(&i) = self.synset_names.get(&key) {
            return i;
        }
        self.synsets.push(Vec::new());
        self.synset_names.insert(key, self.synsets.len() - 1);
        self.synsets.len() - 1
    }

    /// Adds a synset member; a nested `&SET` copies that set's members.
    fn synset_member(&mut self, set: usize, text: &str) {
        match text.trim().strip_prefix('&') {
            Some(name) => {
                let nested = self.synset(name);
                let members = self.synsets[nested].clone();
                self.synsets[set].extend(members);
            }
            None => self.synsets[set].push(split_words(&text.to_uppercase())),
        }
    }

    fn verb_line(&mut self, line: &str, state: &mut State) -> Result<(), String> {
        let block = state.block.ok_or("verb outside a verb block")?;
        let (head, code) = match line.find('[') {
            Some(at) => (&line[..at], Some(Code::parse(line[at + 1..].split(']').next().unwrap_or("")))),
            None => (line, None),
        };
        let (name, irregular) = match head.find('{') {
            Some(at) => (&head[..at], head[at + 1..].split('}').next().unwrap_or("")),
            None => (head, ""),
        };
        let name = name.trim().to_uppercase();
        if name.is_empty() {
            return Err("verb line without a verb".into());
        }
        let mut surfaces = inflect(&name);
        for form in irregular.split_whitespace() {
            surfaces.push(clean_form(&form.to_uppercase()));
        }
        surfaces.sort();
        surfaces.dedup();
        for words in surfaces {
            let index = self.forms.len();
            self.by_first.entry(words[0].clone()).or_default().push(index);
            self.forms.push(Form { words, block, code: code.clone() });
        }
        Ok(())
    }

    fn pattern(&mut self, text: &str) -> Result<Pattern, String> {
        let (body, code) = match text.rfind('[') {
            Some(at) => (&text[..at], Code::parse(text[at + 1..].split(']').next().unwrap_or(""))),
            None => return Err(format!("pattern without a code: {text:?}")),
        };
        let mut items = Vec::new();
        let mut glued = Vec::new();
        for chunk in body.split_whitespace() {
            let pieces: Vec<&str> = chunk.split('_').filter(|p| !p.is_empty()).collect();
            for (k, piece) in pieces.iter().enumerate() {
                if !items.is_empty() {
                    glued.push(k > 0);
                }
                items.push(self.item(piece));
            }
        }
        if !items.contains(&Item::Verb) {
            return Err(format!("pattern without `*`: {text:?}"));
        }
        let negates = items.iter().any(|i| matches!(i, Item::Word(w) if is_negation(w)))
            || items
                .iter()
                .any(|i| matches!(i, Item::Synset(s) if self.synsets[*s].iter().flatten().any(|w| is_negation(w))));
        Ok(Pattern { items, glued, code, negates })
    }

    fn item(&mut self, piece: &str) -> Item {
        match piece {
            "*" => Item::Verb,
            "+" => Item::Source,
            "$" => Item::Target,
            "%" => Item::Compound,
            "^" => Item::Skip,
            _ => match piece.strip_prefix('&') {
                Some(name) => Item::Synset(self.synset(name)),
                None => Item::Word(piece.to_uppercase()),
            },
        }
    }
}

fn is_negation(word: &str) -> bool {
    matches!(word, "NOT" | "N'T" | "NEVER" | "NO" | "WON'T" | "DON'T" | "DIDN'T")
}

#[derive(Default)]
struct State {
    block: Option<usize>,
    synset: Option<usize>,
}

/// Words of an irregular or phrasal form, without the `+` head marker.
fn clean_form(form: &str) -> Vec<String> {
    split_words(&form.replace('+', ""))
}

/// Regular inflections of a verb line. In a phrasal verb the word marked
/// with `+` is inflected (the first word when none is marked).
fn inflect(name: &str) -> Vec<Vec<String>> {
    let words = split_words(name);
    let head = words.iter().position(|w| w.starts_with('+')).unwrap_or(0);
    let words: Vec<String> = words.iter().map(|w| w.trim_start_matches('+').to_string()).collect();
    let Some(base) = words.get(head) else { return Vec::new() };
    word_forms(base)
        .into_iter()
        .map(|form| {
            let mut out = words.clone();
            out[head] = form;
            out
        })
        .collect()
}

/// Base, third person, past and gerund forms of an upper-case verb.
pub fn word_forms(base: &str) -> Vec<String> {
    let mut out = vec![base.to_string()];
    let bytes = base.as_bytes();
    let n = bytes.len();
    if n < 3 {
        return out;
    }
    let last = bytes[n - 1];
    let vowel = |b: u8| b"AEIOU".contains(&b);
    if base.ends_with('Y') && !vowel(bytes[n - 2]) {
        let stem = &base[..n - 1];
        out.extend([format!("{stem}IES"), format!("{stem}IED"), format!("{base}ING")]);
        return out;
    }
    if base.ends_with('E') {
        let stem = &base[..n - 1];
        out.extend([format!("{base}S"), format!("{base}D"), format!("{stem}ING")]);
        return out;
    }
    let sibilant = base.ends_with('S')
        || base.ends_with("SH")
        || base.ends_with("CH")
        || base.ends_with('X')
        || base.ends_with('Z');
    out.push(if sibilant { format!("{base}ES") } else { format!("{base}S") });
    out.extend([format!("{base}ED"), format!("{base}ING")]);
    // A closed last syllable doubles its consonant when stressed (STOP,
    // STOPPED; EXPEL, EXPELLED; COMMIT, COMMITTED) and, in British
    // spelling, after L (CANCELLED). Stress is not in the spelling, so
    // longer verbs get both forms: the one not written matches nothing.
    if !vowel(last) && vowel(bytes[n - 2]) && !vowel(bytes[n - 3]) && !b"WXY".contains(&last) {
        let doubled = format!("{base}{}", last as char);
        out.extend([format!("{doubled}ED"), format!("{doubled}ING")]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
&CURRENCY
+DOLLARS
+SWISS FRANCS

--- CONTRIBUTE [070]  ---
CONTRIBUTE   # comment
- * &CURRENCY [903]
- WILL NOT * [081]

--- BREAK [1717] ---
BREAK { BROKE BROKEN  }
+BREAK_DOWN {+BREAKS_DOWN +BROKE_DOWN }
- * OFF_  [195]

--- ARRIVE  [032:033]  ---
ARRIVE
";

    fn dict() -> VerbDict {
        let mut dict = VerbDict::default();
        dict.add_text(SAMPLE).unwrap();
        dict
    }

    #[test]
    fn forms_are_inflected_and_irregulars_kept() {
        let dict = dict();
        assert_eq!(dict.matches(&["CONTRIBUTED"]).len(), 1);
        assert_eq!(dict.matches(&["BROKE", "DOWN"])[0].1, 2);
        assert_eq!(dict.matches(&["ARRIVING"]).len(), 1);
        assert!(dict.matches(&["ARRIVX"]).is_empty());
    }

    #[test]
    fn patterns_and_codes_parse() {
        let dict = dict();
        let block = &dict.blocks[0];
        assert_eq!(block.code, Some(Code::One("070".into())));
        assert_eq!(block.patterns[0].items[1], Item::Synset(0));
        assert!(block.patterns[1].negates);
        assert_eq!(dict.synsets[0][1], vec!["SWISS".to_string(), "FRANCS".to_string()]);
        assert_eq!(dict.blocks[2].code, Some(Code::Pair("032".into(), "033".into())));
    }

    #[test]
    fn doubling() {
        assert!(word_forms("STOP").contains(&"STOPPED".to_string()));
        assert!(word_forms("EXPEL").contains(&"EXPELLED".to_string()));
        assert!(word_forms("VISIT").contains(&"VISITED".to_string()));
        assert!(word_forms("SEIZE").contains(&"SEIZED".to_string()));
        assert!(word_forms("CRITICIZE").contains(&"CRITICIZING".to_string()));
    }

    #[test]
    fn pattern_outside_block_is_an_error() {
        let mut dict = VerbDict::default();
        assert!(dict.add_text("- * X [010]\n").is_err());
    }
}
