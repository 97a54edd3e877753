//! The tolerant reader against the fixtures of `tests/fixtures/extract/` (written by
//! `make_fixtures.py` there): encodings, delimiters, quoting, title lines, ragged rows, dates,
//! refusals, identifiers, duplicates, mapping profiles and the streaming/restart protocol.

use chrono::NaiveDate;
use yjlens_core::codes::{EthnicGroup, Outcome, Sex};
use yjlens_core::extract::{
    read_extract, read_table, Birth, Encoding, Extract, ExtractReader, MappingProfile, ReadError,
    ReadOptions, Refusal, RefusalKind,
};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/extract/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read(name: &str) -> Extract {
    read_extract(&fixture(name), &ReadOptions::default())
        .unwrap_or_else(|r| panic!("{name} refused: {}", r.message))
}

fn refuse(name: &str) -> Refusal {
    match read_extract(&fixture(name), &ReadOptions::default()) {
        Ok(_) => panic!("{name} was read, expected a refusal"),
        Err(r) => r,
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Stream `bytes` in chunks of `chunk` bytes, following the restart protocol.
fn stream(bytes: &[u8], chunk: usize, options: &ReadOptions) -> (Result<Extract, Refusal>, u32) {
    let mut options = options.clone();
    let mut restarts = 0;
    loop {
        let mut reader = ExtractReader::new(options.clone());
        let mut result = Ok(());
        for c in bytes.chunks(chunk.max(1)) {
            result = reader.push(c);
            if result.is_err() {
                break;
            }
        }
        if result.is_ok() {
            assert_eq!(reader.bytes_read(), bytes.len() as u64);
        }
        match result.and_then(|()| reader.finish()) {
            Ok(e) => return (Ok(e), restarts),
            Err(ReadError::Refused(r)) => return (Err(r), restarts),
            Err(ReadError::RestartAsWindows1252) => {
                assert!(options.encoding.is_none(), "restart asked twice");
                restarts += 1;
                options.encoding = Some(Encoding::Windows1252);
            }
        }
    }
}

fn category(e: &Extract, row: usize) -> &str {
    &e.categories[e.rows[row].category as usize].label
}

fn service(e: &Extract, row: usize) -> &str {
    &e.services[e.rows[row].service as usize]
}

fn invariant(e: &Extract) {
    let q = &e.quality;
    assert_eq!(q.rows_read, q.rows_used + q.rows_rejected + q.duplicates);
    assert_eq!(q.rows_used as usize, e.rows.len());
}

// ---------------------------------------------------------------- encodings

#[test]
fn utf8_with_bom_keeps_accents_and_pound_and_strips_the_bom() {
    let e = read("utf8_bom.csv");
    invariant(&e);
    assert_eq!(e.quality.encoding, "UTF-8 (BOM)");
    // The BOM must not stick to the first header, or child_id would not be found.
    assert_eq!(e.quality.columns[0], ("child_id".into(), "child_id".into()));
    assert_eq!(e.rows.len(), 2);
    assert_eq!(service(&e, 0), "Café £ team");
    assert_eq!(category(&e, 1), "Théft de vélo");
}

#[test]
fn windows_1252_met_late_restarts_and_decodes_pound_euro_and_accents() {
    let bytes = fixture("windows1252_late.csv");
    // The first byte that is not ASCII is after 100 KB.
    let first = bytes.iter().position(|&b| b >= 0x80).unwrap();
    assert!(first > 100_000, "first non-ASCII byte at {first}");
    // 1,247 ASCII rows + 2 rows written in Windows-1252.
    let e = read_extract(&bytes, &ReadOptions::default()).unwrap();
    invariant(&e);
    assert_eq!(e.quality.encoding, "Windows-1252");
    assert_eq!(e.quality.rows_used, 1249);
    let n = e.rows.len();
    assert_eq!(category(&e, n - 2), "Criminal damage £50 café");
    // 0x80 and 0x92 come from the table of the 32 code points 0x80–0x9F.
    assert_eq!(category(&e, n - 1), "€ fine ’quoted’");
    assert_eq!(service(&e, n - 1), "Sévérac");

    // Streamed in 64 KB chunks: one restart, then the same extract.
    let (streamed, restarts) = stream(&bytes, 65_536, &ReadOptions::default());
    assert_eq!(restarts, 1);
    let streamed = streamed.unwrap();
    assert_eq!(streamed.rows, e.rows);
    assert_eq!(streamed.categories, e.categories);
}

#[test]
fn the_restart_is_asked_for_when_the_invalid_byte_arrives_not_before() {
    let bytes = fixture("windows1252_late.csv");
    let mut reader = ExtractReader::new(ReadOptions::default());
    // The first 100,000 bytes are plain ASCII: no verdict yet.
    reader.push(&bytes[..100_000]).unwrap();
    assert_eq!(reader.bytes_read(), 100_000);
    // The rest holds the 0xA3 (£): restart.
    assert_eq!(
        reader.push(&bytes[100_000..]),
        Err(ReadError::RestartAsWindows1252)
    );
    // The reader then only repeats it.
    assert_eq!(reader.push(b"x"), Err(ReadError::RestartAsWindows1252));
    assert!(matches!(
        reader.finish(),
        Err(ReadError::RestartAsWindows1252)
    ));
}

#[test]
fn a_truncated_utf8_sequence_at_the_very_end_also_restarts() {
    let mut bytes =
        b"child_id,offence_date,outcome_date,outcome\nC1,01/02/2023,03/04/2023,Fine \xC3".to_vec();
    let (r, restarts) = stream(&bytes, 7, &ReadOptions::default());
    assert_eq!(restarts, 1);
    let e = r.unwrap();
    assert_eq!(e.quality.encoding, "Windows-1252");
    // Completing the sequence makes it valid UTF-8 ("é"): no restart.
    bytes.push(0xA9);
    let (r, restarts) = stream(&bytes, 7, &ReadOptions::default());
    assert_eq!(restarts, 0);
    assert_eq!(r.unwrap().quality.encoding, "UTF-8");
}

#[test]
fn utf16_le_unicode_text_export_tab_delimited() {
    let e = read("utf16le_tab.txt");
    invariant(&e);
    assert_eq!(e.quality.encoding, "UTF-16LE");
    assert_eq!(e.quality.delimiter, "tab");
    // Three rows: YCC (pre-court), YRO ISS (community), DTO (custody).
    let outcomes: Vec<Outcome> = e.rows.iter().map(|r| r.outcome).collect();
    assert_eq!(
        outcomes,
        [
            Outcome::YouthConditionalCaution,
            Outcome::YroIss,
            Outcome::Dto
        ]
    );
    assert_eq!(e.rows[0].ethnicity.group, EthnicGroup::Black);
    assert_eq!(
        e.ethnic_details[e.rows[1].ethnicity.detail as usize],
        "Mixed: White and Asian"
    );
    assert_eq!(
        e.ethnic_details[e.rows[2].ethnicity.detail as usize],
        "Other: Arab"
    );
    assert_eq!(category(&e, 1), "Étude £");
    assert_eq!(e.rows[1].sex, Sex::Female);
    // Every chunk size, including odd ones that split code units and surrogates.
    for chunk in [1, 3, 17, 64] {
        let (r, restarts) = stream(&fixture("utf16le_tab.txt"), chunk, &ReadOptions::default());
        assert_eq!(restarts, 0);
        assert_eq!(r.unwrap().rows, e.rows, "chunk {chunk}");
    }
}

#[test]
fn utf16_be_with_bom() {
    let e = read("utf16be.csv");
    assert_eq!(e.quality.encoding, "UTF-16BE");
    assert_eq!(e.rows.len(), 1);
    assert_eq!(
        e.ethnic_details[e.rows[0].ethnicity.detail as usize],
        "White: British"
    );
}

// ---------------------------------------------------------------- delimiters and quoting

#[test]
fn each_delimiter_is_sniffed_from_the_header() {
    for (name, shown) in [
        ("semicolon.csv", ";"),
        ("pipe.csv", "|"),
        ("tab.tsv", "tab"),
        ("utf8_bom.csv", ","),
    ] {
        let e = read(name);
        invariant(&e);
        assert_eq!(e.quality.delimiter, shown, "{name}");
        assert_eq!(e.quality.rows_used, 2, "{name}");
    }
    // The service "East, West" keeps its comma when the delimiter is not a comma.
    assert_eq!(service(&read("semicolon.csv"), 0), "East, West");
}

#[test]
fn the_delimiter_can_be_overridden() {
    let options = ReadOptions {
        delimiter: Some(b'|'),
        ..ReadOptions::default()
    };
    let e = read_extract(&fixture("pipe.csv"), &options).unwrap();
    assert_eq!(e.rows.len(), 2);
    // Forcing a delimiter the file does not use: no line names two columns, so the user is
    // asked to map the (single) column.
    let options = ReadOptions {
        delimiter: Some(b';'),
        ..ReadOptions::default()
    };
    let r = read_extract(&fixture("pipe.csv"), &options).unwrap_err();
    assert_eq!(r.kind, RefusalKind::NoHeader);
}

#[test]
fn quoted_newlines_doubled_quotes_and_delimiters_inside_quotes() {
    let e = read("quoted.csv");
    invariant(&e);
    assert_eq!(e.rows.len(), 2);
    assert_eq!(category(&e, 0), "Theft, \"shop\"\nsecond line");
    assert_eq!(service(&e, 0), "A, B");
    assert_eq!(
        e.ethnic_details[e.rows[0].ethnicity.detail as usize],
        "White: Irish"
    );
    // Line numbers are spreadsheet rows: the quoted newline does not start a new row.
    assert_eq!(e.rows[0].line, 2);
    assert_eq!(e.rows[1].line, 3);
}

#[test]
fn title_lines_and_blank_lines_are_skipped_and_lines_still_counted() {
    let e = read("title_lines.csv");
    invariant(&e);
    // Lines: 1 title, 2 title, 3 blank, 4 header, 5 blank, 6 T1, 7 blank, 8 T2.
    assert_eq!(e.quality.header_line, 4);
    // Two title lines skipped; the second says "Produced 01/10/2023".
    assert_eq!(e.quality.title_lines, 2);
    assert_eq!(e.quality.title_date, Some(date(2023, 10, 1)));
    assert_eq!(e.quality.rows_read, 2);
    assert_eq!(e.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [6, 8]);
}

#[test]
fn cr_only_line_ends() {
    let e = read("cr_line_ends.csv");
    invariant(&e);
    assert_eq!(e.quality.header_line, 2);
    assert_eq!(e.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [3, 4]);
    assert_eq!(e.rows[1].gravity, Some(4));
}

#[test]
fn ragged_rows_are_rejected_but_trailing_empty_fields_are_not() {
    let e = read("ragged.csv");
    invariant(&e);
    // 5 rows: G1 ok, G2 ok (3 trailing empty fields dropped), G3 too few, G4 too many
    // (a non-empty 14th field), G5 ok (its empty optional fields are still delimited).
    assert_eq!(e.quality.rows_read, 5);
    assert_eq!(e.quality.rows_used, 3);
    assert_eq!(e.quality.rejected_count("wrong field count"), 2);
    assert_eq!(e.quality.rejected[0].examples, [4, 5]);
    assert_eq!(e.rows[2].looked_after, None);
}

// ---------------------------------------------------------------- dates

#[test]
fn every_date_format_reads_as_1_february_and_3_april_2023() {
    let e = read("date_formats.csv");
    invariant(&e);
    // 11 formats: ISO, D/M/YYYY, DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY, DD/MM/YY, DD-Mon-YYYY,
    // DD Mon YYYY, ISO with time, UK with time, Excel serials 44958 / 45019.
    assert_eq!(e.quality.rows_used, 11, "{}", e.quality.summary());
    for r in &e.rows {
        assert_eq!(r.offence_date, date(2023, 2, 1), "line {}", r.line);
        assert_eq!(r.outcome_date, date(2023, 4, 3), "line {}", r.line);
    }
}

#[test]
fn an_impossible_date_rejects_in_a_required_column_and_blanks_an_optional_one() {
    let e = read("impossible_date.csv");
    invariant(&e);
    // I1: offence 31/02/2023 → rejected "invalid date" in offence_date (line 2).
    assert_eq!(e.quality.rejected_count("invalid date"), 1);
    assert_eq!(e.quality.rejected[0].examples, [2]);
    assert_eq!(e.quality.rejected[0].field, "offence_date");
    assert_eq!(e.quality.rejected[0].example_value, "31/02/2023");
    // I2: release 30/02/2023 → kept, release blanked with a warning; a DTO without release
    // date is itself a warning.
    assert_eq!(e.quality.rows_used, 2);
    assert_eq!(e.rows[0].release_date, None);
    let blanked = e
        .quality
        .warning_in("invalid date (field left blank)", "release_date")
        .unwrap();
    assert_eq!(
        (blanked.count, blanked.example_value.as_str()),
        (1, "30/02/2023")
    );
    assert_eq!(
        e.quality
            .warning_count("custodial outcome without release date"),
        1
    );
}

#[test]
fn a_month_first_column_is_held_until_confirmed() {
    let r = refuse("month_first.csv");
    assert_eq!(
        r.message,
        "dates in column outcome_date look month-first (e.g. 03/25/2023), and those in offence_date may be too: confirm the order"
    );
    // The offence dates (01/02/2023) are valid month-first too, so they are offered with it.
    assert_eq!(
        r.kind,
        RefusalKind::MonthFirst {
            column: "outcome_date".into(),
            example: "03/25/2023".into(),
            columns: vec!["offence_date".into(), "outcome_date".into()],
        }
    );
    // Confirmed month-first: 03/25/2023 is 25 March, 04/05/2023 is 5 April.
    let mut options = ReadOptions::default();
    options.profile.month_first.push("outcome_date".into());
    let e = read_extract(&fixture("month_first.csv"), &options).unwrap();
    assert_eq!(e.rows[0].outcome_date, date(2023, 3, 25));
    assert_eq!(e.rows[1].outcome_date, date(2023, 4, 5));
    assert_eq!(e.rows[2].outcome_date, date(2023, 12, 31));
    // The offence dates (01/02/2023) are valid either way and stay day-first.
    assert_eq!(e.rows[0].offence_date, date(2023, 2, 1));
}

#[test]
fn a_column_with_values_impossible_either_way_is_not_month_first() {
    // 03/25/2023 is impossible day-first, 31/02/2023 impossible both ways: not every value is
    // valid month-first, so no refusal; both rows are rejected as invalid dates.
    let csv = b"child_id,offence_date,outcome_date,outcome\nA,01/01/2023,03/25/2023,Fine\nB,01/01/2023,31/02/2023,Fine\nC,01/01/2023,03/04/2023,Fine\n";
    let e = read_extract(csv, &ReadOptions::default()).unwrap();
    invariant(&e);
    assert_eq!(e.quality.rejected_count("invalid date"), 2);
    assert_eq!(e.quality.rows_used, 1);
}

// ---------------------------------------------------------------- refusals

#[test]
fn an_excel_workbook_is_refused_with_its_sentence() {
    let r = refuse("workbook.xlsx");
    assert_eq!(r.kind, RefusalKind::NotText);
    assert_eq!(
        r.message,
        "This is an Excel workbook; save it as CSV and drop that file."
    );
}

#[test]
fn other_binary_files_are_refused_as_not_text() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(std::iter::repeat_n(0u8, 100));
    let r = read_extract(&png, &ReadOptions::default()).unwrap_err();
    assert_eq!(r.kind, RefusalKind::NotText);
}

#[test]
fn empty_files_and_header_only_files_are_refused() {
    assert_eq!(refuse("empty.csv").kind, RefusalKind::Empty);
    assert_eq!(refuse("empty.csv").message, "The file is empty.");
    assert_eq!(refuse("blank_lines.csv").kind, RefusalKind::Empty);
    let r = refuse("header_only.csv");
    assert_eq!(r.kind, RefusalKind::Empty);
    assert_eq!(r.message, "The file has a header row but no data rows.");
}

#[test]
fn a_missing_required_column_is_refused_with_the_headers_to_choose_from() {
    let csv = b"Ref,Date of Offence,Disposal Date,Disposal\nC1,01/02/2023,03/04/2023,Fine\n";
    let r = read_extract(csv, &ReadOptions::default()).unwrap_err();
    assert_eq!(
        r.kind,
        RefusalKind::ColumnUnmapped {
            field: "child_id".into(),
            headers: vec![
                "Ref".into(),
                "Date of Offence".into(),
                "Disposal Date".into(),
                "Disposal".into()
            ]
        }
    );
    // Mapped in the profile, saved, reloaded: the file reads.
    let mut profile = MappingProfile::default();
    profile.columns.insert("child_id".into(), "Ref".into());
    let profile = MappingProfile::from_json(&profile.to_json()).unwrap();
    let options = ReadOptions {
        profile,
        ..ReadOptions::default()
    };
    let e = read_extract(csv, &options).unwrap();
    assert_eq!(e.child_ids, ["C1"]);
}

#[test]
fn two_columns_matching_one_field_are_refused_until_mapped() {
    let csv = b"Child ID,Person ID,Date of Offence,Disposal Date,Disposal\nC1,P1,01/02/2023,03/04/2023,Fine\n";
    let r = read_extract(csv, &ReadOptions::default()).unwrap_err();
    assert_eq!(
        r.kind,
        RefusalKind::ColumnAmbiguous {
            field: "child_id".into(),
            headers: vec!["Child ID".into(), "Person ID".into()]
        }
    );
    let mut options = ReadOptions::default();
    options
        .profile
        .columns
        .insert("child_id".into(), "Person ID".into());
    let e = read_extract(csv, &options).unwrap();
    assert_eq!(e.child_ids, ["P1"]);
}

#[test]
fn a_file_with_no_recognisable_header_is_refused() {
    let r = read_extract(b"hello\nworld\n", &ReadOptions::default()).unwrap_err();
    assert_eq!(r.kind, RefusalKind::NoHeader);
}

// ---------------------------------------------------------------- identifiers

#[test]
fn direct_identifiers_are_dropped_and_their_values_stored_nowhere() {
    let bytes = fixture("identifiers.csv");
    let e = read_extract(&bytes, &ReadOptions::default()).unwrap();
    invariant(&e);
    assert_eq!(
        e.quality.dropped_columns,
        [
            "First Name",
            "Surname",
            "Postcode",
            "NHS number",
            "UPN",
            "email",
            "Address Line 1"
        ]
    );
    // "Offence Name" is kept (the identifier word qualifies something else), and so is a
    // postcode district column whose values are not full postcodes.
    assert!(e
        .quality
        .ignored_columns
        .contains(&"Offence Name".to_string()));
    assert!(e
        .quality
        .ignored_columns
        .contains(&"Post Code District".to_string()));
    // No identifier value appears anywhere in the extract or its report.
    let json = serde_json::to_string(&e).unwrap() + &e.quality.summary();
    for value in [
        "Alice", "Smith", "SW1A 1AA", "943 476", "A1234", "a@b.c", "High St", "Jones",
    ] {
        assert!(!json.contains(value), "{value} leaked");
    }
    assert_eq!(e.child_ids, ["P1", "P2"]);
}

// ---------------------------------------------------------------- rows

/// One file with every rejection reason and every warning, counts worked out by hand.
const BAD: &str = "\
child_id,offence_date,outcome_date,outcome,date_of_birth,sex,ethnicity,gravity,release_date
C1,01/02/2023,03/04/2023,Youth Caution,01/01/2008,M,White British,3,
C1,01/02/2023,03/04/2023,Youth Caution,01/01/2008,M,White British,3,
C1 ,01/02/2023, 03/04/2023,Youth Caution,01/01/2008,M,White British,3,
C2,,03/04/2023,Fine,01/01/2008,M,White,3,
,01/02/2023,03/04/2023,Fine,01/01/2008,M,White,3,
C3,01/02/2023,03/04/2023,,01/01/2008,M,White,3,
C4,31/02/2023,03/04/2023,Fine,01/01/2008,M,White,3,
C5,05/04/2023,03/04/2023,Fine,01/01/2008,M,White,3,
C6,01/02/2023,03/04/2023,Fine,01/01/2008,M,White,9,
C7,01/02/2023,03/04/2023,Fine,01/01/2008,M,White,0,
C8,01/02/2023,03/04/2023,Fine,01/01/2008
C9,01/02/2023,03/04/2023,Banana,01/01/2008,Q,BAME,3,
C10,01/02/2023,03/04/2023,Fine,01/01/2000,M,White,3,
C11,01/02/2023,03/04/2023,DTO,01/01/2008,M,White,3,
C12,01/02/2023,03/04/2023,NFA,01/01/2008,M,White,3,
C13,01/02/2023,03/04/2023,Turnaround,31/02/2008,M,White,3,
C14,01/02/2023,03/04/2023,DTO,01/01/2008,M,White,3,01/06/2023
";

#[test]
fn every_rejection_reason_and_warning_is_counted() {
    let e = read_extract(BAD.as_bytes(), &ReadOptions::default()).unwrap();
    invariant(&e);
    let q = &e.quality;
    // 17 data rows (lines 2–18).
    assert_eq!(q.rows_read, 17);
    // Line 3 repeats line 2 exactly; line 4 differs only by spaces around values, which are
    // trimmed: both are duplicates.
    assert_eq!(q.duplicates, 2);
    // Rejected: missing required value (lines 5 offence_date, 6 child_id, 7 outcome), invalid
    // date (8, offence_date), outcome before offence (9), wrong field count (12) = 6.
    // Gravity 9 and 0 (lines 10, 11) no longer reject the row (issue 10): the gravity is
    // blanked with a warning.
    assert_eq!(q.rejected_count("missing required value"), 3);
    assert_eq!(q.rejected_count("invalid date"), 1);
    assert_eq!(q.rejected_count("outcome date before offence date"), 1);
    assert_eq!(q.rejected_count("wrong field count"), 1);
    assert_eq!(q.rows_rejected, 6);
    let missing: Vec<(&str, &[u32])> = q
        .rejected
        .iter()
        .filter(|r| r.reason == "missing required value")
        .map(|r| (r.field.as_str(), r.examples.as_slice()))
        .collect();
    assert_eq!(
        missing,
        [
            ("offence_date", &[5][..]),
            ("child_id", &[6][..]),
            ("outcome", &[7][..])
        ]
    );
    let gravity = q
        .warning_in("invalid gravity (field left blank)", "gravity")
        .unwrap();
    assert_eq!(
        (
            gravity.count,
            gravity.examples.as_slice(),
            gravity.example_value.as_str()
        ),
        (2, &[10, 11][..], "9")
    );
    for line in [10, 11] {
        assert_eq!(
            e.rows.iter().find(|r| r.line == line).unwrap().gravity,
            None
        );
    }
    // Used: C1, C6, C7, C9, C10, C11, C12, C13, C14 = 9 = 17 − 6 − 2.
    assert_eq!(q.rows_used, 9);
    // Warnings: C9 unknown outcome, sex and ethnicity ("BAME" is not a group); C10 is 23;
    // C11 DTO without release date; C12 and C13 not outcomes; C13's date of birth is
    // impossible (blanked, so its age is unknown).
    assert_eq!(q.warning_count("unknown outcome code"), 1);
    assert_eq!(q.warning_count("unknown sex code"), 1);
    assert_eq!(q.warning_count("unknown ethnicity code"), 1);
    assert_eq!(q.warning_count("age outside 10-17 at outcome date"), 1);
    assert_eq!(q.warning_count("custodial outcome without release date"), 1);
    assert_eq!(q.warning_count("not an outcome: No Further Action"), 1);
    assert_eq!(q.warning_count("not an outcome: Turnaround"), 1);
    // The date of birth is never shown, not even as an example.
    let dob = q
        .warning_in("invalid date (field left blank)", "date_of_birth")
        .unwrap();
    assert_eq!((dob.count, dob.example_value.as_str()), (1, ""));
    assert_eq!(q.age_unknown_rows, 1);
    let unknown: Vec<(&str, &str, u64)> = q
        .unknown_codes
        .iter()
        .map(|u| (u.field.as_str(), u.value.as_str(), u.rows))
        .collect();
    assert_eq!(
        unknown,
        [
            ("ethnicity", "BAME", 1),
            ("outcome", "Banana", 1),
            ("sex", "Q", 1)
        ]
    );
    let c9 = e.rows.iter().find(|r| r.line == 13).unwrap();
    assert_eq!(c9.outcome, Outcome::Unknown);
    assert_eq!(c9.ethnicity.group, EthnicGroup::Unknown);
    let c13 = e.rows.iter().find(|r| r.line == 17).unwrap();
    assert_eq!(c13.birth, Birth::Unknown);
    // The readable report names every reason.
    let s = q.summary();
    for needle in [
        "Rows read 17: used 9, rejected 6, exact duplicates 2",
        "Missing required value in child ID: 1 row (line 6)",
        "Invalid date in offence date: 1 row (e.g. \"31/02/2023\"; line 8)",
        "Invalid gravity (field left blank): 2 rows (e.g. \"9\"; lines 10, 11)",
        "Invalid date in date of birth (field left blank): 1 row (line 17)",
        "outcome \"Banana\": 1 row",
        "Not an outcome: Turnaround: 1 row (e.g. \"Turnaround\"; line 17)",
    ] {
        assert!(s.contains(needle), "summary lacks {needle:?}:\n{s}");
    }
}

#[test]
fn children_with_conflicting_attributes_are_counted() {
    // A: sex M then F; ethnicity White then Asian. B: date of birth differs. C: consistent,
    // with an unknown sex that is not a conflict.
    let csv = "child_id,offence_date,outcome_date,outcome,sex,ethnicity,dob
A,01/01/2023,02/01/2023,Fine,M,White,01/01/2008
A,01/02/2023,02/02/2023,Fine,F,Asian,01/01/2008
B,01/01/2023,02/01/2023,Fine,M,White,01/01/2008
B,01/02/2023,02/02/2023,Fine,M,White,02/01/2008
C,01/01/2023,02/01/2023,Fine,M,White,01/01/2008
C,01/02/2023,02/02/2023,Fine,U,White,01/01/2008
";
    let e = read_extract(csv.as_bytes(), &ReadOptions::default()).unwrap();
    let c: Vec<(&str, u64)> = e
        .quality
        .conflicting
        .iter()
        .map(|c| (c.attribute.as_str(), c.children))
        .collect();
    assert_eq!(c, [("ethnicity", 1), ("sex", 1), ("date of birth", 1)]);
    assert_eq!(e.quality.children, 3);
}

#[test]
fn birth_month_and_age_columns_give_age_when_there_is_no_date_of_birth() {
    let csv = "child_id,offence_date,outcome_date,outcome,birth_month,age
A,01/01/2023,02/01/2023,Fine,2008-03,
B,01/01/2023,02/01/2023,Fine,,15
C,01/01/2023,02/01/2023,Fine,,
";
    let e = read_extract(csv.as_bytes(), &ReadOptions::default()).unwrap();
    assert_eq!(e.rows[0].birth, Birth::Month(date(2008, 3, 1)));
    assert_eq!(e.rows[1].birth, Birth::AgeAtOutcome(15));
    assert_eq!(e.rows[2].birth, Birth::Unknown);
    assert_eq!(e.quality.age_unknown_rows, 1);
}

#[test]
fn user_code_mappings_apply_before_the_built_in_lists() {
    let csv = "child_id,offence_date,outcome_date,outcome,sex,ethnicity
A,01/01/2023,02/01/2023,Banana,Q,Latin American
B,01/01/2023,02/01/2023,YC,Boy,White
";
    let mut profile = MappingProfile::default();
    profile
        .outcomes
        .insert("banana".into(), "Referral Order".into());
    // Overrides a built-in code: here "YC" means something else locally.
    profile.outcomes.insert("YC".into(), "Triage".into());
    profile.sexes.insert("Q".into(), "Female".into());
    profile
        .ethnicities
        .insert("Latin American".into(), "Other: Latin American".into());
    let options = ReadOptions {
        profile,
        ..ReadOptions::default()
    };
    let e = read_extract(csv.as_bytes(), &options).unwrap();
    assert_eq!(e.rows[0].outcome, Outcome::ReferralOrder);
    assert_eq!(e.rows[1].outcome, Outcome::Triage);
    assert_eq!(e.rows[0].sex, Sex::Female);
    assert_eq!(e.rows[0].ethnicity.group, EthnicGroup::Other);
    assert_eq!(
        e.ethnic_details[e.rows[0].ethnicity.detail as usize],
        "Other: Latin American"
    );
    assert!(e.quality.unknown_codes.is_empty());
}

#[test]
fn categories_services_and_children_are_interned() {
    let csv = "child_id,offence_date,outcome_date,outcome,offence_type,yot
A,01/01/2023,02/01/2023,Fine,Robbery,North
A,01/02/2023,02/02/2023,Fine,ROBBERY,North
B,01/02/2023,02/02/2023,Fine,Breach of bail,South
B,01/03/2023,02/03/2023,Fine,Stole a bike,
";
    let e = read_extract(csv.as_bytes(), &ReadOptions::default()).unwrap();
    assert_eq!(e.child_ids, ["A", "B"]);
    // "Robbery" and "ROBBERY" are one YJB group; free text is its own category.
    let labels: Vec<&str> = e.categories.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["Robbery", "Breach of bail", "Stole a bike"]);
    assert!(e.categories[1].breach && e.categories[1].yjb);
    assert!(!e.categories[2].yjb);
    assert_eq!(e.services, ["", "North", "South"]);
    assert_eq!(e.rows[3].service, 0);
}

