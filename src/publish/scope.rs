//! Rule 0 of disclosure control (`widget.md`): **what a disclosure-controlled output holds**,
//! before any number is suppressed.
//!
//! - **Known measures only.** A measure id that [`super::linkage::kind`] does not know is
//!   dropped: disclosure control cannot protect parts it cannot name.
//! - **Periods.** Financial years, and for each measure (and stage) the latest *complete*
//!   rolling 12 months only: the latest `rolling_12m` window with status `final`. Single
//!   quarters only when [`IncludeQuarters::Yes`] (and then secondary suppression runs across
//!   time too). Rows with status `partial` (a period containing the extract date) are never
//!   published: a part-year beside the latest rolling window and the previous financial year
//!   would let half-years be differenced out. Reoffending is therefore published only as pooled
//!   four-quarter cohorts (its `financial_year` / `rolling_12m` rows) unless quarters are asked
//!   for.
//! - **Offence categories.** A group of breakdown `offence_category` (or `breakdown2`) outside
//!   [`YJB_GROUPS`] is published as "Other", so case-worker free text never reaches a public
//!   page. Rows that land on the same "Other" cell are merged: counts summed; ratios whose
//!   numerator and denominator are both counts recomputed from the summed parts (interval
//!   recomputed as Wilson where the measure has one); any other ratio (population denominators,
//!   the concentration share, RRIs) cannot be merged and the merged cell is dropped. A
//!   distinct-children count summed over merged categories counts a child in two of them twice
//!   (an over-count, never a smaller number). If any merged row was already suppressed the
//!   merged cell is suppressed.
//! - **Each count once.** A stage's ethnicity counts appear as `disp_count` only: the
//!   `ethnicity` breakdown rows of `custody_children`, `remand_children` and `fte_count` (the
//!   same children as stages `custody`, `remand`, `first_time_entrants`) are dropped.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::linkage::{self, Kind, Source};
use super::recompute;
use crate::catalogue::breakdown::OTHER_CATEGORY;
use crate::catalogue::{Breakdown, FigureStage, Measure};
use crate::codes::offence::YJB_GROUPS;
use crate::report::{Figure, PeriodType, Status};

/// Whether single quarters are published.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IncludeQuarters {
    No,
    Yes,
}

/// Apply rule 0: keep what a disclosure-controlled output may hold, merge free-text offence
/// categories into "Other".
pub fn select(figures: Vec<Figure>, quarters: IncludeQuarters) -> Vec<Figure> {
    // The latest final rolling window of each measure and stage.
    let mut latest: HashMap<(Measure, FigureStage), (NaiveDate, NaiveDate)> = HashMap::new();
    for f in &figures {
        if f.period_type == PeriodType::Rolling12m && f.status == Status::Final {
            let e = latest
                .entry((f.measure, f.stage))
                .or_insert((f.period_start, f.period_end));
            if f.period_end > e.1 {
                *e = (f.period_start, f.period_end);
            }
        }
    }
    let kept = figures.into_iter().filter(|f| {
        if f.status == Status::Partial {
            return false;
        }
        let period_ok = match f.period_type {
            PeriodType::Quarter => quarters == IncludeQuarters::Yes,
            PeriodType::FinancialYear => true,
            PeriodType::Rolling12m => {
                f.status == Status::Final
                    && latest.get(&(f.measure, f.stage)) == Some(&(f.period_start, f.period_end))
            }
        };
        let duplicate_count = linkage::stage_alias(f.measure).is_some()
            && (f.breakdown == Breakdown::Ethnicity || f.breakdown2 == Some(Breakdown::Ethnicity));
        period_ok && !duplicate_count
    });
    merge_other_categories(kept)
}

/// `true` for an offence category published under its own name.
pub fn is_yjb_group(group: &str) -> bool {
    YJB_GROUPS.contains(&group)
}

type CellKey = (
    Measure,
    FigureStage,
    PeriodType,
    NaiveDate,
    NaiveDate,
    Breakdown,
    String,
    Option<Breakdown>,
    String,
);

