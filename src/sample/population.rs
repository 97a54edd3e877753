//! The matching synthetic 10–17 population file.

use super::area::{area, GROUPS};
use super::generator::children_in;
use super::rng::{child_seed, Rng};
use super::{SampleSize, POPULATION_PER_CHILD, POPULATION_YEARS};

/// Write the matching synthetic 10–17 population file.
pub fn population_csv(size: SampleSize, seed: u64) -> String {
    let children = children_in(size, seed);
    let total = children * POPULATION_PER_CHILD;
    let area = area(seed);
    let mut rng = Rng::new(child_seed(seed, u64::MAX));
    // Age weights 10..17 (slightly more younger children: a growing cohort).
    const AGE: [u64; 8] = [1030, 1030, 1020, 1010, 1000, 990, 970, 950];
    let age_total: u64 = AGE.iter().sum();
    let mut out = String::with_capacity(64 * 7 * 5 * 2 * 8);
    out.push_str("year,ethnicity,sex,age,population\n");
    for year in POPULATION_YEARS {
        // About 1% growth a year, centred on 2022.
        let year_f = 1000 + 10 * (year - 2022) as i64;
        for (g, group) in GROUPS.iter().enumerate() {
            for (sex, sex_f) in [("Male", 513u64), ("Female", 487)] {
                for (a, age_f) in AGE.iter().enumerate() {
                    let noise = 970 + u64::from(rng.below(61));
                    let n = u128::from(total)
                        * year_f as u128
                        * u128::from(area.population[g])
                        * u128::from(sex_f)
                        * u128::from(*age_f)
                        * u128::from(noise);
                    let d = 1000u128 * 1000 * 1000 * u128::from(age_total) * 1000;
                    let n = (n + d / 2) / d;
                    use std::fmt::Write as _;
                    let _ = writeln!(out, "{year},{group},{sex},{},{n}", 10 + a);
                }
            }
        }
    }
    out
}
