//! The measures on a moderately large generated extract in the ordinary test run (the timings
//! at national scale are `cargo bench --bench measures`).

mod big_extract;

use big_extract::big_extract;
use yjlens_core::measures::compute;
use yjlens_core::report::Settings;

#[test]
fn moderate_extract_computes() {
    // A smoke test at 20,000 rows in the ordinary (debug) test run.
    let extract = big_extract(20_000, 3);
    let report = compute(&extract, &Settings::default(), None);
    assert!(!report.figures.is_empty());
    assert!(report
        .figures
        .iter()
        .any(|f| f.measure == "reoffending_binary_rate" && f.value.is_some()));
}
