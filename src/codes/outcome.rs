//! Outcomes (caution, sentence, diversion, remand), their tier and their severity order
//! (`measures.md`, "Severity").

use serde::{Deserialize, Serialize};

/// The tier of an outcome. "Substantive" = pre-court, first tier, community or custody.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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

    /// The outcome's id (its serde form: `youth_caution`).
    pub fn id(self) -> &'static str {
        use Outcome::*;
        match self {
            Triage => "triage",
            CommunityResolution => "community_resolution",
            Outcome22 => "outcome22",
            YouthCaution => "youth_caution",
            YouthConditionalCaution => "youth_conditional_caution",
            OtherFirstTier => "other_first_tier",
            AbsoluteDischarge => "absolute_discharge",
            BindOver => "bind_over",
            ConditionalDischarge => "conditional_discharge",
            CompensationOrder => "compensation_order",
            Fine => "fine",
            ReparationOrder => "reparation_order",
            ReferralOrder => "referral_order",
            Yro => "yro",
            YroIntensiveFostering => "yro_intensive_fostering",
            YroIss => "yro_iss",
            Dto => "dto",
            Section250 => "section250",
            LongTermDetention => "long_term_detention",
            RemandYda => "remand_yda",
            RemandLaa => "remand_laa",
            NoFurtherAction => "no_further_action",
            Turnaround => "turnaround",
            ParentingOrder => "parenting_order",
            Unknown => "unknown",
        }
    }

    /// The variant's name (`YouthCaution`): the page's name for the outcome.
    pub fn key(self) -> &'static str {
        use Outcome::*;
        match self {
            Triage => "Triage",
            CommunityResolution => "CommunityResolution",
            Outcome22 => "Outcome22",
            YouthCaution => "YouthCaution",
            YouthConditionalCaution => "YouthConditionalCaution",
            OtherFirstTier => "OtherFirstTier",
            AbsoluteDischarge => "AbsoluteDischarge",
            BindOver => "BindOver",
            ConditionalDischarge => "ConditionalDischarge",
            CompensationOrder => "CompensationOrder",
            Fine => "Fine",
            ReparationOrder => "ReparationOrder",
            ReferralOrder => "ReferralOrder",
            Yro => "Yro",
            YroIntensiveFostering => "YroIntensiveFostering",
            YroIss => "YroIss",
            Dto => "Dto",
            Section250 => "Section250",
            LongTermDetention => "LongTermDetention",
            RemandYda => "RemandYda",
            RemandLaa => "RemandLaa",
            NoFurtherAction => "NoFurtherAction",
            Turnaround => "Turnaround",
            ParentingOrder => "ParentingOrder",
            Unknown => "Unknown",
        }
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
    ///
    /// Tries, in order: the whole value; the value without a bracketed part
    /// (`"Youth Caution (YC)"` → `"Youth Caution"`); the bracketed part alone; then the
    /// section-number forms (`s.250`, `S91`, `Section 226B`, `s254 extended sentence`).
    pub fn parse(label: &str) -> Option<Outcome> {
        let n = super::normalise(label);
        if n.is_empty() {
            return None;
        }
        if let Some(o) = lookup(&n).or_else(|| section(&n)) {
            return Some(o);
        }
        // "Label (ABBR)" and "ABBR (Label)" forms.
        if let (Some(open), Some(close)) = (label.find(['(', '[']), label.rfind([')', ']'])) {
            if open < close {
                let outside = format!("{}{}", &label[..open], &label[close + 1..]);
                let inside = &label[open + 1..close];
                for part in [outside.as_str(), inside] {
                    let n = super::normalise(part);
                    if let Some(o) = lookup(&n).or_else(|| section(&n)) {
                        return Some(o);
                    }
                }
            }
        }
        None
    }

    /// Every label and abbreviation [`Outcome::parse`] recognises for this outcome, as
    /// written in `input-formats.md` §2 (normalised forms are derived from these).
    pub fn synonyms(self) -> &'static [&'static str] {
        use Outcome::*;
        match self {
            Triage => &["Triage", "Youth Triage"],
            CommunityResolution => &["Community Resolution", "CR", "Community Resolution Order"],
            Outcome22 => &[
                "Outcome 22",
                "O22",
                "OC22",
                "Outcome 22/22A",
                "Deferred prosecution",
                "Outcome 22 / deferred prosecution",
            ],
            YouthCaution => &["Youth Caution", "YC", "Caution"],
            YouthConditionalCaution => &["Youth Conditional Caution", "YCC", "Conditional Caution"],
            OtherFirstTier => &["Other first tier", "Other first-tier", "First tier other"],
            AbsoluteDischarge => &["Absolute Discharge", "AD"],
            BindOver => &["Bind Over", "Bound Over", "Binding Over", "Bind Over Order"],
            ConditionalDischarge => &["Conditional Discharge", "CD"],
            CompensationOrder => &["Compensation Order", "Compensation"],
            Fine => &["Fine", "Fined"],
            ReparationOrder => &["Reparation Order", "Reparation"],
            ReferralOrder => &["Referral Order", "RO", "Referral"],
            Yro => &["Youth Rehabilitation Order", "YRO"],
            YroIntensiveFostering => &[
                "YRO with Intensive Fostering",
                "YRO Intensive Fostering",
                "YRO IF",
                "Youth Rehabilitation Order with Intensive Fostering",
                "Intensive Fostering",
            ],
            YroIss => &[
                "YRO with ISS",
                "YRO ISS",
                "YRO ISSP",
                "ISS",
                "ISSP",
                "YRO with Intensive Supervision and Surveillance",
                "Youth Rehabilitation Order with Intensive Supervision and Surveillance",
                "Youth Rehabilitation Order with ISS",
                "Intensive Supervision and Surveillance",
            ],
            Dto => &["Detention and Training Order", "DTO"],
            Section250 => &[
                "Section 250",
                "Section 250 detention",
                "s.250",
                "S250",
                "Section 91",
                "s.91",
                "S91",
            ],
            LongTermDetention => &[
                "Other long-term detention",
                "Long-term detention",
                "s.254",
                "s.258",
                "s.259",
                "s.226",
                "s.226B",
                "s.228",
                "s.90",
                "s.92",
                "Section 90-92",
                "Extended sentence",
                "Extended sentence of detention",
                "EDS",
                "Detention for life",
                "Detention at His Majesty's pleasure",
                "Detention at Her Majesty's pleasure",
            ],
            RemandYda => &[
                "Remand to Youth Detention Accommodation",
                "RYDA",
                "Remand in custody",
                "Remand to YDA",
                "Remand YDA",
                "Custodial remand",
                "Secure remand",
            ],
            RemandLaa => &[
                "Remand to Local Authority Accommodation",
                "RLAA",
                "Remand to LAA",
                "Remand LAA",
                "Remand to local authority",
                "Remand to local authority care",
            ],
            NoFurtherAction => &["No Further Action", "NFA"],
            Turnaround => &["Turnaround", "Turnaround programme"],
            ParentingOrder => &["Parenting Order"],
            Unknown => &[],
        }
    }
}

