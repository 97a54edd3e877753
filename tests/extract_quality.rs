//! Issue 10, "Figures a board can quote", on the reader's side: the extract date read from a
//! title line, reasons that name their column and an example value, the list of rejected rows
//! for download, invalid optional fields blanked with a warning, one month-first question for
//! every date column with the pattern, and plain English in the readable report. Every count
//! is worked out by hand in a comment.

use chrono::NaiveDate;
use yjlens_core::extract::{
    read_extract, Extract, ExtractDateSource, ExtractReader, ReadError, ReadOptions, Refusal,
    RefusalKind, RejectedLine,
};
use yjlens_core::measures::compute;
use yjlens_core::report::Settings;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/extract/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read(bytes: &[u8]) -> Extract {
    read_extract(bytes, &ReadOptions::default()).unwrap_or_else(|r| panic!("{}", r.message))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn invariant(e: &Extract) {
    let q = &e.quality;
    assert_eq!(q.rows_read, q.rows_used + q.rows_rejected + q.duplicates);
    assert_eq!(q.rows_used as usize, e.rows.len());
}

/// Push `bytes` one byte at a time (UTF-8 input: no restart).
fn byte_by_byte(bytes: &[u8], options: &ReadOptions) -> Result<Extract, ReadError> {
    let mut reader = ExtractReader::new(options.clone());
    for b in bytes {
        reader.push(std::slice::from_ref(b))?;
    }
    reader.finish()
}

// ---------------------------------------------------------------- 1. extract date

#[test]
fn a_title_line_gives_the_extract_date_and_is_counted_but_not_kept() {
    // Line 1: "Youth offending extract produced 30/09/2025",,, — one title line; line 2 is the
    // header; outcomes 03/04/2025 and 29/06/2025.
    let e = read(&fixture("title_date.csv"));
    invariant(&e);
    assert_eq!(e.quality.header_line, 2);
    assert_eq!(e.quality.title_lines, 1);
    assert_eq!(e.quality.title_date, Some(date(2025, 9, 30)));
    assert_eq!(e.quality.rows_used, 2);
    // The title's text is stored nowhere in the report.
    let json = serde_json::to_string(&e.quality).unwrap();
    assert!(!json.contains("produced"), "{json}");
    assert!(json.contains("\"title_date\":\"2025-09-30\""), "{json}");
    // The same whatever the chunks.
    let streamed = byte_by_byte(&fixture("title_date.csv"), &ReadOptions::default()).unwrap();
    assert_eq!(streamed.quality, e.quality);

    // A title line without a date: counted, no date.
    let e = read(&fixture("title_no_date.csv"));
    assert_eq!((e.quality.title_lines, e.quality.title_date), (1, None));
    // No title line at all.
    let e = read(b"child_id,offence_date,outcome_date,outcome\nA,01/02/2025,03/04/2025,Fine\n");
    assert_eq!((e.quality.title_lines, e.quality.title_date), (0, None));
}

#[test]
fn title_dates_in_every_common_wording() {
    let body = "child_id,offence_date,outcome_date,outcome\nA,01/02/2025,03/04/2025,Fine\n";
    for (title, expected) in [
        (
            "Youth offending extract produced 30/09/2025",
            Some(date(2025, 9, 30)),
        ),
        ("Outcomes as at 30-09-2025", Some(date(2025, 9, 30))),
        ("as at 30 September 2025", Some(date(2025, 9, 30))),
        ("Data as of 1 Oct 2025", Some(date(2025, 10, 1))),
        ("Extract date: 2025-09-30", Some(date(2025, 9, 30))),
        ("Extracted 30.09.2025 by the YOT", Some(date(2025, 9, 30))),
        ("Report run on 30/09/25", Some(date(2025, 9, 30))),
        ("Date: 30/09/2025", Some(date(2025, 9, 30))),
        // Day-first: 03/04/2025 is 3 April.
        ("Produced 03/04/2025", Some(date(2025, 4, 3))),
        // A period is not an extract date; an impossible date is no date.
        ("Offences 01/04/2024 to 31/03/2025", None),
        ("Produced 31/02/2025", None),
    ] {
        let e = read(format!("{title}\n{body}").as_bytes());
        assert_eq!(e.quality.title_lines, 1, "{title}");
        assert_eq!(e.quality.title_date, expected, "{title}");
    }
    // Two title lines: the first date found is used.
    let e = read(format!("Youth justice\nAs at 30/09/2025\n{body}").as_bytes());
    assert_eq!(
        (e.quality.title_lines, e.quality.title_date),
        (2, Some(date(2025, 9, 30)))
    );
}

#[test]
fn the_extract_date_is_the_users_else_the_titles_else_the_latest_outcome() {
    // title_date.csv: title 30/09/2025; latest outcome 29/06/2025.
    let e = read(&fixture("title_date.csv"));
    let r = compute(&e, &Settings::default(), None);
    assert_eq!(r.extract_date, date(2025, 9, 30));
    assert_eq!(r.extract_date_source, ExtractDateSource::Title);
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["extract_date_source"], "title");

    let settings = Settings {
        extract_date: Some(date(2025, 8, 31)),
        ..Settings::default()
    };
    let r = compute(&e, &settings, None);
    assert_eq!(r.extract_date, date(2025, 8, 31));
    assert_eq!(r.extract_date_source, ExtractDateSource::User);
    assert_eq!(
        serde_json::to_value(&r).unwrap()["extract_date_source"],
        "user"
    );

    let e = read(&fixture("title_no_date.csv"));
    let r = compute(&e, &Settings::default(), None);
    assert_eq!(r.extract_date, date(2025, 6, 29));
    assert_eq!(r.extract_date_source, ExtractDateSource::LatestOutcome);
    assert_eq!(
        serde_json::to_value(&r).unwrap()["extract_date_source"],
        "latest_outcome"
    );
    // The default (reports saved before the field existed).
    assert_eq!(
        ExtractDateSource::default(),
        ExtractDateSource::LatestOutcome
    );
}

