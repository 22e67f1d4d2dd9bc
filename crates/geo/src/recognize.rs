//! Toponym recognition: the entity stage's GPE/LOC/FAC mentions (and NORP
//! mentions that are country adjectives), plus gazetteer names found in
//! runs of capitalised words that the entity stage did not claim for a
//! person or an organisation.

use std::collections::{BTreeMap, HashSet};

use newsgraph_core::{Document, EntityType, Span};

use crate::gazetteer::{Candidate, Gazetteer, Kind, MatchKind};
use crate::resolve::{is_common_word, is_facility_head, is_generic_word, name_candidates, prior, within};

/// Longest name tried, in words ("Democratic Republic of the Congo").
const MAX_WORDS: usize = 6;
/// Lowest prior a one-word name needs to be taken from the text alone: a
/// town of about 15,000 people, a first-level division, a country.
const MIN_PRIOR: f64 = 5.5;
/// Lowest prior at the start of a sentence, where every word is capitalised.
const MIN_PRIOR_SENTENCE_START: f64 = 7.0;
/// Lowest prior of a place named inside an organisation's name, or before
/// another capitalised word: a country, region, state or big capital.
const MIN_PRIOR_INSIDE_NAME: f64 = 7.5;
/// Added to the prior of places in a country the document is about.
const FOCUS_BONUS: f64 = 1.5;
/// Lowest prior of a one-word name right after a locative preposition
/// ("in Hinton", "near Samos"): a town of about 4,000 people. Local news
/// names its small towns this way; the preposition is the evidence the
/// lone capitalised word lacks.
const MIN_PRIOR_AFTER_LOCATIVE: f64 = 4.8;
/// Prepositions that put the capitalised name after them on the map.
const LOCATIVES: &[&str] = &["in", "near", "outside", "around"];
/// Lowest prior of a place the entity stage took for a person named by one
/// word only: a town of about 260,000 people or a first-level division
/// (measured: a town of 15,000 took given names such as "Tyler" for
/// places; divisions and capitals only found fewer on GeoWebNews).
const LONE_NAME_PRIOR: f64 = 6.5;
/// Lowest prior for a name of several words.
const MIN_PRIOR_MULTIWORD: f64 = 4.0;

/// Lower-case words allowed inside a name ("Bosnia and Herzegovina").
const CONNECTORS: &[&str] = &["of", "and", "the", "de", "del", "la", "le", "upon", "on", "al", "el", "da", "do", "di"];

/// Capitalised words that may follow a place name without making it part
/// of another name ("Kyiv Mayor", "Texas Governor", "Sumy Oblast").
const ALLOWED_AFTER: &[&str] = &[
    "President",
    "Prime",
    "Minister",
    "Foreign",
    "Defense",
    "Defence",
    "Interior",
    "Army",
    "Navy",
    "Government",
    "Governor",
    "Mayor",
    "Region",
    "Oblast",
    "Province",
    "County",
    "State",
    "Police",
    "Ministry",
    "Parliament",
    "Senator",
    "Rep",
    "Chancellor",
    "King",
    "Queen",
    "Prince",
    "Embassy",
    "Ambassador",
    "Forces",
    "Military",
    "Authorities",
    "Officials",
    "Office",
    "Department",
];

/// Capitalised words that may precede a place name in titles and lists.
const ALLOWED_BEFORE: &[&str] = &[
    "The",
    "In",
    "At",
    "From",
    "To",
    "For",
    "Near",
    "Outside",
    "Inside",
    "Across",
    "Via",
    "And",
    "Or",
    "Of",
    "Both",
    "Like",
    "Including",
    "With",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "North",
    "South",
    "East",
    "West",
];

/// A recognised place mention and the entity it came from.
pub(crate) struct Found {
    pub span: Span,
    pub entity: Option<String>,
}

