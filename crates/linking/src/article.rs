//! The one adapter from the pipeline's output to what linking reads. Every
//! other module sees only [`Article`], so switching the input from
//! `newsgraph_core::Document` to the lead's `Record` (same fields) means
//! changing [`Article::from_record`] alone.

use newsgraph_core::{EntityType, EventStatus, Participant, PlaceKind, Record, TimexType};
use serde::{Deserialize, Serialize};

use crate::contradictions::is_control;
use crate::stories::minhash_bands;
use crate::text::{day_number, fold, is_stop, stem, words};
use crate::LinkError;

/// What linking needs of one annotated document.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Article {
    /// Document id, unique in the corpus (corpus ids are derived from it).
    pub id: String,
    /// Publication day (days since 1970-01-01), if known.
    pub day: Option<i32>,
    /// Stemmed content words of title and body, stop words removed, in
    /// text order (the title's words are counted twice: a headline names
    /// the story).
    pub terms: Vec<String>,
    /// MinHash bands of the folded body words' 3-shingles, for
    /// near-duplicates ([`minhash_bands`]). Made here rather than while
    /// linking: they need nothing of the corpus, and the store builds
    /// articles on its worker threads while one thread links.
    pub bands: Vec<u64>,
    /// The calendar dates the text names, each as its year, month and day
    /// features (see [`date_features`]): reports of one story name the
    /// same dates, two like events of different years do not. The
    /// publication day is left out: `day` compares it.
    #[serde(default)]
    pub dates: Vec<String>,
    /// The numbers the text states, other than years (`dates` has those):
    /// tolls, magnitudes, scores and sums tell like events apart.
    #[serde(default)]
    pub numbers: Vec<String>,
    /// Stemmed content words of the title and the first
    /// [`LEAD_SENTENCES`] sentences: what the story is about, without the
    /// background the body adds.
    #[serde(default)]
    pub lead: Vec<String>,
    /// Pairs of adjacent content stems within the title and each sentence
    /// (`"tony thompson"`; the space keeps them apart from single stems).
    #[serde(default)]
    pub bigrams: Vec<String>,
    pub entities: Vec<ArticleEntity>,
    pub events: Vec<ArticleEvent>,
    /// Sentence texts, quoted as evidence by contradictions.
    pub sentences: Vec<String>,
    /// Ids of the document entities mentioned in each sentence: an event's
    /// context when its own roles are unknown.
    pub sentence_entities: Vec<Vec<String>>,
}

/// A document entity with the place it was resolved to, if any.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ArticleEntity {
    /// `entities[].id` inside the document.
    pub id: String,
    pub kind: EntityType,
    pub name: String,
    pub actor: Option<String>,
    pub country: Option<String>,
    /// GeoNames id of the place mention linked to this entity: two GPEs
    /// called "Washington" are one referent only if they resolve alike.
    pub geonames_id: Option<u64>,
    pub mentions: usize,
}

/// A place an event happened at.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventPlace {
    /// Folded gazetteer name.
    pub name: String,
    pub geonames_id: Option<u64>,
    pub country: Option<String>,
    /// True for a country or a wide region: too coarse to tell two events
    /// apart, so it neither merges nor separates them.
    pub coarse: bool,
    /// Latitude and longitude, when the record gives them.
    #[serde(default)]
    pub point: Option<(f64, f64)>,
}

/// A participant of an event, by document entity and actor code.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Role {
    pub text: String,
    /// Document entity id.
    pub entity: Option<String>,
    pub actor: Option<String>,
}

/// One event mention of the document.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ArticleEvent {
    /// `events[].id` inside the document.
    pub id: String,
    pub sentence: usize,
    /// Trigger words as written.
    pub trigger: String,
    /// Stem of the trigger's head (last word).
    pub lemma: String,
    pub cameo: String,
    pub plover: String,
    pub source: Option<Role>,
    pub target: Option<Role>,
    /// Day of the event, when the date is a full day.
    pub day: Option<i32>,
    /// TIMEX3 value as given.
    pub date: Option<String>,
    pub place: Option<EventPlace>,
    pub status: EventStatus,
    /// Document entity id of the claimant.
    pub attributed_to: Option<String>,
    /// Numbers stated in the sentence next to a casualty or count word
    /// ("killed 12", "death toll rose to 40"), for differing-figure checks.
    pub figures: Vec<u64>,
}

