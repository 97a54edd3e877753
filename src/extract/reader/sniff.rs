//! Sniffing: the decoded text before the header. Title lines are skipped (the first date
//! in them kept as a candidate extract date when it is plausible), the header line found and
//! its delimiter chosen; then the rest of the text goes to the record
//! [`splitter`](super::splitter). Also where the finished extract gets the file-level facts
//! (delimiter, header line, title lines) in its quality report.
//!
//! Work here is linear in the text before the header: a line longer than
//! [`MAX_HEADER_BYTES`] or with more than [`MAX_FIELDS`] fields under any delimiter is refused
//! before any column matching looks at it.

use chrono::NaiveDate;

use super::super::{columns, dates, decode};
use super::super::{Extract, MappingProfile, ReadError, Refusal, RefusalKind};
use super::merge::ExtractMerge;
use super::ranges::ExtractHead;
use super::splitter::{header_too_big, Body, MAX_FIELDS, MAX_HEADER_BYTES};
use super::swar::line_ends;

/// Title lines are looked for in at most this much text…
const PRE_HEADER_LIMIT: usize = 1 << 20;
/// …and at most this many non-blank lines.
const PRE_HEADER_LINES: usize = 50;
/// Text before the header is examined this much at a time.
const PRE_HEADER_PIECE: usize = 64 << 10;

/// Text before the header, then `csv-core` records.
pub(crate) struct TextStage {
    profile: MappingProfile,
    forced_delimiter: Option<u8>,
    pre: Vec<u8>,
    scan: usize,
    lines: usize,
    first_nonblank: Option<(usize, usize)>,
    body: Option<Box<Body>>,
    /// The text offset where the body (the header record on) starts.
    body_origin: u64,
    pub(crate) delimiter: Option<u8>,
    any_text: bool,
    size_hint: Option<u64>,
    /// Title lines skipped above the header (their text is not kept)…
    title_lines: u32,
    /// …and the first date one of them gave ("produced 30/09/2025")…
    title_date: Option<NaiveDate>,
    /// …or the first implausible one, with its line, when none was plausible.
    title_date_ignored: Option<(NaiveDate, u32)>,
    /// Dates after this are implausible.
    today: Option<NaiveDate>,
}

impl TextStage {
    pub(crate) fn new(
        profile: MappingProfile,
        forced_delimiter: Option<u8>,
        today: Option<NaiveDate>,
    ) -> Self {
        TextStage {
            profile,
            forced_delimiter,
            pre: Vec::new(),
            scan: 0,
            lines: 0,
            first_nonblank: None,
            body: None,
            body_origin: 0,
            delimiter: None,
            any_text: false,
            size_hint: None,
            title_lines: 0,
            title_date: None,
            title_date_ignored: None,
            today,
        }
    }

    /// The spreadsheet line number of the line starting at `start` in `pre`.
    fn line_number(&self, start: usize) -> u32 {
        (line_ends(&self.pre[..start]) + 1).min(u64::from(u32::MAX)) as u32
    }

    /// Refuse a line before the header that no header can be: over [`MAX_HEADER_BYTES`], or
    /// over [`MAX_FIELDS`] fields under one of the delimiters.
    fn check_size(&self, start: usize, line: &[u8]) -> Result<(), ReadError> {
        let candidates: &[u8] = match &self.forced_delimiter {
            Some(d) => std::slice::from_ref(d),
            None => &columns::DELIMITERS,
        };
        if line.len() > MAX_HEADER_BYTES
            || candidates
                .iter()
                .any(|&d| field_count(line, d) > MAX_FIELDS)
        {
            return Err(header_too_big(self.line_number(start)).into());
        }
        Ok(())
    }

    /// The file's total size in bytes, if known (used only to pre-size tables).
    pub(crate) fn size_hint(&mut self, bytes: u64) {
        self.size_hint = Some(bytes);
        if let Some(body) = &mut self.body {
            body.size_hint = Some(bytes);
        }
    }

    pub(crate) fn push(&mut self, mut text: &[u8]) -> Result<(), ReadError> {
        // Before the header, text is looked at in pieces of at most PRE_HEADER_PIECE bytes, so
        // that only the title lines and the header (not a whole buffer) are ever copied.
        while self.body.is_none() && !text.is_empty() {
            let (piece, rest) = text.split_at(text.len().min(PRE_HEADER_PIECE));
            self.pre.extend_from_slice(piece);
            text = rest;
            self.scan_lines(false)?;
        }
        match &mut self.body {
            Some(body) if !text.is_empty() => body.feed(text, false),
            _ => Ok(()),
        }
    }

