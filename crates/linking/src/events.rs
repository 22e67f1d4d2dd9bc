//! Corpus events: every mention of one real event, within and across
//! documents, merged into one profile with each mention, source and status.
//!
//! A mention joins the best-fitting corpus event of its story that passes
//! the compatibility rules: compatible type (same CAMEO root, or the same
//! trigger lemma when the coder read the context differently, or a near
//! synonym), no source or target whose actor codes name only other
//! countries, no specific place farther than 50 km (`MAX_PLACE_KM`) from the
//! event's, days at most [`EventWeights::max_days`] apart (planned events
//! are exempt, so that a rescheduled meeting stays one event and its two
//! dates can be reported as a contradiction), a common speaker for reports
//! of speech. The fit is a logistic model over [`EVENT_FEATURES`] (same
//! trigger lemma, shared or disjoint participants, place, day, sentence
//! words, the mentions' place in their articles, ...) whose weights are
//! learned from ECB+ by [`learn_weights`].

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use newsgraph_core::rng::XorShift;
use newsgraph_core::words::reporting::forms_where;
use newsgraph_core::{distance_km, EventStatus};
use serde::{Deserialize, Serialize};

use crate::article::{head_lemma, ArticleEvent, EventPlace};
use crate::contradictions::is_control;
use crate::entities::is_entity_id;
use crate::text::{stem, words};

/// One corpus event, as the store persists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventProfile {
    /// `V:<document>:<event>` of the founding mention.
    pub id: String,
    /// Story the founding document belongs to.
    pub story: String,
    /// CAMEO root (two digits) of the first coded mention, or empty.
    pub root: String,
    pub plover: String,
    pub lemmas: Vec<String>,
    /// Trigger heads as the word vectors spell them ([`trigger_head`]).
    #[serde(default)]
    pub heads: Vec<String>,
    /// Corpus entity ids and actor codes of sources, and of targets.
    pub sources: Vec<String>,
    pub targets: Vec<String>,
    /// Specific places (GeoNames id or folded name).
    pub places: Vec<String>,
    /// Latitude and longitude of the specific places, where known.
    #[serde(default)]
    pub points: Vec<(f64, f64)>,
    /// Corpus entities named in the mentions' sentences.
    #[serde(default)]
    pub context: Vec<String>,
    pub first_day: Option<i32>,
    pub last_day: Option<i32>,
    pub planned: bool,
    /// Content word stems of the mentions' sentences (trigger excluded).
    #[serde(default)]
    pub words: Vec<String>,
    /// Earliest sentence index of a mention in its article.
    #[serde(default)]
    pub first_sentence: Option<usize>,
    /// Document of the latest mention: the document being linked has
    /// reported this event already when it is its own.
    #[serde(default)]
    pub last_document: String,
    /// Number of mentions absorbed.
    #[serde(default)]
    pub reports: u32,
    /// Evidence: the first mention of each distinct position (status,
    /// claimant, participants, figures, day, place, trigger), at most
    /// [`MAX_EVIDENCE`]. A report that repeats a position contradicts
    /// nothing its twin does not, and keeping every report would make the
    /// profile of a much-reported event grow without bound.
    pub mentions: Vec<EventMention>,
}

/// Farthest apart two specific places of one event may lie, in km: a
/// metropolitan area, so that a suburb and its city, or two geocodings
/// of one neighbourhood, stay one event.
const MAX_PLACE_KM: f64 = 50.0;

/// Most evidence mentions one corpus event keeps.
const MAX_EVIDENCE: usize = 24;
/// Most values one event keeps per list (lemmas, participants, places,
/// context entities): enough for every compatibility check in practice,
/// and a bound on what each look-up reads.
const MAX_VALUES: usize = 48;

/// One report of a corpus event: where, by whom, with what status.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventMention {
    pub document: String,
    /// `events[].id` inside the document.
    pub event: String,
    pub sentence: usize,
    /// The sentence text, kept as evidence.
    pub text: String,
    pub trigger: String,
    pub cameo: String,
    pub status: EventStatus,
    /// Corpus entity id of the claimant, and the name to show.
    pub claimant: Option<String>,
    pub claimant_name: Option<String>,
    /// Actor codes of source and target.
    pub source_actor: Option<String>,
    pub target_actor: Option<String>,
    /// Corpus entity ids of source and target.
    #[serde(default)]
    pub source_entity: Option<String>,
    #[serde(default)]
    pub target_entity: Option<String>,
    pub date: Option<String>,
    pub day: Option<i32>,
    pub place: Option<String>,
    pub figures: Vec<u64>,
}

