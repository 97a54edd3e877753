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

use std::io::{self, Write};

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

// ---------------------------------------------------------------------------------------------
// PRNG

/// SplitMix64 (Steele, Lea & Flood 2014): tiny, fast, good enough for synthetic data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0), by multiply-shift (bias negligible for small n).
    fn below(&mut self, n: u32) -> u32 {
        (((self.next_u64() >> 32) * u64::from(n)) >> 32) as u32
    }

    /// True with probability `per_mille` / 1000.
    fn chance(&mut self, per_mille: u32) -> bool {
        self.below(1000) < per_mille
    }

    /// Index into `weights`, chosen in proportion to them.
    fn pick(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut r = self.below(total.max(1));
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }

    /// A value from a weighted list of `(weight, value)`.
    fn pick_of<T: Copy>(&mut self, items: &[(u32, T)]) -> T {
        let total: u32 = items.iter().map(|i| i.0).sum();
        let mut r = self.below(total.max(1));
        for &(w, v) in items {
            if r < w {
                return v;
            }
            r -= w;
        }
        items[items.len() - 1].1
    }

    /// A right-skewed number of days with mean ≈ `mean` (piecewise uniform, integer only).
    fn skewed(&mut self, mean: u32) -> i32 {
        let m = (mean * 100 / 145).max(1);
        let d = match self.below(100) {
            0..=49 => self.below(m),
            50..=79 => m + self.below(m),
            80..=94 => 2 * m + self.below(2 * m),
            _ => 4 * m + self.below(4 * m),
        };
        d as i32
    }
}

/// Mix a child's index into the seed so each child has its own stream.
fn child_seed(seed: u64, index: u64) -> u64 {
    let mut r = Rng::new(seed ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
    r.next_u64()
}

// ---------------------------------------------------------------------------------------------
// Dates as day numbers (days since 1970-01-01; Hinnant's civil-date algorithms).

fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// The same day `months` later, or the last day of that month (`measures.md`).
fn add_months(day: i32, months: u32) -> i32 {
    let (y, m, d) = civil_from_days(day);
    let total = m - 1 + months;
    let (y, m) = (y + (total / 12) as i32, total % 12 + 1);
    days_from_civil(y, m, d.min(days_in_month(y, m)))
}

/// Whole years from `dob` to `day`.
fn age_at(dob: i32, day: i32) -> i32 {
    let (by, bm, bd) = civil_from_days(dob);
    let (y, m, d) = civil_from_days(day);
    y - by - i32::from((m, d) < (bm, bd))
}

/// "No date" in a row.
const NONE: i32 = i32::MIN;

// ---------------------------------------------------------------------------------------------
// Code lists as written in the synthetic file.

/// The five census groups in the order of [`crate::codes::EthnicGroup::KNOWN`].
const GROUPS: [&str; 5] = ["White", "Black", "Asian", "Mixed", "Other"];

/// The 2021 census 19 categories ("Group: detail", England question wording), by group.
const DETAIL: [&[&str]; 5] = [
    &[
        "White: English, Welsh, Scottish, Northern Irish or British",
        "White: Irish",
        "White: Gypsy or Irish Traveller",
        "White: Roma",
        "White: Any other White background",
    ],
    &[
        "Black, Black British, Caribbean or African: Caribbean",
        "Black, Black British, Caribbean or African: African",
        "Black, Black British, Caribbean or African: Any other Black, Black British, or Caribbean background",
    ],
    &[
        "Asian or Asian British: Indian",
        "Asian or Asian British: Pakistani",
        "Asian or Asian British: Bangladeshi",
        "Asian or Asian British: Chinese",
        "Asian or Asian British: Any other Asian background",
    ],
    &[
        "Mixed or Multiple ethnic groups: White and Black Caribbean",
        "Mixed or Multiple ethnic groups: White and Black African",
        "Mixed or Multiple ethnic groups: White and Asian",
        "Mixed or Multiple ethnic groups: Any other Mixed or Multiple ethnic background",
    ],
    &[
        "Other ethnic group: Arab",
        "Other ethnic group: Any other ethnic group",
    ],
];

/// Every 2021 census category the generator can write (for tests and documentation).
pub fn census_2021_labels() -> impl Iterator<Item = &'static str> {
    DETAIL.iter().flat_map(|g| g.iter().copied())
}

