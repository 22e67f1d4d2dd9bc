//! `newsgraph`: the command line. A thin layer that parses arguments and
//! hands work to the pipeline, the readers, the scorers and the trainer.

mod args;
mod bench;
mod extract;

use std::process::ExitCode;

const USAGE: &str = "\
newsgraph: turn news articles into structured, linked data

USAGE:
    newsgraph extract [--date YYYY-MM-DD] [--format jsonl|json] [--threads N]
                      [--skip STAGE]... [--actors FILE]... [--verbs FILE]... PATH...
    newsgraph eval ner|timex|geo|quotes|events ARGS...
    newsgraph train ner --conll FILE [--dev FILE] --out MODEL
    newsgraph bench [--mb N] [--stage STAGE]

PATH is a file, a folder (read recursively, sorted) or - for stdin.
Stages: text, entities, time, geo, attribution, events.
Run `newsgraph eval WHAT --help` for the options of each evaluation.";

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = argv.first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let rest = &argv[1..];
    // `eval WHAT --help` has its own per-corpus help.
    let asks_help = rest.iter().any(|a| a == "--help" || a == "-h");
    if asks_help && command != "eval" {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let outcome = match command.as_str() {
        "extract" => extract::run(rest),
        "eval" => run_eval(rest),
        "train" => run_train(rest),
        "bench" => bench::run(rest),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        "-V" | "--version" => {
            println!("newsgraph {}", env!("CARGO_PKG_VERSION"));
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    outcome.unwrap_or_else(|message| {
        eprintln!("newsgraph: {message}");
        ExitCode::from(2)
    })
}

fn run_eval(args: &[String]) -> Result<ExitCode, String> {
    let (what, rest) = args.split_first().ok_or("eval needs what to evaluate: ner, timex, geo, quotes or events")?;
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
