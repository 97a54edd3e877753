//! Outcome code lists as the synthetic file writes them: occasion tiers, outcome kinds and
//! their labels (full names and abbreviations), remand labels and the deliberately unknown ones.

/// The tier an occasion's outcome is drawn from (occasion-forming tiers only), least severe
/// first.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(super) enum Level {
    Diversion,
    PreCourt,
    FirstTier,
    Community,
    Custody,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
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
    pub(super) fn labels(self) -> &'static [(u32, &'static str)] {
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

    pub(super) fn is_order(self) -> bool {
        matches!(self, Kind::Ro | Kind::Yro | Kind::YroIss | Kind::YroIf)
    }
}

pub(super) const RYDA: &[(u32, &str)] = &[
    (85, "Remand to Youth Detention Accommodation"),
    (15, "RYDA"),
];
pub(super) const RLAA: &[(u32, &str)] = &[
    (85, "Remand to Local Authority Accommodation"),
    (15, "RLAA"),
];
/// Labels that match no outcome in the spec: they exercise the "unknown code" path.
pub const UNKNOWN_OUTCOME_LABELS: [&str; 2] = ["Youth Diversion Programme", "Outcome 21"];
pub(super) const NOT_AN_OUTCOME: &str = "No Further Action";
