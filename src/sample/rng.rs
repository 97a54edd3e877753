//! The generator's randomness: SplitMix64 and the per-child seed streams.

/// SplitMix64 (Steele, Lea & Flood 2014): tiny, fast, good enough for synthetic data.
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0), by multiply-shift (bias negligible for small n).
    pub(super) fn below(&mut self, n: u32) -> u32 {
        (((self.next_u64() >> 32) * u64::from(n)) >> 32) as u32
    }

    /// True with probability `per_mille` / 1000.
    pub(super) fn chance(&mut self, per_mille: u32) -> bool {
        self.below(1000) < per_mille
    }

    /// Index into `weights`, chosen in proportion to them.
    pub(super) fn pick(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut r = self.below(total.max(1));
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }

    /// A value from a weighted list of `(weight, value)`.
    pub(super) fn pick_of<T: Copy>(&mut self, items: &[(u32, T)]) -> T {
        let total: u32 = items.iter().map(|i| i.0).sum();
        let mut r = self.below(total.max(1));
        for &(w, v) in items {
            if r < w {
                return v;
            }
            r -= w;
        }
        items[items.len() - 1].1
    }

    /// A right-skewed number of days with mean ≈ `mean` (piecewise uniform, integer only).
    pub(super) fn skewed(&mut self, mean: u32) -> i32 {
        let m = (mean * 100 / 145).max(1);
        let d = match self.below(100) {
            0..=49 => self.below(m),
            50..=79 => m + self.below(m),
            80..=94 => 2 * m + self.below(2 * m),
            _ => 4 * m + self.below(4 * m),
        };
        d as i32
    }
}

/// Mix a child's index into the seed so each child has its own stream.
pub(super) fn child_seed(seed: u64, index: u64) -> u64 {
    let mut r = Rng::new(seed ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
    r.next_u64()
}
