//! A small driver over the store's library functions, until the `newsgraph`
//! CLI wires them: `corpus DB COMMAND ARGS...`. The kill-and-resume test
//! runs it as a child process.
//!
//!     corpus DB ingest PATH...          corpus DB story ID
//!     corpus DB stories                 corpus DB entity NAME
//!     corpus DB quotes SPEAKER          corpus DB contradictions
//!     corpus DB events [actor=RUS] [type=ASSAULT] [since=DATE] [place=X] [status=S]
//!     corpus DB search TEXT             corpus DB export FORMAT [OUT]
//!
//! `--json` anywhere prints JSON instead of tables.

use std::path::Path;
use std::process::ExitCode;

use newsgraph_store::{
    export, render, EventFilter, Format, IngestOptions, PageRequest, Store, StoreError,
};

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let format = if args.iter().any(|a| a == "--json") {
        Format::Json
    } else {
        Format::Table
    };
    args.retain(|a| a != "--json");
    match run(&args, format) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("corpus: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String], format: Format) -> Result<(), StoreError> {
    let usage =
        || StoreError::Invalid("usage: corpus DB COMMAND ARGS... (see the source)".to_string());
    let (db, command, rest) = match args {
        [db, command, rest @ ..] => (db, command.as_str(), rest),
        _ => return Err(usage()),
    };
    let first = || rest.first().cloned().ok_or_else(usage);
    let page = PageRequest::default();
    let out = match command {
        "ingest" => {
            let mut store = Store::open(db)?;
            let summary = store.ingest(rest, &IngestOptions::default(), &mut |s| {
                eprintln!(
                    "{} read, {} added, {} duplicates, {} failed, {:.1}s",
                    s.read,
                    s.added,
                    s.duplicates,
                    s.failures.len(),
                    s.seconds
                )
            })?;
            for failure in &summary.failures {
                eprintln!("{failure}");
            }
            serde_json::to_string(&summary)? + "\n"
        }
        "export" => {
            let format = first()?.parse()?;
            return export(
                &Store::open_read_only(db)?,
                format,
                rest.get(1).map(Path::new),
            );
        }
        _ => {
            let store = Store::open_read_only(db)?;
            match command {
                "stories" => render(&store.stories(&page)?, format)?,
                "story" => {
                    let id = first()?.parse().map_err(|_| usage())?;
                    store
                        .story(id)?
                        .map(|s| render(&s, format))
                        .transpose()?
                        .unwrap_or_else(|| "no such story\n".into())
                }
                "entity" => store
                    .entity(&first()?)?
                    .map(|e| render(&e, format))
                    .transpose()?
                    .unwrap_or_else(|| "no such entity\n".into()),
                "quotes" => render(&store.quotes(&first()?, &page)?, format)?,
                "contradictions" => render(&store.contradictions(&page)?, format)?,
                "search" => render(&store.search(&rest.join(" "), &page)?, format)?,
                "events" => {
                    let mut filter = EventFilter::default();
                    for arg in rest {
                        let (key, value) = arg.split_once('=').ok_or_else(usage)?;
                        let slot = match key {
                            "actor" => &mut filter.actor,
                            "type" => &mut filter.kind,
                            "since" => &mut filter.since,
                            "place" => &mut filter.place,
                            "status" => &mut filter.status,
                            _ => return Err(usage()),
                        };
                        *slot = Some(value.to_string());
                    }
                    render(&store.events(&filter, &page)?, format)?
                }
                _ => return Err(usage()),
            }
        }
    };
    print!("{out}");
    Ok(())
}
