//! The record splitter: the text after the title lines cut into records and fields, each
//! record handed on with its spreadsheet line number — the header to the column mapping, then
//! every data record to [`Rows`]. Owns line counting (quoted line breaks do not count; CRLF,
//! LF and a lone CR each end one line, whatever mix a file has), the carry of a record split
//! across chunks, the quoted-record reader, and the limits on one record (its fields, the
//! header's size).
//!
//! # Quotes
//!
//! A record with no `"` in it is split by hand on the fast path ([`scan_record`]): the bytes
//! up to the next CR or LF, its fields the bytes between delimiters, handed on as a slice of
//! the input. A record with a quote is read by [`read_quoted`], with the rules `csv-core` and
//! spreadsheets use (RFC 4180): a quote at the start of a field opens a quoted field, `""`
//! inside it is a quote, line breaks inside it are part of the value, and a quote anywhere
//! else is a literal character. Both agree on everything else: runs of CR/LF between records
//! are skipped (no empty records), CRLF, LF and CR all end a record.
//!
//! One stray quote must not swallow the rest of the file. A quoted field is taken as
//! *unbalanced* — the quote never closes where it should — when
//!
//! * it runs past [`MAX_QUOTED_LINE_BREAKS`] line breaks,
//! * the line after one of its line breaks reads on its own as a whole data record (every
//!   quote in it balanced, a field count the header accepts), or
//! * the file ends inside it.
//!
//! The row it starts on is then rejected (`unbalanced quote`, counted like any rejection) and
//! reading starts again at the next line, so every following row is read as if the stray
//! quote were not there. Which of these holds depends only on the bytes, never on how they
//! were chunked: when the bytes that decide have not arrived yet, the record waits in the
//! carry (at most the record's first [`MAX_QUOTED_LINE_BREAKS`] + 2 lines). An unbalanced
//! quote in the header itself refuses the file, naming the line.

use super::super::columns::{self, Mapping};
use super::super::{MappingProfile, ReadError, Refusal, RefusalKind};
use super::merge::PartialExtract;
use super::rows::Rows;
use super::swar::next_special;

/// A quoted field may hold at most this many line breaks (a few lines of free text); one
/// more and its quote is taken as unbalanced.
pub(super) const MAX_QUOTED_LINE_BREAKS: usize = 8;

/// At most this many fields of a record are kept (a header with more is refused; a data row
/// with more non-blank fields than the header has columns is rejected whatever the count).
pub(super) const MAX_FIELDS: usize = 10_000;

/// A header record longer than this is refused.
pub(super) const MAX_HEADER_BYTES: usize = 1 << 20;

/// The records after the title lines: the header, then data.
pub(super) struct Body {
    delimiter: u8,
    /// The unescaped bytes of a quoted record, and its field ends.
    out: Vec<u8>,
    ends: Vec<usize>,
    spans: Vec<(u32, u32)>,
    /// Line ends consumed between records (CRLF, LF and lone CR each count one)…
    breaks: u64,
    /// …and whether the last byte consumed was a CR (a LF straight after it ends no line).
    prev_cr: bool,
    /// The start of a record whose end (or whose verdict) has not arrived yet.
    carry: Vec<u8>,
    /// No text seen yet (a UTF-8 BOM at the very start is skipped).
    first: bool,
    /// The text offset of the end of the text fed so far, and of the data being read now
    /// (from the body's start, or the file's when reading a range).
    fed: u64,
    base: u64,
    /// Reading a range: records starting at or after this offset are the next range's…
    end: Option<u64>,
    /// …and the first of them has been reached (the rest of the text is not read).
    done: bool,
    /// The first data record's offset and the line ends before it, and the same for the
    /// record after the range.
    first_record: Option<(u64, u64)>,
    next_record: Option<(u64, u64)>,
    /// Where the header record ended, and its column mapping.
    pub(super) header_end: Option<u64>,
    pub(super) map: Option<Mapping>,
    /// A NUL byte has been seen: records are checked for one from now on.
    nul_seen: bool,
    profile: MappingProfile,
    pub(super) header_line: u32,
    pub(super) rows: Option<Rows>,
    pub(super) size_hint: Option<u64>,
    /// The bytes whose rows the tables of kept rows, children and record hashes are sized for,
    /// when more than `size_hint`'s: a range read where the parts are merged (its tables
    /// become the whole file's).
    pub(super) kept_hint: Option<u64>,
    /// Text bytes consumed and records seen, to estimate the row count once.
    consumed: u64,
    records: u64,
    /// The reader's "today", for the rows (implausible dates).
    today: Option<chrono::NaiveDate>,
}

