//! Properties of the reader over hostile input: stray and unbalanced quotes, quoted line
//! breaks, implausible dates (before 1990, after "today", years 0001 and 9999, in rows and in
//! a title line), NUL bytes, over-long fields and arbitrary bytes. Whatever the input and
//! however it is chunked: every row read is accounted for (rows_read = rows_used +
//! rows_rejected + duplicates), the result does not depend on the chunking, no kept row and
//! no extract date is implausible, and the report's periods stay bounded.

use chrono::NaiveDate;
mod streaming;

use proptest::prelude::*;
use streaming::stream;
use yjlens_core::extract::{read_extract, ReadOptions};
use yjlens_core::measures::compute;
use yjlens_core::report::Settings;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 10, 1).unwrap()
}

fn options() -> ReadOptions {
    ReadOptions {
        today: Some(today()),
        ..ReadOptions::default()
    }
}

fn check(bytes: &[u8], cuts: &[usize]) {
    let whole = read_extract(bytes, &options());
    if let Ok(e) = &whole {
        let q = &e.quality;
        assert_eq!(q.rows_read, q.rows_used + q.rows_rejected + q.duplicates);
        assert_eq!(q.rows_used as usize, e.rows.len());
        let listed = q.rejected_lines.len() as u64;
        assert!(listed == q.rows_rejected || q.rejected_lines_truncated);
        let counted: u64 = q.rejected.iter().map(|r| r.count).sum();
        assert_eq!(counted, q.rows_rejected);
        let earliest = yjlens_core::extract::EARLIEST_PLAUSIBLE;
        for r in &e.rows {
            for d in [r.offence_date, r.outcome_date] {
                assert!(earliest <= d && d <= today(), "kept row dated {d}");
            }
            assert!((r.category as usize) < e.categories.len());
            assert!((r.service as usize) < e.services.len());
        }
        if let Some(d) = q.title_date {
            assert!(earliest <= d && d <= today());
        }
        let report = compute(e, &Settings::default(), None);
        assert!(report.extract_date <= today());
        assert!(e.rows.is_empty() || report.extract_date >= earliest);
        assert!(report.figures.len() < 2_000_000);
    }
    let streamed = stream(bytes, cuts, options());
    match (&whole, &streamed) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.rows, b.rows);
            assert_eq!(a.quality, b.quality);
            assert_eq!(a.child_ids, b.child_ids);
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        _ => panic!("whole {whole:?} vs streamed {streamed:?}"),
    }
}

/// CSV text with hostile values: quotes that never close, quotes in the middle of fields,
/// quoted values over many lines, implausible dates, NULs, and (rarely) a field over 64 KB.
fn hostile_csv() -> impl Strategy<Value = Vec<u8>> {
    let value = prop_oneof![
        4 => Just("C1".to_string()),
        4 => Just("C2".to_string()),
        4 => Just("01/02/2023".to_string()),
        4 => Just("03/04/2023".to_string()),
        3 => Just("Youth Caution".to_string()),
        2 => Just("DTO".to_string()),
        2 => Just("Theft".to_string()),
        1 => Just("".to_string()),
        // Implausible dates.
        2 => Just("31/12/2099".to_string()),
        2 => Just("02/10/2025".to_string()),
        1 => Just("01/01/0001".to_string()),
        1 => Just("1000-06-15".to_string()),
        1 => Just("9999-12-31".to_string()),
        1 => Just("31/12/1989".to_string()),
        // Quotes, balanced or not.
        3 => Just("\"".to_string()),
        3 => Just("\"Youth Caution".to_string()),
        2 => Just("Youth\"Caution".to_string()),
        2 => Just("\"x\"y".to_string()),
        2 => Just("\"a,b\"".to_string()),
        2 => Just("\"x\"\"y\"".to_string()),
        2 => Just("\"line\nbreak\"".to_string()),
        1 => Just("\"one\r\ntwo\rthree\nfour\"".to_string()),
        1 => Just(format!("\"{}\"", "l\n".repeat(12))),
        1 => Just("\"open\n\n\n".to_string()),
        // NUL and other bytes.
        1 => Just("Youth\0Caution".to_string()),
        1 => Just("café £".to_string()),
        2 => "[ -~]{0,6}",
        1 => Just("A".repeat(70_000)),
    ];
    let row = prop::collection::vec(value, 0..8);
    let sep = prop_oneof![Just(","), Just(";"), Just("\t")];
    let end = prop_oneof![Just("\n"), Just("\r\n"), Just("\r")];
    let title = prop_oneof![
        Just(""),
        Just("Extract of the YJS"),
        Just("Produced 31/12/2099"),
        Just("Produced 30/09/2025"),
        Just("as at 01/01/0001"),
    ];
    (
        title,
        sep,
        prop::collection::vec(end, 1..4),
        prop::collection::vec(row, 0..14),
    )
        .prop_map(|(title, sep, ends, rows)| {
            let mut s = String::new();
            let mut k = 0;
            let mut end = || {
                k += 1;
                ends[k % ends.len()]
            };
            if !title.is_empty() {
                s.push_str(title);
                s.push_str(end());
            }
            let header = [
                "child_id",
                "offence_date",
                "outcome_date",
                "outcome",
                "offence_category",
                "service",
            ];
            s.push_str(&header.join(sep));
            s.push_str(end());
            for r in rows {
                s.push_str(&r.join(sep));
                s.push_str(end());
            }
            s.into_bytes()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn hostile_csv_keeps_the_accounting_and_is_chunk_independent(
        bytes in hostile_csv(),
        cuts in prop::collection::vec(any::<usize>(), 0..8),
    ) {
        check(&bytes, &cuts);
    }

    #[test]
    fn arbitrary_bytes_with_quotes_after_a_header(
        tail in prop::collection::vec(
            prop_oneof![
                Just(b'"'), Just(b','), Just(b'\n'), Just(b'\r'), Just(0u8),
                Just(b'1'), Just(b'/'), Just(b'9'), Just(b'C'), any::<u8>()
            ],
            0..500,
        ),
        cuts in prop::collection::vec(any::<usize>(), 0..6),
    ) {
        let mut bytes = b"child_id,offence_date,outcome_date,outcome\n".to_vec();
        bytes.extend_from_slice(&tail);
        check(&bytes, &cuts);
    }
}
