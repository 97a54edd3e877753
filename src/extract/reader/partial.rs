//! A [`PartialExtract`] as bytes: what one range of a file read, sent from the worker that
//! read it to the one that merges (a browser's parse workers post it as a transferable
//! `ArrayBuffer`; no shared memory is needed). Plain Rust, no web dependency.
//!
//! The encoding is columnar and little-endian: the kept rows as one typed column per field
//! (`u32` line numbers and indices, `i32` days since the Common Era for dates, one byte per
//! code), each distinct string once (child ids, categories, services, the reasons of the
//! rejected lines), and the range's counts, warnings and month-first evidence after them.
//! Every column starts at a multiple of 4 bytes, so a reader could view it as a typed array.
//! [`PartialExtract::decode`] gives back the part exactly (a round trip changes nothing the
//! merge reads), or a [`PartialDecodeError`] for bytes that are not one.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::super::columns::{Field, FIELDS};
use super::super::hash::Table128;
use super::super::quality::{Reason, RejectedLine};
use super::super::{Birth, CaseRow, Extract};
use super::merge::PartialExtract;
use super::month_first::{DateColumn, DateColumns};
use super::rows::RowsPart;
use super::tally::{Logged, WarningLog, NO_FIELD, WARNING_REASONS};
use crate::codes::{EthnicGroup, Ethnicity, OffenceCategory, Outcome, Sex};

/// The first bytes of an encoded part (and its version).
const MAGIC: &[u8; 4] = b"YJP1";

/// A date column's "no date".
const NO_DATE: i32 = i32::MIN;

/// Why bytes are not an encoded partial extract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartialDecodeError {
    /// The bytes do not start as an encoded part (or of another version).
    NotAPart,
    /// The bytes end before the part does.
    Truncated,
    /// A value is out of range (a code, a date, an index, a reason).
    BadValue(&'static str),
}

impl std::fmt::Display for PartialDecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PartialDecodeError::NotAPart => f.write_str("not an encoded part of an extract"),
            PartialDecodeError::Truncated => f.write_str("an encoded part of an extract cut short"),
            PartialDecodeError::BadValue(what) => write!(f, "an encoded part with a bad {what}"),
        }
    }
}

impl std::error::Error for PartialDecodeError {}

impl PartialExtract {
    /// The part as bytes, as [`PartialExtract::encode`], its duplicate table dropped first (it
    /// is not sent: the decoder builds it again from the record hashes), so that a parse
    /// worker does not hold it beside the bytes.
    pub fn into_bytes(mut self) -> Vec<u8> {
        self.part.seen = Table128::new();
        self.part.child_index = Table128::new();
        self.encode()
    }

