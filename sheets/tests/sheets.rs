//! Spreadsheets in (issue 13): an .xlsx or .ods extract gives the same report as its CSV; a
//! published table's data sheet is found past its cover and notes sheets and reads as its CSV;
//! a zip of workbooks lists every table; files that are not spreadsheets get one sentence.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::{ods, records, xlsx_of, zip_of, Cell, Dates};
use yjlens_core::extract::{read_extract, read_table, MappingProfile, ReadOptions};
use yjlens_core::measures::compute;
use yjlens_core::report::Settings;
use yjlens_core::sample::{extract_csv, SampleSize};
use yjlens_sheets::{convert, is_spreadsheet, list, Choice, SheetError};

fn profile() -> MappingProfile {
    MappingProfile::default()
}

/// The report object (JSON) of an extract's bytes.
fn report_json(bytes: &[u8]) -> serde_json::Value {
    let extract = read_extract(bytes, &ReadOptions::default()).expect("read");
    serde_json::to_value(compute(&extract, &Settings::default(), None)).unwrap()
}

fn sample() -> String {
    extract_csv(SampleSize::Children(200), 7)
}

#[test]
fn xlsx_extract_gives_the_same_report_as_its_csv() {
    let csv = sample();
    let want = report_json(csv.as_bytes());
    assert!(want["quality"]["rows_used"].as_u64().unwrap() > 200);
    for dates in [Dates::Cells, Dates::Serials, Dates::Mixed, Dates::Text] {
        let xlsx = xlsx_of(&csv, dates, false);
        assert!(is_spreadsheet(&xlsx));
        let got = convert(&xlsx, "extract.xlsx", &Choice::Best, false, &profile()).unwrap();
        assert_eq!(got.listing.kind, "Excel workbook");
        assert_eq!(got.used, 0);
        assert!(got.listing.clear);
        assert_eq!(
            report_json(&got.csv),
            want,
            "dates stored as {}",
            dates as u8
        );
    }
}

#[test]
fn xlsx_data_sheet_chosen_past_cover_and_notes() {
    let csv = sample();
    let xlsx = xlsx_of(&csv, Dates::Mixed, true);
    let listing = list(&xlsx, "extract.xlsx", &profile()).unwrap();
    let names: Vec<&str> = listing.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Cover", "Data", "Notes"]);
    assert_eq!(listing.best, Some(1));
    assert!(listing.clear);
    let data = &listing.tables[1];
    assert_eq!(
        (data.header_row, data.required, data.known),
        (Some(1), 4, 13)
    );
    assert!(listing.tables[0].header_row.is_none());
    assert!(listing.tables[2].aside);

    let got = convert(&xlsx, "extract.xlsx", &Choice::Best, false, &profile()).unwrap();
    assert_eq!(report_json(&got.csv), report_json(csv.as_bytes()));
    assert_eq!(
        got.note("extract.xlsx"),
        "Read from the sheet “Data” of extract.xlsx (its other sheets: Cover, Notes)."
    );
    // Chosen by name (any case), by number, by index.
    for choice in [
        Choice::Name("notes".into()),
        Choice::Name("3".into()),
        Choice::Index(2),
    ] {
        let notes = convert(&xlsx, "extract.xlsx", &choice, false, &profile()).unwrap();
        assert_eq!(notes.used, 2);
        assert_eq!(
            String::from_utf8(notes.csv).unwrap(),
            "Note number,Note text\n1,Synthetic data.\n"
        );
    }
    let err = convert(
        &xlsx,
        "extract.xlsx",
        &Choice::Name("Summary".into()),
        false,
        &profile(),
    )
    .unwrap_err();
    assert_eq!(
        err.0,
        "extract.xlsx has no table “Summary”; its tables are “Cover”, “Data”, “Notes”."
    );
}

#[test]
fn blank_rows_title_lines_and_line_numbers_as_in_the_csv() {
    // A title line, a blank row in the middle, a bad row (line 6), and blank rows at the end.
    let csv = "Youth justice extract produced 30/09/2025\n\
               child_id,offence_date,outcome_date,outcome\n\
               C1,01/02/2023,03/04/2023,Youth Caution\n\
               \n\
               C2,01/02/2023,03/04/2023,Referral Order\n\
               C3,not a date,03/04/2023,Referral Order\n";
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, line) in csv.lines().enumerate() {
        for rec in records(line) {
            for (c, v) in rec.iter().enumerate() {
                ws.write_string(r as u32, c as u16, v).unwrap();
            }
        }
    }
    // A formatted but empty cell far below: blank rows at the end are dropped.
    ws.write_blank(20, 0, &rust_xlsxwriter::Format::new().set_bold())
        .unwrap();
    let xlsx = wb.save_to_buffer().unwrap();
    let got = convert(&xlsx, "x.xlsx", &Choice::Best, false, &profile()).unwrap();
    let text = String::from_utf8(got.csv.clone()).unwrap();
    assert_eq!(
        text,
        "Youth justice extract produced 30/09/2025,,,\n\
         child_id,offence_date,outcome_date,outcome\n\
         C1,01/02/2023,03/04/2023,Youth Caution\n\
         \n\
         C2,01/02/2023,03/04/2023,Referral Order\n\
         C3,not a date,03/04/2023,Referral Order\n"
    );
    assert_eq!(got.listing.tables[0].header_row, Some(2));
    let a = read_extract(&got.csv, &ReadOptions::default())
        .unwrap()
        .quality;
    let b = read_extract(csv.as_bytes(), &ReadOptions::default())
        .unwrap()
        .quality;
    assert_eq!(a.rows_read, b.rows_read);
    assert_eq!(a.rows_rejected, 1);
    assert_eq!(a.rejected_lines, b.rejected_lines);
    assert_eq!(a.rejected_lines[0].line, 6);
    assert_eq!((a.title_date, a.header_line), (b.title_date, b.header_line));
    assert!(a.title_date.is_some());
    // From the header: the title line goes.
    let from_header = convert(&xlsx, "x.xlsx", &Choice::Best, true, &profile()).unwrap();
    assert!(String::from_utf8(from_header.csv)
        .unwrap()
        .starts_with("child_id,"));
}

