//! Prints the quotes the stage finds in a plain-text file (text stage only,
//! no entities): `cargo run -p newsgraph-attribution --example attribute FILE`.

use newsgraph_attribution::AttributionStage;
use newsgraph_core::{Document, Stage};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: attribute FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let mut doc = Document::new("file", path.as_str(), text);
    newsgraph_text::TextStage::new().annotate(&mut doc);
    match AttributionStage::load() {
        Ok(stage) => stage.annotate(&mut doc),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
    for q in &doc.quotes {
        println!("{:?} cue={:?} speaker={:?}\n    [{}]", q.kind, q.cue, q.speaker_text, q.text);
    }
}
