//! Sex: Male / Female / Unknown from the forms files use (M, F, U, Not known, …).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Sex {
    Male,
    Female,
    Unknown,
}

impl Sex {
    pub const ALL: [Sex; 3] = [Sex::Male, Sex::Female, Sex::Unknown];

    /// Position in [`Sex::ALL`] (its group index in breakdown `sex`).
    pub const fn index(self) -> usize {
        self as usize
    }

    pub fn label(self) -> &'static str {
        match self {
            Sex::Male => "Male",
            Sex::Female => "Female",
            Sex::Unknown => "Unknown",
        }
    }

    /// `None` when the value is not a recognised code (a warning, and the row keeps Unknown).
    pub fn parse(value: &str) -> Option<Sex> {
        match super::normalise(value).as_str() {
            // ISO/IEC 5218 digits as well (1 male, 2 female, 0 not known, 9 not applicable).
            "m" | "male" | "boy" | "man" | "1" => Some(Sex::Male),
            "f" | "female" | "girl" | "woman" | "2" => Some(Sex::Female),
            "" | "u" | "unknown" | "notknown" | "notstated" | "notrecorded" | "notspecified"
            | "prefernottosay" | "refused" | "0" | "9" | "na" => Some(Sex::Unknown),
            _ => None,
        }
    }
}
