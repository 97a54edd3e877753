//! Ethnicity: every scheme of `input-formats.md` §2 (2021 and 2011 census labels, DfE codes,
//! ONS 2001 letters, group names, "X - Y" / "X: Y" forms) mapped to the five census groups plus
//! Unknown, keeping the detailed category where one was given.

use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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

    /// Position in [`EthnicGroup::ALL`] (its group index in breakdown `ethnicity`).
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The group's name in the language of the computation, for sentences (a definition's
    /// reference group): "White", in Welsh "Gwyn". Ids and the aggregate file keep [`label`](Self::label).
    pub fn words(self) -> &'static str {
        use crate::catalogue::messages::{current, of};
        let id = match self {
            EthnicGroup::White => "white",
            EthnicGroup::Black => "black",
            EthnicGroup::Asian => "asian",
            EthnicGroup::Mixed => "mixed",
            EthnicGroup::Other => "other",
            EthnicGroup::Unknown => "unknown",
        };
        match of(current(), &["group", id]) {
            "" => self.label(),
            words => words,
        }
    }

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

/// The detailed categories (2021 census, 19 categories), in a fixed order. The label form is
/// "Group: Detail". [`crate::extract::Extract::ethnic_details`] holds `""` at index 0 followed
/// by these labels in this order (then any extra labels a mapping profile defines), so
/// `Ethnicity::detail == i + 1` means `DETAILS[i]`.
pub const DETAILS: [(&str, EthnicGroup); 19] = [
    ("White: British", EthnicGroup::White),
    ("White: Irish", EthnicGroup::White),
    ("White: Gypsy or Irish Traveller", EthnicGroup::White),
    ("White: Roma", EthnicGroup::White),
    ("White: Any other White background", EthnicGroup::White),
    ("Mixed: White and Black Caribbean", EthnicGroup::Mixed),
    ("Mixed: White and Black African", EthnicGroup::Mixed),
    ("Mixed: White and Asian", EthnicGroup::Mixed),
    ("Mixed: Any other Mixed background", EthnicGroup::Mixed),
    ("Asian: Indian", EthnicGroup::Asian),
    ("Asian: Pakistani", EthnicGroup::Asian),
    ("Asian: Bangladeshi", EthnicGroup::Asian),
    ("Asian: Chinese", EthnicGroup::Asian),
    ("Asian: Any other Asian background", EthnicGroup::Asian),
    ("Black: Caribbean", EthnicGroup::Black),
    ("Black: African", EthnicGroup::Black),
    ("Black: Any other Black background", EthnicGroup::Black),
    ("Other: Arab", EthnicGroup::Other),
    ("Other: Any other ethnic group", EthnicGroup::Other),
];

// Indices into DETAILS (0-based).
const W_BRI: usize = 0;
const W_IRI: usize = 1;
const W_GIT: usize = 2;
const W_ROM: usize = 3;
const W_OTH: usize = 4;
const M_WBC: usize = 5;
const M_WBA: usize = 6;
const M_WAS: usize = 7;
const M_OTH: usize = 8;
const A_IND: usize = 9;
const A_PAK: usize = 10;
const A_BAN: usize = 11;
const A_CHI: usize = 12;
const A_OTH: usize = 13;
const B_CAR: usize = 14;
const B_AFR: usize = 15;
const B_OTH: usize = 16;
const O_ARB: usize = 17;
const O_OTH: usize = 18;

/// Codes that stand for one detailed category: DfE codes (with a few DfE extended codes) and
/// the ONS 2001 census letters.
const CODES: &[(&str, usize)] = &[
    ("wbri", W_BRI),
    ("weng", W_BRI),
    ("wsco", W_BRI),
    ("wwel", W_BRI),
    ("wcor", W_BRI),
    ("wnir", W_BRI),
    ("wiri", W_IRI),
    ("wirt", W_GIT),
    ("wgyp", W_GIT),
    ("wrom", W_ROM),
    ("woth", W_OTH),
    ("mwbc", M_WBC),
    ("mwba", M_WBA),
    ("mwas", M_WAS),
    ("moth", M_OTH),
    ("aind", A_IND),
    ("apkn", A_PAK),
    ("aban", A_BAN),
    ("chne", A_CHI),
    ("aoth", A_OTH),
    ("bcrb", B_CAR),
    ("bafr", B_AFR),
    ("both", B_OTH),
    ("oara", O_ARB),
    ("ooth", O_OTH),
    // ONS 2001 census letters.
    ("a", W_BRI),
    ("b", W_IRI),
    ("c", W_OTH),
    ("d", M_WBC),
    ("e", M_WBA),
    ("f", M_WAS),
    ("g", M_OTH),
    ("h", A_IND),
    ("j", A_PAK),
    ("k", A_BAN),
    ("l", A_OTH),
    ("m", B_CAR),
    ("n", B_AFR),
    ("p", B_OTH),
    ("r", A_CHI),
    ("s", O_OTH),
];

