//! Small numeric helpers disclosure control needs to recompute published figures from rounded
//! counts (`measures.md`, "Intervals, rounding and changes"; `disp_rri` interval).
//!
//! The interval formulas are the measures' own ([`crate::measures::stats`]), re-exported here so
//! a recomputed figure uses exactly the arithmetic its original did.

use crate::catalogue::Flag;
pub use crate::measures::stats::{rri_interval, wilson_proportion as wilson_interval, Z95};

/// Round a count to the nearest multiple of 5, halves away from zero (counts are whole, so a
/// half never arises in practice).
pub fn round_to_nearest_5(count: f64) -> f64 {
    (count / 5.0).round() * 5.0
}

/// Relative rate index of a group: `(a / n1) / (c / n2)`, with `a`, `c` the counts of the group
/// and the reference group and `n1`, `n2` their populations (or base-stage counts).
/// `None` when a rate is undefined or the reference rate is zero.
pub fn rri(a: f64, n1: f64, c: f64, n2: f64) -> Option<f64> {
    if n1 <= 0.0 || n2 <= 0.0 || c <= 0.0 {
        return None;
    }
    Some((a / n1) / (c / n2))
}

/// The `disp_rri` flag from its counts and interval: `too_few` when either count is under 5,
/// else `over` / `under` / `none` by whether the interval lies above 1, below 1, or spans it.
pub fn rri_flag(a: f64, c: f64, interval: Option<(f64, f64)>) -> Flag {
    if a < 5.0 || c < 5.0 {
        return Flag::TooFew;
    }
    match interval {
        Some((lo, _)) if lo > 1.0 => Flag::Over,
        Some((_, hi)) if hi < 1.0 => Flag::Under,
        Some(_) => Flag::NoDifference,
        None => Flag::TooFew,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_to_nearest_five() {
        assert_eq!(round_to_nearest_5(0.0), 0.0);
        assert_eq!(round_to_nearest_5(2.0), 0.0);
        assert_eq!(round_to_nearest_5(3.0), 5.0);
        assert_eq!(round_to_nearest_5(7.0), 5.0);
        assert_eq!(round_to_nearest_5(8.0), 10.0);
        assert_eq!(round_to_nearest_5(58.0), 60.0);
    }

    #[test]
    fn wilson_matches_a_known_value() {
        // 4 of 18: Wilson 95% ≈ 9.0% to 45.2%.
        let (lo, hi) = wilson_interval(4.0, 18.0).unwrap();
        assert!((lo - 0.0900).abs() < 5e-4, "{lo}");
        assert!((hi - 0.4524).abs() < 5e-4, "{hi}");
        assert_eq!(wilson_interval(1.0, 0.0), None);
    }

    #[test]
    fn rri_interval_is_log_symmetric() {
        let r = rri(20.0, 1000.0, 50.0, 10000.0).unwrap();
        assert!((r - 4.0).abs() < 1e-12);
        let (lo, hi) = rri_interval(20.0, 1000.0, 50.0, 10000.0).unwrap();
        assert!(((lo * hi).sqrt() - r).abs() < 1e-9);
        assert_eq!(rri_flag(20.0, 50.0, Some((lo, hi))), "over");
        assert_eq!(rri_flag(4.0, 50.0, Some((lo, hi))), "too_few");
    }
}
