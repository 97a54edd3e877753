//! Breakdowns and their groups (`measures.md`, "Groups"; `input-formats.md` §4). A breakdown
//! with a fixed code list has its groups here, in display order, with its Unknown group named
//! (no group is found by a magic index); the others' groups come from the extract (detailed
//! ethnicities, offence categories, services), with a named group for "none given".

use super::ids::id_enum;
use crate::codes::{EthnicGroup, Outcome, Sex, Tier};

id_enum! {
    /// A breakdown: what the `breakdown` (and `breakdown2`) cell names.
    pub enum Breakdown {
        All = "all",
        Ethnicity = "ethnicity",
        EthnicityDetail = "ethnicity_detail",
        Sex = "sex",
        AgeBand = "age_band",
        Age = "age",
        OutcomeTier = "outcome_tier",
        OutcomeType = "outcome_type",
        SentenceType = "sentence_type",
        OffenceCategory = "offence_category",
        GravityBand = "gravity_band",
        LookedAfter = "looked_after",
        Service = "service",
        PreviousOccasions = "previous_occasions",
        /// Months after the index event (time to first reoffence).
        Month = "month",
        /// Reoffenders by their number of reoffences.
        ReoffencesBand = "reoffences_band",
        /// KPIs: the group of the child's latest-ending intervention.
        InterventionGroup = "intervention_group",
        /// KPI 7: the board partner (free text from the board file).
        Partner = "partner",
    }
}

/// The group of the whole population (breakdown `all`).
pub const ALL_GROUP: &str = "all";
/// The group of an unknown value.
pub const UNKNOWN: &str = "Unknown";
/// The group of a detailed ethnicity that was not given.
pub const NOT_GIVEN: &str = "Not given";
/// The offence category free text is published as (one of the YJB groups).
pub const OTHER_CATEGORY: &str = "Other";
/// The group of a service or offence category not recorded (and of a gravity not recorded).
pub const NOT_RECORDED: &str = "Not recorded";

/// The groups of a breakdown whose code list is fixed, in display order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Groups {
    pub groups: Vec<&'static str>,
    /// The group of an unknown value, when the breakdown has one (it is also in `groups`).
    pub unknown: Option<&'static str>,
}

impl Breakdown {
    /// The fixed groups of this breakdown, in display order; `None` when they depend on the
    /// extract (detailed ethnicity, offence category, service).
    pub fn groups(self) -> Option<Groups> {
        let with = |groups: Vec<&'static str>, unknown| Some(Groups { groups, unknown });
        match self {
            Breakdown::All => with(vec![ALL_GROUP], None),
            Breakdown::Ethnicity => with(
                EthnicGroup::ALL.iter().map(|g| g.label()).collect(),
                Some(EthnicGroup::Unknown.label()),
            ),
            Breakdown::Sex => with(
                Sex::ALL.iter().map(|s| s.label()).collect(),
                Some(Sex::Unknown.label()),
            ),
            Breakdown::AgeBand => with(
                AgeBand::ALL.iter().map(|b| b.label()).collect(),
                Some(AgeBand::Unknown.label()),
            ),
            Breakdown::Age => with(
                AgeGroup::ALL_AGES.iter().map(|a| a.label()).collect(),
                Some(AgeGroup::Unknown.label()),
            ),
            Breakdown::OutcomeTier => with(ALL_TIERS.iter().map(|t| t.id()).collect(), None),
            Breakdown::OutcomeType => with(
                outcome_types(true).iter().map(|o| o.label()).collect(),
                None,
            ),
            Breakdown::SentenceType => with(SENTENCES.iter().map(|o| o.label()).collect(), None),
            Breakdown::GravityBand => with(
                GravityBand::ALL.iter().map(|b| b.label()).collect(),
                Some(GravityBand::NotRecorded.label()),
            ),
            Breakdown::LookedAfter => with(
                LookedAfter::ALL.iter().map(|b| b.label()).collect(),
                Some(LookedAfter::Unknown.label()),
            ),
            Breakdown::PreviousOccasions => with(
                PreviousOccasions::ALL.iter().map(|b| b.label()).collect(),
                None,
            ),
            Breakdown::Month => with(MONTHS.to_vec(), None),
            Breakdown::ReoffencesBand => with(
                ReoffencesBand::ALL.iter().map(|b| b.label()).collect(),
                None,
            ),
            Breakdown::InterventionGroup => with(
                crate::codes::intervention::InterventionGroup::ALL
                    .iter()
                    .map(|g| g.label())
                    .collect(),
                None,
            ),
            Breakdown::EthnicityDetail
            | Breakdown::OffenceCategory
            | Breakdown::Service
            | Breakdown::Partner => None,
        }
    }

