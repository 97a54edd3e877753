//! Shared builders and attacker checks for the disclosure tests.
#![allow(dead_code)]

use std::collections::BTreeMap;

use chrono::NaiveDate;
use yjlens_core::catalogue::{Breakdown, FigureStage, Measure, Unit};
use yjlens_core::publish::linkage::{self, Kind};
use yjlens_core::report::{Figure, PeriodType, Status};

/// The measure of an id (the tests name measures by id, as the files do).
pub fn measure(id: &str) -> Measure {
    id.parse().unwrap()
}

/// The unit of a unit's text; "index" is the relative rate index's ("ratio").
pub fn unit(text: &str) -> Unit {
    if text == "index" {
        return Unit::Ratio;
    }
    Unit::from_text(text).unwrap_or_else(|| panic!("unknown unit {text}"))
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A period: type, start, end, status.
#[derive(Clone, Copy, Debug)]
pub struct Period {
    pub kind: PeriodType,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub status: Status,
}

pub const FY: Period = Period {
    kind: PeriodType::FinancialYear,
    start: NaiveDate::from_ymd_opt(2023, 4, 1).unwrap(),
    end: NaiveDate::from_ymd_opt(2024, 3, 31).unwrap(),
    status: Status::Final,
};

pub fn quarter(i: usize) -> Period {
    let starts = [(2023, 4), (2023, 7), (2023, 10), (2024, 1)];
    let (y, m) = starts[i];
    let start = date(y, m, 1);
    let end = (start + chrono::Months::new(3)).pred_opt().unwrap();
    Period {
        kind: PeriodType::Quarter,
        start,
        end,
        status: Status::Final,
    }
}

pub fn rolling(start: NaiveDate, end: NaiveDate, status: Status) -> Period {
    Period {
        kind: PeriodType::Rolling12m,
        start,
        end,
        status,
    }
}

pub fn fig(measure: &str, stage: &str, p: Period, breakdown: &str, group: &str) -> Figure {
    Figure {
        measure: self::measure(measure),
        stage: stage.parse::<FigureStage>().unwrap(),
        period_type: p.kind,
        period_start: p.start,
        period_end: p.end,
        period_label: "".into(),
        breakdown: breakdown.parse::<Breakdown>().unwrap(),
        group: group.into(),
        breakdown2: None,
        group2: String::new(),
        numerator: None,
        denominator: None,
        value: None,
        unit: self::measure(measure).unit(),
        ci_low: None,
        ci_high: None,
        flag: None,
        status: p.status,
        suppressed: false,
        definition: "".into(),
    }
}

/// A count row.
pub fn count(
    measure: &str,
    stage: &str,
    p: Period,
    breakdown: &str,
    group: &str,
    n: u32,
) -> Figure {
    let mut f = fig(measure, stage, p, breakdown, group);
    f.value = Some(f64::from(n));
    f.unit = Unit::Children;
    if measure == "disp_count" {
        f.numerator = Some(f64::from(n));
    }
    f
}

/// A ratio row `num ÷ den × scale` (a percentage with a Wilson interval when `unit` is "%").
#[allow(clippy::too_many_arguments)]
pub fn ratio(
    measure: &str,
    stage: &str,
    p: Period,
    breakdown: &str,
    group: &str,
    num: f64,
    den: f64,
    unit: &str,
) -> Figure {
    let mut f = fig(measure, stage, p, breakdown, group);
    let scale = linkage::scale_from_unit(self::unit(unit));
    f.numerator = Some(num);
    f.denominator = Some(den);
    f.unit = self::unit(unit);
    if den > 0.0 {
        f.value = Some(scale * num / den);
        if unit == "%" {
            let (lo, hi) = yjlens_core::publish::recompute::wilson_interval(num, den).unwrap();
            f.ci_low = Some(lo * 100.0);
            f.ci_high = Some(hi * 100.0);
        }
    }
    f
}

pub fn find<'a>(
    out: &'a [Figure],
    measure: &str,
    stage: &str,
    kind: PeriodType,
    breakdown: &str,
    group: &str,
) -> &'a Figure {
    out.iter()
        .find(|f| {
            f.measure == measure
                && f.stage == stage
                && f.period_type == kind
                && f.breakdown == breakdown
                && f.group == group
        })
        .unwrap_or_else(|| panic!("no {measure}/{stage}/{breakdown}={group} in output"))
}

pub fn is_count(f: &Figure) -> bool {
    matches!(linkage::kind(f.measure), Kind::Count)
}

