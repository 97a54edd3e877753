//! The interventions extract's code lists (`kpis.md`, "Inputs"): intervention types, each in a
//! group (prevention, out of court, community, custody); end reasons; the setting at the end;
//! and the Y/N values every status column takes, with "not recorded" kept apart from "No".

use serde::{Deserialize, Serialize};

/// The group of an intervention type (breakdown `intervention_group`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum InterventionGroup {
    Prevention,
    OutOfCourt,
    Community,
    Custody,
}

impl InterventionGroup {
    pub const ALL: [InterventionGroup; 4] = [
        InterventionGroup::Prevention,
        InterventionGroup::OutOfCourt,
        InterventionGroup::Community,
        InterventionGroup::Custody,
    ];

    /// The group as figures name it (the `group` cell of breakdown `intervention_group`).
    pub const fn label(self) -> &'static str {
        match self {
            InterventionGroup::Prevention => "Prevention",
            InterventionGroup::OutOfCourt => "Out of court",
            InterventionGroup::Community => "Community",
            InterventionGroup::Custody => "Custody",
        }
    }

    pub const fn index(self) -> usize {
        self as usize
    }
}

/// An intervention type of the code list, or [`InterventionType::Unknown`] (left out of every
/// KPI until the user maps it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InterventionType {
    Turnaround,
    EarlyIntervention,
    PreventionProgramme,
    CommunityResolution,
    DiversionProgramme,
    YouthCaution,
    YouthConditionalCaution,
    OutOfCourtDisposal,
    ReferralOrder,
    YouthRehabilitationOrder,
    ReparationOrder,
    BailSupervision,
    DetentionAndTraining,
    Section250,
    Section254,
    Section259,
    ExtendedSentence,
    Unknown,
}

impl InterventionType {
    /// Every known type, in the order of the code list (groups together).
    pub const KNOWN: [InterventionType; 17] = [
        InterventionType::Turnaround,
        InterventionType::EarlyIntervention,
        InterventionType::PreventionProgramme,
        InterventionType::CommunityResolution,
        InterventionType::DiversionProgramme,
        InterventionType::YouthCaution,
        InterventionType::YouthConditionalCaution,
        InterventionType::OutOfCourtDisposal,
        InterventionType::ReferralOrder,
        InterventionType::YouthRehabilitationOrder,
        InterventionType::ReparationOrder,
        InterventionType::BailSupervision,
        InterventionType::DetentionAndTraining,
        InterventionType::Section250,
        InterventionType::Section254,
        InterventionType::Section259,
        InterventionType::ExtendedSentence,
    ];

    /// The group; `None` for an unknown type.
    pub const fn group(self) -> Option<InterventionGroup> {
        use InterventionGroup as G;
        use InterventionType::*;
        Some(match self {
            Turnaround | EarlyIntervention | PreventionProgramme | CommunityResolution
            | DiversionProgramme => G::Prevention,
            YouthCaution | YouthConditionalCaution | OutOfCourtDisposal => G::OutOfCourt,
            ReferralOrder | YouthRehabilitationOrder | ReparationOrder | BailSupervision => {
                G::Community
            }
            DetentionAndTraining | Section250 | Section254 | Section259 | ExtendedSentence => {
                G::Custody
            }
            Unknown => return None,
        })
    }

