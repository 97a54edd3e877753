//! A population belongs to its source and every rate names its denominator (issue 10): each
//! figure whose denominator is a population says which population and which year, and the
//! report says which population its rates use.

mod common_measures;

use common_measures::*;
use yjlens_core::measures::{compute, read_population, read_population_from};
use yjlens_core::report::{PeriodType, PopulationInfo};

const POP: &[u8] = b"year,ethnicity,population\n2024,White,8000\n2024,Black,2000\n";

#[test]
fn every_population_rate_names_its_source_and_year() {
    let pop = read_population_from(POP, "pop-2024.csv").unwrap();
    let r = compute(&three_children(), &settings_as_at("2025-03-31"), Some(&pop));
    assert_eq!(
        r.population,
        Some(PopulationInfo {
            source: "pop-2024.csv".into(),
            years: vec![2024],
            ..PopulationInfo::default()
        })
    );
    let own = "Denominator: pop-2024.csv, 2024 population aged 10–17.";
    // Jan–Mar 2024: a and b are first-time entrants: 2 / (8,000 + 2,000) × 100,000 = 20.
    let fte = fig(&r, "fte_rate", PeriodType::Quarter, "2024-01-01", "all");
    assert_eq!(fte.value, Some(20.0));
    assert!(fte.definition.contains(own), "{}", fte.definition);
    // Custody: b's DTO, 1 / 10,000 × 1,000 = 0.1 per 1,000.
    let custody = fig(&r, "custody_rate", PeriodType::Quarter, "2024-01-01", "all");
    assert_eq!(custody.value, Some(0.1));
    assert!(custody.definition.contains(own));
    // 2025 has no population: 2024 is used, and the sentence says 2024.
    let later = fig(&r, "fte_rate", PeriodType::Quarter, "2025-01-01", "all");
    assert_eq!(later.value, Some(10.0)); // c: 1 / 10,000 × 100,000
    assert!(
        later.definition.contains(own) && later.definition.contains("Population year 2024 used"),
        "{}",
        later.definition
    );
    // Every figure whose denominator is a population names it; no other figure does (the
    // catalogue says which: a decision point's index compares with a base stage instead).
    let population_row = |m: &yjlens_core::catalogue::Measure,
                          stage: &yjlens_core::catalogue::FigureStage| {
        m.needs_population() && stage.base().is_none()
    };
    let mut named = 0;
    for f in &r.figures {
        let names = f
            .definition
            .contains("Denominator: pop-2024.csv, 2024 population aged 10–17.");
        assert_eq!(
            names,
            population_row(&f.measure, &f.stage),
            "{} {} {}",
            f.measure,
            f.stage,
            f.definition
        );
        named += usize::from(names);
    }
    assert!(named > 100);
    // Black disp_rate at the throughput stage, Jan–Mar 2024: b = 1 / 2,000 × 1,000 = 0.5.
    let rate = fig_stage(
        &r,
        "disp_rate",
        "throughput",
        PeriodType::Quarter,
        "2024-01-01",
        "ethnicity=Black",
    );
    assert_eq!(rate.value, Some(0.5));
    assert!(rate.definition.contains(own));
}

#[test]
fn population_without_a_label_or_a_year() {
    let pop = read_population(b"population\n10000\n").unwrap();
    let r = compute(&three_children(), &settings_as_at("2025-03-31"), Some(&pop));
    assert_eq!(
        r.population,
        Some(PopulationInfo {
            source: "population file".into(),
            years: vec![],
            ..PopulationInfo::default()
        })
    );
    let fte = fig(&r, "fte_rate", PeriodType::Quarter, "2024-01-01", "all");
    assert!(
        fte.definition.contains("Denominator: population file, population aged 10–17 (one population for every period: the file gives no year)."),
        "{}",
        fte.definition
    );
    let none = compute(&three_children(), &settings_as_at("2025-03-31"), None);
    assert_eq!(none.population, None);
    let f = fig(&none, "fte_rate", PeriodType::Quarter, "2024-01-01", "all");
    assert!(!f.definition.contains("Denominator"));
}
