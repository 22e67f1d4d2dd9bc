//! Resolves the phrase naming a speaker to an entity of the document:
//! a mention inside the phrase ("Spokesman Dmitry Peskov"), a pronoun or
//! possessive ("he", "his answer") through the previous speakers and
//! mentions, or a role ("the spokesman", "the Chief of Staff") through the
//! person named earlier with that title. "he" and "she" only take a
//! person whose gender is unknown or agrees: told by a title ("Mrs.
//! Clinton") or a given name used for one gender ("Hillary").

use std::collections::HashMap;

use newsgraph_core::{Document, EntityType, Span};

use crate::grammar::Range;
use crate::lexicon::{Gender, Lexicon};
use crate::words::Words;

/// How many sentences back a pronoun looks for the previous speaker.
const PRONOUN_REACH: usize = 3;
/// How many tokens back a role phrase looks for its title.
const ROLE_REACH: usize = 3000;
/// How close (in tokens) a name must follow its title ("Spokesman Dmitry Peskov").
const TITLE_WINDOW: usize = 12;

/// A previous attribution: sentence index and resolved entity index.
pub type History = Vec<(usize, Option<usize>)>;

pub struct Resolver<'a> {
    doc: &'a Document,
    words: &'a Words<'a>,
    lexicon: &'a Lexicon,
    /// (mention span, entity index), by start.
    mentions: Vec<(Span, usize)>,
    /// Whether each entity is a person: typed so, or named like one.
    persons: Vec<bool>,
    /// The gender of each person, where its mentions tell it.
    genders: Vec<Option<Gender>>,
}

/// What a pronoun can refer to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Wanted {
    /// "he", "she" (with the gender), "his", "him", "her".
    Person(Gender),
    /// "it", "they", "we" and their possessives: an organisation, a place
    /// ("it" only) or a nationality or party ("they" and "we" only:
    /// "Democrats", "the Russians").
    Group(Number),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Number {
    Singular,
    Plural,
}

/// A person, or an organisation or miscellaneous entity named like one:
/// a mention of two words or more opening with a given name of one gender
/// ("Ava DuVernay" tagged as an organisation). The entity stage mistypes
/// unfamiliar surnames; a pronoun must still find them.
fn is_person(entity: &newsgraph_core::Entity, lexicon: &Lexicon) -> bool {
    match entity.kind {
        EntityType::Person => true,
        EntityType::Org | EntityType::Misc => entity.mentions.iter().any(|m| {
            let mut words = m.text.split_whitespace();
            let first = words.next().unwrap_or("");
            words.next().is_some_and(|w| w.starts_with(char::is_uppercase))
                && lexicon.given_name_gender(first).is_some()
        }),
        _ => false,
    }
}

/// Preference among several entities inside one speaker phrase.
fn rank(kind: EntityType) -> u8 {
    match kind {
        EntityType::Person => 3,
        EntityType::Org => 2,
        EntityType::Gpe | EntityType::Norp => 1,
        _ => 0,
    }
}

impl<'a> Resolver<'a> {
    pub fn new(doc: &'a Document, words: &'a Words<'a>, lexicon: &'a Lexicon) -> Self {
        let mut mentions: Vec<(Span, usize)> = doc
            .entities
            .iter()
            .enumerate()
            .flat_map(|(e, entity)| entity.mentions.iter().map(move |m| (m.span(), e)))
            .collect();
        mentions.sort_by_key(|(span, _)| (span.start, span.end));
        let mut persons: Vec<bool> = doc.entities.iter().map(|e| is_person(e, lexicon)).collect();
        let mut genders: Vec<Option<Gender>> = doc
            .entities
            .iter()
            .zip(&persons)
            .map(|(e, &p)| if p { gender_of(doc, e, lexicon) } else { None })
            .collect();
        // A lone surname the entity stage kept apart from the full name
        // ("DuVernay" beside "Ava DuVernay") is that person.
        let mut surnames: HashMap<&str, usize> = HashMap::new();
        for (p, entity) in doc.entities.iter().enumerate().filter(|(p, _)| persons[*p]) {
            for mention in &entity.mentions {
                if let Some((_, last)) = mention.text.rsplit_once(' ') {
                    surnames.entry(last).or_insert(p);
                }
            }
        }
        for (e, entity) in doc.entities.iter().enumerate() {
            if let Some(&p) = surnames.get(entity.name.as_str()).filter(|_| !persons[e]) {
                persons[e] = true;
                genders[e] = genders[p];
            }
        }
        Resolver { doc, words, lexicon, mentions, persons, genders }
    }

