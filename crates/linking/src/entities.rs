//! Corpus entities: one per real-world referent across documents.
//!
//! A document entity joins the corpus entity that shares a name key and
//! passes every compatibility rule, scoring highest by name agreement:
//! - the type group must agree (people with people; GPE, LOC and FAC are
//!   one group, since "Donbas" is tagged either way);
//! - known countries and actor-code countries must agree, and so must the
//!   GeoNames ids of resolved places (Washington the city is not the state);
//! - people share the surname, and first names, when both are given, agree
//!   or one is the other's initial ("Hillary Clinton" is not "Bill Clinton");
//! - other names are equal after folding, one's words contain the other's
//!   ("Congress", "US Congress"), or one is the other's acronym.

use newsgraph_core::EntityType;
use serde::{Deserialize, Serialize};

use crate::article::ArticleEntity;
use crate::memo::Memo;
use crate::text::words;

/// How a corpus entity's id begins (`E:<document>:<entity>`), which tells
/// it from an actor code where events list both as participants.
const ENTITY_ID_PREFIX: &str = "E:";

pub fn is_entity_id(participant: &str) -> bool {
    participant.starts_with(ENTITY_ID_PREFIX)
}

/// One corpus entity, as the store persists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityProfile {
    /// `E:<document>:<entity>` of the mention that founded it.
    pub id: String,
    pub kind: EntityType,
    /// The name to show: the one seen most often (for people, the most
    /// frequent full name), then the fullest.
    pub name: String,
    /// Every distinct name seen, in first-seen order.
    pub names: Vec<String>,
    /// How many document entities brought each name, in `names` order
    /// (empty in profiles stored before the counts were kept).
    #[serde(default)]
    pub counts: Vec<u32>,
    pub actor: Option<String>,
    pub country: Option<String>,
    pub geonames_id: Option<u64>,
    /// Documents that mention it.
    pub documents: u32,
    /// Each name's words as [`EntityProfile::fit`] compares them, made on
    /// the first comparison: an entity is compared with every document
    /// entity that shares a name key with it.
    #[serde(skip)]
    name_words: Memo<Vec<Vec<String>>>,
}

impl EntityProfile {
    /// A new corpus entity founded by `entity` of `document`.
    pub fn found(document: &str, entity: &ArticleEntity) -> Self {
        EntityProfile {
            id: format!("{ENTITY_ID_PREFIX}{document}:{}", entity.id),
            kind: entity.kind,
            name: entity.name.clone(),
            names: vec![entity.name.clone()],
            counts: vec![1],
            actor: entity.actor.clone(),
            country: entity.country.clone(),
            geonames_id: entity.geonames_id,
            documents: 1,
            name_words: Memo::default(),
        }
    }

