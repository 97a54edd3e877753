//! Golden output: the report JSON (as `yjlens report --json` prints it) and the aggregate file
//! (as `yjlens aggregate` writes it, with a fixed `generated_at`) are byte-identical to what
//! the code produced when these digests were taken, over the deterministic sample and over a
//! messy fixture. Refactors must not move a byte; a change of behaviour must change a digest
//! here on purpose.
//!
//! To regenerate after an intended change of output, run
//!
//! ```text
//! GOLDEN_PRINT=1 cargo test --test golden_output -- --nocapture
//! ```
//!
//! and paste the printed digests into [`EXPECTED`]. On a mismatch the actual output is written
//! under the target directory's `tmp/golden/` (path in the failure message) to diff.

use sha2::{Digest, Sha256};
use yjlens_core::extract::{read_extract, ReadOptions};
use yjlens_core::measures::population::read_population_from;
use yjlens_core::measures::{compute, population::Population};
use yjlens_core::publish::disclosure::{DisclosureSettings, DEFAULT_K};
use yjlens_core::publish::export::aggregate_csv;
use yjlens_core::report::Settings;
use yjlens_core::sample::{self, SampleSize};

/// The fixed `generated_at` of every aggregate file here.
const GENERATED_AT: &str = "2025-10-01T12:00:00Z";

/// SHA-256 of each output, taken on the code before the issue 11 refactor.
const EXPECTED: &[(&str, &str)] = &[
    (
        "sample.report.json",
        "4bbc5996b1e1277d21daf073e1f521a270436abe865662bbce2d66d22e20223a",
    ),
    (
        "sample.aggregate.csv",
        "8a0a9cf5c73a7f41cd1fde65a7a77a8fe210860c8cd7097ad8eb915c7e949575",
    ),
    (
        "sample.aggregate-unsuppressed.csv",
        "550947276a8a126e10a1938b30e1ea84695d12cae9ade1638f5ae9922f55e35c",
    ),
    (
        "messy.report.json",
        "782649743184223dd80a63cf490558ef400dccbed406da430d836cca74785d94",
    ),
    (
        "messy.aggregate.csv",
        "c3443f204dd0a84bf9cd38e96c1da810e0adcc88c4917c29af8bd7401ea4f6b9",
    ),
    (
        "messy.aggregate-unsuppressed.csv",
        "09be8c38a26d4fd532176ada886cdbfddd326431ac5cc841cd6c21191725fd9b",
    ),
];

/// The report JSON, the aggregate file (default disclosure control, as `yjlens aggregate`
/// writes it) and the unsuppressed aggregate file (`--no-suppress`) of one extract.
fn outputs(name: &str, extract: &[u8], population: Option<&Population>) -> Vec<(String, String)> {
    let extract = read_extract(extract, &ReadOptions::default()).expect("the extract is read");
    let report = compute(&extract, &Settings::default(), population);
    let json = serde_json::to_string_pretty(&report).unwrap() + "\n";
    let control = DisclosureSettings::new(DEFAULT_K, false)
        .unwrap()
        .with_rounding(false);
    let source = format!("{name}.csv");
    vec![
        (format!("{name}.report.json"), json),
        (
            format!("{name}.aggregate.csv"),
            aggregate_csv(&report, &source, GENERATED_AT, Some(&control)),
        ),
        (
            format!("{name}.aggregate-unsuppressed.csv"),
            aggregate_csv(&report, &source, GENERATED_AT, None),
        ),
    ]
}

fn hex_sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn check(outputs: Vec<(String, String)>) {
    let print = std::env::var_os("GOLDEN_PRINT").is_some();
    let mut failures = Vec::new();
    for (name, text) in outputs {
        let actual = hex_sha256(&text);
        if print {
            println!("    (\"{name}\", \"{actual}\"),");
            continue;
        }
        let expected = EXPECTED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, d)| *d)
            .unwrap_or_else(|| panic!("no golden digest for {name}"));
        if actual != expected {
            let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("golden");
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join(&name);
            std::fs::write(&path, &text).unwrap();
            failures.push(format!(
                "{name}: sha256 {actual}, expected {expected} (output in {})",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn sample_output_is_unchanged() {
    let size = SampleSize::Children(2000);
    let extract = sample::extract_csv(size, 7);
    let population = read_population_from(
        sample::population_csv(size, 7).as_bytes(),
        "sample-population.csv",
    )
    .expect("the sample population is read");
    check(outputs("sample", extract.as_bytes(), Some(&population)));
}

/// `tests/fixtures/golden/messy.csv`: a BOM, two title lines (one with the extract date),
/// semicolons (and one inside quotes), CRLF line ends, blank lines, impossible dates, an exact
/// duplicate row, unknown outcome, sex, ethnicity and looked-after codes, and day-first dates
/// in seven forms (dd/mm/yyyy, ISO, dd-Mon-yyyy, Excel serials, dd.mm.yy, with a time,
/// "d Month yyyy").
#[test]
fn messy_fixture_output_is_unchanged() {
    let extract = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/golden/messy.csv"
    ))
    .unwrap();
    check(outputs("messy", &extract, None));
}
