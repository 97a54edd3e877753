//! `yjlens compare` and `aggregate --area` (`comparators.md`, "CLI"), on the synthetic
//! fixtures of tests/fixtures/comparators (written by its make_fixtures.py): the published
//! children table for 24 YJSs as CSV and as the publication's ODS (a cover sheet, then the
//! data sheet, in a zip), the Nomis population, a family file, and Camden's 12-child extract.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../../sheets/tests/support/mod.rs"]
mod support;

mod common;

use std::process::Output;

use common::{ok, yjlens, Folder};

use serde_json::Value;
use support::{ods, records, zip_of, Cell};

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/fixtures/comparators/"
);

fn fixture(name: &str) -> String {
    format!("{DIR}{name}")
}

/// The children table as the publication's ODS: a cover sheet, a notes sheet, then the data
/// sheet (counts as numbers).
pub fn children_table_ods() -> Vec<u8> {
    let csv = std::fs::read_to_string(fixture("children_table.csv")).unwrap();
    let recs = records(&csv);
    let data: Vec<Vec<Cell<'_>>> = recs
        .iter()
        .enumerate()
        .map(|(i, r)| {
            r.iter()
                .enumerate()
                .map(|(j, v)| match v.parse::<f64>() {
                    Ok(n) if i > 0 && j == 7 => Cell::Number(n),
                    _ => Cell::Text(v),
                })
                .collect()
        })
        .collect();
    ods(&[
        (
            "Cover",
            vec![
                vec![Cell::Text(
                    "Youth Justice Statistics: children cautioned or sentenced (synthetic)",
                )],
                vec![Cell::Text(
                    "This workbook is a test fixture: every number is made up.",
                )],
            ],
        ),
        (
            "Notes",
            vec![vec![Cell::Text("Note 1"), Cell::Text("Synthetic.")]],
        ),
        ("Table_1", data),
    ])
}

fn compare_json(table: &str, extra: &[&str]) -> Vec<Value> {
    let mut args = vec![
        "compare",
        DIR_EXTRACT,
        "--extract-date",
        "2024-06-30",
        "--comparators",
        table,
        "--population",
        NOMIS,
        "--area",
        "Camden",
        "--json",
    ];
    args.extend_from_slice(extra);
    let extract = fixture("camden_extract.csv");
    let nomis = fixture("nomis_population.csv");
    let args: Vec<&str> = args
        .into_iter()
        .map(|a| match a {
            DIR_EXTRACT => extract.as_str(),
            NOMIS => nomis.as_str(),
            a => a,
        })
        .collect();
    serde_json::from_str::<Vec<Value>>(&ok(&args)).unwrap()
}

const DIR_EXTRACT: &str = "<extract>";
const NOMIS: &str = "<nomis>";

fn all_rate<'a>(rows: &'a [Value], kind: &str, area: &str) -> &'a Value {
    rows.iter()
        .find(|r| {
            r["measure"] == "disp_rate"
                && r["breakdown"] == "all"
                && r["period_start"] == "2023-04-01"
                && r["area_kind"] == kind
                && r["area"] == area
        })
        .unwrap_or_else(|| panic!("no {kind} row for {area}"))
}

#[test]
fn compare_json_gives_the_hand_worked_rank_and_the_spec_shape() {
    let family = fixture("family.csv");
    let rows = compare_json(&fixture("children_table.csv"), &["--family", &family]);
    let ours = all_rate(&rows, "ours", "Camden");
    // The object's keys, exactly (`comparators.md`, "CLI").
    let keys: Vec<&str> = ours
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut want = vec![
        "measure",
        "stage",
        "period_type",
        "period_start",
        "period_end",
        "breakdown",
        "group",
        "area",
        "area_code",
        "area_kind",
        "numerator",
        "denominator",
        "value",
        "rank",
        "rank_of",
        "rank_region",
        "rank_region_of",
        "rank_family",
        "rank_family_of",
        "published_ours",
    ];
    let mut got = keys.clone();
    got.sort_unstable();
    want.sort_unstable();
    assert_eq!(got, want);
    // 12 children over 10,000 aged 10-17 = 1.2 per 1,000. Of the 23 other YJSs, 7 have fewer
    // than 12 children per 10,000 (Barnet 5, Brent 6, Croydon 7, Brighton and Hove 8,
    // Islington 9, Portsmouth 10, Medway 11): rank 1 + 7 = 8 of 24. In London, 4 of the 11
    // others are lower (5, 6, 7, 9): 5th of 12. In the family, 3 of 9 (5, 6, 9): 4th of 10.
    assert_eq!(ours["value"], 1.2);
    assert_eq!(
        (ours["rank"].as_u64(), ours["rank_of"].as_u64()),
        (Some(8), Some(24))
    );
    assert_eq!(ours["rank_region"].as_u64(), Some(5));
    assert_eq!(ours["rank_region_of"].as_u64(), Some(12));
    assert_eq!(ours["rank_family"].as_u64(), Some(4));
    assert_eq!(ours["stage"], "substantive");
    let published = all_rate(&rows, "yjs", "Camden");
    assert_eq!(published["published_ours"], true);
    assert_eq!(published["rank"], Value::Null);
    assert_eq!(published["numerator"], 14.0);
    // London pooled as published: 179 children over 120,000.
    let london = all_rate(&rows, "region", "London");
    assert_eq!(
        (london["numerator"].as_f64(), london["denominator"].as_f64()),
        (Some(179.0), Some(120_000.0))
    );
    // Exactly one `ours` object per figure.
    let mut figures = std::collections::BTreeSet::new();
    for r in rows.iter().filter(|r| r["area_kind"] == "ours") {
        let key = format!(
            "{}|{}|{}|{}|{}|{}",
            r["measure"],
            r["stage"],
            r["period_type"],
            r["period_start"],
            r["breakdown"],
            r["group"]
        );
        assert!(figures.insert(key), "two ours objects for one figure");
    }
}

