//! Turns the committed gazetteer (data/gazetteer.tsv.gz) into the binary
//! image the library embeds, so that the names are parsed and folded once
//! at compile time rather than at every start.

#[allow(dead_code)]
#[path = "src/normalize.rs"]
mod normalize;
#[allow(dead_code)]
#[path = "src/table.rs"]
mod table;

use std::path::PathBuf;

fn main() {
    let source = "data/gazetteer.tsv.gz";
    println!("cargo:rerun-if-changed={source}");
    println!("cargo:rerun-if-changed=src/table.rs");
    println!("cargo:rerun-if-changed=src/normalize.rs");
    let compressed = std::fs::read(source).unwrap_or_else(|e| panic!("{source}: {e}"));
    let raw = table::gunzip(&compressed).unwrap_or_else(|e| panic!("{source}: {e}"));
    let text = String::from_utf8(raw).unwrap_or_else(|_| panic!("{source} is not UTF-8"));
    let table = table::Table::parse_tsv(&text).unwrap_or_else(|(line, reason)| panic!("{source}:{line}: {reason}"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("gazetteer.bin");
    std::fs::write(&out, table.to_bytes()).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
