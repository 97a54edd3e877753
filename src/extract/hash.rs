//! Small fast hashes for the hot path: an Fx-style hasher for the interning maps (keys are
//! short byte strings from a local file, so no protection against adversarial keys is
//! needed) and a 128-bit record hash for exact-duplicate detection, so no record is ever kept
//! for verification (a false match among 10^6 rows has probability about 10^-27).

use std::hash::{BuildHasherDefault, Hasher};

const K: u64 = 0x517c_c1b7_2722_0a95;

/// Folded 64×64→128 multiply (as in wyhash / foldhash).
#[inline(always)]
fn fold(a: u64, b: u64) -> u64 {
    let r = u128::from(a).wrapping_mul(u128::from(b));
    (r as u64) ^ ((r >> 64) as u64)
}

#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes(c.try_into().unwrap());
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(K);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(K);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        fold(self.0, 0x9e37_79b9_7f4a_7c15)
    }
}

pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;
pub(crate) type FxMap<K, V> = std::collections::HashMap<K, V, FxBuild>;
pub(crate) type FxSet<K> = std::collections::HashSet<K, FxBuild>;

/// A 128-bit hash over a sequence of fields (each field's length is mixed in, so field
/// boundaries matter: `"ab","c"` ≠ `"a","bc"`).
pub(crate) struct RecordHash {
    a: u64,
    b: u64,
}

const A0: u64 = 0x243f_6a88_85a3_08d3;
const B0: u64 = 0x1319_8a2e_0370_7344;
const KA: u64 = 0xa076_1d64_78bd_642f;
const KB: u64 = 0xe703_7ed1_a0b4_28db;
const KC: u64 = 0x8ebc_6af0_9c88_c6e3;

impl RecordHash {
    pub(crate) fn new() -> Self {
        RecordHash { a: A0, b: B0 }
    }

    #[inline]
    fn word(&mut self, w: u64) {
        self.a = fold(self.a ^ w, KA);
        self.b = fold(self.b ^ w.rotate_left(31) ^ KC, KB);
    }

    #[inline]
    pub(crate) fn field(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.word(u64::from_le_bytes(c.try_into().unwrap()));
        }
        let rest = chunks.remainder();
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        self.word(u64::from_le_bytes(buf));
        self.word(bytes.len() as u64 ^ 0xff00_0000_0000_0000);
    }

    pub(crate) fn finish(&self) -> u128 {
        let a = fold(self.a, KB) ^ self.b;
        let b = fold(self.b, KA) ^ self.a;
        (u128::from(a) << 64) | u128::from(b)
    }
}