impl ArticleEvent {
    /// An asserted event of the sentence with only its trigger: no id,
    /// coding, participants, date or place.
    pub fn bare(sentence: usize, trigger: &str) -> Self {
        ArticleEvent {
            id: String::new(),
            sentence,
            trigger: trigger.to_string(),
            lemma: head_lemma(trigger),
            cameo: String::new(),
            plover: String::new(),
            source: None,
            target: None,
            day: None,
            date: None,
            place: None,
            status: EventStatus::Asserted,
            attributed_to: None,
            figures: Vec::new(),
        }
    }
}

impl Article {
    /// Reads an annotated document's output record (code point offsets).
    /// Fails only on an index that points outside its list.
    pub fn from_record(doc: &Record) -> Result<Article, LinkError> {
        let chars: Vec<char> = doc.text.chars().collect();
        let slice = |start: usize, end: usize| -> String {
            chars.get(start.min(chars.len())..end.min(chars.len())).map(|c| c.iter().collect()).unwrap_or_default()
        };
        let sentences: Vec<String> = doc.sentences.iter().map(|s| slice(s.start, s.end)).collect();
        let title = doc.title.clone().unwrap_or_default();
        let mut terms: Vec<String> = content_terms(&title);
        terms.extend(content_terms(&title));
        terms.extend(content_terms(&doc.text));
        let mut entities: Vec<ArticleEntity> = doc
            .entities
            .iter()
            .map(|e| ArticleEntity {
                id: e.id.clone(),
                kind: e.kind,
                name: e.name.clone(),
                actor: e.actor.clone(),
                country: e.country.clone(),
                geonames_id: None,
                mentions: e.mentions.len(),
            })
            .collect();
        for place in &doc.places {
            let linked = place.entity.as_deref().and_then(|id| entities.iter_mut().find(|e| e.id == id));
            if let (Some(entity), Some(geonames)) = (linked, place.geonames_id) {
                entity.geonames_id.get_or_insert(geonames);
            }
        }
        let role = |p: &Option<Participant>| {
            p.as_ref().map(|p| Role { text: p.text.clone(), entity: p.entity.clone(), actor: p.actor.clone() })
        };
        let mut events = Vec::with_capacity(doc.events.len());
        for event in &doc.events {
            let sentence = sentences.get(event.sentence).ok_or_else(|| LinkError::Index {
                document: doc.id.clone(),
                what: format!("event {} sentence {}", event.id, event.sentence),
            })?;
            let place = match event.place {
                Some(index) => {
                    let place = doc.places.get(index).ok_or_else(|| LinkError::Index {
                        document: doc.id.clone(),
                        what: format!("event {} place {index}", event.id),
                    })?;
                    Some(EventPlace {
                        name: fold(&place.name),
                        geonames_id: place.geonames_id,
                        country: place.country.clone(),
                        coarse: matches!(place.kind, PlaceKind::Country | PlaceKind::Region),
                        point: Some((place.lat, place.lon)),
                    })
                }
                None => None,
            };
            events.push(ArticleEvent {
                id: event.id.clone(),
                sentence: event.sentence,
                lemma: head_lemma(&event.trigger.text),
                trigger: event.trigger.text.clone(),
                cameo: event.cameo.clone(),
                plover: event.plover.clone(),
                source: role(&event.source),
                target: role(&event.target),
                day: event.date.as_deref().and_then(day_number),
                date: event.date.clone(),
                place,
                status: event.status,
                attributed_to: event.attributed_to.clone(),
                figures: figures(sentence),
            });
        }
        inherit_control_places(&mut events);
        let mut sentence_entities = vec![Vec::new(); doc.sentences.len()];
        for entity in &doc.entities {
            for mention in &entity.mentions {
                let index = doc.sentences.partition_point(|s| s.end <= mention.start);
                if let Some(ids) = sentence_entities.get_mut(index) {
                    if !ids.contains(&entity.id) {
                        ids.push(entity.id.clone());
                    }
                }
            }
        }
        Ok(Article {
            id: doc.id.clone(),
            day: doc.published.map(|d| d.to_string()).as_deref().and_then(day_number),
            terms,
            bands: minhash_bands(&words(&doc.text).collect::<Vec<_>>()),
            numbers: stated_numbers(&doc.text),
            lead: lead_terms(&title, &sentences),
            bigrams: std::iter::once(&title).chain(&sentences).flat_map(|text| term_pairs(text)).collect(),
            dates: doc
                .timexes
                .iter()
                .filter(|t| t.kind == TimexType::Date)
                .flat_map(|t| date_features(&t.value))
                .collect(),
            entities,
            events,
            sentences,
            sentence_entities,
        })
    }

