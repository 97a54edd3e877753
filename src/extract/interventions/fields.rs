//! The interventions extract's canonical fields (`kpis.md`, "Inputs"), with the synonyms real
//! case-management exports use for them, and the board attendance file's three columns.

use crate::codes::normalise;
use crate::extract::columns::Field;

/// A canonical field of the interventions extract: its name, whether it is required, and its
/// synonyms (the case-level extract's own for the fields the two share; the name itself is matched too; headers are compared on letters and
/// digits only, case-insensitively).
pub(crate) struct IField {
    pub name: &'static str,
    pub required: bool,
    pub synonyms: &'static [&'static str],
}

pub(crate) const CHILD_ID: usize = 0;
pub(crate) const TYPE: usize = 1;
pub(crate) const START: usize = 2;
pub(crate) const END: usize = 3;
pub(crate) const END_REASON: usize = 4;
pub(crate) const SETTING: usize = 5;
pub(crate) const ACCOMMODATION: usize = 6;
pub(crate) const ETE: usize = 7;
pub(crate) const ETE_HOURS_OFFERED: usize = 8;
pub(crate) const ETE_HOURS_ATTENDED: usize = 9;
pub(crate) const SEND: usize = 10;
pub(crate) const PLAN: usize = 11;
pub(crate) const MH_NEED: usize = 12;
pub(crate) const MH_OFFERED: usize = 13;
pub(crate) const MH_ATTENDED: usize = 14;
pub(crate) const SM_NEED: usize = 15;
pub(crate) const SM_OFFERED: usize = 16;
pub(crate) const SM_ATTENDED: usize = 17;
pub(crate) const EARLY_HELP: usize = 18;
pub(crate) const CHILD_IN_NEED: usize = 19;
pub(crate) const CHILD_PROTECTION: usize = 20;
pub(crate) const LOOKED_AFTER: usize = 21;
pub(crate) const VICTIMS_CONSENTED: usize = 22;
pub(crate) const VICTIMS_ENGAGED: usize = 23;
pub(crate) const DATE_OF_BIRTH: usize = 24;
pub(crate) const BIRTH_MONTH: usize = 25;
pub(crate) const AGE: usize = 26;
pub(crate) const SEX: usize = 27;
pub(crate) const ETHNICITY: usize = 28;
pub(crate) const SERVICE: usize = 29;

