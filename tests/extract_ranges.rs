//! A file read in byte ranges and merged gives the extract (and the report) reading it in one
//! go gives, wherever the cuts fall: inside quoted fields with line breaks, between a CR and
//! its LF, inside a UTF-8 character, in title lines or the header, on rows that are exact
//! duplicates of rows in an earlier range, on unbalanced quotes. Line numbers of rows and
//! rejections, interned ids, counts, examples and conflicts all have to come out the same.

use chrono::NaiveDate;
use proptest::prelude::*;
use yjlens_core::extract::{
    cut_ranges, merge_ranges, read_extract, read_extract_in_ranges, Extract, ExtractHead,
    ExtractMerge, PartialDecodeError, PartialExtract, RangeReader, ReadError, ReadOptions, Refusal,
    Resync,
};
use yjlens_core::measures::compute;
use yjlens_core::report::Settings;

fn options() -> ReadOptions {
    ReadOptions {
        today: NaiveDate::from_ymd_opt(2025, 10, 1),
        ..ReadOptions::default()
    }
}

/// The extract and the report as JSON (what the page and the CLI show).
fn json(e: &Extract) -> (String, String) {
    let report = compute(e, &Settings::default(), None);
    (
        serde_json::to_string(e).unwrap(),
        serde_json::to_string(&report).unwrap(),
    )
}

/// Read `bytes` whole and in the ranges `cuts` make; both must agree, and so must the
/// reports.
fn check(bytes: &[u8], cuts: &[usize]) {
    if let Some((a, b)) = check_extract(bytes, cuts) {
        assert_eq!(json(&a), json(&b), "cuts {cuts:?}");
    }
}

/// The extract read whole and in ranges, checked equal (both, unless the file is refused).
fn check_extract(bytes: &[u8], cuts: &[usize]) -> Option<(Extract, Extract)> {
    let whole = read_extract(bytes, &options());
    let split = read_extract_in_ranges(bytes, &options(), cuts);
    match (&whole, &split) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.quality, b.quality, "cuts {cuts:?}");
            assert_eq!(a.rows, b.rows, "cuts {cuts:?}");
            assert_eq!(a.child_ids, b.child_ids);
            assert_eq!(a.categories, b.categories);
            assert_eq!(a.services, b.services);
            assert_eq!(a.ethnic_details, b.ethnic_details);
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        _ => panic!("whole {whole:?} vs in ranges {split:?} (cuts {cuts:?})"),
    }
    whole.ok().zip(split.ok())
}

/// As [`read_extract_in_ranges`], but each range's part crosses as bytes, as between a
/// browser's parse workers and the one merging: encoded where it was read, decoded where it
/// is merged (the range read again after a cut inside a record crosses too).
fn read_in_encoded_ranges(bytes: &[u8], cuts: &[usize]) -> Result<Extract, Refusal> {
    let Some(head) = ExtractHead::read(bytes, &options(), true) else {
        return read_extract(bytes, &options());
    };
    let len = bytes.len();
    let mut points: Vec<u64> = cuts
        .iter()
        .map(|&c| {
            // To a character's start (the browser cuts just after a line feed).
            let mut c = c.min(len);
            while c < len && (bytes[c] & 0xC0) == 0x80 {
                c += 1;
            }
            c as u64
        })
        .filter(|&c| c > head.data_start() && c < len as u64)
        .collect();
    points.sort_unstable();
    points.dedup();
    points.insert(0, head.data_start());
    points.push(len as u64);
    let ranges: Vec<(u64, u64)> = points.windows(2).map(|w| (w[0], w[1])).collect();
    let crossed = |start: u64, end: u64| -> Result<PartialExtract, ReadError> {
        let mut reader = head.range(start, end);
        // Pushed in small pieces, as a worker reads slices of the file.
        for chunk in bytes[start as usize..].chunks(7) {
            reader.push(chunk)?;
            if reader.is_done() {
                break;
            }
        }
        let encoded = reader.finish()?.into_bytes();
        Ok(PartialExtract::decode(&encoded).expect("an encoded part decodes"))
    };
    let parts = ranges.iter().map(|&(s, e)| crossed(s, e)).collect();
    match merge_ranges(&head, &ranges, parts, crossed) {
        Ok(extract) => Ok(extract),
        Err(ReadError::Refused(r)) => Err(r),
        Err(ReadError::RestartAsWindows1252) => read_extract(bytes, &options()),
    }
}

