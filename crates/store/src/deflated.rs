//! Raw DEFLATE: what stores written before the zstd codec
//! (`crate::dictionary`) hold; read, never written.

use std::io::Read;

use flate2::read::DeflateDecoder;

pub(crate) fn inflate_bytes(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut inflated = Vec::with_capacity(bytes.len() * 3);
    DeflateDecoder::new(bytes).read_to_end(&mut inflated)?;
    Ok(inflated)
}
