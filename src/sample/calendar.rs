//! Calendar arithmetic for the generator. Dates are day numbers (days since 1970-01-01, an
//! `i32`), so rows stay small and `Copy`, intervals are plain subtraction, and [`NONE`] marks a
//! missing date; the civil-calendar steps (year/month/day, adding months, ages) go through
//! `chrono::NaiveDate`.

use chrono::{Datelike, Months, NaiveDate};

/// `NaiveDate::num_days_from_ce` of 1970-01-01: day number 0.
const EPOCH_FROM_CE: i32 = 719_163;

fn date(day: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day + EPOCH_FROM_CE)
        .expect("a day number within chrono's range")
}

fn day_number(date: NaiveDate) -> i32 {
    date.num_days_from_ce() - EPOCH_FROM_CE
}

/// The day number of a calendar date.
pub(super) fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    day_number(NaiveDate::from_ymd_opt(y, m, d).expect("a valid calendar date"))
}

/// The calendar date (year, month, day) of a day number.
pub(super) fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let d = date(z);
    (d.year(), d.month(), d.day())
}

/// The same day `months` later, or the last day of that month (`measures.md`).
pub(super) fn add_months(day: i32, months: u32) -> i32 {
    day_number(date(day) + Months::new(months))
}

/// The same day `years` earlier, or the last day of that month (29 February → 28 February).
pub(super) fn years_before(day: i32, years: u32) -> i32 {
    day_number(date(day) - Months::new(12 * years))
}

/// Whole years from `dob` to `day`.
pub(super) fn age_at(dob: i32, day: i32) -> i32 {
    let (born, on) = (date(dob), date(day));
    on.year() - born.year() - i32::from((on.month(), on.day()) < (born.month(), born.day()))
}

/// "No date" in a row.
pub(super) const NONE: i32 = i32::MIN;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        for z in -1000..30_000 {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
    }

    #[test]
    fn month_arithmetic_clamps() {
        let d = days_from_civil(2023, 8, 31);
        assert_eq!(civil_from_days(add_months(d, 6)), (2024, 2, 29));
        let d = days_from_civil(2024, 2, 29);
        assert_eq!(civil_from_days(add_months(d, 12)), (2025, 2, 28));
    }

    #[test]
    fn years_before_clamps() {
        let d = days_from_civil(2024, 2, 29);
        assert_eq!(civil_from_days(years_before(d, 13)), (2011, 2, 28));
        assert_eq!(civil_from_days(years_before(d, 4)), (2020, 2, 29));
    }

    #[test]
    fn ages() {
        let dob = days_from_civil(2010, 5, 15);
        assert_eq!(age_at(dob, days_from_civil(2024, 5, 14)), 13);
        assert_eq!(age_at(dob, days_from_civil(2024, 5, 15)), 14);
    }
}
