//! Prints what the readers make of the inputs named on the command line:
//! metadata, headings and the start of the text of each document, and each
//! failure. `cargo run -p newsgraph-ingest --example ingest_dump -- [--full] PATH...`
//! (`--full` prints whole texts instead of their first 600 characters).

fn main() {
    let mut paths: Vec<String> = std::env::args().skip(1).collect();
    let full = paths.iter().any(|p| p == "--full");
    paths.retain(|p| p != "--full");
    let preview_chars = if full { usize::MAX } else { 600 };
    let (mut read, mut failed) = (0, 0);
    for result in newsgraph_ingest::read_inputs(&paths) {
        match result {
            Ok(raw) => {
                let doc = raw.into_document();
                read += 1;
                println!("== {} ({})", doc.id, doc.source);
                println!("title: {:?}\nbyline: {:?}\npublished: {:?}", doc.title, doc.byline, doc.published);
                let headings: Vec<&str> = doc.headings.iter().map(|h| h.slice(&doc.text)).collect();
                println!("headings: {headings:?}");
                for warning in &doc.warnings {
                    println!("warning: {warning}");
                }
                let preview: String = doc.text.chars().take(preview_chars).collect();
                println!("text ({} bytes): {preview}\n", doc.text.len());
            }
            Err(error) => {
                failed += 1;
                println!("ERROR {error}\n");
            }
        }
    }
    eprintln!("{read} read, {failed} failed");
}
