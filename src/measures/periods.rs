//! Periods (`measures.md`, "Periods"): calendar quarters, financial years and rolling
//! 12-month windows, from the quarter containing the earliest outcome date to the one
//! containing the extract date.
//!
//! Bounded whatever the dates: the first quarter is never before the earliest plausible date
//! ([`crate::extract::EARLIEST_PLAUSIBLE`]), and at most [`MAX_QUARTERS`] quarters are made
//! (the latest ones), so a stray date (year 0001 or 9999) given by a caller cannot make
//! millions of periods (the reader already rejects rows with such dates).

use chrono::{Datelike, NaiveDate};

use super::dates::{month_name, quarter_end, quarter_index, quarter_start};
use crate::report::{PeriodType, Status};

/// At most this many quarters (60 years) are made, the latest ones: more than the plausible
/// range of dates (1990 to today) for decades.
pub const MAX_QUARTERS: i32 = 240;

/// One period a figure can be computed for.
#[derive(Clone, Debug, PartialEq)]
pub struct Period {
    pub period_type: PeriodType,
    pub start: NaiveDate,
    /// Inclusive.
    pub end: NaiveDate,
    pub label: String,
    /// `final` or `partial` (contains the extract date and does not end on it).
    pub status: Status,
    /// First and last quarter index (see [`quarter_index`]) the period covers.
    pub first_quarter: i32,
    pub last_quarter: i32,
}

impl Period {
    /// Quarters of the period that lie within the extract (a partial financial year has
    /// fewer than four).
    pub fn quarters_in_extract(&self, last_quarter: i32) -> i32 {
        self.last_quarter.min(last_quarter) - self.first_quarter + 1
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }
}

/// The periods of one extract and, for each quarter, the periods containing it.
#[derive(Clone, Debug, Default)]
pub struct Periods {
    pub list: Vec<Period>,
    /// First and last quarter of the extract.
    pub q0: i32,
    pub q_last: i32,
    /// For each quarter `q0 + i`, the indices into `list` of the periods containing it.
    by_quarter: Vec<Vec<usize>>,
    pub extract_date: NaiveDate,
}

/// "Jan–Mar 2023".
pub fn quarter_label(q: i32) -> String {
    format!(
        "{}–{} {}",
        month_name(quarter_start(q)),
        month_name(quarter_end(q)),
        quarter_start(q).year()
    )
}

/// "2023/24" for the financial year starting in April 2023.
pub fn financial_year_label(start_year: i32) -> String {
    format!("{}/{:02}", start_year, (start_year + 1).rem_euclid(100))
}

/// "Apr 2022 – Mar 2023".
pub fn rolling_label(start: NaiveDate, end: NaiveDate) -> String {
    format!(
        "{} {} – {} {}",
        month_name(start),
        start.year(),
        month_name(end),
        end.year()
    )
}

impl Periods {
    /// Periods from the quarter containing `first` to the one containing `extract_date`.
    pub fn new(first: Option<NaiveDate>, extract_date: NaiveDate) -> Periods {
        let Some(first) = first.filter(|f| *f <= extract_date) else {
            return Periods {
                extract_date,
                ..Periods::default()
            };
        };
        let q_last = quarter_index(extract_date);
        let q0 = quarter_index(first.max(crate::extract::EARLIEST_PLAUSIBLE))
            .max(q_last - (MAX_QUARTERS - 1))
            .min(q_last);
        let status = |end: NaiveDate| {
            if extract_date < end {
                Status::Partial
            } else {
                Status::Final
            }
        };
        let mut list = Vec::new();
        for q in q0..=q_last {
            list.push(Period {
                period_type: PeriodType::Quarter,
                start: quarter_start(q),
                end: quarter_end(q),
                label: quarter_label(q),
                status: status(quarter_end(q)),
                first_quarter: q,
                last_quarter: q,
            });
        }
        // Financial years (April–March) starting on or after the first quarter's start: a
        // financial year the extract only partly covers at its beginning is not produced.
        for q in q0..=q_last {
            if q.rem_euclid(4) == 1 {
                let start = quarter_start(q);
                let end = quarter_end(q + 3);
                list.push(Period {
                    period_type: PeriodType::FinancialYear,
                    start,
                    end,
                    label: financial_year_label(start.year()),
                    status: status(end),
                    first_quarter: q,
                    last_quarter: q + 3,
                });
            }
        }
        // Rolling 12 months ending with each quarter, only when wholly inside the extract.
        for last in (q0 + 3)..=q_last {
            let end = quarter_end(last);
            if end > extract_date {
                continue;
            }
            let start = quarter_start(last - 3);
            list.push(Period {
                period_type: PeriodType::Rolling12m,
                start,
                end,
                label: rolling_label(start, end),
                status: Status::Final,
                first_quarter: last - 3,
                last_quarter: last,
            });
        }
        let mut by_quarter = vec![Vec::new(); (q_last - q0 + 1) as usize];
        for (i, p) in list.iter().enumerate() {
            for q in p.first_quarter..=p.last_quarter.min(q_last) {
                by_quarter[(q - q0) as usize].push(i);
            }
        }
        Periods {
            list,
            q0,
            q_last,
            by_quarter,
            extract_date,
        }
    }