    /// The type as the code list names it (what a mapping profile maps to).
    pub const fn label(self) -> &'static str {
        use InterventionType::*;
        match self {
            Turnaround => "Turnaround",
            EarlyIntervention => "Early intervention",
            PreventionProgramme => "Prevention programme",
            CommunityResolution => "Community resolution (Outcome 22) with YJS support",
            DiversionProgramme => "Diversion programme",
            YouthCaution => "Youth caution",
            YouthConditionalCaution => "Youth conditional caution",
            OutOfCourtDisposal => "Out-of-court disposal with a YJS intervention",
            ReferralOrder => "Referral order",
            YouthRehabilitationOrder => "Youth rehabilitation order",
            ReparationOrder => "Reparation order",
            BailSupervision => "Bail supervision and support",
            DetentionAndTraining => "Detention and training order",
            Section250 => "Section 250 sentence",
            Section254 => "Section 254 sentence",
            Section259 => "Section 259 sentence",
            ExtendedSentence => "Extended sentence",
            Unknown => "Unknown",
        }
    }

    /// A value of the `intervention_type` column; `None` when the code list does not know it
    /// (a warning; the user can map it). Matched on letters and digits only, case-insensitive.
    pub fn parse(value: &str) -> Option<InterventionType> {
        use InterventionType::*;
        let n = super::normalise(value);
        // The code list's own labels, normalised once.
        static LABELS: std::sync::OnceLock<Vec<(String, InterventionType)>> =
            std::sync::OnceLock::new();
        let labels = LABELS.get_or_init(|| {
            InterventionType::KNOWN
                .iter()
                .map(|&t| (super::normalise(t.label()), t))
                .collect()
        });
        if let Some((_, t)) = labels.iter().find(|(l, _)| *l == n) {
            return Some(*t);
        }
        Some(match n.as_str() {
            "turnaround" | "turnaroundprogramme" | "turnaroundproject" => Turnaround,
            "earlyintervention" | "earlyhelpprevention" | "ei" => EarlyIntervention,
            "prevention"
            | "preventionprogramme"
            | "preventionintervention"
            | "prev"
            | "yjsprevention"
            | "voluntaryprevention" => PreventionProgramme,
            "communityresolution"
            | "outcome22"
            | "o22"
            | "cr"
            | "communityresolutionyjs"
            | "outcome22yjs"
            | "communityresolutionoutcome22" => CommunityResolution,
            "diversion" | "diversionprogramme" | "yjsdiversion" | "triage" | "outcome21" => {
                DiversionProgramme
            }
            "yc" | "youthcaution" | "caution" => YouthCaution,
            "ycc" | "youthconditionalcaution" | "conditionalcaution" => YouthConditionalCaution,
            "oocd" | "outofcourtdisposal" | "outofcourt" | "outofcourtdisposalyjs" => {
                OutOfCourtDisposal
            }
            "ro" | "referralorder" | "referral" => ReferralOrder,
            "yro"
            | "youthrehabilitationorder"
            | "yroisp"
            | "yrowithisp"
            | "yroissp"
            | "youthrehabilitationorderwithintensivesupervision" => YouthRehabilitationOrder,
            "reparation" | "reparationorder" | "repo" => ReparationOrder,
            "bail"
            | "bailsupervision"
            | "bailsupervisionandsupport"
            | "bss"
            | "bailsupport"
            | "isscbail" => BailSupervision,
            "dto" | "detentionandtrainingorder" | "detentionandtraining" => DetentionAndTraining,
            "s250" | "section250" | "sec250" | "section91" | "s91" => Section250,
            "s254" | "section254" | "sec254" | "section90" | "s90" | "dhmp" => Section254,
            "s259" | "section259" | "sec259" | "sopc" => Section259,
            "extendedsentence"
            | "extended"
            | "eds"
            | "extendeddetermination"
            | "extendeddeterminatesentence" => ExtendedSentence,
            _ => return None,
        })
    }

    /// The canonical type a mapping profile's target names (a label of the code list, a
    /// synonym, or a group's name taken as its first type); `None` when it names none.
    pub fn from_profile(target: &str) -> Option<InterventionType> {
        InterventionType::parse(target)
    }
}

/// Why an intervention ended (`end_reason`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    Completed,
    Revoked,
    Breached,
    Transferred,
    Other,
}

