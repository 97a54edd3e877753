//! Spreadsheets on the command line (issue 13): `report`, `quality` and `aggregate` take an
//! .xlsx extract and an .ods population file as they take the CSVs, with the same result;
//! which table was read is said on stderr; `--sheet` chooses another.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../../sheets/tests/support/mod.rs"]
mod support;

mod common;

use common::{ok_and_stderr as ok, yjlens, Folder};

use support::{ods, records, xlsx_of, Cell, Dates};
use yjlens_core::sample::{extract_csv, population_csv, SampleSize};

/// A population file as .ods: a notes sheet, then the table under a title line.
fn population_ods(csv: &str) -> Vec<u8> {
    let recs = records(csv);
    let mut rows: Vec<Vec<Cell<'_>>> =
        vec![vec![Cell::Text("Population aged 10 to 17 (synthetic)")]];
    for (i, r) in recs.iter().enumerate() {
        rows.push(
            r.iter()
                .map(|v| match v.parse::<f64>() {
                    Ok(n) if i > 0 => Cell::Number(n),
                    _ => Cell::Text(v),
                })
                .collect(),
        );
    }
    ods(&[
        (
            "Notes",
            vec![
                vec![Cell::Text("Note number"), Cell::Text("Note text")],
                vec![Cell::Number(1.0), Cell::Text("Made up.")],
            ],
        ),
        ("Population", rows),
    ])
}

#[test]
fn an_xlsx_extract_and_an_ods_population_give_the_csvs_report() {
    let dir = Folder::new("sheets");
    let size = SampleSize::Children(200);
    let csv = extract_csv(size, 7);
    let pop = population_csv(size, 7);
    let extract_csv = dir.put("extract.csv", csv.as_bytes());
    let pop_csv = dir.put("pop.csv", pop.as_bytes());
    let extract_xlsx = dir.put("extract.xlsx", xlsx_of(&csv, Dates::Mixed, true));
    let pop_ods = dir.put("pop.ods", population_ods(&pop));

    let (want, quiet) = ok(&["report", &extract_csv, "--json", "--population", &pop_csv]);
    assert!(quiet.is_empty());
    let (got, said) = ok(&["report", &extract_xlsx, "--json", "--population", &pop_ods]);
    assert_eq!(got.replace("pop.ods", "pop.csv"), want);
    assert_eq!(
        said,
        "Read from the sheet “Data” of extract.xlsx (its other sheets: Cover, Notes).\n\
         Read from the sheet “Population” of pop.ods (its other sheets: Notes).\n"
    );
    assert_eq!(
        ok(&["quality", &extract_xlsx]).0,
        ok(&["quality", &extract_csv]).0
    );
    // The aggregate files, without their generated_at column.
    let strip = |s: String| -> Vec<Vec<String>> {
        let recs = records(s.trim_start_matches('\u{feff}'));
        let at = recs[0].iter().position(|h| h == "generated_at").unwrap();
        recs.into_iter()
            .map(|mut r| {
                r.remove(at);
                r.into_iter()
                    .map(|v| {
                        v.replace("pop.ods", "pop.csv")
                            .replace("extract.xlsx", "extract.csv")
                    })
                    .collect()
            })
            .collect()
    };
    let agg_csv = ok(&["aggregate", &extract_csv, "--population", &pop_csv]).0;
    let agg_xlsx = ok(&[
        "aggregate",
        &extract_xlsx,
        "--sheet",
        "Data",
        "--population",
        &pop_ods,
    ])
    .0;
    let want = strip(agg_csv);
    assert!(want.len() > 100);
    // (The source named is the file's: extract.xlsx, pop.ods.)
    let got = strip(agg_xlsx);
    let first = got.iter().zip(&want).position(|(a, b)| a != b);
    assert!(
        got.len() == want.len() && first.is_none(),
        "the aggregate files differ: {} and {} rows; first at {first:?}: {:?} / {:?}",
        got.len(),
        want.len(),
        first.map(|i| &got[i]),
        first.map(|i| &want[i])
    );

    // Another sheet, by name: the notes are no extract.
    let out = yjlens(&["quality", &extract_xlsx, "--sheet", "Notes"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("Read from the sheet “Notes”"), "{err}");
    // No such sheet; --sheet with a CSV.
    for (args, says) in [
        (
            vec!["quality", &extract_xlsx, "--sheet", "Summary"],
            "extract.xlsx has no table “Summary”; its tables are “Cover”, “Data”, “Notes”.",
        ),
        (
            vec!["quality", &extract_csv, "--sheet", "Data"],
            "--sheet is for a spreadsheet (.xlsx, .ods or a zip of them), and ",
        ),
    ] {
        let out = yjlens(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8(out.stderr).unwrap().starts_with(says),
            "{args:?}"
        );
    }
}
