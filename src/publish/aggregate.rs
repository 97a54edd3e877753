//! The aggregate file (`input-formats.md` §4): a tidy long CSV, one row per figure plus
//! provenance columns on every row. Written by the analyst export, read by public mode.

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::catalogue::messages::{fill, msg};
use crate::catalogue::schema::{self, CellError, Column, ColumnKind};
use crate::extract::{Refusal, RefusalKind};
use crate::publish::disclosure::DisclosureSettings;
use crate::report::{CohortMethod, CustodyUnit, Figure, Report, Settings};

/// Provenance written on every row of the aggregate file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Provenance {
    pub source: String,
    pub generated_at: String,
    pub tool_version: String,
    /// Every choice that changes a figure, e.g. `extract_date=2025-09-30; breaches=excluded; …`.
    pub settings: String,
}

impl Provenance {
    /// Provenance for a report's figures, with the settings text filled in.
    pub fn for_report(
        report: &Report,
        source: &str,
        generated_at: &str,
        disclosure: Option<&DisclosureSettings>,
    ) -> Provenance {
        Provenance {
            source: source.to_string(),
            generated_at: generated_at.to_string(),
            tool_version: report.tool_version.clone(),
            settings: settings_text(&report.settings, report.extract_date, disclosure),
        }
    }
}

/// The provenance columns, after the figure columns ([`schema::COLUMNS`]).
pub const PROVENANCE_COLUMNS: [&str; 4] = ["source", "generated_at", "tool_version", "settings"];

/// Every column of the aggregate file, in order: the figure columns of the schema, then the
/// provenance columns.
pub fn columns() -> Vec<&'static str> {
    schema::COLUMNS
        .iter()
        .map(|c| c.id())
        .chain(PROVENANCE_COLUMNS)
        .collect()
}

/// `extract_date=2025-09-30; breaches=excluded; reference=White; cohort=pooled;
/// custody_unit=per_1000; k=5; rounding=none` — every choice that changes a figure.
/// `disclosure` is `None` when no disclosure control was applied (`k=none`).
pub fn settings_text(
    settings: &Settings,
    extract_date: NaiveDate,
    disclosure: Option<&DisclosureSettings>,
) -> String {
    format!(
        "extract_date={}; breaches={}; reference={}; cohort={}; custody_unit={}; k={}; rounding={}",
        extract_date, // "%Y-%m-%d", NaiveDate's Display
        if settings.exclude_breaches {
            "excluded"
        } else {
            "included"
        },
        settings.reference_group.label(),
        match settings.cohort_method {
            CohortMethod::Pooled => "pooled",
            CohortMethod::Legacy => "legacy",
        },
        match settings.custody_unit {
            CustodyUnit::Per1000 => "per_1000",
            CustodyUnit::Per100000 => "per_100000",
        },
        disclosure.map_or("none".to_string(), |d| d.k.to_string()),
        match disclosure {
            Some(d) if d.round_to_5 => "nearest_5",
            _ => "none",
        }
    )
}

/// A number at full precision up to 6 decimal places; whole numbers without `.0`.
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let s = if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.6}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        s.to_string()
    };
    if s == "-0" {
        "0".to_string()
    } else {
        s
    }
}

fn number(v: Option<f64>) -> String {
    v.map(format_number).unwrap_or_default()
}

/// A text cell made safe for spreadsheets: a leading `'` before `= + - @` TAB CR.
pub fn escape_text(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

fn unescape_text(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some('\''), Some('=' | '+' | '-' | '@' | '\t' | '\r')) => s[1..].to_string(),
        _ => s.to_string(),
    }
}

/// Write figures as the aggregate CSV.
pub fn write_csv(figures: &[Figure], provenance: &Provenance) -> String {
    write_csv_for_area(figures, provenance, None)
}

/// The two columns written before the figure columns once our area is named
/// (`comparators.md`): what a comparator file of aggregate figures carries.
pub const AREA_COLUMNS: [&str; 2] = ["area_code", "area"];

/// An area's name and ONS code, as a row of the aggregate file carries them.
pub type AreaCells<'a> = Option<(&'a str, Option<&'a str>)>;

/// Write figures as the aggregate CSV; with `area` (name, code), every row starts with the
/// [`AREA_COLUMNS`] — the file another service can read as a comparator.
pub fn write_csv_for_area(
    figures: &[Figure],
    provenance: &Provenance,
    area: Option<(&str, Option<&str>)>,
) -> String {
    let rows: Vec<(AreaCells, &Figure)> = figures.iter().map(|f| (area, f)).collect();
    write_csv_rows(&rows, provenance, area.is_some())
}