/// Values meaning "not known" (group Unknown, no detail).
const UNKNOWN: &[&str] = &[
    "",
    "z",
    "refu",
    "nobt",
    "unknown",
    "notknown",
    "notstated",
    "refused",
    "informationrefused",
    "informationnotobtained",
    "informationnotyetobtained",
    "notobtained",
    "prefernottosay",
    "notrecorded",
    "notgiven",
    "declined",
    "notdeclared",
    "unknownnotstated",
    "notknownnotstated",
    "na",
];

/// Group names as written in the census classifications and in files, normalised, longest
/// first within each group so the longest prefix is tried first.
const GROUP_NAMES: &[(&str, EthnicGroup)] = &[
    ("asianasianbritishorasianwelsh", EthnicGroup::Asian),
    ("asianasianbritishasianwelsh", EthnicGroup::Asian),
    ("asianorasianbritish", EthnicGroup::Asian),
    ("asianasianbritish", EthnicGroup::Asian),
    ("asianbritish", EthnicGroup::Asian),
    ("asian", EthnicGroup::Asian),
    (
        "blackblackbritishblackwelshcaribbeanorafrican",
        EthnicGroup::Black,
    ),
    (
        "blackblackbritishblackwelshcaribbeanafrican",
        EthnicGroup::Black,
    ),
    ("blackafricancaribbeanorblackbritish", EthnicGroup::Black),
    ("blackafricancaribbeanblackbritish", EthnicGroup::Black),
    ("blackblackbritishcaribbeanorafrican", EthnicGroup::Black),
    ("blackorblackbritish", EthnicGroup::Black),
    ("blackblackbritish", EthnicGroup::Black),
    ("blackbritish", EthnicGroup::Black),
    ("black", EthnicGroup::Black),
    ("mixedormultipleethnicgroups", EthnicGroup::Mixed),
    ("mixedormultipleethnicgroup", EthnicGroup::Mixed),
    ("mixedmultipleethnicgroups", EthnicGroup::Mixed),
    ("mixedmultipleethnicgroup", EthnicGroup::Mixed),
    ("mixeddualbackground", EthnicGroup::Mixed),
    ("mixedmultiple", EthnicGroup::Mixed),
    ("mixedheritage", EthnicGroup::Mixed),
    ("mixedrace", EthnicGroup::Mixed),
    ("mixed", EthnicGroup::Mixed),
    ("whiteorwhitebritish", EthnicGroup::White),
    ("white", EthnicGroup::White),
    ("chineseorotherethnicgroup", EthnicGroup::Other),
    ("otherethnicgroups", EthnicGroup::Other),
    ("otherethnicgroup", EthnicGroup::Other),
    ("otherethnic", EthnicGroup::Other),
    ("other", EthnicGroup::Other),
];

