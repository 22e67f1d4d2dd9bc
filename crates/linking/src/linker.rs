//! The incremental linker: one document at a time against the profiles the
//! store looks up by blocking key.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use newsgraph_core::EventStatus;
use serde::{Deserialize, Serialize};

use crate::article::{Article, ArticleEvent, Role};
use crate::contradictions::{self, ClaimSide, Contradiction, ContradictionKind};
use crate::entities::{is_entity_id, lookup_keys, EntityProfile};
use crate::events::{
    control_key, trigger_head, EventMention, EventProfile, EventView, EventWeights, LEARNED_EVENT_WEIGHTS,
};
use crate::stories::{pair_tfidf, story_key, tfidf, DocumentVectors, Member, StoryProfile, StoryWeights};
use crate::text::{is_stop, stem, words};
use crate::LinkError;

/// Most profiles a look-up needs per key: the most recently written ones.
/// A common feature or surname keys thousands of profiles in a big corpus;
/// reading them all would make each document's cost grow with the corpus,
/// while the profiles that matter to a new document are the active ones.
pub const KEY_FANOUT: usize = 64;

/// Error a [`Corpus`] implementation may return.
pub type CorpusError = Box<dyn std::error::Error + Send + Sync>;

/// Document frequencies of features (content stems, `@`-prefixed corpus
/// entity ids) over the documents linked so far.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Frequencies {
    pub documents: u64,
    pub df: HashMap<String, u32>,
}

/// What the linker asks of the store: profiles by blocking key (any key
/// matching), and document frequencies. Returning extra profiles is
/// harmless; missing ones only cost recall, so a store may answer each key
/// with only its [`KEY_FANOUT`] most recently written profiles. Profiles
/// are shared, not copied: the linker copies only the ones it changes.
pub trait Corpus {
    fn entities(&self, keys: &[String]) -> Result<Vec<Arc<EntityProfile>>, CorpusError>;
    fn stories(&self, keys: &[String]) -> Result<Vec<Arc<StoryProfile>>, CorpusError>;
    fn events(&self, keys: &[String]) -> Result<Vec<Arc<EventProfile>>, CorpusError>;
    /// Member documents' MinHash bands, for near-duplicate checks.
    fn members(&self, keys: &[String]) -> Result<Vec<Arc<Member>>, CorpusError>;
    /// Number of documents linked so far and the frequency of each feature
    /// asked (absent features may be left out).
    fn frequencies(&self, features: &[String]) -> Result<Frequencies, CorpusError>;
}

/// Thresholds and weights; the defaults are the values tuned on ECB+
/// (see docs/linking.md).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkConfig {
    /// Least name agreement for a document entity to join a corpus entity.
    pub entity_min: f32,
    /// Least estimated shingle Jaccard for a near duplicate.
    pub near_duplicate: f32,
    /// Least story similarity to join a story.
    pub story_threshold: f32,
    /// Similarity beyond `story_threshold` needed to join a story of one
    /// document: two documents of two like events (two heists, two
    /// arrests) are alike enough to pass the threshold, and once the
    /// second joins the first, the story's centroid holds both events and
    /// draws in the rest of each.
    #[serde(default)]
    pub founding_margin: f32,
    pub story: StoryWeights,
    /// Least fit (probability) for a mention to join a corpus event.
    pub event_threshold: f32,
    /// Least fit for a mention to join a second corpus event, which is
    /// then merged into the one it joins: streaming linking founds two
    /// events where the reports that would have joined them come later.
    /// Infinite: no merges.
    #[serde(default = "default_event_merge")]
    pub event_merge: f32,
    pub event: EventWeights,
}

/// Chosen on ECB+ (docs/linking.md): from 0.2 to 0.5 every setting
/// scored higher than no merges, held out too.
fn default_event_merge() -> f32 {
    0.4
}

impl Default for LinkConfig {
    fn default() -> Self {
        LinkConfig {
            entity_min: 0.8,
            near_duplicate: 0.8,
            story_threshold: 0.525,
            founding_margin: 0.1,
            // Learned on all ECB+ dev topics (`newsgraph eval stories`).
            story: StoryWeights {
                terms: 0.379,
                entities: 0.621,
                dates: 0.753,
                numbers: 0.886,
                lead: 0.905,
                bigrams: 0.536,
                days: 7.0,
            },
            event_threshold: 0.15,
            event_merge: default_event_merge(),
            event: EventWeights { weights: LEARNED_EVENT_WEIGHTS.to_vec(), max_days: 2 },
        }
    }
}

