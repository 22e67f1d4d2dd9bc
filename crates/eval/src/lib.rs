//! newsgraph-eval: scorers that run the pipeline on the public gold corpora
//! in `../shared/eval/` and print precision, recall, F1 and the other figures
//! the README reports. One module per stage, each called by
//! `newsgraph eval <what> ARGS...`.

pub mod clusters;
pub mod corpus_entities;
pub mod crossdoc;
pub mod ecb;
pub mod error;
pub mod event_dates;
pub mod event_model;
pub mod events;
mod folds;
pub mod geo;
pub mod html;
pub mod ner;
pub mod quotes;
pub mod stories;
pub mod story_model;
pub mod timex;

pub use error::EvalError;

/// Runs the evaluation named `what` with its own command-line arguments.
pub fn run(what: &str, args: &[String]) -> Result<(), EvalError> {
    match what {
        "ner" => ner::run(args),
        "timex" => timex::run(args),
        "geo" => geo::run(args),
        "quotes" => quotes::run(args),
        "events" => events::run(args),
        "html" => html::run(args),
        "stories" => stories::run(args),
        "crossdoc" => crossdoc::run(args),
        "dates" => event_dates::run(args),
        "entities" => corpus_entities::run(args),
        other => Err(EvalError::Usage(format!(
            "unknown evaluation `{other}`; expected ner, timex, geo, quotes, events, dates, html, stories, crossdoc or entities"
        ))),
    }
}