/// Unknown ethnicity as written.
const ETHNICITY_UNKNOWN: [(u32, &str); 3] = [(50, ""), (38, "Not known"), (12, "Refused")];

/// An area: its 10–17 population mix and the within-group detail weights.
struct Area {
    /// Population share of each group, per mille.
    population: [u32; 5],
    /// Detail weights within each group (aligned with [`DETAIL`]).
    detail: [&'static [u32]; 5],
}

const LONDON: Area = Area {
    population: [400, 200, 200, 120, 80],
    detail: [
        &[55, 3, 2, 3, 37],
        &[35, 50, 15],
        &[25, 25, 25, 5, 20],
        &[40, 15, 15, 30],
        &[40, 60],
    ],
};

const COUNTY: Area = Area {
    population: [860, 20, 50, 50, 20],
    detail: [
        &[88, 1, 3, 1, 7],
        &[30, 50, 20],
        &[30, 35, 15, 5, 15],
        &[40, 15, 20, 25],
        &[35, 65],
    ],
};

/// Relative rate of entering the extract by group (White = 100): the over-representation the
/// reference plans describe (Black and Mixed over, Asian under).
const RELATIVE_RATE: [u32; 5] = [100, 220, 60, 160, 110];

fn area(seed: u64) -> &'static Area {
    if seed % 2 == 1 {
        &LONDON
    } else {
        &COUNTY
    }
}

/// The tier an occasion's outcome is drawn from (occasion-forming tiers only), least severe
/// first.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Level {
    Diversion,
    PreCourt,
    FirstTier,
    Community,
    Custody,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Triage,
    Cr,
    O22,
    Yc,
    Ycc,
    Ro,
    Fine,
    Cd,
    Ad,
    Reparation,
    Compensation,
    BindOver,
    OtherFirstTier,
    Yro,
    YroIss,
    YroIf,
    Dto,
    S250,
}

impl Kind {
    /// Labels as written, weighted: full names mostly, the spec's abbreviations sometimes.
    fn labels(self) -> &'static [(u32, &'static str)] {
        match self {
            Kind::Triage => &[(1, "Triage")],
            Kind::Cr => &[(88, "Community Resolution"), (12, "CR")],
            Kind::O22 => &[(75, "Outcome 22"), (15, "O22"), (10, "OC22")],
            Kind::Yc => &[(85, "Youth Caution"), (15, "YC")],
            Kind::Ycc => &[(85, "Youth Conditional Caution"), (15, "YCC")],
            Kind::Ro => &[(85, "Referral Order"), (15, "RO")],
            Kind::Fine => &[(1, "Fine")],
            Kind::Cd => &[(1, "Conditional Discharge")],
            Kind::Ad => &[(1, "Absolute Discharge")],
            Kind::Reparation => &[(1, "Reparation Order")],
            Kind::Compensation => &[(1, "Compensation Order")],
            Kind::BindOver => &[(1, "Bind Over")],
            Kind::OtherFirstTier => &[(1, "Other first tier")],
            Kind::Yro => &[(85, "Youth Rehabilitation Order"), (15, "YRO")],
            Kind::YroIss => &[(80, "YRO with ISS"), (20, "YRO ISS")],
            Kind::YroIf => &[(1, "YRO with Intensive Fostering")],
            Kind::Dto => &[(85, "Detention and Training Order"), (15, "DTO")],
            Kind::S250 => &[(80, "Section 250"), (20, "s.250")],
        }
    }

    fn is_order(self) -> bool {
        matches!(self, Kind::Ro | Kind::Yro | Kind::YroIss | Kind::YroIf)
    }
}

const RYDA: &[(u32, &str)] = &[
    (85, "Remand to Youth Detention Accommodation"),
    (15, "RYDA"),
];
const RLAA: &[(u32, &str)] = &[
    (85, "Remand to Local Authority Accommodation"),
    (15, "RLAA"),
];
/// Labels that match no outcome in the spec: they exercise the "unknown code" path.
pub const UNKNOWN_OUTCOME_LABELS: [&str; 2] = ["Youth Diversion Programme", "Outcome 21"];
const NOT_AN_OUTCOME: &str = "No Further Action";

/// An offence category with its share of offences and its gravity distribution.
struct Category {
    name: &'static str,
    weight: u32,
    /// Weights for gravity 1..=8.
    gravity: [u32; 8],
}

