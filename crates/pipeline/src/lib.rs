//! newsgraph-pipeline: assembles the stages in their fixed order (text,
//! entities, time, geo, attribution, events), checks at load that every
//! stage finds the layers it reads, runs them on one document with each
//! stage's panics caught, and runs documents on all cores in input order.

pub mod measure;
mod parallel;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use newsgraph_core::{fnv1a, Document, Language, Layer, RunStatus, Stage, StageName, StageRun};

pub use parallel::{run_ordered, RunnerOptions};

/// What the user asked of the pipeline.
#[derive(Clone, Debug, Default)]
pub struct PipelineOptions {
    /// Stages switched off.
    pub skip: Vec<StageName>,
    /// Extra actor dictionaries (project format or PETRARCH/Phoenix format).
    pub actors: Vec<PathBuf>,
    /// Extra verb dictionaries (PETRARCH/Phoenix format).
    pub verbs: Vec<PathBuf>,
    /// The language of every document, instead of detecting it.
    pub language: Option<Language>,
}

/// A stage failed to load its resources.
#[derive(Debug, thiserror::Error)]
#[error("cannot load the {stage} stage: {reason}")]
pub struct LoadError {
    pub stage: StageName,
    pub reason: String,
}

/// The loaded stages, in order, and what the user switched off.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
    skipped: Vec<StageName>,
    language: Option<Language>,
    /// Layers some stage reads that no loaded stage writes, with the stages
    /// that lose them: told to the user at load.
    missing_inputs: Vec<MissingInput>,
}

/// A layer a stage reads but no earlier loaded stage writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingInput {
    pub stage: StageName,
    pub layer: Layer,
}

impl std::fmt::Display for MissingInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the {} stage runs without {} (their stage is switched off), so it finds less",
            self.stage, self.layer
        )
    }
}

fn loaded<S: Stage + 'static, E: std::fmt::Display>(
    stage: StageName,
    result: Result<S, E>,
) -> Result<Box<dyn Stage>, LoadError> {
    result.map(|s| Box::new(s) as Box<dyn Stage>).map_err(|e| LoadError { stage, reason: e.to_string() })
}

impl Pipeline {
    /// Loads every stage not switched off in `options`.
    pub fn load(options: &PipelineOptions) -> Result<Self, LoadError> {
        let mut stages = Vec::new();
        for name in StageName::ALL.into_iter().filter(|name| !options.skip.contains(name)) {
            stages.push(match name {
                StageName::Text => Box::new(newsgraph_text::TextStage::new()) as Box<dyn Stage>,
                StageName::Entities => loaded(name, newsgraph_entities::EntityStage::load())?,
                StageName::Time => loaded(name, newsgraph_time::TimeStage::load())?,
                StageName::Geo => loaded(name, newsgraph_geo::GeoStage::load())?,
                StageName::Attribution => loaded(name, newsgraph_attribution::AttributionStage::load())?,
                StageName::Events => loaded(name, newsgraph_events::EventStage::load(&options.actors, &options.verbs))?,
            });
        }
        Ok(Self::with_stages(stages, options.language))
    }

    /// A pipeline of exactly these stages (for benchmarks and evaluation).
    pub fn from_stages(stages: Vec<Box<dyn Stage>>) -> Self {
        Self::with_stages(stages, None)
    }

    fn with_stages(stages: Vec<Box<dyn Stage>>, language: Option<Language>) -> Self {
        let skipped = StageName::ALL.into_iter().filter(|name| !stages.iter().any(|s| s.name() == *name)).collect();
        let missing_inputs = missing_inputs(&stages);
        Pipeline { stages, skipped, language, missing_inputs }
    }

    pub fn stages(&self) -> &[Box<dyn Stage>] {
        &self.stages
    }

    /// Stages some of whose input layers no loaded stage writes.
    pub fn missing_inputs(&self) -> &[MissingInput] {
        &self.missing_inputs
    }

    /// A fingerprint of every loaded stage's models and data.
    pub fn data_fingerprint(&self) -> u64 {
        self.stages.iter().fold(0, |hash, stage| fnv1a(hash, &stage.data_fingerprint().to_le_bytes()))
    }

