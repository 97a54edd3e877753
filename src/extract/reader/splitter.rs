//! The record splitter: the text after the title lines cut into records and fields, each
//! record handed on with its spreadsheet line number — the header to the column mapping, then
//! every data record to [`Rows`]. Owns line counting (quoted line breaks do not count), the
//! carry of a record split across chunks, and the hand-off between the fast path and
//! `csv-core`.

use csv_core::ReadRecordResult;

use super::super::columns;
use super::super::{MappingProfile, ReadError};
use super::rows::Rows;
use super::swar::{count, next_special};

/// The records after the title lines: the header, then data.
///
/// Records are split by hand on the fast path: a record with no `"` in it is the bytes up to
/// the next CR or LF, its fields the bytes between delimiters — exactly what `csv-core` makes
/// of it, with no copy (the record is handed on as a slice of the input). A record with a
/// quote anywhere in it is read by `csv-core` (RFC 4180 quoting, doubled quotes, quoted line
/// breaks). The two agree on everything else: runs of CR/LF between records are skipped (no
/// empty records), CRLF, LF and CR all end a record, and a quote inside an unquoted field is
/// literal.
pub(super) struct Body {
    csv: csv_core::Reader,
    delimiter: u8,
    out: Vec<u8>,
    out_len: usize,
    ends: Vec<usize>,
    ends_len: usize,
    spans: Vec<(u32, u32)>,
    line_char: u8,
    /// Line breaks consumed so far (CR in CR-only files, else LF)…
    breaks: u64,
    /// …of which inside quoted fields.
    quoted_breaks: u64,
    /// `csv-core` is in the middle of a (quoted) record…
    in_csv: bool,
    /// …that starts on this line.
    csv_line: u32,
    /// The start of a record whose end has not arrived yet (fast path only).
    carry: Vec<u8>,
    /// No text seen yet (a UTF-8 BOM at the very start is skipped, as `csv-core` does).
    first: bool,
    profile: MappingProfile,
    pub(super) header_line: u32,
    pub(super) rows: Option<Rows>,
    pub(super) size_hint: Option<u64>,
    /// Text bytes consumed and records seen, to estimate the row count once.
    consumed: u64,
    records: u64,
}

/// How [`scan_record`] ended.
enum Scan {
    /// A CR or LF at this offset ends the record (or the end of the data at end of file).
    End(usize),
    /// The input ran out first (the record may go on in the next chunk).
    Open,
    /// The record needs `csv-core`: a quote other than around a whole field, a doubled
    /// quote, a line break inside quotes, or text after a closing quote.
    Quote,
}

/// Split the record at the start of `data` into raw (untrimmed) field extents, as
/// `csv-core` would read it, when that needs no unescaping: unquoted fields, and quoted
/// fields whose content has no quote or line break and whose closing quote is followed by
/// the delimiter or the record's end (the extent is then the content between the quotes).
#[inline]
fn scan_record(data: &[u8], delimiter: u8, eof: bool, fields: &mut Vec<(u32, u32)>) -> Scan {
    let n = data.len();
    let mut start = 0;
    let mut i = 0;
    loop {
        let Some(j) = next_special(data, i, delimiter) else {
            if !eof {
                return Scan::Open;
            }
            fields.push((start as u32, n as u32));
            return Scan::End(n);
        };
        let b = data[j];
        if b == delimiter {
            fields.push((start as u32, j as u32));
            start = j + 1;
            i = j + 1;
            continue;
        }
        if b != b'"' {
            fields.push((start as u32, j as u32));
            return Scan::End(j);
        }
        if j != start {
            return Scan::Quote; // a literal quote inside an unquoted field
        }
        // A quoted field: its content runs to the next quote.
        let inner = j + 1;
        let Some(k) = next_special(data, inner, b'"') else {
            return if eof { Scan::Quote } else { Scan::Open };
        };
        if data[k] != b'"' {
            return Scan::Quote; // a line break inside quotes
        }
        let Some(&after) = data.get(k + 1) else {
            if !eof {
                return Scan::Open;
            }
            fields.push((inner as u32, k as u32));
            return Scan::End(n);
        };
        if after == delimiter {
            fields.push((inner as u32, k as u32));
            start = k + 2;
            i = k + 2;
        } else if after == b'\r' || after == b'\n' {
            fields.push((inner as u32, k as u32));
            return Scan::End(k + 1);
        } else {
            return Scan::Quote;
        }
    }
}

