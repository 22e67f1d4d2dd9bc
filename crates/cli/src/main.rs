//! `newsgraph`: the command line. A thin client of the `newsgraph` library:
//! it parses arguments (clap), and hands the work to the library, the
//! scorers and the trainer.

mod bench;
mod corpus;
mod extract;

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use newsgraph::{Date, Language, StageName};

/// mimalloc rather than the system's allocator: ingest builds and drops
/// many small values per document (about a fifth of its time went to
/// malloc and free), and extracted records ingest about 19% faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// newsgraph: turn news articles into structured, linked data.
#[derive(Parser)]
#[command(name = "newsgraph", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Annotate articles: one newsgraph/1 JSON record per document.
    Extract(ExtractArgs),
    /// Score a stage against a gold corpus (ner, timex, geo, quotes, events, ...).
    Eval {
        /// What to evaluate, then its own options (`newsgraph eval ner --help`).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, required = true, num_args = 1..)]
        args: Vec<String>,
    },
    /// Train a model (`newsgraph train ner --conll FILE --out MODEL`).
    Train {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, required = true, num_args = 1..)]
        args: Vec<String>,
    },
    /// Speed and memory per stage and for the whole pipeline, per core.
    Bench(bench::BenchArgs),
    /// Serve the HTTP API and web page over a corpus store.
    Serve(ServeArgs),
    /// The corpus store: ingest, queries and export.
    #[command(flatten)]
    Corpus(corpus::CorpusCommand),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions { shell: clap_complete::Shell },
}

/// Options of `newsgraph serve`.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// The store file.
    #[arg(long, value_name = "FILE", default_value = "newsgraph.db")]
    pub db: std::path::PathBuf,
    /// Address to listen on.
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// Accept POST /api/documents (needs --token or NEWSGRAPH_TOKEN).
    #[arg(long)]
    pub allow_ingest: bool,
    /// Bearer token for ingest (prefer NEWSGRAPH_TOKEN: arguments are visible to other users).
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
    /// Do not compute the story and entity views ahead (after start and
    /// after every ingest) in the background.
    #[arg(long)]
    pub no_warm: bool,
}

/// Options of `newsgraph extract`.
#[derive(clap::Args)]
pub struct ExtractArgs {
    /// Files, folders (read recursively, in sorted order) or - for stdin.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    /// Anchor date for relative dates in documents that carry no date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<Date>,
    /// The publication's home region ("Ontario", "London, Ontario"): places
    /// with namesakes are sought there first.
    #[arg(long, value_name = "PLACE")]
    pub region: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = extract::Format::Jsonl)]
    pub format: extract::Format,
    /// Threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Switch a stage off (repeatable).
    #[arg(long, value_name = "STAGE")]
    pub skip: Vec<StageName>,
    /// Extra actor dictionary (repeatable).
    #[arg(long, value_name = "FILE")]
    pub actors: Vec<std::path::PathBuf>,
    /// Extra verb dictionary (repeatable).
    #[arg(long, value_name = "FILE")]
    pub verbs: Vec<std::path::PathBuf>,
    /// Treat every document as written in this language (ISO 639-1), instead of detecting it.
    #[arg(long, value_name = "CODE")]
    pub language: Option<Language>,
    /// Annotate newsgraph/1 records read back again, instead of passing them through.
    #[arg(long)]
    pub reannotate: bool,
    /// The URL a single saved page came from: the documents' `source`.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
}

impl ExtractArgs {
    /// The library options these flags ask for.
    pub fn options(&self) -> newsgraph::Options {
        newsgraph::Options {
            skip: self.skip.clone(),
            actors: self.actors.clone(),
            verbs: self.verbs.clone(),
            language: self.language,
            anchor_date: self.date,
            region: self.region.clone(),
            reannotate: self.reannotate,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Extract(args) => extract::run(&args),
        Command::Eval { args } => run_eval(&args),
        Command::Train { args } => run_train(&args),
        Command::Bench(args) => bench::run(&args),
        Command::Serve(args) => newsgraph_server::serve(newsgraph_server::ServeOptions {
            allow_ingest: args.allow_ingest,
            token: args.token,
            addr: args.addr,
            warm: !args.no_warm,
            ..newsgraph_server::ServeOptions::new(args.db)
        })
        .map(|()| ExitCode::SUCCESS)
        .map_err(|error| error.to_string()),
        Command::Corpus(command) => corpus::run(command),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "newsgraph", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
    };
    outcome.unwrap_or_else(|message| {
        eprintln!("newsgraph: {message}");
        ExitCode::from(2)
    })
}

fn run_eval(args: &[String]) -> Result<ExitCode, String> {
    let (what, rest) = args.split_first().ok_or("eval needs what to evaluate")?;
    newsgraph_eval::run(what, rest).map_err(|e| e.to_string())?;
    Ok(ExitCode::SUCCESS)
}

fn run_train(args: &[String]) -> Result<ExitCode, String> {
    match args.split_first() {
        Some((what, rest)) if what == "ner" => {
            newsgraph_entities::train::run(rest).map_err(|e| e.to_string())?;
            Ok(ExitCode::SUCCESS)
        }
        _ => Err("train needs a model to train: ner".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