    /// The group of an unknown value: named for every breakdown that has one.
    pub fn unknown_group(self) -> Option<&'static str> {
        match self {
            Breakdown::EthnicityDetail => Some(NOT_GIVEN),
            Breakdown::OffenceCategory | Breakdown::Service => Some(NOT_RECORDED),
            _ => self.groups().and_then(|g| g.unknown),
        }
    }
}

/// The tiers of the substantive outcomes (what the YJB counts), least to most severe.
pub const SUBSTANTIVE_TIERS: [Tier; 4] = [
    Tier::PreCourt,
    Tier::FirstTier,
    Tier::Community,
    Tier::Custody,
];
/// The tiers of every occasion, diversion included.
pub const ALL_TIERS: [Tier; 5] = [
    Tier::Diversion,
    Tier::PreCourt,
    Tier::FirstTier,
    Tier::Community,
    Tier::Custody,
];
/// The custodial sentences (breakdown `sentence_type`), least to most severe.
pub const SENTENCES: [Outcome; 3] = [
    Outcome::Dto,
    Outcome::Section250,
    Outcome::LongTermDetention,
];
/// The months of the time to first reoffence.
pub const MONTHS: [&str; 12] = [
    "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
];

/// The outcome types of breakdown `outcome_type`: the substantive outcomes, and with
/// `diversion` the diversion outcomes too, by tier and least to most severe within a tier.
pub fn outcome_types(diversion: bool) -> Vec<Outcome> {
    Outcome::ALL
        .into_iter()
        .filter(|o| o.tier().is_substantive() || (diversion && o.tier() == Tier::Diversion))
        .collect()
}

id_enum! {
    /// Age bands of the youth measures.
    pub enum AgeBand {
        From10To14 = "10-14",
        From15To17 = "15-17",
        Unknown = "Unknown",
    }
}

impl AgeBand {
    pub const fn label(self) -> &'static str {
        self.id()
    }

    /// The band of an age; `None` outside 10–17.
    pub fn of(age: Option<i32>) -> Option<AgeBand> {
        match age {
            None => Some(AgeBand::Unknown),
            Some(10..=14) => Some(AgeBand::From10To14),
            Some(15..=17) => Some(AgeBand::From15To17),
            Some(_) => None,
        }
    }

    /// The ages of the band (for its population); `None` for Unknown.
    pub fn ages(self) -> Option<(u8, u8)> {
        match self {
            AgeBand::From10To14 => Some((10, 14)),
            AgeBand::From15To17 => Some((15, 17)),
            AgeBand::Unknown => None,
        }
    }
}

/// A group of breakdown `age`: under 10, each age 10–17, 18+, or Unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AgeGroup {
    Under10,
    Age(u8),
    Over17,
    Unknown,
}