    /// The part as bytes, for [`PartialExtract::decode`] in another worker.
    pub fn encode(&self) -> Vec<u8> {
        let p = &self.part;
        let ex = &p.extract;
        let rows = &ex.rows;
        // The size, near enough that the buffer is not grown (a grown buffer holds up to
        // twice the part in wasm memory): 44 bytes a row, 16 a record hash, 20 a child and
        // its id, 23 a warning and its value, 12 a rejected line.
        let ids: usize = p.child_ids.iter().map(String::len).sum();
        let size = 4096
            + rows.len() * 44
            + p.hashes.len() * 16
            + p.child_ids.len() * 20
            + ids
            + p.warnings.entries.len() * 23
            + p.warnings.values.len()
            + ex.quality.rejected_lines.len() * 12
            + ex.categories
                .iter()
                .map(|c| c.label.len() + 5)
                .sum::<usize>()
            + ex.services
                .iter()
                .chain(&ex.ethnic_details)
                .map(|s| s.len() + 4)
                .sum::<usize>();
        let mut w = Writer(Vec::with_capacity(size));
        w.0.extend_from_slice(MAGIC);
        for v in [self.first, self.first_breaks, self.next, self.next_breaks] {
            w.u64(v);
        }
        w.rows(rows);
        w.u32(p.hashes.len() as u32);
        w.column(&p.hashes, |&h, out| out.u128(h));
        w.strings(&p.child_ids);
        w.column(&p.child_keys, |&k, out| out.u128(k));
        w.tables(ex);

        let q = &ex.quality;
        w.u64(q.rows_read);
        w.u64(q.rows_rejected);
        w.u64(q.duplicates);
        w.u8(u8::from(q.rejected_lines_truncated));
        // The rejected lines' reasons and fields, each distinct one once.
        let mut names: Vec<&str> = Vec::new();
        let mut pairs = Vec::with_capacity(q.rejected_lines.len());
        let mut local: HashMap<&str, u32> = HashMap::new();
        for l in &q.rejected_lines {
            let r = intern(&mut local, &mut names, &l.reason);
            let f = intern(&mut local, &mut names, &l.field);
            pairs.push((l.line, r, f));
        }
        w.strings(&names);
        w.u32(pairs.len() as u32);
        w.column(&pairs, |&(l, _, _), out| out.u32(l));
        w.column(&pairs, |&(_, r, _), out| out.u32(r));
        w.column(&pairs, |&(_, _, f), out| out.u32(f));

        w.reasons(&p.rejected);

        let log = &p.warnings;
        w.u32(log.entries.len() as u32);
        w.column(&log.entries, |l, out| out.u32(l.row));
        w.column(&log.entries, |l, out| out.u32(l.line));
        w.column(&log.entries, |l, out| out.u32(l.value.0));
        w.column(&log.entries, |l, out| out.u32(l.value.1));
        w.column(&log.entries, |l, out| out.u8(reason_code(l.reason)));
        w.column(&log.entries, |l, out| out.u8(field_code(l.field)));
        w.column(&log.entries, |l, out| {
            out.u8(u8::from(l.example) | u8::from(l.code) << 1)
        });
        w.bytes(&log.values);

        let (dates, postcodes) = p.evidence.as_ref().expect("a part not yet merged");
        w.u32(dates.dates.len() as u32);
        for d in &dates.dates {
            w.u32(d.col as u32);
            w.u8(u8::from(d.month_first) | u8::from(d.all_month_first_ok) << 1);
            w.u64(d.month_first_only);
            w.u64(d.numeric_dm);
            match &d.example {
                None => w.u8(0),
                Some(e) => {
                    w.u8(1);
                    w.str(e);
                }
            }
        }
        for i in dates.index {
            w.u32(i.map_or(u32::MAX, |i| i as u32));
        }
        w.u32(postcodes.len() as u32);
        w.column(postcodes, |&b, out| out.u8(u8::from(b)));
        w.0
    }

    /// The part `bytes` encode ([`PartialExtract::encode`]).
    pub fn decode(bytes: &[u8]) -> Result<PartialExtract, PartialDecodeError> {
        let mut rows = Vec::new();
        let mut part = PartialExtract::decode_into(bytes, &mut rows)?;
        part.part.extract.rows = rows;
        Ok(part)
    }

    /// [`PartialExtract::decode`] with the part's rows appended to `rows` (its own rows left
    /// empty): the merge decodes a part straight into the file's table of rows, reserved for
    /// the whole file, so a part's rows are never held twice (issue 15 item 2). On an error
    /// `rows` is as it was.
    pub fn decode_into(
        bytes: &[u8],
        rows: &mut Vec<CaseRow>,
    ) -> Result<PartialExtract, PartialDecodeError> {
        let start = rows.len();
        let decoded = PartialExtract::decode_appending(bytes, rows);
        if decoded.is_err() {
            rows.truncate(start);
        }
        decoded
    }