const PUBLISHED: [&str; 8] = [
    "Financial_Year",
    "England_Wales",
    "Region",
    "YJS",
    "Age_Group",
    "Sex",
    "Ethnicity_Group",
    "Number_Children",
];

/// Rows of a published children table (header first), as CSV text and as ODS cells.
fn published_rows() -> (String, Vec<Vec<Cell<'static>>>) {
    let rows: [[&'static str; 7]; 4] = [
        [
            "2023-24", "England", "London", "Barnet", "10-14", "Male", "White",
        ],
        [
            "2023-24", "England", "London", "Barnet", "15-17", "Female", "Black",
        ],
        [
            "2023-24",
            "England",
            "North East",
            "Gateshead",
            "10-14",
            "Male",
            "Mixed",
        ],
        [
            "2023-24",
            "Wales",
            "Wales",
            "Cardiff",
            "15-17",
            "Male",
            "Asian, Other",
        ],
    ];
    let counts = [12.0, 7.0, 3.0, 1234.0];
    let mut csv = PUBLISHED.join(",") + "\n";
    let mut cells = vec![PUBLISHED.iter().map(|h| Cell::Text(h)).collect::<Vec<_>>()];
    for (row, n) in rows.iter().zip(counts) {
        let quoted: Vec<String> = row
            .iter()
            .map(|v| {
                if v.contains(',') {
                    format!("\"{v}\"")
                } else {
                    v.to_string()
                }
            })
            .collect();
        csv.push_str(&format!("{},{n}\n", quoted.join(",")));
        let mut r: Vec<Cell<'static>> = row.iter().map(|v| Cell::Text(v)).collect();
        r.push(Cell::Number(n));
        cells.push(r);
    }
    (csv, cells)
}

/// A published table as ODS: a cover sheet, a notes sheet, then the data sheet with two
/// title lines above its header.
fn published_ods() -> (String, Vec<u8>) {
    let (csv, cells) = published_rows();
    let mut data = vec![
        vec![Cell::Text(
            "Table 3: Children in the youth justice system by ethnicity",
        )],
        vec![Cell::Text("This worksheet contains one table.")],
    ];
    data.extend(cells);
    let book = ods(&[
        (
            "Cover",
            vec![
                vec![Cell::Text(
                    "Youth Justice Statistics 2023-24: local level tables",
                )],
                vec![Cell::Text("Published 23 January 2025")],
            ],
        ),
        (
            "Notes",
            vec![
                vec![Cell::Text("Note number"), Cell::Text("Note text")],
                vec![Cell::Number(1.0), Cell::Text("Figures are not rounded.")],
                vec![Cell::Number(2.0), Cell::Text("Totals may not add up.")],
            ],
        ),
        ("Table_3", data),
    ]);
    (csv, book)
}

#[test]
fn published_ods_table_reads_as_its_csv() {
    let (csv, book) = published_ods();
    let listing = list(&book, "children.ods", &profile()).unwrap();
    assert_eq!(listing.kind, "OpenDocument spreadsheet");
    let names: Vec<&str> = listing.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Cover", "Notes", "Table_3"]);
    assert_eq!(listing.best, Some(2));
    assert!(listing.clear, "{listing:?}");
    assert_eq!(listing.tables[2].header_row, Some(3));
    assert_eq!(listing.tables[2].header, PUBLISHED);

    let got = convert(&book, "children.ods", &Choice::Best, true, &profile()).unwrap();
    assert_eq!(String::from_utf8(got.csv.clone()).unwrap(), csv);
    assert_eq!(
        read_table(&got.csv).unwrap(),
        read_table(csv.as_bytes()).unwrap()
    );
    // From the sheet's first row: the title lines, then the same table.
    let whole = convert(&book, "children.ods", &Choice::Best, false, &profile()).unwrap();
    let text = String::from_utf8(whole.csv).unwrap();
    assert!(text.starts_with(
        "Table 3: Children in the youth justice system by ethnicity,,,,,,,\nThis worksheet contains one table.,,,,,,,\nFinancial_Year,"
    ));
    assert!(text.ends_with(&csv));
}

#[test]
fn zip_of_ods_lists_every_table() {
    let (csv, book) = published_ods();
    let (_, other) = published_ods();
    let zip = zip_of(&[
        ("tables/children.ods", &book),
        ("tables/offences.ods", &other),
        ("tables/children.csv", csv.as_bytes()),
        ("__MACOSX/tables/._children.ods", b"junk"),
        ("README.txt", b"Read me."),
    ]);
    assert!(is_spreadsheet(&zip));
    let listing = list(&zip, "yjs-tables.zip", &profile()).unwrap();
    assert_eq!(listing.kind, "zip archive");
    let names: Vec<&str> = listing.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "tables/children.csv",
            "tables/children.ods › Cover",
            "tables/children.ods › Notes",
            "tables/children.ods › Table_3",
            "tables/offences.ods › Cover",
            "tables/offences.ods › Notes",
            "tables/offences.ods › Table_3",
        ]
    );
    // Several data tables alike: the choice is not clear (a person picks).
    assert!(!listing.clear);
    let got = convert(
        &zip,
        "yjs-tables.zip",
        &Choice::Name("tables/offences.ods › Table_3".into()),
        true,
        &profile(),
    )
    .unwrap();
    assert_eq!(got.used, 6);
    assert_eq!(String::from_utf8(got.csv).unwrap(), csv);
    assert_eq!(
        convert(&zip, "yjs-tables.zip", &Choice::Index(6), true, &profile())
            .unwrap()
            .note("yjs-tables.zip")
            .split(" (")
            .next()
            .unwrap(),
        "Read from the sheet “Table_3” of tables/offences.ods in yjs-tables.zip"
    );
    // The CSV file inside: its bytes as they are.
    let inner = convert(
        &zip,
        "yjs-tables.zip",
        &Choice::Name("children.csv".into()),
        false,
        &profile(),
    );
    assert!(inner.is_err(), "a file name needs its folder");
    let inner = convert(&zip, "yjs-tables.zip", &Choice::Index(0), false, &profile()).unwrap();
    assert_eq!(inner.csv, csv.as_bytes());
}

