//! Seed-article sentences for every construction the stage handles. Entities
//! are added by a small fixture (exact names) so that speaker resolution is
//! tested independently of the entities stage.

use newsgraph_attribution::AttributionStage;
use newsgraph_core::{Document, Entity, EntityType, Mention, QuoteKind, Span, Stage};

/// Runs text + fixture entities + attribution over `text`.
fn run(text: &str, entities: &[(EntityType, &[&str])]) -> Document {
    let mut doc = Document::new("seed", "seed", text);
    newsgraph_text::TextStage::new().annotate(&mut doc);
    for (i, (kind, names)) in entities.iter().enumerate() {
        let mut mentions = Vec::new();
        for name in names.iter() {
            for (at, _) in text.match_indices(name) {
                let span = Span::new(at, at + name.len());
                let taken = doc.entities.iter().flat_map(|e| &e.mentions).chain(&mentions).any(|m: &Mention| m.span().overlaps(span));
                if !taken {
                    mentions.push(Mention::new(text, span));
                }
            }
        }
        mentions.sort_by_key(|m| m.start);
        doc.entities.push(Entity { id: format!("e{i}"), kind: *kind, name: names[0].to_string(), mentions, actor: None, country: None });
    }
    AttributionStage::load().unwrap().annotate(&mut doc);
    doc
}

fn dump(doc: &Document) {
    for q in &doc.quotes {
        eprintln!("{:?} [{}] cue={:?} speaker={:?}/{:?}", q.kind, q.text, q.cue, q.speaker_text, q.speaker);
    }
}

#[test]
fn seed_000_dump() {
    let text = std::fs::read_to_string("/work/shared/seeds/000_859ad4c5640c5e89.txt").unwrap();
    dump(&run(&text, &[]));
    let text = std::fs::read_to_string("/work/shared/seeds/004_64b5038d761421c2.txt").unwrap();
    dump(&run(&text, &[]));
}
