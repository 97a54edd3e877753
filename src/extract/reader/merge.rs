//! The merge: the parts a file was read in → one [`Extract`], the same as reading the file in
//! one go. A file read in one go is one part; a file split into byte ranges (read on several
//! threads or workers, see [`super::ranges`]) is one part per range, added in file order.
//!
//! What a part cannot know alone, the merge settles in file order:
//!
//! * where its first record starts: a range assumes its first byte starts a record, and the
//!   merge checks that its first record starts where the previous part's records ended — if
//!   not (the cut fell inside a record, a quoted field for instance), the part is refused with
//!   [`Resync`] and that range is read again from the right place;
//! * line numbers: a range counts lines from its start, the merge moves them by the lines of
//!   the parts before it;
//! * exact duplicates of rows in earlier parts (dropped, with their warnings);
//! * interning: each part's children, offence categories and services get the file's
//!   indices, in order of first appearance among the kept rows;
//! * each child's attributes and which later rows contradict them;
//! * the counts, examples and rejected lines of the quality report, and the month-first and
//!   postcode evidence.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::super::columns;
use super::super::hash::Table128;
use super::super::quality::{Conflict, Reason, RejectedLine, UnknownCode, MAX_REJECTED_LINES};
use super::super::{Birth, CaseRow, Extract, Refusal, RefusalKind};
use super::month_first::DateColumns;
use super::partial::PartialDecodeError;
use super::ranges::{ExtractHead, RangeReader};
use super::rows::RowsPart;
use super::tally::{shift, Tally};
use crate::codes::{EthnicGroup, OffenceCategory, Sex};

/// The warning for a title-line date that is not plausible (after today, before 1990).
const IMPLAUSIBLE_TITLE_DATE: &str =
    "implausible date in a title line (not used as the extract date)";

/// What one range of a file (or the whole file) read: its rows and counts, and where its
/// records started and ended.
pub struct PartialExtract {
    /// The first record's byte offset in the file, and the line ends counted before it from
    /// the part's start.
    pub(super) first: u64,
    pub(super) first_breaks: u64,
    /// Where the record after the part's last one starts (the file's length at its end), and
    /// the line ends counted before it.
    pub(super) next: u64,
    pub(super) next_breaks: u64,
    pub(super) part: RowsPart,
}

impl PartialExtract {
    /// Kept rows so far (before the merge drops duplicates of earlier parts' rows).
    pub fn rows(&self) -> usize {
        self.part.extract.rows.len()
    }
}

/// A part does not start where the previous part's records ended: read its range again from
/// byte `from` (to the same end) and add that part instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resync {
    pub from: u64,
}

/// The parts of one file, merged as they are added in file order.
pub struct ExtractMerge {
    head: ExtractHead,
    /// Where the parts so far end: the next record's byte offset and the line ends before it
    /// in the file's numbering. `None` before the first part.
    covered: Option<(u64, i64)>,
    extract: Extract,
    started: bool,
    /// The record hashes of the earlier parts' kept rows: a later part's row found here is a
    /// duplicate.
    earlier: Table128<()>,
    /// The last part's record hashes (a part decoded from bytes has no table): put in
    /// [`Self::earlier`] only when a later part arrives (issue 15 item 2).
    pending: Vec<u128>,
    child_index: Table128<u32>,
    attrs: Vec<ChildAttrs>,
    category_label: HashMap<String, u32>,
    service_index: HashMap<String, u32>,
    rejected: Tally,
    warnings: Tally,
    /// Unrecognised codes: field → value → kept rows.
    unknown: HashMap<&'static str, HashMap<Vec<u8>, u64>>,
    dates: Option<DateColumns>,
    postcode_full: Vec<bool>,
    /// The file's length, when known: the kept rows' table is sized from it.
    file_len: Option<u64>,
}

impl ExtractMerge {
    pub fn new(head: &ExtractHead) -> Self {
        ExtractMerge {
            head: head.clone(),
            covered: None,
            extract: Extract::default(),
            started: false,
            earlier: Table128::new(),
            pending: Vec::new(),
            child_index: Table128::new(),
            attrs: Vec::new(),
            category_label: HashMap::new(),
            service_index: HashMap::new(),
            rejected: Tally::default(),
            warnings: Tally::default(),
            unknown: HashMap::new(),
            dates: None,
            postcode_full: Vec::new(),
            file_len: None,
        }
    }

    /// The file's length in bytes: the merged rows' table is sized for the whole file when the
    /// first part is added (never changes the result).
    pub fn size_hint(&mut self, file_len: u64) {
        self.file_len = Some(file_len);
    }

