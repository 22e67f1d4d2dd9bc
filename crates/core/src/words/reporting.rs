//! Reporting verbs ("say", "tell", "deny", "call for"): the complements each
//! takes, the classes stages select by, and every inflected form
//! (`data/reporting_verbs.txt`; its header gives the format).

use std::sync::OnceLock;

use super::inflect;

pub(crate) const DATA: &str = include_str!("../../data/reporting_verbs.txt");

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

/// The classes a stage picks verbs by (`+speech`, `+report` in the list).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Classes {
    /// A verb of saying: its object is what is said, not a party to an
    /// event ("announced a ceasefire").
    pub speech: bool,
    /// The clause it governs is reported content, which the writer does
    /// not assert ("said", "believes", "warned").
    pub report: bool,
}

/// One inflected form's place in the paradigm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// "say".
    Base,
    /// "says".
    Present,
    /// "said" (simple past).
    Past,
    /// "said" (past participle).
    Participle,
    /// "saying".
    Gerund,
}

/// One reporting verb.
#[derive(Clone, Debug)]
pub struct Verb {
    /// Dictionary form ("say").
    pub lemma: &'static str,
    pub frames: Frames,
    /// Particle that must follow ("out" in "pointed out").
    pub particle: Option<&'static str>,
    pub classes: Classes,
    /// Every form, lower case, in [`Form`] order; a past that is also the
    /// participle is listed twice.
    pub forms: Vec<(String, Form)>,
}

/// Every reporting verb, in the order of the list, parsed once.
pub fn verbs() -> &'static [Verb] {
    static VERBS: OnceLock<Vec<Verb>> = OnceLock::new();
    VERBS.get_or_init(|| match parse(DATA) {
        Ok(verbs) => verbs,
        // The list is embedded and checked by the tests below.
        Err((line, reason)) => panic!("reporting_verbs.txt line {line}: {reason}"),
    })
}

/// The lower-case forms of the verbs a stage selects, particle verbs left
/// out (their forms are those of the bare verb).
pub fn forms_where(select: impl Fn(&Verb) -> bool, keep: impl Fn(Form) -> bool) -> impl Iterator<Item = &'static str> {
    verbs()
        .iter()
        .filter(move |verb| verb.particle.is_none() && select(verb))
        .flat_map(|verb| verb.forms.iter())
        .filter(move |(_, form)| keep(*form))
        .map(|(form, _)| form.as_str())
}

/// Reporting-verb forms (lower case) that are as often nouns ("claims",
/// "reports"), so a stage may ask for more evidence before taking them as verbs.
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

fn parse(text: &'static str) -> Result<Vec<Verb>, (usize, String)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
        .map(|(number, line)| parse_verb(line).map_err(|reason| (number, reason)))
        .collect()
}

fn parse_verb(line: &'static str) -> Result<Verb, String> {
    let (tags, fields): (Vec<&str>, Vec<&str>) = line.split_whitespace().partition(|f| f.starts_with('+'));
    let (lemma, frames) = match fields.as_slice() {
        [lemma, frames, ..] => (*lemma, parse_frames(frames)?),
        _ => return Err(format!("expected `lemma FRAMES`, got `{line}`")),
    };
    let (irregular, particle) = match fields[2..] {
        [] => (None, None),
        [particle] => (None, Some(particle)),
        [past, participle] => (Some((past, participle)), None),
        [particle, past, participle] => (Some((past, participle)), Some(particle)),
        _ => return Err(format!("too many fields in `{line}`")),
    };
    Ok(Verb { lemma, frames, particle, classes: parse_classes(&tags)?, forms: inflections(lemma, irregular) })
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

fn parse_classes(tags: &[&str]) -> Result<Classes, String> {
    let mut classes = Classes::default();
    for tag in tags {
        match *tag {
            "+speech" => classes.speech = true,
            "+report" => classes.report = true,
            other => return Err(format!("unknown class `{other}`")),
        }
    }
    Ok(classes)
}

fn inflections(lemma: &str, irregular: Option<(&str, &str)>) -> Vec<(String, Form)> {
    let (past, participle) = match irregular {
        Some((past, participle)) => (past.to_string(), participle.to_string()),
        None => (inflect::past(lemma), inflect::past(lemma)),
    };
    vec![
        (lemma.to_string(), Form::Base),
        (inflect::s_form(lemma), Form::Present),
        (past, Form::Past),
        (participle, Form::Participle),
        (inflect::gerund(lemma), Form::Gerund),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verb(lemma: &str) -> &'static Verb {
        verbs().iter().find(|v| v.lemma == lemma && v.particle.is_none()).unwrap()
    }

    #[test]
    fn the_list_parses() {
        assert_eq!(parse(DATA).map(|v| v.len()), Ok(verbs().len()));
        assert!(verbs().len() > 100);
    }

    #[test]
    fn regular_and_irregular_forms() {
        let forms = |lemma| verb(lemma).forms.iter().map(|(f, _)| f.as_str()).collect::<Vec<_>>();
        assert_eq!(forms("say"), ["say", "says", "said", "said", "saying"]);
        assert_eq!(forms("deny"), ["deny", "denies", "denied", "denied", "denying"]);
        assert_eq!(forms("write"), ["write", "writes", "wrote", "written", "writing"]);
    }

    #[test]
    fn classes_and_particles() {
        assert_eq!(verb("say").classes, Classes { speech: true, report: true });
        assert_eq!(verb("claim").classes, Classes { speech: true, report: false });
        assert_eq!(verb("believe").classes, Classes { speech: false, report: true });
        assert!(verbs().iter().any(|v| v.lemma == "call" && v.particle == Some("for")));
        assert!(verb("tell").frames.listener);
    }

    #[test]
    fn bad_lines_are_reported() {
        assert!(parse_verb("say Q").is_err());
        assert!(parse_verb("say S +loud").is_err());
        assert!(parse_verb("say").is_err());
    }
}