/// Every place mention of `doc`, in text order, without overlaps.
pub(crate) fn recognize(gazetteer: &Gazetteer, doc: &Document) -> Vec<Found> {
    let mut taken = Taken::default();
    let mut found = from_entities(gazetteer, doc, &mut taken);
    // Names of people hide places ("Paris Hilton"); organisations only
    // hide the lesser ones ("Kyiv Independent", but "U.S. Senate").
    let spans_of = |person: bool| {
        SpanSet::new(
            doc.entities.iter().filter(|e| (e.kind == EntityType::Person) == person && !e.kind.is_place()).flat_map(
                |e| e.mentions.iter().map(move |m| if person { before_of(&doc.text, m.span()) } else { m.span() }),
            ),
        )
    };
    let scan = Scan {
        gazetteer,
        text: &doc.text,
        words: words(&doc.text),
        people: spans_of(true),
        organisations: spans_of(false),
    };
    scan.run(&mut found, &mut taken, &[]);
    // Second pass: smaller places of the countries the document is about
    // ("Kupiansk" in an article on Ukraine).
    let focus = focus_countries(gazetteer, &doc.text, &found);
    if !focus.is_empty() {
        scan.run(&mut found, &mut taken, &focus);
    }
    found.sort_by_key(|f| (f.span.start, f.span.end));
    found
}

/// The part of a person's name before " of ": "Gwen of Detroit" and
/// "Leonard of Ada" are the entity stage's misreadings of a person from a
/// town, and the town after "of" stays a place.
fn before_of(text: &str, span: Span) -> Span {
    match span.slice(text).find(" of ") {
        Some(at) => Span::new(span.start, span.start + at),
        None => span,
    }
}

/// What a gazetteer scan of one document needs.
struct Scan<'d> {
    gazetteer: &'d Gazetteer,
    text: &'d str,
    words: Vec<Span>,
    people: SpanSet,
    organisations: SpanSet,
}

/// Spans (possibly overlapping) sorted by start, with the running maximum
/// of their ends, so that "does any overlap this span" is a binary search:
/// asking every mention of a long document for every match was quadratic.
struct SpanSet {
    starts: Vec<usize>,
    /// `max_end[i]`: the furthest end among the first `i + 1` spans.
    max_end: Vec<usize>,
}

impl SpanSet {
    fn new(spans: impl Iterator<Item = Span>) -> SpanSet {
        let mut spans: Vec<Span> = spans.collect();
        spans.sort_unstable_by_key(|s| s.start);
        let starts = spans.iter().map(|s| s.start).collect();
        let max_end = spans
            .iter()
            .scan(0, |far, s| {
                *far = (*far).max(s.end);
                Some(*far)
            })
            .collect();
        SpanSet { starts, max_end }
    }

    fn overlaps(&self, span: Span) -> bool {
        // Spans starting before `span` ends overlap it when one reaches past its start.
        let before_end = self.starts.partition_point(|&start| start < span.end);
        before_end > 0 && self.max_end[before_end - 1] > span.start
    }
}

/// Spans already taken, which never overlap one another, keyed by start:
/// only the last one starting before a span ends can overlap it.
#[derive(Default)]
struct Taken(BTreeMap<usize, usize>);

impl Taken {
    fn overlaps(&self, span: Span) -> bool {
        self.0.range(..span.end).next_back().is_some_and(|(_, &end)| end > span.start)
    }

    fn insert(&mut self, span: Span) {
        self.0.insert(span.start, span.end);
    }
}

