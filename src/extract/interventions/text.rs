//! The text machinery the interventions extract and the board file share with the case-level
//! extract: decoding (BOM, UTF-8, UTF-16, Windows-1252), title lines skipped (a date in them
//! kept), the header found by its known columns with the delimiter sniffed, records split by
//! `csv` with their spreadsheet line numbers, and the hostile-input limits (a header over
//! 1 MB or 10,000 columns refused, a field over 64 KiB rejecting its row).

use chrono::NaiveDate;

use super::super::columns::{normalise, split_line, DELIMITERS};
use super::super::{dates, decode, Refusal, RefusalKind};
use super::fields::{field_of, IField};

/// A header longer than this (bytes) or with more columns than [`MAX_COLUMNS`] is refused.
pub(crate) const MAX_HEADER_BYTES: usize = 1 << 20;
pub(crate) const MAX_COLUMNS: usize = 10_000;
/// A field longer than this rejects its row (`field too long`).
pub(crate) const MAX_FIELD_BYTES: usize = 64 << 10;
/// The header is looked for in the first this many non-blank lines.
const HEADER_SEARCH: usize = 50;

/// A file's text split into its header and records.
pub(crate) struct Sheet {
    pub headers: Vec<String>,
    /// `(spreadsheet line, fields)` of every data record (blank lines left out).
    pub records: Vec<(u32, Vec<String>)>,
    pub delimiter: u8,
    pub encoding: String,
    pub header_line: u32,
    pub title_lines: u32,
    pub title_date: Option<NaiveDate>,
}

/// Decode `bytes` and split them, the header being the first of the first 50 non-blank lines
/// naming at least two of `fields` (or a header the profile names), under the delimiter giving
/// the most known names. `what` names the file in refusals ("interventions extract").
pub(crate) fn read_sheet(
    bytes: &[u8],
    fields: &[IField],
    mapped: &[String],
    forced: Option<u8>,
    what: &str,
) -> Result<Sheet, Refusal> {
    let (text, encoding) = decode::decode_all(bytes)?;
    let mapped: Vec<String> = mapped.iter().map(|h| normalise(h)).collect();
    let known = |f: &str| field_of(fields, f).is_some() || mapped.contains(&normalise(f));
    let mut header = None;
    let mut title_lines = 0;
    let mut title_date = None;
    for (seen, (line_no, start, line)) in lines(&text)
        .filter(|(_, _, l)| !l.trim().is_empty())
        .enumerate()
    {
        if seen >= HEADER_SEARCH {
            break;
        }
        if line.len() > MAX_HEADER_BYTES {
            return Err(too_big(line_no, what));
        }
        let candidates: &[u8] = match &forced {
            Some(d) => std::slice::from_ref(d),
            None => &DELIMITERS,
        };
        let mut best: Option<(usize, u8)> = None;
        for &d in candidates {
            let parts = split_line(line, d);
            if parts.len() > MAX_COLUMNS {
                return Err(too_big(line_no, what));
            }
            let n = parts.iter().filter(|p| known(p)).count();
            if n >= 2 && best.is_none_or(|(b, _)| n > b) {
                best = Some((n, d));
            }
        }
        if let Some((_, d)) = best {
            header = Some((line_no, start, d));
            break;
        }
        title_lines += 1;
        if title_date.is_none() {
            title_date = dates::title_date(line);
        }
    }
    let Some((header_line, start, delimiter)) = header else {
        if text.trim().is_empty() {
            return Err(decode::empty_refusal());
        }
        return Err(Refusal {
            kind: RefusalKind::NoHeader,
            message: crate::catalogue::messages::fill(
                crate::catalogue::messages::en("error.kpi.no_header"),
                &[("what", &what)],
            ),
        });
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(&text.as_bytes()[start..]);
    let mut records = Vec::new();
    let mut record = csv::ByteRecord::new();
    let mut headers = None;
    while let Ok(true) = reader.read_byte_record(&mut record) {
        let line = header_line + record.position().map_or(0, |p| p.line() as u32) - 1;
        let row: Vec<String> = record
            .iter()
            .map(|v| {
                let v = if v.len() > MAX_FIELD_BYTES {
                    // Kept long enough to be recognised as too long, no longer.
                    &v[..MAX_FIELD_BYTES + 1]
                } else {
                    v
                };
                String::from_utf8_lossy(v).trim().to_string()
            })
            .collect();
        if headers.is_none() {
            headers = Some(row);
            continue;
        }
        if row.iter().all(String::is_empty) {
            continue;
        }
        records.push((line, row));
    }
    Ok(Sheet {
        headers: headers.unwrap_or_default(),
        records,
        delimiter,
        encoding: encoding.label().into(),
        header_line,
        title_lines,
        title_date,
    })
}

fn too_big(line: u32, what: &str) -> Refusal {
    Refusal {
        kind: RefusalKind::NoHeader,
        message: crate::catalogue::messages::fill(
            crate::catalogue::messages::en("error.kpi.header_too_big"),
            &[("line", &line), ("what", &what)],
        ),
    }
}

/// Lines with their 1-based numbers and byte offsets (LF, CRLF or CR).
fn lines(text: &str) -> impl Iterator<Item = (u32, usize, &str)> {
    let b = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    let mut n = 0u32;
    std::iter::from_fn(move || {
        while i < b.len() {
            if b[i] == b'\n' || b[i] == b'\r' {
                let line = (n + 1, start, &text[start..i]);
                if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                i += 1;
                start = i;
                n += 1;
                return Some(line);
            }
            i += 1;
        }
        if start < b.len() {
            let line = (n + 1, start, &text[start..]);
            start = b.len();
            n += 1;
            return Some(line);
        }
        None
    })
}
