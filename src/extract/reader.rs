//! The streaming reader behind [`super::ExtractReader`]: decoded text → title lines skipped
//! and delimiter sniffed → `csv-core` records → typed rows, with every row accounted for.
//!
//! Memory: the text before the header (bounded by [`PRE_HEADER_LIMIT`]), one record's
//! fields, the kept rows, the interning tables and one 128-bit hash per kept row (for exact
//! duplicates). The file's text is never held whole.

use std::collections::HashMap;

use chrono::NaiveDate;
use csv_core::ReadRecordResult;

use super::columns::{self, Field, Mapping};
use super::dates;
use super::hash::{key, ByteMap, RecordHash, Table128};
use super::quality::{
    Conflict, Reason, RejectedLine, UnknownCode, MAX_EXAMPLES, MAX_REJECTED_LINES,
};
use super::{decode, Birth, CaseRow, Extract, MappingProfile, ReadError, Refusal, RefusalKind};
use crate::codes::{
    ethnicity, looked_after, EthnicGroup, Ethnicity, OffenceCategory, Outcome, Sex, Tier,
};

/// Title lines are looked for in at most this much text…
pub(crate) const PRE_HEADER_LIMIT: usize = 1 << 20;
/// …and at most this many non-blank lines.
const PRE_HEADER_LINES: usize = 50;
/// Text before the header is examined this much at a time.
const PRE_HEADER_PIECE: usize = 64 << 10;

// Rejection reasons (`input-formats.md` §2, "What bad input gets"), in plain English: the
// field goes beside the reason, never inside it.
pub(crate) const WRONG_FIELD_COUNT: &str = "wrong field count";
pub(crate) const MISSING_REQUIRED: &str = "missing required value";
pub(crate) const INVALID_DATE: &str = "invalid date";
pub(crate) const OUTCOME_BEFORE_OFFENCE: &str = "outcome date before offence date";

// Warnings.
pub(crate) const UNKNOWN_OUTCOME: &str = "unknown outcome code";
pub(crate) const UNKNOWN_ETHNICITY: &str = "unknown ethnicity code";
pub(crate) const UNKNOWN_SEX: &str = "unknown sex code";
pub(crate) const AGE_OUTSIDE: &str = "age outside 10-17 at outcome date";
pub(crate) const CUSTODY_NO_RELEASE: &str = "custodial outcome without release date";
// An invalid optional field is blanked, and the row kept (issue 10 amends the spec's
// "gravity outside 1–8" rejection).
pub(crate) const INVALID_GRAVITY: &str = "invalid gravity (field left blank)";
pub(crate) const INVALID_OPTIONAL_DATE: &str = "invalid date (field left blank)";
pub(crate) const INVALID_LOOKED_AFTER: &str = "invalid looked-after status (field left blank)";
pub(crate) const INVALID_AGE: &str = "invalid age (field left blank)";
pub(crate) const INVALID_BIRTH_MONTH: &str = "invalid birth month (field left blank)";

/// No field: the reason is about the whole row.
const NO_FIELD: &str = "";

/// Example values are cut to this many characters.
const MAX_EXAMPLE_CHARS: usize = 60;

/// A value as an example for the report: lossy UTF-8, at most [`MAX_EXAMPLE_CHARS`].
fn example(v: &[u8]) -> String {
    let s = String::from_utf8_lossy(v);
    if s.chars().count() <= MAX_EXAMPLE_CHARS {
        return s.into_owned();
    }
    let mut out: String = s.chars().take(MAX_EXAMPLE_CHARS - 1).collect();
    out.push('…');
    out
}

/// Counts by (reason, field) with example lines, in order of first occurrence.
#[derive(Default)]
struct Tally {
    reasons: Vec<Reason>,
    /// The static strings each entry was last counted under, so the hot path finds it by
    /// address instead of comparing strings.
    keys: Vec<Option<(&'static str, &'static str)>>,
}

impl Tally {
    /// Count a reason in a field, both given as constants (the hot path); the entry, to add
    /// an example value to.
    #[inline]
    fn add(&mut self, reason: &'static str, field: &'static str, line: u32) -> &mut Reason {
        let i =
            match self.keys.iter().position(|k| {
                k.is_some_and(|(r, f)| std::ptr::eq(r, reason) && std::ptr::eq(f, field))
            }) {
                Some(i) => i,
                None => {
                    let i = self.find(reason, field);
                    self.keys[i] = Some((reason, field));
                    i
                }
            };
        let r = &mut self.reasons[i];
        r.count += 1;
        if r.examples.len() < MAX_EXAMPLES {
            r.examples.push(line);
        }
        r
    }

