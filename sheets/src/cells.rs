//! A cell's text as the CSV the core reads would hold it, and the CSV writer.
//!
//! * Text as it is; whole numbers without `.0`; other numbers to Excel's 15 significant digits
//!   (`0.1 + 0.2` is `0.3`, as Excel's own CSV export writes it); `TRUE` / `FALSE`; errors as
//!   Excel shows them (`#N/A`).
//! * Cells typed as dates (an .xlsx serial with a date format, an .ods date value) as ISO
//!   `YYYY-MM-DD`, with ` HH:MM:SS` only when there is a time of day; a time alone as
//!   `HH:MM:SS`. A date stored as a plain number stays a number: the core reads Excel serials
//!   in date columns (1950–2099).
//! * Rows are padded to the table's width (a short row would be a wrong field count to the
//!   core); a row with no value is an empty line, which the core counts as blank, as in a CSV;
//!   blank rows after the last value are dropped. Quoting is RFC 4180: a field holding a comma,
//!   a double quote or a line break is quoted, its quotes doubled.

use calamine::{Data, DataRef, ExcelDateTime};

/// `v` as Excel writes a number to CSV: whole numbers without a decimal point, others to 15
/// significant digits, shortest form.
pub(crate) fn number(v: f64, out: &mut String) {
    use std::fmt::Write;
    if !v.is_finite() {
        out.push_str("#NUM!");
    } else if v.fract() == 0.0 && v.abs() < 1e15 {
        let _ = write!(out, "{}", v as i64);
    } else {
        let rounded: f64 = format!("{v:.14e}").parse().unwrap_or(v);
        let _ = write!(out, "{rounded}");
    }
}

/// An .xlsx date-formatted serial (1900 or 1904 system) as ISO text.
pub(crate) fn excel_date(dt: &ExcelDateTime, out: &mut String) {
    use std::fmt::Write;
    let v = dt.as_f64();
    if dt.is_duration() || !v.is_finite() || v < 0.0 {
        return number(v, out);
    }
    let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
    if v < 1.0 {
        let _ = write!(out, "{h:02}:{mi:02}:{s:02}");
    } else if (h, mi, s) == (0, 0, 0) {
        let _ = write!(out, "{y:04}-{mo:02}-{d:02}");
    } else {
        let _ = write!(out, "{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}");
    }
}

/// An .ods date value (`2023-04-01`, `2023-04-01T13:45:00`) as ISO text: the date alone when
/// the time is midnight, else date and time separated by a space.
pub(crate) fn iso_date(s: &str, out: &mut String) {
    match s.split_once('T') {
        Some((date, time)) => {
            let midnight = time
                .trim_end_matches('Z')
                .bytes()
                .all(|b| matches!(b, b'0' | b':' | b'.'));
            out.push_str(date);
            if !midnight {
                out.push(' ');
                out.push_str(time.split('.').next().unwrap_or(time));
            }
        }
        None => out.push_str(s),
    }
}

/// Append a cell's text; `true` when the cell holds text (not a number, date or boolean).
pub(crate) fn data_text(d: &Data, out: &mut String) -> bool {
    match d {
        Data::String(s) => {
            out.push_str(s);
            return true;
        }
        Data::Int(i) => out.push_str(&i.to_string()),
        Data::Float(f) => number(*f, out),
        Data::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(dt) => excel_date(dt, out),
        Data::DateTimeIso(s) => iso_date(s, out),
        Data::DurationIso(s) => out.push_str(s),
        Data::Error(e) => out.push_str(&e.to_string()),
        Data::Empty => {}
    }
    false
}

