//! Dates, parsed by hand over bytes (`input-formats.md` §2, "Dates"): `YYYY-MM-DD` (also
//! with `/`, and `YYYYMMDD`), `D/M/YYYY`, `DD/MM/YYYY`, `DD-MM-YYYY`, `DD.MM.YYYY`,
//! `DD/MM/YY` (pivot: 00–69 → 2000s, 70–99 → 1900s), `DD-Mon-YYYY`, `DD Mon YYYY` (also
//! `DD-Mon-YY` and full month names, any case), any of these followed by a time
//! (`T` or space, `HH:MM[:SS[.fff]]`, optional `Z`/offset/AM/PM; the time is ignored), and
//! Excel serial day numbers (1900 system, with its phantom 29 Feb 1900), accepted between
//! 1950-01-01 (18264) and 2099-12-31 (73050) so that a bare year or a count is never read as a
//! date. Numeric day/month forms are day-first unless the column is confirmed month-first.

use chrono::NaiveDate;

/// What a value says about day-first versus month-first reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Parsed {
    /// The date under the order asked for, `None` when impossible.
    pub date: Option<NaiveDate>,
    /// Valid read day-first (unambiguous forms: valid at all).
    pub day_first_ok: bool,
    /// Valid read month-first (unambiguous forms: valid at all).
    pub month_first_ok: bool,
    /// A numeric day/month form (`03/04/2023`, `3-4-23`), whose reading depends on the order.
    pub numeric_dm: bool,
}

impl Parsed {
    fn fixed(date: Option<NaiveDate>) -> Parsed {
        Parsed {
            date,
            day_first_ok: date.is_some(),
            month_first_ok: date.is_some(),
            numeric_dm: false,
        }
    }
}

