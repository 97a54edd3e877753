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
}