    /// A reader for the records starting in bytes `start..end`, its part to be added here.
    /// Before any part is added and with the file's length known, its tables of kept rows,
    /// children and record hashes are sized for the rest of the file: [`ExtractMerge::add`]
    /// takes them as the file's without growing them or building them again (issue 15 item 2:
    /// the browser's coordinating worker reads the first range itself).
    pub fn range(&self, start: u64, end: u64) -> RangeReader {
        let mut reader = self.head.range(start, end);
        if let (false, Some(len)) = (self.started, self.file_len) {
            reader.size_rows_for(len.saturating_sub(start));
        }
        reader
    }

    /// Add the next part, in file order. `Err(Resync)`: the part's first record does not
    /// start where the previous part's records ended (nothing of it was taken).
    pub fn add(&mut self, mut p: PartialExtract) -> Result<(), Resync> {
        self.base_of(&p)?;
        let rows = std::mem::take(&mut p.part.extract.rows);
        let start = self.extract.rows.len();
        if start == 0 {
            self.extract.rows = rows;
        } else {
            self.extract.rows.extend(rows);
        }
        self.add_placed(p, start)
    }

    /// Add the next part from its bytes ([`PartialExtract::encode`]), its rows decoded
    /// straight into the file's table (issue 15 item 2: in the browser the merging worker
    /// holds the posted bytes, the part decoded and the merged rows at once; its rows are no
    /// longer a copy beside the table reserved for them). The bytes are freed once decoded.
    /// `Ok(Err(Resync))` as [`ExtractMerge::add`].
    pub fn add_encoded(
        &mut self,
        bytes: Vec<u8>,
    ) -> Result<Result<(), Resync>, PartialDecodeError> {
        let start = self.extract.rows.len();
        if !self.started {
            // The whole file's table reserved before the first part is decoded into it (not
            // grown after it: the first part's rows and the table held at once).
            if let Some((first, next, n)) = PartialExtract::peek(&bytes) {
                let expected = self.expected_rows(n, first, next).unwrap_or(n);
                self.extract
                    .rows
                    .reserve_exact(expected.saturating_sub(start));
            }
        }
        let p = PartialExtract::decode_into(&bytes, &mut self.extract.rows)?;
        drop(bytes);
        Ok(self.add_placed(p, start))
    }

    /// `n` things counted in the first part (bytes `first` to `next`) scaled to the rest of
    /// the file from `first` on; `None` without the file's length.
    fn whole_file(&self, n: usize, first: u64, next: u64) -> Option<u128> {
        let span = next.saturating_sub(first);
        let len = self.file_len.filter(|_| span > 0)?;
        Some(n as u128 * len.saturating_sub(first) as u128 / u128::from(span))
    }

    /// The rows expected in the whole file (2% spare), from the first part's `rows` between
    /// bytes `first` and `next`; `None` without the file's length.
    fn expected_rows(&self, rows: usize, first: u64, next: u64) -> Option<usize> {
        let all = self.whole_file(rows, first, next)?;
        Some((all * 102 / 100).min(50_000_000) as usize)
    }

    /// The line ends before part `p` in the file's numbering, or where it should have started.
    fn base_of(&self, p: &PartialExtract) -> Result<i64, Resync> {
        match self.covered {
            None => Ok(self.head.first_base),
            Some((pos, breaks)) if p.first == pos => Ok(breaks - p.first_breaks as i64),
            Some((pos, _)) => Err(Resync { from: pos }),
        }
    }