impl EventMention {
    /// True when both mentions say the same thing with the same voice:
    /// every field a contradiction check reads is equal.
    pub fn same_position(&self, other: &EventMention) -> bool {
        self.status == other.status
            && self.claimant == other.claimant
            && self.source_actor == other.source_actor
            && self.target_actor == other.target_actor
            && self.figures == other.figures
            && self.day == other.day
            && self.place == other.place
            && crate::article::head_lemma(&self.trigger) == crate::article::head_lemma(&other.trigger)
    }
}

/// A document event with its participants resolved to corpus entities:
/// what [`EventProfile::fit`] compares.
#[derive(Clone, Debug)]
pub struct EventView<'a> {
    pub event: &'a ArticleEvent,
    pub story: &'a str,
    pub sources: Vec<String>,
    pub targets: Vec<String>,
    /// Corpus entities named in the sentence.
    pub context: Vec<String>,
    /// Content word stems of the sentence, trigger excluded.
    pub words: Vec<String>,
    /// Events of the article with the same trigger lemma (this one
    /// included).
    pub lemma_repeats: usize,
    /// The trigger's first word, folded: what the word vectors know it by.
    pub head: String,
    pub mention: EventMention,
}

impl EventView<'_> {
    pub fn root(&self) -> &str {
        self.event.cameo.get(..2).unwrap_or("")
    }

    pub fn place_key(&self) -> Option<String> {
        place_key_of(self.event.place.as_ref())
    }

    /// Where the event's specific place lies, if the record says.
    pub fn point(&self) -> Option<(f64, f64)> {
        self.event.place.as_ref().filter(|p| !p.coarse)?.point
    }

    /// Blocking keys to look the mention's event up by.
    pub fn keys(&self) -> Vec<String> {
        let mut keys = event_keys(self.story, self.root(), &self.event.lemma);
        let clusters = newsgraph_vectors::english().clusters(&self.head);
        keys.extend(clusters.into_iter().flatten().map(|c| meaning_key(self.story, *c)));
        keys
    }
}

/// A specific place as a key: its GeoNames id, else its folded name.
pub fn place_key_of(place: Option<&EventPlace>) -> Option<String> {
    let place = place.filter(|p| !p.coarse)?;
    Some(place.geonames_id.map_or_else(|| place.name.clone(), |id| id.to_string()))
}

/// Blocking key of control events at a place, for opposing outcomes.
pub fn control_key(place: &str) -> String {
    format!("ctl:{place}")
}

/// Keys of an event: story with CAMEO root, with trigger lemma, and with
/// the lemma's group of near synonyms.
fn event_keys(story: &str, root: &str, lemma: &str) -> Vec<String> {
    let mut keys = Vec::with_capacity(3);
    if !root.is_empty() {
        keys.push(format!("v:{story}|r:{root}"));
    }
    if !lemma.is_empty() {
        keys.push(format!("v:{story}|l:{lemma}"));
    }
    if let Some(group) = trigger_group(lemma) {
        keys.push(format!("v:{story}|g:{group}"));
    }
    keys
}

/// Key of a story's events whose trigger lies in one cluster of meaning
/// of the word vectors: an event is indexed under its triggers' two nearest
/// clusters and looked up by a mention's three nearest, so that triggers
/// of one meaning ("fired" / "sacked") find each other.
fn meaning_key(story: &str, cluster: u16) -> String {
    format!("v:{story}|m:{cluster}")
}

/// The trigger's first word, folded, as the word vectors spell it.
pub fn trigger_head(trigger: &str) -> String {
    words(trigger).next().unwrap_or_default()
}

/// Cosine of the trigger heads' word vectors at which two triggers count
/// as one meaning for the compatibility rule: "quake" / "earthquake",
/// "arrested" / "jailed", "fired" / "sacked" pass, most unrelated verbs
/// score under 0.3 (ECB+: 1.4% of different-head pairs that are not one
/// event reach 0.5, against 36% of those that are).
const SIMILAR_MEANING: f32 = 0.3;

