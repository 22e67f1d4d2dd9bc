//! Raw DEFLATE for what the store keeps compressed: article texts, records
//! and the linker's profiles (JSON that repeats its field names and ids).

use std::io::{Read, Write};

use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
pub(crate) use flate2::Compression;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::Result;

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

/// `value` as deflated JSON.
pub(crate) fn deflate_json<T: Serialize>(value: &T, level: Compression) -> Result<Vec<u8>> {
    // The JSON is written whole, then deflated in one write: the encoder
    // zeroes its output's spare room on every write, which serde's many
    // small writes made quadratic.
    Ok(deflate_bytes(&serde_json::to_vec(value)?, level)?)
}

pub(crate) fn inflate_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T> {
    Ok(serde_json::from_slice(&inflate_bytes(bytes)?)?)
}
