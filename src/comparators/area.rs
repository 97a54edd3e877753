//! Areas (`comparators.md`, "Areas"): a YJS, a region, a nation or a family, with its ONS
//! code where known, and the rules by which two names name the same area.

use serde::{Deserialize, Serialize};

/// What an area is.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaKind {
    /// Our own area: the figure computed from the extract.
    Ours,
    /// One youth justice service.
    Yjs,
    Region,
    /// England, Wales, or England and Wales.
    Nation,
    /// A group of YJS areas the user defines.
    Family,
}

/// An area: a name, an ONS code where known, and its kind.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Area {
    pub name: String,
    pub code: Option<String>,
    pub kind: AreaKind,
}

impl Area {
    pub fn new(name: &str, code: Option<&str>, kind: AreaKind) -> Area {
        Area {
            name: name.trim().to_string(),
            code: code
                .map(|c| c.trim().to_ascii_uppercase())
                .filter(|c| !c.is_empty()),
            kind,
        }
    }

    /// An area named in a file that does not say its kind: a nation when its code or name is
    /// one (`E92…`, `W92…`, `K04…`; England, Wales, England and Wales), a region by its code
    /// (`E12…`) or, without a code, by the name of one of England's nine regions, else a YJS.
    pub fn classify(name: &str, code: Option<&str>) -> Area {
        let mut area = Area::new(name, code, AreaKind::Yjs);
        let code = area.code.as_deref().unwrap_or("");
        let n = normalise_name(&area.name);
        area.kind = if ["E92", "W92", "K04", "K03"]
            .iter()
            .any(|p| code.starts_with(p))
            || matches!(n.as_str(), "england" | "wales" | "england and wales")
        {
            AreaKind::Nation
        } else if code.starts_with("E12") || code.is_empty() && REGIONS.contains(&n.as_str()) {
            AreaKind::Region
        } else {
            AreaKind::Yjs
        };
        area
    }

    /// Whether `self` and `other` name the same place: their codes when both have one, else
    /// their names by [`normalise_name`].
    pub fn same_place(&self, other: &Area) -> bool {
        match (&self.code, &other.code) {
            (Some(a), Some(b)) => a == b,
            _ => names_match(&self.name, &other.name),
        }
    }

    /// The key areas are grouped by: the normalised name (codes are compared by
    /// [`Area::same_place`]; a name is always present).
    pub fn key(&self) -> String {
        normalise_name(&self.name)
    }
}

/// England's nine regions (ONS `E12…`), as [`normalise_name`] writes them: a headline figure
/// typed for "London" without a code is the region's.
const REGIONS: [&str; 10] = [
    "north east",
    "north west",
    "yorkshire and the humber",
    "east midlands",
    "west midlands",
    "east of england",
    "east",
    "london",
    "south east",
    "south west",
];

/// Words that do not tell one area from another ("Camden YOT" = "London Borough of Camden").
const NOISE: [&str; 7] = [
    "london borough of",
    "youth justice service",
    "youth offending team",
    "youth offending service",
    "council",
    "yot",
    "yjs",
];

/// A name as compared: lower case, `&` read as "and", punctuation dropped, the words of
/// [`NOISE`] removed, spaces collapsed. "Barking & Dagenham YOT" → "barking and dagenham".
pub fn normalise_name(name: &str) -> String {
    let lower = name.to_lowercase().replace('&', " and ");
    let letters: String = lower
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut words = format!(
        " {} ",
        letters.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    for noise in NOISE {
        let pattern = format!(" {noise} ");
        while words.contains(&pattern) {
            words = words.replace(&pattern, " ");
        }
    }
    words.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether two names name the same area ([`normalise_name`]).
pub fn names_match(a: &str, b: &str) -> bool {
    let (a, b) = (normalise_name(a), normalise_name(b));
    !a.is_empty() && a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_matched_without_noise_words() {
        assert_eq!(
            normalise_name("Barking & Dagenham YOT"),
            "barking and dagenham"
        );
        assert!(names_match(
            "London Borough of Camden",
            "Camden Youth Justice Service"
        ));
        assert!(names_match("Bristol, City of", "bristol city of"));
        assert!(names_match(
            "Kingston upon Hull YJS",
            "Kingston-upon-Hull Council"
        ));
        assert!(!names_match("Camden", "Croydon"));
        assert!(!names_match("YOT", "Council"));
    }

    #[test]
    fn codes_win_over_names() {
        let a = Area::new("Camden", Some("E09000007"), AreaKind::Yjs);
        let b = Area::new("Somewhere else", Some("e09000007"), AreaKind::Yjs);
        let c = Area::new("Camden", Some("E09000008"), AreaKind::Yjs);
        let d = Area::new("Camden YOT", None, AreaKind::Yjs);
        assert!(a.same_place(&b));
        assert!(!a.same_place(&c));
        assert!(a.same_place(&d));
    }

    #[test]
    fn a_region_typed_without_its_code_is_a_region() {
        assert_eq!(Area::classify("London", None).kind, AreaKind::Region);
        assert_eq!(
            Area::classify("Yorkshire & the Humber", None).kind,
            AreaKind::Region
        );
        assert_eq!(Area::classify("Camden", None).kind, AreaKind::Yjs);
        assert_eq!(Area::classify("Wales", None).kind, AreaKind::Nation);
    }
}