#[test]
fn the_ethnic_details_table_is_fixed_and_starts_with_no_detail() {
    let e = read("utf8_bom.csv");
    assert_eq!(e.ethnic_details[0], "");
    assert_eq!(e.ethnic_details.len(), 20);
    assert!(e.ethnic_details.contains(&"Other: Arab".to_string()));
}

// ---------------------------------------------------------------- chunking

#[test]
fn every_fixture_reads_the_same_whatever_the_chunk_size() {
    for name in [
        "utf8_bom.csv",
        "quoted.csv",
        "title_lines.csv",
        "cr_line_ends.csv",
        "ragged.csv",
        "date_formats.csv",
        "semicolon.csv",
        "identifiers.csv",
        "impossible_date.csv",
        "month_first.csv",
        "header_only.csv",
        "workbook.xlsx",
    ] {
        let bytes = fixture(name);
        let whole = read_extract(&bytes, &ReadOptions::default());
        for chunk in [1, 2, 3, 5, 64, 4096] {
            let (r, _) = stream(&bytes, chunk, &ReadOptions::default());
            match (&whole, &r) {
                (Ok(a), Ok(b)) => {
                    assert_eq!(a.rows, b.rows, "{name} chunk {chunk}");
                    assert_eq!(a.quality, b.quality, "{name} chunk {chunk}");
                }
                (Err(a), Err(b)) => assert_eq!(a, b, "{name} chunk {chunk}"),
                _ => panic!("{name} chunk {chunk}: {whole:?} vs {r:?}"),
            }
        }
    }
}

// ---------------------------------------------------------------- small tables

#[test]
fn read_table_shares_decoding_and_sniffing() {
    let mut bytes = b"\xff\xfe".to_vec();
    for u in
        "ethnicity\tsex\tpopulation\r\nWhite\tMale\t1200\r\nAsian\tFemale\t300\r\n".encode_utf16()
    {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let t = read_table(&bytes).unwrap();
    assert_eq!(t.headers, ["ethnicity", "sex", "population"]);
    assert_eq!(t.records.len(), 2);
    assert_eq!(t.delimiter, b'\t');
    assert_eq!(t.encoding, "UTF-16LE");
    // Windows-1252 and semicolons, with a title line skipped when columns are named.
    let t = yjlens_core::extract::table::read_table_with(
        b"Population 2021 \xa3\n\nage;population\n10;5\n",
        &["age", "population"],
    )
    .unwrap();
    assert_eq!(t.headers, ["age", "population"]);
    assert_eq!(t.records, [["10", "5"]]);
    assert_eq!(read_table(b"").unwrap_err().kind, RefusalKind::Empty);
}