    pub fn entity(&self, id: &str) -> Option<&ArticleEntity> {
        self.entities.iter().find(|e| e.id == id)
    }
}

/// A control event with no specific place ("regained several
/// neighbourhoods there") takes the place of the control event at most two
/// sentences before it: "there" and "the city" point back to it, and the
/// opposing-outcome check needs the place.
fn inherit_control_places(events: &mut [ArticleEvent]) {
    let specific = |e: &ArticleEvent| e.place.as_ref().is_some_and(|p| !p.coarse);
    for i in 0..events.len() {
        if specific(&events[i]) || !is_control(&events[i].lemma) {
            continue;
        }
        let sentence = events[i].sentence;
        let antecedent = events[..i]
            .iter()
            .rev()
            .take_while(|e| e.sentence + 2 >= sentence)
            .find(|e| specific(e) && is_control(&e.lemma))
            .and_then(|e| e.place.clone());
        if antecedent.is_some() {
            events[i].place = antecedent;
        }
    }
}

/// The year, month and day features of a TIMEX3 date value, each marked
/// `#` (`2013-05-03` gives `#2013`, `#2013-05`, `#2013-05-03`): two dates
/// of one month share its features. None for a value without a year
/// (`XXXX-05-03`, `PAST_REF`).
fn date_features(value: &str) -> Vec<String> {
    let digits = |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
    let mut features: Vec<String> = Vec::new();
    for (part, len) in value.split(['-', 'T']).zip([4, 2, 2]) {
        if !digits(part, len) {
            break;
        }
        let prefix = features.last().map_or("#".to_string(), |f| format!("{f}-"));
        features.push(format!("{prefix}{part}"));
    }
    features
}

/// The digit strings of `text` that are not years.
fn stated_numbers(text: &str) -> Vec<String> {
    let is_year = |w: &str| w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y));
    words(text).filter(|w| w.bytes().all(|b| b.is_ascii_digit()) && !is_year(w)).collect()
}

/// Sentences of the lead: a news lead states the story's event in its
/// first sentences.
pub const LEAD_SENTENCES: usize = 3;

/// Content terms of the title and the first [`LEAD_SENTENCES`] sentences.
fn lead_terms(title: &str, sentences: &[String]) -> Vec<String> {
    let lead = sentences.iter().take(LEAD_SENTENCES).map(String::as_str);
    std::iter::once(title).chain(lead).flat_map(content_terms).collect()
}

/// Adjacent content terms of `text`, joined by a space.
fn term_pairs(text: &str) -> Vec<String> {
    content_terms(text).windows(2).map(|pair| format!("{} {}", pair[0], pair[1])).collect()
}

/// Stemmed content words of `text`.
fn content_terms(text: &str) -> Vec<String> {
    words(text).filter(|w| w.len() > 1 && !is_stop(w)).map(|w| stem(&w)).collect()
}

/// Event stem of the first word of a trigger ("took control" -> "control"
/// would lose the verb, so phrasal triggers keep their first word).
pub fn head_lemma(trigger: &str) -> String {
    words(trigger).next().map_or_else(String::new, |head| event_stem(&head))
}

/// The stem of a trigger word, with the verb forms and nominalisations the
/// shared stemmer leaves apart brought together ("said"/"says",
/// "explosion"/"exploded", "announcement"/"announced",
/// "investigation"/"investigated"): ECB+ chains mix them, and the event
/// fit only compares mentions of one lemma or CAMEO root.
fn event_stem(word: &str) -> String {
    if let Some(base) = irregular_trigger(word) {
        return base.to_string();
    }
    let base = nominal_base(word).unwrap_or_else(|| word.to_string());
    let stemmed = stem(&base);
    // "-ate" verbs meet their "-ation" nouns without the suffix.
    match stemmed.strip_suffix("at") {
        Some(rest) if rest.len() >= 4 => rest.to_string(),
        _ => stemmed,
    }
}