fn cell_key(f: &Figure) -> CellKey {
    (
        f.measure,
        f.stage,
        f.period_type,
        f.period_start,
        f.period_end,
        f.breakdown,
        f.group.clone(),
        f.breakdown2,
        f.group2.clone(),
    )
}

fn merge_other_categories(figures: impl Iterator<Item = Figure>) -> Vec<Figure> {
    let mut cells: Vec<Vec<Figure>> = Vec::new();
    let mut index: HashMap<CellKey, usize> = HashMap::new();
    for mut f in figures {
        if f.breakdown == Breakdown::OffenceCategory && !is_yjb_group(&f.group) {
            f.group = OTHER_CATEGORY.to_string();
        }
        if f.breakdown2 == Some(Breakdown::OffenceCategory) && !is_yjb_group(&f.group2) {
            f.group2 = OTHER_CATEGORY.to_string();
        }
        match index.get(&cell_key(&f)) {
            Some(&i) => cells[i].push(f),
            None => {
                index.insert(cell_key(&f), cells.len());
                cells.push(vec![f]);
            }
        }
    }
    cells
        .into_iter()
        .filter_map(|mut rows| {
            if rows.len() == 1 {
                rows.pop()
            } else {
                combine(rows)
            }
        })
        .collect()
}

/// Sum of values that are all present; `None` if any is missing.
fn sum_all(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    values.sum()
}

/// Merge several rows of one measure landing on the same "Other" cell.
fn combine(rows: Vec<Figure>) -> Option<Figure> {
    let mut out = rows[0].clone();
    if rows.iter().any(|r| r.status == Status::Provisional) {
        out.status = Status::Provisional;
    }
    if rows.iter().any(|r| r.suppressed) {
        out.suppressed = true;
        out.numerator = None;
        out.denominator = None;
        out.value = None;
        out.ci_low = None;
        out.ci_high = None;
        return Some(out);
    }
    match linkage::kind(out.measure) {
        Kind::Count => {
            out.value = sum_all(rows.iter().map(|r| r.value));
            out.numerator = if rows.iter().all(|r| r.numerator.is_none()) {
                None
            } else {
                sum_all(rows.iter().map(|r| r.numerator))
            };
            out.denominator = if rows.iter().all(|r| r.denominator.is_none()) {
                None
            } else {
                sum_all(rows.iter().map(|r| r.denominator))
            };
            out.ci_low = None;
            out.ci_high = None;
            Some(out)
        }
        Kind::Ratio {
            num,
            den,
            interval,
            mergeable: true,
        } if num != Source::Population && den != Source::Population => {
            let n = sum_all(rows.iter().map(|r| r.numerator))?;
            let d = sum_all(rows.iter().map(|r| r.denominator))?;
            let scale = rows
                .iter()
                .find_map(observed_scale)
                .unwrap_or_else(|| linkage::scale_from_unit(out.unit));
            out.numerator = Some(n);
            out.denominator = Some(d);
            out.value = (d > 0.0).then(|| scale * n / d);
            let had_ci = rows.iter().any(|r| r.ci_low.is_some());
            let ci = if had_ci && interval == linkage::Interval::Wilson {
                recompute::wilson_interval(n, d)
            } else {
                None
            };
            out.ci_low = ci.map(|c| c.0 * scale);
            out.ci_high = ci.map(|c| c.1 * scale);
            Some(out)
        }
        _ => None,
    }
}

/// The multiplier a row actually used (`value ÷ (numerator ÷ denominator)`), snapped to the
/// usual powers of ten, when the row lets us see it.
pub fn observed_scale(f: &Figure) -> Option<f64> {
    let (n, d, v) = (f.numerator?, f.denominator?, f.value?);
    if n <= 0.0 || d <= 0.0 || v <= 0.0 {
        return None;
    }
    let raw = v / (n / d);
    [1.0, 100.0, 1_000.0, 100_000.0]
        .into_iter()
        .find(|s| (raw / s - 1.0).abs() < 1e-6)
}
