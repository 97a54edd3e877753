//! Small fast hashes for the hot path: a 128-bit hash of values and records. Child ids are
//! interned by their 128-bit hash (one probe, no stored key to compare), code values by
//! [`ByteMap`] (few distinct values, compared exactly), and exact duplicates
//! are found by the 128-bit hash of the whole record, so no record is ever kept for
//! verification (a false match among 10^6 rows has probability about 10^-27). Inputs are a
//! local file, so no protection against adversarial keys is needed — but values that merely
//! share their length and their first and last 8 bytes (free text such as "Offence category
//! 000123 as recorded by the service") are ordinary data: [`ByteMap`] switches from its cheap
//! hash to the full one when its probe sequences grow long, so it stays linear.

/// Folded 64×64→128 multiply (as in wyhash / foldhash).
#[cfg(not(target_arch = "wasm32"))]
#[inline(always)]
fn fold(a: u64, b: u64) -> u64 {
    let r = u128::from(a).wrapping_mul(u128::from(b));
    (r as u64) ^ ((r >> 64) as u64)
}

/// wasm has no 64×64→128 multiply (it becomes a call to `__multi3`, four multiplies): mix
/// with one 64-bit multiply instead, folding the high half down before and after it so every
/// input bit reaches every output bit. Same role, same 128-bit result width.
#[cfg(target_arch = "wasm32")]
#[inline(always)]
fn fold(a: u64, b: u64) -> u64 {
    let x = (a ^ (a >> 32)).wrapping_mul(b);
    x ^ (x >> 29)
}

/// The 128-bit hash of one value, used as its identity in the interning tables (child ids,
/// codes, categories, services). Two distinct values of one file collide with probability
/// about n²/2¹²⁹, i.e. never in practice, so no key is stored or compared.
#[inline]
pub(crate) fn key(bytes: &[u8]) -> u128 {
    let mut h = RecordHash::new();
    h.field(bytes);
    h.finish()
}

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

    #[inline(always)]
    pub(crate) fn field(&mut self, bytes: &[u8]) {
        let n = bytes.len();
        let word = |i: usize| u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap());
        if n >= 8 {
            let mut i = 0;
            while i + 8 < n {
                self.word(word(i));
                i += 8;
            }
            // The last 8 bytes, overlapping the previous word when n is not a multiple of 8
            // (no partial copy, so no store-forwarding stall).
            self.word(word(n - 8));
        } else if n >= 4 {
            let lo = u32::from_le_bytes(bytes[..4].try_into().unwrap());
            let hi = u32::from_le_bytes(bytes[n - 4..].try_into().unwrap());
            self.word(u64::from(lo) | u64::from(hi) << 32);
        } else if n > 0 {
            let w =
                u64::from(bytes[0]) | u64::from(bytes[n / 2]) << 8 | u64::from(bytes[n - 1]) << 16;
            self.word(w);
        }
        self.word(n as u64 ^ 0xff00_0000_0000_0000);
    }

    pub(crate) fn finish(&self) -> u128 {
        let a = fold(self.a, KB) ^ self.b;
        let b = fold(self.b, KA) ^ self.a;
        (u128::from(a) << 64) | u128::from(b)
    }
}

/// An open-addressing hash table keyed by 128-bit hashes, with the key and value in one
/// slot (linear probing, at most three quarters full): a lookup in a large table costs one
/// cache miss, where a general map costs two (control bytes, then the slot). Key 0 marks an
/// empty slot, so a key of 0 is stored as 1 (a 2⁻¹²⁸ event).
///
/// Issue 15 item 2: a key is stored as two `u64` words, not a `u128`, whose 16-byte alignment
/// padded a slot with a `u32` value to 32 bytes (24 now: the children's table of a 1M-row file
/// is 25 MB instead of 34); and a table is allowed three quarters full instead of half (a table
/// reserved for a little over 2^k keys took 2^(k+2) slots).
pub(crate) struct Table128<V> {
    slots: Vec<([u64; 2], V)>,
    len: usize,
}

/// The two words a key is stored as (0 = an empty slot: a key of 0 is stored as 1).
#[inline(always)]
fn words(key: u128) -> [u64; 2] {
    let key = key.max(1);
    [key as u64, (key >> 64) as u64]
}