/// The extent of `rec[start..end]` without surrounding ASCII whitespace.
#[inline(always)]
fn trimmed(rec: &[u8], mut a: usize, mut b: usize) -> (u32, u32) {
    while a < b && rec[a].is_ascii_whitespace() {
        a += 1;
    }
    while b > a && rec[b - 1].is_ascii_whitespace() {
        b -= 1;
    }
    (a as u32, b as u32)
}

impl Body {
    pub(super) fn new(
        delimiter: u8,
        line_char: u8,
        prefix_breaks: u64,
        profile: MappingProfile,
    ) -> Body {
        let mut csv = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        // Mark the csv-core reader as started, so that it never strips a BOM from a record in
        // the middle of the file (the body's own start is handled by `first`).
        let _ = csv.read_record(b"\n", &mut [], &mut []);
        Body {
            csv,
            delimiter,
            out: vec![0; 1 << 16],
            out_len: 0,
            ends: vec![0; 64],
            ends_len: 0,
            spans: Vec::with_capacity(64),
            line_char,
            breaks: prefix_breaks,
            quoted_breaks: 0,
            in_csv: false,
            csv_line: 0,
            carry: Vec::new(),
            first: true,
            profile,
            header_line: 0,
            rows: None,
            size_hint: None,
            consumed: 0,
            records: 0,
        }
    }

    pub(super) fn feed(&mut self, mut input: &[u8], eof: bool) -> Result<(), ReadError> {
        if self.first && !input.is_empty() {
            self.first = false;
            if let Some(rest) = input.strip_prefix(b"\xEF\xBB\xBF") {
                input = rest;
            }
        }
        if !self.carry.is_empty() {
            // Complete the carried record with the input up to its first line end.
            let take = match input.iter().position(|&b| b == b'\n' || b == b'\r') {
                Some(j) => j + 1,
                None if !eof => {
                    self.carry.extend_from_slice(input);
                    return Ok(());
                }
                None => input.len(),
            };
            let mut carry = std::mem::take(&mut self.carry);
            carry.extend_from_slice(&input[..take]);
            input = &input[take..];
            let n = self.run(&carry, eof && input.is_empty());
            let done = match n {
                Ok(n) => n,
                Err(e) => {
                    self.carry = carry;
                    return Err(e);
                }
            };
            debug_assert_eq!(done, carry.len(), "a line end was taken with the carry");
            carry.clear();
            self.carry = carry; // keep the allocation
        }
        let n = self.run(input, eof)?;
        self.carry.extend_from_slice(&input[n..]);
        Ok(())
    }

    /// Read the records in `data`; how many bytes were used (the rest is the start of a
    /// record whose end is in a later chunk).
    fn run(&mut self, data: &[u8], eof: bool) -> Result<usize, ReadError> {
        let mut pos = 0;
        loop {
            if self.in_csv {
                pos = self.run_csv(data, pos, eof)?;
                if self.in_csv {
                    return Ok(data.len());
                }
            }
            // Line ends between records (blank lines included).
            while pos < data.len() && (data[pos] == b'\n' || data[pos] == b'\r') {
                self.breaks += u64::from(data[pos] == self.line_char);
                pos += 1;
            }
            if pos == data.len() {
                self.consumed += pos as u64;
                return Ok(pos);
            }
            let line = self.line();
            let rest = &data[pos..];
            let mut spans = std::mem::take(&mut self.spans);
            spans.clear();
            let len = match scan_record(rest, self.delimiter, eof, &mut spans) {
                Scan::End(j) => j,
                Scan::Open => {
                    self.spans = spans;
                    self.consumed += pos as u64;
                    return Ok(pos);
                }
                Scan::Quote => {
                    self.spans = spans;
                    self.in_csv = true;
                    self.csv_line = line;
                    continue;
                }
            };
            for s in spans.iter_mut() {
                *s = trimmed(rest, s.0 as usize, s.1 as usize);
            }
            let rec = &rest[..len];
            pos += len;
            let r = self.record(rec, &spans, line, pos);
            self.spans = spans;
            r?;
        }
    }