#[test]
fn the_children_table_as_ods_in_a_zip_gives_the_csvs_comparators() {
    let dir = Folder::new("ods");
    let ods = children_table_ods();
    let ods_path = dir.put("children.ods", &ods);
    let zip_path = dir.put("yjs_tables.zip", zip_of(&[("children.ods", &ods)]));
    let committed = fixture("children_table.ods");
    let csv = compare_json(&fixture("children_table.csv"), &[]);
    assert!(csv.len() > 100);
    assert_eq!(compare_json(&ods_path, &[]), csv);
    assert_eq!(compare_json(&zip_path, &[]), csv);
    // The committed ODS (the e2e test's) is this workbook.
    assert_eq!(compare_json(&committed, &[]), csv);
}

#[test]
fn aggregate_with_area_writes_area_columns_and_reads_back_as_a_comparator() {
    let dir = Folder::new("agg");
    let extract = fixture("camden_extract.csv");
    let csv = ok(&[
        "aggregate",
        &extract,
        "--extract-date",
        "2024-06-30",
        "--no-suppress",
        "--area",
        "Camden",
        "--area-code",
        "E09000007",
    ]);
    let header = csv.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert!(
        header.starts_with("area_code,area,measure,stage,"),
        "{header}"
    );
    assert!(csv.lines().nth(1).unwrap().starts_with("E09000007,Camden,"));
    // Read back as a comparator file, it is our own published row: marked, not ranked.
    let path = dir.put("camden_aggregate.csv", csv.as_bytes());
    let rows: Vec<Value> = serde_json::from_str(&ok(&[
        "compare",
        &extract,
        "--extract-date",
        "2024-06-30",
        "--comparators",
        &path,
        "--area-code",
        "E09000007",
        "--json",
    ]))
    .unwrap();
    let ours = rows.iter().filter(|r| r["area_kind"] == "ours").count();
    let published: Vec<&Value> = rows
        .iter()
        .filter(|r| r["published_ours"] == true)
        .collect();
    assert!(ours > 0);
    assert_eq!(
        published.len(),
        ours,
        "one published row beside each of ours"
    );
    assert!(published
        .iter()
        .all(|r| r["area_code"] == "E09000007" && r["rank"].is_null()));
}

