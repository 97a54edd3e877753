//! Value axes: "nice" tick steps for linear axes (whole numbers only on count axes) and powers
//! of two for the log axis.

/// A linear axis from `min` to `max` with round ticks.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    pub min: f64,
    pub max: f64,
    pub ticks: Vec<f64>,
    pub log: bool,
}

impl Axis {
    /// Ticks at 1, 2, 2.5 or 5 × 10ⁿ covering `[lo, hi]` with about `target` intervals.
    pub fn linear(lo: f64, hi: f64, target: usize) -> Axis {
        Axis::linear_with(lo, hi, target, false)
    }

    /// As [`Axis::linear`]; with `whole` every tick is a whole number (a count axis): the step
    /// is at least 1 and never 2.5 (so never "0.5 children" or "2.5 children").
    pub fn linear_with(lo: f64, hi: f64, target: usize, whole: bool) -> Axis {
        let (lo, hi) = if hi > lo { (lo, hi) } else { (lo, lo + 1.0) };
        let mut raw = (hi - lo) / target.max(1) as f64;
        if whole {
            raw = raw.max(1.0);
        }
        let mag = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0]
            .into_iter()
            .map(|m| m * mag)
            .filter(|s| !whole || (s - s.round()).abs() < 1e-9)
            .find(|s| *s >= raw)
            .unwrap_or(10.0 * mag);
        let min = (lo / step).floor() * step;
        let max = (hi / step).ceil() * step;
        let n = ((max - min) / step).round() as usize;
        let ticks = (0..=n).map(|i| min + step * i as f64).collect();
        Axis {
            min,
            max,
            ticks,
            log: false,
        }
    }

    /// A log axis covering `[lo, hi]` (both > 0) with ticks at powers of two around 1.
    pub fn log2(lo: f64, hi: f64) -> Axis {
        let lo = lo.clamp(1.0 / 64.0, 1.0);
        let hi = hi.clamp(1.0, 64.0);
        let a = lo.log2().floor() as i32;
        let b = hi.log2().ceil() as i32;
        let ticks = (a..=b).map(|e| 2f64.powi(e)).collect();
        Axis {
            min: 2f64.powi(a),
            max: 2f64.powi(b),
            ticks,
            log: true,
        }
    }

    /// Position of `v` along the axis, 0 at `min` and 1 at `max`.
    pub fn fraction(&self, v: f64) -> f64 {
        if self.log {
            (v.max(self.min).ln() - self.min.ln()) / (self.max.ln() - self.min.ln())
        } else {
            (v - self.min) / (self.max - self.min)
        }
    }
}

/// A tick label: integers without decimals, others to the precision the step needs (at most
/// three places, rounded half away from zero: 0.125 is "0.125", 0.0625 "0.063").
pub fn tick_label(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        let s = crate::measures::stats::round_display(v, 3);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_linear_ticks() {
        // 0..37 with ~5 intervals: raw step 7.4 → 10; ticks 0,10,20,30,40.
        let a = Axis::linear(0.0, 37.0, 5);
        assert_eq!(a.ticks, vec![0.0, 10.0, 20.0, 30.0, 40.0]);
        // 0..0.9 → raw 0.18 → 0.2; max rounds up to 1.0.
        let b = Axis::linear(0.0, 0.9, 5);
        assert_eq!(b.max, 1.0);
    }

    #[test]
    fn whole_number_ticks_on_count_axes() {
        // 0..2 with ~5 intervals: raw step 0.4 → 0.5 would give "0.5 children"; whole → 1.
        assert!(Axis::linear(0.0, 2.0, 5).ticks.contains(&0.5));
        let a = Axis::linear_with(0.0, 2.0, 5, true);
        assert_eq!(a.ticks, vec![0.0, 1.0, 2.0]);
        // 0..23 with ~4 intervals: raw 5.75 → 10 either way; 0..9 with ~4: raw 2.25 → 2.5
        // normally, 5 when whole (2.5 is not a whole number).
        assert_eq!(Axis::linear(0.0, 9.0, 4).ticks[1], 2.5);
        assert_eq!(
            Axis::linear_with(0.0, 9.0, 4, true).ticks,
            vec![0.0, 5.0, 10.0]
        );
        for hi in 1..200 {
            let a = Axis::linear_with(0.0, hi as f64, 6, true);
            assert!(
                a.ticks.iter().all(|t| t.fract() == 0.0),
                "{hi}: {:?}",
                a.ticks
            );
        }
    }

    #[test]
    fn log_axis_has_one_in_the_middle_of_symmetric_range() {
        let a = Axis::log2(0.5, 2.0);
        assert_eq!(a.ticks, vec![0.5, 1.0, 2.0]);
        assert!((a.fraction(1.0) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn labels() {
        assert_eq!(tick_label(20.0), "20");
        assert_eq!(tick_label(0.25), "0.25");
        assert_eq!(tick_label(2.5), "2.5");
        assert_eq!(tick_label(0.125), "0.125");
        assert_eq!(tick_label(0.0625), "0.063");
    }
}