impl Scan<'_> {
    /// Adds the names found in the text and not yet `taken` to `found`.
    fn run(&self, found: &mut Vec<Found>, taken: &mut Taken, focus: &[[u8; 2]]) {
        let mut i = 0;
        while i < self.words.len() {
            let Some((end, strength)) = match_at(self.gazetteer, self.text, &self.words, i, focus) else {
                let word = self.words[i];
                let hyphenated = self.text.as_bytes()[word.start..word.end].contains(&b'-');
                for span in if hyphenated { self.hyphenated_places(i) } else { Vec::new() } {
                    if !self.people.overlaps(span) && !taken.overlaps(span) {
                        taken.insert(span);
                        found.push(Found { span, entity: None });
                    }
                }
                i += 1;
                continue;
            };
            let span = with_county(self.gazetteer, self.text, Span::new(self.words[i].start, self.words[end].end));
            let hidden = self.people.overlaps(span)
                || (strength < MIN_PRIOR_INSIDE_NAME && self.organisations.overlaps(span))
                || taken.overlaps(span);
            if hidden {
                i += 1;
            } else {
                taken.insert(span);
                found.push(Found { span, entity: None });
                i = end + 1;
            }
        }
    }
}

impl Scan<'_> {
    /// Places inside a hyphenated word ("Berlin-based", "anti-Russian",
    /// "Syrian-Turkish", "EU-backed"): parts that are a country's or
    /// region's adjective or a place strong enough to be named inside
    /// another name; the first part may continue a name begun by the words
    /// before it ("Los Angeles-based").
    // Rare (hyphenated words only): kept out of the scan loop so that the
    // loop's own code stays as compact as before.
    #[inline(never)]
    fn hyphenated_places(&self, i: usize) -> Vec<Span> {
        let word = self.words[i];
        let text = word.slice(self.text);
        let strong = |part: &str| {
            starts_upper(part)
                && !is_common_word(part)
                && part.len() > 2
                && (is_demonym(self.gazetteer, part) || strength(self.gazetteer, part) >= MIN_PRIOR_INSIDE_NAME)
        };
        let mut out = Vec::new();
        let mut start = word.start;
        for (n, part) in text.split('-').enumerate() {
            let span = Span::new(start, start + part.len());
            start = span.end + 1;
            let opening = (n == 0)
                .then(|| {
                    // Words before, each capitalised and one space apart.
                    let joined = |k: usize| {
                        self.text.get(self.words[k].end..self.words[k + 1].start) == Some(" ")
                            && starts_upper(self.words[k].slice(self.text))
                    };
                    (i.saturating_sub(2)..i)
                        .filter(|&first| self.words[first].slice(self.text) != "The")
                        .filter(|&first| (first..i).all(joined))
                        .map(|first| Span::new(self.words[first].start, span.end))
                        .find(|longer| strong(longer.slice(self.text)))
                })
                .flatten();
            if let Some(longer) = opening {
                out.push(longer);
            } else if strong(part) {
                out.push(span);
            }
        }
        out
    }
}

/// Countries of the document's strong place names (countries, their
/// adjectives, states and big cities).
fn focus_countries(gazetteer: &Gazetteer, text: &str, found: &[Found]) -> Vec<[u8; 2]> {
    let mut countries = Vec::new();
    for mention in found {
        let best = name_candidates(gazetteer, mention.span.slice(text))
            .into_iter()
            .map(|c| (prior(gazetteer.entry(c.entry), c.matched), c.entry))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let Some((score, entry)) = best else { continue };
        if let Some(country) = gazetteer.entry(entry).country.filter(|_| score >= MIN_PRIOR_INSIDE_NAME) {
            if !countries.contains(&country) {
                countries.push(country);
            }
        }
    }
    countries
}

