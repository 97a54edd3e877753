//! Hostile input to the reader: what one bad byte, date, line or field used to do to a whole
//! file, and what it does now. Each input is built here, small; the full-size inputs the CLI
//! was measured on (exit status, seconds and peak memory under `ulimit -v 2000000`) were made
//! with the commands in the comments (`ROW` is
//! `lambda i, cat="Theft", svc="North", od="03/04/2023": f"C{i%300},01/01/2022,{od},Youth Caution,{cat},{svc}\n"`
//! and `H = "child_id,offence_date,outcome_date,outcome,offence_category,service\n"`).

use chrono::NaiveDate;
use yjlens_core::extract::{
    read_extract, Encoding, Extract, ExtractReader, ReadError, ReadOptions, Refusal, RefusalKind,
};
use yjlens_core::measures::compute;
use yjlens_core::report::Settings;

const HEADER: &str = "child_id,offence_date,outcome_date,outcome,offence_category,service\n";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Read options with a fixed "today" (1 October 2025), so no test changes with the calendar.
fn options() -> ReadOptions {
    ReadOptions {
        today: Some(date(2025, 10, 1)),
        ..ReadOptions::default()
    }
}

/// Row `i` of a plain file: a kept row, dated in 2023.
fn row(i: usize) -> String {
    format!(
        "C{},01/01/2022,{:02}/{:02}/2023,Youth Caution,Theft,North\n",
        i % 300,
        1 + i % 28,
        1 + i % 12
    )
}

fn file(rows: &[String]) -> Vec<u8> {
    let mut s = HEADER.to_string();
    for r in rows {
        s.push_str(r);
    }
    s.into_bytes()
}

/// Every row read is used, rejected or a duplicate.
fn accounted(e: &Extract) {
    let q = &e.quality;
    assert_eq!(q.rows_read, q.rows_used + q.rows_rejected + q.duplicates);
    assert_eq!(q.rows_used as usize, e.rows.len());
}

fn read(bytes: &[u8]) -> Extract {
    let e = read_extract(bytes, &options()).unwrap_or_else(|r| panic!("refused: {}", r.message));
    accounted(&e);
    e
}

/// The same bytes pushed `chunk` bytes at a time.
fn stream(bytes: &[u8], chunk: usize) -> Result<Extract, Refusal> {
    let mut options = options();
    loop {
        let mut reader = ExtractReader::new(options.clone());
        let mut result = Ok(());
        for c in bytes.chunks(chunk) {
            result = reader.push(c);
            if result.is_err() {
                break;
            }
        }
        match result.and_then(|()| reader.finish()) {
            Ok(e) => return Ok(e),
            Err(ReadError::Refused(r)) => return Err(r),
            Err(ReadError::RestartAsWindows1252) => options.encoding = Some(Encoding::Windows1252),
        }
    }
}

fn same_when_streamed(bytes: &[u8]) {
    let whole = read_extract(bytes, &options());
    for chunk in [1, 7, 64, 4096] {
        let streamed = stream(bytes, chunk);
        match (&whole, &streamed) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a.rows, b.rows, "chunks of {chunk}");
                assert_eq!(a.quality, b.quality, "chunks of {chunk}");
            }
            (Err(a), Err(b)) => assert_eq!(a, b, "chunks of {chunk}"),
            _ => panic!("chunks of {chunk}: {whole:?} vs {streamed:?}"),
        }
    }
}

// ---------------------------------------------------------------- 1. a stray quote