/// Groups of triggers that news reports use for one event ("killed" /
/// "died", "quake" / "tremor", "blaze" / "fire"): the same lemma misses
/// them, and the CAMEO coder codes few of them.
const TRIGGER_GROUPS: &[&[&str]] = &[
    &["kill", "die", "murder", "slay", "homicide"],
    &["earthquake", "quake", "tremor", "temblor"],
    &["fire", "blaze", "inferno", "arson"],
    &["say", "tell", "announce", "state", "report", "confirm", "add", "according"],
    &["arrest", "apprehend", "detain", "nab", "custody"],
    &["win", "victory", "triumph"],
    &["crash", "accident", "collision", "collide"],
    &["strike", "hit", "jolt", "rock", "shake"],
    &["charge", "accuse", "indict"],
    &["clash", "riot", "unrest", "protest"],
    &["acquire", "buy", "purchase", "takeover"],
    &["check", "enter", "admit", "rehab"],
    &["attack", "assault", "raid"],
    &["injure", "wound", "hurt"],
    &["release", "launch", "unveil", "introduce"],
    &["nominate", "pick", "choose", "select", "name", "appoint", "tap"],
    &["resign", "quit", "step"],
    &["sentence", "jail", "imprison"],
    &["escape", "flee", "breakout"],
    &["rescue", "save", "free"],
    &["hijack", "seize", "capture"],
    &["bomb", "blast", "explode", "explosion", "detonate"],
    &["shoot", "gunfire", "shootout"],
    &["sack", "dismiss", "oust", "axe"],
    &["sign", "agree", "deal", "contract"],
];

/// The group of near synonyms of a trigger lemma, named by its first
/// word, if any.
fn trigger_group(lemma: &str) -> Option<&'static str> {
    static GROUPS: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    let groups = GROUPS.get_or_init(|| {
        TRIGGER_GROUPS.iter().flat_map(|words| words.iter().map(|w| (head_lemma(w), words[0]))).collect()
    });
    groups.get(lemma).copied()
}

/// Number of features of a mention against a corpus event.
pub const EVENT_FEATURES: usize = 26;

/// What each feature measures, in order.
pub const FEATURE_NAMES: [&str; EVENT_FEATURES] = [
    "bias",
    "same lemma",
    "same CAMEO root",
    "shared source",
    "shared target",
    "same place",
    "same day",
    "sentence entities (+1 shared, -1 disjoint)",
    "mention's sentence index (/10, capped)",
    "event's first sentence index (/10, capped)",
    "both in the first four sentences",
    "same document",
    "share of the sentence's words the event's sentences have",
    "log of the event's reports",
    "the lemma's repeats in the article (/5, capped)",
    "trigger of a related lemma (one group of near synonyms)",
    "same lemma, reported by another document",
    "same lemma times the share of shared sentence words",
    "sources disjoint",
    "targets disjoint",
    "specific places differ",
    "other lemma: the word vectors' cosine of the trigger heads",
    "same lemma, reported by another document, times the share of shared sentence words",
    "same lemma times the share of shared sentence words, times the log of the event's reports",
    "event's first sentence index times the log of its reports",
    "same document times the lemma's repeats in the article",
];

/// The event fit's weights learned on every ECB+ topic of
/// `shared/eval/crossdoc` (`newsgraph eval crossdoc` prints them), in
/// [`FEATURE_NAMES`] order.
// Learned values that happen to lie near 1/π; no constant is meant.
#[allow(clippy::approx_constant)]
pub const LEARNED_EVENT_WEIGHTS: EventFeatures = [
    -4.541, 5.117, 0.636, -0.349, 0.356, 0.430, 0.191, -0.032, -1.079, -5.337, 0.170, 0.147, 0.471, -0.120, -2.515,
    1.488, -1.103, -0.401, -0.557, -0.618, 1.090, 3.360, 2.483, 0.820, 2.871, 1.990,
];

/// The feature values of one mention against one corpus event.
pub type EventFeatures = [f32; EVENT_FEATURES];

/// Weights and limits of the event fit; see [`crate::LinkConfig`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventWeights {
    /// Logistic weights of [`EVENT_FEATURES`], in [`FEATURE_NAMES`] order.
    pub weights: Vec<f32>,
    /// Largest day gap between mentions of one (unplanned) event.
    pub max_days: i32,
}