const CATEGORIES: [Category; 15] = [
    Category {
        name: "Violence against the person",
        weight: 260,
        gravity: [0, 15, 32, 20, 18, 10, 5, 0],
    },
    Category {
        name: "Sexual offences",
        weight: 20,
        gravity: [0, 0, 0, 5, 30, 35, 20, 10],
    },
    Category {
        name: "Robbery",
        weight: 65,
        gravity: [0, 0, 0, 0, 30, 60, 10, 0],
    },
    Category {
        name: "Burglary (domestic)",
        weight: 30,
        gravity: [0, 0, 0, 20, 70, 10, 0, 0],
    },
    Category {
        name: "Burglary (non-domestic)",
        weight: 30,
        gravity: [0, 0, 60, 40, 0, 0, 0, 0],
    },
    Category {
        name: "Theft and handling stolen goods",
        weight: 140,
        gravity: [20, 50, 25, 5, 0, 0, 0, 0],
    },
    Category {
        name: "Vehicle theft / unauthorised taking",
        weight: 30,
        gravity: [0, 0, 55, 40, 5, 0, 0, 0],
    },
    Category {
        name: "Fraud and forgery",
        weight: 10,
        gravity: [0, 40, 40, 20, 0, 0, 0, 0],
    },
    Category {
        name: "Criminal damage",
        weight: 100,
        gravity: [5, 55, 30, 10, 0, 0, 0, 0],
    },
    Category {
        name: "Arson",
        weight: 10,
        gravity: [0, 0, 40, 30, 20, 10, 0, 0],
    },
    Category {
        name: "Drugs offences",
        weight: 100,
        gravity: [0, 35, 15, 5, 25, 20, 0, 0],
    },
    Category {
        name: "Public order",
        weight: 90,
        gravity: [5, 45, 35, 15, 0, 0, 0, 0],
    },
    Category {
        name: "Racially aggravated",
        weight: 15,
        gravity: [0, 0, 50, 50, 0, 0, 0, 0],
    },
    Category {
        name: "Motoring offences",
        weight: 60,
        gravity: [30, 25, 25, 15, 5, 0, 0, 0],
    },
    Category {
        name: "Other",
        weight: 40,
        gravity: [15, 40, 30, 15, 0, 0, 0, 0],
    },
];
const DEATH_BY_DRIVING: &str = "Death or injury by dangerous driving";
const BREACH_ORDER: &str = "Breach of statutory order";
const BREACH_BAIL: &str = "Breach of bail";
const BREACH_CD: &str = "Breach of conditional discharge";

// ---------------------------------------------------------------------------------------------
// Generation

/// One row of the extract before formatting.
#[derive(Clone, Copy, Debug)]
struct Row {
    offence: i32,
    outcome: i32,
    label: &'static str,
    category: &'static str,
    gravity: u8,
    release: i32,
    end: i32,
    /// Looked after at this row: Some(true) "Y", Some(false) "N", None blank.
    looked_after: Option<bool>,
    /// Write the child's conflicting ethnicity on this row.
    other_ethnicity: bool,
}

/// A child's fixed attributes.
struct Child {
    index: u64,
    dob: i32,
    sex: &'static str,
    ethnicity: &'static str,
    other_ethnicity: &'static str,
}

/// Propensity classes: (share per mille, chance of another occasion per mille, mean gap days).
const PROPENSITY: [(u32, u32, u32); 4] = [
    (500, 150, 300),
    (280, 460, 200),
    (160, 730, 120),
    (60, 920, 60),
];

/// Level weights [diversion, pre-court, first tier, community, custody] by previous occasions.
const TIER_WEIGHTS: [[u32; 5]; 6] = [
    [620, 170, 195, 14, 2],
    [330, 230, 340, 92, 20],
    [190, 180, 420, 190, 50],
    [110, 120, 450, 285, 90],
    [70, 80, 420, 370, 140],
    [40, 50, 400, 430, 180],
];

struct Generator {
    start: i32,
    extract: i32,
    seed: u64,
    /// Ethnicity group weights in the extract: population share × relative rate.
    group_weights: [u32; 5],
    area: &'static Area,
    category_weights: Vec<u32>,
}

impl Generator {
    fn new(seed: u64) -> Generator {
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

    fn ethnicity(&self, rng: &mut Rng) -> &'static str {
        let g = rng.pick(&self.group_weights);
        DETAIL[g][rng.pick(self.area.detail[g])]
    }