    /// Add part `p` whose rows are already the file table's rows from `start` on; on a
    /// [`Resync`] they are taken off again.
    fn add_placed(&mut self, p: PartialExtract, start: usize) -> Result<(), Resync> {
        let base = match self.base_of(&p) {
            Ok(base) => base,
            Err(resync) => {
                self.extract.rows.truncate(start);
                return Err(resync);
            }
        };
        self.covered = Some((p.next, base + p.next_breaks as i64));
        let mut part = p.part;
        let pq = std::mem::take(&mut part.extract.quality);
        let q = &mut self.extract.quality;
        q.rows_read += pq.rows_read;
        q.rows_rejected += pq.rows_rejected;
        q.duplicates += pq.duplicates;
        for l in pq.rejected_lines {
            if q.rejected_lines.len() < MAX_REJECTED_LINES {
                q.rejected_lines.push(RejectedLine {
                    line: shift(l.line, base),
                    ..l
                });
            } else {
                q.rejected_lines_truncated = true;
            }
        }
        q.rejected_lines_truncated |= pq.rejected_lines_truncated;
        self.rejected
            .absorb(std::mem::take(&mut part.rejected), base);
        let (dates, postcode_full) = part.evidence.take().expect("each part is added once");
        match &mut self.dates {
            None => {
                self.dates = Some(dates);
                self.postcode_full = postcode_full;
            }
            Some(d) => {
                d.absorb(dates);
                for (a, b) in self.postcode_full.iter_mut().zip(postcode_full) {
                    *a |= b;
                }
            }
        }
        if !self.started {
            // Room for the whole file's rows at once, estimated from the first part's rows
            // per byte: the table is not grown (old and new rows held together) part by part.
            let placed = self.extract.rows.len();
            if let Some(expected) = self.expected_rows(placed, p.first, p.next) {
                if expected > self.extract.rows.capacity() {
                    self.extract.rows.reserve_exact(expected - placed);
                }
            }
            // And the children's table (grown, it holds the old and the new slots): the part's
            // own when it was read here or in one go (not a second one built from its keys;
            // a decoded part's is empty).
            self.child_index = std::mem::replace(&mut part.child_index, Table128::new());
            if let Some(children) = self.whole_file(part.child_keys.len(), p.first, p.next) {
                let children = children.min(50_000_000) as usize;
                self.child_index
                    .reserve(children.saturating_sub(self.child_index.len()));
            }
        }
        if !self.pending.is_empty() {
            // One table for every earlier part, so that a row is looked up once however many
            // parts there are (one table a part made each row of the 50th part probe 49:
            // 10M rows read in 16 MB parts took 18.7 s instead of 10.3 s), sized at once for the
            // file's rows when they are known, not grown part by part.
            let pending = std::mem::take(&mut self.pending);
            let held = self.earlier.len();
            let room = self.extract.rows.capacity().max(held + pending.len());
            self.earlier.reserve(room - held);
            for &k in &pending {
                self.earlier.entry(k, || ());
            }
        }
        let dropped = if self.started {
            self.add_rows(start, &mut part, base)
        } else {
            self.first_rows(&mut part, base);
            Vec::new()
        };
        self.started = true;
        // The first part's own table is the earlier parts' (read where it is merged, it was
        // sized for the file); a later part's hashes are kept as a list, half the memory of a
        // table, until a part after it needs them.
        if self.earlier.is_empty() && !part.seen.is_empty() {
            self.earlier = std::mem::replace(&mut part.seen, Table128::new());
        } else if !part.hashes.is_empty() {
            self.pending = std::mem::take(&mut part.hashes);
        }
        let log = &part.warnings;
        for l in &log.entries {
            if dropped.get(l.row as usize) == Some(&true) {
                continue;
            }
            let v = log.value(l);
            self.warnings
                .add_example(l.reason, l.field, shift(l.line, base), v, l.example);
            if l.code {
                let values = self.unknown.entry(l.field).or_default();
                match values.get_mut(v) {
                    Some(n) => *n += 1,
                    None => {
                        values.insert(v.to_vec(), 1);
                    }
                }
            }
        }
        Ok(())
    }

    /// The first part's rows (the file's table): its indices are the file's.
    fn first_rows(&mut self, part: &mut RowsPart, base: i64) {
        let ex = &mut part.extract;
        self.extract.ethnic_details = std::mem::take(&mut ex.ethnic_details);
        self.extract.categories = std::mem::take(&mut ex.categories);
        for (i, c) in self.extract.categories.iter().enumerate() {
            self.category_label.insert(c.label.clone(), i as u32);
        }
        self.extract.services = std::mem::take(&mut ex.services);
        for (i, s) in self.extract.services.iter().enumerate() {
            self.service_index.insert(s.clone(), i as u32);
        }
        self.extract.child_ids = std::mem::take(&mut part.child_ids);
        if self.child_index.is_empty() {
            self.child_index.reserve(part.child_keys.len());
            for (i, &k) in part.child_keys.iter().enumerate() {
                self.child_index.entry(k, || i as u32);
            }
        }
        self.attrs = vec![ChildAttrs::default(); self.extract.child_ids.len()];
        let mut rows = std::mem::take(&mut self.extract.rows);
        for row in &mut rows {
            row.line = shift(row.line, base);
            self.note(row);
        }
        self.extract.rows = rows;
    }

