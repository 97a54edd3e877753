//! The readable summary `yjlens report` prints (the CLI's printer, `src/summary.rs`): display
//! rounding, intervals, statuses in words, where the extract date came from and the sentence
//! naming each headline rate's denominator. Reports are built with the core's test builder.

#[path = "../../tests/common_measures/mod.rs"]
mod common_measures;

use common_measures::*;
use yjlens_cli::summary::summary;
use yjlens_core::codes::Outcome::*;
use yjlens_core::measures::{compute, read_population_from};
use yjlens_core::report::Settings;

const POP: &[u8] = b"year,ethnicity,population\n2024,White,8000\n2024,Black,2000\n";

#[test]
fn summary_names_the_extract_date_source_and_the_headline_denominators() {
    let pop = read_population_from(POP, "pop-2024.csv").unwrap();
    let r = compute(&three_children(), &settings_as_at("2025-03-31"), Some(&pop));
    let s = summary(&r);
    assert!(
        s.contains("extract date 2025-03-31 (31 Mar 2025, set by the user)"),
        "{s}"
    );
    assert!(
        s.contains("population: pop-2024.csv (years used: 2024)"),
        "{s}"
    );
    // Headlines, Apr 2024 – Mar 2025: FTE c (Feb 2025) = 1 / 10,000 × 100,000 = 10, then
    // the denominator sentence; the same under the custody line.
    assert!(
        s.contains("first-time entrants: 1 children; 10 per 100,000 aged 10-17\n    Denominator: pop-2024.csv, 2024 population aged 10–17.\n"),
        "{s}"
    );
    assert!(
        s.contains(
            "of court occasions\n    Denominator: pop-2024.csv, 2024 population aged 10–17.\n"
        ),
        "{s}"
    );
    let default = summary(&compute(
        &three_children(),
        &Settings::default(),
        Some(&pop),
    ));
    assert!(
        default.contains("(1 Feb 2025, the latest outcome date in the extract)"),
        "{default}"
    );
}

#[test]
fn reoffending_row_shows_display_rounding_the_interval_and_the_status() {
    // Harrow: 18 children on a YRO in Jan–Mar 2021; 4 commit 5 reoffences each. Binary rate
    // 4 / 18 = 22.2% (Wilson 95%: 9.0–45.2); reoffences per reoffender 20 / 4 = 5.00.
    let mut b = Builder::new();
    for i in 0..18 {
        b.on(&format!("c{i}"), "2021-02-01", Yro);
    }
    for i in 0..4 {
        for k in 0..5 {
            let m = 3 + k; // offences in Mar … Jul 2021, proven a month later
            b.row(
                &format!("c{i}"),
                &format!("2021-{m:02}-10"),
                &format!("2021-{:02}-10", m + 1),
                Fine,
            );
        }
    }
    let s = summary(&compute(&b.build(), &settings_as_at("2023-06-30"), None));
    assert!(s.contains("22.2 (9.0–45.2)"), "{s}");
    assert!(s.contains("5.00"), "{s}");
    assert!(s.contains("final"), "{s}");
    // The Jan–Mar 2023 cohort is tracked until 30 Sep 2024 (quarter end + 18 months): on
    // 29 Sep 2024 it is still provisional, and the summary says so in words.
    let mut b = Builder::new();
    b.on("a", "2023-02-01", Yro);
    let s = summary(&compute(&b.build(), &settings_as_at("2024-09-29"), None));
    assert!(s.contains("provisional (tracking incomplete)"), "{s}");
}

#[test]
fn population_line_counts_rejected_rows_and_the_headline_names_them() {
    // Two impossible counts (−5000 and 1e30) are rejected; the 2024 White 8,000 and Black
    // 2,000 rows are kept, so the FTE rate is 1 / 10,000 × 100,000 = 10 per 100,000.
    let pop = read_population_from(
        b"year,ethnicity,population\n2024,White,8000\n2024,Black,2000\n2024,Asian,-5000\n2024,Mixed,1e30\n",
        "pop.csv",
    )
    .unwrap();
    let s = summary(&compute(
        &three_children(),
        &settings_as_at("2025-03-31"),
        Some(&pop),
    ));
    assert!(
        s.contains("population: pop.csv (years used: 2024); 2 rows rejected (1 negative population count, 1 population count above 10,000,000)"),
        "{s}"
    );
    assert!(
        s.contains("10 per 100,000 aged 10-17\n    Denominator: pop.csv, 2024 population aged 10–17; 2 population rows rejected and left out (1 negative population count, 1 population count above 10,000,000).\n"),
        "{s}"
    );
}
