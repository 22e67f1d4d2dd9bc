//! Shows how the events stage reads a text: actor phrases and coded events
//! of each sentence. Usage: `cargo run -p newsgraph-events --example explain -- "Text."`

use newsgraph_core::{Document, Stage};
use newsgraph_events::{coder, phrases, words::View, EventStage};

fn main() {
    let text = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    let stage = match EventStage::load(&[], &[]) {
        Ok(stage) => stage,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let mut doc = Document::new("explain", "argv", text);
    newsgraph_text::TextStage::new().annotate(&mut doc);
    let dicts = stage.dictionaries();
    for index in 0..doc.sentences.len() {
        let view = View::of_sentence(&doc, index);
        let breaks = coder::verb_tokens(&view, &dicts.verbs);
        let found = phrases::find(&view, &doc.text, &dicts.actors, &[], &breaks, None);
        for t in coder::triggers(&view, &dicts.verbs, &found) {
            println!(
                "trigger {:?} block {}",
                view.span(t.start, t.end).slice(&doc.text),
                dicts.verbs.blocks[t.block].name
            );
        }
        let triggers = coder::triggers(&view, &dicts.verbs, &found);
        let options = coder::Options {
            intents: true,
            locative_targets: false,
            statement_targets: false,
            agentless_passives: true,
            codebook: true,
        };
        for c in coder::code_sentence(&view, &dicts.verbs, &found, &triggers, options) {
            println!("coded {:?}", c);
        }
        for p in &found {
            println!("phrase {:?} {:?} person={}", view.span(p.start, p.end).slice(&doc.text), p.codes, p.person);
        }
    }
    stage.annotate(&mut doc);
    for e in &doc.events {
        println!(
            "{} {:?} {} {} src={:?} tgt={:?} {:?}",
            e.sentence,
            e.trigger.text,
            e.cameo,
            e.plover,
            e.source.as_ref().map(|s| (&s.text, &s.actor)),
            e.target.as_ref().map(|s| (&s.text, &s.actor)),
            e.status
        );
    }
}
