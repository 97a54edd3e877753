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

#[test]
fn xlsx_cells_of_every_type() {
    // Written by hand: a 1904 workbook, rich and phonetic shared strings, inline strings, a
    // formula's string, booleans, an error, an ISO date cell, date styles built in and custom,
    // an elapsed-time style, cells without references, a hidden sheet.
    let content_types = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#;
    let rels = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let workbook = br#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="Hidden" sheetId="2" state="hidden" r:id="rId2"/><sheet name="Cells &amp; types" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let wb_rels = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;
    let strings = br#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>child_id</t></si><si><r><rPr><b/></rPr><t>outcome</t></r><r><t>_date</t></r><rPh><t>IGNORED</t></rPh></si><si><t xml:space="preserve"> two  spaces_x000D_</t></si><si/></sst>"#;
    let styles = br#"<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/><numFmt numFmtId="165" formatCode="[h]:mm"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>"#;
    let sheet1 = br#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:H3"/><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c t="inlineStr"><is><t>a &lt;b&gt; &#233;</t></is></c><c r="E1" t="s"><v>2</v></c><c r="F1" t="s"><v>3</v></c></row>
<row r="3"><c r="A3" t="str"><f>A1</f><v>x,"y"</v></c><c r="B3" s="1"><v>43190</v></c><c r="C3" s="2"><v>43190.5</v></c><c r="D3" t="b"><v>1</v></c><c r="E3" t="e"><v>#N/A</v></c><c r="F3" t="d"><v>2023-04-01T00:00:00</v></c><c r="G3" s="3"><v>1.5</v></c><c r="H3"><v>0.30000000000000004</v></c></row>
<row r="7" spans="1:3"><c r="A7" s="1"/></row>
</sheetData></worksheet>"#;
    let sheet2 = br#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>"#;
    let xlsx = zip_of(&[
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", rels),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", wb_rels),
        ("xl/sharedStrings.xml", strings),
        ("xl/styles.xml", styles),
        ("xl/worksheets/sheet1.xml", sheet1),
        ("xl/worksheets/sheet2.xml", sheet2),
    ]);
    let listing = list(&xlsx, "types.xlsx", &profile()).unwrap();
    let names: Vec<(&str, bool)> = listing
        .tables
        .iter()
        .map(|t| (t.name.as_str(), t.hidden))
        .collect();
    assert_eq!(names, [("Hidden", true), ("Cells & types", false)]);
    assert_eq!(listing.best, Some(1));
    let t = &listing.tables[1];
    assert_eq!((t.rows, t.columns), (3, 8));
    let got = convert(
        &xlsx,
        "types.xlsx",
        &Choice::Name("cells & TYPES".into()),
        false,
        &profile(),
    )
    .unwrap();
    assert_eq!(
        String::from_utf8(got.csv).unwrap(),
        "child_id,outcome_date,a <b> é,,\" two  spaces\r\",,,\n\
         \n\
         \"x,\"\"y\"\"\",2022-04-01,2022-04-01 12:00:00,TRUE,#N/A,2023-04-01,1.5,0.3\n"
    );
}

#[test]
fn ods_repeats_spaces_notes_and_hidden_tables() {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0">
<office:automatic-styles><style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style><style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style></office:automatic-styles>
<office:body><office:spreadsheet>
<table:table table:name="Secret" table:style-name="ta2"><table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>
<table:table table:name="Data" table:style-name="ta1"><table:table-column table:number-columns-repeated="1024"/>
<table:table-header-rows><table:table-row><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>Region</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Number<text:s/>of<text:s text:c="2"/>children</text:p><office:annotation><text:p>A note, not data</text:p></office:annotation></table:table-cell><table:table-cell office:value-type="string"><text:p>Share</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1021"/></table:table-row></table:table-header-rows>
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2" office:value-type="string"><text:p>Same</text:p></table:table-cell><table:table-cell office:value-type="percentage" office:value="0.125"><text:p>12.5%</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>Two</text:p><text:p>lines &amp; more</text:p></table:table-cell><table:covered-table-cell/><table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell><table:table-cell office:value-type="time" office:time-value="PT01H30M00S"/></table:table-row>
<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
</table:table>
</office:spreadsheet></office:body></office:document-content>"#;
    let book = zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".as_slice(),
        ),
        ("content.xml", content.as_bytes()),
    ]);
    let listing = list(&book, "repeats.ods", &profile()).unwrap();
    let t = &listing.tables[1];
    assert_eq!(
        (t.name.as_str(), t.hidden, t.rows, t.columns),
        ("Data", false, 7, 4)
    );
    assert!(listing.tables[0].hidden);
    assert_eq!(listing.best, Some(1));
    assert_eq!(t.header, ["Region", "Number of  children", "Share"]);
    let got = convert(&book, "repeats.ods", &Choice::Best, false, &profile()).unwrap();
    assert_eq!(
        String::from_utf8(got.csv).unwrap(),
        "Region,Number of  children,Share,\n\
         Same,Same,0.125,\n\
         Same,Same,0.125,\n\
         \n\n\n\
         \"Two\nlines & more\",,TRUE,01:30:00\n"
    );
}

