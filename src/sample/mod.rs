//! The deterministic **synthetic** extract and matching population file (`yjlens sample`).
//!
//! Everything here is invented. No row describes a real child: identifiers are sequential
//! pseudonyms (`YJ000001`, …), there are no names, addresses or free text, and every value is
//! drawn from a tiny hand-written PRNG (SplitMix64, integer arithmetic only, so the bytes are
//! identical natively and in wasm) seeded by `seed`. The same `(size, seed)` always gives the
//! same bytes; nothing depends on the clock.
//!
//! # Shape of the extract (`input-formats.md` §2)
//!
//! One row per proven offence with its outcome, in the canonical column order
//! [`HEADER`], day-first dates (`DD/MM/YYYY`), rows grouped by child in outcome-date order.
//!
//! - **Time span.** Each child's first outcome falls uniformly in the six years
//!   01/10/2019–30/09/2025; the fixed extract date is [`EXTRACT_DATE`] (30/09/2025). Nothing is
//!   dated after it except planned custody release dates. Cases not yet sentenced by then are
//!   left out, apart from their remand, which is then open (no end date).
//! - **Children.** ~85% male, ~14% female, a few "Not known"; first contact mostly at 14–17,
//!   outcomes at 10–17 with a few at 18 (offence at 17, sentenced after the birthday). About 9%
//!   looked after (more among prolific children, some becoming looked after part-way through).
//! - **Ethnicity.** The 2021 census 19-category labels as the England question words them
//!   ("Group: detail"), plus ~4% blank / "Not known" / "Refused". Odd seeds are a London
//!   borough (White ~35%, Black ~33%), even seeds a county (White ~85%); the population file
//!   uses the same area, with Black and Mixed children over-represented in the extract
//!   relative to it, as the reference plans report. A few children have one row whose
//!   ethnicity disagrees with their others.
//! - **Careers.** A latent propensity per child: most offend once or twice, a prolific tail
//!   offends a dozen times or more. Outcomes escalate with previous occasions and gravity:
//!   diversion (Triage, Community Resolution, Outcome 22) → pre-court (YC, YCC) → court
//!   (Referral Order at a first court appearance, then fines, discharges, YROs, ISS) and, rarely,
//!   custody (DTO, very rarely Section 250) with the release date at the half-way point.
//!   Children do not offend while in custody. Court occasions often cover several offences on
//!   one outcome date; children on an order sometimes breach it ("Breach of statutory
//!   order"); some offences are committed while awaiting an earlier outcome.
//! - **Remands.** Before some serious court occasions: remand to youth detention accommodation
//!   (RYDA) or to local authority accommodation (RLAA), with the remand start as `outcome_date`
//!   and its end as `end_date` (open when the case is still pending at the extract date).
//! - **Labels.** Full outcome names mostly, with the spec's common abbreviations (CR, O22, OC22,
//!   YC, YCC, RO, YRO, YRO ISS, DTO, s.250, RYDA, RLAA) on a minority of rows. YJB offence
//!   groups with gravity 1–8 consistent with the group. A single service.
//! - **Data quality** (small, deterministic): ~0.2% rows with a blank outcome date, ~0.05%
//!   exact duplicate rows, ~0.1% unknown outcome labels ("Youth Diversion Programme",
//!   "Outcome 21"), ~0.05% "No Further Action" rows, ~5% of custodial occasions with no release
//!   date recorded, ~0.5% of children with no date of birth.
//!
//! With the default seed, `--children 2000` gives about 2.5 rows and 1.6 occasions per child; see the tests
//! (`tests/sample_*.rs`) for the asserted proportions.
//!
//! # The population file (`input-formats.md` §3)
//!
//! `year,ethnicity,sex,age,population`: the five census groups × Male/Female × single ages
//! 10–17 × years 2019–2025, sized at [`POPULATION_PER_CHILD`] 10–17 year-olds per child of the
//! extract, with the area's ethnic mix, a slightly growing population and a little noise.

mod area;
mod calendar;
mod career;
mod extract;
mod generator;
mod interventions;
mod offences;
mod outcomes;
mod population;
mod quality;
mod rng;

pub use area::census_2021_labels;
pub use extract::{extract_csv, write_extract};
pub use generator::children_in;
pub use interventions::{board_csv, interventions_csv, write_interventions, INTERVENTIONS_HEADER};
pub use outcomes::UNKNOWN_OUTCOME_LABELS;
pub use population::population_csv;

/// How big a sample to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SampleSize {
    Children(u32),
    Rows(u64),
}

/// The header of the synthetic extract: the canonical column names, in order.
pub const HEADER: &str = "child_id,offence_date,outcome_date,outcome,date_of_birth,sex,ethnicity,offence_category,gravity,release_date,end_date,looked_after,service";

/// The fixed extract date (year, month, day): the last possible outcome date.
pub const EXTRACT_DATE: (i32, u32, u32) = (2025, 9, 30);

/// First day a child's first outcome can fall on: six years before the extract date.
const WINDOW_START: (i32, u32, u32) = (2019, 10, 1);

/// 10–17 year-olds in the area per child in the extract. 2,000 children over six years then
/// live in an area of 80,000 10–17 year-olds, which puts first-time entrants near 300 per
/// 100,000 a year and custody near 0.2 per 1,000: high-ish but plausible, like the London
/// boroughs of the reference plans (a smaller ratio makes every rate several times national).
pub const POPULATION_PER_CHILD: u64 = 40;

/// Years covered by the population file (every year containing an outcome date).
pub const POPULATION_YEARS: std::ops::RangeInclusive<i32> = 2019..=2025;

/// The single service named in the extract.
const SERVICE: &str = "Synthetic YJS";