    /// Blocking keys the store indexes: the union of every name's keys.
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.names.iter().flat_map(|n| name_keys(self.kind, n)).collect();
        keys.sort();
        keys.dedup();
        keys
    }

    /// Adds what a document entity says about the referent (the caller
    /// counts documents: two entities of one document may join one profile).
    pub fn absorb(&mut self, entity: &ArticleEntity) {
        self.count_name(&entity.name, 1);
        self.name = self.display_name().to_string();
        self.actor = self.actor.take().or_else(|| entity.actor.clone());
        self.country = self.country.take().or_else(|| entity.country.clone());
        self.geonames_id = self.geonames_id.or(entity.geonames_id);
    }

    /// Takes in `other`, a corpus entity the linking had kept apart until
    /// one document entity fitted both by a full name they share.
    pub fn merge(&mut self, other: EntityProfile) {
        let counts = other.counts.iter().copied().chain(std::iter::repeat(1));
        for (name, count) in other.names.iter().zip(counts) {
            self.count_name(name, count);
        }
        self.name = self.display_name().to_string();
        self.actor = self.actor.take().or(other.actor);
        self.country = self.country.take().or(other.country);
        self.geonames_id = self.geonames_id.or(other.geonames_id);
        self.documents += other.documents;
    }

    /// Adds `count` sightings of `name`, a new name at the end. (Profiles
    /// stored before the counts were kept count each earlier name once.)
    fn count_name(&mut self, name: &str, count: u32) {
        self.counts.resize(self.names.len(), 1);
        match self.names.iter().position(|n| n == name) {
            Some(at) => self.counts[at] += count,
            None => {
                self.names.push(name.to_string());
                self.counts.push(count);
                self.name_words = Memo::default();
            }
        }
    }

    /// The most frequent name, among full names for a person ("Donald
    /// Trump", not "Trump"), the fullest on a tie: a long name seen once
    /// is more often a tagging slip ("The Washington Post March") than
    /// the referent's name.
    fn display_name(&self) -> &str {
        let full = |name: &String| words(name).count() > 1;
        let person = group(self.kind) == 'P' && self.names.iter().any(full);
        let candidates = self.names.iter().zip(&self.counts).enumerate().filter(|(_, (name, _))| !person || full(name));
        // On a full tie, the name seen first.
        candidates
            .max_by_key(|&(at, (name, &count))| (count, words(name).count(), std::cmp::Reverse(at)))
            .map_or(self.name.as_str(), |(_, (name, _))| name.as_str())
    }

    /// How well `entity` fits this profile, or `None` if they cannot be one
    /// referent.
    pub fn fit(&self, entity: &ArticleEntity) -> Option<f32> {
        if matches!((self.geonames_id, entity.geonames_id), (Some(a), Some(b)) if a != b) {
            return None;
        }
        let theirs = name_words(&entity.name);
        let ours = self.name_words.get(|| self.names.iter().map(|name| name_words(name)).collect());
        let clash = |a: Option<&str>, b: Option<&str>| matches!((a, b), (Some(a), Some(b)) if a != b);
        // A person's country comes from the words around one mention (the
        // boxer Tony Thompson took his Ukrainian opponent's), so a full
        // name seen before outweighs it; a bare surname does not ("Kim").
        let same_person = group(self.kind) == 'P' && theirs.len() > 1 && ours.contains(&theirs);
        if !same_person
            && (clash(self.country.as_deref(), entity.country.as_deref())
                || clash(actor_country(self.actor.as_deref()), actor_country(entity.actor.as_deref())))
        {
            return None;
        }
        if group(self.kind) != group(entity.kind) {
            // The tagger types one full name differently from one article
            // to the next ("Barack Obama" an organisation, "North
            // Carolina" a person); a bare word stays apart ("Washington"
            // the place and the surname), except between organisations
            // and the other named things ("Colts" a team, then MISC). The
            // lowest fit that joins: a corpus entity of the same type that
            // fits comes first.
            let named = |g: char| g == 'O' || g == 'M';
            let bare_ok = named(group(self.kind)) && named(group(entity.kind));
            return ((theirs.len() > 1 || bare_ok) && ours.contains(&theirs)).then_some(CROSS_TYPE_FIT);
        }
        let mut best: Option<f32> = None;
        for words in ours.iter() {
            match name_fit(entity.kind, words, &theirs) {
                Some(fit) => best = Some(best.map_or(fit, |b| b.max(fit))),
                // A bare name chains referents together: "Michelle Obama"
                // fits the "Obama" of Barack Obama's profile, "D.C.
                // Commission" the "Commission" of the European
                // Commission's. Two names of several words that do not fit
                // (people of one surname and other given names, bodies of
                // one head word, places of one first word) name two
                // referents, whatever the other names say.
                None if words.len() > 1 && theirs.len() > 1 => return None,
                None => {}
            }
        }
        best
    }
}

/// Fit of one full name to the same name under another type group: as low
/// as [`crate::LinkConfig`]'s default `entity_min` lets join.
const CROSS_TYPE_FIT: f32 = 0.8;

/// The country part of an actor code (`RUSGOV` -> `RUS`).
fn actor_country(code: Option<&str>) -> Option<&str> {
    code.and_then(|c| c.get(..3))
}

/// Type groups whose members may be one referent.
fn group(kind: EntityType) -> char {
    match kind {
        EntityType::Person => 'P',
        EntityType::Gpe | EntityType::Loc | EntityType::Fac => 'L',
        EntityType::Org => 'O',
        EntityType::Norp => 'N',
        EntityType::Event | EntityType::Product | EntityType::Misc => 'M',
    }
}

