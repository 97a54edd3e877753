//! Small numeric helpers disclosure control needs to recompute published figures from rounded
//! counts (`measures.md`, "Intervals, rounding and changes"; `disp_rri` interval).
//!
//! Kept deliberately small: the measures have their own copies of the interval formulas, to be
//! deduplicated at merge.

/// z for a two-sided 95% interval.
pub const Z95: f64 = 1.96;

/// Round a count to the nearest multiple of 5, halves away from zero (counts are whole, so a
/// half never arises in practice).
pub fn round_to_nearest_5(count: f64) -> f64 {
    (count / 5.0).round() * 5.0
}

/// Wilson score 95% interval for `successes` out of `trials`, as proportions in 0..=1.
/// `None` when `trials` is not positive or `successes` is outside `0..=trials`.
pub fn wilson_interval(successes: f64, trials: f64) -> Option<(f64, f64)> {
    if trials <= 0.0 || successes < 0.0 || successes > trials || !successes.is_finite() {
        return None;
    }
    let n = trials;
    let p = successes / n;
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = Z95 / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
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

/// The 95% interval of an RRI on the log scale (`measures.md`, "Ethnic disproportionality"):
/// `exp(ln RRI ± 1.96 · √(1/a − 1/n₁ + 1/c − 1/n₂))`. `None` when a count is zero or a
/// population missing (no interval can be formed).
pub fn rri_interval(a: f64, n1: f64, c: f64, n2: f64) -> Option<(f64, f64)> {
    if a <= 0.0 || c <= 0.0 {
        return None;
    }
    let r = rri(a, n1, c, n2)?;
    let var = 1.0 / a - 1.0 / n1 + 1.0 / c - 1.0 / n2;
    if !var.is_finite() || var < 0.0 {
        return None;
    }
    let se = var.sqrt();
    let ln = r.ln();
    Some(((ln - Z95 * se).exp(), (ln + Z95 * se).exp()))
}

/// The `disp_rri` flag from its counts and interval: `too_few` when either count is under 5,
/// else `over` / `under` / `none` by whether the interval lies above 1, below 1, or spans it.
pub fn rri_flag(a: f64, c: f64, interval: Option<(f64, f64)>) -> &'static str {
    if a < 5.0 || c < 5.0 {
        return "too_few";
    }
    match interval {
        Some((lo, _)) if lo > 1.0 => "over",
        Some((_, hi)) if hi < 1.0 => "under",
        Some(_) => "none",
        None => "too_few",
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