/// As the browser's merging worker does it: the first range read there ([`ExtractMerge::range`],
/// `RangeMerge.addRead`), each other range's bytes added with [`ExtractMerge::add_encoded`]
/// (`RangeMerge.add`), its rows decoded straight into the merged table, and a range whose cut
/// fell inside a record read again there from where the previous one ended.
fn read_merging_bytes(bytes: &[u8], cuts: &[usize]) -> Result<Extract, Refusal> {
    let Some(head) = ExtractHead::read(bytes, &options(), true) else {
        return read_extract(bytes, &options());
    };
    let len = bytes.len() as u64;
    let mut points: Vec<u64> = cuts
        .iter()
        .map(|&c| c as u64)
        .filter(|&c| c > head.data_start() && c < len)
        .collect();
    points.sort_unstable();
    points.dedup();
    points.insert(0, head.data_start());
    points.push(len);
    let read = |mut reader: RangeReader, start: u64| -> Result<PartialExtract, ReadError> {
        reader.push(&bytes[start as usize..])?;
        reader.finish()
    };
    let mut merge = ExtractMerge::new(&head);
    merge.size_hint(len);
    for (i, w) in points.windows(2).enumerate() {
        // The first range read where it is merged (its tables sized for the file and taken
        // as the file's), the others by parse workers and added as bytes.
        let taken = match if i == 0 {
            read(merge.range(w[0], w[1]), w[0]).map(|part| merge.add(part))
        } else {
            read(head.range(w[0], w[1]), w[0]).map(|part| {
                merge
                    .add_encoded(part.into_bytes())
                    .expect("an encoded part decodes")
            })
        } {
            Ok(taken) => taken,
            Err(ReadError::Refused(r)) => return Err(r),
            Err(ReadError::RestartAsWindows1252) => return read_extract(bytes, &options()),
        };
        if let Err(Resync { from }) = taken {
            // Read again where it is merged.
            let again =
                read(merge.range(from, w[1]), from).expect("read again from a record's start");
            assert_eq!(
                merge.add(again),
                Ok(()),
                "a range read from a record's start is taken"
            );
        }
    }
    merge.finish()
}

/// The extract read whole and in ranges crossing as bytes (merged from decoded parts, and the
/// browser's way: the first range read where it is merged, each other part's bytes decoded
/// into the merge): the same extract and report.
fn check_encoded(bytes: &[u8], cuts: &[usize]) {
    let whole = read_extract(bytes, &options());
    let crossed = read_in_encoded_ranges(bytes, cuts);
    assert_same_read(&whole, &crossed, "crossed", cuts);
    let merged = read_merging_bytes(bytes, cuts);
    assert_same_read(&whole, &merged, "merged from bytes", cuts);
}

/// `other` (the file read `how`) is the whole read: the same extract and report, or the same
/// refusal.
fn assert_same_read(
    whole: &Result<Extract, Refusal>,
    other: &Result<Extract, Refusal>,
    how: &str,
    cuts: &[usize],
) {
    match (whole, other) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.quality, b.quality, "{how}, cuts {cuts:?}");
            assert_eq!(a.rows, b.rows, "{how}, cuts {cuts:?}");
            assert_eq!(json(a), json(b), "{how}, cuts {cuts:?}");
        }
        (Err(a), Err(b)) => assert_eq!(a, b, "{how}"),
        _ => panic!("whole {whole:?} vs {how} {other:?} (cuts {cuts:?})"),
    }
}

/// Cuts as the command line makes them: `n` ranges, each cut just after a line feed.
fn pool_cuts(bytes: &[u8], n: usize) -> Vec<usize> {
    let ranges = cut_ranges(0, bytes.len() as u64, n, |p| {
        bytes[p as usize..]
            .iter()
            .position(|&b| b == b'\n')
            .map(|i| p + i as u64 + 1)
    });
    ranges.iter().map(|r| r.0 as usize).collect()
}

