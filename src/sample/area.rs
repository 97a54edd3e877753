//! The area the sample describes: census ethnicity labels, the area's 10–17 ethnic mix
//! (a London borough or a county) and each group's relative rate of entering the extract.

/// The five census groups in the order of [`crate::codes::EthnicGroup::KNOWN`].
pub(super) const GROUPS: [&str; 5] = ["White", "Black", "Asian", "Mixed", "Other"];

/// The 2021 census 19 categories ("Group: detail", England question wording), by group.
pub(super) const DETAIL: [&[&str]; 5] = [
    &[
        "White: English, Welsh, Scottish, Northern Irish or British",
        "White: Irish",
        "White: Gypsy or Irish Traveller",
        "White: Roma",
        "White: Any other White background",
    ],
    &[
        "Black, Black British, Caribbean or African: Caribbean",
        "Black, Black British, Caribbean or African: African",
        "Black, Black British, Caribbean or African: Any other Black, Black British, or Caribbean background",
    ],
    &[
        "Asian or Asian British: Indian",
        "Asian or Asian British: Pakistani",
        "Asian or Asian British: Bangladeshi",
        "Asian or Asian British: Chinese",
        "Asian or Asian British: Any other Asian background",
    ],
    &[
        "Mixed or Multiple ethnic groups: White and Black Caribbean",
        "Mixed or Multiple ethnic groups: White and Black African",
        "Mixed or Multiple ethnic groups: White and Asian",
        "Mixed or Multiple ethnic groups: Any other Mixed or Multiple ethnic background",
    ],
    &[
        "Other ethnic group: Arab",
        "Other ethnic group: Any other ethnic group",
    ],
];

/// Every 2021 census category the generator can write (for tests and documentation).
pub fn census_2021_labels() -> impl Iterator<Item = &'static str> {
    DETAIL.iter().flat_map(|g| g.iter().copied())
}

/// Unknown ethnicity as written.
pub(super) const ETHNICITY_UNKNOWN: [(u32, &str); 3] =
    [(50, ""), (38, "Not known"), (12, "Refused")];

/// An area: its 10–17 population mix and the within-group detail weights.
pub(super) struct Area {
    /// Population share of each group, per mille.
    pub(super) population: [u32; 5],
    /// Detail weights within each group (aligned with [`DETAIL`]).
    pub(super) detail: [&'static [u32]; 5],
}

pub(super) const LONDON: Area = Area {
    population: [400, 200, 200, 120, 80],
    detail: [
        &[55, 3, 2, 3, 37],
        &[35, 50, 15],
        &[25, 25, 25, 5, 20],
        &[40, 15, 15, 30],
        &[40, 60],
    ],
};

pub(super) const COUNTY: Area = Area {
    population: [860, 20, 50, 50, 20],
    detail: [
        &[88, 1, 3, 1, 7],
        &[30, 50, 20],
        &[30, 35, 15, 5, 15],
        &[40, 15, 20, 25],
        &[35, 65],
    ],
};

/// Relative rate of entering the extract by group (White = 100): the over-representation the
/// reference plans describe (Black and Mixed over, Asian under).
pub(super) const RELATIVE_RATE: [u32; 5] = [100, 220, 60, 160, 110];

pub(super) fn area(seed: u64) -> &'static Area {
    if seed % 2 == 1 {
        &LONDON
    } else {
        &COUNTY
    }
}
