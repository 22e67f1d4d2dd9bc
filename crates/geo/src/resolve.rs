//! Toponym resolution: picks one gazetteer entry for each place mention of a
//! document. A candidate's score is its prior (kind, population, capital,
//! main name vs alias) plus what the document says: the countries and
//! first-level divisions its other places fall in, and an explicit container
//! right after the name ("Paris, Texas"). Names the gazetteer does not know
//! stay unresolved: nothing is ever moved to a country's centre.

use std::collections::{HashMap, HashSet};

use newsgraph_core::Span;

use crate::gazetteer::{Candidate, Entry, Gazetteer, Kind, MatchKind};

/// Score added to a candidate lying inside the place named right after it.
const CONTAINER_BONUS: f64 = 8.0;
/// Score added to a container of the place named right before it.
const CONTAINED_BONUS: f64 = 4.0;
/// Weight of the share of the document's places in the candidate's country.
const COUNTRY_CONTEXT: f64 = 4.0;
/// Weight of the share of the document's places in the candidate's admin1.
const ADMIN1_CONTEXT: f64 = 2.0;

/// What a town matched by an alias loses in resolution, on top of its
/// prior: aliases include old names of big towns ("Riverdale" for
/// Glendale, California) that must not beat a smaller town of that name
/// (-1.0 measured best of 0..-2.0 on both dev corpora). Recognition keeps
/// the plain prior, so "Kupiansk" (an alias of Kupyansk) is still found.
const ALIAS_PENALTY: f64 = -1.0;

/// Population from which a town sharing its division's name is what news
/// means by that name ("New York", "São Paulo", "Istanbul"), not the division.
const METROPOLIS: u32 = 1_000_000;

/// Lowest prior of a place found inside a longer unknown name: a town of
/// about 15,000 people.
const EMBEDDED_MIN_PRIOR: f64 = 5.5;

/// Compass words and their adjectives, lower-case.
const COMPASS: &[&str] = &["north", "south", "east", "west", "northern", "southern", "eastern", "western", "central"];

/// Words besides compass words that may precede a known name without being
/// part of it ("northern Syria", "Greater London"); tried only when the
/// whole name is unknown.
const QUALIFIERS: &[&str] = &[
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "greater",
    "upper",
    "lower",
    "downtown",
    "far",
    "occupied",
    "rural",
];

/// Generic heads dropped when the whole name is unknown ("Sumy region").
const HEADS: &[&str] = &["region", "oblast", "province", "city", "state", "county", "district", "area", "governorate"];

/// A mention with the entries it may refer to.
pub(crate) struct Mention {
    pub span: Span,
    /// Folded name: mentions with the same key are one referent.
    pub key: String,
    pub candidates: Vec<Candidate>,
    /// The candidates are those of a place named inside an unknown longer
    /// name ("Metro" in "Vienna/Fairfax-GMU Metro").
    pub embedded: bool,
}

/// Finds the candidates of the text a span covers, trying the plain name
/// first, then without possessive, qualifier or generic head, then the
/// place named inside it (then `true`).
pub(crate) fn candidates(gazetteer: &Gazetteer, surface: &str) -> (Vec<Candidate>, bool) {
    if is_compass_word(strip_possessive(surface.trim())) {
        // "Western" (allies) and "North" (forces) name a bloc or a side, not
        // Uganda's Western Region or Cameroon's North Province.
        return (Vec::new(), false);
    }
    let found = name_candidates(gazetteer, surface);
    if !found.is_empty() {
        return (found, false);
    }
    let words: Vec<&str> = strip_possessive(surface.trim()).split_whitespace().collect();
    if words.last().is_some_and(|w| is_facility_head(w)) {
        // "Carnegie Library", "Rogers Centre": the name inside is a person
        // or a firm far more often than a town; `place_unknown` decides.
        return (Vec::new(), false);
    }
    let inside = embedded(gazetteer, &words);
    let embedded = !inside.is_empty();
    (inside, embedded)
}