    /// Count a reason in a field, keeping the first offending value as the example.
    #[inline]
    fn add_value(&mut self, reason: &'static str, field: Field, line: u32, value: &[u8]) {
        let r = self.add(reason, field.name(), line);
        if r.example_value.is_empty() && !value.is_empty() && field.example_allowed() {
            r.example_value = example(value);
        }
    }

    #[cold]
    fn find(&mut self, reason: &str, field: &str) -> usize {
        match self
            .reasons
            .iter()
            .position(|r| r.reason == reason && r.field == field)
        {
            Some(i) => i,
            None => {
                self.reasons.push(Reason {
                    reason: reason.to_string(),
                    field: field.to_string(),
                    ..Reason::default()
                });
                self.keys.push(None);
                self.reasons.len() - 1
            }
        }
    }
}

/// A code cache entry: what a distinct raw value resolved to, and how many kept rows carry
/// it when it is unknown.
struct Code<T> {
    value: T,
    known: bool,
    raw: String,
    rows: u64,
}

/// Distinct raw values → resolved codes, so each distinct value is matched once.
struct CodeCache<T> {
    index: ByteMap<u32>,
    entries: Vec<Code<T>>,
}

impl<T: Copy> CodeCache<T> {
    fn new() -> Self {
        CodeCache {
            index: ByteMap::new(),
            entries: Vec::new(),
        }
    }

    #[inline]
    fn get(&mut self, raw: &[u8], resolve: impl FnOnce(&str) -> (T, bool)) -> u32 {
        if let Some(i) = self.index.get(raw) {
            return i;
        }
        let text = String::from_utf8_lossy(raw).into_owned();
        let (value, known) = resolve(&text);
        let i = self.entries.len() as u32;
        self.entries.push(Code {
            value,
            known,
            raw: text,
            rows: 0,
        });
        self.index.insert(raw, i);
        i
    }

    fn unknown_codes(&self, field: &str, out: &mut Vec<UnknownCode>) {
        for e in &self.entries {
            if !e.known && e.rows > 0 {
                out.push(UnknownCode {
                    field: field.into(),
                    value: e.raw.clone(),
                    rows: e.rows,
                });
            }
        }
    }
}

/// Month-first evidence for one date column.
struct DateColumn {
    col: usize,
    month_first: bool,
    /// Values impossible day-first but valid month-first.
    month_first_only: u64,
    example: Option<String>,
    /// Every non-empty value so far is valid read month-first.
    all_month_first_ok: bool,
    /// Values in a numeric day/month form (whose reading depends on the order).
    numeric_dm: u64,
}

impl DateColumn {
    /// Values impossible day-first, every one valid month-first: the column is held.
    fn looks_month_first(&self) -> bool {
        !self.month_first && self.month_first_only > 0 && self.all_month_first_ok
    }

    /// Every value valid month-first, some of them in a numeric day/month form: when another
    /// column looks month-first, this one may well be too.
    fn may_be_month_first(&self) -> bool {
        !self.month_first && self.all_month_first_ok && self.numeric_dm > 0
    }
}

enum DateValue {
    Missing,
    Invalid,
    Ok(NaiveDate),
}

