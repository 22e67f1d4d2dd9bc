//! Cross-document linking decisions, as pure functions of one record's
//! annotations. The store asks these questions and keeps the answers; the
//! `newsgraph-linking` crate is meant to answer them better, behind the same
//! signatures.

use newsgraph_core::{Entity, EntityType, Event, EventStatus, PlaceKind};

use crate::record::Record;

/// The identity key of a document entity in the corpus: entities with equal
/// keys are one corpus entity.
///
/// Places resolved to a gazetteer entry are keyed by that entry, so
/// Washington the city and Washington the state stay apart while every
/// spelling of one city meets. Everything else is keyed by type and
/// normalised canonical name.
pub fn entity_key(record: &Record, entity: &Entity) -> String {
    let is_place = matches!(
        entity.kind,
        EntityType::Gpe | EntityType::Loc | EntityType::Fac
    );
    if is_place {
        let place = record
            .places
            .iter()
            .find(|p| p.entity.as_deref() == Some(entity.id.as_str()));
        if let Some(place) = place {
            return match place.geonames_id {
                Some(id) => format!("geo:{id}"),
                None => format!(
                    "geo:{}|{:?}|{}",
                    normalise(&place.name),
                    place.kind,
                    place.country.as_deref().unwrap_or("")
                ),
            };
        }
    }
    format!("{}:{}", type_name(entity.kind), normalise(&entity.name))
}

/// The family name of a person known by more than one word ("zelensky" for
/// "Volodymyr Zelensky"), under which a later bare surname finds them.
pub fn surname(entity: &Entity) -> Option<String> {
    if entity.kind != EntityType::Person {
        return None;
    }
    let name = normalise(&entity.name);
    let mut words = name.split(' ');
    let last = words.next_back()?;
    words.next().map(|_| last.to_string())
}

/// A person named by one word only: a surname to look up among known people.
pub fn bare_surname(entity: &Entity) -> Option<String> {
    let name = normalise(&entity.name);
    (entity.kind == EntityType::Person && !name.is_empty() && !name.contains(' ')).then_some(name)
}