/// A folded word with doubled letters collapsed and `-iy`/`-yy` endings
/// made `-y`, so transliterations meet ("Zelenskyy", "Zelenskiy").
fn skeleton(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut last = None;
    for c in word.chars() {
        if last != Some(c) {
            out.push(c);
            last = Some(c);
        }
    }
    if let Some(rest) = out.strip_suffix("iy") {
        out = format!("{rest}y");
    }
    out
}

fn name_words(name: &str) -> Vec<String> {
    words(name).map(|w| skeleton(&w)).filter(|w| !w.is_empty()).collect()
}

/// Keys under which a name can be found: the surname for people, the whole
/// name, its acronym and each word of length four or more for the rest
/// (so "Congress" finds "US Congress").
pub fn name_keys(kind: EntityType, name: &str) -> Vec<String> {
    let g = group(kind);
    let tokens = name_words(name);
    let Some(last) = tokens.last() else {
        return Vec::new();
    };
    if g == 'P' {
        return vec![format!("{g}:{last}")];
    }
    let mut keys = vec![format!("{g}:{}", tokens.join(" "))];
    if tokens.len() > 1 {
        keys.push(format!("{g}:{}", acronym(&tokens)));
        keys.extend(tokens.iter().filter(|t| t.len() >= 4).map(|t| format!("{g}:{t}")));
    }
    keys
}

/// Keys to look a document entity up by: its own, and the keys under which
/// a corpus entity of another type group holds the same name, if it may
/// join one (see [`EntityProfile::fit`]).
pub fn lookup_keys(kind: EntityType, name: &str) -> Vec<String> {
    let mut keys = name_keys(kind, name);
    let tokens = name_words(name);
    if let (true, Some(last)) = (tokens.len() > 1, tokens.last()) {
        let own = group(kind);
        let whole = tokens.join(" ");
        keys.extend(['P', 'L', 'O', 'N', 'M'].into_iter().filter(|g| *g != own).map(|g| match g {
            'P' => format!("P:{last}"),
            _ => format!("{g}:{whole}"),
        }));
    } else if let [word] = tokens.as_slice() {
        match group(kind) {
            'O' => keys.push(format!("M:{word}")),
            'M' => keys.push(format!("O:{word}")),
            _ => {}
        }
    }
    keys
}

fn acronym(tokens: &[String]) -> String {
    const SMALL: &[&str] = &["of", "the", "and", "for", "de"];
    tokens.iter().filter(|t| !SMALL.contains(&t.as_str())).filter_map(|t| t.chars().next()).collect()
}