#[test]
fn ods_extract_with_date_cells_gives_the_same_report_as_its_csv() {
    let csv = sample();
    let recs = records(&csv);
    let header = recs[0].clone();
    let iso: Vec<Vec<String>> = recs
        .iter()
        .map(|r| {
            r.iter()
                .zip(&header)
                .map(|(v, h)| match support::dmy(v) {
                    Some((y, m, d)) if h.ends_with("_date") || h == "date_of_birth" => {
                        format!("{y:04}-{m:02}-{d:02}")
                    }
                    _ => v.clone(),
                })
                .collect()
        })
        .collect();
    let rows: Vec<Vec<Cell<'_>>> = recs
        .iter()
        .zip(&iso)
        .enumerate()
        .map(|(i, (r, d))| {
            r.iter()
                .zip(d)
                .map(|(v, dv)| {
                    if v.is_empty() {
                        Cell::Empty
                    } else if i > 0 && dv != v {
                        Cell::Date(dv)
                    } else if i > 0 && !v.starts_with('0') && v.parse::<f64>().is_ok() {
                        Cell::Number(v.parse().unwrap())
                    } else {
                        Cell::Text(v)
                    }
                })
                .collect()
        })
        .collect();
    let book = ods(&[("Extract", rows)]);
    let got = convert(&book, "extract.ods", &Choice::Best, false, &profile()).unwrap();
    assert_eq!(report_json(&got.csv), report_json(csv.as_bytes()));
}

#[test]
fn files_that_are_not_spreadsheets_get_one_sentence() {
    let one = |bytes: &[u8]| -> String {
        let SheetError(s) = list(bytes, "file", &profile()).unwrap_err();
        assert!(s.ends_with('.') && !s.contains('\n'), "{s}");
        s
    };
    assert!(one(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest").contains("(.xls)"));
    assert!(one(b"PK\x03\x04 truncated").contains("cannot be opened"));
    let docx = zip_of(&[
        ("[Content_Types].xml", b"<x/>"),
        ("word/document.xml", b"<x/>"),
    ]);
    assert!(one(&docx).contains("Word document"));
    let xlsb = zip_of(&[("[Content_Types].xml", b"<x/>"), ("xl/workbook.bin", b"")]);
    assert!(one(&xlsb).contains(".xlsb"));
    let photos = zip_of(&[("a.jpg", b"\xFF\xD8"), ("notes.txt", b"hi")]);
    assert!(one(&photos).contains("holds no spreadsheet"));
    let odt = zip_of(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", b"<x/>"),
    ]);
    assert!(one(&odt).contains("not a spreadsheet"));
    let empty = ods(&[("Sheet1", vec![])]);
    assert!(one(&empty).contains("no worksheet with anything in it"));
    assert!(!is_spreadsheet(b"child_id,offence_date\n"));
}
