//! Rule 4, rounding to 5: published counts rounded to the nearest 5 and every ratio recomputed
//! from the rounded counts (value, Wilson interval, RRI index, interval and flag, gap).

use super::Engine;
use crate::catalogue::Flag;
use crate::publish::linkage::{self, Interval, Kind};
use crate::publish::{recompute, scope};
use crate::report::Figure;

impl Engine {
    fn rounded(&self, id: Option<usize>) -> Option<f64> {
        id.and_then(|c| self.cells[c].value)
            .map(recompute::round_to_nearest_5)
    }

    pub(super) fn round_row(&self, i: usize, f: &mut Figure) {
        let plan = &self.rows[i];
        let kind = linkage::kind(f.measure);
        match kind {
            Kind::Count => {
                f.value = f.value.map(recompute::round_to_nearest_5);
                f.numerator = f.numerator.map(recompute::round_to_nearest_5);
                f.denominator = f.denominator.map(recompute::round_to_nearest_5);
                f.ci_low = None;
                f.ci_high = None;
            }
            Kind::PopulationShare => {}
            Kind::GapPp => {
                let exact = plan.num.zip(plan.den).and_then(|(n, d)| {
                    let (n, d) = (self.cells[n].value?, self.cells[d].value?);
                    (d > 0.0).then(|| 100.0 * n / d)
                });
                let rounded = self
                    .rounded(plan.num)
                    .zip(self.rounded(plan.den))
                    .and_then(|(n, d)| (d > 0.0).then(|| 100.0 * n / d));
                f.value = match (f.value, exact, rounded) {
                    (Some(gap), Some(exact), Some(rounded)) => Some(rounded - (exact - gap)),
                    _ => None,
                };
                f.ci_low = None;
                f.ci_high = None;
            }
            Kind::Ratio { interval, .. } => {
                // The row's own counts first (they are what its value was computed from).
                let num = f
                    .numerator
                    .map(recompute::round_to_nearest_5)
                    .or(self.rounded(plan.num));
                let den = if plan.den_population {
                    f.denominator
                } else {
                    f.denominator
                        .map(recompute::round_to_nearest_5)
                        .or(self.rounded(plan.den))
                };
                if interval == Interval::Rri {
                    self.round_rri(i, f, num, den);
                    return;
                }
                let scale =
                    scope::observed_scale(f).unwrap_or_else(|| linkage::scale_from_unit(f.unit));
                let had_ci = f.ci_low.is_some() || f.ci_high.is_some();
                f.numerator = f.numerator.and(num);
                f.denominator = f.denominator.and(den);
                let (value, ci) = match (num, den) {
                    (Some(n), Some(d)) if d > 0.0 => {
                        let ci = if had_ci && interval == Interval::Wilson {
                            recompute::wilson_interval(n, d)
                        } else {
                            None
                        };
                        (Some(scale * n / d), ci)
                    }
                    _ => (None, None),
                };
                f.value = value;
                f.ci_low = ci.map(|c| c.0 * scale);
                f.ci_high = ci.map(|c| c.1 * scale);
            }
        }
    }

    /// Recompute a `disp_rri` row from rounded counts.
    fn round_rri(&self, i: usize, f: &mut Figure, a: Option<f64>, n1: Option<f64>) {
        let plan = &self.rows[i];
        let exact_a = plan.num.and_then(|c| self.cells[c].value);
        let exact_c = plan.reference.and_then(|c| self.cells[c].value);
        let c = self.rounded(plan.reference);
        // The reference group's denominator: its base count (rounded) for a stage-to-stage
        // row, else its population, recovered exactly from the exact index.
        let n2 = if plan.den_population {
            match (f.value, exact_a, exact_c, f.denominator) {
                (Some(r), Some(ea), Some(ec), Some(en1)) if r > 0.0 && ea > 0.0 => {
                    Some(r * ec * en1 / ea)
                }
                // A zero count gives an index of zero whatever the reference population.
                (_, Some(0.0), _, _) => Some(1.0),
                _ => None,
            }
        } else {
            self.rounded(plan.reference_base).or_else(|| {
                match (f.value, exact_a, exact_c, f.denominator) {
                    (Some(r), Some(ea), Some(ec), Some(en1)) if r > 0.0 && ea > 0.0 => {
                        Some(recompute::round_to_nearest_5(r * ec * en1 / ea))
                    }
                    (_, Some(0.0), _, _) => Some(1.0),
                    _ => None,
                }
            })
        };
        f.numerator = f.numerator.and(a);
        f.denominator = f.denominator.and(n1);
        let (value, interval) = match (a, n1, c, n2) {
            (Some(a), Some(n1), Some(c), Some(n2)) => (
                recompute::rri(a, n1, c, n2),
                recompute::rri_interval(a, n1, c, n2),
            ),
            _ => (None, None),
        };
        f.value = value;
        let flag = match (a, c) {
            (Some(a), Some(c)) if value.is_some() => Some(recompute::rri_flag(a, c, interval)),
            _ => None,
        };
        let interval = interval.filter(|_| flag != Some(Flag::TooFew));
        f.ci_low = interval.map(|x| x.0);
        f.ci_high = interval.map(|x| x.1);
        f.flag = flag;
    }
}
