//! Ethnicity: every scheme of `input-formats.md` §2 (2021 and 2011 census labels, DfE codes,
//! ONS 2001 letters, group names, "X - Y" / "X: Y" forms) mapped to the five census groups plus
//! Unknown, keeping the detailed category where one was given.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EthnicGroup {
    White,
    Black,
    Asian,
    Mixed,
    Other,
    Unknown,
}

impl EthnicGroup {
    /// Every group, in the order the aggregate file and the views list them.
    pub const ALL: [EthnicGroup; 6] = [
        EthnicGroup::White,
        EthnicGroup::Black,
        EthnicGroup::Asian,
        EthnicGroup::Mixed,
        EthnicGroup::Other,
        EthnicGroup::Unknown,
    ];
    /// The five known groups (shares exclude Unknown).
    pub const KNOWN: [EthnicGroup; 5] = [
        EthnicGroup::White,
        EthnicGroup::Black,
        EthnicGroup::Asian,
        EthnicGroup::Mixed,
        EthnicGroup::Other,
    ];

    /// The name written in the aggregate file and shown to people.
    pub fn label(self) -> &'static str {
        match self {
            EthnicGroup::White => "White",
            EthnicGroup::Black => "Black",
            EthnicGroup::Asian => "Asian",
            EthnicGroup::Mixed => "Mixed",
            EthnicGroup::Other => "Other",
            EthnicGroup::Unknown => "Unknown",
        }
    }

    pub fn from_label(label: &str) -> Option<EthnicGroup> {
        EthnicGroup::ALL
            .into_iter()
            .find(|g| g.label().eq_ignore_ascii_case(label))
    }
}

/// A row's ethnicity: its group and, where the file gave one, the detailed category as an
/// index into [`crate::extract::Extract::ethnic_details`] (0 = no detail given).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Ethnicity {
    pub group: EthnicGroup,
    pub detail: u16,
}

impl Ethnicity {
    pub const UNKNOWN: Ethnicity = Ethnicity {
        group: EthnicGroup::Unknown,
        detail: 0,
    };
}
