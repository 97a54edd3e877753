//! yjlens aggregate files as comparators (`comparators.md`, "Comparator files" 3): the
//! aggregate file of `input-formats.md` §4 with two extra leading columns `area_code, area`,
//! read by the aggregate reader ([`crate::publish::aggregate::read_rows`]). Suppressed cells
//! stay suppressed.

use crate::extract::table::Table;
use crate::extract::Refusal;
use crate::publish::aggregate::read_rows;

use super::column;
use crate::comparators::{Area, ComparatorFigure};

/// The figures of an aggregate file with area columns (`bytes`: the file, `table`: the same
/// file read as a table).
pub fn read(bytes: &[u8], table: &Table) -> Result<Vec<ComparatorFigure>, Refusal> {
    let (rows, _) = read_rows(bytes)?;
    let area = column(&table.headers, &["area"]);
    let code = column(&table.headers, &["area_code"]);
    Ok(rows
        .into_iter()
        .filter_map(|(n, figure)| {
            let rec = table.records.get(n)?;
            let at = |i: Option<usize>| i.and_then(|i| rec.get(i)).map(|s| s.trim());
            let name = at(area).filter(|s| !s.is_empty())?;
            Some(ComparatorFigure {
                area: Area::classify(name, at(code)),
                region: None,
                published: figure.definition.trim().eq_ignore_ascii_case("published"),
                figure,
                members: None,
            })
        })
        .collect())
}
