//! The generator: one row and one child before formatting, the per-seed set-up, and running
//! children in order until the requested size is reached.

use std::io;

use super::area::{area, Area, DETAIL, RELATIVE_RATE};
use super::calendar::days_from_civil;
use super::offences::{CATEGORIES, DEATH_BY_DRIVING};
use super::rng::Rng;
use super::{SampleSize, EXTRACT_DATE, WINDOW_START};

/// One row of the extract before formatting.
#[derive(Clone, Copy, Debug)]
pub(super) struct Row {
    pub(super) offence: i32,
    pub(super) outcome: i32,
    pub(super) label: &'static str,
    pub(super) category: &'static str,
    pub(super) gravity: u8,
    pub(super) release: i32,
    pub(super) end: i32,
    /// Looked after at this row: Some(true) "Y", Some(false) "N", None blank.
    pub(super) looked_after: Option<bool>,
    /// Write the child's conflicting ethnicity on this row.
    pub(super) other_ethnicity: bool,
}

/// A child's fixed attributes.
pub(super) struct Child {
    pub(super) index: u64,
    pub(super) dob: i32,
    pub(super) sex: &'static str,
    pub(super) ethnicity: &'static str,
    pub(super) other_ethnicity: &'static str,
}

pub(super) struct Generator {
    pub(super) start: i32,
    pub(super) extract: i32,
    pub(super) seed: u64,
    /// Ethnicity group weights in the extract: population share × relative rate.
    pub(super) group_weights: [u32; 5],
    pub(super) area: &'static Area,
    pub(super) category_weights: Vec<u32>,
}

impl Generator {
    pub(super) fn new(seed: u64) -> Generator {
        let area = area(seed);
        let mut group_weights = [0; 5];
        for (i, w) in group_weights.iter_mut().enumerate() {
            *w = area.population[i] * RELATIVE_RATE[i];
        }
        Generator {
            start: days_from_civil(WINDOW_START.0, WINDOW_START.1, WINDOW_START.2),
            extract: days_from_civil(EXTRACT_DATE.0, EXTRACT_DATE.1, EXTRACT_DATE.2),
            seed,
            group_weights,
            area,
            category_weights: CATEGORIES.iter().map(|c| c.weight).collect(),
        }
    }

    pub(super) fn ethnicity(&self, rng: &mut Rng) -> &'static str {
        let g = rng.pick(&self.group_weights);
        DETAIL[g][rng.pick(self.area.detail[g])]
    }

    /// An offence: category and gravity (consistent with the category).
    pub(super) fn offence(&self, rng: &mut Rng) -> (&'static str, u8) {
        if rng.chance(1) {
            return (DEATH_BY_DRIVING, 7 + rng.below(2) as u8);
        }
        let c = &CATEGORIES[rng.pick(&self.category_weights)];
        (c.name, rng.pick(&c.gravity) as u8 + 1)
    }

    /// Run children in order, handing each to `sink` until it returns false or the size is
    /// reached. Returns the number of children generated.
    pub(super) fn run(
        &self,
        size: SampleSize,
        mut sink: impl FnMut(&Child, &[Row]) -> io::Result<()>,
    ) -> io::Result<u64> {
        let mut rows = Vec::with_capacity(64);
        let mut written = 0u64;
        let mut index = 0u64;
        loop {
            match size {
                SampleSize::Children(n) if index >= u64::from(n) => break,
                SampleSize::Rows(n) if written >= n => break,
                _ => {}
            }
            let child = self.child(index, &mut rows);
            index += 1;
            let take = match size {
                SampleSize::Rows(n) => rows.len().min((n - written) as usize),
                SampleSize::Children(_) => rows.len(),
            };
            written += take as u64;
            sink(&child, &rows[..take])?;
        }
        Ok(index)
    }
}

/// How many children a sample of this size holds.
pub fn children_in(size: SampleSize, seed: u64) -> u64 {
    match size {
        SampleSize::Children(n) => u64::from(n),
        SampleSize::Rows(_) => Generator::new(seed)
            .run(size, |_, _| Ok(()))
            .expect("counting cannot fail"),
    }
}