impl EndReason {
    /// `Some(Some(r))` a reason, `Some(None)` not recorded (blank, unknown, not known, not
    /// recorded), `None` text the list does not know (a warning; not recorded).
    pub fn parse(value: &str) -> Option<Option<EndReason>> {
        use EndReason::*;
        let n = super::normalise(value);
        if is_not_recorded(&n) {
            return Some(None);
        }
        Some(Some(match n.as_str() {
            "completed"
            | "complete"
            | "successful"
            | "successfullycompleted"
            | "completedsuccessfully"
            | "expired"
            | "expirednaturally"
            | "ordercompleted"
            | "naturalexpiry"
            | "success" => Completed,
            "revoked" | "revocation" | "revokedresentenced" | "resentenced" => Revoked,
            "breached" | "breach" | "unsuccessful" | "notcompleted" | "failedtocomply"
            | "noncompliance" | "disengaged" => Breached,
            "transferred" | "transfer" | "transferredout" | "movedarea" | "movedout" => Transferred,
            "other" | "died" | "withdrawn" | "closedother" => Other,
            _ => return None,
        }))
    }
}

/// Where the child was at the end of the intervention (`setting_at_end`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Setting {
    Community,
    CustodyRelease,
}

impl Setting {
    /// `Some(Some(s))`, `Some(None)` blank or not recorded, `None` unknown text.
    pub fn parse(value: &str) -> Option<Option<Setting>> {
        let n = super::normalise(value);
        if is_not_recorded(&n) {
            return Some(None);
        }
        match n.as_str() {
            "community" | "c" | "incommunity" => Some(Some(Setting::Community)),
            "custodyrelease"
            | "custody"
            | "releasedfromcustody"
            | "releasefromcustody"
            | "custodial"
            | "r"
            | "release" => Some(Some(Setting::CustodyRelease)),
            _ => None,
        }
    }
}

/// Whether a normalised value means "not recorded": blank, Unknown, Not known, Not recorded.
fn is_not_recorded(n: &str) -> bool {
    matches!(
        n,
        "" | "unknown"
            | "notknown"
            | "notrecorded"
            | "nk"
            | "nr"
            | "na"
            | "notassessed"
            | "notapplicable"
            | "u"
    )
}

/// A Y/N status: `Some(Some(true))` Y / Yes / 1 / True, `Some(Some(false))` N / No / 0 /
/// False, `Some(None)` not recorded (blank, Unknown, Not known, Not recorded), `None` any
/// other text (a warning; also not recorded). Matched case-insensitively after trimming.
pub fn parse_yes_no(value: &str) -> Option<Option<bool>> {
    // The usual values first, without normalising (most of a file's cells).
    match value {
        "" => return Some(None),
        "Y" | "y" | "Yes" | "yes" | "1" => return Some(Some(true)),
        "N" | "n" | "No" | "no" | "0" => return Some(Some(false)),
        _ => {}
    }
    let n = super::normalise(value);
    if is_not_recorded(&n) {
        return Some(None);
    }
    match n.as_str() {
        "y" | "yes" | "1" | "true" | "t" => Some(Some(true)),
        "n" | "no" | "0" | "false" | "f" => Some(Some(false)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_reads_its_own_label_and_has_a_group() {
        for t in InterventionType::KNOWN {
            assert_eq!(InterventionType::parse(t.label()), Some(t));
            assert!(t.group().is_some());
        }
        assert_eq!(
            InterventionType::parse(" YRO "),
            Some(InterventionType::YouthRehabilitationOrder)
        );
        assert_eq!(InterventionType::parse("Fine"), None);
    }

    #[test]
    fn yes_no_keeps_not_recorded_apart_from_no() {
        assert_eq!(parse_yes_no(" yes"), Some(Some(true)));
        assert_eq!(parse_yes_no("FALSE"), Some(Some(false)));
        assert_eq!(parse_yes_no("Not known"), Some(None));
        assert_eq!(parse_yes_no(""), Some(None));
        assert_eq!(parse_yes_no("maybe"), None);
    }
}
