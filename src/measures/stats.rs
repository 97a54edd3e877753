//! Intervals: Wilson score intervals for proportions and the log-scale interval of a relative
//! rate index (`measures.md`, "Intervals, rounding and changes").

/// z for a two-sided 95% interval.
pub const Z95: f64 = 1.96;

/// Wilson score 95% interval for `x` successes of `n`, as proportions in 0..=1. `None` when `n`
/// is not positive or `x` is not a number in `0..=n`.
pub fn wilson_proportion(x: f64, n: f64) -> Option<(f64, f64)> {
    if n <= 0.0 || x < 0.0 || x > n || !x.is_finite() {
        return None;
    }
    let z2 = Z95 * Z95;
    let p = x / n;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = Z95 / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
}

/// Wilson score 95% interval for `x` successes of `n`, in percent. `None` as for
/// [`wilson_proportion`].
pub fn wilson_percent(x: f64, n: f64) -> Option<(f64, f64)> {
    wilson_proportion(x, n).map(|(lo, hi)| (lo * 100.0, hi * 100.0))
}

/// The 95% interval of RRI = (a/n1)/(c/n2): exp(ln RRI ± 1.96·√(1/a − 1/n1 + 1/c − 1/n2)).
/// `None` when it cannot be formed (a zero count, or a count above its denominator).
pub fn rri_interval(a: f64, n1: f64, c: f64, n2: f64) -> Option<(f64, f64)> {
    if a <= 0.0 || c <= 0.0 || n1 <= 0.0 || n2 <= 0.0 {
        return None;
    }
    let var = 1.0 / a - 1.0 / n1 + 1.0 / c - 1.0 / n2;
    if !var.is_finite() || var < 0.0 {
        return None;
    }
    let rri = (a / n1) / (c / n2);
    let se = var.sqrt();
    Some(((rri.ln() - Z95 * se).exp(), (rri.ln() + Z95 * se).exp()))
}

/// The 95% interval of a Poisson count `x` (Byar's approximation; the lower bound is 0 for
/// `x` = 0). `None` for a negative or non-finite count. A rate's interval is this divided by
/// its denominator.
pub fn poisson_interval(x: f64) -> Option<(f64, f64)> {
    if !x.is_finite() || x < 0.0 {
        return None;
    }
    let lower = if x == 0.0 {
        0.0
    } else {
        x * (1.0 - 1.0 / (9.0 * x) - Z95 / (3.0 * x.sqrt())).powi(3)
    };
    let x1 = x + 1.0;
    let upper = x1 * (1.0 - 1.0 / (9.0 * x1) + Z95 / (3.0 * x1.sqrt())).powi(3);
    Some((lower.max(0.0), upper))
}

/// `a / b`, or `None` when `b` is zero (never 0, never a guess).
pub fn ratio(a: f64, b: f64) -> Option<f64> {
    if b > 0.0 {
        Some(a / b)
    } else {
        None
    }
}

/// Round half away from zero to `decimals` places, from the exact ratio `num / den × mult`
/// (integer arithmetic, for display). `None` when `den` is zero.
pub fn round_ratio(num: u64, den: u64, mult: u64, decimals: u32) -> Option<String> {
    if den == 0 {
        return None;
    }
    let scale = 10u128.pow(decimals);
    let n = u128::from(num) * u128::from(mult) * scale;
    let d = u128::from(den);
    let q = (2 * n + d) / (2 * d);
    let int = q / scale;
    let frac = q % scale;
    Some(if decimals == 0 {
        format!("{int}")
    } else {
        format!("{int}.{frac:0width$}", width = decimals as usize)
    })
}

/// Round half away from zero for display of a value that is not an exact ratio (an interval).
pub fn round_display(v: f64, decimals: u32) -> String {
    let scale = 10f64.powi(decimals as i32);
    let r = (v * scale).round() / scale;
    format!("{r:.prec$}", prec = decimals as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_known_values() {
        // 4 of 18: p = 0.2222; Wilson 95% = (9.0%, 45.2%).
        let (lo, hi) = wilson_percent(4.0, 18.0).unwrap();
        assert!((lo - 9.00).abs() < 0.05, "{lo}");
        assert!((hi - 45.21).abs() < 0.05, "{hi}");
        assert_eq!(wilson_percent(0.0, 0.0), None);
        let (lo, _) = wilson_percent(0.0, 10.0).unwrap();
        assert_eq!(lo, 0.0);
    }

    #[test]
    fn poisson_known_values() {
        // 10 events: the exact 95% interval is (4.80, 18.39); Byar gives (4.79, 18.39).
        let (lo, hi) = poisson_interval(10.0).unwrap();
        assert!((lo - 4.80).abs() < 0.02, "{lo}");
        assert!((hi - 18.39).abs() < 0.02, "{hi}");
        assert_eq!(poisson_interval(0.0).unwrap().0, 0.0);
        assert_eq!(poisson_interval(-1.0), None);
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round_ratio(1, 8, 100, 1).unwrap(), "12.5");
        assert_eq!(round_ratio(1, 16, 100, 1).unwrap(), "6.3"); // 6.25 → 6.3
        assert_eq!(round_ratio(4, 18, 100, 1).unwrap(), "22.2");
        assert_eq!(round_ratio(5, 26_316, 1000, 2).unwrap(), "0.19");
        assert_eq!(round_ratio(1, 0, 100, 1), None);
        assert_eq!(round_display(0.125, 2), "0.13");
    }
}
