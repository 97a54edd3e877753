//! Other tables of the Youth Justice Statistics local-level open data (`comparators.md`,
//! "Comparator files" 1): a table with a `YJS` (or `YOT`) column, a `Financial_Year` column
//! and a count column that is not the children table's `Number_Children` — e.g. first-time
//! entrants — read the same way (total rows ignored, rows summed per YJS, region and nation)
//! once its count column is named as a measure by a mapping: the mapping profile's
//! `comparator_measures` (count column → measure id), or the publication's own first-time
//! entrants column. Figures of a measure from the Police National Computer (first-time
//! entrants, reoffending) are published figures: labelled so and never ranked with ours.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::catalogue::measure::Family;
use crate::catalogue::messages::{en, msg};
use crate::catalogue::{Breakdown, FigureStage, Measure};
use crate::codes::normalise;
use crate::extract::table::Table;
use crate::measures::periods::financial_year_label;
use crate::report::{Figure, PeriodType, Status};

use super::children_table::{Cell, Columns, Row};
use crate::comparators::{Area, AreaKind, ComparatorFigure};

/// Whether a count column is the children table's own (children cautioned or sentenced).
pub fn is_children_count(header: &str) -> bool {
    matches!(
        normalise(header).as_str(),
        "numberchildren" | "numberofchildren" | "children"
    )
}

/// The measure a count column names: the mapping's choice (`mapping`: normalised header →
/// measure), else the publication's first-time entrants column; `None` when unnamed.
pub fn measure_of(header: &str, mapping: &BTreeMap<String, Measure>) -> Option<Measure> {
    let n = normalise(header);
    if let Some(m) = mapping.get(&n) {
        return Some(*m);
    }
    (n.contains("firsttimeentrant") || n.contains("ftes")).then_some(Measure::FteCount)
}

/// Read a table whose count column names `measure`: its YJS, region and nation figures per
/// financial year (breakdown `all`); unusable rows counted in `rejected` by reason.
pub fn read(
    table: &Table,
    cols: &Columns,
    measure: Measure,
    rejected: &mut BTreeMap<String, u64>,
) -> Vec<ComparatorFigure> {
    let mut reject = |reason: &str| *rejected.entry(reason.to_string()).or_default() += 1;
    // (area, its region) → year → summed cell.
    let mut sums: Vec<(Area, Option<String>, BTreeMap<i32, Cell>)> = Vec::new();
    let mut add = |area: Area, region: Option<String>, year: i32, cell: Cell| {
        let i = match sums
            .iter()
            .position(|(a, _, _)| a.kind == area.kind && a.same_place(&area))
        {
            Some(i) => i,
            None => {
                sums.push((area, region, BTreeMap::new()));
                sums.len() - 1
            }
        };
        sums[i].2.entry(year).or_default().add(cell);
    };
    let mut nations = BTreeSet::new();
    for rec in &table.records {
        let Some(Row {
            name,
            year,
            cell,
            nation,
            region,
        }) = cols.row(rec, &mut reject)
        else {
            continue;
        };
        add(
            Area::new(name, None, AreaKind::Yjs),
            region.map(str::to_string),
            year,
            cell,
        );
        if let Some(r) = region {
            add(Area::new(r, None, AreaKind::Region), None, year, cell);
        }
        if let Some(n) = nation {
            nations.insert(normalise(n));
            add(Area::new(n, None, AreaKind::Nation), None, year, cell);
            add(
                Area::new(en("comparators.england_and_wales"), None, AreaKind::Nation),
                None,
                year,
                cell,
            );
        }
    }
    // England and Wales only when the table has both.
    let both = nations.contains("england") && nations.contains("wales");
    let published = matches!(
        measure.family(),
        Family::FirstTimeEntrants | Family::Reoffending
    );
    let mut out = Vec::new();
    for (area, region, years) in sums {
        if !both && area.name == en("comparators.england_and_wales") {
            continue;
        }
        for (year, cell) in years {
            let value = (!cell.suppressed).then_some(cell.count as f64);
            out.push(ComparatorFigure {
                area: area.clone(),
                region: region.clone(),
                published,
                members: None,
                figure: Figure {
                    measure,
                    stage: FigureStage::None,
                    period_type: PeriodType::FinancialYear,
                    period_start: NaiveDate::from_ymd_opt(year, 4, 1).unwrap_or_default(),
                    period_end: NaiveDate::from_ymd_opt(year + 1, 3, 31).unwrap_or_default(),
                    period_label: financial_year_label(year).into(),
                    breakdown: Breakdown::All,
                    group: "all".into(),
                    breakdown2: None,
                    group2: String::new(),
                    numerator: value,
                    denominator: None,
                    value,
                    unit: measure.unit(),
                    ci_low: None,
                    ci_high: None,
                    flag: None,
                    status: Status::Final,
                    suppressed: cell.suppressed,
                    definition: if published {
                        "published".into()
                    } else {
                        msg("comparators.other_table.definition").into()
                    },
                },
            });
        }
    }
    out
}