impl AgeGroup {
    /// Every group of the throughput's age × sex table, in display order.
    pub const ALL_AGES: [AgeGroup; 11] = [
        AgeGroup::Under10,
        AgeGroup::Age(10),
        AgeGroup::Age(11),
        AgeGroup::Age(12),
        AgeGroup::Age(13),
        AgeGroup::Age(14),
        AgeGroup::Age(15),
        AgeGroup::Age(16),
        AgeGroup::Age(17),
        AgeGroup::Over17,
        AgeGroup::Unknown,
    ];
    /// The groups of the youth measures (10–17 and Unknown), in display order.
    pub const YOUTH: [AgeGroup; 9] = [
        AgeGroup::Age(10),
        AgeGroup::Age(11),
        AgeGroup::Age(12),
        AgeGroup::Age(13),
        AgeGroup::Age(14),
        AgeGroup::Age(15),
        AgeGroup::Age(16),
        AgeGroup::Age(17),
        AgeGroup::Unknown,
    ];

    pub fn of(age: Option<i32>) -> AgeGroup {
        match age {
            None => AgeGroup::Unknown,
            Some(a) if a < 10 => AgeGroup::Under10,
            Some(a @ 10..=17) => AgeGroup::Age(a as u8),
            Some(_) => AgeGroup::Over17,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AgeGroup::Under10 => "under 10",
            AgeGroup::Age(a) => match a {
                10 => "10",
                11 => "11",
                12 => "12",
                13 => "13",
                14 => "14",
                15 => "15",
                16 => "16",
                _ => "17",
            },
            AgeGroup::Over17 => "18+",
            AgeGroup::Unknown => UNKNOWN,
        }
    }
}

id_enum! {
    /// Gravity bands (gravity scores 1–8).
    pub enum GravityBand {
        From1To3 = "1-3",
        Four = "4",
        From5To8 = "5-8",
        NotRecorded = "Not recorded",
    }
}

impl GravityBand {
    pub const fn label(self) -> &'static str {
        self.id()
    }

    pub fn of(gravity: Option<u8>) -> GravityBand {
        match gravity {
            Some(1..=3) => GravityBand::From1To3,
            Some(4) => GravityBand::Four,
            Some(5..=8) => GravityBand::From5To8,
            _ => GravityBand::NotRecorded,
        }
    }
}

id_enum! {
    /// Looked-after status.
    pub enum LookedAfter {
        Yes = "Yes",
        No = "No",
        Unknown = "Unknown",
    }
}

impl LookedAfter {
    pub const fn label(self) -> &'static str {
        self.id()
    }

    pub fn of(looked_after: Option<bool>) -> LookedAfter {
        match looked_after {
            Some(true) => LookedAfter::Yes,
            Some(false) => LookedAfter::No,
            None => LookedAfter::Unknown,
        }
    }
}

id_enum! {
    /// Previous substantive occasions before the index event.
    pub enum PreviousOccasions {
        None = "0",
        From1To2 = "1-2",
        From3To6 = "3-6",
        From7To10 = "7-10",
        Over10 = "11+",
    }
}

impl PreviousOccasions {
    pub const fn label(self) -> &'static str {
        self.id()
    }

    pub fn of(previous: u32) -> PreviousOccasions {
        match previous {
            0 => PreviousOccasions::None,
            1..=2 => PreviousOccasions::From1To2,
            3..=6 => PreviousOccasions::From3To6,
            7..=10 => PreviousOccasions::From7To10,
            _ => PreviousOccasions::Over10,
        }
    }
}

id_enum! {
    /// Reoffenders by their number of reoffences.
    pub enum ReoffencesBand {
        One = "1",
        Two = "2",
        Three = "3",
        Four = "4",
        From5To9 = "5-9",
        Over9 = "10+",
    }
}

impl ReoffencesBand {
    pub const fn label(self) -> &'static str {
        self.id()
    }

    /// The band of a number of reoffences; `None` for none.
    pub fn of(reoffences: u32) -> Option<ReoffencesBand> {
        match reoffences {
            0 => None,
            1 => Some(ReoffencesBand::One),
            2 => Some(ReoffencesBand::Two),
            3 => Some(ReoffencesBand::Three),
            4 => Some(ReoffencesBand::Four),
            5..=9 => Some(ReoffencesBand::From5To9),
            _ => Some(ReoffencesBand::Over9),
        }
    }
}
