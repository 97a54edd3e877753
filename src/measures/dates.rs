//! Month arithmetic and calendar quarters (`measures.md`, "Month arithmetic" and "Periods").

use chrono::{Datelike, Months, NaiveDate};

/// `d` + `n` months: the same day `n` months later, or the last day of that month when it has
/// no such day (31 Aug + 6 months = 28/29 Feb; 29 Feb + 12 months = 28 Feb).
pub fn add_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n))
        .unwrap_or(NaiveDate::MAX)
}

/// `d` − `n` months: the same day `n` months earlier, or the last day of that month when it
/// has no such day (29 Feb 2024 − 12 months = 28 Feb 2023; 31 Mar − 1 month = 28/29 Feb).
pub fn sub_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_sub_months(Months::new(n))
        .unwrap_or(NaiveDate::MIN)
}

/// "30 Sep 2024".
pub fn uk_date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), month_name(d), d.year())
}

/// A calendar quarter as one integer: `year * 4 + (quarter - 1)`.
pub fn quarter_index(d: NaiveDate) -> i32 {
    d.year() * 4 + (d.month0() / 3) as i32
}

/// First day of quarter `q`.
pub fn quarter_start(q: i32) -> NaiveDate {
    let year = q.div_euclid(4);
    let month = (q.rem_euclid(4) * 3 + 1) as u32;
    NaiveDate::from_ymd_opt(year, month, 1).expect("valid quarter")
}

/// Last day of quarter `q` (inclusive).
pub fn quarter_end(q: i32) -> NaiveDate {
    quarter_start(q + 1).pred_opt().expect("valid date")
}

const MONTHS: [&str; 12] = [
    "month.1", "month.2", "month.3", "month.4", "month.5", "month.6", "month.7", "month.8",
    "month.9", "month.10", "month.11", "month.12",
];

/// Short month name in the language of the computation ("Jan"; Welsh "Ion"), from the message
/// table: every date and period label the core writes takes its month names from here.
pub fn month_name(d: NaiveDate) -> &'static str {
    crate::catalogue::messages::msg(MONTHS[d.month0() as usize])
}

/// Whole months from `from` to `to` (0 when `to` is not later).
pub fn whole_months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    if to <= from {
        return 0;
    }
    let mut m = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if m > 0 && add_months(from, m as u32) > to {
        m -= 1;
    }
    m.max(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn month_ends_clamp() {
        assert_eq!(add_months(d(2022, 8, 31), 6), d(2023, 2, 28));
        assert_eq!(add_months(d(2023, 8, 31), 6), d(2024, 2, 29));
        assert_eq!(add_months(d(2024, 2, 29), 12), d(2025, 2, 28));
        assert_eq!(add_months(d(2023, 1, 15), 18), d(2024, 7, 15));
        // A year earlier: the same day, or the last day of the month.
        assert_eq!(sub_months(d(2024, 2, 29), 12), d(2023, 2, 28));
        assert_eq!(sub_months(d(2025, 9, 30), 12), d(2024, 9, 30));
        assert_eq!(sub_months(d(2025, 3, 31), 1), d(2025, 2, 28));
        assert_eq!(uk_date(d(2024, 9, 3)), "3 Sep 2024");
    }

    #[test]
    fn quarters() {
        let q = quarter_index(d(2023, 5, 17));
        assert_eq!(quarter_start(q), d(2023, 4, 1));
        assert_eq!(quarter_end(q), d(2023, 6, 30));
        assert_eq!(quarter_end(quarter_index(d(2023, 12, 1))), d(2023, 12, 31));
        assert_eq!(whole_months_between(d(2021, 2, 15), d(2023, 1, 1)), 22);
        assert_eq!(whole_months_between(d(2021, 1, 1), d(2023, 1, 1)), 24);
    }
}
