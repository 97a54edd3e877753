//! The aggregate export: a report's figures, disclosure-controlled unless the analyst opts
//! out, written as the aggregate file with its provenance. One path for the CLI and widget.

use crate::catalogue::messages::msg;
use crate::catalogue::Breakdown;
use crate::comparators::{Area, AreaKind, Comparison};
use crate::publish::aggregate::{write_csv_for_area, write_csv_rows, AreaCells, Provenance};
use crate::publish::disclosure::{self, DisclosureSettings};
use crate::report::Report;
use crate::report::{Figure, Status};

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
    let provenance = export_provenance(report, source, generated_at, control);
    match control {
        Some(c) => controlled_aggregate(report.figures.clone(), &provenance, c, area),
        None => aggregate_file(&report.figures, &provenance, area),
    }
}

/// The aggregate file of `figures` as they are (disclosure control, if any, applied
/// already), `provenance` on every row and, once our `area` is named, its `area_code, area`;
/// a UTF-8 [`BOM`] first. Issue 15: the CSV module writes an unsuppressed export with this
/// alone, and the publish module the controlled one ([`controlled_aggregate`]), so that
/// disclosure control is fetched only when an export needs it.
pub fn aggregate_file(figures: &[Figure], provenance: &Provenance, area: Option<&Area>) -> String {
    let area = area.map(|a| (a.name.as_str(), a.code.as_deref()));
    with_bom(&write_csv_for_area(figures, provenance, area))
}

/// [`aggregate_file`] of `figures` with disclosure control `control` applied: what
/// [`aggregate_csv_for_area`] writes for a report whose figures these are and whose
/// provenance this is ([`Provenance::for_report`] with `control`).
pub fn controlled_aggregate(
    figures: Vec<Figure>,
    provenance: &Provenance,
    control: &DisclosureSettings,
    area: Option<&Area>,
) -> String {
    aggregate_file(&disclosure::apply(figures, control), provenance, area)
}

/// The provenance an export of `report` carries: its settings with `control`'s, and of
/// `source` only the file's name.
pub fn export_provenance(
    report: &Report,
    source: &str,
    generated_at: &str,
    control: Option<&DisclosureSettings>,
) -> Provenance {
    Provenance::for_report(report, source_name(source), generated_at, control)
}

/// `body` after the UTF-8 [`BOM`].
fn with_bom(body: &str) -> String {
    let mut out = String::with_capacity(body.len() + BOM.len_utf8());
    out.push(BOM);
    out.push_str(body);
    out
}

/// The comparator rows of a comparison a board reader needs beside ours: every region,
/// nation and family figure (not each other YJS's, nor our own published row), once per
/// area and figure, as figures of the aggregate schema. A service's own comparison (its
/// rows carry the `service` breakdown) is left out: its comparators are the whole areas'.
pub fn comparator_figures(report: &Report, comparison: &Comparison) -> Vec<(Area, Figure)> {
    let mut out: Vec<(Area, Figure)> = Vec::new();
    for (row, detail) in comparison.rows.iter().zip(&comparison.details) {
        if !matches!(
            row.area_kind,
            AreaKind::Region | AreaKind::Nation | AreaKind::Family
        ) || row.breakdown == Breakdown::Service
        {
            continue;
        }
        let area = Area::new(&row.area, row.area_code.as_deref(), row.area_kind);
        let same = |f: &Figure| {
            f.measure == row.measure
                && f.stage == row.stage
                && f.period_type == row.period_type
                && f.period_start == row.period_start
                && f.period_end == row.period_end
                && f.breakdown == row.breakdown
                && f.group == row.group
        };
        if out
            .iter()
            .any(|(a, f)| a.same_place(&area) && a.kind == area.kind && same(f))
        {
            continue;
        }
        let period_label = report
            .figures
            .iter()
            .find(|f| f.period_type == row.period_type && f.period_start == row.period_start)
            .map(|f| f.period_label.clone())
            .unwrap_or_default();
        let Some(unit) = detail.unit else { continue };
        out.push((
            area,
            Figure {
                measure: row.measure,
                stage: row.stage,
                period_type: row.period_type,
                period_start: row.period_start,
                period_end: row.period_end,
                period_label,
                breakdown: row.breakdown,
                group: row.group.clone(),
                breakdown2: None,
                group2: String::new(),
                numerator: row.numerator.filter(|_| !detail.suppressed),
                denominator: row.denominator.filter(|_| !detail.suppressed),
                value: row.value.filter(|_| !detail.suppressed),
                unit,
                ci_low: None,
                ci_high: None,
                flag: None,
                status: Status::Final,
                suppressed: detail.suppressed,
                definition: if detail.published {
                    "published".into()
                } else {
                    msg("comparators.export.definition").into()
                },
            },
        ));
    }
    out
}

/// As [`aggregate_csv_for_area`], then the comparator rows of `comparison`
/// ([`comparator_figures`]), each with its own `area_code, area` (`comparators.md`: "Board
/// pack and aggregate export: comparator rows carry their `area`"). Our rows come first
/// (their `area` empty when our area is not named), so public mode reads them alone.
pub fn aggregate_csv_with_comparators(
    report: &Report,
    source: &str,
    generated_at: &str,
    control: Option<&DisclosureSettings>,
    area: Option<&Area>,
    comparison: Option<&Comparison>,
) -> String {
    let comparators = comparison
        .map(|c| comparator_figures(report, c))
        .unwrap_or_default();
    if comparators.is_empty() {
        return aggregate_csv_for_area(report, source, generated_at, control, area);
    }
    let provenance = export_provenance(report, source, generated_at, control);
    let ours = match control {
        Some(c) => disclosure::apply(report.figures.clone(), c),
        None => report.figures.clone(),
    };
    let our_area = area.map(|a| (a.name.as_str(), a.code.as_deref()));
    let mut rows: Vec<(AreaCells, &Figure)> = ours
        .iter()
        .map(|f| (our_area.or(Some(("", None))), f))
        .collect();
    rows.extend(
        comparators
            .iter()
            .map(|(a, f)| (Some((a.name.as_str(), a.code.as_deref())), f)),
    );
    with_bom(&write_csv_rows(&rows, &provenance, true))
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
