//! The code lists of `input-formats.md` §2: outcomes with their tier and severity, ethnicity
//! (five census groups plus Unknown, keeping the detailed category), sex, offence categories
//! and looked-after values. Each submodule owns one list and the matching of free text to it.

pub mod ethnicity;
pub mod intervention;
pub mod looked_after;
pub mod offence;
pub mod outcome;
pub mod sex;

pub use ethnicity::{EthnicGroup, Ethnicity};
pub use offence::OffenceCategory;
pub use outcome::{Outcome, Tier};
pub use sex::Sex;

/// Normalise a code or label for matching: lower case, keeping only letters and digits.
/// `"Y.C.C."`, `"ycc"` and `" YCC "` all normalise to `"ycc"`.
pub fn normalise(label: &str) -> String {
    label
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
