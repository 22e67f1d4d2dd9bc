//! Maps keyed by values that are hashes already (feature hashes), which
//! need no hashing again.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Uses a `u64` key as its own hash.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;