const EMPTY: [u64; 2] = [0, 0];

impl<V: Copy + Default> Table128<V> {
    pub(crate) fn new() -> Self {
        Table128 {
            slots: vec![(EMPTY, V::default()); 1024],
            len: 0,
        }
    }

    /// How many keys are in the table.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Whether no key is in the table.
    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Make room for `additional` more keys without growing.
    pub(crate) fn reserve(&mut self, additional: usize) {
        // Room to spare (at most two thirds full once reserved), so that an estimate a little
        // short does not make the table grow (old and new slots held at once) near the end.
        let need = (self.len + additional) * 3 / 2 + 1;
        if need > self.slots.len() {
            self.grow_to(need.next_power_of_two());
        }
    }

    fn grow_to(&mut self, cap: usize) {
        let old = std::mem::replace(&mut self.slots, vec![(EMPTY, V::default()); cap]);
        let mask = cap - 1;
        for (k, v) in old {
            if k != EMPTY {
                let mut i = k[0] as usize & mask;
                while self.slots[i].0 != EMPTY {
                    i = (i + 1) & mask;
                }
                self.slots[i] = (k, v);
            }
        }
    }

    /// Start loading the slot of `key` into the cache, so that a later [`Table128::entry`]
    /// does not wait for memory (a large table is one cache miss a lookup).
    #[inline(always)]
    pub(crate) fn prefetch(&self, key: u128) {
        let i = words(key)[0] as usize & (self.slots.len() - 1);
        let p = self.slots.as_ptr().wrapping_add(i);
        #[cfg(target_arch = "x86_64")]
        // SAFETY: a prefetch is only a hint: it never faults and `p` is inside `slots`.
        unsafe {
            std::arch::x86_64::_mm_prefetch(p.cast::<i8>(), std::arch::x86_64::_MM_HINT_T0);
        }
        #[cfg(not(target_arch = "x86_64"))]
        // SAFETY: `i` is masked to the table's length, so `p` points at a live slot. The read
        // is volatile so that it is issued now (the load overlaps the work that follows).
        unsafe {
            let _ = std::ptr::read_volatile(p.cast::<u8>());
        }
    }

