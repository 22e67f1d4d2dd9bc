//! newsgraph: the library that every client (the command line, the corpus
//! store, the server, the Python package) calls, as ripgrep's `grep` crate is
//! a facade over its parts. It reads articles, fills in the anchor date,
//! runs each stage with its failures caught, and makes the output
//! [`Record`], once, here:
//!
//! ```no_run
//! use newsgraph::{Options, Pipeline};
//! let pipeline = Pipeline::load(Options::default()).unwrap();
//! let inputs = newsgraph::read_inputs(&["article.txt".to_string()]);
//! pipeline.run(inputs, 2, |outcome| match outcome {
//!     Ok(record) => println!("{} entities", record.entities.len()),
//!     Err(failure) => eprintln!("{failure}"),
//! });
//! ```

mod failure;
mod pipeline;

pub use failure::{Failure, StageFailure};
pub use newsgraph_core::{
    check_output_offsets, content_hash, Date, DateError, Document, Entity, EntityType, Event, EventStatus, Language,
    LanguageError, Layer, Mention, Participant, Place, PlaceKind, Producer, Quote, QuoteKind, Record, RunStatus, Span,
    StageName, StageRun, Timex, TimexType, UnknownStage, SCHEMA,
};
pub use newsgraph_ingest::{read_bytes, read_inputs, Inputs, Raw, ReadError, ReadErrorKind, MAX_DOCUMENT_BYTES};
pub use newsgraph_pipeline::{measure, LoadError, MissingInput};
pub use pipeline::{Options, Pipeline};
