//! The corpus commands: `ingest` into a store, the queries over it and
//! `export`, each a call of the store library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use newsgraph_store::{export, render, EventFilter, ExportFormat, Format, IngestOptions, PageRequest, Store};

/// Where the store is.
#[derive(clap::Args)]
pub struct DbArg {
    /// The store file.
    #[arg(long, value_name = "FILE", default_value = newsgraph_store::DEFAULT_PATH)]
    db: PathBuf,
}

/// The store, and how a query's results are printed.
#[derive(clap::Args)]
pub struct QueryArgs {
    #[command(flatten)]
    store: DbArg,
    /// `table` (default on a terminal) or `json`.
    #[arg(long, value_name = "FORMAT")]
    format: Option<String>,
    /// Most items in a list.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// `next_cursor` of the previous page.
    #[arg(long)]
    cursor: Option<String>,
}

#[derive(Subcommand)]
pub enum CorpusCommand {
    /// Add articles (anything `extract` reads, or newsgraph/1 lines) to the store.
    Ingest {
        #[command(flatten)]
        store: DbArg,
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<String>,
        /// Threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
        /// The publication's home region for articles that name none
        /// ("Ontario", "London, Ontario"): places with namesakes are sought
        /// there first.
        #[arg(long, value_name = "PLACE")]
        region: Option<String>,
    },
    /// Read every page of the store to find damage (an ingest reads a
    /// store over 512 MB only where it writes).
    Check {
        #[command(flatten)]
        store: DbArg,
    },
    /// The stories.
    Stories {
        #[command(flatten)]
        query: QueryArgs,
    },
    /// One story: its articles and the timeline of its events and quotes.
    Story {
        #[command(flatten)]
        query: QueryArgs,
        id: i64,
    },
    /// One corpus entity: mentions, quotes, events as source and target, co-occurring entities.
    Entity {
        #[command(flatten)]
        query: QueryArgs,
        name: String,
    },
    /// Quotes by a speaker.
    Quotes {
        #[command(flatten)]
        query: QueryArgs,
        #[arg(long)]
        speaker: String,
    },
    /// Events, filtered.
    Events {
        #[command(flatten)]
        query: QueryArgs,
        /// Actor code prefix of source or target (RUS, UKRMIL).
        #[arg(long)]
        actor: Option<String>,
        /// PLOVER type (ASSAULT) or CAMEO code prefix.
        #[arg(long = "type")]
        kind: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        since: Option<newsgraph::Date>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        until: Option<newsgraph::Date>,
        #[arg(long)]
        place: Option<String>,
        /// claimed, denied, unverified, planned, asserted, hypothetical or negated.
        #[arg(long)]
        status: Option<String>,
    },
    /// Claims that cannot both hold, side by side with their sources.
    Contradictions {
        #[command(flatten)]
        query: QueryArgs,
    },
    /// Full-text search over articles, titles, quotes and entity names.
    Search {
        #[command(flatten)]
        query: QueryArgs,
        #[arg(required = true)]
        text: Vec<String>,
    },
    /// Write the store for other tools.
    Export {
        #[command(flatten)]
        store: DbArg,
        /// jsonl, csv, parquet, gdelt-events, gdelt-mentions or gdelt-gkg.
        #[arg(long, value_name = "FORMAT")]
        format: String,
        /// File (stdout if absent) or, for csv and parquet, folder.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

pub fn run(command: CorpusCommand) -> Result<ExitCode, String> {
    let fail = |e: newsgraph_store::StoreError| e.to_string();
    match command {
        CorpusCommand::Ingest { store, paths, threads, region } => ingest(&store.db, &paths, threads, region),
        CorpusCommand::Check { store } => {
            Store::verify(&store.db).map_err(fail)?;
            println!("{}: ok", store.db.display());
            Ok(ExitCode::SUCCESS)
        }
        CorpusCommand::Export { store, format, out } => {
            let opened = Store::open_read_only(&store.db).map_err(fail)?;
            export(&opened, format.parse::<ExportFormat>().map_err(fail)?, out.as_deref()).map_err(fail)?;
            Ok(ExitCode::SUCCESS)
        }
        query => {
            print!("{}", run_query(query).map_err(fail)?);
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The store opened for reading, the output format (as asked, else a
/// table on a terminal and JSON in a pipe) and the page asked for.
fn open(query: &QueryArgs) -> newsgraph_store::Result<(Store, Format, PageRequest)> {
    let format = match &query.format {
        Some(text) => text.parse()?,
        None if std::io::stdout().is_terminal() => Format::Table,
        None => Format::Json,
    };
    let page = PageRequest { limit: query.limit, cursor: query.cursor.clone() };
    Ok((Store::open_read_only(&query.store.db)?, format, page))
}

fn run_query(command: CorpusCommand) -> newsgraph_store::Result<String> {
    let missing = |what: &str| Ok(format!("no such {what}\n"));
    match command {
        CorpusCommand::Stories { query } => {
            let (store, format, page) = open(&query)?;
            render(&store.stories(&page)?, format)
        }
        CorpusCommand::Story { query, id } => {
            let (store, format, _) = open(&query)?;
            store.story(id)?.map_or_else(|| missing("story"), |story| render(&story, format))
        }
        CorpusCommand::Entity { query, name } => {
            let (store, format, _) = open(&query)?;
            store.entity(&name)?.map_or_else(|| missing("entity"), |entity| render(&entity, format))
        }
        CorpusCommand::Quotes { query, speaker } => {
            let (store, format, page) = open(&query)?;
            render(&store.quotes(&speaker, &page)?, format)
        }
        CorpusCommand::Events { query, actor, kind, since, until, place, status } => {
            let (store, format, page) = open(&query)?;
            let since = since.map(|d| d.to_string());
            let until = until.map(|d| d.to_string());
            let filter = EventFilter { actor, kind, since, until, place, status };
            render(&store.events(&filter, &page)?, format)
        }
        CorpusCommand::Contradictions { query } => {
            let (store, format, page) = open(&query)?;
            render(&store.contradictions(&page)?, format)
        }
        CorpusCommand::Search { query, text } => {
            let (store, format, page) = open(&query)?;
            render(&store.search(&text.join(" "), &page)?, format)
        }
        CorpusCommand::Ingest { .. } | CorpusCommand::Check { .. } | CorpusCommand::Export { .. } => {
            Err(newsgraph_store::StoreError::Invalid("not a query".into()))
        }
    }
}

/// Ingests with progress on stderr; failures are listed, and make the exit status 1.
fn ingest(
    db: &std::path::Path,
    paths: &[String],
    threads: Option<usize>,
    region: Option<String>,
) -> Result<ExitCode, String> {
    let mut store = Store::open(db).map_err(|e| e.to_string())?;
    let options = IngestOptions { threads: threads.unwrap_or(0), region, ..IngestOptions::default() };
    let summary = store
        .ingest(paths, &options, &mut |s| {
            eprintln!(
                "newsgraph: {} read, {} added, {} already stored, {} failed ({:.1} s)",
                s.read,
                s.added,
                s.duplicates,
                s.failures.len(),
                s.seconds
            )
        })
        .map_err(|e| e.to_string())?;
    for failure in &summary.failures {
        eprintln!("newsgraph: {failure}");
    }
    Ok(if summary.failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