impl EventProfile {
    pub fn found(view: &EventView) -> Self {
        let mut profile = EventProfile {
            id: format!("V:{}:{}", view.mention.document, view.event.id),
            story: view.story.to_string(),
            root: view.root().to_string(),
            plover: view.event.plover.clone(),
            lemmas: Vec::new(),
            heads: Vec::new(),
            sources: Vec::new(),
            targets: Vec::new(),
            places: Vec::new(),
            points: Vec::new(),
            context: Vec::new(),
            first_day: None,
            last_day: None,
            planned: view.event.status == EventStatus::Planned,
            words: Vec::new(),
            first_sentence: None,
            last_document: String::new(),
            reports: 0,
            mentions: Vec::new(),
        };
        profile.absorb(view);
        profile
    }

    /// Blocking keys the store indexes: story with root and with each
    /// lemma, and for control events each place (opposing outcomes are
    /// looked up across stories).
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.lemmas.iter().flat_map(|l| event_keys(&self.story, &self.root, l)).collect();
        let vectors = newsgraph_vectors::english();
        let nearest = self
            .heads
            .iter()
            .filter_map(|h| vectors.clusters(h))
            .flat_map(|c| c[..2].iter().map(|&c| meaning_key(&self.story, c)));
        keys.extend(nearest);
        if self.lemmas.iter().any(|l| is_control(l)) {
            keys.extend(self.places.iter().map(|p| control_key(p)));
        }
        keys.sort();
        keys.dedup();
        keys
    }

    pub fn absorb(&mut self, view: &EventView) {
        if self.root.is_empty() {
            self.root = view.root().to_string();
            self.plover = view.event.plover.clone();
        }
        push_new(&mut self.lemmas, [view.event.lemma.clone()].into_iter().filter(|l| !l.is_empty()));
        push_new(&mut self.heads, [view.head.clone()].into_iter().filter(|h| !h.is_empty()));
        push_new(&mut self.sources, view.sources.iter().cloned());
        push_new(&mut self.targets, view.targets.iter().cloned());
        push_new(&mut self.places, view.place_key());
        push_new(&mut self.points, view.point());
        push_new(&mut self.context, view.context.iter().cloned());
        push_new(&mut self.words, view.words.iter().cloned());
        let sentence = view.event.sentence;
        self.first_sentence = Some(self.first_sentence.map_or(sentence, |s| s.min(sentence)));
        self.last_document.clone_from(&view.mention.document);
        if let Some(day) = view.event.day {
            self.first_day = Some(self.first_day.map_or(day, |d| d.min(day)));
            self.last_day = Some(self.last_day.map_or(day, |d| d.max(day)));
        }
        self.reports += 1;
        self.keep_evidence(&view.mention);
    }

    /// Keeps `mention` as evidence unless one kept already reports the same
    /// position, up to [`MAX_EVIDENCE`].
    fn keep_evidence(&mut self, mention: &EventMention) {
        let repeated = self.mentions.iter().any(|m| m.same_position(mention));
        if !repeated && self.mentions.len() < MAX_EVIDENCE {
            self.mentions.push(mention.clone());
        }
    }

    /// Whether `other` could be this event by the countries of the actors
    /// on each side, the rule a single report must pass: a report that
    /// fits both may name neither side's actors and so bridge two events
    /// ("Russian forces struck Kharkiv" / "Ukrainian forces struck
    /// Belgorod" / "the strikes continued").
    pub fn may_merge(&self, other: &EventProfile) -> bool {
        !countries_clash(&self.sources, &other.sources) && !countries_clash(&self.targets, &other.targets)
    }

    /// Takes in `other`, an event the linking had kept apart until one
    /// mention fitted both: its names, participants, places, days, words
    /// and evidence join this one's.
    pub fn merge(&mut self, other: EventProfile) {
        push_new(&mut self.lemmas, other.lemmas);
        push_new(&mut self.heads, other.heads);
        push_new(&mut self.sources, other.sources);
        push_new(&mut self.targets, other.targets);
        push_new(&mut self.places, other.places);
        push_new(&mut self.points, other.points);
        push_new(&mut self.context, other.context);
        push_new(&mut self.words, other.words);
        self.first_sentence = self.first_sentence.into_iter().chain(other.first_sentence).min();
        self.first_day = self.first_day.into_iter().chain(other.first_day).min();
        self.last_day = self.last_day.max(other.last_day);
        self.reports += other.reports;
        for mention in &other.mentions {
            self.keep_evidence(mention);
        }
    }

    /// How well the mention fits this event (the logistic model's
    /// probability that it reports it), or `None` if it cannot be a report
    /// of it.
    pub fn fit(&self, view: &EventView, weights: &EventWeights) -> Option<f32> {
        let features = self.features(view, weights.max_days)?;
        // The same sentence on the same trigger in another document is a
        // copy of a report this event holds (wire copy run by many outlets,
        // an updated article):
        // ECB+, where the weights are learned, has no copies, and without
        // this a copy's later sentences never joined their events.
        let copied = |m: &EventMention| {
            m.document != view.mention.document && m.trigger == view.mention.trigger && m.text == view.mention.text
        };
        if self.mentions.iter().any(copied) {
            return Some(1.0);
        }
        let score: f32 = weights.weights.iter().zip(features).map(|(w, x)| w * x).sum();
        Some(logistic(score))
    }

    /// The mention's features against this event, or `None` when a
    /// compatibility rule rules the pair out.
    pub fn features(&self, view: &EventView, max_days: i32) -> Option<EventFeatures> {
        let root = view.root();
        let same_lemma = self.lemmas.contains(&view.event.lemma);
        let same_root = !root.is_empty() && root == self.root;
        let group = trigger_group(&view.event.lemma);
        let related = !same_lemma && group.is_some_and(|g| self.lemmas.iter().any(|l| trigger_group(l) == Some(g)));
        // Only another lemma needs the vectors: the same one passes the
        // rule, and the feature reads the cosine for other lemmas alone.
        let similarity = if same_lemma { 0.0 } else { self.trigger_similarity(&view.head) };
        if !same_lemma && !same_root && !related && similarity < SIMILAR_MEANING {
            return None;
        }
        let shared = |ours: &[String], theirs: &[String]| theirs.iter().any(|t| ours.contains(t));
        // Reports of speech are one event only when one speaker made them:
        // "said" is the commonest trigger and names nothing by itself.
        if (root == "01" || is_reporting(&view.event.lemma)) && !shared(&self.sources, &view.sources) {
            return None;
        }
        // A source, a target or a place that disagrees is evidence against,
        // not a veto: they come from the coder and the geocoder, which read
        // two reports of one event differently often enough that vetoes
        // cost more chains than they saved (ECB+, `docs/linking.md`).
        let clash = |ours: &[String], theirs: &[String]| {
            disjoint(ours.iter().map(String::as_str), theirs.iter().map(String::as_str))
        };
        // Actors of different countries on either side make another event,
        // not another reading of one ("Russian forces struck Kharkiv" /
        // "Ukrainian forces struck Belgorod"); the coder's countries are
        // reliable where its sectors and the entity linking are not.
        if countries_clash(&self.sources, &view.sources) || countries_clash(&self.targets, &view.targets) {
            return None;
        }
        // Likewise specific places far apart: a town and the city around
        // it, or two namings of one neighbourhood, are one place to a
        // reader, but strikes on Kharkiv and on Odesa are two events.
        if let Some((lat, lon)) = view.point() {
            let near =
                |&(other_lat, other_lon): &(f64, f64)| distance_km(lat, lon, other_lat, other_lon) <= MAX_PLACE_KM;
            if !self.points.is_empty() && !self.points.iter().any(near) {
                return None;
            }
        }
        let place = view.place_key();
        let place_clash = place.as_ref().is_some_and(|p| !self.places.is_empty() && !self.places.contains(p));
        let planned = self.planned || view.event.status == EventStatus::Planned;
        let day_gap = match (view.event.day, self.first_day, self.last_day) {
            (Some(day), Some(first), Some(last)) => Some((first - day).max(day - last).max(0)),
            _ => None,
        };
        // Unplanned reports days apart are two events: a city struck on
        // Monday and again on Thursday. (Planned ones are exempt: a
        // rescheduled meeting stays one event with two dates.)
        if !planned && day_gap.is_some_and(|gap| gap > max_days) {
            return None;
        }
        // One article giving two days for scheduled events names two events
        // ("advisers meet on January 3 ... leaders on January 6 ... both
        // meetings"); a rescheduling shows up across articles.
        let other_day_here = |m: &EventMention| {
            m.document == view.mention.document
                && m.day.is_some()
                && view.event.day.is_some()
                && m.day != view.event.day
        };
        if planned && self.mentions.iter().any(other_day_here) {
            return None;
        }
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        let context = match (self.context.is_empty() || view.context.is_empty(), shared(&self.context, &view.context)) {
            (true, _) => 0.0,
            (false, true) => 1.0,
            (false, false) => -1.0,
        };
        // News leads report the story's main events; the sentence index
        // tells a lead report from background further down.
        let position = |sentence: usize| sentence.min(10) as f32 / 10.0;
        let first_sentence = self.first_sentence.unwrap_or(view.event.sentence);
        let common_words = view.words.iter().filter(|w| self.words.contains(w)).count();
        let word_share = common_words as f32 / (view.words.len() + 1) as f32;
        let same_document = self.last_document == view.mention.document;
        let reports = (self.reports as f32 + 1.0).ln();
        let repeats = view.lemma_repeats.min(5) as f32 / 5.0;
        // The products below let one fact weigh differently with another:
        // shared words say more across documents than within one, and a
        // lemma repeated in an article says more about its own events.
        Some([
            1.0,
            flag(same_lemma),
            flag(same_root),
            flag(shared(&self.sources, &view.sources)),
            flag(shared(&self.targets, &view.targets)),
            flag(place.is_some_and(|p| self.places.contains(&p))),
            flag(day_gap == Some(0)),
            context,
            position(view.event.sentence),
            position(first_sentence),
            flag(view.event.sentence < 4 && first_sentence < 4),
            flag(same_document),
            word_share,
            reports,
            repeats,
            flag(related),
            flag(same_lemma && !same_document),
            flag(same_lemma) * word_share,
            flag(clash(&self.sources, &view.sources)),
            flag(clash(&self.targets, &view.targets)),
            flag(place_clash),
            similarity,
            flag(same_lemma && !same_document) * word_share,
            flag(same_lemma) * word_share * reports,
            position(first_sentence) * reports,
            flag(same_document) * repeats,
        ])
    }

    /// The highest cosine between the mention's trigger head and this
    /// event's, 0 where the word vectors lack one.
    fn trigger_similarity(&self, head: &str) -> f32 {
        let vectors = newsgraph_vectors::english();
        let Some(ours) = vectors.vector(head) else { return 0.0 };
        let best = self.heads.iter().filter_map(|h| vectors.vector(h)).map(|theirs| vectors.cosine(ours, theirs));
        best.fold(0.0, f32::max)
    }
}