/// The candidates of a surface that is itself a place name (used by
/// recognition, where "Kyiv Independent" must not count as a place).
pub(crate) fn name_candidates(gazetteer: &Gazetteer, surface: &str) -> Vec<Candidate> {
    let surface = strip_possessive(surface.trim());
    let mut found = gazetteer.lookup(surface);
    if is_short_code(surface) {
        // "SA", "BC", "EU": codes of countries, divisions and regions, not
        // a case-folded match of some village called "Sa".
        found.retain(|c| !matches!(gazetteer.entry(c.entry).kind, Kind::City | Kind::Admin2));
    }
    if !found.is_empty() {
        return found;
    }
    let words: Vec<&str> = surface.split_whitespace().collect();
    if words.len() < 2 {
        return found;
    }
    let last = words[words.len() - 1].to_lowercase();
    let modifiers = words.iter().take_while(|w| is_modifier(&w.to_lowercase())).count();
    if modifiers > 0 && modifiers < words.len() {
        // "Northern Syria", "Far North Queensland": the place after the
        // modifiers, not "Far North" (a Cameroonian region) found inside.
        found = gazetteer.lookup(&words[modifiers..].join(" "));
    } else if HEADS.contains(&last.as_str()) {
        found = gazetteer.lookup(&words[..words.len() - 1].join(" "));
    }
    found
}

/// A word that may precede a known name without being part of it.
fn is_modifier(lower: &str) -> bool {
    is_compass_word(lower) || QUALIFIERS.contains(&lower)
}

/// For a name the gazetteer lacks ("Colorado State University", "London
/// Guildhall School"), the well-known place named inside it: the longest
/// run of capitalised words that names a country, division, region or a
/// town of some size.
fn embedded(gazetteer: &Gazetteer, words: &[&str]) -> Vec<Candidate> {
    for length in (1..words.len()).rev() {
        for part in words.windows(length) {
            let named = part.iter().all(|w| w.starts_with(char::is_uppercase));
            if !named || (length == 1 && (is_common_word(part[0]) || is_generic_word(part[0]))) {
                continue;
            }
            let mut found = gazetteer.lookup(&part.join(" "));
            found.retain(|c| prior(gazetteer.entry(c.entry), c.matched) >= EMBEDDED_MIN_PRIOR);
            if !found.is_empty() {
                return found;
            }
        }
    }
    Vec::new()
}

/// Months, weekdays and bare compass words: "March", "Sunday" and
/// "Western" are places too (a town, a town, a Ugandan region), but in
/// news they are dates and adjectives ("Western allies").
pub(crate) fn is_common_word(word: &str) -> bool {
    let calendar = newsgraph_core::calendar::MONTHS.iter().chain(&newsgraph_core::calendar::WEEKDAYS);
    calendar.chain(COMPASS.iter()).any(|known| is_capitalised(word, known))
}

/// Whether `word` is `lower` with only its first letter capitalised.
fn is_capitalised(word: &str, lower: &str) -> bool {
    let (word, lower) = (word.as_bytes(), lower.as_bytes());
    word.len() == lower.len()
        && word.first() == lower.first().map(u8::to_ascii_uppercase).as_ref()
        && word[1..] == lower[1..]
}

/// Bare compass words and their adjectives, in any case.
fn is_compass_word(word: &str) -> bool {
    COMPASS.iter().any(|compass| compass.eq_ignore_ascii_case(word))
}

/// Words naming kinds of places and buildings: inside a longer name they
/// are not a town of that name ("University of California" is not
/// University, Florida).
pub(crate) fn is_generic_word(word: &str) -> bool {
    const GENERIC: &[&str] = &[
        "University",
        "College",
        "School",
        "Academy",
        "Hospital",
        "Church",
        "Cathedral",
        "Street",
        "Road",
        "Avenue",
        "Park",
        "Square",
        "Valley",
        "Estate",
        "Center",
        "Centre",
        "Hall",
        "Tower",
        "House",
        "Court",
        "Bridge",
        "Station",
        "Airport",
        "Stadium",
        "Club",
        "Market",
        "Marks",
        "Police",
        "Bank",
        "Republic",
    ];
    GENERIC.contains(&word)
}

/// Two or three capitals, possibly with periods ("UK", "U.S.", "DRC").
fn is_short_code(surface: &str) -> bool {
    let letters = surface.chars().filter(|c| *c != '.');
    let count = letters.clone().count();
    (2..=3).contains(&count) && letters.clone().all(|c| c.is_ascii_uppercase())
}

fn strip_possessive(surface: &str) -> &str {
    surface
        .strip_suffix("'s")
        .or_else(|| surface.strip_suffix("’s"))
        .or_else(|| surface.strip_suffix('\''))
        .or_else(|| surface.strip_suffix('’'))
        .unwrap_or(surface)
}