    /// An offence: category and gravity (consistent with the category).
    fn offence(&self, rng: &mut Rng) -> (&'static str, u8) {
        if rng.chance(1) {
            return (DEATH_BY_DRIVING, 7 + rng.below(2) as u8);
        }
        let c = &CATEGORIES[rng.pick(&self.category_weights)];
        (c.name, rng.pick(&c.gravity) as u8 + 1)
    }

    /// Generate one child and their rows (sorted by outcome date, data-quality issues applied).
    fn child(&self, index: u64, rows: &mut Vec<Row>) -> Child {
        rows.clear();
        let mut rng = Rng::new(child_seed(self.seed, index));
        let span = (self.extract - self.start) as u32;
        let first = self.start + rng.below(span + 1) as i32;
        let age = 10 + rng.pick(&[10, 30, 60, 100, 150, 190, 220, 240]) as i32;
        // Born so that they are exactly `age` on the first outcome date.
        let (y, m, d) = civil_from_days(first);
        let latest = days_from_civil(y - age, m, d.min(days_in_month(y - age, m)));
        let earliest = days_from_civil(y - age - 1, m, d.min(days_in_month(y - age - 1, m))) + 1;
        let dob = earliest + rng.below((latest - earliest + 1) as u32) as i32;
        // The age of criminal responsibility: no offence before the 10th birthday.
        let tenth = add_months(dob, 120);
        let sex = match rng.below(1000) {
            0..=854 => "Male",
            855..=995 => "Female",
            _ => "Not known",
        };
        let ethnicity = if rng.chance(40) {
            rng.pick_of(&ETHNICITY_UNKNOWN)
        } else {
            self.ethnicity(&mut rng)
        };
        let conflicting = rng.chance(6);
        let other_ethnicity = if conflicting {
            self.ethnicity(&mut rng)
        } else {
            ethnicity
        };
        let (_, p_next, gap) = PROPENSITY[rng.pick(&PROPENSITY.map(|p| p.0))];
        let prolific = p_next >= 700;
        // Looked after: from the start, from some occasion on, or never; a few blank.
        let lac_blank = rng.chance(15);
        let lac_from = if rng.chance(if prolific { 220 } else { 80 }) {
            if rng.chance(650) {
                0
            } else {
                1 + rng.below(4)
            }
        } else {
            u32::MAX
        };

        let mut occasions = 0u32;
        let mut court_before = false;
        let mut order_until = NONE; // an order (RO/YRO) in force until this day
        let mut cd_until = NONE;
        // Offence date of the next occasion (for the first, derived from its outcome date).
        let mut offence = first;
        loop {
            let is_first = occasions == 0;
            let looked_after = if lac_blank {
                None
            } else {
                Some(occasions >= lac_from)
            };
            // The occasion's main offence.
            let on_order = !is_first && offence <= order_until;
            let breach_only = on_order && rng.chance(120);
            let (mut category, mut gravity) = if breach_only {
                (BREACH_ORDER, 2 + rng.below(2) as u8)
            } else {
                self.offence(&mut rng)
            };
            let mut tier = self.tier(&mut rng, occasions, gravity, court_before);
            if breach_only && !matches!(tier, Level::FirstTier | Level::Community) {
                tier = Level::Community;
            }
            if tier == Level::Custody && age_at(dob, offence) < 13 {
                tier = Level::Community;
            }
            if tier == Level::Custody && gravity < 4 && !breach_only {
                // Custody follows serious offending: make the main offence a serious one.
                (category, gravity) = loop {
                    let o = self.offence(&mut rng);
                    if o.1 >= 5 {
                        break o;
                    }
                };
            }
            let (offence_main, outcome) = if is_first {
                ((first - self.lag(&mut rng, tier)).max(tenth), first)
            } else {
                (offence, offence + self.lag(&mut rng, tier))
            };
            let kind = self.kind(&mut rng, tier, court_before);
            let kind = if kind == Kind::YroIss && gravity < 4 && occasions < 3 {
                Kind::Yro // ISS is for serious or persistent offending
            } else {
                kind
            };

            // Remand before a serious court occasion.
            let remand = match tier {
                Level::Custody => rng.pick_of(&[(45, 1u8), (10, 2), (45, 0)]),
                Level::Community if gravity >= 5 => rng.pick_of(&[(12, 1u8), (8, 2), (80, 0)]),
                Level::FirstTier if gravity >= 6 => rng.pick_of(&[(4, 1u8), (4, 2), (92, 0)]),
                _ => 0,
            };
            if remand > 0 {
                let start = offence_main + 1 + rng.below(10) as i32;
                if start < outcome && start <= self.extract {
                    let end = if outcome > self.extract {
                        NONE // still remanded at the extract date
                    } else if tier == Level::Custody || rng.chance(650) {
                        outcome
                    } else {
                        start + 1 + rng.below((outcome - start) as u32) as i32
                    };
                    rows.push(Row {
                        offence: offence_main,
                        outcome: start,
                        label: rng.pick_of(if remand == 1 { RYDA } else { RLAA }),
                        category,
                        gravity,
                        release: NONE,
                        end,
                        looked_after,
                        other_ethnicity: false,
                    });
                }
            }
            if outcome > self.extract || age_at(dob, outcome) >= 19 {
                break; // not yet sentenced at the extract date, or long since an adult
            }

            // Custody: release at the half-way point (a few not recorded).
            let release = match kind {
                Kind::Dto => {
                    let term = rng.pick_of(&[
                        (25, 4),
                        (20, 6),
                        (12, 8),
                        (8, 10),
                        (15, 12),
                        (10, 18),
                        (10, 24),
                    ]);
                    add_months(outcome, term / 2)
                }
                Kind::S250 => {
                    let term =
                        rng.pick_of(&[(20, 24), (20, 30), (20, 36), (15, 48), (15, 60), (10, 84)]);
                    add_months(outcome, term / 2)
                }
                _ => NONE,
            };
            let release_written = if release != NONE && rng.chance(50) {
                NONE
            } else {
                release
            };

            // The rows of the occasion: the main offence, then any others dealt with together.
            let label = rng.pick_of(kind.labels());
            let extra = match tier {
                Level::Diversion => rng.pick(&[90, 10]),
                Level::PreCourt => rng.pick(&[85, 15]),
                Level::FirstTier | Level::Community if occasions < 2 => {
                    rng.pick(&[58, 22, 10, 5, 3, 1, 1])
                }
                Level::FirstTier | Level::Community => rng.pick(&[35, 24, 15, 10, 7, 5, 4]),
                Level::Custody => rng.pick(&[30, 25, 15, 10, 8, 6, 6]),
            };
            let occasion_start = rows.len();
            let push = |rows: &mut Vec<Row>, offence, l: &'static str, category, gravity| {
                rows.push(Row {
                    offence,
                    outcome,
                    label: l,
                    category,
                    gravity,
                    release: if tier == Level::Custody && l == label {
                        release_written
                    } else {
                        NONE
                    },
                    end: NONE,
                    looked_after,
                    other_ethnicity: false,
                })
            };
            push(rows, offence_main, label, category, gravity);
            for _ in 0..extra {
                let (c, g) = if on_order && !breach_only && rng.chance(250) {
                    (BREACH_ORDER, 2 + rng.below(2) as u8)
                } else if tier >= Level::FirstTier && rng.chance(40) {
                    (BREACH_BAIL, 2)
                } else if offence_main <= cd_until && rng.chance(200) {
                    (BREACH_CD, 2)
                } else {
                    // A lesser (or equal) offence, its gravity consistent with its category.
                    (0..8)
                        .map(|_| self.offence(&mut rng))
                        .find(|o| o.1 <= gravity)
                        .unwrap_or(("Theft and handling stolen goods", gravity.min(2)))
                };
                let mut off = (offence_main - rng.below(45) as i32).clamp(tenth, outcome);
                // Two offences identical in every column would read as a duplicate row: move
                // the date back a day (forward once the 10th birthday is reached).
                let mut step = -1;
                while rows[occasion_start..]
                    .iter()
                    .any(|r| r.offence == off && r.category == c && r.gravity == g)
                {
                    if off <= tenth {
                        step = 1;
                    }
                    off += step;
                }
                if off > outcome {
                    continue; // no free day for it (a child just turned 10): leave it out
                }
                // Lesser offences sometimes get a lesser sentence on the same occasion.
                let l = if matches!(tier, Level::Community | Level::Custody) && rng.chance(150) {
                    rng.pick_of(&[(3, "Conditional Discharge"), (2, "Fine")])
                } else {
                    label
                };
                push(rows, off, l, c, g);
            }

            // What this occasion leaves in force.
            occasions += 1;
            court_before |= tier >= Level::FirstTier;
            if kind.is_order() {
                order_until = add_months(outcome, if kind == Kind::Ro { 9 } else { 15 });
            }
            if kind == Kind::Cd {
                cd_until = add_months(outcome, 12);
            }

            // Another occasion?
            let chance = if occasions == 1 {
                p_next
            } else {
                p_next.saturating_sub(occasions * 6).max(p_next / 2)
            };
            if !rng.chance(chance) {
                break;
            }
            let free = if release != NONE { release } else { outcome };
            offence = if release == NONE && rng.chance(150) && outcome - offence_main > 2 {
                // Offending while awaiting this outcome (not a reoffence after it).
                offence_main + 1 + rng.below((outcome - offence_main - 1) as u32) as i32
            } else {
                free + 1 + rng.skewed(gap)
            };
            if offence > self.extract || age_at(dob, offence) >= 18 {
                break;
            }
        }