// ---------------------------------------------------------------- 2–4. reasons

/// Lines 2–10. By hand:
/// - rejected: invalid date in offence_date (lines 2, 5; first value "31/02/2024"), invalid
///   date in outcome_date (3, "30/02/2024"), missing required value in offence_date (6) = 4;
/// - kept: lines 4, 7, 8, 9, 10 = 5 (9 = 5 + 4 + 0 duplicates);
/// - warnings: invalid gravity (7 "12", 10 "x"); line 8: invalid release date "31/04/2024",
///   so also a custodial outcome without release date, and looked-after "Maybe"; line 9:
///   invalid end date "2024-13-01".
const MIXED: &str = "\
child_id,offence_date,outcome_date,outcome,gravity,release_date,end_date,looked_after
A,31/02/2024,01/03/2024,Fine,,,,
B,01/02/2024,30/02/2024,Fine,,,,
C,01/02/2024,01/03/2024,Fine,,,,
D,32/01/2024,01/03/2024,Fine,,,,
E,,01/03/2024,Fine,,,,
F,01/02/2024,01/03/2024,Fine,12,,,
G,01/02/2024,01/03/2024,DTO,3,31/04/2024,,Maybe
H,01/02/2024,01/03/2024,RYDA,,,2024-13-01,Y
I,01/02/2024,01/03/2024,Fine,x,,,N
";

fn entries(
    list: &[yjlens_core::extract::quality::Reason],
) -> Vec<(&str, &str, u64, Vec<u32>, &str)> {
    list.iter()
        .map(|r| {
            (
                r.reason.as_str(),
                r.field.as_str(),
                r.count,
                r.examples.clone(),
                r.example_value.as_str(),
            )
        })
        .collect()
}