/// How likely an entry is before looking at the document.
pub(crate) fn prior(entry: &Entry, matched: MatchKind) -> f64 {
    let main = matched == MatchKind::Name;
    match entry.kind {
        // Above any city, so "Mexico" is the country, not Mexico City.
        Kind::Country => 12.0,
        // Continents and the news regions we list by hand.
        Kind::Region => 11.0,
        // Oblasts share their capital's name as an alias ("Kharkiv"); the
        // city is meant far more often, so aliases weigh less.
        Kind::Admin1 => {
            if main {
                7.5
            } else {
                5.0
            }
        }
        Kind::Admin2 => {
            let size = 0.4 * (f64::from(entry.population) + 10.0).log10();
            size + if main { 2.5 } else { 1.0 }
        }
        Kind::City => {
            let size = 1.2 * (f64::from(entry.population) + 10.0).log10();
            let capital = if entry.capital { 2.0 } else { 0.0 };
            // Aliases include old and foreign names ("Salisbury" for Harare).
            size + capital + if main { 0.5 } else { -0.5 }
        }
    }
}

/// Demonyms name countries, regions and a few divisions ("English"), never towns.
fn usable(gazetteer: &Gazetteer, candidate: &Candidate) -> bool {
    candidate.matched != MatchKind::Demonym
        || matches!(gazetteer.entry(candidate.entry).kind, Kind::Country | Kind::Region | Kind::Admin1)
}

/// Resolves every mention; `text` is the document the spans point into.
///
/// Two passes: priors and written containers alone, then again with the
/// document's places as context. Each distinct name votes once for the
/// country and admin1 of its first guess (a name repeated ten times is no
/// stronger evidence), never for itself; and all mentions of one name get
/// one referent, the one with the best summed score (so ", Texas" after
/// one "Paris" settles every "Paris" of the story).
/// `home` is the publication's home region, if known: it counts as one
/// more name of the document in the context vote.
pub(crate) fn resolve(
    gazetteer: &Gazetteer,
    text: &str,
    mentions: &mut [Mention],
    home: Option<u32>,
) -> Vec<Option<u32>> {
    for mention in mentions.iter_mut() {
        mention.candidates.retain(|c| usable(gazetteer, c));
    }
    let links = containment_links(text, mentions);
    let mut guesses = first_guesses(gazetteer, mentions, &links);
    if drop_unsupported_small_towns(gazetteer, mentions, &links, &guesses, home) {
        // A dropped town was some name's first guess: the names vote again.
        guesses = first_guesses(gazetteer, mentions, &links);
    }
    resolve_in_context(gazetteer, text, mentions, &links, &guesses, home)
}

/// Each distinct name's first guess (priors and written containers
/// alone), as (index of the name's first mention, entry).
fn first_guesses(gazetteer: &Gazetteer, mentions: &[Mention], links: &[bool]) -> Vec<(usize, u32)> {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut guesses = Vec::new();
    for (i, mention) in mentions.iter().enumerate() {
        if !seen.insert(mention.key.as_str()) {
            continue;
        }
        let scored = scores(gazetteer, mentions, i, links, &Context::default(), None);
        if let Some(entry) = pick(gazetteer, &scored) {
            guesses.push((i, entry));
        }
    }
    guesses
}

/// The guesses keyed by name.
fn votes_by_name<'m>(mentions: &'m [Mention], guesses: &[(usize, u32)]) -> HashMap<&'m str, u32> {
    guesses.iter().map(|&(i, entry)| (mentions[i].key.as_str(), entry)).collect()
}

/// The US post-office towns (below cities1000's bar, known from their ZIP
/// codes only) are far more often a namesake of something else
/// ("Elysian Fields" the New Orleans avenue, "Capitol", "Sears") than the
/// place meant, unless the story is set in their state: such a town stays
/// a candidate only when another name of the document (or the
/// publication's `home`) falls in its admin1 or a container is written
/// after it ("Holliday, Mo."). Returns whether a dropped town was some
/// name's first guess.
fn drop_unsupported_small_towns(
    gazetteer: &Gazetteer,
    mentions: &mut [Mention],
    links: &[bool],
    guesses: &[(usize, u32)],
    home: Option<u32>,
) -> bool {
    let mut dropped_a_guess = false;
    let keep: Vec<Vec<bool>> = {
        let votes = votes_by_name(mentions, guesses);
        let context = Context::from_votes(gazetteer, votes.values().copied().chain(home));
        mentions
            .iter()
            .enumerate()
            .map(|(i, mention)| {
                let own = votes.get(mention.key.as_str()).copied();
                let container = (i < links.len() && links[i]).then(|| &mentions[i + 1]);
                mention
                    .candidates
                    .iter()
                    .map(|c| {
                        let entry = gazetteer.entry(c.entry);
                        let supported = !is_post_office_town(entry)
                            || context.admin1_votes(entry, own.map(|o| gazetteer.entry(o))) > 0.0
                            || container.is_some_and(|m| inside_any(gazetteer, entry, &m.candidates));
                        dropped_a_guess |= !supported && own == Some(c.entry);
                        supported
                    })
                    .collect()
            })
            .collect()
    };
    for (mention, keep) in mentions.iter_mut().zip(keep) {
        let mut keep = keep.into_iter();
        mention.candidates.retain(|_| keep.next().unwrap_or(true));
    }
    dropped_a_guess
}

