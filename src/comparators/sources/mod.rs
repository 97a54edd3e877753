//! The comparator files of `comparators.md` ("Comparator files"), one module per layout, and
//! which layout a file's header is.

pub mod aggregate;
pub mod children_table;
pub mod headline;
pub mod other_table;
pub mod population;

use crate::catalogue::schema;
use crate::codes::normalise;

use super::SourceKind;

/// The column of `headers` whose normalised name is one of `names`.
pub(crate) fn column(headers: &[String], names: &[&str]) -> Option<usize> {
    let names: Vec<String> = names.iter().map(|n| normalise(n)).collect();
    headers
        .iter()
        .position(|h| names.iter().any(|n| *n == normalise(h)))
}

/// Which comparator file a header belongs to; `None` for a file that is not one.
pub fn detect(headers: &[String]) -> Option<SourceKind> {
    let has = |names: &[&str]| column(headers, names).is_some();
    if children_table::Columns::find(headers).is_some() {
        return Some(SourceKind::ChildrenTable);
    }
    if population::is_nomis(headers) {
        return Some(SourceKind::Population);
    }
    let area = has(&["area"]);
    if area && schema::COLUMNS.iter().all(|c| has(&[c.id()])) {
        return Some(SourceKind::Aggregate);
    }
    if area && headline::REQUIRED.iter().all(|c| has(&[c])) {
        return Some(SourceKind::Headline);
    }
    if area && has(population::COUNT_NAMES) {
        return Some(SourceKind::Population);
    }
    None
}