/// Write figures as the aggregate CSV, each with its own area (name, code); with
/// `with_area`, every row starts with the [`AREA_COLUMNS`] (empty for a row without one).
pub fn write_csv_rows(
    rows: &[(AreaCells, &Figure)],
    provenance: &Provenance,
    with_area: bool,
) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(rows.len() * 400 + 512));
    let mut header: Vec<&str> = Vec::new();
    if with_area {
        header.extend(AREA_COLUMNS);
    }
    header.extend(columns());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(&header);
    let t = escape_text;
    let provenance = [
        t(&provenance.source),
        t(&provenance.generated_at),
        t(&provenance.tool_version),
        t(&provenance.settings),
    ];
    let mut record: Vec<String> = Vec::with_capacity(schema::COLUMNS.len() + provenance.len());
    for (area, f) in rows {
        record.clear();
        if with_area {
            let (name, code) = area.unwrap_or(("", None));
            record.push(escape_text(code.unwrap_or("")));
            record.push(escape_text(name));
        }
        for &c in schema::COLUMNS {
            record.push(match c.kind() {
                // Ids never start with a character a spreadsheet would read as a formula.
                ColumnKind::Text if c.is_id() => f.text(c).into_owned(),
                ColumnKind::Text => t(&f.text(c)),
                ColumnKind::Number => number(f.number(c)),
                ColumnKind::Flag => if f.suppressed { "true" } else { "false" }.to_string(),
            });
        }
        record.extend(provenance.iter().cloned());
        let _ = w.write_record(&record);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

fn refusal(message: String) -> Refusal {
    Refusal {
        kind: RefusalKind::NoHeader,
        message,
    }
}

/// The sentence of a cell that cannot be read, on line `line` of the file.
fn cell_refusal(line: usize, e: CellError) -> Refusal {
    let (id, column, value) = match &e {
        CellError::UnknownId { column, value } => ("error.aggregate.unknown_id", column, value),
        CellError::NotANumber { column, value } => ("error.aggregate.not_a_number", column, value),
        CellError::NotADate { column, value } => ("error.aggregate.not_a_date", column, value),
        CellError::NotTrueOrFalse { column, value } => {
            ("error.aggregate.not_true_or_false", column, value)
        }
    };
    refusal(fill(
        msg(id),
        &[("line", &line), ("column", column), ("value", value)],
    ))
}

/// Read an aggregate file (public mode). Refused, with one sentence, when a figure column
/// is missing or a row cannot be read. Files with and without a UTF-8 BOM are read alike
/// (the analyst export writes one; a file saved by a spreadsheet may or may not keep it).
/// A row of a measure (or stage) this version does not know — a file from a newer version —
/// is left out: disclosure control publishes only the measures it can protect.
///
/// A file with an `area` column holds our rows first (the export writes them so), then the
/// rows of comparator areas: only the rows of the first row's area are ours.
pub fn read_csv(bytes: &[u8]) -> Result<(Vec<Figure>, Provenance), Refusal> {
    let (rows, provenance, areas) = read_rows_with_area(bytes)?;
    let ours = areas.as_ref().and_then(|a| a.first().cloned());
    Ok((
        rows.into_iter()
            .filter(|(n, _)| match (&areas, &ours) {
                (Some(a), Some(o)) => a.get(*n) == Some(o),
                _ => true,
            })
            .map(|(_, f)| f)
            .collect(),
        provenance,
    ))
}

/// As [`read_csv`], each figure with the index of its data row (0 = the first row under the
/// header), so that extra columns of the row can be read with it (a comparator file's
/// `area_code, area`).
pub fn read_rows(bytes: &[u8]) -> Result<(Vec<(usize, Figure)>, Provenance), Refusal> {
    read_rows_with_area(bytes).map(|(rows, provenance, _)| (rows, provenance))
}

/// The figures of every data row and each data row's `area` cell (trimmed), when the file
/// has an `area` column.
type RowsWithArea = (Vec<(usize, Figure)>, Provenance, Option<Vec<String>>);

fn read_rows_with_area(bytes: &[u8]) -> Result<RowsWithArea, Refusal> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let table = crate::extract::read_table(bytes)?;
    let find = |name: &str| {
        table
            .headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let mut idx = vec![None; schema::COLUMNS.len()];
    for &c in schema::COLUMNS {
        let name = c.id();
        match find(name) {
            Some(i) => idx[c.index()] = Some(i),
            None => {
                return Err(Refusal {
                    kind: RefusalKind::ColumnUnmapped {
                        field: name.to_string(),
                        headers: table.headers.clone(),
                    },
                    message: fill(msg("error.aggregate.missing_column"), &[("column", &name)]),
                })
            }
        }
    }
    let provenance_idx: Vec<Option<usize>> = PROVENANCE_COLUMNS.iter().map(|n| find(n)).collect();
    let mut figures = Vec::with_capacity(table.records.len());
    let mut provenance = Provenance::default();
    for (n, rec) in table.records.iter().enumerate() {
        let line = n + 2;
        let at = |i: Option<usize>| -> &str {
            i.and_then(|i| rec.get(i)).map(String::as_str).unwrap_or("")
        };
        if n == 0 {
            let p = |k: usize| unescape_text(at(provenance_idx[k]));
            provenance = Provenance {
                source: p(0),
                generated_at: p(1),
                tool_version: p(2),
                settings: p(3),
            };
        }
        let cell = |c: Column| -> Cow<'_, str> {
            let raw = at(idx[c.index()]);
            if c.kind() == ColumnKind::Text && !c.is_id() {
                Cow::Owned(unescape_text(raw))
            } else {
                Cow::Borrowed(raw)
            }
        };
        match schema::figure_from_cells(cell) {
            Ok(f) => figures.push((n, f)),
            Err(e) if e.is_unknown_measure() => {}
            Err(e) => return Err(cell_refusal(line, e)),
        }
    }
    let areas = find("area").map(|i| {
        table
            .records
            .iter()
            .map(|r| r.get(i).map_or("", |s| s.trim()).to_string())
            .collect()
    });
    Ok((figures, provenance, areas))
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(format_number(18.0), "18");
        assert_eq!(format_number(22.222_222_222), "22.222222");
        assert_eq!(format_number(0.19), "0.19");
        assert_eq!(format_number(-0.000_000_1), "0");
        assert_eq!(format_number(-5.25), "-5.25");
        assert_eq!(format_number(26_316.0), "26316");
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_text("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(escape_text("-x"), "'-x");
        assert_eq!(escape_text("\tx"), "'\tx");
        assert_eq!(escape_text("White"), "White");
        assert_eq!(unescape_text("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unescape_text("'quoted"), "'quoted");
    }
}
