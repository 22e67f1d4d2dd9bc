//! newsgraph-pipeline: assembles the stages in their fixed order
//! (text, entities, time, geo, attribution, events) and runs documents
//! through them on all cores, keeping the input order.

mod parallel;

use newsgraph_core::{Document, Stage};

pub use parallel::run_ordered;

/// Stage names in pipeline order, as accepted by `--skip`.
pub const STAGE_NAMES: [&str; 6] = ["text", "entities", "time", "geo", "attribution", "events"];

/// What the user asked of the pipeline.
#[derive(Clone, Debug, Default)]
pub struct PipelineOptions {
    /// Stage names to switch off.
    pub skip: Vec<String>,
    /// Extra actor dictionaries (project format or PETRARCH/Phoenix format).
    pub actors: Vec<std::path::PathBuf>,
    /// Extra verb dictionaries (PETRARCH/Phoenix format).
    pub verbs: Vec<std::path::PathBuf>,
}

/// A stage failed to load its resources.
#[derive(Debug)]
pub struct LoadError {
    pub stage: &'static str,
    pub reason: String,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot load the {} stage: {}", self.stage, self.reason)
    }
}

impl std::error::Error for LoadError {}

/// The loaded stages, in order.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

fn loaded<S: Stage + 'static, E: std::fmt::Display>(
    stage: &'static str,
    result: Result<S, E>,
) -> Result<Box<dyn Stage>, LoadError> {
    result.map(|s| Box::new(s) as Box<dyn Stage>).map_err(|e| LoadError { stage, reason: e.to_string() })
}

impl Pipeline {
    /// Loads every stage not switched off in `options`.
    pub fn load(options: &PipelineOptions) -> Result<Self, LoadError> {
        let wanted = |name: &str| !options.skip.iter().any(|s| s == name);
        let mut stages = Vec::new();
        if wanted("text") {
            stages.push(Box::new(newsgraph_text::TextStage::new()) as Box<dyn Stage>);
        }
        if wanted("entities") {
            stages.push(loaded("entities", newsgraph_entities::EntityStage::load())?);
        }
        if wanted("time") {
            stages.push(loaded("time", newsgraph_time::TimeStage::load())?);
        }
        if wanted("geo") {
            stages.push(loaded("geo", newsgraph_geo::GeoStage::load())?);
        }
        if wanted("attribution") {
            stages.push(loaded("attribution", newsgraph_attribution::AttributionStage::load())?);
        }
        if wanted("events") {
            stages.push(loaded("events", newsgraph_events::EventStage::load(&options.actors, &options.verbs))?);
        }
        Ok(Pipeline { stages })
    }

    /// A pipeline of exactly these stages (for benchmarks and evaluation).
    pub fn from_stages(stages: Vec<Box<dyn Stage>>) -> Self {
        Pipeline { stages }
    }

    pub fn stages(&self) -> &[Box<dyn Stage>] {
        &self.stages
    }

    /// Runs every stage over `doc`, skipping English-only stages for other languages.
    pub fn annotate(&self, doc: &mut Document) {
        for stage in &self.stages {
            if stage.english_only() && !is_english(doc) {
                continue;
            }
            stage.annotate(doc);
        }
    }
}

/// English, or too short to tell (treated as English so short inputs still get annotated).
fn is_english(doc: &Document) -> bool {
    doc.language == "en" || doc.language == "und"
}