    /// Whether entity `e` can be what the pronoun wants: a person of an
    /// unknown or the same gender, or an organisation or place.
    fn fits(&self, e: usize, wanted: Wanted) -> bool {
        match wanted {
            Wanted::Person(gender) => self.persons[e] && self.genders[e].is_none_or(|g| g == gender),
            Wanted::Group(number) => {
                !self.persons[e]
                    && match self.kind(e) {
                        EntityType::Org => true,
                        EntityType::Gpe => number == Number::Singular,
                        EntityType::Norp => number == Number::Plural,
                        _ => false,
                    }
            }
        }
    }

    fn kind(&self, entity: usize) -> EntityType {
        self.doc.entities[entity].kind
    }

    /// The entity index the phrase `speaker` refers to.
    pub fn resolve(&self, speaker: Range, history: &History) -> Option<usize> {
        let span = self.words.span(speaker.0, speaker.1);
        if let Some(entity) = self.inside(span) {
            return Some(entity);
        }
        if speaker.1 - speaker.0 == 1 {
            if let Some(found) = self.pronoun(speaker.0, span, history) {
                return found;
            }
        }
        self.role(speaker)
    }

    /// The best entity mentioned within `span`, leaving out mentions that
    /// only modify the phrase: before a common noun ("the Russian news
    /// agency") or after a preposition ("the Chief of the General Staff").
    fn inside(&self, span: Span) -> Option<usize> {
        let first = self.mentions.partition_point(|(m, _)| m.end <= span.start);
        self.mentions[first..]
            .iter()
            .take_while(|(m, _)| m.start < span.end)
            .filter(|(m, _)| m.overlaps(span) && !self.is_modifier(*m, span))
            .max_by_key(|(m, e)| (rank(self.kind(*e)), m.start))
            .map(|(_, e)| *e)
    }

    fn is_modifier(&self, mention: Span, phrase: Span) -> bool {
        let w = self.words;
        let (first, after) = (w.token_at(mention.start), w.token_at(mention.end));
        let before_noun = after < w.len()
            && w.tokens[after].start < phrase.end
            && w.is_word(after)
            && !w.is_capitalized(after)
            && !matches!(w.lower(after), "of" | "and");
        let start = w.token_at(phrase.start);
        let after_preposition = (start..first)
            .rev()
            .take_while(|&j| w.raw(j) != ",")
            .any(|j| matches!(w.lower(j), "of" | "for" | "at" | "with" | "by" | "from" | "in"));
        before_noun || after_preposition
    }

    /// Some(result) when the token is a pronoun, None when it is not one.
    fn pronoun(&self, token: usize, span: Span, history: &History) -> Option<Option<usize>> {
        let wanted = match self.words.lower(token) {
            "he" | "his" | "him" => Wanted::Person(Gender::Male),
            "she" | "her" => Wanted::Person(Gender::Female),
            "it" | "its" => Wanted::Group(Number::Singular),
            "they" | "their" | "we" | "our" => Wanted::Group(Number::Plural),
            _ => return None,
        };
        let sentence = self.doc.sentence_at(span.start).unwrap_or(0);
        let recent = history
            .iter()
            .rev()
            .take_while(|(s, _)| sentence.saturating_sub(*s) <= PRONOUN_REACH)
            .filter_map(|(_, e)| *e)
            .find(|&e| self.fits(e, wanted));
        // "he"/"she" usually continue the last speaker; "it"/"they" the
        // closest organisation or place named.
        let opening = self.doc.sentences.get(sentence).map_or(span.start, |s| s.start);
        if let Wanted::Group(number) = wanted {
            // "Obama and Clinton ignore the people they refuse to define":
            // a plural pronoun after two persons joined by "and".
            let plural = number == Number::Plural && !matches!(self.words.lower(token), "we" | "our");
            let pair = plural.then(|| self.persons_joined(opening, span.start)).flatten();
            return Some(pair.or_else(|| self.nearest_before(span.start, wanted)).or(recent));
        }
        // Inside its own sentence a pronoun takes the person named earlier
        // in it, the subject first ("Ban Ki-moon condemned what he
        // called ..."), over a speaker of the sentences before.
        let first = self.mentions.partition_point(|(m, _)| m.start < opening);
        let mut here = self.mentions[first..]
            .iter()
            .take_while(|(m, _)| m.end <= span.start)
            .map(|(_, e)| *e)
            .filter(|&e| self.fits(e, wanted));
        let subject = here.next();
        let recent_here = recent.filter(|r| subject == Some(*r) || here.any(|e| e == *r));
        Some(recent_here.or(subject).or(recent).or_else(|| self.nearest_before(span.start, wanted)))
    }