/// Mentions of place-like entities the entity stage found, and mentions of
/// other types that are exactly a well-known place name: "Tamil Nadu" or
/// "Liverpool" tagged as an organisation are still toponyms (metonymy).
fn from_entities(gazetteer: &Gazetteer, doc: &Document, taken: &mut Taken) -> Vec<Found> {
    let mut found = Vec::new();
    let name_words: HashSet<&str> = doc
        .entities
        .iter()
        .filter(|e| e.kind == EntityType::Person)
        .flat_map(|e| e.mentions.iter().filter(|m| m.text.contains(' ')).flat_map(|m| m.text.split_whitespace()))
        .collect();
    let places = PlaceMentions::of(doc);
    for entity in &doc.entities {
        for mention in &entity.mentions {
            let surface = mention.span().slice(&doc.text);
            let keep = !is_common_word(surface)
                && match entity.kind {
                    kind if kind.is_place() => true,
                    _ if after_age(&doc.text, mention.start) => strength(gazetteer, surface) > f64::NEG_INFINITY,
                    EntityType::Person => {
                        !name_words.contains(surface) && is_lone_place_name(gazetteer, &places, entity, surface)
                    }
                    // "the Centre" (India's government), "University": generic nouns.
                    _ if is_generic_word(surface) => false,
                    _ => {
                        let strength = strength(gazetteer, surface);
                        is_demonym(gazetteer, surface)
                            || strength >= MIN_PRIOR
                            || (strength >= MIN_PRIOR_AFTER_LOCATIVE
                                && surface.contains(char::is_lowercase)
                                && entity.kind != EntityType::Norp
                                && places.locate(entity))
                            || is_county(gazetteer, surface)
                            || is_site(gazetteer, surface)
                    }
                };
            let span = with_county(gazetteer, &doc.text, mention.span());
            if keep && !taken.overlaps(span) {
                taken.insert(span);
                found.push(Found { span, entity: Some(entity.id.clone()) });
            }
        }
    }
    found
}

/// "Royal Street", "Marigny Canal", "Carnegie Library" tagged as an
/// organisation: a name of two words or more ending in the head noun of a
/// street, building or other local site is a place (resolution puts it
/// in the story's town). A site named after a known place or county
/// ("Paris Regional Medical Center", "Barren County Detention Center") is
/// left to the scan, which finds the place.
fn is_site(gazetteer: &Gazetteer, surface: &str) -> bool {
    let mut words = surface.split_whitespace().rev();
    words.next().is_some_and(is_facility_head)
        && words.next().is_some_and(|w| w.starts_with(char::is_uppercase))
        && surface.split_whitespace().all(|w| !is_demonym(gazetteer, w) && strength(gazetteer, w) < MIN_PRIOR)
        && !surface
            .split(" County")
            .next()
            .is_some_and(|before| before.len() < surface.len() && is_county(gazetteer, &format!("{before} County")))
}

/// A "person" the text only ever names by one word that is a well-known
/// place ("Karnataka", "Limpopo"), or a known town that the text puts
/// right after a locative preposition ("asylum seekers in Samos"): people
/// in news are introduced by their full name, so the entity stage has
/// mistaken a place for a surname (unless the word is part of a full name
/// of the text: "Vladimir" beside "Vladimir Putin").
fn is_lone_place_name(
    gazetteer: &Gazetteer,
    places: &PlaceMentions,
    entity: &newsgraph_core::Entity,
    surface: &str,
) -> bool {
    let one_word = |text: &str| !text.contains(char::is_whitespace);
    if !entity.mentions.iter().all(|m| one_word(&m.text)) {
        return false;
    }
    let strength = strength(gazetteer, surface);
    strength >= LONE_NAME_PRIOR || (strength >= MIN_PRIOR_AFTER_LOCATIVE && places.after_locative(entity))
}

/// The mentions of the document's place entities, to read the places a
/// name is listed with.
struct PlaceMentions<'d> {
    text: &'d str,
    starts: HashSet<usize>,
    ends: HashSet<usize>,
}

impl<'d> PlaceMentions<'d> {
    fn of(doc: &'d Document) -> Self {
        let mentions = doc.entities.iter().filter(|e| e.kind.is_place()).flat_map(|e| &e.mentions);
        let (starts, ends) = mentions.map(|m| (m.start, m.end)).unzip();
        PlaceMentions { text: &doc.text, starts, ends }
    }