    /// An encoded part's first record's offset, the next record's offset and its number of
    /// kept rows, read from its first bytes alone (`None`: not a part).
    pub(super) fn peek(bytes: &[u8]) -> Option<(u64, u64, usize)> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(4).ok()? != MAGIC {
            return None;
        }
        let (first, _, next, _) = (r.u64().ok()?, r.u64().ok()?, r.u64().ok()?, r.u64().ok()?);
        Some((first, next, r.u32().ok()? as usize))
    }

    fn decode_appending(
        bytes: &[u8],
        rows: &mut Vec<CaseRow>,
    ) -> Result<PartialExtract, PartialDecodeError> {
        let start = rows.len();
        let mut r = Reader { bytes, at: 0 };
        if r.take(4)? != MAGIC {
            return Err(PartialDecodeError::NotAPart);
        }
        let (first, first_breaks, next, next_breaks) = (r.u64()?, r.u64()?, r.u64()?, r.u64()?);
        r.rows(rows)?;
        let h = r.u32()? as usize;
        let hashes = r.column(h, Reader::u128)?;
        // The part's table of record hashes is built by the merge only once a later part
        // needs it (issue 15 item 2: the last part's was never used).
        let seen = Table128::new();
        let child_ids = r.strings()?;
        let child_keys = r.column(child_ids.len(), Reader::u128)?;
        let tables = r.tables()?;
        // Every index a row holds points into its tables.
        if rows[start..]
            .iter()
            .any(|row| row.child as usize >= child_ids.len())
        {
            return Err(PartialDecodeError::BadValue("index"));
        }
        let mut extract = tables.holding(&rows[start..])?;
        let q = &mut extract.quality;
        q.rows_read = r.u64()?;
        q.rows_rejected = r.u64()?;
        q.duplicates = r.u64()?;
        q.rejected_lines_truncated = r.u8()? != 0;
        let names = r.strings()?;
        let k = r.u32()? as usize;
        let lines = r.column(k, Reader::u32)?;
        let reasons = r.column(k, Reader::u32)?;
        let fields = r.column(k, Reader::u32)?;
        let name = |i: u32| {
            names
                .get(i as usize)
                .cloned()
                .ok_or(PartialDecodeError::BadValue("rejected line"))
        };
        q.rejected_lines = Vec::with_capacity(k);
        for i in 0..k {
            q.rejected_lines.push(RejectedLine {
                line: lines[i],
                reason: name(reasons[i])?,
                field: name(fields[i])?,
            });
        }

        let rejected = r.reasons()?;

        let e = r.u32()? as usize;
        let row = r.column(e, Reader::u32)?;
        let wline = r.column(e, Reader::u32)?;
        let from = r.column(e, Reader::u32)?;
        let to = r.column(e, Reader::u32)?;
        let reason = r.column(e, Reader::u8)?;
        let field = r.column(e, Reader::u8)?;
        let flags = r.column(e, Reader::u8)?;
        let values = r.bytes()?.to_vec();
        let mut entries = Vec::with_capacity(e);
        for i in 0..e {
            if from[i] > to[i] || to[i] as usize > values.len() {
                return Err(PartialDecodeError::BadValue("warning value"));
            }
            entries.push(Logged {
                row: row[i],
                line: wline[i],
                reason: WARNING_REASONS
                    .get(reason[i] as usize)
                    .ok_or(PartialDecodeError::BadValue("warning"))?,
                field: field_name(field[i])?,
                example: flags[i] & 1 != 0,
                code: flags[i] & 2 != 0,
                value: (from[i], to[i]),
            });
        }
        let warnings = WarningLog {
            entries,
            values,
            row: 0,
        };

        let d = r.u32()? as usize;
        let mut dates = Vec::with_capacity(d.min(bytes.len()));
        for _ in 0..d {
            let col = r.u32()? as usize;
            let flags = r.u8()?;
            let month_first_only = r.u64()?;
            let numeric_dm = r.u64()?;
            let example = match r.u8()? {
                0 => None,
                _ => Some(r.string()?),
            };
            dates.push(DateColumn {
                col,
                month_first: flags & 1 != 0,
                month_first_only,
                example,
                all_month_first_ok: flags & 2 != 0,
                numeric_dm,
            });
        }
        let mut index = [None; 15];
        for slot in &mut index {
            let i = r.u32()?;
            if i != u32::MAX {
                if i as usize >= dates.len() {
                    return Err(PartialDecodeError::BadValue("date column"));
                }
                *slot = Some(i as usize);
            }
        }
        let p = r.u32()? as usize;
        let postcodes = r.column(p, |r| r.u8().map(|b| b != 0))?;
        if r.at != bytes.len() {
            return Err(PartialDecodeError::BadValue("length"));
        }
        Ok(PartialExtract {
            first,
            first_breaks,
            next,
            next_breaks,
            part: RowsPart {
                extract,
                child_ids,
                child_keys,
                child_index: Table128::new(),
                hashes,
                seen,
                rejected,
                warnings,
                evidence: Some((DateColumns { dates, index }, postcodes)),
            },
        })
    }
}