/// Every field of the interventions extract, in the spec's order (indexed by the constants
/// above).
pub(crate) const FIELDS: [IField; 30] = [
    IField {
        name: "child_id",
        required: true,
        synonyms: Field::ChildId.synonyms(),
    },
    IField {
        name: "intervention_type",
        required: true,
        synonyms: &[
            "order type",
            "disposal",
            "disposal type",
            "intervention",
            "programme",
            "program",
            "outcome",
            "outcome type",
            "intervention name",
            "programme type",
            "order",
            "sentence type",
            "legal outcome",
            "type of intervention",
            "case type",
        ],
    },
    IField {
        name: "start_date",
        required: true,
        synonyms: &[
            "order start",
            "order start date",
            "intervention start",
            "intervention start date",
            "date started",
            "start",
            "commencement date",
            "programme start date",
            "date opened",
            "open date",
        ],
    },
    IField {
        name: "end_date",
        required: false,
        synonyms: &[
            "order end",
            "order end date",
            "intervention end",
            "intervention end date",
            "closure date",
            "date closed",
            "end",
            "close date",
            "date ended",
            "programme end date",
            "actual end date",
        ],
    },
    IField {
        name: "end_reason",
        required: false,
        synonyms: &[
            "closure reason",
            "outcome of order",
            "completion status",
            "reason for closure",
            "end reason",
            "termination reason",
            "reason closed",
            "closure outcome",
            "order outcome",
        ],
    },
    IField {
        name: "setting_at_end",
        required: false,
        synonyms: &[
            "setting",
            "community or custody",
            "setting at closure",
            "community custody",
            "placement at end",
        ],
    },
    IField {
        name: "accommodation_suitable",
        required: false,
        synonyms: &[
            "suitable accommodation",
            "accommodation suitability at end",
            "accommodation suitable at end",
            "suitable accommodation at end",
            "accommodation suitability",
            "kpi1 suitable accommodation",
        ],
    },
    IField {
        name: "ete_suitable",
        required: false,
        synonyms: &[
            "suitable ete",
            "ete suitability at end",
            "ete suitable at end",
            "in suitable ete",
            "suitable ete at end",
            "ete suitability",
            "attending suitable ete",
            "kpi2 suitable ete",
        ],
    },
    IField {
        name: "ete_hours_offered",
        required: false,
        synonyms: &["ete hours offered", "hours offered", "ete offered hours"],
    },
    IField {
        name: "ete_hours_attended",
        required: false,
        synonyms: &["ete hours attended", "hours attended", "ete attended hours"],
    },
    IField {
        name: "send_need",
        required: false,
        synonyms: &[
            "send",
            "aln",
            "identified send",
            "sen",
            "send need",
            "identified aln",
            "send aln",
            "send identified",
            "sen status",
        ],
    },
    IField {
        name: "learning_plan",
        required: false,
        synonyms: &[
            "formal learning plan",
            "ehcp",
            "idp",
            "sen support plan",
            "learning plan in place",
            "ehcp or idp",
            "education health and care plan",
        ],
    },
    IField {
        name: "mh_need",
        required: false,
        synonyms: &[
            "mental health need",
            "mh screened or identified need",
            "mh need identified",
            "emotional wellbeing need",
            "mental health screened",
            "mental health identified need",
        ],
    },
    IField {
        name: "mh_offered",
        required: false,
        synonyms: &[
            "mental health intervention offered",
            "mh planned or offered",
            "mh offered",
            "mental health offered",
            "mental health intervention planned",
        ],
    },
    IField {
        name: "mh_attended",
        required: false,
        synonyms: &[
            "mental health attending",
            "mh attending",
            "mental health attended",
            "mh attended",
        ],
    },
    IField {
        name: "sm_need",
        required: false,
        synonyms: &[
            "substance misuse need",
            "sm screened or identified need",
            "sm need identified",
            "substance use need",
        ],
    },
    IField {
        name: "sm_offered",
        required: false,
        synonyms: &[
            "substance misuse intervention offered",
            "sm planned or offered",
            "sm offered",
            "substance misuse offered",
        ],
    },
    IField {
        name: "sm_attended",
        required: false,
        synonyms: &[
            "substance misuse attending",
            "sm attending",
            "substance misuse attended",
            "sm attended",
        ],
    },
    IField {
        name: "early_help",
        required: false,
        synonyms: &["eh", "early help at end", "early help plan"],
    },
    IField {
        name: "child_in_need",
        required: false,
        synonyms: &["cin", "child in need at end", "cin plan"],
    },
    IField {
        name: "child_protection",
        required: false,
        synonyms: &[
            "cp plan",
            "cp",
            "child protection plan",
            "child protection at end",
        ],
    },
    IField {
        name: "looked_after",
        required: false,
        synonyms: &[
            "cla",
            "lac",
            "looked after child",
            "child looked after",
            "looked after at end",
        ],
    },
    IField {
        name: "victims_consented",
        required: false,
        synonyms: &[
            "victims consenting",
            "victims consenting to contact",
            "victims consented to contact",
            "number of victims consenting",
        ],
    },
    IField {
        name: "victims_engaged",
        required: false,
        synonyms: &[
            "victims engaged",
            "victims engaged in restorative justice",
            "victims engaged in rj",
            "number of victims engaged",
        ],
    },
    IField {
        name: "date_of_birth",
        required: false,
        synonyms: Field::DateOfBirth.synonyms(),
    },
    IField {
        name: "birth_month",
        required: false,
        synonyms: Field::BirthMonth.synonyms(),
    },
    IField {
        name: "age",
        required: false,
        synonyms: &["age at start", "age at end", "age at intervention start"],
    },
    IField {
        name: "sex",
        required: false,
        synonyms: Field::Sex.synonyms(),
    },
    IField {
        name: "ethnicity",
        required: false,
        synonyms: Field::Ethnicity.synonyms(),
    },
    IField {
        name: "service",
        required: false,
        synonyms: Field::Service.synonyms(),
    },
];

/// The board attendance file's fields: `meeting_date`, `partner`, `attended`.
pub(crate) const BOARD_FIELDS: [IField; 3] = [
    IField {
        name: "meeting_date",
        required: true,
        synonyms: &[
            "date",
            "meeting",
            "board date",
            "meeting date",
            "date of meeting",
        ],
    },
    IField {
        name: "partner",
        required: true,
        synonyms: &[
            "member",
            "attendee",
            "agency",
            "partner agency",
            "organisation",
            "board member",
        ],
    },
    IField {
        name: "attended",
        required: true,
        synonyms: &["present", "attendance", "attended y n"],
    },
];

/// The index in `fields` a normalised header names (the first field wins a name two share).
pub(crate) fn field_of(fields: &[IField], header: &str) -> Option<usize> {
    let n = normalise(header);
    if n.is_empty() {
        return None;
    }
    fields
        .iter()
        .position(|f| normalise(f.name) == n || f.synonyms.iter().any(|s| normalise(s) == n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_name_or_synonym_names_two_fields_or_an_identifier() {
        for fields in [&FIELDS[..], &BOARD_FIELDS[..]] {
            for (i, f) in fields.iter().enumerate() {
                for s in std::iter::once(f.name).chain(f.synonyms.iter().copied()) {
                    assert_eq!(field_of(fields, s), Some(i), "{s}");
                    assert!(!crate::extract::columns::is_identifier_header(s), "{s}");
                }
            }
        }
    }
}
