//! Raw DEFLATE: what the store compressed before it had its dictionaries
//! (`crate::dictionary`), and still does until it has them.

use std::io::{Read, Write};

use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
pub(crate) use flate2::Compression;

pub(crate) fn deflate_bytes(bytes: &[u8], level: Compression) -> std::io::Result<Vec<u8>> {
    let mut encoder = DeflateEncoder::new(Vec::with_capacity(bytes.len() / 3), level);
    encoder.write_all(bytes)?;
    encoder.finish()
}

pub(crate) fn inflate_bytes(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut inflated = Vec::with_capacity(bytes.len() * 3);
    DeflateDecoder::new(bytes).read_to_end(&mut inflated)?;
    Ok(inflated)
}