/// Verb forms of news triggers the shared stemmer does not join.
fn irregular_trigger(word: &str) -> Option<&'static str> {
    Some(match word {
        "said" | "says" | "saying" | "say" => "say",
        "told" | "tells" | "telling" | "tell" => "tell",
        "made" | "makes" | "making" | "make" => "mak",
        "went" | "gone" | "goes" | "going" | "go" => "go",
        "came" | "comes" | "coming" | "come" => "com",
        "found" | "finds" | "finding" | "find" => "find",
        "got" | "gotten" | "gets" | "getting" | "get" => "get",
        "rose" | "risen" | "rises" | "rising" | "rise" => "ris",
        "spoke" | "spoken" | "speaks" | "speaking" | "speak" => "speak",
        "shook" | "shaken" | "shakes" | "shaking" | "shake" => "shak",
        "blew" | "blown" | "blows" | "blowing" | "blow" => "blow",
        "drove" | "driven" | "drives" | "driving" | "drive" => "driv",
        "threw" | "thrown" | "throws" | "throwing" | "throw" => "throw",
        "slew" | "slain" | "slays" | "slaying" | "slay" => "slay",
        "paid" | "pays" | "paying" | "pay" => "pay",
        "lost" | "loses" | "losing" | "lose" | "loss" => "los",
        "sought" | "seeks" | "seeking" | "seek" => "seek",
        "beat" | "beaten" | "beats" | "beating" => "beat",
        "saw" | "seen" | "sees" | "seeing" | "see" => "see",
        "kept" | "keeps" | "keeping" | "keep" => "keep",
        "brought" | "brings" | "bringing" | "bring" => "bring",
        "wrote" | "written" | "writes" | "writing" | "write" => "writ",
        "became" | "becomes" | "becoming" | "become" => "becom",
        "acquisition" | "acquisitions" => "acquir",
        "destruction" => "destroy",
        "detention" => "detain",
        "intervention" => "interven",
        _ => return None,
    })
}

/// The verb a derived noun names ("explosion" -> "explod", "arrival" ->
/// "arriv"), by its suffix; `None` for other words.
fn nominal_base(word: &str) -> Option<String> {
    let word = word.strip_suffix('s').filter(|w| w.ends_with("ion") || w.ends_with("ment")).unwrap_or(word);
    let long = |rest: &&str| rest.len() >= 4;
    if let Some(rest) = word.strip_suffix("ssion").filter(long) {
        // "admission" -> "admit", "discussion" -> "discuss".
        return Some(match rest.strip_suffix("mi") {
            Some(head) => format!("{head}mit"),
            None => format!("{rest}ss"),
        });
    }
    if let Some(rest) = word.strip_suffix("sion").filter(long) {
        // "explosion" -> "explod", "expansion" -> "expand".
        let last = rest.chars().last()?;
        return Some(if "aeiou".contains(last) || last == 'n' { format!("{rest}d") } else { format!("{rest}s") });
    }
    if let Some(rest) = word.strip_suffix("ation").filter(long) {
        return Some(rest.to_string());
    }
    if let Some(rest) = word.strip_suffix("tion").filter(long) {
        return Some(format!("{rest}t"));
    }
    if let Some(rest) = word.strip_suffix("ment").filter(long) {
        return Some(rest.to_string());
    }
    if let Some(rest) = word.strip_suffix("ance").filter(|r| r.len() >= 5) {
        return Some(rest.to_string());
    }
    // "arrival", "approval", "dismissal", "withdrawal", "denial", "burial".
    let rest = word.strip_suffix("al").filter(long).filter(|r| r.ends_with(['v', 's', 'w', 'i', 'y']))?;
    Some(match rest.strip_suffix('i') {
        Some(head) => format!("{head}y"),
        None => rest.to_string(),
    })
}

/// Words that make a nearby number a figure about the event.
const COUNT_WORDS: &[&str] = &[
    "casualties",
    "dead",
    "death",
    "deaths",
    "died",
    "injured",
    "killed",
    "killing",
    "lives",
    "missing",
    "people",
    "soldiers",
    "toll",
    "victims",
    "wounded",
];