/// Detail names as they follow a group name ("White: Irish", "Asian - Indian", "Black
/// African"), normalised, per group.
const GROUP_DETAILS: &[(EthnicGroup, &str, usize)] = &[
    (EthnicGroup::White, "british", W_BRI),
    (
        EthnicGroup::White,
        "englishwelshscottishnorthernirishorbritish",
        W_BRI,
    ),
    (
        EthnicGroup::White,
        "englishwelshscottishnorthernirishbritish",
        W_BRI,
    ),
    (
        EthnicGroup::White,
        "englishwelshscottishnorthernirish",
        W_BRI,
    ),
    (EthnicGroup::White, "english", W_BRI),
    (EthnicGroup::White, "welsh", W_BRI),
    (EthnicGroup::White, "scottish", W_BRI),
    (EthnicGroup::White, "northernirish", W_BRI),
    (EthnicGroup::White, "cornish", W_BRI),
    (EthnicGroup::White, "irish", W_IRI),
    (EthnicGroup::White, "gypsyoririshtraveller", W_GIT),
    (EthnicGroup::White, "gypsyirishtraveller", W_GIT),
    (EthnicGroup::White, "irishtraveller", W_GIT),
    (EthnicGroup::White, "travellerofirishheritage", W_GIT),
    (EthnicGroup::White, "gypsy", W_GIT),
    (EthnicGroup::White, "traveller", W_GIT),
    (EthnicGroup::White, "roma", W_ROM),
    (EthnicGroup::White, "gypsyroma", W_ROM),
    (EthnicGroup::White, "anyotherwhitebackground", W_OTH),
    (EthnicGroup::White, "otherwhitebackground", W_OTH),
    (EthnicGroup::White, "anyotherwhite", W_OTH),
    (EthnicGroup::White, "otherwhite", W_OTH),
    (EthnicGroup::White, "anyother", W_OTH),
    (EthnicGroup::White, "other", W_OTH),
    (EthnicGroup::Mixed, "whiteandblackcaribbean", M_WBC),
    (EthnicGroup::Mixed, "whiteblackcaribbean", M_WBC),
    (EthnicGroup::Mixed, "whiteandblackafrican", M_WBA),
    (EthnicGroup::Mixed, "whiteblackafrican", M_WBA),
    (EthnicGroup::Mixed, "whiteandasian", M_WAS),
    (EthnicGroup::Mixed, "whiteasian", M_WAS),
    (EthnicGroup::Mixed, "anyothermixedbackground", M_OTH),
    (
        EthnicGroup::Mixed,
        "anyothermixedormultipleethnicbackground",
        M_OTH,
    ),
    (
        EthnicGroup::Mixed,
        "anyothermixedmultipleethnicbackground",
        M_OTH,
    ),
    (EthnicGroup::Mixed, "othermixedbackground", M_OTH),
    (
        EthnicGroup::Mixed,
        "othermixedormultipleethnicgroups",
        M_OTH,
    ),
    (EthnicGroup::Mixed, "othermixedormultipleethnicgroup", M_OTH),
    (EthnicGroup::Mixed, "othermixedmultipleethnicgroups", M_OTH),
    (EthnicGroup::Mixed, "anyothermixed", M_OTH),
    (EthnicGroup::Mixed, "othermixed", M_OTH),
    (EthnicGroup::Mixed, "anyother", M_OTH),
    (EthnicGroup::Mixed, "other", M_OTH),
    (EthnicGroup::Asian, "indian", A_IND),
    (EthnicGroup::Asian, "pakistani", A_PAK),
    (EthnicGroup::Asian, "bangladeshi", A_BAN),
    (EthnicGroup::Asian, "chinese", A_CHI),
    (EthnicGroup::Asian, "anyotherasianbackground", A_OTH),
    (EthnicGroup::Asian, "otherasianbackground", A_OTH),
    (EthnicGroup::Asian, "anyotherasian", A_OTH),
    (EthnicGroup::Asian, "otherasian", A_OTH),
    (EthnicGroup::Asian, "anyother", A_OTH),
    (EthnicGroup::Asian, "other", A_OTH),
    (EthnicGroup::Black, "caribbean", B_CAR),
    (EthnicGroup::Black, "african", B_AFR),
    (EthnicGroup::Black, "anyotherblackbackground", B_OTH),
    (
        EthnicGroup::Black,
        "anyotherblackblackbritishorcaribbeanbackground",
        B_OTH,
    ),
    (
        EthnicGroup::Black,
        "anyotherblackafricanorcaribbeanbackground",
        B_OTH,
    ),
    (
        EthnicGroup::Black,
        "anyotherblackafricancaribbeanbackground",
        B_OTH,
    ),
    (EthnicGroup::Black, "otherblackbackground", B_OTH),
    (EthnicGroup::Black, "anyotherblack", B_OTH),
    (EthnicGroup::Black, "otherblack", B_OTH),
    (EthnicGroup::Black, "anyother", B_OTH),
    (EthnicGroup::Black, "other", B_OTH),
    (EthnicGroup::Other, "arab", O_ARB),
    (EthnicGroup::Other, "anyotherethnicgroup", O_OTH),
    (EthnicGroup::Other, "otherethnicgroup", O_OTH),
    (EthnicGroup::Other, "anyother", O_OTH),
    (EthnicGroup::Other, "other", O_OTH),
    // 2001 "Chinese or other ethnic group: Chinese" (Chinese counts as Asian).
    (EthnicGroup::Other, "chinese", A_CHI),
];