#[inline]
fn ymd(y: u32, m: u32, d: u32) -> Option<NaiveDate> {
    if m == 0 || m > 12 || d == 0 || d > 31 {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

/// Read up to `max` ASCII digits at `*i`; `(value, count)`.
#[inline]
fn digits(s: &[u8], i: &mut usize, max: usize) -> (u32, usize) {
    let start = *i;
    let mut v = 0u32;
    while *i < s.len() && *i - start < max && s[*i].is_ascii_digit() {
        v = v * 10 + u32::from(s[*i] - b'0');
        *i += 1;
    }
    (v, *i - start)
}

const MONTHS: [&[u8]; 12] = [
    b"january",
    b"february",
    b"march",
    b"april",
    b"may",
    b"june",
    b"july",
    b"august",
    b"september",
    b"october",
    b"november",
    b"december",
];

/// A month name at `*i`: a three-letter abbreviation or the full name (also "Sept"), any case.
fn month_name(s: &[u8], i: &mut usize) -> Option<u32> {
    let start = *i;
    while *i < s.len() && s[*i].is_ascii_alphabetic() {
        *i += 1;
    }
    let word = &s[start..*i];
    if word.len() < 3 {
        return None;
    }
    let mut lower = [0u8; 12];
    if word.len() > lower.len() {
        return None;
    }
    for (l, b) in lower.iter_mut().zip(word) {
        *l = b.to_ascii_lowercase();
    }
    let word = &lower[..word.len()];
    if word == b"sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| word.len() == 3 && m[..3] == *word || *m == word)
        .map(|p| p as u32 + 1)
}

/// Whether `rest` is an ignorable time part: `T`/spaces then `H:MM[:SS[.f]]` and an optional
/// zone or AM/PM, or nothing.
fn time_ok(rest: &[u8]) -> bool {
    if rest.is_empty() {
        return true;
    }
    let mut i = 0;
    if rest[0] == b'T' || rest[0] == b't' {
        i = 1;
    } else {
        while i < rest.len() && rest[i] == b' ' {
            i += 1;
        }
        if i == 0 {
            return false;
        }
    }
    let (_, n) = digits(rest, &mut i, 2);
    if n == 0 || i >= rest.len() || rest[i] != b':' {
        return false;
    }
    i += 1;
    if digits(rest, &mut i, 2).1 != 2 {
        return false;
    }
    if i < rest.len() && rest[i] == b':' {
        i += 1;
        if digits(rest, &mut i, 2).1 != 2 {
            return false;
        }
        if i < rest.len() && (rest[i] == b'.' || rest[i] == b',') {
            i += 1;
            if digits(rest, &mut i, 9).1 == 0 {
                return false;
            }
        }
    }
    let tail = &rest[i..];
    let tail = tail.strip_prefix(b" ").unwrap_or(tail);
    tail.is_empty()
        || tail.eq_ignore_ascii_case(b"Z")
        || tail.eq_ignore_ascii_case(b"AM")
        || tail.eq_ignore_ascii_case(b"PM")
        || ((tail[0] == b'+' || tail[0] == b'-')
            && tail[1..].iter().all(|b| b.is_ascii_digit() || *b == b':')
            && tail.len() <= 6)
}

fn pivot(y: u32, n: usize) -> u32 {
    if n == 2 {
        if y < 70 {
            2000 + y
        } else {
            1900 + y
        }
    } else {
        y
    }
}

/// Whether `y-m-d` is a real date (proleptic Gregorian, as chrono).
#[inline]
fn valid(y: u32, m: u32, d: u32) -> bool {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400)) => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// The value of two ASCII digits, or `None`.
#[inline(always)]
fn two(a: u8, b: u8) -> Option<u32> {
    let (a, b) = (a.wrapping_sub(b'0'), b.wrapping_sub(b'0'));
    (a < 10 && b < 10).then(|| u32::from(a) * 10 + u32::from(b))
}

/// The two common 10-byte forms, `DD/MM/YYYY` (also `-` or `.`) and `YYYY-MM-DD` (also `/`
/// or `.`), without the general parser's scanning: the same result as [`parse`] gives them.
#[inline]
fn parse10(s: &[u8; 10], month_first: bool) -> Option<Parsed> {
    let sep = |c: u8| matches!(c, b'/' | b'-' | b'.');
    if s[2] == s[5] && sep(s[2]) {
        let a = two(s[0], s[1])?;
        let b = two(s[3], s[4])?;
        let y = two(s[6], s[7])? * 100 + two(s[8], s[9])?;
        let (day_first_ok, month_first_ok) = (valid(y, b, a), valid(y, a, b));
        let date = match (month_first, month_first_ok, day_first_ok) {
            (true, true, _) => NaiveDate::from_ymd_opt(y as i32, a, b),
            (false, _, true) => NaiveDate::from_ymd_opt(y as i32, b, a),
            _ => None,
        };
        return Some(Parsed {
            date,
            day_first_ok,
            month_first_ok,
            numeric_dm: true,
        });
    }
    if s[4] == s[7] && sep(s[4]) {
        let y = two(s[0], s[1])? * 100 + two(s[2], s[3])?;
        let m = two(s[5], s[6])?;
        let d = two(s[8], s[9])?;
        let date = if valid(y, m, d) {
            NaiveDate::from_ymd_opt(y as i32, m, d)
        } else {
            None
        };
        return Some(Parsed::fixed(date));
    }
    None
}

/// Parse one trimmed, non-empty value. `month_first`: read numeric day/month forms
/// month-first (the user confirmed the column's order).
#[inline]
pub(crate) fn parse(s: &[u8], month_first: bool) -> Parsed {
    if let Ok(s10) = <&[u8; 10]>::try_from(s) {
        if let Some(p) = parse10(s10, month_first) {
            return p;
        }
    }
    parse_general(s, month_first)
}

fn parse_general(s: &[u8], month_first: bool) -> Parsed {
    let invalid = Parsed::fixed(None);
    let mut i = 0;
    let (a, na) = digits(s, &mut i, 8);
    if na == 0 {
        return invalid;
    }
    if i == s.len() || s[i] == b'.' && na >= 5 {
        // Serial number or YYYYMMDD.
        if na == 8 {
            return Parsed::fixed(ymd(a / 10000, a / 100 % 100, a % 100));
        }
        if i < s.len() {
            // Excel serial with a time fraction: "45000.5".
            let mut j = i + 1;
            let (_, nf) = digits(s, &mut j, 12);
            if nf == 0 || j != s.len() {
                return invalid;
            }
        }
        if !(5..=5).contains(&na) || !(18264..=73050).contains(&a) {
            return invalid;
        }
        // 1900 system: serial 61 is 1 March 1900; every serial from there is 1899-12-30 + n.
        let base = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
        return Parsed::fixed(base.checked_add_days(chrono::Days::new(u64::from(a))));
    }
    let sep = s[i];
    if na == 4 {
        // Year first: YYYY-MM-DD, YYYY/MM/DD.
        if !matches!(sep, b'-' | b'/' | b'.') {
            return invalid;
        }
        i += 1;
        let (m, nm) = digits(s, &mut i, 2);
        if nm == 0 || i >= s.len() || s[i] != sep {
            return invalid;
        }
        i += 1;
        let (d, nd) = digits(s, &mut i, 2);
        if nd == 0 || !time_ok(&s[i..]) {
            return invalid;
        }
        return Parsed::fixed(ymd(a, m, d));
    }
    if na > 2 {
        return invalid;
    }
    match sep {
        b'/' | b'-' | b'.' => {
            i += 1;
            if i < s.len() && s[i].is_ascii_alphabetic() {
                // DD-Mon-YYYY / DD-Mon-YY.
                let Some(m) = month_name(s, &mut i) else {
                    return invalid;
                };
                if i >= s.len() || s[i] != sep {
                    return invalid;
                }
                i += 1;
                let (y, ny) = digits(s, &mut i, 4);
                if !(ny == 2 || ny == 4) || !time_ok(&s[i..]) {
                    return invalid;
                }
                return Parsed::fixed(ymd(pivot(y, ny), m, a));
            }
            let (b, nb) = digits(s, &mut i, 2);
            if nb == 0 || i >= s.len() || s[i] != sep {
                return invalid;
            }
            i += 1;
            let (y, ny) = digits(s, &mut i, 4);
            if !(ny == 2 || ny == 4) || !time_ok(&s[i..]) {
                return invalid;
            }
            let y = pivot(y, ny);
            let as_day_first = ymd(y, b, a);
            let as_month_first = ymd(y, a, b);
            Parsed {
                date: if month_first {
                    as_month_first
                } else {
                    as_day_first
                },
                day_first_ok: as_day_first.is_some(),
                month_first_ok: as_month_first.is_some(),
                numeric_dm: true,
            }
        }
        b' ' => {
            // DD Mon YYYY.
            while i < s.len() && s[i] == b' ' {
                i += 1;
            }
            let Some(m) = month_name(s, &mut i) else {
                return invalid;
            };
            if i < s.len() && (s[i] == b',' || s[i] == b'.') {
                i += 1;
            }
            if i >= s.len() || s[i] != b' ' {
                return invalid;
            }
            while i < s.len() && s[i] == b' ' {
                i += 1;
            }
            let (y, ny) = digits(s, &mut i, 4);
            if ny != 4 || !time_ok(&s[i..]) {
                return invalid;
            }
            Parsed::fixed(ymd(y, m, a))
        }
        _ => invalid,
    }
}

/// Words that introduce the extract's date in a title line, lower case. "date" counts only
/// when a colon follows it ("Date: 30/09/2025").
const TITLE_KEYS: [&str; 12] = [
    "produced",
    "as at",
    "as of",
    "extract date",
    "extracted",
    "run on",
    "run date",
    "report date",
    "generated",
    "created",
    "dated",
    "date:",
];

/// Words skipped between the key and the date ("produced on Tuesday 30 September 2025").
const TITLE_FILLER: [&str; 13] = [
    "on",
    "at",
    "the",
    "of",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "is",
    "date",
];

/// The extract's date in a title line above the header, when a key word introduces one:
/// "Youth offending extract produced 30/09/2025", "Outcomes as at 30-09-2025", "as at 30
/// September 2025", "Extract date: 2025-09-30". Day-first, as every date in the file.
pub(crate) fn title_date(line: &str) -> Option<NaiveDate> {
    let lower = line.to_lowercase();
    for key in TITLE_KEYS {
        let mut from = 0;
        while let Some(p) = lower[from..].find(key) {
            let at = from + p;
            from = at + key.len();
            // Whole words only ("has at" is not "as at").
            let starts_word = lower[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let ends_word = key.ends_with(':')
                || lower[from..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
            if !(starts_word && ends_word) {
                continue;
            }
            if let Some(d) = date_after(&lower[from..]) {
                return Some(d);
            }
        }
        if key == "date:" {
            // "Date : 30/09/2025".
            if let Some(p) = lower.find("date :") {
                if let Some(d) = date_after(&lower[p + 6..]) {
                    return Some(d);
                }
            }
        }
    }
    None
}

/// Words looked at after a title key word: filler words, then a date of up to three.
const TITLE_TOKENS: usize = 12;

/// The date at the start of `rest` (after filler words): one token (`30/09/2025`), or up to
/// three (`30 September 2025`, `30/09/2025 14:05`), ordinals allowed ("30th").
///
/// Only the first [`TITLE_TOKENS`] words after the key are looked at, so a long line with the
/// key word many times costs time in proportion to its length, not its length squared.
fn date_after(rest: &str) -> Option<NaiveDate> {
    let tokens: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '|' | '"' | '(' | ')'))
        .map(|t| t.trim_matches(|c| c == ':' || c == '\''))
        .filter(|t| !t.is_empty() && t.chars().any(char::is_alphanumeric))
        .take(TITLE_TOKENS)
        .collect();
    let start = tokens.iter().position(|t| !TITLE_FILLER.contains(t))?;
    let tokens: Vec<String> = tokens[start..]
        .iter()
        .take(3)
        .enumerate()
        .map(|(i, t)| {
            let t = t.trim_end_matches('.');
            // "30th" → "30" (the first word only).
            let digits = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            if i == 0
                && t.len() > digits.len()
                && !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit())
                && matches!(&t[digits.len()..], "st" | "nd" | "rd" | "th")
            {
                digits.to_string()
            } else {
                t.to_string()
            }
        })
        .collect();
    (1..=tokens.len()).rev().find_map(|n| {
        let candidate = tokens[..n].join(" ");
        parse(candidate.as_bytes(), false).date
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day_first(s: &str) -> Option<NaiveDate> {
        parse(s.as_bytes(), false).date
    }

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn two_digit_years_pivot_at_70() {
        assert_eq!(day_first("01/02/69"), d(2069, 2, 1));
        assert_eq!(day_first("01/02/70"), d(1970, 2, 1));
        assert_eq!(day_first("01/02/00"), d(2000, 2, 1));
        assert_eq!(day_first("03-APR-23"), d(2023, 4, 3));
    }

    #[test]
    fn excel_serials_in_range_only() {
        assert_eq!(day_first("45019"), d(2023, 4, 3));
        assert_eq!(day_first("45019.75"), d(2023, 4, 3));
        assert_eq!(day_first("18264"), d(1950, 1, 1));
        // A year or a small count is not a date.
        assert_eq!(day_first("2023"), None);
        assert_eq!(day_first("18263"), None);
        assert_eq!(day_first("73051"), None);
        assert_eq!(day_first("20230403"), d(2023, 4, 3));
    }

    #[test]
    fn times_are_ignored_and_junk_is_not() {
        assert_eq!(day_first("2023-04-03T10:30:15.123Z"), d(2023, 4, 3));
        assert_eq!(day_first("2023-04-03 10:30:15"), d(2023, 4, 3));
        assert_eq!(day_first("03/04/2023 9:05 PM"), d(2023, 4, 3));
        assert_eq!(day_first("3 September 2023"), d(2023, 9, 3));
        assert_eq!(day_first("3 Sept 2023"), d(2023, 9, 3));
        assert_eq!(day_first("03/04/2023x"), None);
        assert_eq!(day_first("03/04"), None);
        assert_eq!(day_first("3 Foo 2023"), None);
        assert_eq!(day_first("29/02/2023"), None);
        assert_eq!(day_first("29/02/2024"), d(2024, 2, 29));
    }

    #[test]
    fn ten_byte_fast_path_matches_the_general_parser() {
        let mut values = Vec::new();
        for sep in ["/", "-", ".", ":", " "] {
            for a in [
                "00", "01", "12", "13", "28", "29", "30", "31", "32", "99", "1a", " 1",
            ] {
                for b in ["00", "01", "02", "04", "12", "13", "29", "31", "3x"] {
                    for y in ["2023", "2024", "1900", "2000", "0000", "9999", "202x"] {
                        values.push(format!("{a}{sep}{b}{sep}{y}"));
                        values.push(format!("{y}{sep}{b}{sep}{a}"));
                    }
                }
            }
        }
        values.push("01/02-2023".into());
        values.push("2023-02/01".into());
        for v in &values {
            for mf in [false, true] {
                assert_eq!(
                    parse(v.as_bytes(), mf),
                    parse_general(v.as_bytes(), mf),
                    "{v} month_first={mf}"
                );
            }
        }
    }

    #[test]
    fn title_dates_follow_their_key_words() {
        let t = title_date;
        assert_eq!(
            t("Youth offending extract produced 30/09/2025"),
            d(2025, 9, 30)
        );
        assert_eq!(t("Outcomes as at 30-09-2025"), d(2025, 9, 30));
        assert_eq!(t("as at 30 September 2025"), d(2025, 9, 30));
        assert_eq!(t("Figures as of 30th Sept 2025."), d(2025, 9, 30));
        assert_eq!(t("Extract date: 2025-09-30"), d(2025, 9, 30));
        assert_eq!(t("Date : 30.09.2025"), d(2025, 9, 30));
        assert_eq!(t("Run on Tuesday 30/09/2025 14:05 by J"), d(2025, 9, 30));
        assert_eq!(t("\"Extracted 30/09/25\",,,,"), d(2025, 9, 30));
        assert_eq!(
            t("Offences 01/04/2024 to 31/03/2025, produced 01/10/2025"),
            d(2025, 10, 1)
        );
        // No key word, an impossible date, or a key word inside another word: no date.
        assert_eq!(t("Offences 01/04/2024 to 31/03/2025"), None);
        assert_eq!(t("Produced 31/02/2025"), None);
        assert_eq!(t("Alias at 30/09/2025"), None);
        assert_eq!(t("Youth Justice Service extract"), None);
        // A long line of key words takes linear time (this took minutes).
        assert_eq!(t(&"as at ".repeat(50_000)), None);
        assert_eq!(t(&"date: ".repeat(50_000)), None);
    }

    #[test]
    fn month_first_evidence() {
        let p = parse(b"03/25/2023", false);
        assert_eq!(
            (p.date, p.day_first_ok, p.month_first_ok),
            (None, false, true)
        );
        let p = parse(b"03/25/2023", true);
        assert_eq!(p.date, d(2023, 3, 25));
        let p = parse(b"25/03/2023", false);
        assert_eq!((p.day_first_ok, p.month_first_ok), (true, false));
        // Unambiguous forms are valid either way.
        let p = parse(b"2023-03-25", false);
        assert!(p.day_first_ok && p.month_first_ok);
    }
}
