//! The reporting verbs (every verb of the shared list in
//! `newsgraph_core::words::reporting` is a cue) looked up by inflected form,
//! the common nouns that may head a speaker phrase (`data/speaker_nouns.txt`)
//! and given names with their usual gender (`data/given_names.txt`).

use std::collections::{HashMap, HashSet};

pub use newsgraph_core::words::reporting::{is_noun_like, Frames, Verb};
use newsgraph_core::words::{inflect, reporting};

use crate::LoadError;

const SPEAKER_NOUNS: &str = include_str!("../data/speaker_nouns.txt");
const GIVEN_NAMES: &str = include_str!("../data/given_names.txt");

/// The gender a given name or a title ("Mrs.") tells, for "he"/"she".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// How a cue word is inflected; gerunds take their speaker from the main clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Finite,
    Gerund,
}

/// Lookup from lowercase word form to verb.
#[derive(Debug)]
pub struct Lexicon {
    verbs: &'static [Verb],
    /// Every verb a form belongs to ("called": call, call for, call on).
    forms: HashMap<String, Vec<(usize, Form)>>,
    nouns: HashSet<String>,
    /// Given names ("Hillary") given to one gender far more than the other.
    given_names: HashMap<String, Gender>,
}

impl Lexicon {
    /// Parses the embedded word lists.
    pub fn load() -> Result<Self, LoadError> {
        let verbs = reporting::verbs();
        let mut lexicon = Lexicon { verbs, forms: HashMap::new(), nouns: HashSet::new(), given_names: HashMap::new() };
        for (index, verb) in verbs.iter().enumerate() {
            lexicon.add_forms(index, verb);
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

    fn add_forms(&mut self, index: usize, verb: &Verb) {
        for (text, form) in &verb.forms {
            let form = if *form == reporting::Form::Gerund { Form::Gerund } else { Form::Finite };
            let entries = self.forms.entry(text.clone()).or_default();
            // A past that is also the participle is one finite form.
            if form == Form::Gerund || !entries.iter().any(|(i, _)| *i == index) {
                entries.push((index, form));
            }
        }
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
        let with_particle = entries.iter().find(|(i, _)| self.verbs[*i].particle == Some(next));
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

fn plural(noun: &str) -> String {
    match noun.strip_suffix("man") {
        Some(stem) => format!("{stem}men"),
        None => inflect::s_form(noun),
    }
}

/// Fingerprint of the shared word lists and the embedded speaker-noun and
/// given-name lists.
pub(crate) fn data_fingerprint() -> u64 {
    let lists = newsgraph_core::fnv1a(newsgraph_core::words::fingerprint(), SPEAKER_NOUNS.as_bytes());
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
            assert_eq!(lexicon.verb(form).map(|(v, _)| v.lemma), Some(lemma), "{form}");
        }
        assert_eq!(lexicon.verb("stating").map(|(_, f)| f), Some(Form::Gerund));
        assert_eq!(lexicon.verb("adding").map(|(_, f)| f), Some(Form::Gerund));
        assert_eq!(lexicon.verb("admitting").map(|(_, f)| f), Some(Form::Gerund));
        assert!(lexicon.verb("table").is_none());
        let called_for = lexicon.verb_before("called", "for").unwrap().0;
        assert_eq!(called_for.particle, Some("for"));
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
