//! The aggregate export: a report's figures, disclosure-controlled unless the analyst opts
//! out, written as the aggregate file with its provenance. One path for the CLI and widget.

use crate::comparators::Area;
use crate::publish::aggregate::{write_csv_for_area, Provenance};
use crate::publish::disclosure::{self, DisclosureSettings};
use crate::report::Report;

/// The byte order mark the aggregate file starts with, so that Excel on Windows reads it as
/// UTF-8 (en dashes in labels, "–" in periods). [`read_csv`](super::aggregate::read_csv)
/// accepts files with and without it.
pub const BOM: char = '\u{feff}';

/// The aggregate CSV of `report`, starting with a UTF-8 [`BOM`]. `control = None` writes
/// every figure unsuppressed (`suppressed=false` throughout): for internal use only.
pub fn aggregate_csv(
    report: &Report,
    source: &str,
    generated_at: &str,
    control: Option<&DisclosureSettings>,
) -> String {
    aggregate_csv_for_area(report, source, generated_at, control, None)
}

/// As [`aggregate_csv`]; once our `area` is named, every row starts with its `area_code,
/// area` (`comparators.md`: the file neighbouring services exchange as comparators).
pub fn aggregate_csv_for_area(
    report: &Report,
    source: &str,
    generated_at: &str,
    control: Option<&DisclosureSettings>,
    area: Option<&Area>,
) -> String {
    let provenance = Provenance::for_report(report, source_name(source), generated_at, control);
    let area = area.map(|a| (a.name.as_str(), a.code.as_deref()));
    let body = match control {
        Some(c) => write_csv_for_area(
            &disclosure::apply(report.figures.clone(), c),
            &provenance,
            area,
        ),
        None => write_csv_for_area(&report.figures, &provenance, area),
    };
    let mut out = String::with_capacity(body.len() + BOM.len_utf8());
    out.push(BOM);
    out.push_str(&body);
    out
}

/// Only the file's name goes into the `source` column, never the folders above it.
fn source_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    #[test]
    fn source_is_the_file_name_only() {
        assert_eq!(
            super::source_name("/home/jo/Desktop/extract.csv"),
            "extract.csv"
        );
        assert_eq!(
            super::source_name(r"C:\Users\jo\extract.csv"),
            "extract.csv"
        );
        assert_eq!(super::source_name("extract.csv"), "extract.csv");
    }
}
