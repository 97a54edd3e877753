//! Every code `input-formats.md` §2 lists, table-driven: outcome labels and abbreviations with
//! their tier, ethnicity inputs of every scheme with their group and detail, sex, offence
//! categories and looked-after values.

use yjlens_core::codes::ethnicity::DETAILS;
use yjlens_core::codes::{
    looked_after, EthnicGroup, Ethnicity, OffenceCategory, Outcome, Sex, Tier,
};

// ---------------------------------------------------------------- outcomes

/// (input as a file might write it, outcome, tier). Every label and abbreviation of the
/// spec's table, plus the spelling variants files use.
const OUTCOMES: &[(&str, Outcome, Tier)] = &[
    // diversion
    (
        "Community Resolution",
        Outcome::CommunityResolution,
        Tier::Diversion,
    ),
    ("CR", Outcome::CommunityResolution, Tier::Diversion),
    (
        "Community Resolution (CR)",
        Outcome::CommunityResolution,
        Tier::Diversion,
    ),
    ("Triage", Outcome::Triage, Tier::Diversion),
    ("Outcome 22", Outcome::Outcome22, Tier::Diversion),
    ("outcome22", Outcome::Outcome22, Tier::Diversion),
    ("O22", Outcome::Outcome22, Tier::Diversion),
    ("OC22", Outcome::Outcome22, Tier::Diversion),
    ("Deferred prosecution", Outcome::Outcome22, Tier::Diversion),
    (
        "Outcome 22 / deferred prosecution",
        Outcome::Outcome22,
        Tier::Diversion,
    ),
    // pre-court
    ("Youth Caution", Outcome::YouthCaution, Tier::PreCourt),
    ("YC", Outcome::YouthCaution, Tier::PreCourt),
    ("Y.C.", Outcome::YouthCaution, Tier::PreCourt),
    ("Youth Caution (YC)", Outcome::YouthCaution, Tier::PreCourt),
    (
        "Youth Conditional Caution",
        Outcome::YouthConditionalCaution,
        Tier::PreCourt,
    ),
    ("YCC", Outcome::YouthConditionalCaution, Tier::PreCourt),
    (" y.c.c. ", Outcome::YouthConditionalCaution, Tier::PreCourt),
    // first tier
    (
        "Absolute Discharge",
        Outcome::AbsoluteDischarge,
        Tier::FirstTier,
    ),
    (
        "Conditional Discharge",
        Outcome::ConditionalDischarge,
        Tier::FirstTier,
    ),
    ("Fine", Outcome::Fine, Tier::FirstTier),
    ("FINE", Outcome::Fine, Tier::FirstTier),
    ("Referral Order", Outcome::ReferralOrder, Tier::FirstTier),
    ("RO", Outcome::ReferralOrder, Tier::FirstTier),
    (
        "Reparation Order",
        Outcome::ReparationOrder,
        Tier::FirstTier,
    ),
    (
        "Compensation Order",
        Outcome::CompensationOrder,
        Tier::FirstTier,
    ),
    ("Bind Over", Outcome::BindOver, Tier::FirstTier),
    ("Bind-over", Outcome::BindOver, Tier::FirstTier),
    ("Other first tier", Outcome::OtherFirstTier, Tier::FirstTier),
    // community
    ("Youth Rehabilitation Order", Outcome::Yro, Tier::Community),
    ("YRO", Outcome::Yro, Tier::Community),
    (
        "YRO with Intensive Supervision and Surveillance",
        Outcome::YroIss,
        Tier::Community,
    ),
    ("YRO ISS", Outcome::YroIss, Tier::Community),
    ("YRO with ISS", Outcome::YroIss, Tier::Community),
    ("ISS", Outcome::YroIss, Tier::Community),
    ("ISSP", Outcome::YroIss, Tier::Community),
    (
        "YRO with Intensive Fostering",
        Outcome::YroIntensiveFostering,
        Tier::Community,
    ),
    (
        "YRO Intensive Fostering",
        Outcome::YroIntensiveFostering,
        Tier::Community,
    ),
    // custody
    ("Detention and Training Order", Outcome::Dto, Tier::Custody),
    ("DTO", Outcome::Dto, Tier::Custody),
    ("Section 250", Outcome::Section250, Tier::Custody),
    ("Section 250 detention", Outcome::Section250, Tier::Custody),
    ("s.250", Outcome::Section250, Tier::Custody),
    ("S250", Outcome::Section250, Tier::Custody),
    ("s.91", Outcome::Section250, Tier::Custody),
    ("S91", Outcome::Section250, Tier::Custody),
    ("Section 91", Outcome::Section250, Tier::Custody),
    (
        "Section 250 detention (formerly s.91)",
        Outcome::Section250,
        Tier::Custody,
    ),
    (
        "Other long-term detention",
        Outcome::LongTermDetention,
        Tier::Custody,
    ),
    ("s.254", Outcome::LongTermDetention, Tier::Custody),
    ("s.258", Outcome::LongTermDetention, Tier::Custody),
    ("s.259", Outcome::LongTermDetention, Tier::Custody),
    ("s.226", Outcome::LongTermDetention, Tier::Custody),
    ("s.226B", Outcome::LongTermDetention, Tier::Custody),
    ("S226b", Outcome::LongTermDetention, Tier::Custody),
    ("s.90", Outcome::LongTermDetention, Tier::Custody),
    ("Section 90", Outcome::LongTermDetention, Tier::Custody),
    ("Section 90-92", Outcome::LongTermDetention, Tier::Custody),
    (
        "Extended sentence",
        Outcome::LongTermDetention,
        Tier::Custody,
    ),
    (
        "Detention for life",
        Outcome::LongTermDetention,
        Tier::Custody,
    ),
    (
        "s254 extended sentence",
        Outcome::LongTermDetention,
        Tier::Custody,
    ),
    // remand
    (
        "Remand to Youth Detention Accommodation",
        Outcome::RemandYda,
        Tier::Remand,
    ),
    ("RYDA", Outcome::RemandYda, Tier::Remand),
    ("Remand in custody", Outcome::RemandYda, Tier::Remand),
    (
        "Remand to Local Authority Accommodation",
        Outcome::RemandLaa,
        Tier::Remand,
    ),
    ("RLAA", Outcome::RemandLaa, Tier::Remand),
    // not an outcome
    (
        "No Further Action",
        Outcome::NoFurtherAction,
        Tier::NotAnOutcome,
    ),
    ("NFA", Outcome::NoFurtherAction, Tier::NotAnOutcome),
    ("Turnaround", Outcome::Turnaround, Tier::NotAnOutcome),
    (
        "Parenting Order",
        Outcome::ParentingOrder,
        Tier::NotAnOutcome,
    ),
];