/// Per child: the known attributes first seen, and which ones later rows contradicted.
#[derive(Clone, Copy, Default)]
struct ChildAttrs {
    /// Index into `Extract::child_ids`.
    index: u32,
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

/// Rows of a mapped file: everything accumulated while records stream by.
pub(crate) struct Rows {
    map: Mapping,
    width: usize,
    dates: Vec<DateColumn>,
    date_index: [Option<usize>; 15],
    outcomes: CodeCache<Outcome>,
    ethnicities: CodeCache<Ethnicity>,
    sexes: CodeCache<Sex>,
    looked_after: CodeCache<Option<bool>>,
    /// Child id hash → index and attributes, in one slot so a row touches one cache line.
    children: Table128<ChildAttrs>,
    child_ids: Vec<String>,
    category_raw: ByteMap<u16>,
    category_label: HashMap<String, u16>,
    service_raw: ByteMap<u16>,
    seen: Table128<()>,
    postcode_full: Vec<bool>,
    extract: Extract,
    rejected: Tally,
    warnings: Tally,
    /// Extra detailed ethnicity labels defined by the profile, beyond the built-in ones.
    profile_ethnicities: HashMap<String, Ethnicity>,
    profile_outcomes: HashMap<String, Outcome>,
    profile_sexes: HashMap<String, Sex>,
    age_unknown_rows: u64,
}

/// Resolve one profile ethnicity target ("Asian", "Asian: Indian", "Other: Latin American")
/// to an ethnicity, interning a new detail label when the group is known but the detail is
/// not one of the built-in ones.
fn profile_ethnicity(target: &str, details: &mut Vec<String>) -> Option<Ethnicity> {
    if let Some(e) = Ethnicity::parse(target) {
        if e.detail != 0 || !target.contains(':') {
            return Some(e);
        }
        let (_, detail) = target.split_once(':')?;
        let label = format!("{}: {}", e.group.label(), detail.trim());
        let i = match details.iter().position(|d| *d == label) {
            Some(i) => i,
            None => {
                details.push(label);
                details.len() - 1
            }
        };
        return Some(Ethnicity {
            group: e.group,
            detail: i as u16,
        });
    }
    None
}

impl Rows {
    pub(crate) fn new(map: Mapping, profile: &MappingProfile) -> Rows {
        let width = map.headers.len();
        let mut date_index = [None; 15];
        let mut dates = Vec::new();
        for f in columns::FIELDS {
            if !f.is_date() {
                continue;
            }
            if let Some(col) = map.col(f) {
                let header = columns::normalise(&map.headers[col]);
                let month_first = profile.month_first.iter().any(|m| {
                    let m = columns::normalise(m);
                    m == header || m == columns::normalise(f.name())
                });
                date_index[f as usize] = Some(dates.len());
                dates.push(DateColumn {
                    col,
                    month_first,
                    month_first_only: 0,
                    example: None,
                    all_month_first_ok: true,
                    numeric_dm: 0,
                });
            }
        }
        let mut extract = Extract {
            services: vec![String::new()],
            ethnic_details: std::iter::once(String::new())
                .chain(ethnicity::DETAILS.iter().map(|d| d.0.to_string()))
                .collect(),
            ..Extract::default()
        };
        let mut profile_ethnicities = HashMap::new();
        for (from, to) in &profile.ethnicities {
            if let Some(e) = profile_ethnicity(to, &mut extract.ethnic_details) {
                profile_ethnicities.insert(crate::codes::normalise(from), e);
            }
        }
        let profile_outcomes = profile
            .outcomes
            .iter()
            .filter_map(|(from, to)| Outcome::parse(to).map(|o| (crate::codes::normalise(from), o)))
            .collect();
        let profile_sexes = profile
            .sexes
            .iter()
            .filter_map(|(from, to)| Sex::parse(to).map(|s| (crate::codes::normalise(from), s)))
            .collect();
        let postcode_full = vec![false; map.postcodes.len()];
        Rows {
            map,
            width,
            dates,
            date_index,
            outcomes: CodeCache::new(),
            ethnicities: CodeCache::new(),
            sexes: CodeCache::new(),
            looked_after: CodeCache::new(),
            children: Table128::new(),
            child_ids: Vec::new(),
            category_raw: ByteMap::new(),
            category_label: HashMap::new(),
            service_raw: ByteMap::new(),
            seen: Table128::new(),
            postcode_full,
            extract,
            rejected: Tally::default(),
            warnings: Tally::default(),
            profile_ethnicities,
            profile_outcomes,
            profile_sexes,
            age_unknown_rows: 0,
        }
    }

    /// Reserve room for about `rows` more rows (from the file's size), so the tables do not
    /// grow and rehash while reading.
    fn reserve(&mut self, rows: usize) {
        self.extract.rows.reserve(rows);
        self.seen.reserve(rows);
        self.children.reserve(rows / 4);
        self.child_ids.reserve(rows / 4);
    }

    /// Reject a row: counted under (reason, field), with `value` as the example (empty for
    /// missing values), and listed for the download (without the value).
    fn reject(&mut self, reason: &'static str, field: Option<Field>, line: u32, value: &[u8]) {
        let name = match field {
            Some(f) => {
                self.rejected.add_value(reason, f, line, value);
                f.name()
            }
            None => {
                self.rejected.add(reason, NO_FIELD, line);
                NO_FIELD
            }
        };
        let q = &mut self.extract.quality;
        q.rows_rejected += 1;
        if q.rejected_lines.len() < MAX_REJECTED_LINES {
            q.rejected_lines.push(RejectedLine {
                line,
                reason: reason.to_string(),
                field: name.to_string(),
            });
        } else {
            q.rejected_lines_truncated = true;
        }
    }

    /// Parse a date field, gathering month-first evidence.
    #[inline]
    fn date(&mut self, f: Field, rec: &[u8], spans: &[(u32, u32)]) -> DateValue {
        let Some(di) = self.date_index[f as usize] else {
            return DateValue::Missing;
        };
        let dc = &mut self.dates[di];
        let (a, b) = spans[dc.col];
        let v = &rec[a as usize..b as usize];
        if v.is_empty() {
            return DateValue::Missing;
        }
        let p = dates::parse(v, dc.month_first);
        dc.numeric_dm += u64::from(p.numeric_dm);
        if !p.month_first_ok {
            dc.all_month_first_ok = false;
        } else if !p.day_first_ok {
            dc.month_first_only += 1;
            if dc.example.is_none() {
                dc.example = Some(String::from_utf8_lossy(v).into_owned());
            }
        }
        match p.date {
            Some(d) => DateValue::Ok(d),
            None => DateValue::Invalid,
        }
    }