impl LinkConfig {
    /// Least similarity for a document to join `story`.
    pub fn join_threshold(&self, story: &StoryProfile) -> f32 {
        if story.documents == 1 {
            self.story_threshold + self.founding_margin
        } else {
            self.story_threshold
        }
    }
}

/// A document entity and the corpus entity it was linked to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityLink {
    pub entity: String,
    pub corpus: String,
}

/// A document event and the corpus event it was linked to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventLink {
    pub event: String,
    pub corpus: String,
}

/// A corpus entity or event merged into another of its kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProfileMerge {
    pub from: String,
    pub into: String,
}

/// What one document's linking of entities or events records: each local
/// item's corpus id, and the corpus profiles merged on the way.
struct Decisions<L> {
    links: Vec<L>,
    merges: Vec<ProfileMerge>,
}

/// A profile that can take in another of its kind.
trait Mergeable {
    fn id(&self) -> &str;
    fn merge(&mut self, other: Self);
}

impl Mergeable for EntityProfile {
    fn id(&self) -> &str {
        &self.id
    }
    fn merge(&mut self, other: Self) {
        EntityProfile::merge(self, other);
    }
}

impl Mergeable for EventProfile {
    fn id(&self) -> &str {
        &self.id
    }
    fn merge(&mut self, other: Self) {
        EventProfile::merge(self, other);
    }
}

/// A link from a document's item to a corpus profile.
trait CorpusLink {
    fn corpus_mut(&mut self) -> &mut String;
}

impl CorpusLink for EntityLink {
    fn corpus_mut(&mut self) -> &mut String {
        &mut self.corpus
    }
}

impl CorpusLink for EventLink {
    fn corpus_mut(&mut self) -> &mut String {
        &mut self.corpus
    }
}

impl<L: CorpusLink> Decisions<L> {
    fn new(capacity: usize) -> Self {
        Decisions { links: Vec::with_capacity(capacity), merges: Vec::new() }
    }

    fn merged_away(&self, id: &str) -> bool {
        self.merges.iter().any(|m| m.from == id)
    }

    /// Merges `other` into `profile`: the document's earlier links and
    /// merges to it now point to `profile`, and it is no longer written.
    fn merge<P: Clone + Mergeable>(&mut self, profile: &mut P, other: Arc<P>, touched: &mut Touched<P>) {
        let (from, into) = (other.id().to_string(), profile.id().to_string());
        touched.remove(&from);
        for link in self.links.iter_mut().map(CorpusLink::corpus_mut).filter(|c| **c == from) {
            link.clone_from(&into);
        }
        for merge in self.merges.iter_mut().filter(|m| m.into == from) {
            merge.into.clone_from(&into);
        }
        self.merges.push(ProfileMerge { from, into });
        profile.merge(Arc::unwrap_or_clone(other));
    }
}

/// Candidates that fit, best first; the last of equals first, as the
/// `max_by` of linking before merges chose.
fn best_first<P>(mut fitting: Vec<(f32, Arc<P>)>, tie: impl Fn(&P, &P) -> std::cmp::Ordering) -> Vec<(f32, Arc<P>)> {
    fitting.reverse();
    fitting.sort_by(|a, b| b.0.total_cmp(&a.0).then(tie(&b.1, &a.1)));
    fitting
}

/// The story a document was put in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryLink {
    pub story: String,
    /// True when the document founded the story.
    pub founded: bool,
    /// Similarity to the story joined (1 for a founded story).
    pub similarity: f32,
    /// The member document this one nearly duplicates.
    pub near_duplicate_of: Option<String>,
}

/// Every decision about one document and the profiles to write back
/// (insert or replace by id, and index under their `keys()`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Linked {
    pub document: String,
    pub entities: Vec<EntityLink>,
    pub story: StoryLink,
    pub events: Vec<EventLink>,
    /// Contradictions this document brings (each involves one of its
    /// mentions; earlier ones are not repeated).
    pub contradictions: Vec<Contradiction>,
    pub entity_profiles: Vec<EntityProfile>,
    /// Corpus entities merged into others: delete each `from` and move
    /// what it holds to `into`.
    #[serde(default)]
    pub entity_merges: Vec<ProfileMerge>,
    pub story_profile: StoryProfile,
    /// The document's MinHash bands, to index under `member.keys()`.
    pub member: Member,
    pub event_profiles: Vec<EventProfile>,
    /// Corpus events merged into others: delete each `from` and move what
    /// it holds to `into`.
    #[serde(default)]
    pub event_merges: Vec<ProfileMerge>,
    /// Distinct features of the document: add one to each one's document
    /// frequency, and one to the document count.
    pub features: Vec<String>,
}