    /// Examine complete lines before the header, looking for it.
    fn scan_lines(&mut self, eof: bool) -> Result<(), ReadError> {
        while self.body.is_none() {
            let rest = &self.pre[self.scan..];
            let (line_end, next) = match rest.iter().position(|&b| b == b'\n' || b == b'\r') {
                Some(j) => {
                    let j = self.scan + j;
                    if self.pre[j] == b'\r' && j + 1 == self.pre.len() && !eof {
                        break; // need the next byte to know whether this is CRLF
                    }
                    let crlf = self.pre[j] == b'\r' && self.pre.get(j + 1) == Some(&b'\n');
                    (j, j + 1 + usize::from(crlf))
                }
                None if eof && !rest.is_empty() => (self.pre.len(), self.pre.len()),
                None if rest.len() > MAX_HEADER_BYTES => {
                    // A line over 1 MB and still going: no header is that long.
                    return Err(header_too_big(self.line_number(self.scan)).into());
                }
                None => break,
            };
            let start = self.scan;
            let line = String::from_utf8_lossy(&self.pre[start..line_end]).into_owned();
            self.scan = next;
            if line.trim().is_empty() {
                continue;
            }
            self.check_size(start, line.as_bytes())?;
            self.any_text = true;
            if self.first_nonblank.is_none() {
                self.first_nonblank = Some((start, line_end));
            }
            if let Some(d) = columns::header_delimiter(&line, self.forced_delimiter, &self.profile)
            {
                self.title_lines = self.lines as u32;
                return self.start_body(start, d);
            }
            if self.title_date.is_none() {
                if let Some(d) = dates::title_date(&line) {
                    if crate::extract::is_plausible(d, self.today) {
                        self.title_date = Some(d);
                    } else if self.title_date_ignored.is_none() {
                        self.title_date_ignored = Some((d, self.line_number(start)));
                    }
                }
            }
            self.lines += 1;
            if self.lines >= PRE_HEADER_LINES {
                return self.fallback();
            }
        }
        if self.body.is_none() && self.pre.len() > PRE_HEADER_LIMIT {
            return self.fallback();
        }
        Ok(())
    }

    /// No line names two known columns: take the first non-blank line as the header, so the
    /// user is shown its columns to map.
    fn fallback(&mut self) -> Result<(), ReadError> {
        let Some((a, b)) = self.first_nonblank else {
            return Ok(());
        };
        // The first line is the header after all: there were no title lines.
        self.title_lines = 0;
        self.title_date = None;
        self.title_date_ignored = None;
        let line = String::from_utf8_lossy(&self.pre[a..b]).into_owned();
        let d = self
            .forced_delimiter
            .unwrap_or_else(|| columns::most_fields_delimiter(&line));
        if columns::split_line(&line, d)
            .iter()
            .filter(|f| !f.trim().is_empty())
            .count()
            < 2
        {
            return Err(Refusal {
                kind: RefusalKind::NoHeader,
                message: "No header row was found: no line names the columns (child_id, offence_date, outcome_date, outcome, …).".into(),
            }
            .into());
        }
        self.start_body(a, d)
    }

    fn start_body(&mut self, start: usize, delimiter: u8) -> Result<(), ReadError> {
        let pre = std::mem::take(&mut self.pre);
        let prefix_breaks = line_ends(&pre[..start]);
        self.body_origin = start as u64;
        self.delimiter = Some(delimiter);
        let mut body = Box::new(Body::new(
            delimiter,
            prefix_breaks,
            self.profile.clone(),
            self.today,
        ));
        body.size_hint = self.size_hint;
        body.feed(&pre[start..], false)?;
        self.body = Some(body);
        Ok(())
    }

    pub(crate) fn finish(mut self) -> Result<Extract, Refusal> {
        let r = if self.body.is_none() {
            self.scan_lines(true).and_then(|()| {
                if self.body.is_none() {
                    self.fallback()
                } else {
                    Ok(())
                }
            })
        } else {
            Ok(())
        };
        match r {
            Ok(()) => {}
            Err(ReadError::Refused(r)) => return Err(r),
            Err(ReadError::RestartAsWindows1252) => unreachable!("text stage never restarts"),
        }
        let Some(mut body) = self.body.take() else {
            return Err(decode::empty_refusal());
        };
        body.feed(&[], true).map_err(|e| match e {
            ReadError::Refused(r) => r,
            ReadError::RestartAsWindows1252 => unreachable!("text stage never restarts"),
        })?;
        let facts = self.facts(&body, 0, 0);
        let (Some(head), Some(partial)) = (facts, body.finish_partial()) else {
            return Err(decode::empty_refusal());
        };
        let mut merge = ExtractMerge::new(&head);
        if merge.add(partial).is_err() {
            unreachable!("the first part is always taken");
        }
        merge.finish()
    }

    /// The file-level facts once the header is mapped: the head a file's ranges are read
    /// with (`first_base`: the line ends before the first part's numbering starts; `bom`:
    /// the bytes a BOM took before the text).
    fn facts(&self, body: &Body, first_base: i64, bom: u64) -> Option<ExtractHead> {
        Some(ExtractHead {
            delimiter: self.delimiter.unwrap_or(b','),
            map: body.map.clone()?,
            profile: self.profile.clone(),
            today: self.today,
            header_line: body.header_line,
            title_lines: self.title_lines,
            title_date: self.title_date,
            title_date_ignored: self.title_date_ignored,
            data_start: bom + self.body_origin + body.header_end?,
            first_base,
            bom: bom > 0,
        })
    }

    /// The head of the file, once its header record has been read (`bom`: the bytes a BOM
    /// took before the text): ranges of the file after it can be read apart.
    pub(crate) fn head(&self, bom: u64) -> Option<ExtractHead> {
        let body = self.body.as_ref()?;
        let first_base = i64::from(body.header_line) - 1;
        self.facts(body, first_base, bom)
    }
}

/// How many fields `line` has split by `delimiter` outside double quotes (as
/// `columns::split_line` splits it).
fn field_count(line: &[u8], delimiter: u8) -> usize {
    let mut quoted = false;
    let mut n = 1;
    for &b in line {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delimiter && !quoted {
            n += 1;
        }
    }
    n
}