/// A town the gazetteer has from ZIP codes only: the one kind of town
/// without a GeoNames id (docs/geo.md).
fn is_post_office_town(entry: &Entry) -> bool {
    entry.kind == Kind::City && entry.geonames_id == 0
}

/// The second pass: every mention scored with the document's places as
/// context, one referent per name, then the story-town fallback.
fn resolve_in_context(
    gazetteer: &Gazetteer,
    text: &str,
    mentions: &[Mention],
    links: &[bool],
    guesses: &[(usize, u32)],
    home: Option<u32>,
) -> Vec<Option<u32>> {
    let votes = votes_by_name(mentions, guesses);
    let context = Context::from_votes(gazetteer, votes.values().copied().chain(home));
    let mut totals: HashMap<(&str, u32), f64> = HashMap::new();
    for (i, mention) in mentions.iter().enumerate() {
        let own = votes.get(mention.key.as_str()).map(|&entry| gazetteer.entry(entry));
        for (entry, score) in scores(gazetteer, mentions, i, links, &context, own) {
            *totals.entry((mention.key.as_str(), entry)).or_default() += score;
        }
    }
    let picks: Vec<Option<u32>> = mentions
        .iter()
        .map(|mention| {
            let summed: Vec<(u32, f64)> = mention
                .candidates
                .iter()
                .map(|c| (c.entry, totals.get(&(mention.key.as_str(), c.entry)).copied().unwrap_or(0.0)))
                .collect();
            pick(gazetteer, &summed)
        })
        .collect();
    place_unknown(gazetteer, text, mentions, picks)
}

/// Streets, buildings, parks and neighbourhoods are below the gazetteer's
/// reach, but a story set in one town names that town's streets: a place
/// name the gazetteer does not know ("Frenchmen Street", "Barclays Center",
/// "Faubourg Marigny"; two words or more) is put in the document's focus
/// town (`focus_town`), if there is one (a guess, but within a town's
/// reach far more often than not: +3 points of accuracy@161 km on
/// GeoWebNews). Without such a town it stays unresolved.
fn place_unknown(
    gazetteer: &Gazetteer,
    text: &str,
    mentions: &[Mention],
    mut picks: Vec<Option<u32>>,
) -> Vec<Option<u32>> {
    let Some(focus) = focus_town(gazetteer, &picks) else { return picks };
    let foreign = foreign_embedded(gazetteer, mentions, &picks, focus);
    for ((mention, chosen), foreign) in mentions.iter().zip(picks.iter_mut()).zip(foreign) {
        if foreign {
            *chosen = Some(focus);
        }
        // One unknown word is as likely a region or a historical name
        // ("Novorossiya") as a local site: only longer names are placed
        // (placing single words too scores 1.6 points more on GeoWebNews,
        // but puts Novorossiya in Kupiansk).
        let words = mention.span.slice(text).split_whitespace().count();
        if chosen.is_none() && words > 1 {
            *chosen = Some(focus);
        }
    }
    picks
}

/// Which mentions are a town named inside a longer unknown name ("Robert
/// Trent Jones Golf Club": Trento) in a country that no other name of the
/// document is in, while the focus town is elsewhere: such a name is a
/// local site named after somewhere far away, and goes to the focus.
/// Countries, regions, capitals and metropolises inside a name say where it
/// is ("Bank of Japan", "London Guildhall School").
fn foreign_embedded(gazetteer: &Gazetteer, mentions: &[Mention], picks: &[Option<u32>], focus: u32) -> Vec<bool> {
    let country = |entry: u32| gazetteer.entry(entry).country;
    let focus_country = country(focus);
    mentions
        .iter()
        .zip(picks)
        .map(|(mention, chosen)| {
            let Some(chosen) = chosen.filter(|&entry| mention.embedded && is_minor_town(gazetteer.entry(entry))) else {
                return false;
            };
            let supported = mentions.iter().zip(picks).any(|(other, pick)| {
                other.key != mention.key && pick.is_some_and(|pick| country(pick) == country(chosen))
            });
            !supported && country(chosen) != focus_country
        })
        .collect()
}

