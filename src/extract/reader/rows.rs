//! Row typing: one data record's fields → a typed [`CaseRow`], or a rejection with its
//! reason. Required fields and dates decide whether a row is kept; an exact duplicate is
//! dropped; invalid optional fields are blanked with a warning; codes, children, categories
//! and services are looked up and interned. What a file (or one range of it) gives is a
//! [`RowsPart`]: the kept rows, their interning tables, the rejections counted and the kept
//! rows' warnings logged, which the [merge](super::merge) turns into the extract.

use chrono::NaiveDate;

use super::super::columns::{self, Field, Mapping};
use super::super::dates;
use super::super::hash::{key, RecordHash, Table128};
use super::super::quality::Reason;
use super::super::{Birth, CaseRow, Extract, MappingProfile};
use super::codes::{profile_ethnicity, profile_map, CodeLookup};
use super::intern::Interner;
use super::month_first::{DateColumns, DateValue};
use super::tally::{
    Tally, WarningLog, AGE_OUTSIDE, BINARY_DATA, CUSTODY_NO_RELEASE, FIELD_TOO_LONG,
    IMPLAUSIBLE_DATE, INVALID_AGE, INVALID_BIRTH_MONTH, INVALID_DATE, INVALID_GRAVITY,
    INVALID_LOOKED_AFTER, INVALID_OPTIONAL_DATE, MISSING_REQUIRED, NOT_AN_OUTCOME_NFA,
    NOT_AN_OUTCOME_PARENTING, NOT_AN_OUTCOME_TURNAROUND, NO_FIELD, OUTCOME_BEFORE_OFFENCE,
    UNBALANCED_QUOTE, UNKNOWN_ETHNICITY, UNKNOWN_OUTCOME, UNKNOWN_SEX, WRONG_FIELD_COUNT,
};
use crate::codes::{ethnicity, looked_after, Ethnicity, Outcome, Sex, Tier};

/// Rows of a mapped file: everything accumulated while records stream by.
pub(super) struct Rows {
    map: Mapping,
    width: usize,
    dates: DateColumns,
    outcomes: CodeLookup<Outcome>,
    ethnicities: CodeLookup<Ethnicity>,
    sexes: CodeLookup<Sex>,
    looked_after: CodeLookup<Option<bool>>,
    interned: Interner,
    /// Hashes of the kept rows' whole records, for exact duplicates…
    seen: Table128<()>,
    /// …and, when reading one range of a split file, the same in row order (the merge looks
    /// for duplicates of earlier ranges' rows).
    hashes: Option<Vec<u128>>,
    postcode_full: Vec<bool>,
    extract: Extract,
    rejected: Tally,
    warnings: WarningLog,
    /// Offence and outcome dates after this (or before [`crate::extract::EARLIEST_PLAUSIBLE`])
    /// are implausible; `None`: no upper bound known.
    today: Option<NaiveDate>,
}

/// A field longer than this rejects its row (`field too long`): no value of a case-level
/// extract comes near it, and such a value would otherwise be kept (as a category, a service,
/// a child's id) and repeated in every figure of its group.
pub(super) const MAX_FIELD_BYTES: usize = 64 << 10;

impl Rows {
    /// `keep_hashes`: keep each kept row's record hash (a range of a split file).
    pub(super) fn new(
        map: Mapping,
        profile: &MappingProfile,
        today: Option<NaiveDate>,
        keep_hashes: bool,
    ) -> Rows {
        let width = map.headers.len();
        let dates = DateColumns::new(&map, profile);
        let mut extract = Extract {
            services: vec![String::new()],
            ethnic_details: std::iter::once(String::new())
                .chain(ethnicity::DETAILS.iter().map(|d| d.0.to_string()))
                .collect(),
            ..Extract::default()
        };
        // Extra detailed ethnicity labels defined by the profile, beyond the built-in ones,
        // are interned as the profile is read.
        let profile_ethnicities = profile_map(&profile.ethnicities, |to| {
            profile_ethnicity(to, &mut extract.ethnic_details)
        });
        let postcode_full = vec![false; map.postcodes.len()];
        Rows {
            map,
            width,
            dates,
            outcomes: CodeLookup::new(
                Field::Outcome,
                UNKNOWN_OUTCOME,
                Outcome::Unknown,
                profile_map(&profile.outcomes, Outcome::parse),
                Outcome::parse,
            ),
            ethnicities: CodeLookup::new(
                Field::Ethnicity,
                UNKNOWN_ETHNICITY,
                Ethnicity::UNKNOWN,
                profile_ethnicities,
                Ethnicity::parse,
            ),
            sexes: CodeLookup::new(
                Field::Sex,
                UNKNOWN_SEX,
                Sex::Unknown,
                profile_map(&profile.sexes, Sex::parse),
                Sex::parse,
            ),
            looked_after: CodeLookup::new(
                Field::LookedAfter,
                INVALID_LOOKED_AFTER,
                None,
                Default::default(),
                looked_after::parse,
            ),
            interned: Interner::new(),
            seen: Table128::new(),
            hashes: keep_hashes.then(Vec::new),
            postcode_full,
            extract,
            rejected: Tally::default(),
            warnings: WarningLog::default(),
            today,
        }
    }