/// Links documents with one configuration.
#[derive(Clone, Debug, Default)]
pub struct Linker {
    pub config: LinkConfig,
}

/// Profiles touched while linking one document, by id, in first-touch order.
struct Touched<P> {
    order: Vec<String>,
    by_id: HashMap<String, Arc<P>>,
}

impl<P: Clone> Touched<P> {
    fn new() -> Self {
        Touched { order: Vec::new(), by_id: HashMap::new() }
    }

    fn put(&mut self, id: &str, profile: P) {
        if self.by_id.insert(id.to_string(), Arc::new(profile)).is_none() {
            self.order.push(id.to_string());
        }
    }

    fn remove(&mut self, id: &str) {
        if self.by_id.remove(id).is_some() {
            self.order.retain(|k| k != id);
        }
    }

    fn into_vec(mut self) -> Vec<P> {
        self.order.iter().filter_map(|id| self.by_id.remove(id)).map(Arc::unwrap_or_clone).collect()
    }
}

/// Candidates from the store, with this document's newer copies in place.
fn merged<P: Clone>(stored: Vec<Arc<P>>, touched: &Touched<P>, id: impl Fn(&P) -> &str) -> Vec<Arc<P>> {
    let mut seen = HashSet::new();
    let mut out: Vec<Arc<P>> = Vec::new();
    for profile in stored {
        let key = id(&profile).to_string();
        if seen.insert(key.clone()) {
            out.push(touched.by_id.get(&key).cloned().unwrap_or(profile));
        }
    }
    out.extend(touched.order.iter().filter(|k| !seen.contains(*k)).filter_map(|k| touched.by_id.get(k).cloned()));
    out
}

impl Linker {
    pub fn new(config: LinkConfig) -> Self {
        Linker { config }
    }

    /// Links one document against `corpus`. Nothing is written: apply the
    /// returned [`Linked`] to the store (see [`crate::MemoryCorpus::apply`]).
    pub fn link(&self, article: &Article, corpus: &dyn Corpus) -> Result<Linked, LinkError> {
        let (entity_decisions, entity_profiles) = self.link_entities(article, corpus)?;
        let Decisions { links: entity_links, merges: entity_merges } = entity_decisions;
        let corpus_entity = corpus_entities(&entity_links, &entity_profiles);
        let (story, story_profile, member, features) = self.link_story(article, &entity_links, corpus)?;
        let views = event_views(article, &story.story, &corpus_entity);
        let events = self.link_events(article, &views, corpus, &corpus_entity)?;
        Ok(Linked {
            document: article.id.clone(),
            entities: entity_links,
            story,
            events: events.links,
            contradictions: events.contradictions,
            entity_profiles,
            entity_merges,
            story_profile,
            member,
            event_profiles: events.profiles,
            event_merges: events.merges,
            features,
        })
    }

    fn link_entities(
        &self,
        article: &Article,
        corpus: &dyn Corpus,
    ) -> Result<(Decisions<EntityLink>, Vec<EntityProfile>), LinkError> {
        let mut touched = Touched::new();
        let mut decisions = Decisions::new(article.entities.len());
        for entity in &article.entities {
            let keys = lookup_keys(entity.kind, &entity.name);
            let stored =
                if keys.is_empty() { Vec::new() } else { corpus.entities(&keys).map_err(LinkError::Corpus)? };
            let fitting = merged(stored, &touched, |p: &EntityProfile| &p.id)
                .into_iter()
                .filter(|p| !decisions.merged_away(&p.id))
                .filter_map(|p| Some((p.fit(entity)?, p)))
                .filter(|(fit, _)| *fit >= self.config.entity_min)
                .collect();
            let mut fitting = best_first(fitting, |a, b| a.documents.cmp(&b.documents)).into_iter();
            let profile = match fitting.next() {
                Some((_, profile)) => {
                    let mut profile = Arc::unwrap_or_clone(profile);
                    let first_touch = !touched.by_id.contains_key(&profile.id);
                    profile.absorb(entity);
                    if first_touch {
                        profile.documents += 1;
                    }
                    // A full name two corpus entities share is one referent
                    // that two spellings or types had founded twice.
                    let full_name = words(&entity.name).count() > 1;
                    for (_, other) in fitting.filter(|(_, other)| full_name && other.names.contains(&entity.name)) {
                        decisions.merge(&mut profile, other, &mut touched);
                    }
                    profile
                }
                None => EntityProfile::found(&article.id, entity),
            };
            decisions.links.push(EntityLink { entity: entity.id.clone(), corpus: profile.id.clone() });
            touched.put(&profile.id.clone(), profile);
        }
        Ok((decisions, touched.into_vec()))
    }

