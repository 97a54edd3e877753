//! Properties of the reader over arbitrary input: it never panics, every row read is
//! accounted for (rows_read = rows_used + rows_rejected + duplicates), and the result does
//! not depend on how the bytes were chunked.

mod streaming;

use proptest::prelude::*;
use streaming::stream;
use yjlens_core::extract::{read_extract, ReadOptions};

fn check(bytes: &[u8], cuts: &[usize]) {
    let whole = read_extract(bytes, &ReadOptions::default());
    if let Ok(e) = &whole {
        let q = &e.quality;
        assert_eq!(q.rows_read, q.rows_used + q.rows_rejected + q.duplicates);
        assert_eq!(q.rows_used as usize, e.rows.len());
        for r in &e.rows {
            assert!((r.child as usize) < e.child_ids.len());
            assert!((r.category as usize) < e.categories.len());
            assert!((r.service as usize) < e.services.len());
            assert!((r.ethnicity.detail as usize) < e.ethnic_details.len());
            assert!(r.outcome_date >= r.offence_date);
        }
    }
    let streamed = stream(bytes, cuts, ReadOptions::default());
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

/// CSV-ish text: a recognisable header (sometimes with a title line), then rows built from
/// plausible and implausible values, with quotes, delimiters, CR/LF and non-ASCII thrown in.
fn csvish() -> impl Strategy<Value = Vec<u8>> {
    let value = prop_oneof![
        Just("C1".to_string()),
        Just("C2".to_string()),
        Just("01/02/2023".to_string()),
        Just("03/04/2023".to_string()),
        Just("2023-04-03".to_string()),
        Just("31/02/2023".to_string()),
        Just("03/25/2023".to_string()),
        Just("45019".to_string()),
        Just("Youth Caution".to_string()),
        Just("DTO".to_string()),
        Just("Banana".to_string()),
        Just("White British".to_string()),
        Just("BAME".to_string()),
        Just("M".to_string()),
        Just("5".to_string()),
        Just("9".to_string()),
        Just("".to_string()),
        Just("\"a,b\"".to_string()),
        Just("\"x\"\"y\"".to_string()),
        Just("\"line\nbreak\"".to_string()),
        Just("café £".to_string()),
        "[ -~]{0,6}",
    ];
    let row = prop::collection::vec(value, 0..10);
    let sep = prop_oneof![Just(","), Just(";"), Just("\t")];
    let end = prop_oneof![Just("\n"), Just("\r\n"), Just("\r")];
    (
        any::<bool>(),
        sep,
        end,
        prop::collection::vec(row, 0..12),
        any::<bool>(),
    )
        .prop_map(|(title, sep, end, rows, bom)| {
            let mut s = String::new();
            if bom {
                s.push('\u{feff}');
            }
            if title {
                s.push_str("Extract of the YJS");
                s.push_str(end);
            }
            let header = [
                "child_id",
                "offence_date",
                "outcome_date",
                "outcome",
                "ethnicity",
                "sex",
                "gravity",
                "release_date",
            ];
            s.push_str(&header.join(sep));
            s.push_str(end);
            for r in rows {
                s.push_str(&r.join(sep));
                s.push_str(end);
            }
            s.into_bytes()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_and_are_chunk_independent(
        bytes in prop::collection::vec(any::<u8>(), 0..600),
        cuts in prop::collection::vec(any::<usize>(), 0..6),
    ) {
        check(&bytes, &cuts);
    }

    #[test]
    fn arbitrary_bytes_after_a_valid_header(
        tail in prop::collection::vec(any::<u8>(), 0..400),
        cuts in prop::collection::vec(any::<usize>(), 0..6),
    ) {
        let mut bytes = b"child_id,offence_date,outcome_date,outcome\n".to_vec();
        bytes.extend_from_slice(&tail);
        check(&bytes, &cuts);
    }

    #[test]
    fn csvish_text_keeps_the_accounting_and_is_chunk_independent(
        bytes in csvish(),
        cuts in prop::collection::vec(any::<usize>(), 0..8),
    ) {
        check(&bytes, &cuts);
    }

    #[test]
    fn csvish_text_as_utf16_reads_like_utf8(bytes in csvish(), cuts in prop::collection::vec(any::<usize>(), 0..6)) {
        let text = String::from_utf8(bytes.clone()).unwrap();
        let text = text.trim_start_matches('\u{feff}');
        let mut utf16 = b"\xff\xfe".to_vec();
        for u in text.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        check(&utf16, &cuts);
        let a = read_extract(&bytes, &ReadOptions::default());
        let b = read_extract(&utf16, &ReadOptions::default());
        match (a, b) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a.rows, b.rows),
            (Err(a), Err(b)) => prop_assert_eq!(a.kind, b.kind),
            (a, b) => prop_assert!(false, "{:?} vs {:?}", a.map(|e| e.quality), b.map(|e| e.quality)),
        }
    }
}