/// Whether both lists have values and none of `theirs` is one of `ours`.
fn disjoint<'a>(ours: impl Iterator<Item = &'a str> + Clone, theirs: impl Iterator<Item = &'a str>) -> bool {
    let mut theirs = theirs.peekable();
    ours.clone().next().is_some() && theirs.peek().is_some() && !theirs.any(|t| ours.clone().any(|o| o == t))
}

/// Whether both participant lists name actors and no country of one is a
/// country of the other (the first three letters of a CAMEO actor code).
/// Runs for every candidate event, so it compares in place.
fn countries_clash(ours: &[String], theirs: &[String]) -> bool {
    fn countries(list: &[String]) -> impl Iterator<Item = &str> + Clone {
        list.iter().filter(|p| !is_entity_id(p)).filter_map(|code| code.get(..3))
    }
    disjoint(countries(ours), countries(theirs))
}

fn logistic(score: f32) -> f32 {
    1.0 / (1.0 + (-score).exp())
}

/// Passes over the examples when learning, and the L2 penalty.
const EPOCHS: usize = 15;
const L2: f32 = 1e-5;

/// Logistic regression by stochastic gradient descent over labelled pairs
/// (features, same event), visiting the examples in a fixed pseudo-random
/// order so that the weights are reproducible.
pub fn learn_weights(examples: &[(EventFeatures, bool)]) -> Vec<f32> {
    let mut weights = vec![0.0f32; EVENT_FEATURES];
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut shuffler = XorShift::new(0x9e37_79b9_7f4a_7c15);
    let mut rate = 0.1f32;
    for _ in 0..EPOCHS {
        shuffler.shuffle(&mut order);
        for &i in &order {
            let (features, label) = &examples[i];
            let score: f32 = weights.iter().zip(features).map(|(w, x)| w * x).sum();
            let error = if *label { 1.0 } else { 0.0 } - logistic(score);
            for (w, x) in weights.iter_mut().zip(features) {
                *w += rate * (error * x - L2 * *w);
            }
        }
        rate *= 0.7;
    }
    weights
}

