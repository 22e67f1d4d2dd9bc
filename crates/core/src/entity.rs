use serde::{Deserialize, Serialize};

use crate::offsets::{OffsetMap, Remap};
use crate::Mention;

/// Entity types of the output contract (OntoNotes-style, plus MISC).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    Person,
    Org,
    Gpe,
    Loc,
    Norp,
    Fac,
    Event,
    Product,
    Misc,
}

impl EntityType {
    /// Places: geopolitical entities, other locations and facilities.
    pub fn is_place(self) -> bool {
        matches!(self, EntityType::Gpe | EntityType::Loc | EntityType::Fac)
    }
}

/// One real-world referent of the document and all its mentions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// `e0`, `e1`, ... in order of first mention.
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Canonical, fullest form seen, titles stripped.
    pub name: String,
    pub mentions: Vec<Mention>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// ISO 3166-1 alpha-2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

impl Remap for Entity {
    fn remap(&mut self, map: &OffsetMap) {
        self.mentions.remap(map);
    }
}
