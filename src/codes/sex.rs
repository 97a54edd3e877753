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
            "m" | "male" | "boy" => Some(Sex::Male),
            "f" | "female" | "girl" => Some(Sex::Female),
            "" | "u" | "unknown" | "notknown" | "notstated" | "notrecorded" => Some(Sex::Unknown),
            _ => None,
        }
    }
}