/// Whether an event lemma is the stem of a verb of saying (`+speech` in the
/// shared reporting-verb list), in any of its forms.
fn is_reporting(lemma: &str) -> bool {
    static STEMS: OnceLock<HashSet<String>> = OnceLock::new();
    STEMS.get_or_init(|| forms_where(|verb| verb.classes.speech, |_| true).map(stem).collect()).contains(lemma)
}

fn push_new<T: PartialEq>(list: &mut Vec<T>, items: impl IntoIterator<Item = T>) {
    for item in items {
        if list.len() < MAX_VALUES && !list.contains(&item) {
            list.push(item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_clash_on_codes_only() {
        let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(countries_clash(&list(&["E:a:e1", "RUSMIL"]), &list(&["UKRMIL"])));
        assert!(!countries_clash(&list(&["USA"]), &list(&["E:b:e2", "USAGOV"])));
        assert!(!countries_clash(&list(&["E:a:e1"]), &list(&["E:b:e2", "UKR"])));
        assert!(!countries_clash(&list(&[]), &list(&["UKR"])));
    }

    fn event(trigger: &str) -> ArticleEvent {
        ArticleEvent { id: "e1".into(), ..ArticleEvent::bare(0, trigger) }
    }

    fn view<'a>(event: &'a ArticleEvent, document: &str) -> EventView<'a> {
        EventView {
            event,
            story: "S:1",
            sources: Vec::new(),
            targets: Vec::new(),
            context: Vec::new(),
            words: Vec::new(),
            lemma_repeats: 1,
            head: trigger_head(&event.trigger),
            mention: EventMention {
                document: document.into(),
                event: event.id.clone(),
                text: format!("The coach was {} on Monday.", event.trigger),
                trigger: event.trigger.clone(),
                ..EventMention::default()
            },
        }
    }

    #[test]
    fn events_of_actors_of_two_countries_do_not_merge() {
        let struck = event("struck");
        let mut russian = EventProfile::found(&view(&struck, "a"));
        russian.sources.push("RUSMIL".into());
        let mut ukrainian = EventProfile::found(&view(&struck, "b"));
        ukrainian.sources.push("UKRMIL".into());
        let unnamed = EventProfile::found(&view(&struck, "c"));
        assert!(!russian.may_merge(&ukrainian));
        assert!(russian.may_merge(&unnamed) && ukrainian.may_merge(&unnamed));
    }

    #[test]
    fn a_merged_event_holds_both_events_reports() {
        let (fired, sacked) = (event("fired"), ArticleEvent { sentence: 3, ..event("sacked") });
        let mut merged = EventProfile::found(&view(&fired, "a"));
        let mut other = EventProfile::found(&view(&sacked, "b"));
        other.absorb(&view(&sacked, "c"));
        merged.merge(other);
        assert_eq!(merged.lemmas, [fired.lemma.clone(), sacked.lemma.clone()]);
        assert_eq!(merged.reports, 3);
        assert_eq!(merged.first_sentence, Some(0));
        // "c" repeats the position "b" reported: one piece of evidence.
        let documents: Vec<&str> = merged.mentions.iter().map(|m| m.document.as_str()).collect();
        assert_eq!(documents, ["a", "b"]);
    }

    #[test]
    fn triggers_of_one_meaning_are_candidates_and_unrelated_ones_are_not() {
        let (fired, sacked, painted) = (event("fired"), event("sacked"), event("painted"));
        let profile = EventProfile::found(&view(&fired, "a"));
        // No shared lemma, root or near-synonym group: only the word
        // vectors relate them.
        assert_ne!(trigger_group(&fired.lemma), trigger_group(&sacked.lemma));
        let sacked = view(&sacked, "b");
        assert!(sacked.keys().iter().any(|k| profile.keys().contains(k)));
        let features = profile.features(&sacked, 2).expect("compatible");
        let cosine = FEATURE_NAMES.iter().position(|name| name.contains("cosine")).unwrap();
        assert!(features[cosine] >= SIMILAR_MEANING);
        assert!(profile.features(&view(&painted, "c"), 2).is_none());
    }
}
