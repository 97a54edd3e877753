//! Writing test workbooks: an .xlsx from CSV records (rust_xlsxwriter), and a minimal .ods and
//! zip by hand (the `zip` crate: an .ods is zipped XML).
#![allow(dead_code)]

use std::io::Write;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

/// How a date column's values are stored in the .xlsx.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Dates {
    /// Date cells: serials with a date format (dd/mm/yyyy).
    Cells,
    /// Plain numbers (Excel serials without a date format).
    Serials,
    /// Every other row one, then the other.
    Mixed,
    /// As text, as in the CSV.
    Text,
}

/// Day-first `dd/mm/yyyy` as (y, m, d).
pub fn dmy(s: &str) -> Option<(u16, u8, u8)> {
    let mut p = s.split('/');
    let d = p.next()?.parse().ok()?;
    let m = p.next()?.parse().ok()?;
    let y = p.next()?.parse().ok()?;
    Some((y, m, d))
}

/// The Excel serial (1900 system) of a date from 1 March 1900.
pub fn serial(y: u16, m: u8, d: u8) -> f64 {
    let days = |y: i64, m: i64, d: i64| {
        // Days from 1970-01-01 (civil from days, Howard Hinnant's algorithm).
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    };
    (days(i64::from(y), i64::from(m), i64::from(d)) + 25569) as f64
}

/// Write CSV records (first = header) into a worksheet: dates (columns whose header ends
/// `_date` or is `date_of_birth`) as `dates` says, whole numbers as numbers, the rest as text.
pub fn fill(ws: &mut Worksheet, records: &[Vec<String>], dates: Dates, first_row: u32) {
    let date_format = Format::new().set_num_format("dd/mm/yyyy");
    let header = &records[0];
    for (r, rec) in records.iter().enumerate() {
        let row = first_row + r as u32;
        for (c, v) in rec.iter().enumerate() {
            let col = c as u16;
            if v.is_empty() {
                continue;
            }
            let h = &header[c];
            let is_date = r > 0 && (h.ends_with("_date") || h == "date_of_birth");
            if let (true, Some((y, m, d))) = (is_date, dmy(v)) {
                let as_cell = match dates {
                    Dates::Cells => true,
                    Dates::Serials => false,
                    Dates::Mixed => r % 2 == 0,
                    Dates::Text => {
                        ws.write_string(row, col, v).unwrap();
                        continue;
                    }
                };
                if as_cell {
                    let dt = ExcelDateTime::from_ymd(y, m, d).unwrap();
                    ws.write_datetime_with_format(row, col, &dt, &date_format)
                        .unwrap();
                } else {
                    ws.write_number(row, col, serial(y, m, d)).unwrap();
                }
            } else if r > 0 && !v.starts_with('0') && v.parse::<i64>().is_ok() {
                ws.write_number(row, col, v.parse::<f64>().unwrap())
                    .unwrap();
            } else {
                ws.write_string(row, col, v).unwrap();
            }
        }
    }
}

/// CSV text → records.
pub fn records(csv: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// An .xlsx holding `csv` on a sheet "Data", after a cover sheet and before a notes sheet
/// when `extra_sheets`.
pub fn xlsx_of(csv: &str, dates: Dates, extra_sheets: bool) -> Vec<u8> {
    let recs = records(csv);
    let mut wb = Workbook::new();
    if extra_sheets {
        let cover = wb.add_worksheet();
        cover.set_name("Cover").unwrap();
        cover.write_string(0, 0, "Youth justice extract").unwrap();
        cover.write_string(1, 0, "Produced for testing").unwrap();
    }
    let ws = wb.add_worksheet();
    ws.set_name("Data").unwrap();
    fill(ws, &recs, dates, 0);
    if extra_sheets {
        let notes = wb.add_worksheet();
        notes.set_name("Notes").unwrap();
        notes.write_string(0, 0, "Note number").unwrap();
        notes.write_string(0, 1, "Note text").unwrap();
        notes.write_number(1, 0, 1).unwrap();
        notes.write_string(1, 1, "Synthetic data.").unwrap();
    }
    wb.save_to_buffer().unwrap()
}

/// An ODS cell.
pub enum Cell<'a> {
    Text(&'a str),
    Number(f64),
    Date(&'a str),
    Empty,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A minimal .ods: each sheet a name and rows of cells.
pub fn ods(sheets: &[(&str, Vec<Vec<Cell<'_>>>)]) -> Vec<u8> {
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>"#,
    );
    for (name, rows) in sheets {
        content.push_str(&format!(r#"<table:table table:name="{}">"#, esc(name)));
        for row in rows {
            content.push_str("<table:table-row>");
            for cell in row {
                match cell {
                    Cell::Text(t) => content.push_str(&format!(
                        r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
                        esc(t)
                    )),
                    Cell::Number(n) => content.push_str(&format!(
                        r#"<table:table-cell office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
                    )),
                    Cell::Date(d) => content.push_str(&format!(
                        r#"<table:table-cell office:value-type="date" office:date-value="{d}"><text:p>{d}</text:p></table:table-cell>"#
                    )),
                    Cell::Empty => content.push_str("<table:table-cell/>"),
                }
            }
            content.push_str("</table:table-row>");
        }
        content.push_str("</table:table>");
    }
    content.push_str("</office:spreadsheet></office:body></office:document-content>");
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".as_slice(),
        ),
        ("META-INF/manifest.xml", manifest.as_bytes()),
        ("content.xml", content.as_bytes()),
    ])
}

/// A zip of named files (the first stored, the rest deflated).
pub fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (i, (name, data)) in files.iter().enumerate() {
        let method = if i == 0 {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        w.start_file(
            *name,
            SimpleFileOptions::default().compression_method(method),
        )
        .unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}