    /// Runs every stage over `doc` and reports, for every stage of the
    /// pipeline, whether it ran. English-only stages are skipped for other
    /// languages. A stage that panics fails alone: its layers are cleared,
    /// the later stages still run, and the report says so.
    pub fn annotate(&self, doc: &mut Document) -> Vec<StageRun> {
        let mut runs: Vec<StageRun> = self.skipped.iter().map(|&stage| skipped(stage, "switched off".into())).collect();
        let mut failed_layers: Vec<Layer> = Vec::new();
        for stage in &self.stages {
            if stage.english_only() && !self.language_of(doc).allows_english_stages() {
                runs.push(skipped(stage.name(), format!("English only, and the document is in `{}`", doc.language)));
                continue;
            }
            let outcome = catch_unwind(AssertUnwindSafe(|| stage.annotate(doc)));
            if stage.name() == StageName::Text {
                if let Some(language) = self.language {
                    doc.language = language.to_string();
                }
            }
            runs.push(match outcome {
                Ok(()) => ran(stage.as_ref(), &self.missing_inputs, &failed_layers),
                Err(panic) => {
                    stage.adds().iter().for_each(|layer| clear_layer(doc, *layer));
                    failed_layers.extend(stage.adds());
                    StageRun { stage: stage.name(), status: RunStatus::Failed, reason: Some(panic_message(&panic)) }
                }
            });
        }
        runs.sort_by_key(|run| run.stage);
        runs
    }

    fn language_of(&self, doc: &Document) -> Language {
        self.language.unwrap_or_else(|| doc.language.parse().unwrap_or_default())
    }
}

fn skipped(stage: StageName, reason: String) -> StageRun {
    StageRun { stage, status: RunStatus::Skipped, reason: Some(reason) }
}

/// The report of a stage that ran, naming the inputs it went without.
fn ran(stage: &dyn Stage, missing: &[MissingInput], failed: &[Layer]) -> StageRun {
    let lacking: Vec<&str> = stage
        .needs()
        .iter()
        .filter(|layer| failed.contains(layer) || missing.iter().any(|m| m.stage == stage.name() && m.layer == **layer))
        .map(Layer::as_str)
        .collect();
    let reason = (!lacking.is_empty()).then(|| format!("ran without {}", lacking.join(", ")));
    StageRun { stage: stage.name(), status: RunStatus::Ran, reason }
}

/// Every (stage, layer) where a stage reads a layer no earlier stage writes.
fn missing_inputs(stages: &[Box<dyn Stage>]) -> Vec<MissingInput> {
    let mut written: Vec<Layer> = Vec::new();
    let mut missing = Vec::new();
    for stage in stages {
        for layer in stage.needs().iter().filter(|layer| !written.contains(layer)) {
            missing.push(MissingInput { stage: stage.name(), layer: *layer });
        }
        written.extend(stage.adds());
    }
    missing
}

/// Empties a layer a failed stage may have left half written.
fn clear_layer(doc: &mut Document, layer: Layer) {
    match layer {
        Layer::Sentences => {
            doc.sentences.clear();
            doc.tokens.clear();
        }
        Layer::Entities => doc.entities.clear(),
        Layer::Timexes => doc.timexes.clear(),
        Layer::Places => doc.places.clear(),
        Layer::Quotes => doc.quotes.clear(),
        Layer::Events => doc.events.clear(),
        Layer::ActorCodes => doc.entities.iter_mut().for_each(|entity| entity.actor = None),
    }
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    let detail =
        panic.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| panic.downcast_ref::<String>().cloned());
    format!("internal error: {} (please report this input)", detail.unwrap_or_else(|| "panic".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Panics;

    impl Stage for Panics {
        fn name(&self) -> StageName {
            StageName::Geo
        }
        fn needs(&self) -> &'static [Layer] {
            &[Layer::Sentences, Layer::Entities]
        }
        fn adds(&self) -> &'static [Layer] {
            &[Layer::Places]
        }
        fn annotate(&self, _: &mut Document) {
            panic!("boom");
        }
    }

    #[test]
    fn a_panicking_stage_fails_alone_and_missing_inputs_are_named() {
        let pipeline = Pipeline::from_stages(vec![Box::new(newsgraph_text::TextStage::new()), Box::new(Panics)]);
        assert_eq!(pipeline.missing_inputs(), &[MissingInput { stage: StageName::Geo, layer: Layer::Entities }]);
        let mut doc = Document::new("d", "s", "Kyiv is a city.");
        let runs = pipeline.annotate(&mut doc);
        let geo = runs.iter().find(|r| r.stage == StageName::Geo).unwrap();
        assert_eq!(geo.status, RunStatus::Failed);
        assert!(geo.reason.as_deref().unwrap().contains("boom"));
        assert_eq!(runs.len(), StageName::ALL.len());
        assert!(!doc.sentences.is_empty());
    }
}
