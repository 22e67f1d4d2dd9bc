use serde::{Deserialize, Serialize};

use crate::offsets::{OffsetMap, Remap};
use crate::Mention;

/// How the text vouches for an event (asserted unless a cue says
/// otherwise).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    #[default]
    Asserted,
    Claimed,
    Denied,
    Unverified,
    Planned,
    Hypothetical,
    Negated,
}

/// A source or target actor of an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    pub text: String,
    /// `entities[].id`, or null.
    pub entity: Option<String>,
    /// CAMEO-style actor code (`RUSGOV`, `UKRMIL`, `NATO`).
    pub actor: Option<String>,
    pub start: usize,
    pub end: usize,
}

impl Remap for Participant {
    fn remap(&mut self, map: &OffsetMap) {
        self.start = map.to_chars(self.start);
        self.end = map.to_chars(self.end);
    }
}

/// A coded event: who did what to whom, when, where, on whose word.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    /// Index into `sentences`.
    pub sentence: usize,
    pub trigger: Mention,
    pub cameo: String,
    pub plover: String,
    pub source: Option<Participant>,
    pub target: Option<Participant>,
    /// TIMEX3 value of when it happened or is planned.
    pub date: Option<String>,
    /// Index into `places`.
    pub place: Option<usize>,
    pub status: EventStatus,
    /// `entities[].id` of the party that claims it.
    pub attributed_to: Option<String>,
}

impl Remap for Event {
    fn remap(&mut self, map: &OffsetMap) {
        self.trigger.remap(map);
        self.source.remap(map);
        self.target.remap(map);
    }
}