    /// An optional date of a kept row: an invalid value (`raw`) is blanked with a warning.
    fn optional(&mut self, f: Field, v: DateValue, line: u32, raw: &[u8]) -> Option<NaiveDate> {
        match v {
            DateValue::Ok(d) => Some(d),
            DateValue::Missing => None,
            DateValue::Invalid => {
                self.warnings.add_value(INVALID_OPTIONAL_DATE, f, line, raw);
                None
            }
        }
    }

    /// One data record: `rec` holds the unescaped fields, `spans` their trimmed extents.
    pub(crate) fn record(&mut self, rec: &[u8], spans: &[(u32, u32)], line: u32) {
        let n = spans.len();
        let m = spans.iter().rposition(|(a, b)| a < b).map_or(0, |i| i + 1);
        if m == 0 {
            return; // a blank line
        }
        self.extract.quality.rows_read += 1;
        if n < self.width || m > self.width {
            self.reject(WRONG_FIELD_COUNT, None, line, &[]);
            return;
        }
        let spans = &spans[..self.width];
        let cols = self.map.cols;
        let field = |f: Field| -> &[u8] {
            match cols[f as usize] {
                Some(c) => &rec[spans[c].0 as usize..spans[c].1 as usize],
                None => &[],
            }
        };
        // Postcode columns: any full postcode makes the column a dropped identifier.
        for (k, &c) in self.map.postcodes.iter().enumerate() {
            if !self.postcode_full[k]
                && columns::is_full_postcode(&rec[spans[c].0 as usize..spans[c].1 as usize])
            {
                self.postcode_full[k] = true;
            }
        }
        let child_raw = field(Field::ChildId);
        // The child id's key and the whole record's hash (every column of the file, for exact
        // duplicates).
        let child_key = key(child_raw);
        let mut h = RecordHash::new();
        for &(a, b) in spans {
            h.field(&rec[a as usize..b as usize]);
        }
        let record_key = h.finish();
        // Both tables are large and probed at random: start the two cache misses now, so they
        // overlap the dates and codes below.
        self.seen.prefetch(record_key);
        self.children.prefetch(child_key);
        let outcome_raw = field(Field::Outcome);
        let gravity_raw = field(Field::Gravity);
        // Every date is parsed before any verdict, so the month-first evidence covers every
        // value of the column.
        let offence = self.date(Field::OffenceDate, rec, spans);
        let outcome_date = self.date(Field::OutcomeDate, rec, spans);
        let dob = self.date(Field::DateOfBirth, rec, spans);
        let release = self.date(Field::ReleaseDate, rec, spans);
        let end = self.date(Field::EndDate, rec, spans);
        // The first required field at fault names the reason's column (in the spec's order).
        let (offence, outcome_date) = match (offence, outcome_date) {
            (DateValue::Ok(a), DateValue::Ok(b))
                if !child_raw.is_empty() && !outcome_raw.is_empty() =>
            {
                (a, b)
            }
            (offence, outcome_date) => {
                let missing = if child_raw.is_empty() {
                    Some(Field::ChildId)
                } else if matches!(offence, DateValue::Missing) {
                    Some(Field::OffenceDate)
                } else if matches!(outcome_date, DateValue::Missing) {
                    Some(Field::OutcomeDate)
                } else if outcome_raw.is_empty() {
                    Some(Field::Outcome)
                } else {
                    None
                };
                match missing {
                    Some(f) => self.reject(MISSING_REQUIRED, Some(f), line, &[]),
                    None => {
                        let f = if matches!(offence, DateValue::Invalid) {
                            Field::OffenceDate
                        } else {
                            Field::OutcomeDate
                        };
                        self.reject(INVALID_DATE, Some(f), line, field(f));
                    }
                }
                return;
            }
        };
        if outcome_date < offence {
            self.reject(OUTCOME_BEFORE_OFFENCE, Some(Field::OutcomeDate), line, &[]);
            return;
        }
        // The whole record (every column of the file) identifies exact duplicates.
        if !self.seen.entry(record_key, || ()).1 {
            self.extract.quality.duplicates += 1;
            return;
        }
        // From here the row is kept. An invalid optional field is blanked with a warning.
        let gravity = if gravity_raw.is_empty() {
            None
        } else {
            match parse_small_int(gravity_raw) {
                Some(g @ 1..=8) => Some(g as u8),
                _ => {
                    self.warnings
                        .add_value(INVALID_GRAVITY, Field::Gravity, line, gravity_raw);
                    None
                }
            }
        };
        let dob = self.optional(Field::DateOfBirth, dob, line, field(Field::DateOfBirth));
        let release_date =
            self.optional(Field::ReleaseDate, release, line, field(Field::ReleaseDate));
        let end_date = self.optional(Field::EndDate, end, line, field(Field::EndDate));

        let profile_outcomes = &self.profile_outcomes;
        let oi = self.outcomes.get(outcome_raw, |t| {
            match profile_outcomes
                .get(&crate::codes::normalise(t))
                .copied()
                .or_else(|| Outcome::parse(t))
            {
                Some(o) => (o, true),
                None => (Outcome::Unknown, false),
            }
        });
        let oc = &mut self.outcomes.entries[oi as usize];
        let outcome = oc.value;
        if !oc.known {
            oc.rows += 1;
            self.warnings
                .add_value(UNKNOWN_OUTCOME, Field::Outcome, line, outcome_raw);
        }
        match outcome.tier() {
            Tier::NotAnOutcome => self.warnings.add_value(
                match outcome {
                    Outcome::NoFurtherAction => "not an outcome: No Further Action",
                    Outcome::Turnaround => "not an outcome: Turnaround",
                    _ => "not an outcome: Parenting Order",
                },
                Field::Outcome,
                line,
                outcome_raw,
            ),
            Tier::Custody if release_date.is_none() => {
                self.warnings
                    .add(CUSTODY_NO_RELEASE, Field::ReleaseDate.name(), line);
            }
            _ => {}
        }

        let ethnicity = match self.map.col(Field::Ethnicity) {
            None => Ethnicity::UNKNOWN,
            Some(_) => {
                let raw = field(Field::Ethnicity);
                let pe = &self.profile_ethnicities;
                let i = self.ethnicities.get(raw, |t| {
                    match pe
                        .get(&crate::codes::normalise(t))
                        .copied()
                        .or_else(|| Ethnicity::parse(t))
                    {
                        Some(e) => (e, true),
                        None => (Ethnicity::UNKNOWN, false),
                    }
                });
                let e = &mut self.ethnicities.entries[i as usize];
                if !e.known {
                    e.rows += 1;
                    self.warnings
                        .add_value(UNKNOWN_ETHNICITY, Field::Ethnicity, line, raw);
                }
                e.value
            }
        };
        let sex = match self.map.col(Field::Sex) {
            None => Sex::Unknown,
            Some(_) => {
                let raw = field(Field::Sex);
                let ps = &self.profile_sexes;
                let i = self.sexes.get(raw, |t| {
                    match ps
                        .get(&crate::codes::normalise(t))
                        .copied()
                        .or_else(|| Sex::parse(t))
                    {
                        Some(s) => (s, true),
                        None => (Sex::Unknown, false),
                    }
                });
                let e = &mut self.sexes.entries[i as usize];
                if !e.known {
                    e.rows += 1;
                    self.warnings.add_value(UNKNOWN_SEX, Field::Sex, line, raw);
                }
                e.value
            }
        };
        let looked_after = match self.map.col(Field::LookedAfter) {
            None => None,
            Some(_) => {
                let raw = field(Field::LookedAfter);
                let i = self
                    .looked_after
                    .get(raw, |t| match looked_after::parse(t) {
                        Some(v) => (v, true),
                        None => (None, false),
                    });
                let e = &mut self.looked_after.entries[i as usize];
                if !e.known {
                    e.rows += 1;
                    self.warnings
                        .add_value(INVALID_LOOKED_AFTER, Field::LookedAfter, line, raw);
                }
                e.value
            }
        };

        let birth = if let Some(d) = dob {
            Birth::Date(d)
        } else {
            let month_raw = field(Field::BirthMonth);
            let month = if month_raw.is_empty() {
                None
            } else {
                let m = parse_birth_month(month_raw);
                if m.is_none() {
                    self.warnings.add_value(
                        INVALID_BIRTH_MONTH,
                        Field::BirthMonth,
                        line,
                        month_raw,
                    );
                }
                m
            };
            match month {
                Some(m) => Birth::Month(m),
                None => {
                    let age_raw = field(Field::Age);
                    match parse_small_int(age_raw) {
                        Some(a) if a <= 120 => Birth::AgeAtOutcome(a as u8),
                        _ => {
                            if !age_raw.is_empty() {
                                self.warnings
                                    .add_value(INVALID_AGE, Field::Age, line, age_raw);
                            }
                            Birth::Unknown
                        }
                    }
                }
            }
        };
        match birth.age_at(outcome_date, outcome_date) {
            Some(a) if !(10..=17).contains(&a) => {
                self.warnings.add(AGE_OUTSIDE, NO_FIELD, line);
            }
            Some(_) => {}
            None => self.age_unknown_rows += 1,
        }

        // Interning (only for kept rows, so no table holds a value no row uses).
        let n_children = self.child_ids.len() as u32;
        let (attrs, new) = self.children.entry(child_key, || ChildAttrs {
            index: n_children,
            ..ChildAttrs::default()
        });
        if new {
            self.child_ids
                .push(String::from_utf8_lossy(child_raw).into_owned());
        }
        let child = attrs.index;
        note_child(attrs, sex, ethnicity.group, birth);
        let category = self.category(field(Field::OffenceCategory));
        let service = match self.map.col(Field::Service) {
            None => 0,
            Some(_) => self.service(field(Field::Service)),
        };
        let q = &mut self.extract.quality;
        q.first_outcome_date = Some(
            q.first_outcome_date
                .map_or(outcome_date, |d| d.min(outcome_date)),
        );
        q.last_outcome_date = Some(
            q.last_outcome_date
                .map_or(outcome_date, |d| d.max(outcome_date)),
        );
        q.first_offence_date = Some(q.first_offence_date.map_or(offence, |d| d.min(offence)));
        q.last_offence_date = Some(q.last_offence_date.map_or(offence, |d| d.max(offence)));
        q.rows_used += 1;
        self.extract.rows.push(CaseRow {
            line,
            child,
            offence_date: offence,
            outcome_date,
            outcome,
            birth,
            sex,
            ethnicity,
            category,
            gravity,
            release_date,
            end_date,
            looked_after,
            service,
        });
    }

