//! A child's offending career: date of birth, sex and ethnicity, propensity, and each
//! occasion's offences, outcome tier and kind, remands, custody release and order breaches.

use super::area::ETHNICITY_UNKNOWN;
use super::calendar::{add_months, age_at, years_before, NONE};
use super::generator::{Child, Generator, Row};
use super::offences::{BREACH_BAIL, BREACH_CD, BREACH_ORDER};
use super::outcomes::{Kind, Level, RLAA, RYDA};
use super::rng::{child_seed, Rng};

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

impl Generator {
    /// Generate one child and their rows (sorted by outcome date, data-quality issues applied).
    pub(super) fn child(&self, index: u64, rows: &mut Vec<Row>) -> Child {
        rows.clear();
        let mut rng = Rng::new(child_seed(self.seed, index));
        let span = (self.extract - self.start) as u32;
        let first = self.start + rng.below(span + 1) as i32;
        let age = 10 + rng.pick(&[10, 30, 60, 100, 150, 190, 220, 240]) as i32;
        // Born so that they are exactly `age` on the first outcome date.
        let latest = years_before(first, age as u32);
        let earliest = years_before(first, age as u32 + 1) + 1;
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
}