/// How [`scan_record`] ended.
enum Scan {
    /// A CR or LF at this offset ends the record (or the end of the data at end of file).
    End(usize),
    /// The input ran out first (the record may go on in the next chunk).
    Open,
    /// The record has a quote other than around a whole single-line field: [`read_quoted`].
    Quote,
}

/// Keep the field `data[a..b]` of a record that already has `fields`: the first
/// [`MAX_FIELDS`], then only the first non-blank one after them (enough to know the record
/// has more non-blank fields than any header allows).
#[inline(always)]
fn push_field(fields: &mut Vec<(u32, u32)>, data: &[u8], a: usize, b: usize) {
    if fields.len() < MAX_FIELDS
        || (fields.len() == MAX_FIELDS && data[a..b].iter().any(|c| !c.is_ascii_whitespace()))
    {
        fields.push((a as u32, b as u32));
    }
}

/// Split the record at the start of `data` into raw (untrimmed) field extents, when that needs
/// no unescaping: unquoted fields, and quoted fields whose content has no quote or line break
/// and whose closing quote is followed by the delimiter or the record's end (the extent is
/// then the content between the quotes).
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
            push_field(fields, data, start, n);
            return Scan::End(n);
        };
        let b = data[j];
        if b == delimiter {
            push_field(fields, data, start, j);
            start = j + 1;
            i = j + 1;
            continue;
        }
        if b != b'"' {
            push_field(fields, data, start, j);
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
            push_field(fields, data, inner, k);
            return Scan::End(n);
        };
        if after == delimiter {
            push_field(fields, data, inner, k);
            start = k + 2;
            i = k + 2;
        } else if after == b'\r' || after == b'\n' {
            push_field(fields, data, inner, k);
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

/// What [`read_quoted`] made of the record at the start of its data.
#[derive(Debug, PartialEq)]
enum Quoted {
    /// A whole record of this many bytes (its line end not included); its unescaped bytes and
    /// field ends are in the buffers given.
    Record(usize),
    /// The quote that opened field `field` (0-based column) is unbalanced.
    Unbalanced { field: usize },
    /// The bytes that decide have not arrived yet.
    Open,
}

/// Where a quoted field is in [`read_quoted`].
#[derive(Clone, Copy, PartialEq)]
enum State {
    /// At the start of a field.
    Start,
    /// In an unquoted field (a quote here is a literal character).
    Unquoted,
    /// Inside quotes.
    Quoted,
    /// Just after a quote inside quotes: a second quote is a literal `"`, anything else closes
    /// the field's quoting (text after it is kept, as `csv-core` keeps it).
    AfterQuote,
}

/// Read one record with quotes at the start of `data`, unescaping it into `out` (field ends
/// in `ends`), and decide whether its quotes balance (see the module documentation). `width`:
/// the header's column count once there is a header (a data line must fit it to count as a
/// whole record).
fn read_quoted(
    data: &[u8],
    delimiter: u8,
    eof: bool,
    width: Option<usize>,
    out: &mut Vec<u8>,
    ends: &mut Vec<usize>,
) -> Quoted {
    out.clear();
    ends.clear();
    let n = data.len();
    let mut state = State::Start;
    let mut opened = 0;
    let mut line_breaks = 0;
    let mut i = 0;
    while i < n {
        if state == State::Quoted {
            // Copy up to the next quote or line break.
            let j = next_special(data, i, b'"').unwrap_or(n);
            out.extend_from_slice(&data[i..j]);
            i = j;
            if i == n {
                break;
            }
            let c = data[i];
            if c == b'"' {
                state = State::AfterQuote;
                i += 1;
                continue;
            }
            // A line break inside quotes (CRLF is one).
            out.push(c);
            if c == b'\r' {
                match data.get(i + 1) {
                    Some(b'\n') => {
                        out.push(b'\n');
                        i += 1;
                    }
                    Some(_) => {}
                    None if !eof => return Quoted::Open,
                    None => {}
                }
            }
            i += 1;
            line_breaks += 1;
            if line_breaks > MAX_QUOTED_LINE_BREAKS {
                return Quoted::Unbalanced { field: opened };
            }
            let next = &data[i..];
            let line = match next.iter().position(|&b| b == b'\n' || b == b'\r') {
                Some(e) => &next[..e],
                None if !eof => return Quoted::Open,
                None => next,
            };
            if width.is_some_and(|w| whole_record(line, delimiter, w)) {
                return Quoted::Unbalanced { field: opened };
            }
            continue;
        }
        let c = data[i];
        if state == State::AfterQuote && c == b'"' {
            out.push(b'"');
            state = State::Quoted;
        } else if c == delimiter {
            if ends.len() <= MAX_FIELDS {
                ends.push(out.len());
            }
            state = State::Start;
        } else if c == b'\r' || c == b'\n' {
            ends.push(out.len());
            return Quoted::Record(i);
        } else if state == State::Start && c == b'"' {
            state = State::Quoted;
            opened = ends.len();
        } else {
            out.push(c);
            state = State::Unquoted;
        }
        i += 1;
    }
    if !eof {
        return Quoted::Open;
    }
    if state == State::Quoted {
        return Quoted::Unbalanced { field: opened };
    }
    ends.push(out.len());
    Quoted::Record(n)
}

/// Whether one line, read on its own, is a whole data record: every quote in it opens or
/// closes a field (or is doubled inside one), no quote is left open, and its fields fit a
/// header of `width` columns (at least that many, none non-blank beyond it, not all blank).
fn whole_record(line: &[u8], delimiter: u8, width: usize) -> bool {
    let mut state = State::Start;
    let mut fields = 0;
    let mut last_nonblank = 0;
    let mut blank = true;
    for &c in line {
        match state {
            State::Quoted => {
                if c == b'"' {
                    state = State::AfterQuote;
                } else {
                    blank = false;
                }
                continue;
            }
            State::AfterQuote if c == b'"' => {
                state = State::Quoted;
                blank = false;
                continue;
            }
            State::AfterQuote if c != delimiter && !c.is_ascii_whitespace() => return false,
            State::Unquoted if c == b'"' => return false,
            _ => {}
        }
        if c == delimiter {
            fields += 1;
            if !blank {
                last_nonblank = fields;
            }
            blank = true;
            state = State::Start;
        } else if c == b'"' && state == State::Start {
            state = State::Quoted;
        } else if state == State::AfterQuote || c.is_ascii_whitespace() {
            // Spaces around a field (or after its closing quote).
        } else {
            blank = false;
            state = State::Unquoted;
        }
    }
    if state == State::Quoted {
        return false;
    }
    fields += 1;
    if !blank {
        last_nonblank = fields;
    }
    fields >= width && last_nonblank <= width && last_nonblank > 0
}

impl Body {
    pub(super) fn new(
        delimiter: u8,
        prefix_breaks: u64,
        profile: MappingProfile,
        today: Option<chrono::NaiveDate>,
    ) -> Body {
        Body {
            delimiter,
            out: Vec::new(),
            ends: Vec::new(),
            spans: Vec::with_capacity(64),
            breaks: prefix_breaks,
            prev_cr: false,
            carry: Vec::new(),
            first: true,
            fed: 0,
            base: 0,
            end: None,
            done: false,
            first_record: None,
            next_record: None,
            header_end: None,
            map: None,
            nul_seen: false,
            profile,
            header_line: 0,
            rows: None,
            size_hint: None,
            kept_hint: None,
            consumed: 0,
            records: 0,
            today,
        }
    }

    /// The records of one range of a file whose header was mapped to `map`: those starting
    /// from text offset `start` (taken to be a record's start) and before `end`.
    pub(super) fn range(
        delimiter: u8,
        map: &Mapping,
        profile: &MappingProfile,
        today: Option<chrono::NaiveDate>,
        start: u64,
        end: u64,
    ) -> Body {
        let mut body = Body::new(delimiter, 0, profile.clone(), today);
        body.rows = Some(Rows::new(map.clone(), profile, today, true));
        body.first = false;
        body.fed = start;
        body.end = Some(end);
        // The range's size pre-sizes its row tables as a file's size does (issue 15: a parse
        // worker's tables grown by doubling held up to twice the rows in wasm memory).
        body.size_hint = Some(end.saturating_sub(start));
        body
    }

    /// A range has reached its end (the next range's first record).
    pub(super) fn is_done(&self) -> bool {
        self.done
    }

    /// The end of the text (or of the range): what the data records gave.
    pub(super) fn finish_partial(self) -> Option<PartialExtract> {
        let rows = self.rows?;
        let (next, next_breaks) = self.next_record.unwrap_or((self.fed, self.breaks));
        let (first, first_breaks) = self.first_record.unwrap_or((next, next_breaks));
        Some(PartialExtract {
            first,
            first_breaks,
            next,
            next_breaks,
            part: rows.finish(),
        })
    }

    pub(super) fn feed(&mut self, mut input: &[u8], eof: bool) -> Result<(), ReadError> {
        if self.done {
            return Ok(());
        }
        if self.first && !input.is_empty() {
            self.first = false;
            if let Some(rest) = input.strip_prefix(b"\xEF\xBB\xBF") {
                input = rest;
                self.fed += 3;
            }
        }
        let mut input_at = self.fed;
        self.fed += input.len() as u64;
        if !self.nul_seen && input.contains(&0) {
            self.nul_seen = true;
        }
        while !self.carry.is_empty() {
            // Give the carried record the input up to its next line end and read it again:
            // it ends there, or (a quoted record) needs that line to be decided.
            let take = match input.iter().position(|&b| b == b'\n' || b == b'\r') {
                Some(j) => j + 1,
                None if !eof => {
                    self.carry.extend_from_slice(input);
                    return Ok(());
                }
                None => input.len(),
            };
            let mut carry = std::mem::take(&mut self.carry);
            self.base = input_at - carry.len() as u64;
            carry.extend_from_slice(&input[..take]);
            input = &input[take..];
            input_at += take as u64;
            let last = eof && input.is_empty();
            let r = self.run(&carry, last);
            if let Ok(n) = r {
                carry.drain(..n);
            }
            self.carry = carry; // keep the allocation
            r?;
            if self.done {
                self.carry.clear();
                return Ok(());
            }
            if last {
                debug_assert!(self.carry.is_empty(), "at the end every byte is read");
                return Ok(());
            }
            if input.is_empty() {
                return Ok(());
            }
        }
        self.base = input_at;
        let n = self.run(input, eof)?;
        if !self.done {
            self.carry.extend_from_slice(&input[n..]);
        }
        Ok(())
    }

    /// Read the records in `data`; how many bytes were used (the rest is the start of a
    /// record whose end, or whose verdict, is in a later chunk).
    fn run(&mut self, data: &[u8], eof: bool) -> Result<usize, ReadError> {
        let mut pos = 0;
        loop {
            // Line ends between records (blank lines included).
            while pos < data.len() {
                match data[pos] {
                    b'\n' => {
                        self.breaks += u64::from(!self.prev_cr);
                        self.prev_cr = false;
                    }
                    b'\r' => {
                        self.breaks += 1;
                        self.prev_cr = true;
                    }
                    _ => {
                        self.prev_cr = false;
                        break;
                    }
                }
                pos += 1;
            }
            if pos == data.len() {
                self.consumed += pos as u64;
                return Ok(pos);
            }
            if self.rows.is_some() {
                // A data record starts here.
                let at = (self.base + pos as u64, self.breaks);
                self.first_record.get_or_insert(at);
                if self.end.is_some_and(|e| at.0 >= e) {
                    self.next_record = Some(at);
                    self.done = true;
                    return Ok(pos);
                }
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
                    match self.quoted(rest, eof, line, pos)? {
                        Some(len) => {
                            pos += len;
                            continue;
                        }
                        None => {
                            self.consumed += pos as u64;
                            return Ok(pos);
                        }
                    }
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
        (self.breaks + 1).min(u64::from(u32::MAX)) as u32
    }

    /// The record with quotes at the start of `rest` (on spreadsheet `line`, at `pos` in the
    /// current data): how many bytes it used, or `None` when the bytes that decide are still
    /// to come.
    #[cold]
    fn quoted(
        &mut self,
        rest: &[u8],
        eof: bool,
        line: u32,
        pos: usize,
    ) -> Result<Option<usize>, ReadError> {
        let width = self.rows.as_ref().map(Rows::width);
        let mut out = std::mem::take(&mut self.out);
        let mut ends = std::mem::take(&mut self.ends);
        let verdict = read_quoted(rest, self.delimiter, eof, width, &mut out, &mut ends);
        let r = match verdict {
            Quoted::Open => Ok(None),
            Quoted::Record(len) => {
                let mut spans = std::mem::take(&mut self.spans);
                spans.clear();
                let mut start = 0;
                for &end in &ends {
                    push_field(&mut spans, &out, start, end);
                    start = end;
                }
                for s in spans.iter_mut() {
                    *s = trimmed(&out, s.0 as usize, s.1 as usize);
                }
                let r = self.record(&out, &spans, line, pos + len);
                self.spans = spans;
                r.map(|()| Some(len))
            }
            Quoted::Unbalanced { field } => {
                // Reject the row and read on from its next line.
                let first_line = rest
                    .iter()
                    .position(|&b| b == b'\n' || b == b'\r')
                    .unwrap_or(rest.len());
                self.records += 1;
                match &mut self.rows {
                    Some(rows) => {
                        rows.unbalanced_quote(line, field);
                        Ok(Some(first_line))
                    }
                    None => Err(Refusal {
                        kind: RefusalKind::NoHeader,
                        message: crate::catalogue::messages::fill(
                            crate::catalogue::messages::msg("error.extract.header_quote"),
                            &[("line", &line)],
                        ),
                    }
                    .into()),
                }
            }
        };
        self.out = out;
        self.ends = ends;
        r
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
                        let est = |bytes: u64| (bytes / per * 105 / 100).min(50_000_000) as usize;
                        rows.reserve(est(total), self.kept_hint.map_or(0, est));
                    }
                }
                rows.record(rec, spans, line, self.nul_seen);
            }
            None => {
                if rec.len() > MAX_HEADER_BYTES || spans.len() > MAX_FIELDS {
                    return Err(header_too_big(line).into());
                }
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
                    self.map = Some(map.clone());
                    self.rows = Some(Rows::new(map, &self.profile, self.today, false));
                    self.header_line = line;
                    self.header_end = Some(self.base + at as u64);
                }
            }
        }
        Ok(())
    }
}