/// Name agreement in [0, 1], or `None` when the names name different
/// referents.
fn name_fit(kind: EntityType, x: &[String], y: &[String]) -> Option<f32> {
    if x.is_empty() || y.is_empty() {
        return None;
    }
    if x == y {
        return Some(1.0);
    }
    if group(kind) == 'P' {
        if x.last() != y.last() {
            return None;
        }
        // A surname of two words ("Lo Presti", "bin Laden") stands for
        // the full name that ends with it.
        let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
        if short.len() > 1 && long.ends_with(short) {
            return Some(0.85);
        }
        let (fx, fy) = (&x[..x.len() - 1], &y[..y.len() - 1]);
        return match (fx.first(), fy.first()) {
            (Some(p), Some(q)) if p == q => Some(0.95),
            // An initial agrees with a name it starts ("V. Putin").
            (Some(p), Some(q))
                if (p.len() == 1 && q.starts_with(p.as_str())) || (q.len() == 1 && p.starts_with(q.as_str())) =>
            {
                Some(0.9)
            }
            (Some(_), Some(_)) => None,
            _ => Some(0.85),
        };
    }
    let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    if short.len() == 1 && short[0] == acronym(long) && long.len() > 1 {
        return Some(0.9);
    }
    let contained = long.windows(short.len()).any(|w| w == short);
    (contained && short.iter().any(|t| t.len() >= 4)).then_some(0.8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(kind: EntityType, name: &str, country: Option<&str>, geonames: Option<u64>) -> ArticleEntity {
        ArticleEntity {
            id: "e0".into(),
            kind,
            name: name.into(),
            actor: None,
            country: country.map(String::from),
            geonames_id: geonames,
            mentions: 1,
        }
    }

    #[test]
    fn surname_joins_full_name_and_transliteration() {
        let profile = EntityProfile::found("d", &entity(EntityType::Person, "Volodymyr Zelensky", Some("UA"), None));
        assert!(profile.fit(&entity(EntityType::Person, "Zelenskyy", Some("UA"), None)).is_some());
        assert!(profile.fit(&entity(EntityType::Person, "Oleksandr Zelensky", None, None)).is_none());
        assert_eq!(profile.keys(), name_keys(EntityType::Person, "Zelenskiy"));
    }

    #[test]
    fn a_merged_entity_holds_both_entities_names() {
        let mut kept = EntityProfile::found("a", &entity(EntityType::Person, "Obama", Some("US"), None));
        kept.absorb(&entity(EntityType::Person, "Obama", None, None));
        let mut other = EntityProfile::found("b", &entity(EntityType::Org, "Barack Obama", None, None));
        other.absorb(&entity(EntityType::Org, "Barack Obama", None, None));
        kept.merge(other);
        assert_eq!(
            (kept.names.as_slice(), kept.counts.as_slice()),
            (&["Obama".to_string(), "Barack Obama".to_string()][..], &[2, 2][..])
        );
        assert_eq!(kept.name, "Barack Obama", "a person is shown by a full name");
        assert_eq!((kept.kind, kept.country.as_deref(), kept.documents), (EntityType::Person, Some("US"), 2));
        assert!(kept.fit(&entity(EntityType::Person, "Barack Obama", None, None)).is_some());
    }

    #[test]
    fn a_full_name_keeps_another_of_the_family_out() {
        let mut barack = EntityProfile::found("d", &entity(EntityType::Person, "Barack Obama", Some("US"), None));
        barack.absorb(&entity(EntityType::Person, "Obama", Some("US"), None));
        assert!(barack.fit(&entity(EntityType::Person, "Michelle Obama", Some("US"), None)).is_none());
        assert!(barack.fit(&entity(EntityType::Person, "Obama", None, None)).is_some());
        assert!(barack.fit(&entity(EntityType::Person, "B. Obama", None, None)).is_some());
        assert!(barack.fit(&entity(EntityType::Person, "Barack Hussein Obama", None, None)).is_some());
    }

    #[test]
    fn a_full_name_keeps_another_body_of_the_same_head_word_out() {
        let mut commission = EntityProfile::found("d", &entity(EntityType::Org, "European Commission", None, None));
        commission.absorb(&entity(EntityType::Org, "Commission", None, None));
        assert!(commission.fit(&entity(EntityType::Org, "D.C. Commission", None, None)).is_none());
        assert!(commission.fit(&entity(EntityType::Org, "Commission", None, None)).is_some());
        assert!(commission.fit(&entity(EntityType::Org, "the European Commission", None, None)).is_some());
        let carolina = EntityProfile::found("d", &entity(EntityType::Gpe, "North Carolina", Some("US"), None));
        assert!(carolina.fit(&entity(EntityType::Loc, "North Africa", None, None)).is_none());
    }

    #[test]
    fn one_full_name_typed_two_ways_is_one_referent() {
        let obama = EntityProfile::found("d", &entity(EntityType::Org, "Barack Obama", Some("US"), None));
        assert_eq!(obama.fit(&entity(EntityType::Person, "Barack Obama", Some("US"), None)), Some(CROSS_TYPE_FIT));
        assert!(obama.fit(&entity(EntityType::Person, "Obama", None, None)).is_none());
        let washington = EntityProfile::found("d", &entity(EntityType::Gpe, "Washington", Some("US"), None));
        assert!(washington.fit(&entity(EntityType::Person, "Washington", None, None)).is_none());
        assert!(lookup_keys(EntityType::Person, "Barack Obama").contains(&"O:barack obama".to_string()));
        assert_eq!(lookup_keys(EntityType::Person, "Obama"), name_keys(EntityType::Person, "Obama"));
        let colts = EntityProfile::found("d", &entity(EntityType::Org, "Colts", None, None));
        assert_eq!(colts.fit(&entity(EntityType::Misc, "Colts", None, None)), Some(CROSS_TYPE_FIT));
        assert!(lookup_keys(EntityType::Misc, "Colts").contains(&"O:colts".to_string()));
    }

    #[test]
    fn a_full_name_seen_before_outweighs_the_country_of_one_mention() {
        let thompson = EntityProfile::found("d", &entity(EntityType::Person, "Tony Thompson", Some("US"), None));
        assert!(thompson.fit(&entity(EntityType::Person, "Tony Thompson", Some("UA"), None)).is_some());
        let kim = EntityProfile::found("d", &entity(EntityType::Person, "Kim Jong Un", Some("KP"), None));
        assert!(kim.fit(&entity(EntityType::Person, "Un", Some("KR"), None)).is_none());
        let paris = EntityProfile::found("d", &entity(EntityType::Gpe, "Paris", Some("FR"), None));
        assert!(paris.fit(&entity(EntityType::Gpe, "Paris", Some("US"), None)).is_none());
    }

    #[test]
    fn a_surname_of_two_words_fits_the_full_name() {
        let presti = EntityProfile::found("d", &entity(EntityType::Person, "Gaetano Lo Presti", None, None));
        assert!(presti.fit(&entity(EntityType::Person, "Lo Presti", None, None)).is_some());
        assert!(presti.fit(&entity(EntityType::Person, "Maria Lo Presti", None, None)).is_none());
    }

    #[test]
    fn the_name_shown_is_the_commonest_full_name() {
        let post = |name: &str| entity(EntityType::Org, name, None, None);
        let mut profile = EntityProfile::found("d", &post("The Washington Post March"));
        profile.absorb(&post("Washington Post"));
        profile.absorb(&post("Washington Post"));
        assert_eq!(profile.name, "Washington Post");
        let person = |name: &str| entity(EntityType::Person, name, None, None);
        let mut trump = EntityProfile::found("d", &person("Trump"));
        trump.absorb(&person("Trump"));
        trump.absorb(&person("Donald J. Trump"));
        trump.absorb(&person("Donald Trump"));
        trump.absorb(&person("Donald Trump"));
        assert_eq!(trump.name, "Donald Trump");
    }

    #[test]
    fn a_name_absorbed_after_a_comparison_counts_in_the_next() {
        let mut profile = EntityProfile::found("d", &entity(EntityType::Org, "Acme", None, None));
        let full = entity(EntityType::Org, "Acme Widgets International", None, None);
        assert_eq!(profile.fit(&full), Some(0.8));
        profile.absorb(&full);
        assert_eq!(profile.fit(&full), Some(1.0));
        assert_eq!(profile.clone(), profile);
    }

    #[test]
    fn washington_city_is_not_the_state() {
        let city = EntityProfile::found("d", &entity(EntityType::Gpe, "Washington", Some("US"), Some(4_140_963)));
        assert!(city.fit(&entity(EntityType::Gpe, "Washington", Some("US"), Some(5_815_135))).is_none());
        assert!(city.fit(&entity(EntityType::Person, "Washington", Some("US"), None)).is_none());
        assert!(city.fit(&entity(EntityType::Gpe, "Washington", Some("US"), Some(4_140_963))).is_some());
    }

    #[test]
    fn acronyms_and_contained_names() {
        let nato =
            EntityProfile::found("d", &entity(EntityType::Org, "North Atlantic Treaty Organization", None, None));
        assert!(nato.fit(&entity(EntityType::Org, "NATO", None, None)).is_some());
        assert!(nato.keys().contains(&"O:nato".to_string()));
        let congress = EntityProfile::found("d", &entity(EntityType::Org, "US Congress", Some("US"), None));
        assert!(congress.fit(&entity(EntityType::Org, "Congress", None, None)).is_some());
    }
}