    /// The spreadsheet line of a record starting now.
    #[inline]
    fn line(&self) -> u32 {
        (self.breaks - self.quoted_breaks + 1).min(u64::from(u32::MAX)) as u32
    }

    /// Continue `csv-core` at `data[pos..]` until its record ends or the data runs out.
    #[cold]
    fn run_csv(&mut self, data: &[u8], mut pos: usize, eof: bool) -> Result<usize, ReadError> {
        loop {
            let (res, nin, nout, nend) = self.csv.read_record(
                &data[pos..],
                &mut self.out[self.out_len..],
                &mut self.ends[self.ends_len..],
            );
            self.breaks += count(&data[pos..pos + nin], self.line_char);
            pos += nin;
            self.out_len += nout;
            self.ends_len += nend;
            match res {
                ReadRecordResult::InputEmpty => {
                    if !eof {
                        return Ok(pos);
                    }
                }
                ReadRecordResult::OutputFull => {
                    let n = self.out.len() * 2;
                    self.out.resize(n, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let n = self.ends.len() * 2;
                    self.ends.resize(n, 0);
                }
                ReadRecordResult::Record => {
                    self.in_csv = false;
                    let out = std::mem::take(&mut self.out);
                    let rec = &out[..self.out_len];
                    // Spreadsheet rows: line breaks inside quoted fields do not count.
                    self.quoted_breaks += count(rec, self.line_char);
                    let mut spans = std::mem::take(&mut self.spans);
                    spans.clear();
                    let mut start = 0;
                    for &end in &self.ends[..self.ends_len] {
                        spans.push(trimmed(rec, start, end));
                        start = end;
                    }
                    self.out_len = 0;
                    self.ends_len = 0;
                    let r = self.record(rec, &spans, self.csv_line, pos);
                    self.out = out;
                    self.spans = spans;
                    r?;
                    return Ok(pos);
                }
                ReadRecordResult::End => {
                    self.in_csv = false;
                    return Ok(pos);
                }
            }
        }
    }

    /// One record (the header, then data rows); `at` is where it ended in the current data.
    #[inline]
    fn record(
        &mut self,
        rec: &[u8],
        spans: &[(u32, u32)],
        line: u32,
        at: usize,
    ) -> Result<(), ReadError> {
        self.records += 1;
        match &mut self.rows {
            Some(rows) => {
                if self.records == 1024 {
                    if let Some(total) = self.size_hint {
                        // Rows ≈ size ÷ bytes per record so far (+5%).
                        let per = ((self.consumed + at as u64) / 1024).max(1);
                        let est = total / per * 105 / 100;
                        rows.reserve(est.min(50_000_000) as usize);
                    }
                }
                rows.record(rec, spans, line);
            }
            None => {
                let mut headers: Vec<String> = spans
                    .iter()
                    .map(|&(a, b)| {
                        String::from_utf8_lossy(&rec[a as usize..b as usize]).into_owned()
                    })
                    .collect();
                while headers.last().is_some_and(String::is_empty) {
                    headers.pop();
                }
                if !headers.is_empty() {
                    let map = columns::map_header(headers, &self.profile)?;
                    self.rows = Some(Rows::new(map, &self.profile));
                    self.header_line = line;
                }
            }
        }
        Ok(())
    }
}