    fn link_story(
        &self,
        article: &Article,
        entity_links: &[EntityLink],
        corpus: &dyn Corpus,
    ) -> Result<(StoryLink, StoryProfile, Member, Vec<String>), LinkError> {
        let (vectors, features) = story_vectors(article, entity_links, corpus)?;
        let near = corpus
            .members(&vectors.band_keys())
            .map_err(LinkError::Corpus)?
            .into_iter()
            .map(|m| (m.jaccard(&vectors.bands), m))
            .filter(|(j, _)| *j >= self.config.near_duplicate)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, m)| m);
        let mut keys = vectors.feature_keys();
        keys.extend(near.iter().map(|m| story_key(&m.story)));
        let candidates = corpus.stories(&keys).map_err(LinkError::Corpus)?;
        let near = near.and_then(|m| Some((candidates.iter().find(|s| s.id == m.story)?, m.document.clone())));
        let best = candidates
            .iter()
            .map(|s| (s, s.similarity(&vectors, &self.config.story)))
            .filter(|(s, similarity)| *similarity >= self.config.join_threshold(s) && !s.dates_conflict(&vectors))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let (mut profile, link) = match (near, best) {
            (Some((story, document)), _) => {
                let similarity = story.similarity(&vectors, &self.config.story);
                let link = StoryLink {
                    story: story.id.clone(),
                    founded: false,
                    similarity,
                    near_duplicate_of: Some(document),
                };
                (StoryProfile::clone(story), link)
            }
            (None, Some((story, similarity))) => {
                let link = StoryLink { story: story.id.clone(), founded: false, similarity, near_duplicate_of: None };
                (StoryProfile::clone(story), link)
            }
            _ => {
                let profile = StoryProfile::found(&article.id, &vectors);
                let link =
                    StoryLink { story: profile.id.clone(), founded: true, similarity: 1.0, near_duplicate_of: None };
                (profile, link)
            }
        };
        if !link.founded {
            profile.absorb(&vectors);
        }
        let member = Member { document: article.id.clone(), story: profile.id.clone(), bands: vectors.bands };
        Ok((link, profile, member, features))
    }

    fn link_events(
        &self,
        article: &Article,
        views: &[EventView],
        corpus: &dyn Corpus,
        corpus_entity: &HashMap<&str, &EntityProfile>,
    ) -> Result<LinkedEvents, LinkError> {
        let mut touched: Touched<EventProfile> = Touched::new();
        let mut decisions = Decisions::new(views.len());
        for view in views {
            let stored = corpus.events(&view.keys()).map_err(LinkError::Corpus)?;
            let fitting = merged(stored, &touched, |p: &EventProfile| &p.id)
                .into_iter()
                .filter(|p| p.story == view.story && !decisions.merged_away(&p.id))
                .filter_map(|p| Some((p.fit(view, &self.config.event)?, p)))
                .filter(|(fit, _)| *fit >= self.config.event_threshold)
                .collect();
            let mut fitting = best_first(fitting, |_, _| std::cmp::Ordering::Equal).into_iter();
            let profile = match fitting.next() {
                Some((_, profile)) => {
                    let mut profile = Arc::unwrap_or_clone(profile);
                    profile.absorb(view);
                    for (_, other) in fitting.take_while(|(fit, _)| *fit >= self.config.event_merge) {
                        if profile.may_merge(&other) {
                            decisions.merge(&mut profile, other, &mut touched);
                        }
                    }
                    profile
                }
                None => EventProfile::found(view),
            };
            decisions.links.push(EventLink { event: view.event.id.clone(), corpus: profile.id.clone() });
            touched.put(&profile.id.clone(), profile);
        }
        let Decisions { links, merges } = decisions;
        let pass = EventPass { article, views, corpus_entity, touched, links };
        let mut found = pass.contradictions_within();
        found.extend(pass.opposing_outcomes(corpus)?);
        for id in found.iter_mut().flat_map(|c| c.events.iter_mut()) {
            if let Some(merge) = merges.iter().find(|m| m.from == *id) {
                id.clone_from(&merge.into);
            }
        }
        let mut seen = HashSet::new();
        found.retain(|c: &Contradiction| {
            seen.insert((c.kind, c.events.clone(), c.sides[0].document.clone(), c.sides[1].document.clone()))
        });
        Ok(LinkedEvents { links: pass.links, profiles: pass.touched.into_vec(), merges, contradictions: found })
    }
}