/// One `"` at the start of the outcome in row 12 of 1,176 rows: the rest of the file used to be
/// read as one quoted field ("Rows read 12: used 10 …", no warning). CLI input:
/// `r=[ROW(i, od=f"{1+i%28:02d}/{1+i%12:02d}/2023") for i in range(1176)];
/// r[11]=r[11].replace(",Youth",',"Youth',1); open("stray_quote.csv","w").write(H+"".join(r))`
#[test]
fn a_stray_quote_rejects_its_row_and_reading_resumes_at_the_next_line() {
    let mut rows: Vec<String> = (0..1176).map(row).collect();
    rows[11] = rows[11].replacen(",Youth", ",\"Youth", 1);
    let bytes = file(&rows);
    let e = read(&bytes);
    let q = &e.quality;
    assert_eq!(q.rows_read, 1176);
    assert_eq!(q.rows_used, 1175);
    assert_eq!(q.rows_rejected, 1);
    let r = q
        .rejected_in("unbalanced quote", "outcome")
        .expect("the reason");
    assert_eq!((r.count, r.examples.clone()), (1, vec![13]));
    assert_eq!(q.rejected_lines[0].line, 13);
    // The rows after it keep their own line numbers.
    assert_eq!(e.rows[11].line, 14);
    assert_eq!(e.rows.last().unwrap().line, 1177);
    same_when_streamed(&bytes);
}

#[test]
fn quoted_line_breaks_still_belong_to_their_value() {
    let rows = vec![
        row(0),
        "C1,01/01/2022,02/02/2023,Youth Caution,\"Shop\nlifting\",North\n".to_string(),
        "C2,01/01/2022,03/03/2023,\"Youth\r\nCaution\",\"a \"\"b\"\"\",North\n".to_string(),
        row(3),
    ];
    let bytes = file(&rows);
    let e = read(&bytes);
    assert_eq!(e.quality.rows_rejected, 0);
    assert_eq!(e.quality.rows_used, 4);
    let category = &e.categories[e.rows[1].category as usize];
    assert_eq!(category.label, "Shop\nlifting");
    assert_eq!(e.categories[e.rows[2].category as usize].label, "a \"b\"");
    // Spreadsheet lines: a quoted line break does not start a new row.
    let lines: Vec<u32> = e.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 3, 4, 5]);
    same_when_streamed(&bytes);
}

#[test]
fn a_quote_left_open_at_the_end_or_over_many_lines_is_unbalanced() {
    // At the very end of the file.
    let mut rows: Vec<String> = (0..5).map(row).collect();
    rows.push("C9,01/01/2022,03/04/2023,Youth Caution,\"Theft,North".to_string());
    let e = read(&file(&rows));
    assert_eq!(e.quality.rejected_count("unbalanced quote"), 1);
    assert_eq!(e.quality.rows_used, 5);
    same_when_streamed(&file(&rows));

    // A free-text value running on over more lines than a field may hold: none of them is a
    // whole record, so it takes the line limit to tell; the lines are then read as rows.
    let mut rows: Vec<String> = (0..3).map(row).collect();
    rows.push("C9,01/01/2022,03/04/2023,Youth Caution,\"Theft,North\n".to_string());
    for k in 0..12 {
        rows.push(format!("free text line {k}\n"));
    }
    rows.extend((20..25).map(row));
    let bytes = file(&rows);
    let e = read(&bytes);
    let q = &e.quality;
    assert_eq!(q.rejected_count("unbalanced quote"), 1);
    assert_eq!(q.rejected_count("wrong field count"), 12);
    assert_eq!(q.rows_used, 8);
    assert_eq!(e.rows.last().unwrap().line, 22);
    same_when_streamed(&bytes);
}

#[test]
fn an_unbalanced_quote_in_the_header_refuses_the_file_naming_the_line() {
    let bytes = b"child_id,offence_date,outcome_date,\"outcome\nC1,01/01/2022,03/04/2023,Fine\n";
    let r = read_extract(bytes, &options()).unwrap_err();
    assert_eq!(r.kind, RefusalKind::NoHeader);
    assert_eq!(
        r.message,
        "The header row (line 1) has a quote that is never closed: fix the quote in the file and drop it again."
    );
}

// ---------------------------------------------------------------- 2. implausible dates

