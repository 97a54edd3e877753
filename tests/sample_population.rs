//! The synthetic population file (`yjlens sample --population`).

use std::collections::BTreeMap;

use yjlens_core::sample::{children_in, population_csv, SampleSize, POPULATION_PER_CHILD};

fn rows(text: &str) -> Vec<(i32, String, String, u32, u64)> {
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("year,ethnicity,sex,age,population"));
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            assert_eq!(f.len(), 5, "{l}");
            (
                f[0].parse().unwrap(),
                f[1].to_string(),
                f[2].to_string(),
                f[3].parse().unwrap(),
                f[4].parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn covers_every_cell_once() {
    let rows = rows(&population_csv(SampleSize::Children(2_000), 1));
    let mut cells: BTreeMap<(i32, &str, &str, u32), u64> = BTreeMap::new();
    for (year, eth, sex, age, n) in &rows {
        assert!(*n > 0, "{year} {eth} {sex} {age}");
        let prev = cells.insert((*year, eth, sex, *age), *n);
        assert!(prev.is_none(), "duplicate cell");
    }
    for year in 2019..=2025 {
        for eth in ["White", "Black", "Asian", "Mixed", "Other"] {
            for sex in ["Male", "Female"] {
                for age in 10..=17 {
                    assert!(
                        cells.contains_key(&(year, eth, sex, age)),
                        "{year} {eth} {sex} {age}"
                    );
                }
            }
        }
    }
    assert_eq!(cells.len(), 7 * 5 * 2 * 8);
}

#[test]
fn sized_to_the_extract() {
    for (size, seed) in [
        (SampleSize::Children(2_000), 1),
        (SampleSize::Children(2_000), 2),
        (SampleSize::Rows(30_000), 1),
    ] {
        let children = children_in(size, seed);
        let rows = rows(&population_csv(size, seed));
        let mut by_year: BTreeMap<i32, u64> = BTreeMap::new();
        for (year, _, _, _, n) in &rows {
            *by_year.entry(*year).or_default() += n;
        }
        let expected = children * POPULATION_PER_CHILD;
        for (year, total) in by_year {
            let ratio = total as f64 / expected as f64;
            assert!(
                (0.95..=1.05).contains(&ratio),
                "{year}: {total} vs {expected}"
            );
        }
    }
    // 2,000 children live in an area of about 80,000 10–17 year-olds.
    assert_eq!(children_in(SampleSize::Children(2_000), 1), 2_000);
}

#[test]
fn area_mix_follows_the_seed() {
    let share_white = |seed| {
        let rows = rows(&population_csv(SampleSize::Children(1_000), seed));
        let white: u64 = rows
            .iter()
            .filter(|r| r.1 == "White" && r.0 == 2022)
            .map(|r| r.4)
            .sum();
        let all: u64 = rows.iter().filter(|r| r.0 == 2022).map(|r| r.4).sum();
        white as f64 / all as f64
    };
    let london = share_white(1);
    let county = share_white(2);
    assert!((0.35..0.45).contains(&london), "{london}");
    assert!((0.8..0.9).contains(&county), "{county}");
}

#[test]
fn deterministic() {
    let a = population_csv(SampleSize::Children(500), 7);
    assert_eq!(a, population_csv(SampleSize::Children(500), 7));
    assert_ne!(a, population_csv(SampleSize::Children(500), 9));
}
