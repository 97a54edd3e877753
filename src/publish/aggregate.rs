//! The aggregate file (`input-formats.md` §4): a tidy long CSV, one row per figure plus
//! provenance columns on every row. Written by the analyst export, read by public mode.

use chrono::NaiveDate;

use crate::extract::{Refusal, RefusalKind};
use crate::publish::disclosure::DisclosureSettings;
use crate::report::{CohortMethod, CustodyUnit, Figure, PeriodType, Report, Settings, Status};

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

/// The figure columns, in order, followed by the provenance columns.
pub const COLUMNS: [&str; 24] = [
    "measure",
    "stage",
    "period_type",
    "period_start",
    "period_end",
    "period_label",
    "breakdown",
    "group",
    "breakdown2",
    "group2",
    "numerator",
    "denominator",
    "value",
    "unit",
    "ci_low",
    "ci_high",
    "flag",
    "status",
    "suppressed",
    "definition",
    "source",
    "generated_at",
    "tool_version",
    "settings",
];

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
        extract_date.format("%Y-%m-%d"),
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

fn status_id(s: Status) -> &'static str {
    match s {
        Status::Final => "final",
        Status::Provisional => "provisional",
        Status::Partial => "partial",
    }
}

/// Write figures as the aggregate CSV.
pub fn write_csv(figures: &[Figure], provenance: &Provenance) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(figures.len() * 400 + 512));
    // Writing to a Vec cannot fail.
    let _ = w.write_record(COLUMNS);
    let t = escape_text;
    let (source, generated_at, tool_version, settings) = (
        t(&provenance.source),
        t(&provenance.generated_at),
        t(&provenance.tool_version),
        t(&provenance.settings),
    );
    for f in figures {
        let record: [String; 24] = [
            t(&f.measure),
            t(&f.stage),
            f.period_type.id().to_string(),
            f.period_start.format("%Y-%m-%d").to_string(),
            f.period_end.format("%Y-%m-%d").to_string(),
            t(&f.period_label),
            t(&f.breakdown),
            t(&f.group),
            t(&f.breakdown2),
            t(&f.group2),
            number(f.numerator),
            number(f.denominator),
            number(f.value),
            t(&f.unit),
            number(f.ci_low),
            number(f.ci_high),
            t(&f.flag),
            status_id(f.status).to_string(),
            if f.suppressed { "true" } else { "false" }.to_string(),
            t(&f.definition),
            source.clone(),
            generated_at.clone(),
            tool_version.clone(),
            settings.clone(),
        ];
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

/// Read an aggregate file (public mode). Refused, with one sentence, when a figure column
/// is missing or a row cannot be read. Files with and without a UTF-8 BOM are read alike
/// (the analyst export writes one; a file saved by a spreadsheet may or may not keep it).
pub fn read_csv(bytes: &[u8]) -> Result<(Vec<Figure>, Provenance), Refusal> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let table = crate::extract::read_table(bytes)?;
    let find = |name: &str| {
        table
            .headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let mut idx = [usize::MAX; 24];
    for (k, name) in COLUMNS.iter().enumerate() {
        match find(name) {
            Some(i) => idx[k] = i,
            None if k < 20 => {
                return Err(Refusal {
                    kind: RefusalKind::ColumnUnmapped {
                        field: name.to_string(),
                        headers: table.headers.clone(),
                    },
                    message: format!(
                        "This is not a yjlens aggregate file: the column {name} is missing."
                    ),
                })
            }
            None => {}
        }
    }
    let mut figures = Vec::with_capacity(table.records.len());
    let mut provenance = Provenance::default();
    for (n, rec) in table.records.iter().enumerate() {
        let line = n + 2;
        let cell = |k: usize| -> &str {
            if idx[k] == usize::MAX {
                ""
            } else {
                rec.get(idx[k]).map(String::as_str).unwrap_or("")
            }
        };
        let text = |k: usize| unescape_text(cell(k));
        let num = |k: usize| -> Result<Option<f64>, Refusal> {
            let c = cell(k).trim();
            if c.is_empty() {
                return Ok(None);
            }
            c.parse::<f64>().map(Some).map_err(|_| {
                refusal(format!(
                    "Row {line} of the aggregate file has {} = \"{c}\", which is not a number.",
                    COLUMNS[k]
                ))
            })
        };
        let date = |k: usize| {
            NaiveDate::parse_from_str(cell(k).trim(), "%Y-%m-%d").map_err(|_| {
                refusal(format!(
                    "Row {line} of the aggregate file has {} = \"{}\", which is not an ISO date.",
                    COLUMNS[k],
                    cell(k)
                ))
            })
        };
        let period_type = match cell(2).trim() {
            "quarter" => PeriodType::Quarter,
            "financial_year" => PeriodType::FinancialYear,
            "rolling_12m" => PeriodType::Rolling12m,
            other => {
                return Err(refusal(format!(
                    "Row {line} of the aggregate file has an unknown period_type \"{other}\"."
                )))
            }
        };
        let status = match cell(17).trim() {
            "final" => Status::Final,
            "provisional" => Status::Provisional,
            "partial" => Status::Partial,
            other => {
                return Err(refusal(format!(
                    "Row {line} of the aggregate file has an unknown status \"{other}\"."
                )))
            }
        };
        let suppressed = match cell(18).trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => true,
            "false" | "no" | "0" | "" => false,
            other => {
                return Err(refusal(format!(
                    "Row {line} of the aggregate file has suppressed = \"{other}\" (expected true or false)."
                )))
            }
        };
        if n == 0 {
            provenance = Provenance {
                source: text(20),
                generated_at: text(21),
                tool_version: text(22),
                settings: text(23),
            };
        }
        figures.push(Figure {
            measure: text(0),
            stage: text(1),
            period_type,
            period_start: date(3)?,
            period_end: date(4)?,
            period_label: text(5),
            breakdown: text(6),
            group: text(7),
            breakdown2: text(8),
            group2: text(9),
            numerator: num(10)?,
            denominator: num(11)?,
            value: num(12)?,
            unit: text(13),
            ci_low: num(14)?,
            ci_high: num(15)?,
            flag: text(16),
            status,
            suppressed,
            definition: text(19),
        });
    }
    Ok((figures, provenance))
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
