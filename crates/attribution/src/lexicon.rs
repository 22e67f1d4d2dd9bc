//! The reporting-verb lexicon (`data/cues.txt`) with derived inflections, and
//! the common nouns that may head a speaker phrase (`data/speaker_nouns.txt`).

use std::collections::{HashMap, HashSet};

use crate::LoadError;

const CUES: &str = include_str!("../data/cues.txt");
const SPEAKER_NOUNS: &str = include_str!("../data/speaker_nouns.txt");
const GIVEN_NAMES: &str = include_str!("../data/given_names.txt");

/// The gender a given name or a title ("Mrs.") tells, for "he"/"she".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// Which complements a reporting verb takes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Frames {
    /// A finite clause, `that` optional ("said (that) Russia seeks peace").
    pub clause: bool,
    /// A listener before the clause ("told reporters that ...").
    pub listener: bool,
    /// A to-infinitive ("promised to end the war").
    pub infinitive: bool,
    /// A wh-clause ("announced what he called a breakthrough").
    pub wh: bool,
    /// A noun phrase as content ("cited derogatory comments", "called for
    /// a review").
    pub object: bool,
}

/// How a cue word is inflected; gerunds take their speaker from the main clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Finite,
    Gerund,
}

/// One reporting verb.
#[derive(Clone, Debug)]
pub struct Verb {
    /// Dictionary form ("say"), for verb classes (speech verbs inside a content).
    pub lemma: String,
    pub frames: Frames,
    /// Particle that must follow ("out" in "pointed out").
    pub particle: Option<String>,
}

/// Lookup from lowercase word form to verb.
#[derive(Debug)]
pub struct Lexicon {
    verbs: Vec<Verb>,
    /// Every verb a form belongs to ("called": call, call for, call on).
    forms: HashMap<String, Vec<(usize, Form)>>,
    nouns: HashSet<String>,
    /// Given names ("Hillary") given to one gender far more than the other.
    given_names: HashMap<String, Gender>,
}

impl Lexicon {
    /// Parses the embedded word lists.
    pub fn load() -> Result<Self, LoadError> {
        let mut lexicon =
            Lexicon { verbs: Vec::new(), forms: HashMap::new(), nouns: HashSet::new(), given_names: HashMap::new() };
        for (number, line) in data_lines(CUES) {
            lexicon.add_verb(line).map_err(|reason| LoadError::Lexicon { line: number, reason })?;
        }
        for (_, noun) in data_lines(SPEAKER_NOUNS) {
            lexicon.nouns.insert(plural(noun));
            lexicon.nouns.insert(noun.to_string());
        }
        for (number, line) in data_lines(GIVEN_NAMES) {
            let gender = match line.split_once(' ') {
                Some((name, "m")) => (name, Gender::Male),
                Some((name, "f")) => (name, Gender::Female),
                _ => {
                    return Err(LoadError::Lexicon {
                        line: number,
                        reason: format!("given names: expected `Name m|f`, got `{line}`"),
                    })
                }
            };
            lexicon.given_names.insert(gender.0.to_string(), gender.1);
        }
        Ok(lexicon)
    }

    fn add_verb(&mut self, line: &str) -> Result<(), String> {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let (lemma, frames) = match fields.as_slice() {
            [lemma, frames, ..] => (*lemma, parse_frames(frames)?),
            _ => return Err(format!("expected `lemma FRAMES`, got `{line}`")),
        };
        let (irregular, particle) = match &fields[2..] {
            [] => (None, None),
            [particle] => (None, Some(particle.to_string())),
            [past, participle] => (Some((*past, *participle)), None),
            [particle, past, participle] => (Some((*past, *participle)), Some(particle.to_string())),
            _ => return Err(format!("too many fields in `{line}`")),
        };
        let index = self.verbs.len();
        self.verbs.push(Verb { lemma: lemma.to_string(), frames, particle });
        for form in inflections(lemma, irregular) {
            let entries = self.forms.entry(form).or_default();
            if !entries.iter().any(|(i, _)| *i == index) {
                entries.push((index, Form::Finite));
            }
        }
        self.forms.entry(gerund(lemma)).or_default().push((index, Form::Gerund));
        Ok(())
    }