/// The first bytes of an extract's tables sent alone ([`encode_tables`]), and their version.
const TABLES_MAGIC: &[u8; 4] = b"YJT1";

/// The tables an extract's rows index (offence categories, services, detailed ethnicities) as
/// bytes, for a computation in another worker that is given the rows themselves (issue 15: the
/// browser computes the year-earlier figures on another core while this one computes the
/// others).
pub fn encode_tables(extract: &Extract) -> Vec<u8> {
    let mut w = Writer(Vec::new());
    w.0.extend_from_slice(TABLES_MAGIC);
    w.tables(extract);
    w.0
}

/// An extract of `rows` and the tables [`encode_tables`] wrote, once every category and
/// service the rows hold is one of them: no child id, an empty quality report.
pub fn decode_tables(bytes: &[u8], rows: Vec<CaseRow>) -> Result<Extract, PartialDecodeError> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(4)? != TABLES_MAGIC {
        return Err(PartialDecodeError::NotAPart);
    }
    let tables = r.tables()?;
    if r.at != bytes.len() {
        return Err(PartialDecodeError::BadValue("length"));
    }
    let mut extract = tables.holding(&rows)?;
    extract.rows = rows;
    Ok(extract)
}

/// The tables a part's rows index, as read.
struct Tables {
    categories: Vec<OffenceCategory>,
    services: Vec<String>,
    ethnic_details: Vec<String>,
}

impl Tables {
    /// An extract of these tables (and no row yet), once every category and service `rows`
    /// hold is checked to be one of them.
    fn holding(self, rows: &[CaseRow]) -> Result<Extract, PartialDecodeError> {
        if rows.iter().any(|row| {
            row.category as usize >= self.categories.len()
                || row.service as usize >= self.services.len()
        }) {
            return Err(PartialDecodeError::BadValue("index"));
        }
        Ok(Extract {
            categories: self.categories,
            services: self.services,
            ethnic_details: self.ethnic_details,
            ..Extract::default()
        })
    }
}

/// `s`'s index in `names`, added when new.
fn intern<'a>(index: &mut HashMap<&'a str, u32>, names: &mut Vec<&'a str>, s: &'a str) -> u32 {
    *index.entry(s).or_insert_with(|| {
        names.push(s);
        names.len() as u32 - 1
    })
}

fn days(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

fn date(days: i32) -> Result<NaiveDate, PartialDecodeError> {
    NaiveDate::from_num_days_from_ce_opt(days).ok_or(PartialDecodeError::BadValue("date"))
}

fn optional_date(days: i32) -> Result<Option<NaiveDate>, PartialDecodeError> {
    if days == NO_DATE {
        Ok(None)
    } else {
        date(days).map(Some)
    }
}

fn outcome_code(o: Outcome) -> u8 {
    Outcome::ALL
        .iter()
        .position(|&a| a == o)
        .expect("every outcome is in Outcome::ALL") as u8
}

/// A logged warning's reason as an index into [`WARNING_REASONS`].
fn reason_code(reason: &str) -> u8 {
    WARNING_REASONS
        .iter()
        .position(|&r| r == reason)
        .expect("every warning reason is in WARNING_REASONS") as u8
}

/// A logged warning's field: 0 for none, else 1 + its index in [`FIELDS`].
fn field_code(field: &str) -> u8 {
    if field == NO_FIELD {
        return 0;
    }
    FIELDS
        .iter()
        .position(|f| f.name() == field)
        .expect("a warning names a field or none") as u8
        + 1
}

fn field_name(code: u8) -> Result<&'static str, PartialDecodeError> {
    match code {
        0 => Ok(NO_FIELD),
        c => FIELDS
            .get(c as usize - 1)
            .map(|f: &Field| f.name())
            .ok_or(PartialDecodeError::BadValue("field")),
    }
}