#[test]
fn reasons_name_the_column_and_the_first_offending_value() {
    let e = read(MIXED.as_bytes());
    invariant(&e);
    let q = &e.quality;
    assert_eq!((q.rows_read, q.rows_used, q.rows_rejected), (9, 5, 4));
    // "invalid date" in two columns is two entries.
    assert_eq!(
        entries(&q.rejected),
        [
            ("invalid date", "offence_date", 2, vec![2, 5], "31/02/2024"),
            ("invalid date", "outcome_date", 1, vec![3], "30/02/2024"),
            ("missing required value", "offence_date", 1, vec![6], ""),
        ]
    );
    assert_eq!(q.rejected_count("invalid date"), 3);
    assert_eq!(
        entries(&q.warnings),
        [
            (
                "invalid gravity (field left blank)",
                "gravity",
                2,
                vec![7, 10],
                "12"
            ),
            (
                "invalid date (field left blank)",
                "release_date",
                1,
                vec![8],
                "31/04/2024"
            ),
            (
                "custodial outcome without release date",
                "release_date",
                1,
                vec![8],
                ""
            ),
            (
                "invalid looked-after status (field left blank)",
                "looked_after",
                1,
                vec![8],
                "Maybe"
            ),
            (
                "invalid date (field left blank)",
                "end_date",
                1,
                vec![9],
                "2024-13-01"
            ),
        ]
    );
    // The fields were blanked, the rows kept.
    let row = |line: u32| e.rows.iter().find(|r| r.line == line).unwrap();
    assert_eq!(row(7).gravity, None);
    assert_eq!(row(10).gravity, None);
    assert_eq!(row(8).gravity, Some(3));
    assert_eq!(row(8).release_date, None);
    assert_eq!(row(8).looked_after, None);
    assert_eq!(row(9).end_date, None);
    assert_eq!(row(9).looked_after, Some(true));
    // Plain English: no raw field name inside a reason.
    for r in q.rejected.iter().chain(&q.warnings) {
        assert!(!r.reason.contains('_'), "{:?}", r.reason);
    }
    // The JavaScript reads these names.
    let json = serde_json::to_value(q).unwrap();
    assert_eq!(json["rejected"][0]["field"], "offence_date");
    assert_eq!(json["rejected"][0]["example_value"], "31/02/2024");
    assert_eq!(json["rejected_lines"][0]["line"], 2);
    assert_eq!(json["rejected_lines_truncated"], false);
}

#[test]
fn identifiers_and_births_are_never_examples() {
    // Line 2: child id missing; line 3: date of birth impossible (kept, blanked) — neither
    // value may appear in the report.
    let csv = "child_id,offence_date,outcome_date,outcome,date_of_birth,birth_month
,01/02/2024,01/03/2024,Fine,01/01/2010,
K9,01/02/2024,01/03/2024,Fine,30/02/2010,
K8,01/02/2024,01/03/2024,Fine,,2010-13
";
    let e = read(csv.as_bytes());
    invariant(&e);
    let q = &e.quality;
    assert_eq!(
        entries(&q.rejected),
        [("missing required value", "child_id", 1, vec![2], "")]
    );
    let dob = q
        .warning_in("invalid date (field left blank)", "date_of_birth")
        .unwrap();
    assert_eq!((dob.count, dob.example_value.as_str()), (1, ""));
    let month = q
        .warning_in("invalid birth month (field left blank)", "birth_month")
        .unwrap();
    assert_eq!((month.count, month.example_value.as_str()), (1, ""));
    let json = serde_json::to_string(q).unwrap();
    for value in ["30/02/2010", "2010-13", "K9", "K8"] {
        assert!(!json.contains(value), "{value} in {json}");
    }
}