/// A document's story vectors (TF-IDF weighted by the document frequencies
/// so far) and its distinct features: content stems, `@`-prefixed corpus
/// entity ids, `#`-prefixed dates and numbers (digits only, which no
/// content stem is). Word pairs are weighted by their stems' frequencies
/// and are no features of their own ([`pair_tfidf`]).
pub fn story_vectors(
    article: &Article,
    entity_links: &[EntityLink],
    corpus: &dyn Corpus,
) -> Result<(DocumentVectors, Vec<String>), LinkError> {
    let entity_features: Vec<String> = article
        .entities
        .iter()
        .zip(entity_links)
        .flat_map(|(e, link)| std::iter::repeat_n(format!("@{}", link.corpus), e.mentions.max(1)))
        .collect();
    let mut features: Vec<String> =
        article.terms.iter().chain(&entity_features).chain(&article.dates).chain(&article.numbers).cloned().collect();
    features.sort();
    features.dedup();
    let frequencies = corpus.frequencies(&features).map_err(LinkError::Corpus)?;
    let vectors = DocumentVectors {
        terms: tfidf(&article.terms, &frequencies.df, frequencies.documents),
        entities: tfidf(&entity_features, &frequencies.df, frequencies.documents),
        dates: tfidf(&article.dates, &frequencies.df, frequencies.documents),
        numbers: tfidf(&article.numbers, &frequencies.df, frequencies.documents),
        lead: tfidf(&article.lead, &frequencies.df, frequencies.documents),
        bigrams: pair_tfidf(&article.bigrams, &frequencies.df, frequencies.documents),
        bands: article.bands.clone(),
        day: article.day,
        lookup: Default::default(),
    };
    Ok((vectors, features))
}

/// The event decisions about one document.
struct LinkedEvents {
    links: Vec<EventLink>,
    profiles: Vec<EventProfile>,
    merges: Vec<ProfileMerge>,
    contradictions: Vec<Contradiction>,
}

/// The state of one document's event linking that the contradiction
/// checks read.
struct EventPass<'a> {
    article: &'a Article,
    views: &'a [EventView<'a>],
    corpus_entity: &'a HashMap<&'a str, &'a EntityProfile>,
    touched: Touched<EventProfile>,
    links: Vec<EventLink>,
}

impl EventPass<'_> {
    /// Claim-denial, figure and date contradictions among the mentions of
    /// each corpus event this document touched.
    fn contradictions_within(&self) -> Vec<Contradiction> {
        let (article, views, links, corpus_entity) = (self.article, self.views, &self.links, self.corpus_entity);
        let mut found = Vec::new();
        for (i, (view, link)) in views.iter().zip(links).enumerate() {
            let Some(profile) = self.touched.by_id.get(&link.corpus) else {
                continue;
            };
            let theirs = profile.mentions.iter().filter(|m| m.document != article.id);
            let ours_earlier =
                views[..i].iter().zip(links).filter(|(_, l)| l.corpus == link.corpus).map(|(v, _)| &v.mention);
            found.extend(
                theirs
                    .chain(ours_earlier)
                    .filter_map(|other| contradictions::between(&profile.id, &view.mention, other)),
            );
        }
        // A denial whose claim is only in its own sentence, as a speech act
        // of another party ("what Russia claimed ..., which Kyiv denied").
        for (view, link) in views.iter().zip(links).filter(|(v, _)| v.event.status == EventStatus::Denied) {
            let already = found.iter().any(|c| {
                c.kind == ContradictionKind::ClaimDenial
                    && c.sides.iter().any(|s| s.document == article.id && s.sentence == view.event.sentence)
            });
            if already {
                continue;
            }
            let claim = views.iter().find(|other| {
                other.event.sentence == view.event.sentence
                    && contradictions::is_claim_speech(&other.event.lemma)
                    && other.event.status != EventStatus::Denied
                    && side_of(other.event.source.as_ref())
                        != side_of_claimant(article, view.event.attributed_to.as_deref())
            });
            let Some(claim) = claim else { continue };
            let (claimant, claimant_name) = claimant_of(article, claim.event.source.as_ref(), corpus_entity);
            let id = link.corpus.clone();
            let claim_side = ClaimSide {
                document: article.id.clone(),
                sentence: claim.event.sentence,
                text: claim.mention.text.clone(),
                claimant,
                claimant_name,
                status: EventStatus::Claimed,
                value: None,
            };
            found.push(Contradiction {
                kind: ContradictionKind::ClaimDenial,
                events: [id.clone(), id],
                sides: [claim_side, ClaimSide::of(&view.mention, None)],
            });
        }
        found
    }

    /// Control of one place claimed by opposing sides.
    fn opposing_outcomes(&self, corpus: &dyn Corpus) -> Result<Vec<Contradiction>, LinkError> {
        let (article, views, links, touched, corpus_entity) =
            (self.article, self.views, &self.links, &self.touched, self.corpus_entity);
        let mut found = Vec::new();
        for (view, link) in views.iter().zip(links) {
            let Some(place) = view.place_key().filter(|_| contradictions::is_control(&view.event.lemma)) else {
                continue;
            };
            let ours =
                contradictions::side(&view.mention, claimant_country(view.mention.claimant.as_deref(), corpus_entity));
            let stored = corpus.events(&[control_key(&place)]).map_err(LinkError::Corpus)?;
            for profile in merged(stored, touched, |p: &EventProfile| &p.id) {
                if profile.id == link.corpus || !profile.places.contains(&place) {
                    continue;
                }
                let opposing = profile.mentions.iter().find(|m| {
                    let theirs = contradictions::side(m, claimant_country(m.claimant.as_deref(), corpus_entity));
                    m.place.as_deref() == Some(place.as_str())
                        && contradictions::is_control(&crate::article::head_lemma(&m.trigger))
                        && matches!((&ours, &theirs), (Some(a), Some(b)) if a != b)
                        && (m.document != article.id || m.sentence < view.event.sentence)
                });
                if let Some(other) = opposing {
                    found.push(Contradiction {
                        kind: ContradictionKind::OpposingOutcome,
                        events: [profile.id.clone(), link.corpus.clone()],
                        sides: [
                            ClaimSide::of(other, Some(other.trigger.clone())),
                            ClaimSide::of(&view.mention, Some(view.mention.trigger.clone())),
                        ],
                    });
                }
            }
        }
        Ok(found)
    }
}

