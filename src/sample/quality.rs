//! The small, deterministic data-quality issues written into the sample.

use super::calendar::NONE;
use super::generator::{Generator, Row};
use super::outcomes::{NOT_AN_OUTCOME, UNKNOWN_OUTCOME_LABELS};
use super::rng::Rng;

impl Generator {
    /// Small, deterministic data-quality issues.
    pub(super) fn data_quality(&self, rng: &mut Rng, rows: &mut Vec<Row>) {
        let mut i = 0;
        while i < rows.len() {
            let r = rng.below(10_000);
            match r {
                0..=19 => rows[i].outcome = NONE,
                20..=34 => {
                    rows[i].label = if r < 30 {
                        UNKNOWN_OUTCOME_LABELS[rng.below(2) as usize]
                    } else {
                        NOT_AN_OUTCOME
                    };
                    rows[i].release = NONE;
                    rows[i].end = NONE;
                }
                35..=39 => {
                    let dup = rows[i];
                    rows.insert(i + 1, dup);
                    i += 1;
                }
                _ => {}
            }
            i += 1;
        }
    }
}
