//! Runs `newsgraph_entities::train::run` with the command-line arguments
//! (the same as `newsgraph train ner ARGS`), for use before the CLI lands.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Err(e) = newsgraph_entities::train::run(&args) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