#[test]
fn the_rejected_lines_list_every_rejection_without_values() {
    let e = read(MIXED.as_bytes());
    let lines: Vec<(u32, &str, &str)> = e
        .quality
        .rejected_lines
        .iter()
        .map(|l| (l.line, l.reason.as_str(), l.field.as_str()))
        .collect();
    // In file order: 2, 3, 5, 6 (the 4 rejections above).
    assert_eq!(
        lines,
        [
            (2, "invalid date", "offence_date"),
            (3, "invalid date", "outcome_date"),
            (5, "invalid date", "offence_date"),
            (6, "missing required value", "offence_date"),
        ]
    );
    assert!(!e.quality.rejected_lines_truncated);
    // A ragged row names no field.
    let e = read(b"child_id,offence_date,outcome_date,outcome\nA,01/02/2024\n");
    assert_eq!(
        e.quality.rejected_lines,
        [RejectedLine {
            line: 2,
            reason: "wrong field count".into(),
            field: String::new()
        }]
    );
}

/// A file of `bad` ragged rows (lines 2 … bad + 1) and one good row after them.
fn ragged(bad: usize) -> Vec<u8> {
    let mut csv = b"child_id,offence_date,outcome_date,outcome\n".to_vec();
    for _ in 0..bad {
        csv.extend_from_slice(b"x\n");
    }
    csv.extend_from_slice(b"A,01/02/2024,01/03/2024,Fine\n");
    csv
}

#[test]
fn the_rejected_lines_stop_at_100_000() {
    // Exactly 100,000 rejections: all listed, not truncated.
    let e = read(&ragged(100_000));
    invariant(&e);
    assert_eq!(e.quality.rows_rejected, 100_000);
    assert_eq!(e.quality.rejected_lines.len(), 100_000);
    assert!(!e.quality.rejected_lines_truncated);
    // 100,003: the first 100,000 (lines 2 … 100,001) listed, and the list says it stopped;
    // the counts still cover every row (100,003 + 1 used = 100,004 read).
    let e = read(&ragged(100_003));
    invariant(&e);
    assert_eq!(e.quality.rows_read, 100_004);
    assert_eq!(e.quality.rows_rejected, 100_003);
    assert_eq!(e.quality.rejected_lines.len(), 100_000);
    assert_eq!(e.quality.rejected_lines.last().unwrap().line, 100_001);
    assert!(e.quality.rejected_lines_truncated);
    assert!(e
        .quality
        .summary()
        .contains("only the first 100000 rejected rows are listed"));
}

// ---------------------------------------------------------------- 5. month-first

fn refusal(bytes: &[u8], options: &ReadOptions) -> Refusal {
    match read_extract(bytes, options) {
        Ok(_) => panic!("read, expected a refusal"),
        Err(r) => r,
    }
}