        // Later occasions can be sentenced before earlier ones are; keep the file in date
        // order within each child and never two occasions on one day by accident.
        rows.sort_by_key(|r| r.outcome);
        if conflicting && rows.len() >= 2 {
            rows[0].other_ethnicity = true;
        }
        self.data_quality(&mut rng, rows);
        Child {
            index,
            dob: if rng.chance(5) { NONE } else { dob },
            sex,
            ethnicity,
            other_ethnicity,
        }
    }

    /// Days from offence to outcome for a tier.
    fn lag(&self, rng: &mut Rng, tier: Level) -> i32 {
        match tier {
            Level::Diversion => 5 + rng.skewed(40),
            Level::PreCourt => 10 + rng.skewed(55),
            Level::FirstTier | Level::Community => 21 + rng.skewed(95),
            Level::Custody => 21 + rng.skewed(90),
        }
    }

    fn tier(&self, rng: &mut Rng, previous: u32, gravity: u8, court_before: bool) -> Level {
        let mut w = TIER_WEIGHTS[previous.min(5) as usize];
        // Gravity: minor offences are diverted, serious ones go to court.
        let scale = |w: &mut [u32; 5], f: [u32; 5]| {
            for (x, f) in w.iter_mut().zip(f) {
                *x = *x * f / 10;
            }
        };
        match gravity {
            1..=2 => scale(&mut w, [15, 10, 8, 4, 1]),
            3 => {}
            4 => scale(&mut w, [6, 10, 11, 12, 12]),
            5..=6 => scale(&mut w, [1, 5, 12, 20, 30]),
            _ => scale(&mut w, [0, 1, 10, 25, 80]),
        }
        if court_before {
            // Once at court, rarely back to diversion.
            w[0] /= 3;
        }
        [
            Level::Diversion,
            Level::PreCourt,
            Level::FirstTier,
            Level::Community,
            Level::Custody,
        ][rng.pick(&w)]
    }

    fn kind(&self, rng: &mut Rng, tier: Level, court_before: bool) -> Kind {
        match tier {
            Level::Diversion => rng.pick_of(&[(33, Kind::Triage), (47, Kind::Cr), (20, Kind::O22)]),
            Level::PreCourt => rng.pick_of(&[(60, Kind::Yc), (40, Kind::Ycc)]),
            // A first court appearance with a guilty plea almost always gets a Referral Order.
            Level::FirstTier if !court_before && rng.chance(850) => Kind::Ro,
            Level::FirstTier => rng.pick_of(&[
                (30, Kind::Ro),
                (15, Kind::Fine),
                (20, Kind::Cd),
                (4, Kind::Ad),
                (6, Kind::Reparation),
                (6, Kind::Compensation),
                (4, Kind::BindOver),
                (1, Kind::OtherFirstTier),
            ]),
            Level::Community => {
                rng.pick_of(&[(84, Kind::Yro), (15, Kind::YroIss), (1, Kind::YroIf)])
            }
            Level::Custody => rng.pick_of(&[(88, Kind::Dto), (12, Kind::S250)]),
        }
    }

    /// Small, deterministic data-quality issues.
    fn data_quality(&self, rng: &mut Rng, rows: &mut Vec<Row>) {
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

    /// Run children in order, handing each to `sink` until it returns false or the size is
    /// reached. Returns the number of children generated.
    fn run(
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

// ---------------------------------------------------------------------------------------------
// Formatting

fn push_2(out: &mut Vec<u8>, n: u32) {
    out.push(b'0' + (n / 10) as u8);
    out.push(b'0' + (n % 10) as u8);
}

/// `DD/MM/YYYY`, or nothing for [`NONE`].
fn push_date(out: &mut Vec<u8>, day: i32) {
    if day == NONE {
        return;
    }
    let (y, m, d) = civil_from_days(day);
    push_2(out, d);
    out.push(b'/');
    push_2(out, m);
    out.push(b'/');
    push_2(out, (y / 100) as u32);
    push_2(out, (y % 100) as u32);
}

/// A text field, quoted when it holds a comma or a quote (RFC 4180).
fn push_text(out: &mut Vec<u8>, s: &str) {
    if s.bytes().any(|b| b == b',' || b == b'"') {
        out.push(b'"');
        for b in s.bytes() {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(s.as_bytes());
    }
}

fn push_id(out: &mut Vec<u8>, index: u64) {
    out.extend_from_slice(b"YJ");
    let n = index + 1;
    let mut digits = [0u8; 20];
    let mut len = 0;
    let mut v = n;
    while v > 0 || len < 6 {
        digits[len] = b'0' + (v % 10) as u8;
        v /= 10;
        len += 1;
    }
    out.extend(digits[..len].iter().rev());
}

fn push_row(out: &mut Vec<u8>, child: &Child, row: &Row) {
    push_id(out, child.index);
    out.push(b',');
    push_date(out, row.offence);
    out.push(b',');
    push_date(out, row.outcome);
    out.push(b',');
    push_text(out, row.label);
    out.push(b',');
    push_date(out, child.dob);
    out.push(b',');
    out.extend_from_slice(child.sex.as_bytes());
    out.push(b',');
    push_text(
        out,
        if row.other_ethnicity {
            child.other_ethnicity
        } else {
            child.ethnicity
        },
    );
    out.push(b',');
    push_text(out, row.category);
    out.push(b',');
    out.push(b'0' + row.gravity);
    out.push(b',');
    push_date(out, row.release);
    out.push(b',');
    push_date(out, row.end);
    out.push(b',');
    out.extend_from_slice(match row.looked_after {
        Some(true) => b"Y",
        Some(false) => b"N",
        None => b"",
    });
    out.push(b',');
    out.extend_from_slice(SERVICE.as_bytes());
    out.push(b'\n');
}

/// Stream a synthetic extract to `out` (buffered internally; memory stays small for any size).
pub fn write_extract(out: &mut impl Write, size: SampleSize, seed: u64) -> io::Result<()> {
    let generator = Generator::new(seed);
    let mut buf = Vec::with_capacity(1 << 17);
    buf.extend_from_slice(HEADER.as_bytes());
    buf.push(b'\n');
    generator.run(size, |child, rows| {
        for row in rows {
            push_row(&mut buf, child, row);
        }
        if buf.len() >= 1 << 16 {
            out.write_all(&buf)?;
            buf.clear();
        }
        Ok(())
    })?;
    out.write_all(&buf)
}

/// Write a synthetic extract in the spec's format.
pub fn extract_csv(size: SampleSize, seed: u64) -> String {
    let capacity = match size {
        SampleSize::Rows(n) => n.saturating_mul(160),
        SampleSize::Children(n) => u64::from(n) * 400,
    };
    let mut out = Vec::with_capacity(capacity.min(1 << 30) as usize + 256);
    write_extract(&mut out, size, seed).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("the generator writes UTF-8 only")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        for z in -1000..30_000 {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
    }

    #[test]
    fn month_arithmetic_clamps() {
        let d = days_from_civil(2023, 8, 31);
        assert_eq!(civil_from_days(add_months(d, 6)), (2024, 2, 29));
        let d = days_from_civil(2024, 2, 29);
        assert_eq!(civil_from_days(add_months(d, 12)), (2025, 2, 28));
    }

    #[test]
    fn ages() {
        let dob = days_from_civil(2010, 5, 15);
        assert_eq!(age_at(dob, days_from_civil(2024, 5, 14)), 13);
        assert_eq!(age_at(dob, days_from_civil(2024, 5, 15)), 14);
    }

    #[test]
    fn ids_are_padded() {
        let mut v = Vec::new();
        push_id(&mut v, 122);
        assert_eq!(v, b"YJ000123");
        v.clear();
        push_id(&mut v, 1_234_566);
        assert_eq!(v, b"YJ1234567");
    }
}