/// A case-level extract with most rows kept: few children (so attributes conflict), rows
/// often repeated (exact duplicates, across ranges too), unknown codes, quoted fields with
/// line breaks and stray quotes, title lines, a BOM, CRLF / LF / CR mixes.
fn extract_text() -> impl Strategy<Value = Vec<u8>> {
    let child = prop_oneof![Just("C1"), Just("C2"), Just("C3"), Just("\"C4\""), Just("")];
    let date = prop_oneof![
        6 => Just("01/02/2023"),
        6 => Just("03/04/2023"),
        2 => Just("2024-05-06"),
        1 => Just("31/02/2024"),
        1 => Just("13/25/2023"),
        1 => Just("31/12/2099"),
        1 => Just(""),
    ];
    let outcome = prop_oneof![
        4 => Just("Youth Caution"),
        2 => Just("DTO"),
        2 => Just("Referral Order"),
        1 => Just("Fine"),
        1 => Just("Mystery"),
        1 => Just("\"Youth\nCaution\""),
        1 => Just("\"Youth Caution"),
        1 => Just(""),
    ];
    let category = prop_oneof![
        Just("Theft"),
        Just("\"Violence, against the person\""),
        Just("\"Drugs\r\nsupply\""),
        Just("Ro\"bbery"),
        Just("Motoring"),
        Just(""),
    ];
    let service = prop_oneof![Just("North"), Just("South"), Just(""), Just("Café £")];
    let sex = prop_oneof![Just("M"), Just("F"), Just("X"), Just("")];
    let ethnicity = prop_oneof![Just("White"), Just("Asian"), Just("Zz"), Just("")];
    let dob = prop_oneof![
        Just("01/05/2008"),
        Just("2008-05"),
        Just("12/11/2009"),
        Just("")
    ];
    let row = (
        child,
        date.clone(),
        date,
        outcome,
        category,
        service,
        sex,
        ethnicity,
        dob,
    )
        .prop_map(|r| {
            vec![r.0, r.1, r.2, r.3, r.4, r.5, r.6, r.7, r.8]
                .into_iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        });
    let line = prop_oneof![
        12 => row.prop_map(Some),
        1 => Just(None), // a blank line
    ];
    let end = prop_oneof![4 => Just("\n"), 2 => Just("\r\n"), 1 => Just("\r")];
    let title = prop_oneof![
        Just(""),
        Just("Extract of the YJS"),
        Just("Produced 30/09/2025"),
        Just("Produced 31/12/2099"),
    ];
    (
        any::<bool>(),
        title,
        prop::collection::vec(end, 1..5),
        prop::collection::vec(line, 0..30),
        prop::collection::vec(any::<prop::sample::Index>(), 0..12),
    )
        .prop_map(|(bom, title, ends, lines, repeats)| {
            let mut s = String::new();
            if bom {
                s.push('\u{FEFF}');
            }
            let mut k = 0;
            let mut end = || {
                k += 1;
                ends[k % ends.len()]
            };
            if !title.is_empty() {
                s.push_str(title);
                s.push_str(end());
            }
            s.push_str("child_id,offence_date,outcome_date,outcome,offence_category,service,sex,ethnicity,date_of_birth");
            s.push_str(end());
            // Some rows again later: exact duplicates, often in another range.
            let mut lines = lines;
            for r in repeats {
                if !lines.is_empty() {
                    let l = lines[r.index(lines.len())].clone();
                    lines.push(l);
                }
            }
            for l in lines {
                if let Some(fields) = l {
                    s.push_str(&fields.join(","));
                }
                s.push_str(end());
            }
            s.into_bytes()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, .. ProptestConfig::default() })]

    #[test]
    fn ranges_merge_to_the_whole_read_wherever_the_cuts_fall(
        bytes in extract_text(),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..7),
    ) {
        let cuts: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
        check_extract(&bytes, &cuts);
    }
}

proptest! {
    // Reports take longer to compute (in a debug build): fewer cases.
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn ranges_cut_at_line_feeds_give_the_same_report(bytes in extract_text(), n in 1usize..6) {
        check(&bytes, &pool_cuts(&bytes, n));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    /// Issue 15: a part encoded where it was read and decoded where it is merged is the part:
    /// the merged extract and its report are the whole read's, wherever the cuts fall.
    #[test]
    fn parts_crossing_as_bytes_merge_to_the_whole_read(
        bytes in extract_text(),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..7),
    ) {
        let cuts: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
        check_encoded(&bytes, &cuts);
    }
}