/// The refusal of a header line over [`MAX_HEADER_BYTES`] or [`MAX_FIELDS`] fields.
pub(super) fn header_too_big(line: u32) -> Refusal {
    Refusal {
        kind: RefusalKind::NoHeader,
        message: crate::catalogue::messages::fill(
            crate::catalogue::messages::msg("error.extract.header_too_big"),
            &[("line", &line)],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(data: &str, eof: bool, width: Option<usize>) -> (Quoted, Vec<String>) {
        let (mut out, mut ends) = (Vec::new(), Vec::new());
        let q = read_quoted(data.as_bytes(), b',', eof, width, &mut out, &mut ends);
        let mut fields = Vec::new();
        let mut start = 0;
        if matches!(q, Quoted::Record(_)) {
            for &e in &ends {
                fields.push(String::from_utf8_lossy(&out[start..e]).into_owned());
                start = e;
            }
        }
        (q, fields)
    }

    #[test]
    fn quoted_records_unescape_as_csv_core_does() {
        let (q, f) = read("a,\"b,c\",\"x\"\"y\",d\"e\n", false, Some(4));
        assert_eq!(q, Quoted::Record(18));
        assert_eq!(f, ["a", "b,c", "x\"y", "d\"e"]);
        // Text after a closing quote is kept; one line break inside quotes is the value's.
        let (q, f) = read("\"ab\"c,\"line\nbreak\",z\nnext", false, Some(3));
        assert_eq!(q, Quoted::Record(20));
        assert_eq!(f, ["abc", "line\nbreak", "z"]);
        let (q, f) = read("\"a\r\nb\",c", true, Some(2));
        assert_eq!(q, Quoted::Record(8));
        assert_eq!(f, ["a\r\nb", "c"]);
    }

    #[test]
    fn an_unbalanced_quote_is_found_and_undecided_records_wait() {
        // The next line is a whole record: the quote in field 1 never closed.
        let data = "C1,\"Youth Caution,x\nC2,Fine,y\n";
        assert_eq!(
            read(data, false, Some(3)).0,
            Quoted::Unbalanced { field: 1 }
        );
        // Until the next line has ended, it cannot be told.
        assert_eq!(
            read("C1,\"Youth Caution,x\nC2,Fi", false, Some(3)).0,
            Quoted::Open
        );
        assert_eq!(
            read("C1,\"Youth Caution,x\r", false, Some(3)).0,
            Quoted::Open
        );
        // The end of the file inside quotes.
        assert_eq!(
            read("C1,\"Youth Caution,x", true, Some(3)).0,
            Quoted::Unbalanced { field: 1 }
        );
        // Too many line breaks inside one field.
        let long = format!("C1,\"{}", "a\n".repeat(MAX_QUOTED_LINE_BREAKS + 1));
        assert_eq!(
            read(&long, true, Some(3)).0,
            Quoted::Unbalanced { field: 1 }
        );
        let ok = format!("C1,\"{}\",x\n", "a\n".repeat(MAX_QUOTED_LINE_BREAKS));
        assert!(matches!(read(&ok, true, Some(3)).0, Quoted::Record(_)));
    }

    #[test]
    fn whole_record_lines() {
        assert!(whole_record(b"C2,Fine,y", b',', 3));
        assert!(whole_record(b"C2,\"Fine, good\",y,,", b',', 3));
        assert!(!whole_record(b"C2,Fine", b',', 3));
        assert!(!whole_record(b"C2,Fine,y,z", b',', 3));
        assert!(!whole_record(b"break\",Fine,y", b',', 3));
        assert!(!whole_record(b"C2,\"Fine,y", b',', 3));
        assert!(!whole_record(b" , , ", b',', 3));
    }
}
