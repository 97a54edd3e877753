//! The mapping profile: the user's column and code mappings, saved and re-loaded as a small
//! JSON file. It holds no personal data: header names, code labels and choices only.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MappingProfile {
    /// Canonical field (`child_id`, `outcome`, …) → the file's header for it.
    pub columns: BTreeMap<String, String>,
    /// Outcome label as in the file → canonical outcome label.
    pub outcomes: BTreeMap<String, String>,
    /// Ethnicity value as in the file → group name (or detailed label).
    pub ethnicities: BTreeMap<String, String>,
    /// Sex value as in the file → Male / Female / Unknown.
    pub sexes: BTreeMap<String, String>,
    /// Headers of date columns the user confirmed as month-first.
    pub month_first: Vec<String>,
    /// The interventions extract's columns: canonical field (`intervention_type`, …) → the
    /// file's header for it (kept apart from the case-level extract's `columns`).
    pub intervention_columns: BTreeMap<String, String>,
    /// Intervention type as in the file → a type of the code list (`kpis.md`).
    pub intervention_types: BTreeMap<String, String>,
    /// Our comparator family (`comparators.md`, "Families"), picked, typed or read from a
    /// `family, area` file.
    pub family: Option<FamilyChoice>,
    /// A comparator or population area name that matched nothing → the known area it means
    /// (`""`: leave it out) (`comparators.md`, "Comparator files").
    pub areas: BTreeMap<String, String>,
    /// Another table of the Youth Justice Statistics: its count column → the measure id it
    /// counts (`fte_count`, …) (`comparators.md`, "Comparator files" 1).
    pub comparator_measures: BTreeMap<String, String>,
}

/// A family as saved in a profile: its name and its members' names.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FamilyChoice {
    pub name: String,
    pub members: Vec<String>,
}

impl MappingProfile {
    /// The profile as the small JSON file users save.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a mapping profile always serialises")
    }

    /// Load a saved profile. Unknown keys are ignored and missing ones default, so profiles
    /// saved by older or newer versions still load.
    pub fn from_json(json: &str) -> Result<MappingProfile, String> {
        serde_json::from_str(json).map_err(|e| format!("This is not a valid mapping profile: {e}."))
    }
}