/// An encoded part cut short, or bytes that are not one, are refused, never misread.
#[test]
fn bytes_that_are_not_a_part_are_refused() {
    let file = b"child_id,offence_date,outcome_date,outcome\nC1,01/02/2023,03/04/2023,DTO\n";
    let head = ExtractHead::read(file, &options(), true).unwrap();
    let mut reader = head.range(head.data_start(), file.len() as u64);
    reader.push(&file[head.data_start() as usize..]).unwrap();
    let encoded = reader.finish().unwrap().encode();
    PartialExtract::decode(&encoded).unwrap();
    let mut rows = Vec::new();
    let part = PartialExtract::decode_into(&encoded, &mut rows).unwrap();
    assert_eq!(
        (rows.len(), part.rows()),
        (1, 0),
        "the one row is in the table, not the part"
    );
    let before = rows.clone();
    for n in 0..encoded.len() {
        assert!(PartialExtract::decode(&encoded[..n]).is_err(), "cut at {n}");
        // Decoded into a table that has rows already: refused, the table as it was.
        assert!(PartialExtract::decode_into(&encoded[..n], &mut rows).is_err());
        assert_eq!(rows, before, "cut at {n}");
    }
    assert_eq!(
        PartialExtract::decode(b"not a part").err(),
        Some(PartialDecodeError::NotAPart)
    );
}

/// Rows with line breaks inside quotes (one over two lines, one over three with CRLF), an
/// unbalanced quote, a duplicate and a title line: cut at every byte in turn, and at every
/// pair of bytes, the extract is the same.
#[test]
fn a_cut_at_every_position_reads_the_same() {
    let file = "Extract of the YJS, produced 30/09/2025\r\n\
        child_id,offence_date,outcome_date,outcome,offence_category\n\
        C1,01/02/2023,03/04/2023,Youth Caution,\"Theft\nfrom a shop\"\n\
        C2,01/02/2023,03/04/2023,\"Referral\r\nOrder\r\n\",Theft\r\n\
        C3,01/02/2023,03/04/2023,\"Youth Caution,Theft\n\
        C4,05/06/2023,07/08/2023,DTO,\"Vio\"\"lence\"\n\
        C1,01/02/2023,03/04/2023,Youth Caution,\"Theft\nfrom a shop\"\n";
    let bytes = file.as_bytes();
    let whole = read_extract(bytes, &options()).unwrap();
    // 3 rows kept (C1, C2, C4; the last row repeats C1's exactly); C3's quote never closes
    // (the line after it is a whole row).
    assert_eq!(whole.quality.rows_used, 3);
    assert_eq!(whole.quality.duplicates, 1);
    assert_eq!(whole.quality.rows_rejected, 1);
    // Lines: title 1, header 2, C1 3 (its quoted break does not count), C2 4, C3 5, C4 6,
    // C1 again 7.
    let lines: Vec<u32> = whole.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 4, 6]);
    assert_eq!(whole.quality.rejected_lines[0].line, 5);
    for a in 0..=bytes.len() {
        check_extract(bytes, &[a]);
        for b in (a..=bytes.len()).step_by(11) {
            check_extract(bytes, &[a, b]);
        }
    }
    // Cuts inside the quoted line breaks of rows 3 and 4, and in the unbalanced row 5.
    for text in ["Theft\nfrom", "Referral\r\nOrder", "Caution,Theft\n"] {
        let at = file.find(text).unwrap() + text.len() - 4;
        check(bytes, &[at]);
        check_encoded(bytes, &[at]);
    }
}

/// A larger file cut into 1, 2, 4 and 8 ranges the way the command line cuts it.
#[test]
fn pools_of_one_to_eight_read_the_same() {
    let mut file = String::from("child_id,offence_date,outcome_date,outcome,sex,ethnicity\n");
    for i in 0..3000 {
        let outcome = if i % 97 == 0 {
            "\"Youth\nCaution\""
        } else {
            "Referral Order"
        };
        let sex = ["M", "F", "Q"][i % 3];
        file.push_str(&format!(
            "C{},01/02/2023,0{}/04/2023,{outcome},{sex},White\n",
            i % 701,
            3 + i % 5
        ));
        if i % 250 == 0 {
            file.push_str("C1,01/02/2023,03/04/2023,Referral Order,M,White\n");
        }
    }
    let bytes = file.as_bytes();
    for n in [1, 2, 4, 8] {
        check(bytes, &pool_cuts(bytes, n));
        check_encoded(bytes, &pool_cuts(bytes, n));
    }
}