    /// Whether the text puts a mention of the entity where a place goes:
    /// right after a locative preposition ("a candidates forum in Red
    /// Oak"), or in a list beside a place ("in Red Deer, Innisfail and
    /// Edmonton", "to Ingham or Townsville"). A known town there is a
    /// place, whatever the entity stage took it for. (Not for people:
    /// "Obama and Japan" lists a person beside a place.)
    fn locate(&self, entity: &newsgraph_core::Entity) -> bool {
        self.after_locative(entity) || entity.mentions.iter().any(|m| self.listed_beside_place(m.span()))
    }

    /// Whether a mention of the entity comes right after a locative preposition.
    fn after_locative(&self, entity: &newsgraph_core::Entity) -> bool {
        entity.mentions.iter().any(|m| follows_locative(self.text, m.start))
    }

    fn listed_beside_place(&self, span: Span) -> bool {
        let before = &self.text[..span.start];
        let after = &self.text[span.end..];
        LIST_JOINS.iter().any(|join| {
            before.strip_suffix(join).is_some_and(|rest| self.ends.contains(&rest.len()))
                || (after.starts_with(join) && self.starts.contains(&(span.end + join.len())))
        })
    }
}

/// What joins the members of a list of places.
const LIST_JOINS: [&str; 4] = [", ", " and ", " or ", ", and "];

/// Whether the word starting at byte `start` follows a locative
/// preposition and a single space (the previous word as [`words`] cuts it:
/// "check-in" is no "in").
fn follows_locative(text: &str, start: usize) -> bool {
    let Some(before) = text.get(..start).and_then(|t| t.strip_suffix(' ')) else { return false };
    let in_word = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '’' | '.' | '-');
    before.rsplit(|c: char| !in_word(c)).next().is_some_and(|word| LOCATIVES.contains(&word))
}

/// Whether byte `start` follows a person's age and "of" ("Vernon Adkins,
/// 40, of McKee"): local news writes where a person lives there, and any
/// town the gazetteer knows by that name is meant, however small.
fn after_age(text: &str, start: usize) -> bool {
    let Some(before) = text.get(..start).and_then(|t| t.strip_suffix(", of ")) else { return false };
    let Some((head, age)) = before.rsplit_once(' ') else { return false };
    head.ends_with(',') && (1..=3).contains(&age.len()) && age.bytes().all(|b| b.is_ascii_digit())
}

/// The words after a county's name; datelines write them in capitals
/// ("LAUREL COUNTY, Ky.").
const COUNTY_HEADS: [&str; 4] = [" County", " Parish", " COUNTY", " PARISH"];

/// "Metcalfe County", "Orange County": the entity stage and the scan stop
/// before "County" (a word that may follow any place name); it belongs to
/// the toponym when the gazetteer knows the county by that name.
fn with_county(gazetteer: &Gazetteer, text: &str, span: Span) -> Span {
    let after = &text[span.end..];
    let Some(head) = COUNTY_HEADS.into_iter().find(|h| after.starts_with(h)) else {
        return span;
    };
    let longer = Span::new(span.start, span.end + head.len());
    let word_ends = !after[head.len()..].starts_with(char::is_alphanumeric);
    if word_ends && is_county(gazetteer, longer.slice(text)) {
        longer
    } else {
        span
    }
}

/// "Suffolk County", "Orleans Parish" tagged as an organisation (county
/// detectives, the county's government): a county the gazetteer knows by
/// that name is a place whatever its size.
fn is_county(gazetteer: &Gazetteer, surface: &str) -> bool {
    let county = COUNTY_HEADS.into_iter().any(|head| surface.ends_with(head));
    county && gazetteer.lookup(surface).iter().any(|c| gazetteer.entry(c.entry).kind == Kind::Admin2)
}

/// The best prior among the entries a surface names.
fn strength(gazetteer: &Gazetteer, surface: &str) -> f64 {
    best_prior(gazetteer, &name_candidates(gazetteer, surface), &[])
}