/// Little-endian values appended to a buffer.
struct Writer(Vec<u8>);

impl Writer {
    /// The rows as one column per field.
    fn rows(&mut self, rows: &[CaseRow]) {
        self.u32(rows.len() as u32);
        self.column(rows, |r, out| out.u32(r.line));
        self.column(rows, |r, out| out.u32(r.child));
        self.column(rows, |r, out| out.u32(r.category));
        self.column(rows, |r, out| out.u32(r.service));
        self.column(rows, |r, out| out.i32(days(r.offence_date)));
        self.column(rows, |r, out| out.i32(days(r.outcome_date)));
        self.column(rows, |r, out| out.i32(r.release_date.map_or(NO_DATE, days)));
        self.column(rows, |r, out| out.i32(r.end_date.map_or(NO_DATE, days)));
        self.column(rows, |r, out| {
            out.i32(match r.birth {
                Birth::Date(d) | Birth::Month(d) => days(d),
                Birth::AgeAtOutcome(a) => i32::from(a),
                Birth::Unknown => 0,
            })
        });
        self.column(rows, |r, out| out.u16(r.ethnicity.detail));
        self.column(rows, |r, out| out.u8(outcome_code(r.outcome)));
        self.column(rows, |r, out| {
            out.u8(match r.birth {
                Birth::Date(_) => 0,
                Birth::Month(_) => 1,
                Birth::AgeAtOutcome(_) => 2,
                Birth::Unknown => 3,
            })
        });
        self.column(rows, |r, out| out.u8(r.sex as u8));
        self.column(rows, |r, out| out.u8(r.ethnicity.group as u8));
        self.column(rows, |r, out| out.u8(r.gravity.unwrap_or(0)));
        self.column(rows, |r, out| {
            out.u8(match r.looked_after {
                None => 0,
                Some(false) => 1,
                Some(true) => 2,
            })
        });
    }