    /// Indices of the periods containing `d` (none when `d` is outside the extract's range
    /// or after the extract date).
    pub fn containing(&self, d: NaiveDate) -> &[usize] {
        if self.list.is_empty() || d > self.extract_date {
            return &[];
        }
        let q = quarter_index(d);
        if q < self.q0 || q > self.q_last {
            return &[];
        }
        &self.by_quarter[(q - self.q0) as usize]
    }

    /// Index of the quarterly period containing `d` (none when outside the extract's range
    /// or after the extract date). Quarterly periods come first in `list`.
    pub fn quarter_of(&self, d: NaiveDate) -> Option<usize> {
        if d > self.extract_date || self.list.is_empty() {
            return None;
        }
        self.quarter(quarter_index(d))
    }

    /// Index of the quarterly period for quarter `q`, if within the extract.
    pub fn quarter(&self, q: i32) -> Option<usize> {
        (q >= self.q0 && q <= self.q_last).then(|| (q - self.q0) as usize)
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn labels() {
        assert_eq!(quarter_label(quarter_index(d(2023, 2, 1))), "Jan–Mar 2023");
        assert_eq!(financial_year_label(2023), "2023/24");
        assert_eq!(financial_year_label(1999), "1999/00");
        assert_eq!(
            rolling_label(d(2022, 4, 1), d(2023, 3, 31)),
            "Apr 2022 – Mar 2023"
        );
    }

    /// In Welsh the month names are Welsh ("Ebr–Meh 2024"); financial years are written the same.
    #[test]
    fn labels_in_welsh() {
        use crate::catalogue::messages::{in_language, Lang};
        in_language(Lang::Cy, || {
            assert_eq!(quarter_label(quarter_index(d(2024, 5, 1))), "Ebr–Meh 2024");
            assert_eq!(financial_year_label(2023), "2023/24");
            assert_eq!(
                rolling_label(d(2022, 4, 1), d(2023, 3, 31)),
                "Ebr 2022 – Maw 2023"
            );
            assert_eq!(super::super::dates::uk_date(d(2025, 9, 30)), "30 Medi 2025");
        });
        // The language is restored after.
        assert_eq!(quarter_label(quarter_index(d(2024, 5, 1))), "Apr–Jun 2024");
    }

    #[test]
    fn periods_from_first_quarter_to_extract_date() {
        let p = Periods::new(Some(d(2022, 2, 10)), d(2023, 5, 15));
        let quarters: Vec<_> = p
            .list
            .iter()
            .filter(|p| p.period_type == PeriodType::Quarter)
            .collect();
        assert_eq!(quarters.len(), 6); // Jan–Mar 2022 … Apr–Jun 2023
        assert_eq!(quarters[5].status, Status::Partial);
        assert_eq!(quarters[4].status, Status::Final);
        let fys: Vec<_> = p
            .list
            .iter()
            .filter(|p| p.period_type == PeriodType::FinancialYear)
            .map(|p| (p.label.clone(), p.status))
            .collect();
        assert_eq!(
            fys,
            vec![
                ("2022/23".to_string(), Status::Final),
                ("2023/24".to_string(), Status::Partial)
            ]
        );
        let rolling: Vec<_> = p
            .list
            .iter()
            .filter(|p| p.period_type == PeriodType::Rolling12m)
            .map(|p| p.label.clone())
            .collect();
        assert_eq!(rolling, vec!["Jan 2022 – Dec 2022", "Apr 2022 – Mar 2023"]);
        assert_eq!(p.containing(d(2023, 2, 1)).len(), 3); // quarter, FY 2022/23, Apr 2022 – Mar 2023
        assert!(p.containing(d(2023, 5, 16)).is_empty());
    }
}
