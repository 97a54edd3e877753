//! Hostile population files (the "hostile input" issue, item 4): a population count is a
//! whole number from 0 to 10,000,000. Anything else — negative, fractional, astronomically
//! large, not a number, missing — is rejected by row with a reason (counted like the
//! extract's rejections, with an example), and a rate whose denominator lost rows says so in
//! its "Denominator: …" sentence, in the report's population summary and in its notes.
//!
//! Before this, −5000 was skipped quietly as unreadable and 1e30 was used: the FTE rate came
//! out as "0 per 100,000" and the group with 1e30 as "100.0% of population".
//!
//! The assertions read the report and the population through their JSON, so this file
//! compiles against the code before the fix and fails there at run time.

mod common_measures;

use common_measures::*;
use serde_json::{json, Value};
use yjlens_core::measures::{compute, read_population, read_population_from};
use yjlens_core::report::PeriodType;

/// The file: −5000 and 1e30 beside two good rows (data rows 1–4 under the header).
const HOSTILE: &[u8] = b"year,ethnicity,population\n\
    2024,White,8000\n\
    2024,Black,2000\n\
    2024,Mixed,-5000\n\
    2024,Asian,1e30\n";

/// The reasons of a population (`rejected`) or of a report's population summary, as
/// (reason, count, examples, example value).
fn reasons(v: &Value) -> Vec<(String, u64, Vec<u64>, String)> {
    v.as_array()
        .unwrap_or_else(|| panic!("no list of rejections: {v}"))
        .iter()
        .map(|r| {
            (
                r["reason"].as_str().unwrap().to_string(),
                r["count"].as_u64().unwrap(),
                r["examples"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| e.as_u64().unwrap())
                    .collect(),
                r["example_value"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn impossible_counts_are_rejected_by_row_with_a_reason_and_an_example() {
    // Data rows (1 = the first row under the header):
    //  1 2024 White 8000        kept
    //  2 2024 Black -5000       negative
    //  3 2024 Mixed 1e30        above 10,000,000
    //  4 2024 Asian 12.5        not a whole number
    //  5 2024 Other ten         not a number
    //  6 2024 Other (blank)     missing
    //  7 2023 White 10000000    kept: 10 million is the largest allowed
    //  8 2023 Black 10000001    above 10,000,000
    //  9 2023 Asian 0           kept: 0 is allowed
    // 10 2023 Mixed "1,000"     kept: 1000 (thousands separator)
    // 11 2023 Other 250.0       kept: 250, a whole number written with a decimal point
    // 12 2023 Black -0.5        negative (checked before "whole")
    // Kept 5; rejected 7: negative 2 (rows 2, 12), above 10,000,000 2 (rows 3, 8),
    // not a whole number 1 (row 4), not a number 1 (row 5), missing 1 (row 6).
    let csv = "year,ethnicity,population\n\
               2024,White,8000\n\
               2024,Black,-5000\n\
               2024,Mixed,1e30\n\
               2024,Asian,12.5\n\
               2024,Other,ten\n\
               2024,Other,\n\
               2023,White,10000000\n\
               2023,Black,10000001\n\
               2023,Asian,0\n\
               2023,Mixed,\"1,000\"\n\
               2023,Other,250.0\n\
               2023,Black,-0.5\n";
    let p = read_population(csv.as_bytes()).unwrap();
    let counts: Vec<f64> = p.rows.iter().map(|r| r.count).collect();
    assert_eq!(counts, [8000.0, 10_000_000.0, 0.0, 1000.0, 250.0]);
    let v = serde_json::to_value(&p).unwrap();
    assert_eq!(
        reasons(&v["rejected"]),
        [
            (
                "negative population count".into(),
                2,
                vec![2, 12],
                "-5000".into()
            ),
            (
                "population count above 10,000,000".into(),
                2,
                vec![3, 8],
                "1e30".into()
            ),
            (
                "population count not a whole number".into(),
                1,
                vec![4],
                "12.5".into()
            ),
            (
                "population count not a number".into(),
                1,
                vec![5],
                "ten".into()
            ),
            ("missing population count".into(), 1, vec![6], String::new()),
        ]
    );
    for r in v["rejected"].as_array().unwrap() {
        assert_eq!(r["field"], "population", "{r}");
    }
    // The notes (the population's warnings) say each reason with its first example.
    for note in [
        "population file: 2 rows rejected: negative population count (e.g. data row 2: \"-5000\")",
        "population file: 2 rows rejected: population count above 10,000,000 (e.g. data row 3: \"1e30\")",
        "population file: 1 row rejected: missing population count (e.g. data row 6)",
    ] {
        assert!(p.warnings.iter().any(|w| w == note), "{note}\n{:#?}", p.warnings);
    }
}

#[test]
fn a_file_of_only_impossible_counts_is_refused() {
    let r = read_population(b"population\n-5000\n1e30\n").unwrap_err();
    assert_eq!(
        r.message,
        "The population file has no usable rows for ages 10–17."
    );
}

#[test]
fn rates_leave_rejected_rows_out_and_say_so() {
    let pop = read_population_from(HOSTILE, "pop.csv").unwrap();
    let r = compute(&three_children(), &settings_as_at("2025-03-31"), Some(&pop));
    // Jan–Mar 2024: a and b are first-time entrants. Kept 2024 rows: White 8,000 and
    // Black 2,000, so 2 / 10,000 × 100,000 = 20 per 100,000. (Before: 2 / (10,000 + 1e30)
    // × 100,000 = 2e-25, printed "0 per 100,000".)
    let fte = fig(&r, "fte_rate", PeriodType::Quarter, "2024-01-01", "all");
    assert_eq!(fte.value, Some(20.0));
    let lost = "Denominator: pop.csv, 2024 population aged 10–17; 2 population rows rejected and left out (1 negative population count, 1 population count above 10,000,000).";
    assert!(fte.definition.contains(lost), "{}", fte.definition);
    // White: a = 1 / 8,000 × 100,000 = 12.5; neither rejected row is White, so the White
    // denominator lost nothing and says nothing of them.
    let white = fig(
        &r,
        "fte_rate",
        PeriodType::Quarter,
        "2024-01-01",
        "ethnicity=White",
    );
    assert_eq!(white.value, Some(12.5));
    assert!(
        white
            .definition
            .contains("Denominator: pop.csv, 2024 population aged 10–17.")
            && !white.definition.contains("rejected"),
        "{}",
        white.definition
    );
    // Asian population share at the throughput stage: the 1e30 row is rejected, so Asian
    // has no 2024 population: 0 / 10,000 × 100 = 0% (before: 1e30 / (1e30 + 10,000) × 100
    // = 100.0%). The share depends on every group, so it names the lost rows.
    let share = fig_stage(
        &r,
        "disp_population_share",
        "throughput",
        PeriodType::Quarter,
        "2024-01-01",
        "ethnicity=Asian",
    );
    assert_eq!(share.value, Some(0.0));
    assert!(share.definition.contains(lost), "{}", share.definition);
    // Custody rate, Jan–Mar 2024: b's DTO, 1 / 10,000 × 1,000 = 0.1 per 1,000.
    let custody = fig(&r, "custody_rate", PeriodType::Quarter, "2024-01-01", "all");
    assert_eq!(custody.value, Some(0.1));
    assert!(custody.definition.contains(lost), "{}", custody.definition);
    // The report's population summary carries the count and the reasons (examples are data
    // rows: the Mixed row is 3, the Asian row 4).
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(
        v["population"]["rows_rejected"],
        json!(2),
        "{}",
        v["population"]
    );
    assert_eq!(
        reasons(&v["population"]["rejected"]),
        [
            (
                "negative population count".into(),
                1,
                vec![3],
                "-5000".into()
            ),
            (
                "population count above 10,000,000".into(),
                1,
                vec![4],
                "1e30".into()
            ),
        ]
    );
    // The notes say it too (and so does the CLI's readable summary: cli/tests/summary.rs).
    assert!(
        r.notes.iter().any(|n| n
            == "population file: 1 row rejected: population count above 10,000,000 (e.g. data row 4: \"1e30\")"),
        "{:#?}",
        r.notes
    );
}

#[test]
fn lost_rows_are_named_only_by_the_denominators_they_belong_to() {
    // Rows: 2024 White 8,000 and Black 2,000 (good); 2023 White −1 (rejected, 2023 only);
    // a Black row with year "20x4" (no year 1900–2200 in it: unreadable, so it may belong to
    // any year) and a good count.
    let csv = b"year,ethnicity,population\n\
                2024,White,8000\n\
                2024,Black,2000\n\
                2023,White,-1\n\
                20x4,Black,300\n";
    let pop = read_population_from(csv, "pop.csv").unwrap();
    let r = compute(&three_children(), &settings_as_at("2025-03-31"), Some(&pop));
    // 2024: 2 / 10,000 × 100,000 = 20; the unreadable-year Black row may be a 2024 row.
    let all = fig(&r, "fte_rate", PeriodType::Quarter, "2024-01-01", "all");
    assert_eq!(all.value, Some(20.0));
    assert!(
        all.definition.contains("Denominator: pop.csv, 2024 population aged 10–17; 1 population row rejected and left out (1 unreadable year)."),
        "{}",
        all.definition
    );
    // The White rate lost nothing in 2024 (the −1 is a 2023 row; the lost row is Black).
    let white = fig(
        &r,
        "fte_rate",
        PeriodType::Quarter,
        "2024-01-01",
        "ethnicity=White",
    );
    assert_eq!(white.value, Some(12.5));
    assert!(
        !white.definition.contains("rejected"),
        "{}",
        white.definition
    );
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["population"]["rows_rejected"], json!(2));
}

#[test]
fn a_clean_population_file_adds_no_field_and_no_sentence() {
    let pop = read_population_from(
        b"year,ethnicity,population\n2024,White,8000\n2024,Black,2000\n",
        "pop.csv",
    )
    .unwrap();
    let r = compute(&three_children(), &settings_as_at("2025-03-31"), Some(&pop));
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(
        v["population"],
        json!({"source": "pop.csv", "years": [2024]})
    );
    assert!(r.figures.iter().all(|f| !f.definition.contains("rejected")));
}
