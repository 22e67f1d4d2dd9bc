use serde::{Deserialize, Serialize};

use crate::offsets::{OffsetMap, Remap};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

/// A temporal expression with its TIMEX3 normalisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// TIMEX3 value: `2026-01-03`, `2026-01`, `P1Y`, `PAST_REF`, `XXXX-01-03`, ...
    pub value: String,
    /// TIMEX3 mod: `START`, `MID`, `END`, `APPROX`, `LESS_THAN`, `MORE_THAN`.
    #[serde(default, rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
}

impl Remap for Timex {
    fn remap(&mut self, map: &OffsetMap) {
        self.start = map.to_chars(self.start);
        self.end = map.to_chars(self.end);
    }
}
