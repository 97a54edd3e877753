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
use yjlens_core::comparators::{Area, AreaKind};
use yjlens_core::extract::{read_extract, ReadOptions};
use yjlens_core::measures::population::read_population_from;
use yjlens_core::measures::{compute, population::Population};
use yjlens_core::packed::{pack, unpack};
use yjlens_core::publish::disclosure::{DisclosureSettings, DEFAULT_K};
use yjlens_core::publish::export::{
    aggregate_csv, aggregate_csv_for_area, controlled_aggregate, export_provenance,
};
use yjlens_core::report::Settings;
use yjlens_core::sample::{self, SampleSize};

/// The fixed `generated_at` of every aggregate file here.
const GENERATED_AT: &str = "2025-10-01T12:00:00Z";

/// SHA-256 of each output, taken on the code before the issue 11 refactor.
const EXPECTED: &[(&str, &str)] = &[
    (
        "sample.report.json",
        "9b1e4fb3ed8211920149ac8e471942594c1270eaa253f72e17e2bc3cdbf4fda3",
    ),
    (
        "sample.aggregate.csv",
        "fcb49f4ca7a39e795e9a2433c0e2faf8c445f89c594f1840a4d1d4ac11aa591f",
    ),
    (
        "sample.aggregate-unsuppressed.csv",
        "f999f8e577c25c5e471aecfdd92c18315dc4b99a331aaea8f30af9937e69cf88",
    ),
    (
        "messy.report.json",
        "2d43a547a6ffc1f7438cfe9a7db23ae164768469cf612dcd8bebade758f331d3",
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
        // Issue 15: the widget's route, the figures packed by the CSV module and controlled
        // by the publish module: the same file, so the same digest.
        (
            format!("{name}.aggregate.csv"),
            controlled_aggregate(
                unpack(&pack(&report.figures)).expect("the packed figures are read back"),
                &export_provenance(&report, &source, GENERATED_AT, Some(&control)),
                &control,
                None,
            ),
        ),
    ]
}

/// Issue 15: every choice of the export dialog (threshold, rounding to 5, quarters, our area
/// named) gives the same file by the widget's route — the figures packed, then unpacked and
/// controlled in the publish module — as from the report itself. Rounding recomputes rates
/// and gaps from the figures' exact values, so nothing may be rounded on the way.
#[test]
fn the_publish_modules_route_writes_the_same_controlled_file() {
    let size = SampleSize::Children(2000);
    let extract = read_extract(
        sample::extract_csv(size, 11).as_bytes(),
        &ReadOptions::default(),
    )
    .expect("the extract is read");
    let population = read_population_from(
        sample::population_csv(size, 11).as_bytes(),
        "sample-population.csv",
    )
    .expect("the sample population is read");
    let report = compute(&extract, &Settings::default(), Some(&population));
    let packed = pack(&report.figures);
    let area = Area::new("Synthetic YJS", Some("E06000099"), AreaKind::Yjs);
    for (k, round, quarters, area) in [
        (DEFAULT_K, true, false, None),
        (10, false, true, Some(&area)),
        (DEFAULT_K, true, true, Some(&area)),
    ] {
        let control = DisclosureSettings::new(k, false)
            .unwrap()
            .with_rounding(round)
            .with_quarters(quarters);
        let direct = aggregate_csv_for_area(&report, "x.csv", GENERATED_AT, Some(&control), area);
        let routed = controlled_aggregate(
            unpack(&packed).unwrap(),
            &export_provenance(&report, "x.csv", GENERATED_AT, Some(&control)),
            &control,
            area,
        );
        assert!(
            direct == routed,
            "k={k} round={round} quarters={quarters}: the files differ"
        );
        assert!(
            direct.lines().count() > 1000,
            "a real file: {} lines",
            direct.lines().count()
        );
    }
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