/// One outcome dated 31/12/2099 among 500 rows used to make the extract date 2099-12-31. CLI
/// input: `r=[ROW(i, od=…) for i in range(500)]; r[200]=ROW(200, od="31/12/2099")`.
#[test]
fn an_implausible_date_rejects_its_row_and_never_moves_the_extract_date() {
    let mut rows: Vec<String> = (0..500).map(row).collect();
    rows[200] = "C1,01/01/2022,31/12/2099,Youth Caution,Theft,North\n".into();
    rows[300] = "C2,31/12/1989,03/04/2023,Youth Caution,Theft,North\n".into();
    // After today (1 October 2025) by a day.
    rows[400] = "C3,01/01/2022,02/10/2025,Youth Caution,Theft,North\n".into();
    rows[401] = "C4,01/01/2022,01/10/2025,Youth Caution,Theft,North\n".into();
    let e = read(&file(&rows));
    let q = &e.quality;
    assert_eq!(q.rejected_count("implausible date"), 3);
    let outcome = q.rejected_in("implausible date", "outcome_date").unwrap();
    assert_eq!(outcome.count, 2);
    assert_eq!(outcome.example_value, "31/12/2099");
    assert_eq!(outcome.examples, [202, 402]);
    let offence = q.rejected_in("implausible date", "offence_date").unwrap();
    assert_eq!(
        (offence.example_value.as_str(), offence.count),
        ("31/12/1989", 1)
    );
    assert_eq!(q.last_outcome_date, Some(date(2025, 10, 1)));
    assert_eq!(q.first_offence_date, Some(date(2022, 1, 1)));
    let report = compute(&e, &Settings::default(), None);
    assert_eq!(report.extract_date, date(2025, 10, 1));
}

#[test]
fn a_title_date_after_today_is_not_the_extract_date() {
    let mut text = "Youth offending extract produced 31/12/2099\n".to_string();
    text.push_str(HEADER);
    text.push_str(&row(1));
    let e = read(text.as_bytes());
    assert_eq!(e.quality.title_lines, 1);
    assert_eq!(e.quality.title_date, None);
    let w = &e.quality.warnings[0];
    assert_eq!(
        (
            w.reason.as_str(),
            w.example_value.as_str(),
            w.examples.clone()
        ),
        (
            "implausible date in a title line (not used as the extract date)",
            "31/12/2099",
            vec![1]
        )
    );
    // A plausible one still is.
    let text = text.replace("31/12/2099", "30/09/2025");
    assert_eq!(
        read(text.as_bytes()).quality.title_date,
        Some(date(2025, 9, 30))
    );
}

#[test]
fn today_defaults_to_the_system_clock_and_a_user_date_after_it_is_refused() {
    use yjlens_core::measures::prepare::plausible_extract_date;
    let today = yjlens_core::extract::system_today().expect("a clock");
    let yesterday = today.pred_opt().unwrap();
    let bytes = format!(
        "{HEADER}C1,01/01/2022,{},Fine,Theft,North\nC2,01/01/2022,01/01/2999,Fine,Theft,North\n",
        yesterday.format("%d/%m/%Y")
    );
    let e = read_extract(bytes.as_bytes(), &ReadOptions::default()).unwrap();
    assert_eq!(e.quality.rows_used, 1);
    assert_eq!(e.quality.rejected_count("implausible date"), 1);

    let today = Some(date(2025, 10, 1));
    assert_eq!(
        plausible_extract_date(date(2025, 10, 1), today),
        Ok(date(2025, 10, 1))
    );
    assert_eq!(
        plausible_extract_date(date(2099, 12, 31), today).unwrap_err(),
        "is after today (01/10/2025): give the date the extract was produced"
    );
    assert!(plausible_extract_date(date(1, 1, 1), today).is_err());
}

// ---------------------------------------------------------------- 3. years 0001, 1000, 9999