#[test]
fn password_protected_ods() {
    let book = zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".as_slice(),
        ),
        ("content.xml", b"\x01\x02 encrypted"),
        ("META-INF/manifest.xml", b"<manifest:encryption-data/>"),
    ]);
    let err = list(&book, "secret.ods", &profile()).unwrap_err();
    assert!(err.0.contains("password"), "{err}");
}

#[test]
fn hostile_repeats_and_row_numbers_stay_bounded() {
    // A row with a value repeated two billion times: listed at once (never expanded).
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>
<table:table table:name="Big"><table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>b</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="2000000000"><table:table-cell table:number-columns-repeated="999999999" office:value-type="float" office:value="1"/></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"#;
    let book = zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".as_slice(),
        ),
        ("content.xml", content.as_bytes()),
    ]);
    let started = std::time::Instant::now();
    let listing = list(&book, "big.ods", &profile()).unwrap();
    assert_eq!(
        (listing.tables[0].rows, listing.tables[0].columns),
        (2_000_000_001, 16_384)
    );
    assert!(started.elapsed().as_secs() < 5);

    // An .xlsx row numbered past four billion after row 1: refused, not four billion lines.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "child_id").unwrap();
    ws.write_string(0, 1, "outcome").unwrap();
    ws.write_string(1, 0, "C1").unwrap();
    let xlsx = wb.save_to_buffer().unwrap();
    // Rewrite the sheet's second row number.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().into_owned();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut data).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let text = String::from_utf8(data).unwrap();
            data = text
                .replace(r#"<row r="2""#, r#"<row r="4000000002""#)
                .replace(r#"r="A2""#, r#"r="A4000000002""#)
                .into_bytes();
        }
        files.push((name, data));
    }
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    let hostile = zip_of(&refs);
    let err = convert(&hostile, "x.xlsx", &Choice::Best, false, &profile()).unwrap_err();
    assert_eq!(
        err.0,
        "The table “Sheet1” is over 1 GB as CSV: too large to read here."
    );
}

/// Issue 16: in Welsh (`lang="cy"`), the note naming the table read and the refusals are the
/// Welsh table's sentences, with the file's own names (sheets, files) as they are.
#[test]
fn notes_and_refusals_follow_the_language_in_use() {
    use yjlens_core::catalogue::messages::in_language;
    use yjlens_core::catalogue::Lang;
    let csv = sample();
    let xlsx = xlsx_of(&csv, Dates::Mixed, true);
    let (note, kind, refusal, no_table) = in_language(Lang::Cy, || {
        let got = convert(&xlsx, "extract.xlsx", &Choice::Best, false, &profile()).unwrap();
        let docx = zip_of(&[
            ("[Content_Types].xml", b"<x/>"),
            ("word/document.xml", b"<x/>"),
        ]);
        let SheetError(refusal) = list(&docx, "file", &profile()).unwrap_err();
        let SheetError(no_table) =
            convert(&xlsx, "extract.xlsx", &Choice::Index(7), false, &profile()).unwrap_err();
        (
            got.note("extract.xlsx"),
            got.listing.kind,
            refusal,
            no_table,
        )
    });
    // Hand-checked Welsh: "taflen" (sheet) is feminine, so "o’r daflen" and "ei thaflenni".
    assert_eq!(
        note,
        "Darllenwyd o’r daflen “Data” yn extract.xlsx (ei thaflenni eraill: Cover, Notes)."
    );
    assert_eq!(kind, "llyfr gwaith Excel");
    assert_eq!(
        refusal,
        "Dogfen Word yw hon, nid taenlen; gollyngwch y darn data fel CSV, .xlsx neu .ods."
    );
    assert_eq!(
        no_table,
        "Nid oes tabl 8 yn extract.xlsx; ei thablau yw “Cover”, “Data”, “Notes”."
    );
    // English again outside: the language is the call's, not the crate's.
    let got = convert(&xlsx, "extract.xlsx", &Choice::Best, false, &profile()).unwrap();
    assert!(got.note("extract.xlsx").starts_with("Read from the sheet"));
}
