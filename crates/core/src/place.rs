use serde::{Deserialize, Serialize};

use crate::offsets::{OffsetMap, Remap};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    Country,
    Admin1,
    Admin2,
    City,
    Region,
    Other,
}

/// A place mention resolved to one gazetteer entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u64>,
    pub kind: PlaceKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// `entities[].id` of the entity this mention belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
}

impl Remap for Place {
    fn remap(&mut self, map: &OffsetMap) {
        self.start = map.to_chars(self.start);
        self.end = map.to_chars(self.end);
    }
}