/// The best prior among candidates (demonyms aside); entries in one of the
/// `focus` countries get [`FOCUS_BONUS`].
fn best_prior(gazetteer: &Gazetteer, candidates: &[Candidate], focus: &[[u8; 2]]) -> f64 {
    candidates
        .iter()
        .filter(|c| c.matched != MatchKind::Demonym)
        .map(|c| {
            let entry = gazetteer.entry(c.entry);
            let in_focus = entry.country.is_some_and(|country| focus.contains(&country));
            prior(entry, c.matched) + if in_focus { FOCUS_BONUS } else { 0.0 }
        })
        .fold(f64::NEG_INFINITY, f64::max)
}

/// Whether a NORP/MISC mention is the adjective of a country or region.
fn is_demonym(gazetteer: &Gazetteer, surface: &str) -> bool {
    gazetteer.lookup(surface).iter().any(|c| names_country_or_region(gazetteer, c))
}

fn names_country_or_region(gazetteer: &Gazetteer, candidate: &Candidate) -> bool {
    candidate.matched == MatchKind::Demonym
        && matches!(gazetteer.entry(candidate.entry).kind, Kind::Country | Kind::Region)
}

/// The last word index and the strength of the longest acceptable
/// gazetteer name starting at word `i`, if any.
fn match_at(gazetteer: &Gazetteer, text: &str, words: &[Span], i: usize, focus: &[[u8; 2]]) -> Option<(usize, f64)> {
    let first = words[i].slice(text);
    // A name is never taken from "The": "The Kremlin" is "Kremlin".
    if !starts_upper(first) || first == "The" {
        return None;
    }
    let last_word = (i + MAX_WORDS).min(words.len()) - 1;
    (i..=last_word)
        .rev()
        .filter(|&end| contiguous(text, words, i, end) && starts_upper(words[end].slice(text)))
        .find_map(|end| acceptable(gazetteer, text, words, (i, end), focus).map(|strength| (end, strength)))
}

/// Whether words `i..=end` form one name: separated by single spaces or
/// hyphens, with only connector words in lower case.
fn contiguous(text: &str, words: &[Span], i: usize, end: usize) -> bool {
    (i..end).all(|k| {
        let gap = text.get(words[k].end..words[k + 1].start).unwrap_or("");
        let word = words[k + 1].slice(text);
        (gap == " " || gap == "-") && (starts_upper(word) || CONNECTORS.contains(&word))
    })
}

/// The strength of words `i..=end` as a place name, if they may be taken
/// as one here.
fn acceptable(
    gazetteer: &Gazetteer,
    text: &str,
    words: &[Span],
    (i, end): (usize, usize),
    focus: &[[u8; 2]],
) -> Option<f64> {
    let surface = &text[words[i].start..words[end].end];
    if end == i && !single_word_name(surface) {
        return None;
    }
    // Exact names only: the scan itself tries every shorter word run.
    let found = gazetteer.lookup(surface);
    if found.is_empty() {
        return None;
    }
    let demonym = found.iter().any(|c| names_country_or_region(gazetteer, c));
    let strength = if demonym || is_dotted_division(gazetteer, text, words, i, end, &found) {
        MIN_PRIOR_INSIDE_NAME
    } else {
        best_prior(gazetteer, &found, focus)
    };
    let sentence_start = sentence_start(text, words[i].start);
    let needed = if after_age(text, words[i].start) {
        f64::NEG_INFINITY
    } else if end > i {
        MIN_PRIOR_MULTIWORD
    } else if sentence_start {
        MIN_PRIOR_SENTENCE_START
    } else if after_locative(text, words, i) {
        MIN_PRIOR_AFTER_LOCATIVE
    } else {
        MIN_PRIOR
    };
    // Countries and demonyms stay places before another name ("U.S. Senate").
    let modifier = demonym || strength >= MIN_PRIOR_INSIDE_NAME;
    let alone = modifier || stands_alone(text, words, i, end, sentence_start);
    let strong_enough = strength >= needed || followed_by_its_container(gazetteer, text, words, end, &found);
    (strong_enough && alone).then_some(strength)
}