#[test]
fn one_month_first_question_covers_every_date_column_with_the_pattern() {
    // outcome_date (03/25/2023) and date_of_birth (06/15/2008) are impossible day-first and
    // valid month-first; every offence_date (01/02, 01/03, 12/01) is valid either way;
    // release_date is ISO only and end_date has 25/03/2023 (impossible month-first): neither
    // is offered. The example comes from outcome_date (a date of birth is shown only when
    // nothing else can be).
    let bytes = fixture("month_first_columns.csv");
    let r = refusal(&bytes, &ReadOptions::default());
    assert_eq!(
        r.kind,
        RefusalKind::MonthFirst {
            column: "outcome_date".into(),
            example: "03/25/2023".into(),
            columns: vec![
                "offence_date".into(),
                "outcome_date".into(),
                "date_of_birth".into()
            ],
        }
    );
    assert_eq!(
        r.message,
        "dates in column outcome_date look month-first (e.g. 03/25/2023), and those in offence_date and date_of_birth may be too: confirm the order"
    );
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["kind"]["type"], "month_first");
    assert_eq!(
        json["kind"]["columns"],
        serde_json::json!(["offence_date", "outcome_date", "date_of_birth"])
    );

    // Confirming them all at once reads the file cleanly.
    let RefusalKind::MonthFirst { columns, .. } = r.kind.clone() else {
        unreachable!()
    };
    let mut options = ReadOptions::default();
    options.profile.month_first = columns;
    let e = read_extract(&bytes, &options).unwrap();
    invariant(&e);
    assert_eq!((e.quality.rows_used, e.quality.rows_rejected), (3, 0));
    assert!(e.quality.warnings.is_empty(), "{:?}", e.quality.warnings);
    assert_eq!(e.rows[0].outcome_date, date(2023, 3, 25));
    assert_eq!(
        e.rows[0].birth,
        yjlens_core::extract::Birth::Date(date(2008, 6, 15))
    );
    assert_eq!(e.rows[2].offence_date, date(2023, 12, 1));
    // The columns not offered keep their reading: ISO, and day-first 25/03/2023.
    assert_eq!(e.rows[1].release_date, Some(date(2023, 10, 31)));
    assert_eq!(e.rows[0].end_date, Some(date(2023, 3, 25)));
    // Streamed byte by byte: the same refusal, then the same extract.
    assert_eq!(
        byte_by_byte(&bytes, &ReadOptions::default()).unwrap_err(),
        ReadError::Refused(r.clone())
    );
    assert_eq!(byte_by_byte(&bytes, &options).unwrap().rows, e.rows);
}

#[test]
fn a_date_of_birth_is_the_example_only_when_no_other_column_is_held() {
    // date_of_birth (07/13/2008) and release_date (10/31/2023) both look month-first; the
    // question shows the release date.
    let csv = "child_id,offence_date,outcome_date,outcome,dob,release_date
A,2023-01-02,2023-02-03,DTO,07/13/2008,10/31/2023
";
    let r = refusal(csv.as_bytes(), &ReadOptions::default());
    assert_eq!(
        r.kind,
        RefusalKind::MonthFirst {
            column: "release_date".into(),
            example: "10/31/2023".into(),
            columns: vec!["dob".into(), "release_date".into()],
        }
    );
}

// ---------------------------------------------------------------- 6. the readable report

#[test]
fn the_quality_summary_says_it_in_plain_english() {
    let s = read(&fixture("title_date.csv")).quality.summary();
    assert!(
        s.contains(
            "1 title line above the header was skipped; extract date 30/09/2025 read from it."
        ),
        "{s}"
    );
    let s = read(&fixture("title_no_date.csv")).quality.summary();
    assert!(
        s.contains("1 title line above the header was skipped.\n"),
        "{s}"
    );

    let s = read(MIXED.as_bytes()).quality.summary();
    for needle in [
        "Invalid date in offence date: 2 rows (e.g. \"31/02/2024\"; lines 2, 5)",
        "Invalid date in outcome date: 1 row (e.g. \"30/02/2024\"; line 3)",
        "Missing required value in offence date: 1 row (line 6)",
        "Invalid gravity (field left blank): 2 rows (e.g. \"12\"; lines 7, 10)",
        "Invalid date in release date (field left blank): 1 row (e.g. \"31/04/2024\"; line 8)",
        "Invalid looked-after status (field left blank): 1 row (e.g. \"Maybe\"; line 8)",
        "Custodial outcome without release date: 1 row (line 8)",
        "looked-after status \"Maybe\": 1 row",
        "offence date <- \"offence_date\"",
        "Outcome dates: 01/03/2024 to 01/03/2024.",
    ] {
        assert!(s.contains(needle), "summary lacks {needle:?}:\n{s}");
    }
    // No raw field name in the reasons, warnings and codes (only the file's own headers,
    // quoted, under "Columns used"), and plurals agree.
    let start = s.find("Rejected rows:").unwrap();
    let end = s.find("Columns used:").unwrap();
    assert!(!s[start..end].contains('_'), "{}", &s[start..end]);
    assert!(!s.contains("1 rows"), "{s}");
}