/// Years 0001, 1000 and 9999 used to abort `report` (gigabytes allocated for periods). CLI
/// input: `r[100]=f"C1,01/02/{y},03/04/{y},Youth Caution,Theft,North\n"` in 500 rows.
#[test]
fn far_years_are_rejected_and_the_periods_stay_bounded() {
    for y in ["0001", "1000", "9999"] {
        let mut rows: Vec<String> = (0..50).map(row).collect();
        rows[10] = format!("C1,01/02/{y},03/04/{y},Youth Caution,Theft,North\n");
        rows[11] = format!("C2,{y}-02-01,{y}-04-03,Youth Caution,Theft,North\n");
        let e = read(&file(&rows));
        assert_eq!(e.quality.rejected_count("implausible date"), 2, "{y}");
        let report = compute(&e, &Settings::default(), None);
        assert_eq!(report.extract_date.format("%Y").to_string(), "2023");
        assert!(
            report.figures.len() < 100_000,
            "{y}: {}",
            report.figures.len()
        );
    }
}

#[test]
fn periods_are_bounded_whatever_dates_a_caller_gives() {
    use yjlens_core::measures::periods::{Periods, MAX_QUARTERS};
    use yjlens_core::report::PeriodType;
    let p = Periods::new(Some(date(1, 1, 1)), date(9999, 12, 31));
    let quarters = p
        .list
        .iter()
        .filter(|p| p.period_type == PeriodType::Quarter)
        .count();
    assert_eq!(quarters as i32, MAX_QUARTERS);
    assert!(p.len() < 3 * MAX_QUARTERS as usize);
    // Never before 1990.
    let p = Periods::new(Some(date(1000, 1, 1)), date(1991, 1, 1));
    assert_eq!(p.list[0].start, date(1990, 1, 1));
}

// ---------------------------------------------------------------- 6. many distinct values

/// Beyond 65,534 distinct offence categories or services, rows used to be lumped into "Other"
/// or "Not recorded" without a word. CLI inputs:
/// `[ROW(i, cat=f"Cat{i}", od=…) for i in range(100000)]` (and `svc=f"Svc{i}"`), and
/// `cat=f"Offence category {i:06d} as recorded by the service"` (values alike in length, head
/// and tail, which made the code table quadratic: 20 s and more for `quality`).
#[test]
fn every_distinct_category_and_service_is_kept_and_breakdowns_stay_bounded() {
    let n = 70_000;
    let mut s = HEADER.to_string();
    for i in 0..n {
        s.push_str(&format!(
            "C{},01/01/2022,03/04/2023,Youth Caution,Offence category {i:06} as recorded,Service {i:06} of the area\n",
            i % 3000
        ));
    }
    let e = read(s.as_bytes());
    assert_eq!(e.quality.rows_used, n as u64);
    assert_eq!(e.categories.len(), n);
    assert_eq!(e.services.len(), n + 1);
    let last = e.rows.last().unwrap();
    assert_eq!(
        e.categories[last.category as usize].label,
        "Offence category 069999 as recorded"
    );
    assert_eq!(
        e.services[last.service as usize],
        "Service 069999 of the area"
    );

    let report = compute(&e, &Settings::default(), None);
    let groups = |b: &str| {
        let mut g: Vec<&str> = report
            .figures
            .iter()
            .filter(|f| f.breakdown == b)
            .map(|f| f.group.as_str())
            .collect();
        g.sort_unstable();
        g.dedup();
        g
    };
    let services = groups("service");
    assert_eq!(services.len(), 200 + 2);
    assert!(services.contains(&"Other services") && services.contains(&"Not recorded"));
    assert_eq!(groups("offence_category").len(), 20 + 200);
    assert!(report
        .notes
        .iter()
        .any(|n| n.contains("the other 69,800 (69,800 rows) are counted under \"Other\"")));
    assert!(report
        .notes
        .iter()
        .any(|n| n.contains("under \"Other services\"")));
}