/// Details named without their group ("Indian", "White British", "Other Asian", "Arab").
fn bare_detail(n: &str) -> Option<usize> {
    Some(match n {
        "indian" => A_IND,
        "pakistani" => A_PAK,
        "bangladeshi" => A_BAN,
        "chinese" => A_CHI,
        "anyotherasianbackground" | "otherasianbackground" | "otherasian" | "anyotherasian" => {
            A_OTH
        }
        "caribbean" => B_CAR,
        "african" => B_AFR,
        "anyotherblackbackground" | "otherblackbackground" | "otherblack" | "anyotherblack" => {
            B_OTH
        }
        "whiteandblackcaribbean" | "whiteblackcaribbean" => M_WBC,
        "whiteandblackafrican" | "whiteblackafrican" => M_WBA,
        "whiteandasian" | "whiteasian" => M_WAS,
        "anyothermixedbackground"
        | "othermixedbackground"
        | "othermixed"
        | "anyothermixed"
        | "anyothermixedormultipleethnicbackground"
        | "othermixedormultipleethnicgroups" => M_OTH,
        "englishwelshscottishnorthernirishorbritish"
        | "englishwelshscottishnorthernirishbritish" => W_BRI,
        "irish" => W_IRI,
        "gypsyoririshtraveller"
        | "gypsyirishtraveller"
        | "travellerofirishheritage"
        | "irishtraveller" => W_GIT,
        "roma" | "gypsyroma" => W_ROM,
        "anyotherwhitebackground" | "otherwhitebackground" | "otherwhite" | "anyotherwhite" => {
            W_OTH
        }
        "arab" => O_ARB,
        "anyotherethnicgroup" | "anyotherethnicbackground" | "otherethnicbackground" => O_OTH,
        _ => return None,
    })
}

fn detail(i: usize) -> Ethnicity {
    Ethnicity {
        group: DETAILS[i].1,
        detail: i as u16 + 1,
    }
}

fn group_only(group: EthnicGroup) -> Ethnicity {
    Ethnicity { group, detail: 0 }
}

/// One normalised value (no separators left) → ethnicity.
fn parse_normalised(n: &str) -> Option<Ethnicity> {
    if UNKNOWN.contains(&n) {
        return Some(Ethnicity::UNKNOWN);
    }
    if let Some(&(_, i)) = CODES.iter().find(|(c, _)| *c == n) {
        return Some(detail(i));
    }
    if let Some(i) = bare_detail(n) {
        return Some(detail(i));
    }
    // Group name, possibly followed by a detail: "whitebritish", "asianasianbritishindian".
    for &(prefix, group) in GROUP_NAMES {
        if let Some(rest) = n.strip_prefix(prefix) {
            if rest.is_empty() || rest == "background" || rest == "groups" || rest == "group" {
                return Some(group_only(group));
            }
            if let Some(&(_, _, i)) = GROUP_DETAILS
                .iter()
                .find(|(g, d, _)| *g == group && *d == rest)
            {
                return Some(detail(i));
            }
        }
    }
    None
}

impl Ethnicity {
    /// Match an ethnicity value from a file against every scheme of `input-formats.md` §2:
    /// 2021 (19 categories) and 2011 (18 categories) census labels, DfE codes, ONS 2001
    /// letters, group names, "X - Y" and "X: Y" forms. Blank and "not known" forms give
    /// [`Ethnicity::UNKNOWN`]. `None` when nothing matches (for instance "BAME", which is not
    /// a group): the caller reports it as an unknown code.
    ///
    /// `detail` indexes `""` + [`DETAILS`] (see there).
    pub fn parse(value: &str) -> Option<Ethnicity> {
        let n = super::normalise(value);
        if let Some(e) = parse_normalised(&n) {
            return Some(e);
        }
        // "CODE - label" / "label (CODE)": try each side on its own, code side first.
        let cut = value
            .find(':')
            .map(|i| (i, 1))
            .or_else(|| value.find(" - ").map(|i| (i, 3)))
            .or_else(|| value.find('(').map(|i| (i, 1)));
        if let Some((i, len)) = cut {
            let left = super::normalise(&value[..i]);
            let right = super::normalise(value[i + len..].trim_end_matches(')'));
            if let Some(&(_, d)) = CODES.iter().find(|(c, _)| *c == left) {
                return Some(detail(d));
            }
            if let Some(&(_, d)) = CODES.iter().find(|(c, _)| *c == right) {
                return Some(detail(d));
            }
            if let Some(e) = parse_normalised(&right).filter(|e| e.detail != 0) {
                return Some(e);
            }
            // A known group with a detail no list has ("Asian: Sri Lankan"): the group.
            if let Some(&(_, group)) = GROUP_NAMES.iter().find(|(g, _)| *g == left) {
                return Some(group_only(group));
            }
        }
        None
    }

    /// The detailed label ("Other: Arab") of a built-in detail index, `None` for 0 or an index
    /// beyond [`DETAILS`].
    pub fn builtin_detail_label(detail: u16) -> Option<&'static str> {
        (detail as usize)
            .checked_sub(1)
            .and_then(|i| DETAILS.get(i))
            .map(|d| d.0)
    }
}
