//! Corpus events: every mention of one real event, within and across
//! documents, merged into one profile with each mention, source and status.
//!
//! A mention joins the best-fitting corpus event of its story that passes
//! the compatibility rules: compatible type (same CAMEO root, or the same
//! trigger lemma when the coder read the context differently), no clash of
//! source or target (corpus entity or actor code), of specific place, or of
//! day (more than [`crate::LinkConfig::event_days`] apart; planned events
//! are exempt so that a rescheduled meeting stays one event and its two
//! dates can be reported as a contradiction). The fit rewards the same
//! trigger lemma, shared participants, place and day.

use std::collections::HashSet;
use std::sync::OnceLock;

use newsgraph_core::words::reporting::forms_where;
use newsgraph_core::EventStatus;
use serde::{Deserialize, Serialize};

use crate::article::{ArticleEvent, EventPlace};
use crate::contradictions::is_control;
use crate::text::stem;

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
    /// Corpus entity ids and actor codes of sources, and of targets.
    pub sources: Vec<String>,
    pub targets: Vec<String>,
    /// Specific places (GeoNames id or folded name).
    pub places: Vec<String>,
    /// Corpus entities named in the mentions' sentences.
    #[serde(default)]
    pub context: Vec<String>,
    pub first_day: Option<i32>,
    pub last_day: Option<i32>,
    pub planned: bool,
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

/// Most evidence mentions one corpus event keeps.
const MAX_EVIDENCE: usize = 24;
/// Most values one event keeps per list (lemmas, participants, places,
/// context entities): enough for every compatibility check in practice,
/// and a bound on what each look-up reads.
const MAX_VALUES: usize = 48;

/// One report of a corpus event: where, by whom, with what status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    pub mention: EventMention,
}

impl EventView<'_> {
    pub fn root(&self) -> &str {
        self.event.cameo.get(..2).unwrap_or("")
    }

    pub fn place_key(&self) -> Option<String> {
        place_key_of(self.event.place.as_ref())
    }

    /// Blocking keys to look the mention's event up by.
    pub fn keys(&self) -> Vec<String> {
        event_keys(self.story, self.root(), &self.event.lemma)
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

/// Keys of an event: story with CAMEO root, and story with trigger lemma.
fn event_keys(story: &str, root: &str, lemma: &str) -> Vec<String> {
    let mut keys = Vec::with_capacity(2);
    if !root.is_empty() {
        keys.push(format!("v:{story}|r:{root}"));
    }
    if !lemma.is_empty() {
        keys.push(format!("v:{story}|l:{lemma}"));
    }
    keys
}

/// Weights and limits of the event fit; see [`crate::LinkConfig`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventWeights {
    pub lemma: f32,
    pub root: f32,
    pub participant: f32,
    pub place: f32,
    pub day: f32,
    /// Added when the sentences name a common corpus entity, taken away
    /// when both name entities and none in common.
    pub context: f32,
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
            sources: Vec::new(),
            targets: Vec::new(),
            places: Vec::new(),
            context: Vec::new(),
            first_day: None,
            last_day: None,
            planned: view.event.status == EventStatus::Planned,
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
        push_new(&mut self.sources, view.sources.iter().cloned());
        push_new(&mut self.targets, view.targets.iter().cloned());
        push_new(&mut self.places, view.place_key());
        push_new(&mut self.context, view.context.iter().cloned());
        if let Some(day) = view.event.day {
            self.first_day = Some(self.first_day.map_or(day, |d| d.min(day)));
            self.last_day = Some(self.last_day.map_or(day, |d| d.max(day)));
        }
        self.reports += 1;
        let repeated = self.mentions.iter().any(|m| m.same_position(&view.mention));
        if !repeated && self.mentions.len() < MAX_EVIDENCE {
            self.mentions.push(view.mention.clone());
        }
    }

    /// How well the mention fits this event, or `None` if it cannot be a
    /// report of it.
    pub fn fit(&self, view: &EventView, weights: &EventWeights) -> Option<f32> {
        let root = view.root();
        let same_lemma = self.lemmas.contains(&view.event.lemma);
        let same_root = !root.is_empty() && root == self.root;
        if !same_lemma && !same_root {
            return None;
        }
        let clash = |ours: &[String], theirs: &[String]| {
            !ours.is_empty() && !theirs.is_empty() && !theirs.iter().any(|t| ours.contains(t))
        };
        if clash(&self.sources, &view.sources) || clash(&self.targets, &view.targets) {
            return None;
        }
        let shared = |ours: &[String], theirs: &[String]| theirs.iter().any(|t| ours.contains(t));
        // Reports of speech are one event only when one speaker made them:
        // "said" is the commonest trigger and names nothing by itself.
        if (root == "01" || is_reporting(&view.event.lemma)) && !shared(&self.sources, &view.sources) {
            return None;
        }
        let place = view.place_key();
        if let Some(place) = &place {
            if !self.places.is_empty() && !self.places.contains(place) {
                return None;
            }
        }
        let planned = self.planned || view.event.status == EventStatus::Planned;
        let day_gap = match (view.event.day, self.first_day, self.last_day) {
            (Some(day), Some(first), Some(last)) => Some((first - day).max(day - last).max(0)),
            _ => None,
        };
        if !planned && day_gap.is_some_and(|gap| gap > weights.max_days) {
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
        let mut score = 0.0;
        if !self.context.is_empty() && !view.context.is_empty() {
            score += if shared(&self.context, &view.context) { weights.context } else { -weights.context };
        }
        if same_lemma {
            score += weights.lemma;
        }
        if same_root {
            score += weights.root;
        }
        if shared(&self.sources, &view.sources) {
            score += weights.participant;
        }
        if shared(&self.targets, &view.targets) {
            score += weights.participant;
        }
        if place.is_some_and(|p| self.places.contains(&p)) {
            score += weights.place;
        }
        if day_gap == Some(0) {
            score += weights.day;
        }
        Some(score)
    }
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