// ---------------------------------------------------------------- 8. huge header lines

/// A 5 MB single line used to take 580 s of CPU before "header but no data rows"; a header
/// of 100,000 columns 22 s. CLI inputs: `open("line5mb.csv","w").write("a,"*(5*1024*1024//2))`
/// and `H.strip()+","+",".join(f"x{i}" for i in range(100000))+"\n"+…`.
#[test]
fn a_header_line_over_1_mb_or_10000_fields_is_refused() {
    let sentence = "Line 1 is too big to be a header row (over 1 MB or over 10,000 columns): this does not look like a case-level extract.";
    let long = "a,".repeat(3 << 20);
    let r = read_extract(long.as_bytes(), &options()).unwrap_err();
    assert_eq!(
        (r.kind.clone(), r.message.as_str()),
        (RefusalKind::NoHeader, sentence)
    );
    assert_eq!(stream(long.as_bytes(), 65536).unwrap_err(), r);

    let mut wide = HEADER.trim_end().to_string();
    for i in 0..100_000 {
        wide.push_str(&format!(",x{i}"));
    }
    wide.push('\n');
    wide.push_str(&row(1));
    let r = read_extract(wide.as_bytes(), &options()).unwrap_err();
    assert_eq!(r.message, sentence);

    // On line 4, after two title lines and a blank one.
    let titled = format!("Extract\n\nproduced today\n{long}");
    let r = read_extract(titled.as_bytes(), &options()).unwrap_err();
    assert!(r.message.starts_with("Line 4 is too big"), "{}", r.message);
}

// ---------------------------------------------------------------- 9. a huge field

/// A 50 MB field passed `quality` but made `report` abort out of memory (the value became a
/// category, copied into every figure of its group). CLI input: 10 rows, then
/// `"C1,01/02/2023,03/04/2023,Youth Caution,"+"A"*(50*1024*1024)+",North\n"`, then 10 rows.
#[test]
fn a_field_over_64_kb_rejects_its_row() {
    let mut rows: Vec<String> = (0..10).map(row).collect();
    rows.push(format!(
        "C99,01/01/2022,03/04/2023,Youth Caution,{},North\n",
        "A".repeat(1 << 20)
    ));
    rows.push(format!(
        "C98,01/01/2022,03/04/2023,Youth Caution,Theft,\"{}\"\n",
        "B\n".repeat(3) + &"B".repeat(70_000)
    ));
    rows.extend((10..20).map(row));
    let bytes = file(&rows);
    let e = read(&bytes);
    let q = &e.quality;
    assert_eq!(q.rejected_count("field too long"), 2);
    let r = q.rejected_in("field too long", "offence_category").unwrap();
    assert_eq!(r.examples, [12]);
    assert_eq!(r.example_value.chars().count(), 60);
    assert_eq!(
        q.rejected_in("field too long", "service").unwrap().examples,
        [13]
    );
    assert!(e.categories.iter().all(|c| c.label.len() < 100));
    assert_eq!(e.rows.last().unwrap().line, 23);
    same_when_streamed(&bytes);
}

// ---------------------------------------------------------------- 10. endless input