    fn category(&mut self, raw: &[u8]) -> u16 {
        if let Some(c) = self.category_raw.get(raw) {
            return c;
        }
        let text = String::from_utf8_lossy(raw);
        let mut cat = OffenceCategory::classify(&text);
        let cats = &mut self.extract.categories;
        let c = match self.category_label.get(&cat.label) {
            Some(&c) => c,
            None if cats.len() >= usize::from(u16::MAX) - 1 => {
                // Beyond 65,534 distinct free-text categories: fold the rest into "Other".
                cat = OffenceCategory::classify("Other");
                match self.category_label.get(&cat.label) {
                    Some(&c) => c,
                    None => {
                        cats.push(cat.clone());
                        let c = (cats.len() - 1) as u16;
                        self.category_label.insert(cat.label, c);
                        c
                    }
                }
            }
            None => {
                cats.push(cat.clone());
                let c = (cats.len() - 1) as u16;
                self.category_label.insert(cat.label, c);
                c
            }
        };
        self.category_raw.insert(raw, c);
        c
    }

    fn service(&mut self, raw: &[u8]) -> u16 {
        if raw.is_empty() {
            return 0;
        }
        if let Some(s) = self.service_raw.get(raw) {
            return s;
        }
        let services = &mut self.extract.services;
        if services.len() >= usize::from(u16::MAX) {
            return 0;
        }
        services.push(String::from_utf8_lossy(raw).into_owned());
        let s = (services.len() - 1) as u16;
        self.service_raw.insert(raw, s);
        s
    }

