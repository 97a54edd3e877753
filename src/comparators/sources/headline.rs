//! Published headline figures typed by hand (`comparators.md`, "Comparator files" 4): the
//! aggregate columns, only `area, measure, period_type, period_start, period_end, value`
//! required (plus `numerator, denominator` when known). A row with `definition = published`
//! is a Police National Computer figure (published reoffending, FTE) and is always labelled
//! so.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::catalogue::messages::en;
use crate::catalogue::schema::{self, Column};
use crate::catalogue::Measure;
use crate::extract::table::Table;
use crate::extract::Refusal;

use super::column;
use crate::comparators::{Area, ComparatorFigure};

/// The columns a headline file must have.
pub const REQUIRED: [&str; 6] = [
    "area",
    "measure",
    "period_type",
    "period_start",
    "period_end",
    "value",
];

/// Read the rows of a headline file; rows that cannot be read are counted by reason.
pub fn read(
    table: &Table,
    rejected: &mut BTreeMap<String, u64>,
) -> Result<Vec<ComparatorFigure>, Refusal> {
    let h = &table.headers;
    let area = column(h, &["area"]);
    let code = column(h, &["area_code"]);
    let idx: Vec<Option<usize>> = schema::COLUMNS
        .iter()
        .map(|c| column(h, &[c.id()]))
        .collect();
    let mut out = Vec::new();
    for rec in &table.records {
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let at = |i: Option<usize>| i.and_then(|i| rec.get(i)).map_or("", |s| s.trim());
        let name = at(area);
        if name.is_empty() {
            *rejected
                .entry(en("comparators.rejected.no_area").into())
                .or_default() += 1;
            continue;
        }
        let measure = Measure::from_id(at(idx[Column::Measure.index()]));
        // Columns left out take the values a headline figure has: the total, final, the
        // measure's unit.
        let cell = |c: Column| -> Cow<'_, str> {
            let v = at(idx[c.index()]);
            if !v.is_empty() {
                return Cow::Borrowed(v);
            }
            Cow::Borrowed(match c {
                Column::Breakdown | Column::Group => "all",
                Column::Status => "final",
                Column::Unit => measure.map_or("", |m| m.unit().text()),
                _ => "",
            })
        };
        match schema::figure_from_cells(cell) {
            Ok(figure) if figure.value.is_some() || figure.suppressed => {
                out.push(ComparatorFigure {
                    area: Area::classify(name, Some(at(code))),
                    region: None,
                    published: figure.definition.eq_ignore_ascii_case("published"),
                    figure,
                    members: None,
                })
            }
            Ok(_) => {
                *rejected
                    .entry(en("comparators.rejected.no_value").into())
                    .or_default() += 1;
            }
            Err(_) => {
                *rejected
                    .entry(en("comparators.rejected.headline_row").into())
                    .or_default() += 1;
            }
        }
    }
    Ok(out)
}