#[test]
fn a_file_that_is_not_a_comparator_file_is_refused_in_one_sentence() {
    let extract = fixture("camden_extract.csv");
    let out = yjlens(&["compare", &extract, "--comparators", &extract]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("camden_extract.csv is not a comparator file"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1);
}

#[test]
fn the_readable_comparison_names_the_rank_and_the_published_figure() {
    let family = fixture("family.csv");
    let out = ok(&[
        "compare",
        &fixture("camden_extract.csv"),
        "--extract-date",
        "2024-06-30",
        "--comparators",
        &fixture("children_table.csv"),
        &fixture("headline.csv"),
        "--population",
        &fixture("nomis_population.csv"),
        "--area",
        "Camden",
        "--family",
        &family,
    ]);
    assert!(out.contains("  Camden: 1.20 — 8th lowest of 24 YJSs (1 = lowest); 5th lowest of 12 YJSs in London (1 = lowest); 4th lowest of 10 YJSs in Inner London family (1 = lowest)\n"), "{out}");
    assert!(
        out.contains("  Camden: 1.40 (published) — similar\n"),
        "{out}"
    );
    assert!(
        out.contains("  Inner London family: 1.59 — similar (10 of 10 members with data)\n"),
        "{out}"
    );
}

/// Writes tests/fixtures/comparators/children_table.ods (run with `--ignored` after changing
/// the CSV).
#[test]
#[ignore]
fn write_the_ods_fixture() {
    std::fs::write(fixture("children_table.ods"), children_table_ods()).unwrap();
}

#[test]
fn the_mapping_profile_maps_an_unmatched_area_and_names_the_family() {
    // The population names Barnet "Barnet (London Borough)", matching no YJS of the table;
    // the profile maps it to Barnet and carries the family (the 10 areas of family.csv).
    let dir = Folder::new("profile");
    let pop = std::fs::read_to_string(fixture("nomis_population.csv"))
        .unwrap()
        .replace(",Barnet,", ",Barnet (London Borough),");
    let pop = dir.put("pop.csv", pop.as_bytes());
    let members = [
        "Camden YOT",
        "Hackney",
        "Islington",
        "Lambeth",
        "Southwark",
        "Haringey",
        "Lewisham",
        "Brent",
        "Ealing",
        "London Borough of Barnet",
    ];
    let profile = serde_json::json!({
        "areas": { "Barnet (London Borough)": "Barnet" },
        "family": { "name": "Inner London family", "members": members },
    });
    let profile = dir.put("profile.json", profile.to_string().as_bytes());
    let run = |extra: &[&str]| -> (Vec<Value>, String) {
        let mut args = vec![
            "compare",
            "<extract>",
            "--extract-date",
            "2024-06-30",
            "--comparators",
            "<table>",
            "--population",
            pop.as_str(),
            "--area",
            "Camden",
            "--json",
        ];
        args.extend_from_slice(extra);
        let (e, t) = (fixture("camden_extract.csv"), fixture("children_table.csv"));
        let args: Vec<&str> = args
            .into_iter()
            .map(|a| match a {
                "<extract>" => e.as_str(),
                "<table>" => t.as_str(),
                a => a,
            })
            .collect();
        let out = yjlens(&args);
        assert!(out.status.success());
        (
            serde_json::from_slice(&out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    // Without the profile: Barnet has no rate, so 6 of 22 others are lower than our 1.2
    // (Brent 0.6, Croydon 0.7, Brighton and Hove 0.8, Islington 0.9, Portsmouth 1.0,
    // Medway 1.1): 7th of 23; both names are listed.
    let (rows, err) = run(&[]);
    let ours = all_rate(&rows, "ours", "Camden");
    assert_eq!(
        (ours["rank"].as_u64(), ours["rank_of"].as_u64()),
        (Some(7), Some(23))
    );
    assert!(err.contains("Barnet (London Borough)"), "{err}");
    // With it: Barnet 5 / 10,000 = 0.5 per 1,000 is back, 7 lower → 8th of 24; the family's
    // rank as with --family (Barnet 0.5, Brent 0.6, Islington 0.9 lower → 4th of 10); nothing
    // listed as unmatched.
    let (rows, err) = run(&["--mapping", &profile]);
    let ours = all_rate(&rows, "ours", "Camden");
    assert_eq!(
        (ours["rank"].as_u64(), ours["rank_of"].as_u64()),
        (Some(8), Some(24))
    );
    assert_eq!(
        (
            ours["rank_family"].as_u64(),
            ours["rank_family_of"].as_u64()
        ),
        (Some(4), Some(10))
    );
    assert_eq!(all_rate(&rows, "yjs", "Barnet")["value"], 0.5);
    assert!(!err.contains("Barnet (London Borough)"), "{err}");
}

#[test]
fn another_table_is_refused_until_the_profile_names_its_count_column() {
    let dir = Folder::new("table-measure");
    let custody = dir.put(
        "custody.csv",
        b"Financial_Year,England_Wales,Region,YJS,Number_Custodial_Sentences\n\
          2023-24,England,London,Camden,2\n2023-24,England,London,Barnet,1\n",
    );
    let profile = dir.put(
        "profile.json",
        br#"{"comparator_measures": {"Number_Custodial_Sentences": "custody_sentences"}}"#,
    );
    let extract = fixture("camden_extract.csv");
    let args = |extra: &[&str]| -> Output {
        let mut a = vec![
            "compare",
            extract.as_str(),
            "--comparators",
            custody.as_str(),
            "--json",
        ];
        a.extend_from_slice(extra);
        yjlens(&a)
    };
    let refused = args(&[]);
    assert!(!refused.status.success());
    let err = String::from_utf8(refused.stderr).unwrap();
    assert!(
        err.contains("“Number_Custodial_Sentences” names no measure"),
        "{err}"
    );
    assert!(args(&["--mapping", &profile]).status.success());
}
