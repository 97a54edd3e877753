//! A whole small CSV-like file (population file, aggregate file) read into header + records.

use super::{Refusal, RefusalKind};

/// A small file read whole: its header and its records, values trimmed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub records: Vec<Vec<String>>,
}

/// Read a small CSV-like file (UTF-8; comma, semicolon, tab or pipe).
pub fn read_table(bytes: &[u8]) -> Result<Table, Refusal> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().find(|l| !l.trim().is_empty()).ok_or(Refusal {
        kind: RefusalKind::Empty,
        message: "The file is empty.".into(),
    })?;
    let delimiter = [b',', b';', b'\t', b'|']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for record in reader.records().flatten() {
        let row: Vec<String> = record.iter().map(|v| v.trim().to_string()).collect();
        if row.iter().any(|v| !v.is_empty()) {
            records.push(row);
        }
    }
    if records.is_empty() {
        return Err(Refusal {
            kind: RefusalKind::Empty,
            message: "The file is empty.".into(),
        });
    }
    let headers = records.remove(0);
    Ok(Table { headers, records })
}