/// Exact match of a normalised value against every label and synonym.
fn lookup(n: &str) -> Option<Outcome> {
    Outcome::ALL.into_iter().find(|o| {
        super::normalise(o.label()) == n && *o != Outcome::Unknown
            || o.synonyms().iter().any(|s| super::normalise(s) == n)
    })
}

/// Section-number forms: `s250`, `sect91`, `section226b`, `s254extendedsentence`,
/// `section9092` (already normalised).
fn section(n: &str) -> Option<Outcome> {
    let rest = ["section", "sect", "sec", "s"]
        .iter()
        .find_map(|p| n.strip_prefix(p))?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let (number, mut tail) = rest.split_at(digits);
    let mut letter = "";
    if let Some(t) = tail.strip_prefix('b') {
        if number == "226" {
            letter = "b";
            tail = t;
        }
    }
    if !matches!(
        tail,
        "" | "detention"
            | "longtermdetention"
            | "sentence"
            | "custody"
            | "extendedsentence"
            | "extendeddetention"
            | "detentionforlife"
            | "pccsa2000"
            | "pccsa"
            | "sentencingact2020"
            | "cja2003"
    ) {
        return None;
    }
    match (number, letter) {
        ("250" | "91", "") => Some(Outcome::Section250),
        ("90" | "92" | "9092" | "226" | "228" | "254" | "258" | "259", _) => {
            Some(Outcome::LongTermDetention)
        }
        _ => None,
    }
}