fn claimant_country<'a>(claimant: Option<&str>, corpus_entity: &HashMap<&str, &'a EntityProfile>) -> Option<&'a str> {
    let profile = corpus_entity.values().find(|p| Some(p.id.as_str()) == claimant)?;
    profile.country.as_deref().or_else(|| profile.actor.as_deref().and_then(|a| a.get(..2)))
}

/// The country code of a role's actor (first three letters).
fn side_of(role: Option<&Role>) -> Option<String> {
    role.and_then(|r| r.actor.as_deref()).and_then(|a| a.get(..3)).map(str::to_string)
}

fn side_of_claimant(article: &Article, entity: Option<&str>) -> Option<String> {
    let entity = article.entity(entity?)?;
    entity.actor.as_deref().and_then(|a| a.get(..3)).map(str::to_string)
}

/// The corpus entity and name behind a role: its entity, else the document
/// entity carrying exactly its actor code ("it" coded RUS is Russia).
fn claimant_of(
    article: &Article,
    role: Option<&Role>,
    corpus_entity: &HashMap<&str, &EntityProfile>,
) -> (Option<String>, Option<String>) {
    let Some(role) = role else {
        return (None, None);
    };
    let entity = role
        .entity
        .as_deref()
        .and_then(|id| article.entity(id))
        .or_else(|| article.entities.iter().find(|e| e.actor.is_some() && e.actor == role.actor));
    match entity {
        Some(e) => (corpus_entity.get(e.id.as_str()).map(|p| p.id.clone()), Some(e.name.clone())),
        None => (None, Some(role.text.clone())),
    }
}

/// Document entity id -> the corpus entity it was linked to.
fn corpus_entities<'a>(links: &'a [EntityLink], profiles: &'a [EntityProfile]) -> HashMap<&'a str, &'a EntityProfile> {
    links.iter().filter_map(|l| Some((l.entity.as_str(), profiles.iter().find(|p| p.id == l.corpus)?))).collect()
}

/// The events of a linked document as the event linking compares them:
/// for learning the event fit from a corpus with known coreference.
pub fn linked_event_views<'a>(article: &'a Article, linked: &'a Linked) -> Vec<EventView<'a>> {
    let corpus_entity = corpus_entities(&linked.entities, &linked.entity_profiles);
    event_views(article, &linked.story.story, &corpus_entity)
}

