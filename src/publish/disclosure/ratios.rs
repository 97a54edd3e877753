//! Rule 2, ratios: which cells each figure row carries (a count row its cell; a rate, share,
//! RRI or gap its numerator, denominator and, for `disp_rri`, the reference group's counts),
//! and whether the row is published: every cell it carries published, a denominator of at
//! least 10, and enough reoffenders behind `reoffending_concentration`.

use std::collections::HashMap;

use super::cells::{count_key, Key};
use super::Engine;
use crate::catalogue::breakdown::ALL_GROUP;
use crate::catalogue::{Breakdown, FigureStage, Measure};
use crate::codes::EthnicGroup;
use crate::publish::linkage::{self, Kind, Source, DISP_KNOWN};
use crate::report::Figure;

/// What one row needs to be published.
#[derive(Default)]
pub(super) struct RowPlan {
    /// Cells that must all be published.
    pub(super) parts: Vec<usize>,
    pub(super) num: Option<usize>,
    pub(super) den: Option<usize>,
    /// The reference group's count and (stage-to-stage) base count, for `disp_rri`.
    pub(super) reference: Option<usize>,
    pub(super) reference_base: Option<usize>,
    /// Suppressed whatever the cells say.
    pub(super) force: bool,
    /// The denominator, for the "below 10" rule (population or count).
    pub(super) den_population: bool,
    /// `reoffending_concentration`: the reoffenders cell.
    pub(super) reoffenders: Option<usize>,
}

impl Engine {
    /// The cell a ratio part refers to (`None` for a population).
    /// `side` is `num` or `den`; `field` the value this row carries for it.
    pub(super) fn source_cell(
        &mut self,
        source: Source,
        f: &Figure,
        side: &str,
        field: Option<f64>,
    ) -> Option<usize> {
        let later = f.stage.stage().map_or("", |s| s.id());
        let disp_count = Measure::DispCount.id();
        let all = Breakdown::All.id();
        let key = match source {
            Source::Population => return None,
            Source::Measure(m) => count_key(m, f),
            Source::Own => Key::of(&format!("{}#{side}", f.measure), &f.stage.id(), f),
            Source::DispCount => Key::of(disp_count, later, f),
            Source::DispAll => Key::of(disp_count, later, f).with_group(all, ALL_GROUP),
            Source::DispKnown => Key::of(DISP_KNOWN, later, f).with_group(all, ALL_GROUP),
            Source::RriBase => match f.stage.base() {
                None => return None,
                Some(base) if base.is_counted() => Key::of(disp_count, base.id(), f),
                Some(_) => Key::of(&format!("{}#{side}", f.measure), &f.stage.id(), f),
            },
        };
        Some(self.cell(key, field))
    }

    pub(super) fn plan_row(&mut self, f: &Figure) -> RowPlan {
        let mut plan = RowPlan {
            force: f.suppressed,
            ..RowPlan::default()
        };
        match linkage::kind(f.measure) {
            Kind::Count => {
                let id = self.cell(count_key(f.measure, f), f.value.or(f.numerator));
                if f.suppressed {
                    self.cells[id].suppressed = true;
                }
                plan.parts.push(id);
            }
            Kind::Ratio { num, den, .. } => {
                plan.num = self.source_cell(num, f, "num", f.numerator);
                plan.den = self.source_cell(den, f, "den", f.denominator);
                plan.den_population = den == Source::Population
                    || (den == Source::RriBase && f.stage.base().is_none());
                plan.parts.extend(plan.num);
                plan.parts.extend(plan.den);
                if f.measure == Measure::ReoffendingConcentration {
                    let id = self.cell(count_key(Measure::ReoffendingReoffenders, f), None);
                    plan.reoffenders = Some(id);
                    plan.parts.push(id);
                }
            }
            Kind::GapPp => {
                // The gap carries no counts of its own: it follows `disp_share`.
                plan.num = self.source_cell(Source::DispCount, f, "num", None);
                plan.den = self.source_cell(Source::DispKnown, f, "den", None);
                plan.parts.extend(plan.num);
                plan.parts.extend(plan.den);
            }
            Kind::PopulationShare => plan.den_population = true,
        }
        plan
    }

    /// Attach the reference group's cells to every `disp_rri` row. The reference of a stage
    /// and period is the known group without an RRI row; if that is not exactly one group,
    /// every candidate is required published (and the first is used for recomputation).
    pub(super) fn resolve_references(&mut self, figures: &[Figure]) {
        let mut present: HashMap<Key, Vec<String>> = HashMap::new();
        let rri = Measure::DispRri;
        for f in figures.iter().filter(|f| f.measure == rri) {
            present
                .entry(Key::of(rri.id(), &f.stage.id(), f).without_group())
                .or_default()
                .push(f.group.clone());
        }
        for (i, f) in figures.iter().enumerate() {
            if f.measure != rri {
                continue;
            }
            let groups = &present[&Key::of(rri.id(), &f.stage.id(), f).without_group()];
            let candidates: Vec<&str> = EthnicGroup::KNOWN
                .iter()
                .map(|g| g.label())
                .filter(|g| !groups.iter().any(|p| p == g))
                .collect();
            let candidates = if candidates.is_empty() {
                vec![EthnicGroup::White.label()]
            } else {
                candidates
            };
            let later = f.stage.stage().map_or("", |s| s.id());
            let base = match f.stage {
                FigureStage::Versus(_, b) => Some(b),
                _ => None,
            };
            for (n, reference) in candidates.iter().enumerate() {
                let key = Key::of(Measure::DispCount.id(), later, f)
                    .with_group(f.breakdown.id(), reference);
                let key = Key {
                    breakdown2: f.breakdown2.map_or("", Breakdown::id).to_string(),
                    group2: f.group2.clone(),
                    ..key
                };
                let base_key = base.map(|b| {
                    if b.is_counted() {
                        Key {
                            stage: b.id().to_string(),
                            ..key.clone()
                        }
                    } else {
                        Key {
                            count: format!("{rri}#den"),
                            stage: f.stage.id(),
                            ..key.clone()
                        }
                    }
                });
                match self.index.get(&key) {
                    Some(&id) => {
                        self.rows[i].parts.push(id);
                        if n == 0 {
                            self.rows[i].reference = Some(id);
                        }
                    }
                    // A reference count we cannot see cannot be checked.
                    None => self.rows[i].force = true,
                }
                // The reference group's base count, where the figures hold it (a base that
                // is not itself a stage, such as "diversion or out of court", has no row of
                // its own for the reference group).
                if let Some(&id) = base_key.and_then(|b| self.index.get(&b)) {
                    self.rows[i].parts.push(id);
                    if n == 0 {
                        self.rows[i].reference_base = Some(id);
                    }
                }
            }
        }
    }

    pub(super) fn row_suppressed(&self, i: usize, f: &Figure) -> bool {
        let plan = &self.rows[i];
        if plan.force || plan.parts.iter().any(|&c| !self.published(c)) {
            return true;
        }
        let is_ratio = !matches!(linkage::kind(f.measure), Kind::Count);
        if is_ratio && (plan.den.is_some() || plan.den_population) {
            let den = if plan.den_population {
                f.denominator
            } else {
                plan.den.and_then(|d| self.cells[d].value).or(f.denominator)
            };
            match den {
                Some(d) if d < 10.0 => return true,
                None if f.value.is_some() => return true,
                _ => {}
            }
        }
        if let Some(r) = plan.reoffenders {
            match self.cells[r].value {
                Some(r) if (0.1 * r).ceil() >= self.k => {}
                _ => return true,
            }
        }
        false
    }
}