    /// A later part's rows, the file table's from `start` on: duplicates of earlier rows
    /// dropped (which are returned, by row), indices re-mapped to the file's, in place.
    fn add_rows(&mut self, start: usize, part: &mut RowsPart, base: i64) -> Vec<bool> {
        let n = self.extract.rows.len() - start;
        let mut dropped = vec![false; n];
        const NONE: u32 = u32::MAX;
        let mut children = vec![NONE; part.child_ids.len()];
        let mut categories = vec![NONE; part.extract.categories.len()];
        let mut services = vec![NONE; part.extract.services.len()];
        // The table taken out while its rows are rewritten in place (`note` needs `self`).
        let mut table = std::mem::take(&mut self.extract.rows);
        let mut kept = start;
        for (i, duplicate) in dropped.iter_mut().enumerate() {
            let mut row = table[start + i].clone();
            if let Some(&ahead) = part.hashes.get(i + 8) {
                self.earlier.prefetch(ahead);
            }
            if let Some(&k) = part.hashes.get(i) {
                if self.earlier.contains(k) {
                    self.extract.quality.duplicates += 1;
                    *duplicate = true;
                    continue;
                }
            }
            let c = row.child as usize;
            if children[c] == NONE {
                let n = self.extract.child_ids.len() as u32;
                let (&mut g, new) = self.child_index.entry(part.child_keys[c], || n);
                if new {
                    self.extract
                        .child_ids
                        .push(std::mem::take(&mut part.child_ids[c]));
                }
                children[c] = g;
            }
            row.child = children[c];
            let c = row.category as usize;
            if categories[c] == NONE {
                let cat = &part.extract.categories[c];
                categories[c] = match self.category_label.get(&cat.label) {
                    Some(&g) => g,
                    None => {
                        let g = self.extract.categories.len() as u32;
                        self.extract.categories.push(cat.clone());
                        self.category_label.insert(cat.label.clone(), g);
                        g
                    }
                };
            }
            row.category = categories[c];
            let s = row.service as usize;
            if services[s] == NONE {
                let name = &part.extract.services[s];
                services[s] = match self.service_index.get(name) {
                    Some(&g) => g,
                    None => {
                        let g = self.extract.services.len() as u32;
                        self.extract.services.push(name.clone());
                        self.service_index.insert(name.clone(), g);
                        g
                    }
                };
            }
            row.service = services[s];
            row.line = shift(row.line, base);
            self.note(&row);
            table[kept] = row;
            kept += 1;
        }
        table.truncate(kept);
        self.extract.rows = table;
        dropped
    }

    /// A kept row in the file's indices: its child's attributes, and the report's counts.
    #[inline]
    fn note(&mut self, row: &CaseRow) {
        let c = row.child as usize;
        if c == self.attrs.len() {
            self.attrs.push(ChildAttrs::default());
        }
        note_child(&mut self.attrs[c], row.sex, row.ethnicity.group, row.birth);
        let q = &mut self.extract.quality;
        if matches!(row.birth, Birth::Unknown) {
            q.age_unknown_rows += 1;
        }
        let (offence, outcome) = (row.offence_date, row.outcome_date);
        q.first_outcome_date = Some(q.first_outcome_date.map_or(outcome, |d| d.min(outcome)));
        q.last_outcome_date = Some(q.last_outcome_date.map_or(outcome, |d| d.max(outcome)));
        q.first_offence_date = Some(q.first_offence_date.map_or(offence, |d| d.min(offence)));
        q.last_offence_date = Some(q.last_offence_date.map_or(offence, |d| d.max(offence)));
        q.rows_used += 1;
    }