    /// A verb the lowercase word form belongs to (one without particle first).
    pub fn verb(&self, lower: &str) -> Option<(&Verb, Form)> {
        let entries = self.forms.get(lower)?;
        let &(index, form) = entries.iter().find(|(i, _)| self.verbs[*i].particle.is_none()).or(entries.first())?;
        Some((&self.verbs[index], form))
    }

    /// The verb of `lower` given the next word: the one whose particle
    /// follows ("called for"), else one without particle.
    pub fn verb_before(&self, lower: &str, next: &str) -> Option<(&Verb, Form)> {
        let entries = self.forms.get(lower)?;
        let with_particle = entries.iter().find(|(i, _)| self.verbs[*i].particle.as_deref() == Some(next));
        let &(index, form) =
            with_particle.or_else(|| entries.iter().find(|(i, _)| self.verbs[*i].particle.is_none()))?;
        Some((&self.verbs[index], form))
    }

    /// The gender of a capitalised given name ("Hillary"), if it has one.
    pub fn given_name_gender(&self, name: &str) -> Option<Gender> {
        self.given_names.get(name).copied()
    }

    /// Whether a lowercase word may head a speaker phrase.
    pub fn is_speaker_noun(&self, lower: &str) -> bool {
        self.nouns.contains(lower)
    }
}

fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
}

fn parse_frames(letters: &str) -> Result<Frames, String> {
    let mut frames = Frames::default();
    for letter in letters.chars() {
        match letter {
            'S' => frames.clause = true,
            'T' => frames.listener = true,
            'I' => frames.infinitive = true,
            'W' => frames.wh = true,
            'N' => frames.object = true,
            other => return Err(format!("unknown frame letter `{other}`")),
        }
    }
    Ok(frames)
}

/// Base, third person singular, past and past participle forms.
fn inflections(lemma: &str, irregular: Option<(&str, &str)>) -> Vec<String> {
    let mut forms = vec![lemma.to_string(), third_person(lemma)];
    match irregular {
        Some((past, participle)) => {
            forms.push(past.to_string());
            forms.push(participle.to_string());
        }
        None => forms.push(past(lemma)),
    }
    forms
}

fn ends_with_consonant_y(word: &str) -> bool {
    let bytes = word.as_bytes();
    bytes.len() >= 2 && bytes[bytes.len() - 1] == b'y' && !is_vowel(bytes[bytes.len() - 2])
}