/// Whether word `i` alone is a state or province written as a dotted code
/// ("B.C.", "N.Y."), not after a number ("500 B.C."): news writes these
/// where it would write the name ("the B.C. government"), while an
/// alias written as a word ("Mass", "Miss") is mostly something else.
fn is_dotted_division(
    gazetteer: &Gazetteer,
    text: &str,
    words: &[Span],
    i: usize,
    end: usize,
    found: &[Candidate],
) -> bool {
    let word = words[i].slice(text);
    let dotted = end == i && word.ends_with('.') && word[..word.len() - 1].contains('.');
    let after_number = i > 0 && words[i - 1].slice(text).starts_with(|c: char| c.is_ascii_digit());
    dotted && !after_number && found.iter().any(|c| gazetteer.entry(c.entry).kind == Kind::Admin1)
}

/// Longest container name tried after a town, in words ("New South Wales").
const MAX_CONTAINER_WORDS: usize = 3;

/// Whether the name ending at word `end` is followed by ", " and a state,
/// province or country that holds one of its entries ("Holliday, Mo.",
/// "Detroit, Texas", "Slidell, La."): local news places its small towns
/// this way, and the written container vouches for a town too small to be
/// taken from its capital letters alone.
fn followed_by_its_container(
    gazetteer: &Gazetteer,
    text: &str,
    words: &[Span],
    end: usize,
    found: &[Candidate],
) -> bool {
    let first = end + 1;
    if first >= words.len() || text.get(words[end].end..words[first].start) != Some(", ") {
        return false;
    }
    let last_word = (first + MAX_CONTAINER_WORDS).min(words.len()) - 1;
    (first..=last_word).filter(|&last| contiguous(text, words, first, last)).any(|last| {
        let container = &text[words[first].start..words[last].end];
        gazetteer.lookup(container).iter().any(|c| {
            let holder = gazetteer.entry(c.entry);
            matches!(holder.kind, Kind::Admin1 | Kind::Country)
                && found.iter().any(|f| within(gazetteer.entry(f.entry), holder))
        })
    })
}

/// Whether word `i` follows a locative preposition ("in", "near") after a single space.
fn after_locative(text: &str, words: &[Span], i: usize) -> bool {
    i > 0 && follows_locative(text, words[i].start)
}

/// Whether one word may be a place name on its own: not a month, compass
/// word or generic noun ("Centre", "University"), and not a two-letter
/// word unless written as a code ("La" is not L.A., "UK" is the UK).
fn single_word_name(word: &str) -> bool {
    let short = word.chars().filter(|c| c.is_alphabetic()).count() <= 2;
    !is_common_word(word) && !is_generic_word(word) && (!short || word.chars().all(|c| !c.is_lowercase()))
}

/// Rejects a name that is only part of a longer capitalised name ("George
/// Washington", "Kyiv Independent"), unless the neighbour is a title or a
/// generic word.
fn stands_alone(text: &str, words: &[Span], i: usize, end: usize, first_in_sentence: bool) -> bool {
    let joined = |a: usize, b: usize| text.get(words[a].end..words[b].start) == Some(" ");
    if i > 0 && !first_in_sentence && joined(i - 1, i) {
        let before = words[i - 1].slice(text);
        let before_is_first = sentence_start(text, words[i - 1].start);
        if starts_upper(before) && !before_is_first && !ALLOWED_BEFORE.contains(&before) {
            return false;
        }
    }
    if end + 1 < words.len() && joined(end, end + 1) {
        let after = words[end + 1].slice(text);
        if starts_upper(after) && !ALLOWED_AFTER.contains(&after) {
            return false;
        }
        // "Alliance of the Willing", "Bank of England": the head of a longer name.
        let named_after = words[end + 2..].iter().take(2).any(|w| starts_upper(w.slice(text)));
        if after == "of" && named_after {
            return false;
        }
    }
    true
}