/// Numbers within four words of a count word in `sentence`.
fn figures(sentence: &str) -> Vec<u64> {
    let tokens: Vec<String> = words(sentence).collect();
    let ages = apposed_ages(sentence);
    let mut found = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let Some(value) = number(token) else { continue };
        // Ages ("a 13-year-old", "Keith Lamont Scott, 43,") sit next to
        // "killed" as often as tolls do, and two victims' ages are not two
        // tolls of one event.
        let next = |k: usize| tokens.get(i + k).map_or("", String::as_str);
        if matches!(next(1), "year" | "years") && next(2) == "old" || ages.contains(&value) {
            continue;
        }
        let near = tokens[i.saturating_sub(4)..(i + 5).min(tokens.len())].iter();
        if near.clone().any(|w| COUNT_WORDS.contains(&w.as_str())) && !found.contains(&value) {
            found.push(value);
        }
    }
    found
}

/// Numbers set off by commas right after a capitalised word, as news
/// gives a person's age ("Keith Lamont Scott, 43, was killed").
fn apposed_ages(sentence: &str) -> Vec<u64> {
    let parts: Vec<&str> = sentence.split(',').collect();
    parts
        .windows(3)
        .filter(|w| w[0].trim_end().rsplit(' ').next().is_some_and(|name| name.starts_with(char::is_uppercase)))
        .filter_map(|w| w[1].trim().parse().ok())
        .collect()
}

fn number(word: &str) -> Option<u64> {
    const SMALL: &[&str] =
        &["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    if let Ok(value) = word.parse::<u64>() {
        // Years are dates, not tolls.
        return (!(1900..=2100).contains(&value)).then_some(value);
    }
    SMALL.iter().position(|w| *w == word).map(|v| v as u64).filter(|&v| v > 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_next_to_count_words() {
        assert_eq!(figures("At least 12 people were killed in 2024."), vec![12]);
        assert_eq!(figures("The toll rose to forty."), Vec::<u64>::new());
        assert_eq!(figures("Officials said three soldiers died."), vec![3]);
        assert_eq!(figures("A shooting in Columbus killed 2 people and a 13-year-old."), vec![2]);
        assert_eq!(figures("Keith Lamont Scott, 43, was killed; 5 people were hurt."), vec![5]);
        assert_eq!(figures("In all, 12 people were killed."), vec![12]);
    }

    #[test]
    fn dates_give_year_month_and_day_features() {
        assert_eq!(date_features("2013-05-03"), ["#2013", "#2013-05", "#2013-05-03"]);
        assert_eq!(date_features("2008-W12"), ["#2008"]);
        assert_eq!(date_features("2008-05-03T10:00"), ["#2008", "#2008-05", "#2008-05-03"]);
        assert!(date_features("XXXX-05-03").is_empty());
        assert!(date_features("PRESENT_REF").is_empty());
    }

    #[test]
    fn lead_and_adjacent_term_pairs() {
        let sentences: Vec<String> =
            ["Tony Thompson lost.", "The fight ended early.", "Fans left.", "Tickets were cheap."]
                .map(String::from)
                .into();
        let lead = lead_terms("Klitschko retains belts", &sentences);
        assert!(lead.contains(&stem("klitschko")) && lead.contains(&stem("fans")));
        assert!(!lead.contains(&stem("tickets")));
        assert_eq!(
            term_pairs("Tony Thompson lost."),
            [format!("{} {}", stem("tony"), stem("thompson")), format!("{} {}", stem("thompson"), stem("lost"))]
        );
    }

    #[test]
    fn phrasal_triggers_keep_the_verb() {
        assert_eq!(head_lemma("took control"), "tak");
        assert_eq!(head_lemma("Captured"), stem("capture"));
    }

    #[test]
    fn nouns_and_irregular_forms_meet_their_verbs() {
        for (noun, verb) in [
            ("explosion", "exploded"),
            ("announcement", "announced"),
            ("investigation", "investigated"),
            ("election", "elected"),
            ("arrival", "arrived"),
            ("denial", "denied"),
            ("admission", "admitted"),
            ("expansion", "expanded"),
            ("resignation", "resigned"),
            ("appearance", "appeared"),
            ("said", "says"),
        ] {
            assert_eq!(head_lemma(noun), head_lemma(verb), "{noun} / {verb}");
        }
        assert_ne!(head_lemma("trial"), head_lemma("tried"));
    }
}
