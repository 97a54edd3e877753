//! Offence categories: the YJB offence groups, free text kept as its own category, breaches
//! flagged (`input-formats.md` §2, "Offence categories").

use serde::{Deserialize, Serialize};

/// The recognised YJB offence groups, in the order the views list them.
pub const YJB_GROUPS: [&str; 20] = [
    "Violence against the person",
    "Sexual offences",
    "Robbery",
    "Burglary (domestic)",
    "Burglary (non-domestic)",
    "Theft and handling stolen goods",
    "Vehicle theft / unauthorised taking",
    "Fraud and forgery",
    "Criminal damage",
    "Arson",
    "Drugs offences",
    "Public order",
    "Racially aggravated",
    "Motoring offences",
    "Death or injury by dangerous driving",
    "Breach of statutory order",
    "Breach of bail",
    "Breach of conditional discharge",
    "Other",
    "Not recorded",
];

/// One distinct offence category met in a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffenceCategory {
    /// The canonical YJB group name, or the file's own text for free text.
    pub label: String,
    /// One of [`YJB_GROUPS`] (free text is published as "Other" under disclosure control).
    pub yjb: bool,
    /// Begins "Breach": excluded from reoffences by default.
    pub breach: bool,
    /// Drugs, robbery or violence against the person (serious violence with gravity ≥ 5).
    pub serious_violence_group: bool,
}

impl OffenceCategory {
    /// Classify a category as written in a file.
    pub fn classify(text: &str) -> OffenceCategory {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return OffenceCategory::named("Not recorded");
        }
        let n = super::normalise(trimmed);
        let n = match n.as_str() {
            "vatp" | "violence" | "violentoffences" | "violenceagainsttheperson" => {
                "violenceagainsttheperson".to_string()
            }
            "sexualoffence" | "sexual" => "sexualoffences".to_string(),
            "drugs" | "drugoffences" | "drug" | "drugsoffence" => "drugsoffences".to_string(),
            "theftandhandling" | "theft" | "theftandhandlingstolengoods" => {
                "theftandhandlingstolengoods".to_string()
            }
            "vehicletheft" | "unauthorisedtaking" | "vehicletheftunauthorisedtaking" => {
                "vehicletheftunauthorisedtaking".to_string()
            }
            "publicorderoffences" | "publicorderoffence" => "publicorder".to_string(),
            "motoring" | "motoringoffence" => "motoringoffences".to_string(),
            "racialyaggravated" | "raciallyaggravatedoffences" => "raciallyaggravated".to_string(),
            "domesticburglary" | "burglarydwelling" => "burglarydomestic".to_string(),
            "nondomesticburglary" | "burglarynondwelling" | "burglaryotherthandwelling" => {
                "burglarynondomestic".to_string()
            }
            "fraud" | "fraudandforgeryoffences" => "fraudandforgery".to_string(),
            "otheroffences" | "otheroffence" => "other".to_string(),
            _ => n,
        };
        match YJB_GROUPS.iter().find(|g| super::normalise(g) == n) {
            Some(g) => OffenceCategory::named(g),
            None => OffenceCategory {
                label: trimmed.to_string(),
                yjb: false,
                breach: n.starts_with("breach"),
                serious_violence_group: false,
            },
        }
    }

    fn named(group: &str) -> OffenceCategory {
        let n = super::normalise(group);
        OffenceCategory {
            label: group.to_string(),
            yjb: true,
            breach: n.starts_with("breach"),
            serious_violence_group: matches!(
                group,
                "Violence against the person" | "Robbery" | "Drugs offences"
            ),
        }
    }
}