/// Whether byte `at` begins a sentence or a line (so capitals say nothing).
fn sentence_start(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let trimmed = before.trim_end_matches([' ', '\t', '"', '“', '‘', '\'', '(']);
    if trimmed.len() < before.len() && before[trimmed.len()..].contains('\n') {
        return true;
    }
    match trimmed.chars().next_back() {
        None => true,
        Some(c) => matches!(c, '.' | '!' | '?' | ':' | '\n' | '—' | '–' | '-' | '|'),
    }
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Word spans: letters and digits, with inner apostrophes, hyphens and
/// periods ("Kup'yansk", "U.S."); a possessive "'s" is left out.
pub(crate) fn words(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(at, next)) = chars.peek() {
            let joiner = matches!(next, '\'' | '’' | '.' | '-');
            let continues = next.is_alphanumeric()
                || (joiner && text[at + next.len_utf8()..].chars().next().is_some_and(char::is_alphanumeric));
            if !continues {
                break;
            }
            end = at + next.len_utf8();
            chars.next();
        }
        let word = &text[start..end];
        if word.contains('.') && text[end..].starts_with('.') {
            end += 1; // keep the final period of "U.S." and "D.C."
            chars.next();
        }
        spans.push(Span::new(start, strip_possessive_end(text, start, end)));
    }
    spans
}

fn strip_possessive_end(text: &str, start: usize, end: usize) -> usize {
    let word = &text[start..end];
    for suffix in ["'s", "’s"] {
        if word.len() > suffix.len() && word.ends_with(suffix) {
            return end - suffix.len();
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        words(text).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn overlap_indexes_agree_with_a_scan() {
        let spans = [Span::new(10, 30), Span::new(12, 14), Span::new(40, 45), Span::new(50, 51)];
        let set = SpanSet::new(spans.iter().copied());
        let mut taken = Taken::default();
        for span in [spans[0], spans[2], spans[3]] {
            taken.insert(span);
        }
        for start in 0..60 {
            for end in start + 1..62 {
                let probe = Span::new(start, end);
                assert_eq!(set.overlaps(probe), spans.iter().any(|s| s.overlaps(probe)), "{probe:?}");
                let disjoint = [spans[0], spans[2], spans[3]];
                assert_eq!(taken.overlaps(probe), disjoint.iter().any(|s| s.overlaps(probe)), "{probe:?}");
            }
        }
    }

    #[test]
    fn splits_words_keeping_abbreviations_and_dropping_possessives() {
        assert_eq!(texts("Russia's war, the U.S. said."), ["Russia", "war", "the", "U.S.", "said"]);
        assert_eq!(texts("Kup'yans'k and Guinea-Bissau"), ["Kup'yans'k", "and", "Guinea-Bissau"]);
    }

    #[test]
    fn cuts_a_persons_name_before_of() {
        let text = "his brother, Gwen of Detroit, and Ann Smith";
        let cut = |start: usize, end: usize| before_of(text, Span::new(start, end)).slice(text);
        assert_eq!(cut(13, 28), "Gwen");
        assert_eq!(cut(34, 43), "Ann Smith");
    }

    #[test]
    fn knows_a_locative_before_a_word() {
        let text = "born in Churchill, a check-in Churchill, in  Churchill";
        let starts: Vec<usize> = text.match_indices("Churchill").map(|(at, _)| at).collect();
        let found: Vec<bool> = starts.iter().map(|&at| follows_locative(text, at)).collect();
        assert_eq!(found, [true, false, false]);
        let words = words(text);
        let at = words.iter().position(|w| w.start == starts[0]).expect("a word");
        assert!(after_locative(text, &words, at));
    }

    #[test]
    fn knows_sentence_starts() {
        let text = "He left. Moscow said\nKyiv";
        assert!(sentence_start(text, 9));
        assert!(!sentence_start(text, 16));
        assert!(sentence_start(text, 21));
    }
}