fn is_vowel(byte: u8) -> bool {
    matches!(byte, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn third_person(lemma: &str) -> String {
    if ends_with_consonant_y(lemma) {
        format!("{}ies", &lemma[..lemma.len() - 1])
    } else if ["s", "sh", "ch", "x", "z", "o"].iter().any(|end| lemma.ends_with(end)) {
        format!("{lemma}es")
    } else {
        format!("{lemma}s")
    }
}

fn plural(noun: &str) -> String {
    match noun.strip_suffix("man") {
        Some(stem) => format!("{stem}men"),
        None => third_person(noun),
    }
}

/// Whether the final consonant doubles before -ed/-ing: one-syllable
/// consonant-vowel-consonant words ("plan", "quip") and stressed endings
/// ("admit", "concur").
fn doubles_final(lemma: &str) -> bool {
    let bytes = lemma.as_bytes();
    let n = bytes.len();
    if n < 3 {
        return false;
    }
    let (a, b, c) = (bytes[n - 3], bytes[n - 2], bytes[n - 1]);
    // The u of "qu" is a consonant here ("quipped").
    let a_consonant = !is_vowel(a) || (a == b'u' && n >= 4 && bytes[n - 4] == b'q');
    let cvc = a_consonant && is_vowel(b) && !is_vowel(c) && !matches!(c, b'w' | b'x' | b'y');
    let syllables = lemma.as_bytes().windows(2).filter(|w| !is_vowel(w[0]) && is_vowel(w[1])).count()
        + usize::from(is_vowel(bytes[0]));
    cvc && (syllables == 1 || ["mit", "cur", "fer"].iter().any(|end| lemma.ends_with(end)))
}

fn past(lemma: &str) -> String {
    if lemma.ends_with('e') {
        format!("{lemma}d")
    } else if ends_with_consonant_y(lemma) {
        format!("{}ied", &lemma[..lemma.len() - 1])
    } else if doubles_final(lemma) {
        format!("{lemma}{}ed", &lemma[lemma.len() - 1..])
    } else {
        format!("{lemma}ed")
    }
}

fn gerund(lemma: &str) -> String {
    if let Some(stem) = lemma.strip_suffix("ie") {
        format!("{stem}ying")
    } else if lemma.ends_with('e') && !lemma.ends_with("ee") {
        format!("{}ing", &lemma[..lemma.len() - 1])
    } else if doubles_final(lemma) {
        format!("{lemma}{}ing", &lemma[lemma.len() - 1..])
    } else {
        format!("{lemma}ing")
    }
}

/// Reporting-verb forms that are as often nouns.
pub fn is_noun_like(lower: &str) -> bool {
    matches!(
        lower,
        "state"
            | "states"
            | "plan"
            | "plans"
            | "answer"
            | "answers"
            | "demand"
            | "demands"
            | "report"
            | "reports"
            | "claim"
            | "claims"
            | "show"
            | "shows"
            | "hope"
            | "hopes"
            | "fear"
            | "fears"
            | "doubt"
            | "doubts"
            | "estimate"
            | "estimates"
            | "promise"
            | "promises"
            | "tweet"
            | "tweets"
            | "post"
            | "posts"
            | "worry"
            | "worries"
            | "find"
            | "finds"
            | "want"
            | "wants"
            | "know"
            | "reply"
            | "replies"
            | "concern"
            | "respond"
            | "question"
            | "questions"
            | "signal"
            | "signals"
            | "guarantee"
            | "guarantees"
            | "pledge"
            | "pledges"
            | "attack"
            | "attacks"
            | "blast"
            | "blasts"
            | "slam"
            | "echo"
            | "echoes"
            | "dispute"
            | "disputes"
            | "welcome"
            | "thanks"
            | "fault"
            | "highlight"
            | "highlights"
            | "ridicule"
            | "blame"
            | "mock"
            | "hint"
            | "hints"
    )
}

/// Fingerprint of the embedded cue, speaker-noun and given-name lists.
pub(crate) fn data_fingerprint() -> u64 {
    let lists = newsgraph_core::fnv1a(newsgraph_core::fnv1a(0, CUES.as_bytes()), SPEAKER_NOUNS.as_bytes());
    newsgraph_core::fnv1a(lists, GIVEN_NAMES.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_and_irregular_forms() {
        let lexicon = Lexicon::load().unwrap();
        for (form, lemma) in [
            ("said", "say"),
            ("says", "say"),
            ("told", "tell"),
            ("denies", "deny"),
            ("denied", "deny"),
            ("admitted", "admit"),
            ("stressed", "stress"),
            ("announces", "announce"),
            ("wrote", "write"),
            ("quipped", "quip"),
            ("planned", "plan"),
            ("answered", "answer"),
        ] {
            assert_eq!(lexicon.verb(form).map(|(v, _)| v.lemma.as_str()), Some(lemma), "{form}");
        }
        assert_eq!(lexicon.verb("stating").map(|(_, f)| f), Some(Form::Gerund));
        assert_eq!(lexicon.verb("adding").map(|(_, f)| f), Some(Form::Gerund));
        assert_eq!(lexicon.verb("admitting").map(|(_, f)| f), Some(Form::Gerund));
        assert!(lexicon.verb("table").is_none());
        let called_for = lexicon.verb_before("called", "for").unwrap().0;
        assert_eq!(called_for.particle.as_deref(), Some("for"));
        assert!(lexicon.verb_before("called", "Trump").unwrap().0.particle.is_none());
        assert!(lexicon.verb_before("pointed", "at").is_none());
    }

    #[test]
    fn speaker_nouns_include_plurals() {
        let lexicon = Lexicon::load().unwrap();
        assert!(lexicon.is_speaker_noun("spokesman"));
        assert!(lexicon.is_speaker_noun("spokesmen"));
        assert!(lexicon.is_speaker_noun("sources"));
        assert!(lexicon.is_speaker_noun("agency"));
        assert!(lexicon.is_speaker_noun("agencies"));
    }
}
