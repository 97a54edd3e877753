//! Outcomes (caution, sentence, diversion, remand), their tier and their severity order
//! (`measures.md`, "Severity").

use serde::{Deserialize, Serialize};

/// The tier of an outcome. "Substantive" = pre-court, first tier, community or custody.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    Diversion,
    PreCourt,
    FirstTier,
    Community,
    Custody,
    Remand,
    NotAnOutcome,
    Unknown,
}

impl Tier {
    pub const ALL: [Tier; 8] = [
        Tier::Diversion,
        Tier::PreCourt,
        Tier::FirstTier,
        Tier::Community,
        Tier::Custody,
        Tier::Remand,
        Tier::NotAnOutcome,
        Tier::Unknown,
    ];

    /// What the YJB counts: pre-court, first tier, community or custody.
    pub fn is_substantive(self) -> bool {
        matches!(
            self,
            Tier::PreCourt | Tier::FirstTier | Tier::Community | Tier::Custody
        )
    }

    /// Sentenced at court: first tier, community or custody.
    pub fn is_court(self) -> bool {
        matches!(self, Tier::FirstTier | Tier::Community | Tier::Custody)
    }

    /// Stable id used in the aggregate file (`outcome_tier` breakdown).
    pub fn id(self) -> &'static str {
        match self {
            Tier::Diversion => "diversion",
            Tier::PreCourt => "pre_court",
            Tier::FirstTier => "first_tier",
            Tier::Community => "community",
            Tier::Custody => "custody",
            Tier::Remand => "remand",
            Tier::NotAnOutcome => "not_an_outcome",
            Tier::Unknown => "unknown",
        }
    }
}

/// A canonical outcome. Within the occasion-forming outcomes (diversion to custody) the
/// declaration order **is** the severity order, least severe first, so `Ord` picks the most
/// severe outcome of an occasion with `max()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    // diversion: Outcome 22 > Community Resolution > Triage
    Triage,
    CommunityResolution,
    Outcome22,
    // pre-court: YCC > YC
    YouthCaution,
    YouthConditionalCaution,
    // first tier: RO > Reparation > Fine > Compensation > CD > Bind over > AD > Other
    OtherFirstTier,
    AbsoluteDischarge,
    BindOver,
    ConditionalDischarge,
    CompensationOrder,
    Fine,
    ReparationOrder,
    ReferralOrder,
    // community: YRO ISS > YRO Intensive Fostering > YRO
    Yro,
    YroIntensiveFostering,
    YroIss,
    // custody: other long-term detention > Section 250 > DTO
    Dto,
    Section250,
    LongTermDetention,
    // remand episodes (never occasions)
    RemandYda,
    RemandLaa,
    // not an outcome: kept with a warning, enter no measure
    NoFurtherAction,
    Turnaround,
    ParentingOrder,
    /// A label that matched nothing (kept, listed in the quality report, in no measure).
    Unknown,
}

impl Outcome {
    pub const ALL: [Outcome; 25] = [
        Outcome::Triage,
        Outcome::CommunityResolution,
        Outcome::Outcome22,
        Outcome::YouthCaution,
        Outcome::YouthConditionalCaution,
        Outcome::OtherFirstTier,
        Outcome::AbsoluteDischarge,
        Outcome::BindOver,
        Outcome::ConditionalDischarge,
        Outcome::CompensationOrder,
        Outcome::Fine,
        Outcome::ReparationOrder,
        Outcome::ReferralOrder,
        Outcome::Yro,
        Outcome::YroIntensiveFostering,
        Outcome::YroIss,
        Outcome::Dto,
        Outcome::Section250,
        Outcome::LongTermDetention,
        Outcome::RemandYda,
        Outcome::RemandLaa,
        Outcome::NoFurtherAction,
        Outcome::Turnaround,
        Outcome::ParentingOrder,
        Outcome::Unknown,
    ];

    pub fn tier(self) -> Tier {
        use Outcome::*;
        match self {
            Triage | CommunityResolution | Outcome22 => Tier::Diversion,
            YouthCaution | YouthConditionalCaution => Tier::PreCourt,
            OtherFirstTier | AbsoluteDischarge | BindOver | ConditionalDischarge
            | CompensationOrder | Fine | ReparationOrder | ReferralOrder => Tier::FirstTier,
            Yro | YroIntensiveFostering | YroIss => Tier::Community,
            Dto | Section250 | LongTermDetention => Tier::Custody,
            RemandYda | RemandLaa => Tier::Remand,
            NoFurtherAction | Turnaround | ParentingOrder => Tier::NotAnOutcome,
            Unknown => Tier::Unknown,
        }
    }

    /// Whether rows with this outcome form occasions (diversion to custody).
    pub fn forms_occasion(self) -> bool {
        matches!(
            self.tier(),
            Tier::Diversion | Tier::PreCourt | Tier::FirstTier | Tier::Community | Tier::Custody
        )
    }

    /// The label shown to people and written in the aggregate file (`outcome_type`).
    pub fn label(self) -> &'static str {
        use Outcome::*;
        match self {
            Triage => "Triage",
            CommunityResolution => "Community Resolution",
            Outcome22 => "Outcome 22",
            YouthCaution => "Youth Caution",
            YouthConditionalCaution => "Youth Conditional Caution",
            OtherFirstTier => "Other first tier",
            AbsoluteDischarge => "Absolute Discharge",
            BindOver => "Bind Over",
            ConditionalDischarge => "Conditional Discharge",
            CompensationOrder => "Compensation Order",
            Fine => "Fine",
            ReparationOrder => "Reparation Order",
            ReferralOrder => "Referral Order",
            Yro => "Youth Rehabilitation Order",
            YroIntensiveFostering => "YRO with Intensive Fostering",
            YroIss => "YRO with ISS",
            Dto => "Detention and Training Order",
            Section250 => "Section 250",
            LongTermDetention => "Other long-term detention",
            RemandYda => "Remand to Youth Detention Accommodation",
            RemandLaa => "Remand to Local Authority Accommodation",
            NoFurtherAction => "No Further Action",
            Turnaround => "Turnaround",
            ParentingOrder => "Parenting Order",
            Unknown => "Unknown",
        }
    }

    /// Match a label or abbreviation from a file (case- and punctuation-insensitive).
    /// `None` when nothing matches (the row then carries [`Outcome::Unknown`]).
    pub fn parse(label: &str) -> Option<Outcome> {
        // Owned by the ingest work (issue 3): every label and abbreviation of the spec.
        let n = super::normalise(label);
        Outcome::ALL
            .into_iter()
            .find(|o| *o != Outcome::Unknown && super::normalise(o.label()) == n)
    }
}