/// Content word stems of a sentence.
fn sentence_words(sentence: &str) -> Vec<String> {
    let mut stems: Vec<String> = words(sentence).filter(|w| w.len() > 2 && !is_stop(w)).map(|w| stem(&w)).collect();
    stems.sort();
    stems.dedup();
    stems
}

/// Document events with participants and claimant resolved to corpus
/// entities and actor codes.
fn event_views<'a>(
    article: &'a Article,
    story: &'a str,
    corpus_entity: &HashMap<&str, &EntityProfile>,
) -> Vec<EventView<'a>> {
    let participants = |role: Option<&Role>| -> Vec<String> {
        let Some(role) = role else { return Vec::new() };
        let entity = role.entity.as_deref().and_then(|id| corpus_entity.get(id)).map(|p| p.id.clone());
        entity.into_iter().chain(role.actor.clone()).collect()
    };
    let mut words_of: HashMap<usize, Vec<String>> = HashMap::new();
    let mut lemma_count: HashMap<&str, usize> = HashMap::new();
    for event in &article.events {
        let sentence = article.sentences.get(event.sentence).map_or("", String::as_str);
        words_of.entry(event.sentence).or_insert_with(|| sentence_words(sentence));
        *lemma_count.entry(event.lemma.as_str()).or_default() += 1;
    }
    article
        .events
        .iter()
        .map(|event| {
            let (claimant, claimant_name) = match event.attributed_to.as_deref() {
                Some(id) => (corpus_entity.get(id).map(|p| p.id.clone()), article.entity(id).map(|e| e.name.clone())),
                None => (None, None),
            };
            let (sources, targets) = (participants(event.source.as_ref()), participants(event.target.as_ref()));
            let mention = mention_of(article, event, claimant, claimant_name, [&sources, &targets]);
            EventView {
                event,
                story,
                sources,
                targets,
                context: article
                    .sentence_entities
                    .get(event.sentence)
                    .into_iter()
                    .flatten()
                    .filter_map(|id| corpus_entity.get(id.as_str()).map(|p| p.id.clone()))
                    .collect(),
                words: words_of
                    .get(&event.sentence)
                    .into_iter()
                    .flatten()
                    .filter(|w| **w != event.lemma)
                    .cloned()
                    .collect(),
                lemma_repeats: lemma_count.get(event.lemma.as_str()).copied().unwrap_or(1),
                head: trigger_head(&event.trigger),
                mention,
            }
        })
        .collect()
}

fn mention_of(
    article: &Article,
    event: &ArticleEvent,
    claimant: Option<String>,
    claimant_name: Option<String>,
    [sources, targets]: [&[String]; 2],
) -> EventMention {
    let entity = |participants: &[String]| participants.iter().find(|p| is_entity_id(p)).cloned();
    EventMention {
        document: article.id.clone(),
        event: event.id.clone(),
        sentence: event.sentence,
        text: article.sentences.get(event.sentence).cloned().unwrap_or_default(),
        trigger: event.trigger.clone(),
        cameo: event.cameo.clone(),
        status: event.status,
        claimant,
        claimant_name,
        source_actor: event.source.as_ref().and_then(|r| r.actor.clone()),
        target_actor: event.target.as_ref().and_then(|r| r.actor.clone()),
        source_entity: entity(sources),
        target_entity: entity(targets),
        date: event.date.clone(),
        day: event.day,
        place: crate::events::place_key_of(event.place.as_ref()),
        figures: event.figures.clone(),
    }
}

/// An in-memory [`Corpus`] that keeps every profile and its keys: for the
/// evaluation, tests and single-run use. Serialisable as a whole.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct MemoryCorpus {
    pub entities: BTreeMap<String, EntityProfile>,
    pub stories: BTreeMap<String, StoryProfile>,
    pub events: BTreeMap<String, EventProfile>,
    /// Member documents' bands, by document.
    pub members: BTreeMap<String, Member>,
    pub contradictions: Vec<Contradiction>,
    /// Story of each document.
    pub story_of: BTreeMap<String, String>,
    /// Corpus events and entities merged into others: `from` -> `into`.
    #[serde(default)]
    pub merged: BTreeMap<String, String>,
    pub frequencies: Frequencies,
    #[serde(skip)]
    index: Index,
}

/// Blocking key -> profile ids, per profile kind (rebuilt on load).
#[derive(Clone, Debug, Default)]
struct Index {
    entities: HashMap<String, Vec<String>>,
    stories: HashMap<String, Vec<String>>,
    events: HashMap<String, Vec<String>>,
    members: HashMap<String, Vec<String>>,
}

