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

/// A date in figures as people in the UK write it, "30/09/2025": chrono's `%d/%m/%Y` (a year
/// outside 0–9999 signed and of at least four digits, as chrono writes it) without its
/// format-string machinery, which no longer ships in the browser's module (issue 15).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayMonthYear(pub NaiveDate);

impl std::fmt::Display for DayMonthYear {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (day, month, year) = (self.0.day(), self.0.month(), self.0.year());
        if (0..=9999).contains(&year) {
            write!(f, "{day:02}/{month:02}/{year:04}")
        } else {
            write!(f, "{day:02}/{month:02}/{year:+05}")
        }
    }
}

/// A date written "2025-09-30" (the aggregate file's), read as chrono's
/// `parse_from_str(s, "%Y-%m-%d")` reads it, through `NaiveDate`'s own ISO reader (which the
/// report's serde needs anyway) rather than the format-string parser (issue 15: the browser
/// module's size). That reader also skips spaces before each `-`; the format did not, so such a
/// date is refused here as it was.
pub fn parse_iso(s: &str) -> Option<NaiveDate> {
    if s.split('-').any(|part| part.ends_with(char::is_whitespace)) {
        return None;
    }
    s.parse().ok()
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
        // DayMonthYear writes what chrono's "%d/%m/%Y" wrote, at the years' edges too.
        for date in [
            d(2024, 9, 3),
            d(1990, 12, 31),
            d(999, 1, 1),
            d(0, 2, 29),
            d(10_000, 1, 1),
            d(-1, 6, 30),
        ] {
            assert_eq!(
                DayMonthYear(date).to_string(),
                date.format("%d/%m/%Y").to_string()
            );
            // And NaiveDate's Display (the aggregate file's dates) is "%Y-%m-%d".
            assert_eq!(date.to_string(), date.format("%Y-%m-%d").to_string());
        }
        assert_eq!(DayMonthYear(d(2024, 9, 3)).to_string(), "03/09/2024");
        // parse_iso reads what chrono's "%Y-%m-%d" read, and refuses what it refused.
        for s in [
            "2024-09-03",
            "2024-9-3",
            "1990-12-31",
            "0999-01-01",
            "999-01-01",
            "+2024-01-02",
            "-0001-06-30",
            "2024-02-30",
            "2023-02-29",
            "2024- 01-02",
            "2024-01- 02",
            " 2024-01-02",
            "2024 -01-02",
            "2024-01 -02",
            "2024\t-01-02",
            "2024-01-02 ",
            "2024-01-02x",
            "20240102",
            "2024/01/02",
            "02/01/2024",
            "2024-01",
            "",
            "-",
            "2024--01-02",
            "12024-01-02",
            "2024-001-02",
        ] {
            let by_format = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
            assert_eq!(parse_iso(s), by_format, "{s:?}");
        }
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