/// As [`data_text`], for the streamed cells of an .xlsx sheet.
pub(crate) fn data_ref_text(d: &DataRef<'_>, out: &mut String) -> bool {
    match d {
        DataRef::String(s) => {
            out.push_str(s);
            return true;
        }
        DataRef::SharedString(s) => {
            out.push_str(s);
            return true;
        }
        DataRef::Int(i) => out.push_str(&i.to_string()),
        DataRef::Float(f) => number(*f, out),
        DataRef::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        DataRef::DateTime(dt) => excel_date(dt, out),
        DataRef::DateTimeIso(s) => iso_date(s, out),
        DataRef::DurationIso(s) => out.push_str(s),
        DataRef::Error(e) => out.push_str(&e.to_string()),
        DataRef::Empty => {}
    }
    false
}

/// The CSV text of a table, row by row.
pub(crate) struct CsvOut {
    pub(crate) out: Vec<u8>,
    /// Fields a row is padded to.
    width: usize,
    /// Blank rows not yet written: written only when a row with a value follows.
    blank: usize,
}

impl CsvOut {
    pub(crate) fn new(width: usize, capacity: usize) -> Self {
        CsvOut {
            out: Vec::with_capacity(capacity),
            width,
            blank: 0,
        }
    }

    /// One row (its fields from column A); an empty slice is a blank row.
    pub(crate) fn row<S: AsRef<str>>(&mut self, fields: &[S]) {
        let Some(last) = fields.iter().rposition(|f| !f.as_ref().is_empty()) else {
            self.blank += 1;
            return;
        };
        for _ in 0..std::mem::take(&mut self.blank) {
            self.out.push(b'\n');
        }
        let n = self.width.max(last + 1);
        for i in 0..n {
            if i > 0 {
                self.out.push(b',');
            }
            if let Some(f) = fields.get(i) {
                field(f.as_ref(), &mut self.out);
            }
        }
        self.out.push(b'\n');
    }

    /// `n` blank rows.
    pub(crate) fn blank_rows(&mut self, n: usize) {
        self.blank += n;
    }
}

/// One field, quoted when it must be (RFC 4180).
fn field(f: &str, out: &mut Vec<u8>) {
    if f.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.push(b'"');
        for b in f.bytes() {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(f.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    fn num(v: f64) -> String {
        let mut s = String::new();
        number(v, &mut s);
        s
    }

    #[test]
    fn numbers_as_excel_writes_them() {
        assert_eq!(num(3.0), "3");
        assert_eq!(num(-12.0), "-12");
        assert_eq!(num(0.1 + 0.2), "0.3");
        assert_eq!(num(2.5), "2.5");
        assert_eq!(num(45000.0), "45000");
    }

    #[test]
    fn dates_as_iso() {
        let text = |v: f64, is_1904: bool| {
            let mut s = String::new();
            excel_date(
                &ExcelDateTime::new(v, ExcelDateTimeType::DateTime, is_1904),
                &mut s,
            );
            s
        };
        assert_eq!(text(45017.0, false), "2023-04-01");
        assert_eq!(text(45017.5, false), "2023-04-01 12:00:00");
        assert_eq!(text(0.25, false), "06:00:00");
        assert_eq!(text(45017.0 - 1462.0, true), "2023-04-01");
        let iso = |v: &str| {
            let mut s = String::new();
            iso_date(v, &mut s);
            s
        };
        assert_eq!(iso("2023-04-01"), "2023-04-01");
        assert_eq!(iso("2023-04-01T00:00:00"), "2023-04-01");
        assert_eq!(iso("2023-04-01T13:45:10.5"), "2023-04-01 13:45:10");
    }

    #[test]
    fn rows_padded_quoted_and_trailing_blanks_dropped() {
        let mut csv = CsvOut::new(3, 0);
        csv.blank_rows(1);
        csv.row(&["a", "b,c", "say \"hi\""]);
        csv.row::<&str>(&[]);
        csv.row(&["1"]);
        csv.row(&["", ""]);
        csv.blank_rows(4);
        assert_eq!(
            String::from_utf8(csv.out).unwrap(),
            "\na,\"b,c\",\"say \"\"hi\"\"\"\n\n1,,\n"
        );
    }
}