fn lookup<P: Clone>(
    index: &HashMap<String, Vec<String>>,
    profiles: &BTreeMap<String, P>,
    keys: &[String],
) -> Vec<Arc<P>> {
    let mut ids: Vec<&String> =
        keys.iter().filter_map(|k| index.get(k)).flat_map(|ids| ids.iter().rev().take(KEY_FANOUT)).collect();
    ids.sort();
    ids.dedup();
    ids.into_iter().filter_map(|id| profiles.get(id).cloned()).map(Arc::new).collect()
}

/// Indexes `id` under `keys`, as the most recently written of each key.
fn add_keys(index: &mut HashMap<String, Vec<String>>, id: &str, keys: Vec<String>) {
    for key in keys {
        let ids = index.entry(key).or_default();
        ids.retain(|i| i != id);
        ids.push(id.to_string());
    }
}

impl Corpus for MemoryCorpus {
    fn entities(&self, keys: &[String]) -> Result<Vec<Arc<EntityProfile>>, CorpusError> {
        Ok(lookup(&self.index.entities, &self.entities, keys))
    }

    fn stories(&self, keys: &[String]) -> Result<Vec<Arc<StoryProfile>>, CorpusError> {
        Ok(lookup(&self.index.stories, &self.stories, keys))
    }

    fn events(&self, keys: &[String]) -> Result<Vec<Arc<EventProfile>>, CorpusError> {
        Ok(lookup(&self.index.events, &self.events, keys))
    }

    fn members(&self, keys: &[String]) -> Result<Vec<Arc<Member>>, CorpusError> {
        Ok(lookup(&self.index.members, &self.members, keys))
    }

    fn frequencies(&self, features: &[String]) -> Result<Frequencies, CorpusError> {
        let df = features.iter().filter_map(|f| Some((f.clone(), *self.frequencies.df.get(f)?))).collect();
        Ok(Frequencies { documents: self.frequencies.documents, df })
    }
}

impl MemoryCorpus {
    /// Links `article` and applies the result.
    pub fn add(&mut self, linker: &Linker, article: &Article) -> Result<Linked, LinkError> {
        let linked = linker.link(article, self)?;
        self.apply(&linked);
        Ok(linked)
    }

    /// Writes back what [`Linker::link`] decided, as a store would.
    pub fn apply(&mut self, linked: &Linked) {
        for merge in &linked.entity_merges {
            self.entities.remove(&merge.from);
            self.merged.insert(merge.from.clone(), merge.into.clone());
        }
        for profile in &linked.entity_profiles {
            add_keys(&mut self.index.entities, &profile.id, profile.keys());
            self.entities.insert(profile.id.clone(), profile.clone());
        }
        let story = &linked.story_profile;
        add_keys(&mut self.index.stories, &story.id, story.keys());
        self.stories.insert(story.id.clone(), story.clone());
        self.story_of.insert(linked.document.clone(), story.id.clone());
        let member = &linked.member;
        add_keys(&mut self.index.members, &member.document, member.keys());
        self.members.insert(member.document.clone(), member.clone());
        for merge in &linked.event_merges {
            self.events.remove(&merge.from);
            self.merged.insert(merge.from.clone(), merge.into.clone());
        }
        for profile in &linked.event_profiles {
            add_keys(&mut self.index.events, &profile.id, profile.keys());
            self.events.insert(profile.id.clone(), profile.clone());
        }
        self.contradictions.extend(linked.contradictions.iter().cloned());
        self.frequencies.documents += 1;
        for feature in &linked.features {
            *self.frequencies.df.entry(feature.clone()).or_default() += 1;
        }
    }

    /// The corpus event or entity `id` is now part of, after any merges.
    pub fn now(&self, id: &str) -> String {
        let mut id = id;
        while let Some(into) = self.merged.get(id) {
            id = into;
        }
        id.to_string()
    }

    /// Reads a corpus saved with `serde_json` and rebuilds its key index.
    pub fn from_json(json: &str) -> Result<Self, LinkError> {
        let mut corpus: MemoryCorpus = serde_json::from_str(json).map_err(LinkError::State)?;
        let mut index = Index::default();
        for (id, p) in &corpus.entities {
            add_keys(&mut index.entities, id, p.keys());
        }
        for (id, p) in &corpus.stories {
            add_keys(&mut index.stories, id, p.keys());
        }
        for (id, p) in &corpus.events {
            add_keys(&mut index.events, id, p.keys());
        }
        for (id, m) in &corpus.members {
            add_keys(&mut index.members, id, m.keys());
        }
        corpus.index = index;
        Ok(corpus)
    }
}