    /// The tables the rows index: offence categories, services, detailed ethnicities.
    fn tables(&mut self, extract: &Extract) {
        self.u32(extract.categories.len() as u32);
        for c in &extract.categories {
            self.str(&c.label);
            self.u8(u8::from(c.yjb)
                | u8::from(c.breach) << 1
                | u8::from(c.serious_violence_group) << 2);
        }
        self.strings(&extract.services);
        self.strings(&extract.ethnic_details);
    }

    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u16(&mut self, v: u16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn i32(&mut self, v: i32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u128(&mut self, v: u128) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    /// Zero bytes up to a multiple of 4 (a column's start).
    fn align(&mut self) {
        while !self.0.len().is_multiple_of(4) {
            self.0.push(0);
        }
    }
    /// One value of each item, as a column starting at a multiple of 4.
    fn column<T>(&mut self, items: &[T], mut each: impl FnMut(&T, &mut Writer)) {
        self.align();
        for item in items {
            each(item, self);
        }
    }
    fn bytes(&mut self, b: &[u8]) {
        self.u32(b.len() as u32);
        self.0.extend_from_slice(b);
    }
    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    /// A table of strings: their count, their ends (a column), then their bytes.
    fn strings<S: AsRef<str>>(&mut self, strings: &[S]) {
        self.u32(strings.len() as u32);
        let mut end = 0u32;
        self.column(strings, |s, w| {
            end += s.as_ref().len() as u32;
            w.u32(end);
        });
        for s in strings {
            self.0.extend_from_slice(s.as_ref().as_bytes());
        }
    }
    fn reasons(&mut self, reasons: &[Reason]) {
        self.u32(reasons.len() as u32);
        for r in reasons {
            self.str(&r.reason);
            self.str(&r.field);
            self.u64(r.count);
            self.str(&r.example_value);
            self.u32(r.examples.len() as u32);
            for &l in &r.examples {
                self.u32(l);
            }
        }
    }
}

/// Little-endian values read from the front of a buffer.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// Rows written by [`Writer::rows`], appended to `rows` (on an error some may have been).
    fn rows(&mut self, rows: &mut Vec<CaseRow>) -> Result<(), PartialDecodeError> {
        let n = self.u32()? as usize;
        // The rows' columns are read where they lie (no column is copied out first).
        let line = self.fixed(n, 4)?;
        let child = self.fixed(n, 4)?;
        let category = self.fixed(n, 4)?;
        let service = self.fixed(n, 4)?;
        let offence = self.fixed(n, 4)?;
        let outcome_date = self.fixed(n, 4)?;
        let release = self.fixed(n, 4)?;
        let end = self.fixed(n, 4)?;
        let birth_value = self.fixed(n, 4)?;
        let detail = self.fixed(n, 2)?;
        let outcome = self.fixed(n, 1)?;
        let birth_kind = self.fixed(n, 1)?;
        let sex = self.fixed(n, 1)?;
        let group = self.fixed(n, 1)?;
        let gravity = self.fixed(n, 1)?;
        let looked_after = self.fixed(n, 1)?;
        let u32_at = |col: &[u8], i: usize| {
            u32::from_le_bytes(col[4 * i..4 * i + 4].try_into().expect("4 bytes"))
        };
        let i32_at = |col: &[u8], i: usize| u32_at(col, i) as i32;
        rows.reserve_exact(n);
        for i in 0..n {
            let birth_value = i32_at(birth_value, i);
            rows.push(CaseRow {
                line: u32_at(line, i),
                child: u32_at(child, i),
                offence_date: date(i32_at(offence, i))?,
                outcome_date: date(i32_at(outcome_date, i))?,
                outcome: *Outcome::ALL
                    .get(outcome[i] as usize)
                    .ok_or(PartialDecodeError::BadValue("outcome"))?,
                birth: match birth_kind[i] {
                    0 => Birth::Date(date(birth_value)?),
                    1 => Birth::Month(date(birth_value)?),
                    2 => Birth::AgeAtOutcome(
                        u8::try_from(birth_value)
                            .map_err(|_| PartialDecodeError::BadValue("age"))?,
                    ),
                    3 => Birth::Unknown,
                    _ => return Err(PartialDecodeError::BadValue("birth")),
                },
                sex: match sex[i] {
                    0 => Sex::Male,
                    1 => Sex::Female,
                    2 => Sex::Unknown,
                    _ => return Err(PartialDecodeError::BadValue("sex")),
                },
                ethnicity: Ethnicity {
                    group: *EthnicGroup::ALL
                        .get(group[i] as usize)
                        .ok_or(PartialDecodeError::BadValue("ethnic group"))?,
                    detail: u16::from_le_bytes([detail[2 * i], detail[2 * i + 1]]),
                },
                category: u32_at(category, i),
                gravity: (gravity[i] != 0).then_some(gravity[i]),
                release_date: optional_date(i32_at(release, i))?,
                end_date: optional_date(i32_at(end, i))?,
                looked_after: match looked_after[i] {
                    0 => None,
                    1 => Some(false),
                    2 => Some(true),
                    _ => return Err(PartialDecodeError::BadValue("looked-after status")),
                },
                service: u32_at(service, i),
            });
        }
        Ok(())
    }

    /// Tables written by [`Writer::tables`].
    fn tables(&mut self) -> Result<Tables, PartialDecodeError> {
        let c = self.u32()? as usize;
        let mut categories = Vec::with_capacity(c.min(self.bytes.len()));
        for _ in 0..c {
            let label = self.string()?;
            let flags = self.u8()?;
            categories.push(OffenceCategory {
                label,
                yjb: flags & 1 != 0,
                breach: flags & 2 != 0,
                serious_violence_group: flags & 4 != 0,
            });
        }
        let services = self.strings()?;
        let ethnic_details = self.strings()?;
        Ok(Tables {
            categories,
            services,
            ethnic_details,
        })
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], PartialDecodeError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or(PartialDecodeError::Truncated)?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], PartialDecodeError> {
        Ok(self.take(N)?.try_into().expect("N bytes"))
    }
    fn u8(&mut self) -> Result<u8, PartialDecodeError> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, PartialDecodeError> {
        self.array().map(u32::from_le_bytes)
    }
    fn u64(&mut self) -> Result<u64, PartialDecodeError> {
        self.array().map(u64::from_le_bytes)
    }
    fn u128(&mut self) -> Result<u128, PartialDecodeError> {
        self.array().map(u128::from_le_bytes)
    }
    fn align(&mut self) -> Result<(), PartialDecodeError> {
        let pad = (4 - self.at % 4) % 4;
        self.take(pad).map(|_| ())
    }
    /// A column of `n` values of `width` bytes each, where it lies.
    fn fixed(&mut self, n: usize, width: usize) -> Result<&'a [u8], PartialDecodeError> {
        self.align()?;
        let len = n.checked_mul(width).ok_or(PartialDecodeError::Truncated)?;
        self.take(len)
    }
    /// A column of `n` values (`n` is checked against the bytes left before allocating).
    fn column<T>(
        &mut self,
        n: usize,
        mut each: impl FnMut(&mut Reader<'a>) -> Result<T, PartialDecodeError>,
    ) -> Result<Vec<T>, PartialDecodeError> {
        self.align()?;
        if n > self.bytes.len() - self.at {
            return Err(PartialDecodeError::Truncated);
        }
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(each(self)?);
        }
        Ok(out)
    }
    fn bytes(&mut self) -> Result<&'a [u8], PartialDecodeError> {
        let n = self.u32()? as usize;
        self.take(n)
    }
    fn string(&mut self) -> Result<String, PartialDecodeError> {
        let b = self.bytes()?;
        String::from_utf8(b.to_vec()).map_err(|_| PartialDecodeError::BadValue("text"))
    }
    fn strings(&mut self) -> Result<Vec<String>, PartialDecodeError> {
        let n = self.u32()? as usize;
        let ends = self.column(n, Reader::u32)?;
        let total = ends.last().copied().unwrap_or(0) as usize;
        let text = self.take(total)?;
        let text = std::str::from_utf8(text).map_err(|_| PartialDecodeError::BadValue("text"))?;
        let mut out = Vec::with_capacity(n);
        let mut start = 0usize;
        for &end in &ends {
            let end = end as usize;
            let s = text
                .get(start..end)
                .ok_or(PartialDecodeError::BadValue("text"))?;
            out.push(s.to_string());
            start = end;
        }
        Ok(out)
    }
    fn reasons(&mut self) -> Result<Vec<Reason>, PartialDecodeError> {
        let n = self.u32()? as usize;
        let mut out = Vec::with_capacity(n.min(self.bytes.len()));
        for _ in 0..n {
            let reason = self.string()?;
            let field = self.string()?;
            let count = self.u64()?;
            let example_value = self.string()?;
            let k = self.u32()? as usize;
            let mut examples = Vec::with_capacity(k.min(self.bytes.len()));
            for _ in 0..k {
                examples.push(self.u32()?);
            }
            out.push(Reason {
                reason,
                field,
                count,
                examples,
                example_value,
            });
        }
        Ok(out)
    }
}