    /// End of the file: month-first verdicts, then the finished extract.
    pub(crate) fn finish(mut self) -> Result<Extract, Refusal> {
        // The column shown is the first that looks month-first (a date of birth only when no
        // other does: its values are never shown if that can be helped); `columns` lists every
        // date column with the same pattern, so one confirmation covers them all.
        let held = self
            .dates
            .iter()
            .filter(|dc| dc.looks_month_first())
            .min_by_key(|dc| self.map.cols[Field::DateOfBirth as usize] == Some(dc.col));
        if let Some(dc) = held {
            let column = self.map.headers[dc.col].clone();
            let example = dc.example.clone().unwrap_or_default();
            let columns: Vec<String> = self
                .dates
                .iter()
                .filter(|d| d.col == dc.col || d.looks_month_first() || d.may_be_month_first())
                .map(|d| self.map.headers[d.col].clone())
                .collect();
            let others: Vec<&str> = columns
                .iter()
                .filter(|c| **c != column)
                .map(String::as_str)
                .collect();
            let message = if others.is_empty() {
                format!(
                    "dates in column {column} look month-first (e.g. {example}): confirm the order"
                )
            } else {
                format!(
                    "dates in column {column} look month-first (e.g. {example}), and those in {} may be too: confirm the order",
                    and_list(&others)
                )
            };
            return Err(Refusal {
                message,
                kind: RefusalKind::MonthFirst {
                    column,
                    example,
                    columns,
                },
            });
        }
        if self.extract.quality.rows_read == 0 {
            return Err(Refusal {
                kind: RefusalKind::Empty,
                message: "The file has a header row but no data rows.".into(),
            });
        }
        self.extract.child_ids = std::mem::take(&mut self.child_ids);
        if self.extract.categories.is_empty() {
            self.extract.categories.push(OffenceCategory::classify(""));
        }
        let q = &mut self.extract.quality;
        q.rejected = std::mem::take(&mut self.rejected.reasons);
        q.warnings = std::mem::take(&mut self.warnings.reasons);
        q.age_unknown_rows = self.age_unknown_rows;
        let mut unknown = Vec::new();
        self.outcomes.unknown_codes("outcome", &mut unknown);
        self.ethnicities.unknown_codes("ethnicity", &mut unknown);
        self.sexes.unknown_codes("sex", &mut unknown);
        self.looked_after
            .unknown_codes("looked_after", &mut unknown);
        unknown.sort_by(|a, b| {
            a.field
                .cmp(&b.field)
                .then(b.rows.cmp(&a.rows))
                .then(a.value.cmp(&b.value))
        });
        q.unknown_codes = unknown;
        let h = &self.map.headers;
        let mut dropped: Vec<usize> = self.map.identifiers.clone();
        for (k, &c) in self.map.postcodes.iter().enumerate() {
            if self.postcode_full[k] {
                dropped.push(c);
            } else {
                q.ignored_columns.push(h[c].clone());
            }
        }
        dropped.sort_unstable();
        q.dropped_columns = dropped.iter().map(|&c| h[c].clone()).collect();
        q.ignored_columns
            .extend(self.map.ignored.iter().map(|&c| h[c].clone()));
        q.columns = columns::FIELDS
            .iter()
            .filter_map(|&f| {
                self.map
                    .col(f)
                    .map(|c| (f.name().to_string(), h[c].clone()))
            })
            .collect();
        for (bit, attribute) in [
            (CONFLICT_ETHNICITY, "ethnicity"),
            (CONFLICT_SEX, "sex"),
            (CONFLICT_BIRTH, "date of birth"),
        ] {
            let children = self
                .children
                .values()
                .filter(|a| a.conflicts & bit != 0)
                .count() as u64;
            if children > 0 {
                q.conflicting.push(Conflict {
                    attribute: attribute.into(),
                    children,
                });
            }
        }
        q.children = self.extract.child_ids.len() as u64;
        Ok(self.extract)
    }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

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
    use chrono::Datelike;
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

/// A whole number of at most 4 digits (an optional `.0…` fraction allowed: spreadsheets write
/// `5.0`).
fn parse_small_int(v: &[u8]) -> Option<u32> {
    let (int, frac) = match v.iter().position(|&b| b == b'.') {
        Some(p) => (&v[..p], &v[p + 1..]),
        None => (v, &[][..]),
    };
    if int.is_empty() || int.len() > 4 || !frac.iter().all(|&b| b == b'0') {
        return None;
    }
    int.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

/// `birth_month`: `YYYY-MM` (also `YYYY/MM`, `MM/YYYY`, `Mon YYYY`, or a full date whose
/// month is taken). Day set to the 1st.
fn parse_birth_month(v: &[u8]) -> Option<NaiveDate> {
    use chrono::Datelike;
    let s = std::str::from_utf8(v).ok()?.trim();
    let b = s.as_bytes();
    let num = |x: &str| -> Option<u32> {
        (!x.is_empty() && x.len() <= 4 && x.bytes().all(|c| c.is_ascii_digit()))
            .then(|| x.parse().ok())
            .flatten()
    };
    let first = |y: u32, m: u32| NaiveDate::from_ymd_opt(y as i32, m, 1);
    for sep in ['-', '/', '.', ' '] {
        let parts: Vec<&str> = s.split(sep).collect();
        if parts.len() == 2 {
            let (p, q) = (parts[0].trim(), parts[1].trim());
            if p.len() == 4 {
                if let (Some(y), Some(m)) = (num(p), num(q)) {
                    return first(y, m);
                }
            }
            if q.len() == 4 {
                if let (Some(m), Some(y)) = (num(p), num(q)) {
                    return first(y, m);
                }
                if let Some(y) = num(q) {
                    let d = dates::parse(format!("1 {p} {y}").as_bytes(), false).date?;
                    return first(y, d.month());
                }
            }
        }
    }
    let d = dates::parse(b, false).date?;
    first(d.year() as u32, d.month())
}

/// Text before the header, then `csv-core` records.
pub(crate) struct TextStage {
    profile: MappingProfile,
    forced_delimiter: Option<u8>,
    pre: Vec<u8>,
    scan: usize,
    lines: usize,
    first_nonblank: Option<(usize, usize)>,
    body: Option<Box<Body>>,
    pub(crate) delimiter: Option<u8>,
    any_text: bool,
    size_hint: Option<u64>,
    /// Title lines skipped above the header (their text is not kept)…
    title_lines: u32,
    /// …and the first date one of them gave ("produced 30/09/2025").
    title_date: Option<NaiveDate>,
}

impl TextStage {
    pub(crate) fn new(profile: MappingProfile, forced_delimiter: Option<u8>) -> Self {
        TextStage {
            profile,
            forced_delimiter,
            pre: Vec::new(),
            scan: 0,
            lines: 0,
            first_nonblank: None,
            body: None,
            delimiter: None,
            any_text: false,
            size_hint: None,
            title_lines: 0,
            title_date: None,
        }
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
                None => break,
            };
            let start = self.scan;
            let line = String::from_utf8_lossy(&self.pre[start..line_end]).into_owned();
            self.scan = next;
            if line.trim().is_empty() {
                continue;
            }
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
                self.title_date = dates::title_date(&line);
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
        // CR-only line ends when the first line end is a lone CR.
        let cr_only = pre
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .is_some_and(|j| pre[j] == b'\r' && pre.get(j + 1) != Some(&b'\n'));
        let line_char = if cr_only { b'\r' } else { b'\n' };
        let prefix_breaks = count(&pre[..start], line_char);
        self.delimiter = Some(delimiter);
        let mut body = Box::new(Body::new(
            delimiter,
            line_char,
            prefix_breaks,
            self.profile.clone(),
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
        let Some(mut body) = self.body else {
            return Err(decode::empty_refusal());
        };
        body.feed(&[], true).map_err(|e| match e {
            ReadError::Refused(r) => r,
            ReadError::RestartAsWindows1252 => unreachable!("text stage never restarts"),
        })?;
        let delimiter = self.delimiter.unwrap_or(b',');
        let header_line = body.header_line;
        let Some(rows) = body.rows else {
            return Err(decode::empty_refusal());
        };
        let mut extract = rows.finish()?;
        extract.quality.delimiter = match delimiter {
            b'\t' => "tab".into(),
            d => (d as char).to_string(),
        };
        extract.quality.header_line = header_line;
        extract.quality.title_lines = self.title_lines;
        extract.quality.title_date = self.title_date;
        Ok(extract)
    }
}

/// How many bytes of `bytes` equal `c` (8 bytes at a time).
#[inline]
fn count(bytes: &[u8], c: u8) -> u64 {
    const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let pattern = u64::from(c) * 0x0101_0101_0101_0101;
    let mut chunks = bytes.chunks_exact(8);
    let mut n = 0u64;
    for w in &mut chunks {
        let x = u64::from_le_bytes(w.try_into().unwrap()) ^ pattern;
        // High bit set in every byte of x that is not zero (exact, no borrow between bytes).
        let nonzero = ((x & LO7) + LO7) | x;
        n += u64::from((!nonzero & !LO7).count_ones());
    }
    n + chunks.remainder().iter().filter(|&&b| b == c).count() as u64
}

/// The records after the title lines: the header, then data.
///
/// Records are split by hand on the fast path: a record with no `"` in it is the bytes up to
/// the next CR or LF, its fields the bytes between delimiters — exactly what `csv-core` makes
/// of it, with no copy (the record is handed on as a slice of the input). A record with a
/// quote anywhere in it is read by `csv-core` (RFC 4180 quoting, doubled quotes, quoted line
/// breaks). The two agree on everything else: runs of CR/LF between records are skipped (no
/// empty records), CRLF, LF and CR all end a record, and a quote inside an unquoted field is
/// literal.
struct Body {
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
    header_line: u32,
    rows: Option<Rows>,
    size_hint: Option<u64>,
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

const ONES: u64 = 0x0101_0101_0101_0101;
const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// High bit set in each byte of `w` equal to the byte repeated in `pattern` (exact).
#[inline(always)]
fn bytes_equal(w: u64, pattern: u64) -> u64 {
    let x = w ^ pattern;
    !(((x & LO7) + LO7) | x | LO7)
}

/// The first byte at or after `i` equal to `a`, `"`, CR or LF (eight bytes at a time).
#[inline(always)]
fn next_special(data: &[u8], mut i: usize, a: u8) -> Option<usize> {
    let pa = u64::from(a) * ONES;
    let (pq, pcr, plf) = (
        u64::from(b'"') * ONES,
        u64::from(b'\r') * ONES,
        u64::from(b'\n') * ONES,
    );
    while i + 8 <= data.len() {
        let w = u64::from_le_bytes(data[i..i + 8].try_into().unwrap());
        let m = bytes_equal(w, pa) | bytes_equal(w, pq) | bytes_equal(w, pcr) | bytes_equal(w, plf);
        if m != 0 {
            return Some(i + (m.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    data[i..]
        .iter()
        .position(|&b| b == a || b == b'"' || b == b'\r' || b == b'\n')
        .map(|j| i + j)
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
    fn new(delimiter: u8, line_char: u8, prefix_breaks: u64, profile: MappingProfile) -> Body {
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

    fn feed(&mut self, mut input: &[u8], eof: bool) -> Result<(), ReadError> {
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
