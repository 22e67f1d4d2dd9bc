//! The [`Stage`] trait every annotation component implements, the typed
//! stage names, the annotation layers stages need and add, and the report of
//! what ran on a document.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::Document;

/// The pipeline's stages, in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StageName {
    Text,
    Entities,
    Time,
    Geo,
    Attribution,
    Events,
}

impl StageName {
    /// Every stage, in pipeline order.
    pub const ALL: [StageName; 6] = [
        StageName::Text,
        StageName::Entities,
        StageName::Time,
        StageName::Geo,
        StageName::Attribution,
        StageName::Events,
    ];

    /// The name used on the command line (`--skip geo`) and in output.
    pub fn as_str(&self) -> &'static str {
        match self {
            StageName::Text => "text",
            StageName::Entities => "entities",
            StageName::Time => "time",
            StageName::Geo => "geo",
            StageName::Attribution => "attribution",
            StageName::Events => "events",
        }
    }
}

impl fmt::Display for StageName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The name is not one of the pipeline's stages.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("no stage named `{0}` (stages: text, entities, time, geo, attribution, events)")]
pub struct UnknownStage(pub String);

impl FromStr for StageName {
    type Err = UnknownStage;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        StageName::ALL.into_iter().find(|stage| stage.as_str() == name).ok_or_else(|| UnknownStage(name.to_string()))
    }
}

/// One layer of annotation a stage reads or writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    /// Sentences and word tokens.
    Sentences,
    Entities,
    Timexes,
    Places,
    Quotes,
    Events,
    /// CAMEO actor codes written into `entities[].actor`.
    ActorCodes,
}

impl Layer {
    pub fn as_str(&self) -> &'static str {
        match self {
            Layer::Sentences => "sentences",
            Layer::Entities => "entities",
            Layer::Timexes => "timexes",
            Layer::Places => "places",
            Layer::Quotes => "quotes",
            Layer::Events => "events",
            Layer::ActorCodes => "actor codes",
        }
    }
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One named pipeline component. Each stage adds its layers to the shared
/// document and declares the layers it reads, so that the pipeline can tell
/// the user which stages lose their input when another is switched off.
pub trait Stage: Send + Sync {
    /// The stage's name (`--skip entities`, benchmarks, the `stages` report).
    fn name(&self) -> StageName;
    /// Layers read from the document; without them the stage still runs, weakened.
    fn needs(&self) -> &'static [Layer];
    /// Layers this stage writes.
    fn adds(&self) -> &'static [Layer];
    /// Adds this stage's layers to `doc`. Must not panic on any text.
    fn annotate(&self, doc: &mut Document);
    /// Whether the stage only makes sense on English text; the pipeline skips
    /// such stages for documents in other languages.
    fn english_only(&self) -> bool {
        true
    }
    /// A fingerprint of the models and data the stage loaded (0 when it has none),
    /// so that outputs say which data produced them.
    fn data_fingerprint(&self) -> u64 {
        0
    }
}

/// What happened to one stage on one document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageRun {
    pub stage: StageName,
    pub status: RunStatus,
    /// Why the stage was skipped or failed, or which of its inputs were missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Whether a stage ran on a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RunStatus {
    Ran,
    Skipped,
    Failed,
}

/// Who produced a record: the tool, its version and a fingerprint of the
/// embedded models and data (and the user's dictionaries) it ran with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Producer {
    pub name: String,
    pub version: String,
    pub fingerprint: String,
}

/// FNV-1a, 64 bits: a fast, stable fingerprint of embedded data (not a
/// security hash; the content hash of texts uses SHA-256).
pub fn fnv1a(seed: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(seed ^ 0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ *byte as u64).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_names_round_trip() {
        for stage in StageName::ALL {
            assert_eq!(stage.as_str().parse::<StageName>().unwrap(), stage);
        }
        assert!("entity".parse::<StageName>().is_err());
    }
}
