//! Calendar arithmetic on day numbers (days since 1970-01-01).

pub(super) fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub(super) fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

pub(super) fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// The same day `months` later, or the last day of that month (`measures.md`).
pub(super) fn add_months(day: i32, months: u32) -> i32 {
    let (y, m, d) = civil_from_days(day);
    let total = m - 1 + months;
    let (y, m) = (y + (total / 12) as i32, total % 12 + 1);
    days_from_civil(y, m, d.min(days_in_month(y, m)))
}

/// Whole years from `dob` to `day`.
pub(super) fn age_at(dob: i32, day: i32) -> i32 {
    let (by, bm, bd) = civil_from_days(dob);
    let (y, m, d) = civil_from_days(day);
    y - by - i32::from((m, d) < (bm, bd))
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
    fn ages() {
        let dob = days_from_civil(2010, 5, 15);
        assert_eq!(age_at(dob, days_from_civil(2024, 5, 14)), 13);
        assert_eq!(age_at(dob, days_from_civil(2024, 5, 15)), 14);
    }
}
