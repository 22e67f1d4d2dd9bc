//! `cargo bench -p newsgraph-geo`: gazetteer load time and resolution
//! throughput (recognition + resolution, no other stage) on the GeoWebNews
//! texts, single-threaded. Prints its figures; docs/geo.md records them.

use std::time::Instant;

use newsgraph_core::{shared::shared_path, Document, Stage};
use newsgraph_geo::{Gazetteer, GeoStage};

fn main() {
    let started = Instant::now();
    let stage = GeoStage::load().expect("gazetteer loads");
    let load_ms = started.elapsed().as_secs_f64() * 1000.0;
    println!("gazetteer: {} places loaded in {load_ms:.0} ms", stage.gazetteer().len());
    let again = Instant::now();
    let _ = Gazetteer::shared();
    println!("second load (shared): {:?}", again.elapsed());

    let Some(dir) = shared_path("eval/geo/GeoWebNews") else {
        println!("skipping throughput: ../shared/eval/geo/GeoWebNews not found");
        return;
    };
    let mut texts: Vec<String> = std::fs::read_dir(dir)
        .expect("corpus folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    texts.sort();
    let rounds = 10;
    let started = Instant::now();
    let mut places = 0;
    for _ in 0..rounds {
        for text in &texts {
            let mut doc = Document::new("b", "bench", text.as_str());
            stage.annotate(&mut doc);
            places += doc.places.len();
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let docs = (rounds * texts.len()) as f64;
    println!(
        "geo stage: {docs:.0} documents ({} bytes mean) in {seconds:.2} s = {:.0} documents/s on one core, {places} places",
        texts.iter().map(String::len).sum::<usize>() / texts.len().max(1),
        docs / seconds
    );
}