/// The type as the contract spells it (`PERSON`, `GPE`, ...).
pub fn type_name(kind: EntityType) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Lower case, letters and digits only, single spaces.
pub fn normalise(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Where an event happened at the finest level the text gives: its own
/// place when that is below country level; for a claim of control, else
/// the nearest city or region named in its sentence or the one before
/// ("regained neighbourhoods there" after a sentence naming Kupiansk),
/// since such claims are only comparable by place.
pub fn locus(record: &Record, event: &Event) -> Option<Locus> {
    let fine = |kind: PlaceKind| !matches!(kind, PlaceKind::Country);
    let own = event
        .place
        .and_then(|i| record.places.get(i))
        .filter(|p| fine(p.kind));
    let nearby = || {
        control_claim(event)?;
        let sentence = record.sentences.get(event.sentence)?;
        let from = event
            .sentence
            .checked_sub(1)
            .and_then(|i| record.sentences.get(i))
            .map_or(sentence.start, |s| s.start);
        record
            .places
            .iter()
            .filter(|p| fine(p.kind) && p.start >= from && p.end <= sentence.end)
            .min_by_key(|p| p.start.abs_diff(event.trigger.start))
    };
    own.or_else(nearby).map(Locus::of)
}

/// Where to show an event on a map: its locus, else its own (country) place.
pub fn event_place(record: &Record, event: &Event) -> Option<Locus> {
    locus(record, event).or_else(|| {
        event
            .place
            .and_then(|i| record.places.get(i))
            .map(Locus::of)
    })
}

/// A resolved place an event is tied to.
#[derive(Clone, Debug, PartialEq)]
pub struct Locus {
    pub name: String,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub kind: PlaceKind,
    pub lat: f64,
    pub lon: f64,
}

impl Locus {
    fn of(place: &newsgraph_core::Place) -> Self {
        Locus {
            name: place.name.clone(),
            country: place.country.clone(),
            admin1: place.admin1.clone(),
            kind: place.kind,
            lat: place.lat,
            lon: place.lon,
        }
    }
}

/// Verbs by which a side says it holds a place (took it, or took it back).
const CONTROL_VERBS: &[&str] = &[
    "captur", "seiz", "took", "take", "occup", "regain", "retak", "retook", "recaptur", "liberat",
    "conquer", "overr",
];

/// The country (first three letters of the actor code) of the side that
/// an event says gained control of its place, if it is such an event.
pub fn control_claim(event: &Event) -> Option<String> {
    let trigger = event.trigger.text.to_lowercase();
    if !CONTROL_VERBS.iter().any(|v| trigger.starts_with(v)) {
        return None;
    }
    let actor = event.source.as_ref()?.actor.as_deref()?;
    actor.get(..3).map(str::to_string)
}

/// Speech acts (CAMEO 01x) are many and say nothing happened; each mention
/// is its own corpus event. So is an event with neither source nor target.
pub fn is_mergeable(event: &Event) -> bool {
    !event.cameo.starts_with("01") && (event.source.is_some() || event.target.is_some())
}

/// Whether the event is reported as scheduled or intended.
pub fn is_planned(event: &Event) -> bool {
    event.status == EventStatus::Planned
}

/// Days an event mention may lie from an earlier mention of the same event:
/// a day either side for things that happened (reports lag), a month for
/// plans (the date itself may be what the reports disagree on).
pub fn merge_window(planned: bool) -> i64 {
    if planned {
        31
    } else {
        2
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` prefix, for date windows.
pub fn day_number(date: &str) -> Option<i64> {
    let year: i64 = date.get(0..4)?.parse().ok()?;
    let month: i64 = date.get(5..7)?.parse().ok()?;
    let day: i64 = date.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // Howard Hinnant's days-from-civil.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// A full calendar date (`YYYY-MM-DD`), the only kind two reports can
/// visibly disagree on.
pub fn is_full_date(value: &str) -> bool {
    value.len() == 10 && day_number(value).is_some()
}

/// Entity types that say what a story is about; countries and nationalities
/// are in nearly every article and say little.
pub fn is_salient(entity: &Entity, record: &Record) -> bool {
    match entity.kind {
        EntityType::Person
        | EntityType::Org
        | EntityType::Fac
        | EntityType::Event
        | EntityType::Loc => true,
        EntityType::Gpe => !record.places.iter().any(|p| {
            p.entity.as_deref() == Some(entity.id.as_str()) && p.kind == PlaceKind::Country
        }),
        _ => false,
    }
}

/// Minimum weighted overlap (Dice) of salient entities for a document to
/// join a story, and the fewest entities they must share.
pub const STORY_THRESHOLD: f64 = 0.2;
pub const STORY_MIN_SHARED: usize = 2;
/// Days a story stays open to new articles after its latest one.
pub const STORY_WINDOW_DAYS: i64 = 7;

/// Dice overlap of two weighted entity sets, each as (entity, weight),
/// sorted by entity; also how many entities they share.
pub fn story_similarity(doc: &[(i64, i64)], story: &[(i64, i64)]) -> (f64, usize) {
    let total: i64 = doc.iter().chain(story).map(|(_, w)| w).sum();
    if total == 0 {
        return (0.0, 0);
    }
    let (mut i, mut j, mut common, mut shared) = (0, 0, 0, 0);
    while i < doc.len() && j < story.len() {
        match doc[i].0.cmp(&story[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += doc[i].1 + story[j].1;
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (common as f64 / total as f64, shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_days() {
        assert_eq!(normalise("(Donald)  Trump's"), "donald trump s");
        assert_eq!(day_number("1970-01-02"), Some(1));
        assert_eq!(
            day_number("2026-01-06")
                .zip(day_number("2025-12-31"))
                .map(|(a, b)| a - b),
            Some(6)
        );
        assert_eq!(day_number("2026-13-01"), None);
        assert!(is_full_date("2026-01-03") && !is_full_date("2026-01"));
    }

    #[test]
    fn dice_overlap() {
        let (score, shared) =
            story_similarity(&[(1, 2), (2, 1), (5, 1)], &[(1, 1), (5, 3), (9, 2)]);
        assert_eq!(shared, 2);
        assert!((score - 7.0 / 10.0).abs() < 1e-9);
    }
}