#[test]
fn every_outcome_label_and_abbreviation_maps_to_its_outcome_and_tier() {
    let mut failures = Vec::new();
    for &(input, outcome, tier) in OUTCOMES {
        let got = Outcome::parse(input);
        if got != Some(outcome) || outcome.tier() != tier {
            failures.push(format!(
                "{input:?}: got {got:?}, want {outcome:?} ({tier:?})"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_outcome_is_reachable_from_its_own_label_and_synonyms() {
    for o in Outcome::ALL {
        if o == Outcome::Unknown {
            continue;
        }
        assert_eq!(Outcome::parse(o.label()), Some(o), "{o:?}");
        for s in o.synonyms() {
            assert_eq!(Outcome::parse(s), Some(o), "{s:?}");
        }
    }
}

#[test]
fn unmatched_outcome_labels_are_unknown() {
    for input in [
        "",
        "Banana",
        "Unknown",
        "Section 999",
        "s.250x",
        "Sentence pending",
        "PO",
    ] {
        assert_eq!(Outcome::parse(input), None, "{input:?}");
    }
}

#[test]
fn severity_order_is_the_declaration_order() {
    use Outcome::*;
    // measures.md: custody > community > first tier > pre-court > diversion, and within.
    let order = [
        Triage,
        CommunityResolution,
        Outcome22,
        YouthCaution,
        YouthConditionalCaution,
        OtherFirstTier,
        AbsoluteDischarge,
        BindOver,
        ConditionalDischarge,
        CompensationOrder,
        Fine,
        ReparationOrder,
        ReferralOrder,
        Yro,
        YroIntensiveFostering,
        YroIss,
        Dto,
        Section250,
        LongTermDetention,
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]));
}

// ---------------------------------------------------------------- ethnicity

/// (input, group, detailed label or "" for none).
const ETHNICITIES: &[(&str, EthnicGroup, &str)] = &[
    // Group names alone.
    ("White", EthnicGroup::White, ""),
    ("Black", EthnicGroup::Black, ""),
    ("Asian", EthnicGroup::Asian, ""),
    ("Mixed", EthnicGroup::Mixed, ""),
    ("Other", EthnicGroup::Other, ""),
    ("Other ethnic group", EthnicGroup::Other, ""),
    ("Asian or Asian British", EthnicGroup::Asian, ""),
    ("Black or Black British", EthnicGroup::Black, ""),
    ("Black British", EthnicGroup::Black, ""),
    ("Mixed or Multiple ethnic groups", EthnicGroup::Mixed, ""),
    (
        "Black, Black British, Caribbean or African",
        EthnicGroup::Black,
        "",
    ),
    // 2021 census, 19 categories.
    (
        "Asian, Asian British or Asian Welsh: Bangladeshi",
        EthnicGroup::Asian,
        "Asian: Bangladeshi",
    ),
    (
        "Asian, Asian British or Asian Welsh: Chinese",
        EthnicGroup::Asian,
        "Asian: Chinese",
    ),
    (
        "Asian, Asian British or Asian Welsh: Indian",
        EthnicGroup::Asian,
        "Asian: Indian",
    ),
    (
        "Asian, Asian British or Asian Welsh: Pakistani",
        EthnicGroup::Asian,
        "Asian: Pakistani",
    ),
    (
        "Asian, Asian British or Asian Welsh: Other Asian",
        EthnicGroup::Asian,
        "Asian: Any other Asian background",
    ),
    (
        "Black, Black British, Black Welsh, Caribbean or African: African",
        EthnicGroup::Black,
        "Black: African",
    ),
    (
        "Black, Black British, Black Welsh, Caribbean or African: Caribbean",
        EthnicGroup::Black,
        "Black: Caribbean",
    ),
    (
        "Black, Black British, Black Welsh, Caribbean or African: Other Black",
        EthnicGroup::Black,
        "Black: Any other Black background",
    ),
    (
        "Mixed or Multiple ethnic groups: White and Asian",
        EthnicGroup::Mixed,
        "Mixed: White and Asian",
    ),
    (
        "Mixed or Multiple ethnic groups: White and Black African",
        EthnicGroup::Mixed,
        "Mixed: White and Black African",
    ),
    (
        "Mixed or Multiple ethnic groups: White and Black Caribbean",
        EthnicGroup::Mixed,
        "Mixed: White and Black Caribbean",
    ),
    (
        "Mixed or Multiple ethnic groups: Other Mixed or Multiple ethnic groups",
        EthnicGroup::Mixed,
        "Mixed: Any other Mixed background",
    ),
    (
        "White: English, Welsh, Scottish, Northern Irish or British",
        EthnicGroup::White,
        "White: British",
    ),
    ("White: Irish", EthnicGroup::White, "White: Irish"),
    (
        "White: Gypsy or Irish Traveller",
        EthnicGroup::White,
        "White: Gypsy or Irish Traveller",
    ),
    ("White: Roma", EthnicGroup::White, "White: Roma"),
    (
        "White: Other White",
        EthnicGroup::White,
        "White: Any other White background",
    ),
    (
        "Other ethnic group: Arab",
        EthnicGroup::Other,
        "Other: Arab",
    ),
    (
        "Other ethnic group: Any other ethnic group",
        EthnicGroup::Other,
        "Other: Any other ethnic group",
    ),
    // 2011 census, 18 categories.
    (
        "White: English/Welsh/Scottish/Northern Irish/British",
        EthnicGroup::White,
        "White: British",
    ),
    ("White: Irish", EthnicGroup::White, "White: Irish"),
    (
        "White: Gypsy or Irish Traveller",
        EthnicGroup::White,
        "White: Gypsy or Irish Traveller",
    ),
    (
        "White: Any other White background",
        EthnicGroup::White,
        "White: Any other White background",
    ),
    (
        "Mixed/multiple ethnic groups: White and Black Caribbean",
        EthnicGroup::Mixed,
        "Mixed: White and Black Caribbean",
    ),
    (
        "Mixed/multiple ethnic groups: White and Black African",
        EthnicGroup::Mixed,
        "Mixed: White and Black African",
    ),
    (
        "Mixed/multiple ethnic groups: White and Asian",
        EthnicGroup::Mixed,
        "Mixed: White and Asian",
    ),
    (
        "Mixed/multiple ethnic groups: Any other Mixed/multiple ethnic background",
        EthnicGroup::Mixed,
        "Mixed: Any other Mixed background",
    ),
    (
        "Asian/Asian British: Indian",
        EthnicGroup::Asian,
        "Asian: Indian",
    ),
    (
        "Asian/Asian British: Pakistani",
        EthnicGroup::Asian,
        "Asian: Pakistani",
    ),
    (
        "Asian/Asian British: Bangladeshi",
        EthnicGroup::Asian,
        "Asian: Bangladeshi",
    ),
    (
        "Asian/Asian British: Chinese",
        EthnicGroup::Asian,
        "Asian: Chinese",
    ),
    (
        "Asian/Asian British: Any other Asian background",
        EthnicGroup::Asian,
        "Asian: Any other Asian background",
    ),
    (
        "Black/African/Caribbean/Black British: African",
        EthnicGroup::Black,
        "Black: African",
    ),
    (
        "Black/African/Caribbean/Black British: Caribbean",
        EthnicGroup::Black,
        "Black: Caribbean",
    ),
    (
        "Black/African/Caribbean/Black British: Any other Black/African/Caribbean background",
        EthnicGroup::Black,
        "Black: Any other Black background",
    ),
    (
        "Other ethnic group: Arab",
        EthnicGroup::Other,
        "Other: Arab",
    ),
    (
        "Other ethnic group: Any other ethnic group",
        EthnicGroup::Other,
        "Other: Any other ethnic group",
    ),
    // DfE codes.
    ("WBRI", EthnicGroup::White, "White: British"),
    ("WIRI", EthnicGroup::White, "White: Irish"),
    (
        "WIRT",
        EthnicGroup::White,
        "White: Gypsy or Irish Traveller",
    ),
    ("WROM", EthnicGroup::White, "White: Roma"),
    (
        "WOTH",
        EthnicGroup::White,
        "White: Any other White background",
    ),
    (
        "MWBC",
        EthnicGroup::Mixed,
        "Mixed: White and Black Caribbean",
    ),
    ("MWBA", EthnicGroup::Mixed, "Mixed: White and Black African"),
    ("MWAS", EthnicGroup::Mixed, "Mixed: White and Asian"),
    (
        "MOTH",
        EthnicGroup::Mixed,
        "Mixed: Any other Mixed background",
    ),
    ("AIND", EthnicGroup::Asian, "Asian: Indian"),
    ("APKN", EthnicGroup::Asian, "Asian: Pakistani"),
    ("ABAN", EthnicGroup::Asian, "Asian: Bangladeshi"),
    ("CHNE", EthnicGroup::Asian, "Asian: Chinese"),
    (
        "AOTH",
        EthnicGroup::Asian,
        "Asian: Any other Asian background",
    ),
    ("BCRB", EthnicGroup::Black, "Black: Caribbean"),
    ("BAFR", EthnicGroup::Black, "Black: African"),
    (
        "BOTH",
        EthnicGroup::Black,
        "Black: Any other Black background",
    ),
    ("OOTH", EthnicGroup::Other, "Other: Any other ethnic group"),
    ("REFU", EthnicGroup::Unknown, ""),
    ("NOBT", EthnicGroup::Unknown, ""),
    ("wbri", EthnicGroup::White, "White: British"),
    ("WBRI - White British", EthnicGroup::White, "White: British"),
    // ONS 2001 letters (Chinese, R, counts as Asian).
    ("A", EthnicGroup::White, "White: British"),
    ("B", EthnicGroup::White, "White: Irish"),
    ("C", EthnicGroup::White, "White: Any other White background"),
    ("D", EthnicGroup::Mixed, "Mixed: White and Black Caribbean"),
    ("E", EthnicGroup::Mixed, "Mixed: White and Black African"),
    ("F", EthnicGroup::Mixed, "Mixed: White and Asian"),
    ("G", EthnicGroup::Mixed, "Mixed: Any other Mixed background"),
    ("H", EthnicGroup::Asian, "Asian: Indian"),
    ("J", EthnicGroup::Asian, "Asian: Pakistani"),
    ("K", EthnicGroup::Asian, "Asian: Bangladeshi"),
    ("L", EthnicGroup::Asian, "Asian: Any other Asian background"),
    ("M", EthnicGroup::Black, "Black: Caribbean"),
    ("N", EthnicGroup::Black, "Black: African"),
    ("P", EthnicGroup::Black, "Black: Any other Black background"),
    ("R", EthnicGroup::Asian, "Asian: Chinese"),
    ("S", EthnicGroup::Other, "Other: Any other ethnic group"),
    ("Z", EthnicGroup::Unknown, ""),
    ("A - White British", EthnicGroup::White, "White: British"),
    (
        "Chinese or other ethnic group: Chinese",
        EthnicGroup::Asian,
        "Asian: Chinese",
    ),
    // "X - Y", "X: Y" and "X Y" forms and bare details.
    ("White - British", EthnicGroup::White, "White: British"),
    ("White British", EthnicGroup::White, "White: British"),
    ("White - Irish", EthnicGroup::White, "White: Irish"),
    (
        "White Other",
        EthnicGroup::White,
        "White: Any other White background",
    ),
    (
        "Other White",
        EthnicGroup::White,
        "White: Any other White background",
    ),
    ("Black - Caribbean", EthnicGroup::Black, "Black: Caribbean"),
    ("Black Caribbean", EthnicGroup::Black, "Black: Caribbean"),
    ("Black African", EthnicGroup::Black, "Black: African"),
    (
        "Black: Other",
        EthnicGroup::Black,
        "Black: Any other Black background",
    ),
    ("Asian - Pakistani", EthnicGroup::Asian, "Asian: Pakistani"),
    (
        "Asian: Other",
        EthnicGroup::Asian,
        "Asian: Any other Asian background",
    ),
    ("Indian", EthnicGroup::Asian, "Asian: Indian"),
    ("Pakistani", EthnicGroup::Asian, "Asian: Pakistani"),
    ("Bangladeshi", EthnicGroup::Asian, "Asian: Bangladeshi"),
    ("Chinese", EthnicGroup::Asian, "Asian: Chinese"),
    (
        "Any other Asian background",
        EthnicGroup::Asian,
        "Asian: Any other Asian background",
    ),
    ("Caribbean", EthnicGroup::Black, "Black: Caribbean"),
    ("African", EthnicGroup::Black, "Black: African"),
    (
        "Any other Black background",
        EthnicGroup::Black,
        "Black: Any other Black background",
    ),
    (
        "White and Black Caribbean",
        EthnicGroup::Mixed,
        "Mixed: White and Black Caribbean",
    ),
    (
        "Mixed - White and Black African",
        EthnicGroup::Mixed,
        "Mixed: White and Black African",
    ),
    (
        "Mixed White & Asian",
        EthnicGroup::Mixed,
        "Mixed: White and Asian",
    ),
    (
        "Any other Mixed background",
        EthnicGroup::Mixed,
        "Mixed: Any other Mixed background",
    ),
    ("Irish", EthnicGroup::White, "White: Irish"),
    (
        "Gypsy or Irish Traveller",
        EthnicGroup::White,
        "White: Gypsy or Irish Traveller",
    ),
    (
        "Traveller of Irish heritage",
        EthnicGroup::White,
        "White: Gypsy or Irish Traveller",
    ),
    ("Roma", EthnicGroup::White, "White: Roma"),
    (
        "Any other White background",
        EthnicGroup::White,
        "White: Any other White background",
    ),
    ("Arab", EthnicGroup::Other, "Other: Arab"),
    ("Other - Arab", EthnicGroup::Other, "Other: Arab"),
    (
        "Any other ethnic group",
        EthnicGroup::Other,
        "Other: Any other ethnic group",
    ),
    ("Asian: Sri Lankan", EthnicGroup::Asian, ""),
    // Unknown forms.
    ("", EthnicGroup::Unknown, ""),
    ("Not known", EthnicGroup::Unknown, ""),
    ("Not stated", EthnicGroup::Unknown, ""),
    ("Refused", EthnicGroup::Unknown, ""),
    ("Information not obtained", EthnicGroup::Unknown, ""),
    ("Prefer not to say", EthnicGroup::Unknown, ""),
    ("Unknown", EthnicGroup::Unknown, ""),
];

#[test]
fn every_ethnicity_input_maps_to_its_group_and_detail() {
    let mut failures = Vec::new();
    for &(input, group, detail) in ETHNICITIES {
        let got = Ethnicity::parse(input);
        let want_detail = if detail.is_empty() {
            0
        } else {
            DETAILS.iter().position(|d| d.0 == detail).unwrap() as u16 + 1
        };
        let want = Ethnicity {
            group,
            detail: want_detail,
        };
        if got != Some(want) {
            failures.push(format!(
                "{input:?}: got {got:?} ({:?}), want {group:?} {detail:?}",
                got.and_then(|e| Ethnicity::builtin_detail_label(e.detail))
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn bame_and_other_non_groups_are_unmappable() {
    for input in ["BAME", "BME", "Non-white", "Martian", "X"] {
        assert_eq!(Ethnicity::parse(input), None, "{input:?}");
    }
}

#[test]
fn every_detail_label_round_trips_and_names_its_group() {
    for (i, (label, group)) in DETAILS.iter().enumerate() {
        let e = Ethnicity::parse(label).unwrap();
        assert_eq!(e.group, *group, "{label}");
        assert_eq!(e.detail as usize, i + 1, "{label}");
        assert!(label.starts_with(group.label()));
    }
}

// ---------------------------------------------------------------- sex, looked after

#[test]
fn sex_codes() {
    let cases: &[(&str, Option<Sex>)] = &[
        ("Male", Some(Sex::Male)),
        ("M", Some(Sex::Male)),
        ("m", Some(Sex::Male)),
        ("1", Some(Sex::Male)),
        ("Female", Some(Sex::Female)),
        ("F", Some(Sex::Female)),
        ("2", Some(Sex::Female)),
        ("Unknown", Some(Sex::Unknown)),
        ("U", Some(Sex::Unknown)),
        ("Not known", Some(Sex::Unknown)),
        ("Not stated", Some(Sex::Unknown)),
        ("", Some(Sex::Unknown)),
        ("Q", None),
    ];
    for &(input, want) in cases {
        assert_eq!(Sex::parse(input), want, "{input:?}");
    }
}

#[test]
fn looked_after_values() {
    for (input, want) in [
        ("Y", Some(Some(true))),
        ("Yes", Some(Some(true))),
        ("TRUE", Some(Some(true))),
        ("1", Some(Some(true))),
        ("N", Some(Some(false))),
        ("no", Some(Some(false))),
        ("False", Some(Some(false))),
        ("0", Some(Some(false))),
        ("", Some(None)),
        ("maybe", None),
    ] {
        assert_eq!(looked_after::parse(input), want, "{input:?}");
    }
}

// ---------------------------------------------------------------- offence categories

#[test]
fn every_yjb_offence_group_is_recognised_and_breaches_flagged() {
    for g in yjlens_core::codes::offence::YJB_GROUPS {
        let c = OffenceCategory::classify(&g.to_uppercase());
        assert_eq!(c.label, g);
        assert!(c.yjb);
        assert_eq!(c.breach, g.starts_with("Breach"), "{g}");
    }
    for (input, label) in [
        ("Burglary - domestic", "Burglary (domestic)"),
        ("burglary non-domestic", "Burglary (non-domestic)"),
        (
            "Vehicle theft/unauthorised taking",
            "Vehicle theft / unauthorised taking",
        ),
        ("Drugs", "Drugs offences"),
        ("", "Not recorded"),
    ] {
        assert_eq!(OffenceCategory::classify(input).label, label, "{input:?}");
    }
    // Free text is its own category; a free-text breach is still a breach.
    let c = OffenceCategory::classify("Breach of YRO requirements");
    assert!(!c.yjb && c.breach);
    assert_eq!(c.label, "Breach of YRO requirements");
}
