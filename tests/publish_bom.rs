//! The aggregate file opens cleanly in Excel on Windows (UTF-8 with a BOM) and is otherwise
//! byte-identical to what it was before issue 10, apart from the definition text of the rows
//! whose denominator is a population (which now names the denominator).

use yjlens_core::extract::{read_extract, ReadOptions};
use yjlens_core::measures::{compute, read_population};
use yjlens_core::publish::aggregate::read_csv;
use yjlens_core::publish::disclosure::{DisclosureSettings, DEFAULT_K};
use yjlens_core::publish::export::aggregate_csv;
use yjlens_core::report::Settings;
use yjlens_core::sample::{self, SampleSize};

/// Rows whose denominator is a population: their definition may name it.
fn population_row(measure: &str, stage: &str) -> bool {
    matches!(
        measure,
        "fte_rate"
            | "custody_rate"
            | "serious_violence_rate"
            | "disp_rate"
            | "disp_population_share"
            | "disp_gap_pp"
    ) || (measure == "disp_rri" && !stage.contains("_vs_"))
}

/// FNV-1a, 64 bits: a stable fingerprint of the normalised file.
fn fnv(bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The file without its BOM and with the definition of population rows blanked, as bytes
/// (CRLF records, as written).
fn normalised(text: &str) -> (Vec<u8>, usize) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut rows = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        let mut cells: Vec<String> = rec.iter().map(str::to_string).collect();
        if population_row(&cells[0], &cells[1]) {
            cells[19].clear();
        }
        w.write_record(&cells).unwrap();
        rows += 1;
    }
    (w.into_inner().unwrap(), rows)
}

fn sample_aggregate(control: Option<&DisclosureSettings>) -> String {
    let size = SampleSize::Children(2000);
    let extract = read_extract(
        sample::extract_csv(size, 7).as_bytes(),
        &ReadOptions::default(),
    )
    .unwrap();
    let pop = read_population(sample::population_csv(size, 7).as_bytes()).unwrap();
    let report = compute(&extract, &Settings::default(), Some(&pop));
    aggregate_csv(
        &report,
        "sample-extract.csv",
        "2025-01-01T00:00:00Z",
        control,
    )
}

#[test]
fn aggregate_unchanged_apart_from_bom_and_population_definitions() {
    // Fingerprints of the normalised files taken on f9a4465 (before issue 10), retaken when the
    // remand definition's "open episode(s)" became "open episode" (one word that agrees with
    // its number; the only difference, checked with a diff): any other change to a figure, a
    // column or the layout changes them.
    let k5 = DisclosureSettings::new(DEFAULT_K, false).unwrap();
    for (control, rows, expected) in [
        (None, 70756usize, 0xe4ac_87ef_e9fa_468fu64),
        (Some(&k5), 8474usize, 0x27f7_06a8_21f0_e3ddu64),
    ] {
        let text = sample_aggregate(control);
        assert!(
            text.starts_with('\u{feff}'),
            "the aggregate file starts with a UTF-8 BOM"
        );
        let (bytes, n) = normalised(&text);
        println!("{} rows, fingerprint {:#x}", n, fnv(&bytes));
        assert_eq!((n, fnv(&bytes)), (rows, expected));
    }
}

#[test]
fn reader_accepts_files_with_and_without_bom() {
    let text = sample_aggregate(None);
    let with = read_csv(text.as_bytes()).unwrap();
    let without = read_csv(text.trim_start_matches('\u{feff}').as_bytes()).unwrap();
    assert_eq!(with.0.len(), 70755); // 70,756 lines less the header
    assert_eq!(with, without);
    // The first column is found by name with the BOM in front of it.
    assert_eq!(with.0[0].measure, without.0[0].measure);
    assert_eq!(with.1.source, "sample-extract.csv");
}
