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

use chrono::{Datelike, Days, NaiveDate};

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

/// A number as stored in the file's XML (`12`, `0.30000000000000004`, `1E-3`): a plain whole
/// number as it is, anything else through [`number`]; text that is not a number as it is.
pub(crate) fn number_text(raw: &str, out: &mut String) {
    let digits = raw.strip_prefix('-').unwrap_or(raw);
    if !digits.is_empty() && digits.len() < 16 && digits.bytes().all(|b| b.is_ascii_digit()) {
        out.push_str(raw);
    } else {
        match raw.trim().parse::<f64>() {
            Ok(v) => number(v, out),
            Err(_) => out.push_str(raw),
        }
    }
}

/// An Excel serial date-time (1900 system, with its phantom 29 February 1900, or the 1904
/// system) as ISO text: `YYYY-MM-DD`, with ` HH:MM:SS` when there is a time of day; a time
/// alone (a serial below 1) as `HH:MM:SS`.
pub(crate) fn excel_serial(v: f64, is_1904: bool, out: &mut String) {
    use std::fmt::Write;
    if !v.is_finite() || !(0.0..2_958_466.0).contains(&v) {
        return number(v, out);
    }
    let mut days = v.floor() as u64;
    let mut secs = ((v - v.floor()) * 86_400.0).round() as u64;
    if secs >= 86_400 {
        days += 1;
        secs -= 86_400;
    }
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if v < 1.0 && !is_1904 {
        let _ = write!(out, "{h:02}:{m:02}:{s:02}");
        return;
    }
    let date = if is_1904 {
        NaiveDate::from_ymd_opt(1904, 1, 1).and_then(|d| d.checked_add_days(Days::new(days)))
    } else if days == 60 {
        out.push_str("1900-02-29");
        None
    } else {
        let (epoch, days) = if days < 60 { (31, days) } else { (30, days) };
        NaiveDate::from_ymd_opt(1899, 12, epoch).and_then(|d| d.checked_add_days(Days::new(days)))
    };
    if let Some(d) = date {
        let _ = write!(out, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
    } else if days != 60 {
        return number(v, out);
    }
    if secs > 0 {
        let _ = write!(out, " {h:02}:{m:02}:{s:02}");
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

/// An .ods time value (`PT13H45M00S`, an ISO 8601 duration) as `HH:MM:SS`.
pub(crate) fn ods_time(s: &str, out: &mut String) {
    use std::fmt::Write;
    let Some(rest) = s.strip_prefix("PT").or_else(|| s.strip_prefix("-PT")) else {
        return out.push_str(s);
    };
    let (mut h, mut m, mut sec, mut num) = (0.0, 0.0, 0.0, String::new());
    for c in rest.chars() {
        match c {
            'H' | 'M' | 'S' => {
                let v: f64 = num.parse().unwrap_or(0.0);
                num.clear();
                match c {
                    'H' => h = v,
                    'M' => m = v,
                    _ => sec = v,
                }
            }
            _ => num.push(c),
        }
    }
    let total = (h * 3600.0 + m * 60.0 + sec).round() as u64;
    let _ = write!(
        out,
        "{:02}:{:02}:{:02}",
        total / 3600,
        total / 60 % 60,
        total % 60
    );
}

/// A string of an .xlsx with its `_xHHHH_` escapes (OOXML's way of writing control
/// characters: `_x000D_` is a carriage return) decoded.
pub(crate) fn unescape_x(s: &mut String) {
    if !s.contains("_x") {
        return;
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(i) = rest.find("_x") {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let hex = tail
            .get(2..6)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        match (hex, tail.as_bytes().get(6)) {
            (Some(h), Some(b'_')) => {
                let c = u32::from_str_radix(h, 16).ok().and_then(char::from_u32);
                out.push(c.unwrap_or('\u{FFFD}'));
                rest = &tail[7..];
            }
            _ => {
                out.push_str("_x");
                rest = &tail[2..];
            }
        }
    }
    out.push_str(rest);
    *s = out;
}

/// The most CSV a table may become (1 GiB: more than a browser tab can analyse).
pub(crate) const MAX_CSV: usize = 1 << 30;

/// The CSV text of a table, row by row.
pub(crate) struct CsvOut {
    pub(crate) out: Vec<u8>,
    /// The table passed [`MAX_CSV`]: nothing more is written.
    pub(crate) full: bool,
    /// Fields a row is padded to.
    width: usize,
    /// Blank rows not yet written: written only when a row with a value follows.
    blank: usize,
}

impl CsvOut {
    pub(crate) fn new(width: usize, capacity: usize) -> Self {
        CsvOut {
            out: Vec::with_capacity(capacity),
            full: false,
            width,
            blank: 0,
        }
    }

    /// One row (its cells from column A); an empty slice is a blank row. `false` once the
    /// text would pass [`MAX_CSV`] (then nothing more is written).
    pub(crate) fn row(&mut self, fields: &[(String, bool)]) -> bool {
        let Some(last) = fields.iter().rposition(|f| !f.0.is_empty()) else {
            self.blank = self.blank.saturating_add(1);
            return true;
        };
        let size: usize =
            fields.iter().map(|f| f.0.len()).sum::<usize>() + self.width.max(fields.len());
        if self.full
            || self
                .out
                .len()
                .saturating_add(self.blank)
                .saturating_add(size)
                > MAX_CSV
        {
            self.full = true;
            return false;
        }
        let blank = std::mem::take(&mut self.blank);
        self.out.resize(self.out.len() + blank, b'\n');
        let n = self.width.max(last + 1);
        for i in 0..n {
            if i > 0 {
                self.out.push(b',');
            }
            if let Some(f) = fields.get(i) {
                field(&f.0, &mut self.out);
            }
        }
        self.out.push(b'\n');
        true
    }

    /// `n` blank rows.
    pub(crate) fn blank_rows(&mut self, n: usize) {
        self.blank = self.blank.saturating_add(n);
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

    fn text(f: impl Fn(&mut String)) -> String {
        let mut s = String::new();
        f(&mut s);
        s
    }

    #[test]
    fn numbers_as_excel_writes_them() {
        assert_eq!(text(|s| number(3.0, s)), "3");
        assert_eq!(text(|s| number(-12.0, s)), "-12");
        assert_eq!(text(|s| number(0.1 + 0.2, s)), "0.3");
        assert_eq!(text(|s| number(2.5, s)), "2.5");
        assert_eq!(text(|s| number_text("45000", s)), "45000");
        assert_eq!(text(|s| number_text("3.0000000000000004", s)), "3");
        assert_eq!(text(|s| number_text("1E-3", s)), "0.001");
        assert_eq!(text(|s| number_text("12.5", s)), "12.5");
    }

    #[test]
    fn dates_as_iso() {
        let serial = |v: f64, is_1904: bool| text(|s| excel_serial(v, is_1904, s));
        assert_eq!(serial(45017.0, false), "2023-04-01");
        assert_eq!(serial(45017.5, false), "2023-04-01 12:00:00");
        assert_eq!(serial(0.25, false), "06:00:00");
        assert_eq!(serial(1.0, false), "1900-01-01");
        assert_eq!(serial(59.0, false), "1900-02-28");
        assert_eq!(serial(60.0, false), "1900-02-29");
        assert_eq!(serial(61.0, false), "1900-03-01");
        assert_eq!(serial(45017.0 - 1462.0, true), "2023-04-01");
        assert_eq!(serial(45017.99999999, false), "2023-04-02");
        let iso = |v: &str| text(|s| iso_date(v, s));
        assert_eq!(iso("2023-04-01"), "2023-04-01");
        assert_eq!(iso("2023-04-01T00:00:00"), "2023-04-01");
        assert_eq!(iso("2023-04-01T13:45:10.5"), "2023-04-01 13:45:10");
        assert_eq!(text(|s| ods_time("PT13H45M10S", s)), "13:45:10");
    }

    #[test]
    fn x_escapes() {
        let mut s = "a_x000D_b_x_c_x0041_".to_string();
        unescape_x(&mut s);
        assert_eq!(s, "a\rb_x_cA");
    }

    #[test]
    fn rows_padded_quoted_and_trailing_blanks_dropped() {
        let row = |cells: &[&str]| -> Vec<(String, bool)> {
            cells.iter().map(|c| (c.to_string(), true)).collect()
        };
        let mut csv = CsvOut::new(3, 0);
        csv.blank_rows(1);
        csv.row(&row(&["a", "b,c", "say \"hi\""]));
        csv.row(&[]);
        csv.row(&row(&["1"]));
        csv.row(&row(&["", ""]));
        csv.blank_rows(4);
        assert_eq!(
            String::from_utf8(csv.out).unwrap(),
            "\na,\"b,c\",\"say \"\"hi\"\"\"\n\n1,,\n"
        );
    }
}