/// The count a count row publishes.
pub fn count_value(f: &Figure) -> Option<f64> {
    f.value.or(f.numerator)
}

/// Ratio parts that are counts of children/events (not populations).
pub fn ratio_count_parts(f: &Figure) -> Vec<f64> {
    match linkage::kind(f.measure) {
        Kind::Ratio { num, den, .. } => {
            let pop = |s| s == linkage::Source::Population;
            let den_is_pop =
                pop(den) || (den == linkage::Source::RriBase && f.stage.base().is_none());
            let mut v = Vec::new();
            if !pop(num) {
                v.extend(f.numerator);
            }
            if !den_is_pop {
                v.extend(f.denominator);
            }
            v
        }
        _ => Vec::new(),
    }
}

type TableKey = (
    String,
    String,
    PeriodType,
    NaiveDate,
    NaiveDate,
    String,
    String,
    String,
);

/// Every single-table recovery an attacker can make from the published figures: a partition
/// table (groups of one breakdown summing to the `all` row, of a count measure) or a time table
/// (quarters within a published year), where a suppressed cell is pinned — exactly one
/// suppressed, or several that must all be 1. Returns descriptions of each recovery.
pub fn recoveries(out: &[Figure]) -> Vec<String> {
    let mut problems = Vec::new();
    let counts: Vec<&Figure> = out.iter().filter(|f| is_count(f)).collect();
    // Partition tables.
    let mut tables: BTreeMap<TableKey, Vec<&Figure>> = BTreeMap::new();
    let mut totals: BTreeMap<TableKey, &Figure> = BTreeMap::new();
    for f in &counts {
        let base = (
            f.measure.to_string(),
            f.stage.to_string(),
            f.period_type,
            f.period_start,
            f.period_end,
        );
        if f.breakdown == "all" {
            totals.insert(
                (
                    base.0,
                    base.1,
                    base.2,
                    base.3,
                    base.4,
                    String::new(),
                    String::new(),
                    String::new(),
                ),
                f,
            );
        } else if f.breakdown != "month" {
            tables
                .entry((
                    base.0,
                    base.1,
                    base.2,
                    base.3,
                    base.4,
                    f.breakdown.to_string(),
                    f.breakdown2.map_or(String::new(), |b| b.to_string()),
                    f.group2.clone(),
                ))
                .or_default()
                .push(f);
        }
    }
    for (key, cells) in &tables {
        let tkey = (
            key.0.clone(),
            key.1.clone(),
            key.2,
            key.3,
            key.4,
            String::new(),
            String::new(),
            String::new(),
        );
        let Some(total) = totals.get(&tkey) else {
            continue;
        };
        check_table(&format!("{key:?}"), total, cells, &mut problems);
    }
    // Time tables: quarters inside a published year / window.
    for total in counts
        .iter()
        .filter(|f| f.period_type != PeriodType::Quarter)
    {
        let cells: Vec<&Figure> = counts
            .iter()
            .copied()
            .filter(|q| {
                q.period_type == PeriodType::Quarter
                    && q.measure == total.measure
                    && q.stage == total.stage
                    && q.breakdown == total.breakdown
                    && q.group == total.group
                    && q.breakdown2 == total.breakdown2
                    && q.group2 == total.group2
                    && q.period_start >= total.period_start
                    && q.period_end <= total.period_end
            })
            .collect();
        if !cells.is_empty() {
            check_table(
                &format!(
                    "time {} {} {}={}",
                    total.measure, total.stage, total.breakdown, total.group
                ),
                total,
                &cells,
                &mut problems,
            );
        }
    }
    problems
}

fn check_table(name: &str, total: &Figure, cells: &[&Figure], problems: &mut Vec<String>) {
    if total.suppressed {
        // The total must not be the sum of all published cells.
        if !cells.is_empty()
            && cells.iter().all(|c| !c.suppressed)
            && cells.iter().any(|c| count_value(c) != Some(0.0))
        {
            problems.push(format!("{name}: suppressed total is the sum of its cells"));
        }
        return;
    }
    let Some(t) = count_value(total) else { return };
    let suppressed = cells.iter().filter(|c| c.suppressed).count();
    let published: f64 = cells.iter().filter_map(|c| count_value(c)).sum();
    if suppressed == 1 {
        problems.push(format!("{name}: one suppressed cell = {t} - {published}"));
    } else if suppressed >= 2 && (t - published - suppressed as f64).abs() < 1e-9 {
        problems.push(format!(
            "{name}: {suppressed} suppressed cells must each be 1"
        ));
    }
}