    /// Every part added: the extract, or why the file is refused.
    pub fn finish(mut self) -> Result<Extract, Refusal> {
        let map = &self.head.map;
        if let Some(d) = &self.dates {
            d.verdict(map)?;
        }
        if self.extract.quality.rows_read == 0 {
            return Err(Refusal {
                kind: RefusalKind::Empty,
                message: crate::catalogue::messages::msg("error.extract.no_rows").into(),
            });
        }
        if self.extract.categories.is_empty() {
            self.extract.categories.push(OffenceCategory::classify(""));
        }
        let q = &mut self.extract.quality;
        q.rejected = std::mem::take(&mut self.rejected.reasons);
        q.warnings = std::mem::take(&mut self.warnings.reasons);
        let mut unknown: Vec<UnknownCode> = self
            .unknown
            .into_iter()
            .flat_map(|(field, values)| {
                values.into_iter().map(move |(v, rows)| UnknownCode {
                    field: field.into(),
                    value: String::from_utf8_lossy(&v).into_owned(),
                    rows,
                })
            })
            .collect();
        unknown.sort_by(|a, b| {
            a.field
                .cmp(&b.field)
                .then(b.rows.cmp(&a.rows))
                .then(a.value.cmp(&b.value))
        });
        q.unknown_codes = unknown;
        let h = &map.headers;
        let mut dropped: Vec<usize> = map.identifiers.clone();
        for (k, &c) in map.postcodes.iter().enumerate() {
            if self.postcode_full.get(k) == Some(&true) {
                dropped.push(c);
            } else {
                q.ignored_columns.push(h[c].clone());
            }
        }
        dropped.sort_unstable();
        q.dropped_columns = dropped.iter().map(|&c| h[c].clone()).collect();
        q.ignored_columns
            .extend(map.ignored.iter().map(|&c| h[c].clone()));
        q.columns = columns::FIELDS
            .iter()
            .filter_map(|&f| map.col(f).map(|c| (f.name().to_string(), h[c].clone())))
            .collect();
        q.conflicting = conflicts(&self.attrs);
        q.children = self.extract.child_ids.len() as u64;
        let head = &self.head;
        q.delimiter = match head.delimiter {
            b'\t' => "tab".into(),
            d => (d as char).to_string(),
        };
        q.header_line = head.header_line;
        q.title_lines = head.title_lines;
        q.title_date = head.title_date;
        if let (None, Some((d, line))) = (head.title_date, head.title_date_ignored) {
            q.warnings.push(Reason {
                reason: IMPLAUSIBLE_TITLE_DATE.into(),
                field: String::new(),
                count: 1,
                examples: vec![line],
                example_value: crate::measures::dates::DayMonthYear(d).to_string(),
            });
        }
        // Only UTF-8 files are read in ranges (a file read in one go has its own decoder's
        // label put over this one).
        self.extract.quality.encoding = if self.head.bom {
            "UTF-8 (BOM)".into()
        } else {
            super::super::Encoding::Utf8.label().into()
        };
        Ok(self.extract)
    }
}

/// How many children had each attribute contradicted (only attributes with any).
fn conflicts(attrs: &[ChildAttrs]) -> Vec<Conflict> {
    let mut out = Vec::new();
    for (bit, attribute) in [
        (CONFLICT_ETHNICITY, "ethnicity"),
        (CONFLICT_SEX, "sex"),
        (CONFLICT_BIRTH, "date of birth"),
    ] {
        let children = attrs.iter().filter(|a| a.conflicts & bit != 0).count() as u64;
        if children > 0 {
            out.push(Conflict {
                attribute: attribute.into(),
                children,
            });
        }
    }
    out
}

/// Per child: the known attributes first seen, and which ones later rows contradicted.
#[derive(Clone, Copy, Default)]
struct ChildAttrs {
    sex: u8,
    ethnicity: u8,
    /// Days since CE of the known date of birth (or birth month's 1st), 0 = not known.
    birth: i32,
    birth_is_month: bool,
    conflicts: u8,
}

const CONFLICT_SEX: u8 = 1;
const CONFLICT_ETHNICITY: u8 = 2;
const CONFLICT_BIRTH: u8 = 4;
/// Record a kept row's known attributes against its child, flagging contradictions.
#[inline]
fn note_child(a: &mut ChildAttrs, sex: Sex, group: EthnicGroup, birth: Birth) {
    let s = match sex {
        Sex::Male => 1,
        Sex::Female => 2,
        Sex::Unknown => 0,
    };
    if s != 0 {
        if a.sex == 0 {
            a.sex = s;
        } else if a.sex != s {
            a.conflicts |= CONFLICT_SEX;
        }
    }
    if group != EthnicGroup::Unknown {
        let g = group as u8 + 1;
        if a.ethnicity == 0 {
            a.ethnicity = g;
        } else if a.ethnicity != g {
            a.conflicts |= CONFLICT_ETHNICITY;
        }
    }

    let (d, is_month) = match birth {
        Birth::Date(d) => (d, false),
        Birth::Month(d) => (d, true),
        _ => return,
    };
    let days = d.num_days_from_ce();
    if a.birth == 0 {
        a.birth = days;
        a.birth_is_month = is_month;
    } else if a.birth != days {
        // A birth month and a date of birth agree when they share year and month.
        let prev = NaiveDate::from_num_days_from_ce_opt(a.birth).unwrap_or(d);
        let same_month = prev.year() == d.year() && prev.month() == d.month();
        if !((is_month || a.birth_is_month) && same_month) {
            a.conflicts |= CONFLICT_BIRTH;
        }
    }
}