fn is_minor_town(entry: &Entry) -> bool {
    entry.kind == Kind::City && !entry.capital && entry.population < METROPOLIS
}

/// The town the document's places gather around: each town resolved
/// counts the mentions of every place in its admin1, its own included, so
/// that a story about Gainesville, Virginia, that names Manassas,
/// Centreville and "Va." is placed there rather than in the English
/// "Norbury" its housing development is named after. (Counting distinct
/// names instead, as the context vote does, scored 0.2 points less on
/// GeoWebNews.) Ties go to the town named more often, then the earlier
/// entry.
fn focus_town(gazetteer: &Gazetteer, picks: &[Option<u32>]) -> Option<u32> {
    let mut towns: HashMap<u32, usize> = HashMap::new();
    let mut admin1s: HashMap<u32, usize> = HashMap::new();
    for &entry in picks.iter().flatten() {
        let place = gazetteer.entry(entry);
        if place.kind == Kind::City {
            *towns.entry(entry).or_default() += 1;
        }
        if let Some(admin1) = place.admin1 {
            *admin1s.entry(admin1).or_default() += 1;
        }
    }
    let gathered = |entry: u32, own: usize| {
        let around = gazetteer.entry(entry).admin1.map_or(own, |admin1| admin1s[&admin1]);
        (around, own, std::cmp::Reverse(entry))
    };
    towns.into_iter().max_by_key(|&(entry, own)| gathered(entry, own)).map(|(entry, _)| entry)
}

/// Last words of the names of streets, buildings and other local sites.
pub(crate) fn is_facility_head(word: &str) -> bool {
    const FACILITY_HEADS: &[&str] = &[
        "Street",
        "St.",
        "Road",
        "Rd.",
        "Avenue",
        "Ave.",
        "Boulevard",
        "Lane",
        "Drive",
        "Way",
        "Park",
        "Square",
        "Bridge",
        "Church",
        "Cathedral",
        "Center",
        "Centre",
        "Hall",
        "Theatre",
        "Theater",
        "Hospital",
        "School",
        "Stadium",
        "Station",
        "Library",
        "Museum",
        "Market",
        "Mall",
        "Plaza",
        "Tower",
        "Building",
        "Hotel",
        "Inn",
        "Courthouse",
        "Arena",
        "Canal",
        "Cemetery",
        "Field",
    ];
    FACILITY_HEADS.contains(&word)
}

/// Which mention is written as the container of which ("Paris, Texas":
/// mention i is followed by ", " and mention i + 1).
fn containment_links(text: &str, mentions: &[Mention]) -> Vec<bool> {
    mentions
        .windows(2)
        .map(|pair| {
            let between = text.get(pair[0].span.end..pair[1].span.start).unwrap_or("");
            between.trim() == "," && between.len() <= 3
        })
        .collect()
}

/// Where the document's places are: how many distinct names fall in each
/// country and admin1.
#[derive(Default)]
struct Context {
    countries: HashMap<[u8; 2], f64>,
    admin1s: HashMap<u32, f64>,
    top_country: f64,
    top_admin1: f64,
}

impl Context {
    fn from_votes(gazetteer: &Gazetteer, votes: impl Iterator<Item = u32>) -> Context {
        let mut context = Context::default();
        for entry in votes {
            context.count(gazetteer.entry(entry), 1.0);
        }
        context.top_country = context.countries.values().copied().fold(0.0, f64::max);
        context.top_admin1 = context.admin1s.values().copied().fold(0.0, f64::max);
        context
    }

    fn count(&mut self, entry: &Entry, weight: f64) {
        if let Some(country) = entry.country {
            *self.countries.entry(country).or_default() += weight;
        }
        if let Some(admin1) = entry.admin1 {
            *self.admin1s.entry(admin1).or_default() += weight;
        }
    }

    /// How many other names of the document fall in `entry`'s admin1
    /// (`own`, the name's own vote, left out).
    fn admin1_votes(&self, entry: &Entry, own: Option<&Entry>) -> f64 {
        let Some(admin1) = entry.admin1 else { return 0.0 };
        let own_vote = own.is_some_and(|o| o.admin1 == Some(admin1));
        self.admin1s.get(&admin1).copied().unwrap_or(0.0) - if own_vote { 1.0 } else { 0.0 }
    }

