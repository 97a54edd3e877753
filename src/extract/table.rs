//! A whole small CSV-like file (population file, aggregate file) read into header + records,
//! with the same decoding (BOM, UTF-8, UTF-16, Windows-1252) and delimiter sniffing as the
//! extract reader.

use super::columns::{most_fields_delimiter, normalise, split_line};
use super::{decode, Refusal, RefusalKind};

/// A small file read whole: its header and its records, values trimmed, trailing empty
/// fields and blank lines dropped.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub records: Vec<Vec<String>>,
    /// The delimiter used (`,` `;` TAB `|`).
    pub delimiter: u8,
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE` or `Windows-1252`.
    pub encoding: String,
}

/// Read a small CSV-like file (comma, semicolon, tab or pipe; delimiter sniffed from the
/// header, which is the first non-blank line).
pub fn read_table(bytes: &[u8]) -> Result<Table, Refusal> {
    read_table_with(bytes, &[])
}

/// As [`read_table`], skipping title lines: when `known` column names are given, the header
/// is the first of the first 50 non-blank lines naming at least two of them (matched
/// case-insensitively, ignoring spaces, `_`, `-`, `.` and brackets), else the first non-blank
/// line.
pub fn read_table_with(bytes: &[u8], known: &[&str]) -> Result<Table, Refusal> {
    let (text, encoding) = decode::decode_all(bytes)?;
    let known: Vec<String> = known.iter().map(|k| normalise(k)).collect();
    let lines: Vec<(usize, &str)> = line_starts(&text)
        .into_iter()
        .filter(|(_, l)| !l.trim().is_empty())
        .take(50)
        .collect();
    let Some(&(first_start, first_line)) = lines.first() else {
        return Err(decode::empty_refusal());
    };
    let mut header = (first_start, most_fields_delimiter(first_line));
    if !known.is_empty() {
        'lines: for &(start, line) in &lines {
            for d in super::columns::DELIMITERS {
                let hits = split_line(line, d)
                    .iter()
                    .filter(|f| known.contains(&normalise(f)))
                    .count();
                if hits >= 2 {
                    header = (start, d);
                    break 'lines;
                }
            }
        }
    }
    let (start, delimiter) = header;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(&text.as_bytes()[start..]);
    let mut records = Vec::new();
    let mut record = csv::ByteRecord::new();
    while reader.read_byte_record(&mut record).unwrap_or(false) {
        let mut row: Vec<String> = record
            .iter()
            .map(|v| String::from_utf8_lossy(v).trim().to_string())
            .collect();
        while row.last().is_some_and(String::is_empty) {
            row.pop();
        }
        if !row.is_empty() {
            records.push(row);
        }
    }
    if records.is_empty() {
        return Err(decode::empty_refusal());
    }
    let headers = records.remove(0);
    if headers.is_empty() {
        return Err(Refusal {
            kind: RefusalKind::NoHeader,
            message: crate::catalogue::messages::msg("error.extract.no_header").into(),
        });
    }
    Ok(Table {
        headers,
        records,
        delimiter,
        encoding: encoding.label().into(),
    })
}

/// Lines with their byte offsets (LF, CRLF or CR).
fn line_starts(text: &str) -> Vec<(usize, &str)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\n' || b[i] == b'\r' {
            out.push((start, &text[start..i]));
            if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    if start < b.len() {
        out.push((start, &text[start..]));
    }
    out
}