    /// Whether `key` is in the table.
    #[inline]
    pub(crate) fn contains(&self, key: u128) -> bool {
        let key = words(key);
        let mask = self.slots.len() - 1;
        let mut i = key[0] as usize & mask;
        loop {
            match self.slots[i].0 {
                k if k == key => return true,
                EMPTY => return false,
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// The value for `key`, inserting `make()` when absent; `true` when it was inserted.
    #[inline]
    pub(crate) fn entry(&mut self, key: u128, make: impl FnOnce() -> V) -> (&mut V, bool) {
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            self.grow_to(self.slots.len() * 2);
        }
        let key = words(key);
        let mask = self.slots.len() - 1;
        let mut i = key[0] as usize & mask;
        loop {
            let k = self.slots[i].0;
            if k == key {
                return (&mut self.slots[i].1, false);
            }
            if k == EMPTY {
                self.slots[i] = (key, make());
                self.len += 1;
                return (&mut self.slots[i].1, true);
            }
            i = (i + 1) & mask;
        }
    }
}

/// Distinct byte strings → small values, for the few distinct values of a code column
/// (outcome, ethnicity, sex, category, …), which repeat on every row: a cheap hash of the
/// length and the first and last 8 bytes, linear probing, and an exact compare of the bytes,
/// so a lookup reads the value once instead of hashing all of it twice. When an insert meets a
/// long probe sequence (many distinct values sharing length, head and tail), the map rehashes
/// every key with the full hash ([`key`]) and uses it from then on.
pub(crate) struct ByteMap<V> {
    /// 0 = empty, else index + 1 into `entries`.
    slots: Vec<u32>,
    /// Hash keys with [`key`] (all their bytes) instead of [`cheap`].
    full: bool,
    /// (start, end) of the key in `arena`, and the value.
    entries: Vec<(u32, u32, V)>,
    arena: Vec<u8>,
}

#[inline(always)]
fn read8(b: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(b[i..i + 8].try_into().unwrap())
}

/// A cheap hash of a short byte string: its length and its first and last 8 bytes.
#[inline(always)]
fn cheap(b: &[u8]) -> u64 {
    let n = b.len();
    let (x, y) = if n >= 8 {
        (read8(b, 0), read8(b, n - 8))
    } else if n >= 4 {
        let lo = u32::from_le_bytes(b[..4].try_into().unwrap());
        let hi = u32::from_le_bytes(b[n - 4..].try_into().unwrap());
        (u64::from(lo), u64::from(hi))
    } else if n > 0 {
        (
            u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16,
            0,
        )
    } else {
        (0, 0)
    };
    fold(x ^ KA ^ n as u64, y ^ KB)
}

/// An insert probing more slots than this (at most half the slots are full) means the cheap
/// hash is clustering.
const LONG_PROBE: usize = 32;

impl<V: Copy> ByteMap<V> {
    pub(crate) fn new() -> Self {
        ByteMap {
            slots: vec![0; 64],
            full: false,
            entries: Vec::new(),
            arena: Vec::new(),
        }
    }

    #[inline(always)]
    fn hash(&self, bytes: &[u8]) -> u64 {
        if self.full {
            key(bytes) as u64
        } else {
            cheap(bytes)
        }
    }

    /// The value of `key`, or the empty slot where it would go; and how many slots were
    /// probed.
    #[inline]
    fn find(&self, key: &[u8]) -> (Result<V, usize>, usize) {
        let mask = self.slots.len() - 1;
        let mut i = self.hash(key) as usize & mask;
        let mut probes = 1;
        loop {
            let s = self.slots[i];
            if s == 0 {
                return (Err(i), probes);
            }
            let (a, b, v) = self.entries[s as usize - 1];
            if &self.arena[a as usize..b as usize] == key {
                return (Ok(v), probes);
            }
            i = (i + 1) & mask;
            probes += 1;
        }
    }

    /// Put every entry in a table of `cap` slots (with the current hash).
    fn rebuild(&mut self, cap: usize) {
        self.slots = vec![0; cap];
        for (e, &(a, b, _)) in self.entries.iter().enumerate() {
            let mut i = self.hash(&self.arena[a as usize..b as usize]) as usize & (cap - 1);
            while self.slots[i] != 0 {
                i = (i + 1) & (cap - 1);
            }
            self.slots[i] = e as u32 + 1;
        }
    }

    /// The value stored for `key`.
    #[inline]
    pub(crate) fn get(&self, key: &[u8]) -> Option<V> {
        self.find(key).0.ok()
    }

    /// Store `value` for `key` (which must not be present).
    pub(crate) fn insert(&mut self, key: &[u8], value: V) {
        if (self.entries.len() + 1) * 2 > self.slots.len() {
            self.rebuild(self.slots.len() * 2);
        }
        let (mut found, probes) = self.find(key);
        if probes > LONG_PROBE && !self.full {
            // The cheap hash is clustering (keys alike in length, head and tail): hash every
            // key in full from now on.
            self.full = true;
            self.rebuild(self.slots.len());
            found = self.find(key).0;
        }
        let Err(i) = found else {
            return;
        };
        let a = self.arena.len() as u32;
        self.arena.extend_from_slice(key);
        self.entries.push((a, self.arena.len() as u32, value));
        self.slots[i] = self.entries.len() as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::ByteMap;

    /// Values alike in length, first and last 8 bytes (free-text categories) all had one cheap
    /// hash: every insert probed every earlier key, and 100,000 of them took minutes.
    #[test]
    fn alike_values_keep_probe_sequences_short() {
        let mut map = ByteMap::new();
        let key = |i: u32| format!("Offence category {i:06} as recorded by the service");
        for i in 0..20_000 {
            map.insert(key(i).as_bytes(), i);
        }
        let longest = (0..20_000)
            .map(|i| {
                let (found, probes) = map.find(key(i).as_bytes());
                assert_eq!(found, Ok(i));
                probes
            })
            .max()
            .unwrap();
        assert!(longest <= super::LONG_PROBE, "{longest} probes");
        assert_eq!(
            map.get(b"Offence category 999999 as recorded by the service"),
            None
        );
    }
}