    /// Shares are relative to the best-represented country or admin1, so a
    /// document about one place weighs fully whatever its length. `own` is
    /// the vote of the name being scored, taken out of the counts on the
    /// fly (copying the context per mention made long documents quadratic).
    fn bonus(&self, entry: &Entry, own: Option<&Entry>) -> f64 {
        let share = |count: Option<&f64>, own_vote: bool, top: f64| {
            let count = count.copied().unwrap_or(0.0) - if own_vote { 1.0 } else { 0.0 };
            if top > 0.0 {
                count / top
            } else {
                0.0
            }
        };
        let own_country = entry.country.is_some() && own.is_some_and(|o| o.country == entry.country);
        let country = share(entry.country.as_ref().and_then(|c| self.countries.get(c)), own_country, self.top_country);
        let own_admin1 = entry.admin1.is_some() && own.is_some_and(|o| o.admin1 == entry.admin1);
        let admin1 = match entry.kind {
            // A country contains all its admin1s: "Mexico" in a story on
            // Mexico City stays the country.
            Kind::Country => country,
            _ => share(entry.admin1.as_ref().and_then(|a| self.admin1s.get(a)), own_admin1, self.top_admin1),
        };
        COUNTRY_CONTEXT * country + ADMIN1_CONTEXT * admin1
    }
}

/// The score of each candidate of mention `i` under `context`.
fn scores(
    gazetteer: &Gazetteer,
    mentions: &[Mention],
    i: usize,
    links: &[bool],
    context: &Context,
    own: Option<&Entry>,
) -> Vec<(u32, f64)> {
    let container = (i < links.len() && links[i]).then(|| &mentions[i + 1]);
    let contained = (i > 0 && links[i - 1]).then(|| &mentions[i - 1]);
    let score = |candidate: &Candidate| {
        let entry = gazetteer.entry(candidate.entry);
        let mut score = prior(entry, candidate.matched) + context.bonus(entry, own);
        if entry.kind == Kind::City && candidate.matched != MatchKind::Name {
            score += ALIAS_PENALTY;
        }
        if named_after_its_metropolis(gazetteer, entry, &mentions[i].candidates) {
            score += prior(entry, MatchKind::Alias) - prior(entry, candidate.matched);
        }
        if container.is_some_and(|m| inside_any(gazetteer, entry, &m.candidates)) {
            score += CONTAINER_BONUS;
        }
        if contained.is_some_and(|m| contains_any(gazetteer, entry, &m.candidates)) {
            score += CONTAINED_BONUS;
        }
        score
    };
    mentions[i].candidates.iter().map(|c| (c.entry, score(c))).collect()
}

/// Whether `entry` is a division that shares the name of a metropolis inside
/// it: such a division then weighs as if named by an alias, as oblasts
/// named after their capital already do.
fn named_after_its_metropolis(gazetteer: &Gazetteer, entry: &Entry, candidates: &[Candidate]) -> bool {
    entry.kind == Kind::Admin1
        && candidates
            .iter()
            .map(|c| gazetteer.entry(c.entry))
            .any(|other| other.kind == Kind::City && other.population >= METROPOLIS && within(other, entry))
}

/// The best-scored entry; ties go to the larger population, then the
/// earlier entry, so results do not depend on hash order.
fn pick(gazetteer: &Gazetteer, scored: &[(u32, f64)]) -> Option<u32> {
    scored
        .iter()
        .map(|&(entry, score)| (score, gazetteer.entry(entry).population, entry))
        .max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(b.2.cmp(&a.2)))
        .map(|(_, _, entry)| entry)
}

/// Whether `entry` lies in one of the admin1s or countries among `containers`.
fn inside_any(gazetteer: &Gazetteer, entry: &Entry, containers: &[Candidate]) -> bool {
    containers.iter().any(|c| within(entry, gazetteer.entry(c.entry)))
}

/// Whether `entry` contains one of `places`.
fn contains_any(gazetteer: &Gazetteer, entry: &Entry, places: &[Candidate]) -> bool {
    places.iter().any(|c| within(gazetteer.entry(c.entry), entry))
}

/// Whether `place` lies in `container` (a country or an admin1).
pub(crate) fn within(place: &Entry, container: &Entry) -> bool {
    match container.kind {
        Kind::Country => place.kind != Kind::Country && place.country == container.country,
        Kind::Admin1 => place.kind != Kind::Admin1 && place.admin1.is_some() && place.admin1 == container.admin1,
        _ => false,
    }
}