    /// The header's column count.
    pub(super) fn width(&self) -> usize {
        self.width
    }

    /// The canonical field read from column `col`, if any.
    fn field_at(&self, col: usize) -> Option<Field> {
        columns::FIELDS
            .into_iter()
            .find(|&f| self.map.cols[f as usize] == Some(col))
    }

    /// A row whose quote at the start of column `col` never closes: read, and rejected.
    pub(super) fn unbalanced_quote(&mut self, line: u32, col: usize) {
        self.extract.quality.rows_read += 1;
        let field = self.field_at(col);
        self.reject(UNBALANCED_QUOTE, field, line, &[]);
    }

    /// Reserve room for about `rows` more rows (from the file's size), so the tables do not
    /// grow and rehash while reading.
    pub(super) fn reserve(&mut self, rows: usize, kept: usize) {
        // `kept` is more than `rows` only for a range read where it is merged, whose tables of
        // rows, children and record hashes the merge takes as the file's.
        self.extract.rows.reserve(kept.max(rows));
        self.interned.reserve(kept.max(rows));
        self.seen.reserve(kept.max(rows));
        if let Some(h) = &mut self.hashes {
            h.reserve(rows);
        }
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
        self.extract.quality.reject_line(line, reason, name);
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
    /// `nul`: the file has a NUL byte somewhere (look for one in this record).
    pub(super) fn record(&mut self, rec: &[u8], spans: &[(u32, u32)], line: u32, nul: bool) {
        let n = spans.len();
        let m = spans.iter().rposition(|(a, b)| a < b).map_or(0, |i| i + 1);
        if m == 0 {
            return; // a blank line
        }
        self.extract.quality.rows_read += 1;
        if nul {
            if let Some(p) = rec.iter().position(|&b| b == 0) {
                // Which column the NUL is in (its untrimmed extent ends at the next span).
                let col = spans.iter().position(|&(_, b)| p < b as usize);
                let field = col.and_then(|c| self.field_at(c));
                self.reject(BINARY_DATA, field, line, &[]);
                return;
            }
        }
        if n < self.width || m > self.width {
            self.reject(WRONG_FIELD_COUNT, None, line, &[]);
            return;
        }
        let spans = &spans[..self.width];
        if let Some(c) = spans
            .iter()
            .position(|&(a, b)| (b - a) as usize > MAX_FIELD_BYTES)
        {
            let field = self.field_at(c);
            let (a, b) = spans[c];
            self.reject(FIELD_TOO_LONG, field, line, &rec[a as usize..b as usize]);
            return;
        }
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
        self.interned.prefetch_child(child_key);
        let outcome_raw = field(Field::Outcome);
        let gravity_raw = field(Field::Gravity);
        // Every date is parsed before any verdict, so the month-first evidence covers every
        // value of the column.
        let offence = self.dates.parse(Field::OffenceDate, rec, spans);
        let outcome_date = self.dates.parse(Field::OutcomeDate, rec, spans);
        let dob = self.dates.parse(Field::DateOfBirth, rec, spans);
        let release = self.dates.parse(Field::ReleaseDate, rec, spans);
        let end = self.dates.parse(Field::EndDate, rec, spans);
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
        // Dates before 1990 or after today are typing errors (0023 for 2023, 2099 for 2009):
        // such a row must not stretch the periods or move the extract date.
        for (f, d) in [
            (Field::OffenceDate, offence),
            (Field::OutcomeDate, outcome_date),
        ] {
            if !crate::extract::is_plausible(d, self.today) {
                self.reject(IMPLAUSIBLE_DATE, Some(f), line, field(f));
                return;
            }
        }
        if outcome_date < offence {
            self.reject(OUTCOME_BEFORE_OFFENCE, Some(Field::OutcomeDate), line, &[]);
            return;
        }
        // The whole record (every column of the file) identifies exact duplicates.
        if !self.seen.entry(record_key, || ()).1 {
            self.extract.quality.duplicates += 1;
            return;
        }
        if let Some(h) = &mut self.hashes {
            h.push(record_key);
        }
        self.warnings.row = self.extract.rows.len() as u32;
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

        let outcome = self.outcomes.resolve(outcome_raw, line, &mut self.warnings);
        match outcome.tier() {
            Tier::NotAnOutcome => self.warnings.add_value(
                match outcome {
                    Outcome::NoFurtherAction => NOT_AN_OUTCOME_NFA,
                    Outcome::Turnaround => NOT_AN_OUTCOME_TURNAROUND,
                    _ => NOT_AN_OUTCOME_PARENTING,
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

        // An unmapped column is unknown for every row, without a warning.
        let ethnicity = match self.map.col(Field::Ethnicity) {
            None => Ethnicity::UNKNOWN,
            Some(_) => self
                .ethnicities
                .resolve(field(Field::Ethnicity), line, &mut self.warnings),
        };
        let sex = match self.map.col(Field::Sex) {
            None => Sex::Unknown,
            Some(_) => self
                .sexes
                .resolve(field(Field::Sex), line, &mut self.warnings),
        };
        let looked_after = match self.map.col(Field::LookedAfter) {
            None => None,
            Some(_) => {
                self.looked_after
                    .resolve(field(Field::LookedAfter), line, &mut self.warnings)
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
        if let Some(a) = birth.age_at(outcome_date, outcome_date) {
            if !(10..=17).contains(&a) {
                self.warnings.add(AGE_OUTSIDE, NO_FIELD, line);
            }
        }

        // Interning (only for kept rows, so no table holds a value no row uses).
        let child = self.interned.child(child_key, child_raw);
        let category = self
            .interned
            .category(field(Field::OffenceCategory), &mut self.extract.categories);
        let service = match self.map.col(Field::Service) {
            None => 0,
            Some(_) => self
                .interned
                .service(field(Field::Service), &mut self.extract.services),
        };
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

    /// The end of the file (or of the range): what was read, for the merge.
    pub(super) fn finish(mut self) -> RowsPart {
        let (child_ids, child_keys, child_index) = self.interned.take_children();
        RowsPart {
            extract: self.extract,
            child_ids,
            child_keys,
            child_index,
            hashes: self.hashes.unwrap_or_default(),
            seen: self.seen,
            rejected: self.rejected.reasons,
            warnings: self.warnings,
            evidence: Some((self.dates, self.postcode_full)),
        }
    }
}

/// What [`Rows`] read: the kept rows (their indices into this part's own tables, their line
/// numbers as the part counted them), the rejections counted, the kept rows' warnings logged,
/// and the month-first and postcode evidence.
pub(super) struct RowsPart {
    /// Rows, categories, services and detailed ethnicities; in its quality report only the
    /// rows read, rejected and dropped as duplicates, and the rejected lines.
    pub(super) extract: Extract,
    pub(super) child_ids: Vec<String>,
    pub(super) child_keys: Vec<u128>,
    /// The children's id hash → index table the part was read with (not encoded: a decoded
    /// part's is empty). The merge takes the first part's as the file's.
    pub(super) child_index: Table128<u32>,
    /// The kept rows' record hashes, in row order (empty unless asked for), and the same as
    /// a table.
    pub(super) hashes: Vec<u128>,
    pub(super) seen: Table128<()>,
    pub(super) rejected: Vec<Reason>,
    pub(super) warnings: WarningLog,
    /// The month-first evidence, and which postcode columns held a full postcode.
    pub(super) evidence: Option<(DateColumns, Vec<bool>)>,
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
pub(crate) fn parse_birth_month(v: &[u8]) -> Option<NaiveDate> {
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
