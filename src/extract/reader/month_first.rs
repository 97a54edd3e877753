//! Month-first evidence: every date column's values parsed (day-first unless the profile
//! says otherwise), counting the values that only make sense month-first; at the end of
//! the file, the refusal that asks the user to confirm the order when a column looks
//! month-first.

use chrono::NaiveDate;

use super::super::columns::{self, Field, Mapping};
use super::super::dates;
use super::super::{MappingProfile, Refusal, RefusalKind};

/// Month-first evidence for one date column.
pub(super) struct DateColumn {
    pub(super) col: usize,
    pub(super) month_first: bool,
    /// Values impossible day-first but valid month-first.
    pub(super) month_first_only: u64,
    pub(super) example: Option<String>,
    /// Every non-empty value so far is valid read month-first.
    pub(super) all_month_first_ok: bool,
    /// Values in a numeric day/month form (whose reading depends on the order).
    pub(super) numeric_dm: u64,
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

pub(super) enum DateValue {
    Missing,
    Invalid,
    Ok(NaiveDate),
}

/// The date columns of a mapped file and their evidence so far.
pub(super) struct DateColumns {
    pub(super) dates: Vec<DateColumn>,
    /// Field → index into `dates`.
    pub(super) index: [Option<usize>; 15],
}

impl DateColumns {
    pub(super) fn new(map: &Mapping, profile: &MappingProfile) -> Self {
        let mut index = [None; 15];
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
                index[f as usize] = Some(dates.len());
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
        DateColumns { dates, index }
    }

    /// Parse a date field, gathering month-first evidence.
    #[inline]
    pub(super) fn parse(&mut self, f: Field, rec: &[u8], spans: &[(u32, u32)]) -> DateValue {
        let Some(di) = self.index[f as usize] else {
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

    /// Add the evidence of the next range of the file (same columns, read after this one's).
    pub(super) fn absorb(&mut self, other: DateColumns) {
        for (d, o) in self.dates.iter_mut().zip(other.dates) {
            d.month_first_only += o.month_first_only;
            d.all_month_first_ok &= o.all_month_first_ok;
            d.numeric_dm += o.numeric_dm;
            if d.example.is_none() {
                d.example = o.example;
            }
        }
    }

    /// End of the file: a refusal when a column looks month-first.
    pub(super) fn verdict(&self, map: &Mapping) -> Result<(), Refusal> {
        // The column shown is the first that looks month-first (a date of birth only when no
        // other does: its values are never shown if that can be helped); `columns` lists every
        // date column with the same pattern, so one confirmation covers them all.
        let held = self
            .dates
            .iter()
            .filter(|dc| dc.looks_month_first())
            .min_by_key(|dc| map.cols[Field::DateOfBirth as usize] == Some(dc.col));
        if let Some(dc) = held {
            let column = map.headers[dc.col].clone();
            let example = dc.example.clone().unwrap_or_default();
            let columns: Vec<String> = self
                .dates
                .iter()
                .filter(|d| d.col == dc.col || d.looks_month_first() || d.may_be_month_first())
                .map(|d| map.headers[d.col].clone())
                .collect();
            let others: Vec<&str> = columns
                .iter()
                .filter(|c| **c != column)
                .map(String::as_str)
                .collect();
            use crate::catalogue::messages::{fill, msg};
            let message = if others.is_empty() {
                fill(
                    msg("error.extract.month_first"),
                    &[("column", &column), ("example", &example)],
                )
            } else {
                fill(
                    msg("error.extract.month_first.others"),
                    &[
                        ("column", &column),
                        ("example", &example),
                        ("others", &and_list(&others)),
                    ],
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
        Ok(())
    }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!(
            "{}{}{last}",
            init.join(", "),
            crate::catalogue::messages::msg("word.and")
        ),
    }
}