/// `yjlens quality /dev/zero` used to hang (reading for ever).
#[cfg(unix)]
#[test]
fn only_regular_files_are_read() {
    use yjlens_core::extract::read_file;
    let e = read_file("/dev/zero").unwrap_err();
    assert_eq!(
        e,
        "Cannot read /dev/zero: it is not a regular file (a device, a pipe or a folder); save the data as a file and give its path."
    );
    assert!(read_file("/").unwrap_err().contains("not a regular file"));
    // A FIFO with no writer: refused without waiting for one.
    let dir = std::env::temp_dir().join(format!("yjlens-fifo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("extract.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let e = read_file(fifo.to_str().unwrap()).unwrap_err();
        assert!(e.contains("not a regular file"), "{e}");
    }
    let _ = std::fs::remove_dir_all(&dir);
    // A regular file reads.
    let path = std::env::temp_dir().join(format!("yjlens-regular-{}.csv", std::process::id()));
    std::fs::write(&path, file(&[row(1)])).unwrap();
    assert_eq!(read_file(path.to_str().unwrap()).unwrap(), file(&[row(1)]));
    let _ = std::fs::remove_file(&path);
    assert!(read_file("/no/such/file.csv")
        .unwrap_err()
        .starts_with("Cannot read /no/such/file.csv: "));
}

// ---------------------------------------------------------------- smaller ones

/// Line numbers were wrong when CR, LF and CRLF line ends are mixed in one file (only the
/// first line end's style was counted).
#[test]
fn line_numbers_count_cr_lf_and_crlf_alike() {
    let bytes = format!(
        "Extract\r{}{}{}\r\n\r\n{}\n{}\r{}",
        HEADER.replace('\n', "\r\n"),
        row(1).replace('\n', "\r"),
        row(2).trim_end(),
        row(3).trim_end(),
        "C4,xx,03/04/2023,Youth Caution,Theft,North",
        row(5).replace('\n', "\r\n"),
    );
    let e = read(bytes.as_bytes());
    assert_eq!(e.quality.header_line, 2);
    let lines: Vec<u32> = e.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 4, 6, 8]);
    assert_eq!(
        e.quality
            .rejected_in("invalid date", "offence_date")
            .unwrap()
            .examples,
        [7]
    );
    same_when_streamed(bytes.as_bytes());
}

/// A NUL in the first 8 KB used to refuse the file as binary, the same NUL later was read as
/// part of a value. Now one rule: the row holding a NUL is rejected, wherever it is.
#[test]
fn a_nul_byte_rejects_its_row_wherever_it_is() {
    let nul_row = "C1,01/01/2022,03/04/2023,Youth\0Caution,Theft,North\n".to_string();
    for at in [0, 400] {
        let mut rows: Vec<String> = (0..500).map(row).collect();
        rows.insert(at, nul_row.clone());
        let bytes = file(&rows);
        let e = read(&bytes);
        let r = e
            .quality
            .rejected_in("binary data", "outcome")
            .expect("rejected");
        assert_eq!((r.count, r.examples.clone()), (1, vec![at as u32 + 2]));
        assert_eq!(e.quality.rows_used, 500);
        same_when_streamed(&bytes);
    }
    // A binary file is still refused as one.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(std::iter::repeat_n(0u8, 100));
    assert_eq!(
        read_extract(&png, &options()).unwrap_err().kind,
        RefusalKind::NotText
    );
}

/// A zip archive whose entries are `(name, stored content)`.
fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, data) in entries {
        out.extend_from_slice(b"PK\x03\x04");
        out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // version, flags, stored, time
        out.extend_from_slice(&[0; 4]); // crc (unchecked here)
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
    }
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0; 18]);
    out
}

/// A plain zip used to be called "an Excel workbook".
#[test]
fn zip_archives_are_told_apart_by_their_entries() {
    let refused = |bytes: &[u8]| read_extract(bytes, &options()).unwrap_err().message;
    assert_eq!(
        refused(&zip(&[("extract.csv", HEADER.as_bytes())])),
        "This is a zip archive, not a CSV file; unzip it and drop the CSV file inside."
    );
    assert_eq!(
        refused(&zip(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("xl/workbook.xml", b"<workbook/>")
        ])),
        "This is an Excel workbook; save it as CSV and drop that file."
    );
    assert_eq!(
        refused(&zip(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet"
            ),
            ("content.xml", b"<office/>")
        ])),
        "This is an OpenDocument spreadsheet; save it as CSV and drop that file."
    );
    assert_eq!(
        refused(b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"),
        "This is a zip archive, not a CSV file; unzip it and drop the CSV file inside."
    );
}