    /// The first of the last two persons joined by "and" between `from`
    /// and `to` ("Obama and Clinton").
    fn persons_joined(&self, from: usize, to: usize) -> Option<usize> {
        let first = self.mentions.partition_point(|(m, _)| m.start < from);
        let last = self.mentions.partition_point(|(m, _)| m.start < to).max(first);
        self.mentions[first..last]
            .windows(2)
            .rev()
            .find(|pair| {
                let ((a, x), (b, y)) = (pair[0], pair[1]);
                let between = self.doc.text.get(a.end..b.start).unwrap_or("");
                b.end <= to && self.persons[x] && self.persons[y] && x != y && between.trim() == "and"
            })
            .map(|pair| pair[0].1)
    }

    /// The entity of the closest mention ending before `at` that fits.
    fn nearest_before(&self, at: usize, wanted: Wanted) -> Option<usize> {
        let end = self.mentions.partition_point(|(m, _)| m.start < at);
        self.mentions[..end]
            .iter()
            .rev()
            .filter(|(m, _)| m.end <= at)
            .find(|(_, e)| self.fits(*e, wanted))
            .map(|(_, e)| *e)
    }

    /// "the spokesman" -> the person named next to "spokesman" earlier.
    /// Only a speaker noun is a role: a pronoun ("I", "my") or a name the
    /// entity stage missed ("Mr. King") is not one, and a false name is
    /// worse than none.
    fn role(&self, speaker: Range) -> Option<usize> {
        let w = self.words;
        let head = (speaker.0..speaker.1).find(|&i| w.is(i + 1, "of")).unwrap_or(speaker.1 - 1);
        let title = w.lower(head);
        let named = head > speaker.0 && w.is_capitalized(head) && !w.is_capitalized(speaker.0);
        if !w.is_word(head) || named || !self.lexicon.is_speaker_noun(title) {
            return None;
        }
        let lowest = speaker.0.saturating_sub(ROLE_REACH);
        (lowest..speaker.0).rev().filter(|&i| w.lower(i) == title).find_map(|i| self.person_near(i))
    }

    /// A person named as the holder of the title at token `i`: right after
    /// it, with only the rest of a title between ("Spokesman Dmitry
    /// Peskov", "The Chief of the General Staff ..., General Valery
    /// Gerasimov"), or just before it in apposition ("Peskov, the
    /// spokesman"). A person only mentioned near the word ("a letter from
    /// Trump", "footage showed Scott") does not hold it.
    fn person_near(&self, i: usize) -> Option<usize> {
        let w = self.words;
        let sentence = self.doc.sentence_at(w.tokens[i].start).map(|s| self.doc.sentences[s])?;
        let after_end = w.tokens[(i + TITLE_WINDOW).min(sentence.end_token - 1)].end;
        let before_start = w.tokens[i.saturating_sub(4).max(sentence.first_token)].start;
        let title = w.tokens[i].span();
        let window = |lo: usize, hi: usize| {
            let first = self.mentions.partition_point(|(m, _)| m.start < lo);
            self.mentions[first..]
                .iter()
                .take_while(move |(m, _)| m.start < hi)
                .filter(|(_, e)| self.persons[*e])
                .copied()
                .collect::<Vec<_>>()
        };
        let title_runs_on = |m: &Span| (i + 1..w.token_at(m.start)).all(|j| continues_title(w, j));
        let apposed = |m: &Span| w.raw(w.token_at(m.end)) == ",";
        let after = window(title.end, after_end).into_iter().find(|(m, _)| title_runs_on(m));
        let before = window(before_start, title.start).into_iter().rfind(|(m, _)| apposed(m));
        after.or(before).map(|(_, e)| e)
    }
}

/// Whether token `j` may sit between a title and its holder's name: the
/// rest of a title ("of the General Staff of the Russian Army,", "General").
fn continues_title(w: &Words, j: usize) -> bool {
    w.is_capitalized(j) || matches!(w.lower(j), "of" | "the" | "for" | "," | "and")
}

/// The gender a person's mentions tell: a title written before or inside
/// a mention ("Mrs. Clinton", "Mr. Trump"), else the first word of a
/// mention as a given name. Mentions that disagree leave it unknown.
fn gender_of(doc: &Document, entity: &newsgraph_core::Entity, lexicon: &Lexicon) -> Option<Gender> {
    let mut found = None;
    for mention in &entity.mentions {
        let before = doc.text.get(..mention.start).unwrap_or("").trim_end();
        let title_before = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
        let first = mention.text.split_whitespace().next().unwrap_or("");
        let told =
            title_gender(title_before).or_else(|| title_gender(first)).or_else(|| lexicon.given_name_gender(first));
        match (found, told) {
            (_, None) => {}
            (None, Some(g)) => found = Some(g),
            (Some(a), Some(b)) if a != b => return None,
            _ => {}
        }
    }
    found
}

fn title_gender(word: &str) -> Option<Gender> {
    match word.trim_end_matches('.') {
        "Mr" => Some(Gender::Male),
        "Mrs" | "Ms" | "Miss" => Some(Gender::Female),
        _ => None,
    }
}
