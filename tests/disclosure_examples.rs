//! Hand-worked examples of disclosure control (`widget.md`, "Disclosure control").

mod disclosure_support;

use disclosure_support::*;
use yjlens_core::publish::disclosure::{apply, DisclosureError, DisclosureSettings};
use yjlens_core::report::{Figure, PeriodType, Status};

const FYT: PeriodType = PeriodType::FinancialYear;

fn k(k: u32) -> DisclosureSettings {
    DisclosureSettings::new(k, false).unwrap()
}

fn ethnicity_table(stage: &str, counts: [(&str, u32); 6]) -> Vec<Figure> {
    let total: u32 = counts.iter().map(|c| c.1).sum();
    let mut v = vec![count("disp_count", stage, FY, "all", "all", total)];
    for (g, n) in counts {
        v.push(count("disp_count", stage, FY, "ethnicity", g, n));
    }
    v
}

fn suppressed_groups(out: &[Figure], measure: &str, breakdown: &str) -> Vec<String> {
    out.iter()
        .filter(|f| f.measure == measure && f.breakdown == breakdown && f.suppressed)
        .map(|f| f.group.clone())
        .collect()
}

const BRIEF: [(&str, u32); 6] = [
    ("White", 40),
    ("Black", 3),
    ("Asian", 7),
    ("Mixed", 0),
    ("Other", 6),
    ("Unknown", 2),
];

#[test]
fn two_primary_cells_need_no_secondary() {
    // White 40, Black 3, Asian 7, Mixed 0, Other 6, Unknown 2, total 58, k = 5.
    // Black and Unknown are suppressed (primary). Their *sum* is recoverable:
    // 58 − 40 − 7 − 0 − 6 = 5, so a reader learns "5 children are Black or of unknown
    // ethnicity". Neither cell is: the split can be 1+4, 2+3, 3+2 or 4+1 (zeros are shown, so
    // each is at least 1). The rule protects cells, not sums of suppressed cells, so nothing
    // more is suppressed. (Had the sum been 2 — two suppressed 1s — each would be pinned to 1,
    // and the rule suppresses a third cell: see `suppressed_ones_are_not_left_pinned`.)
    let out = apply(ethnicity_table("custody", BRIEF), &k(5));
    assert_eq!(
        suppressed_groups(&out, "disp_count", "ethnicity"),
        ["Black", "Unknown"]
    );
    let total = find(&out, "disp_count", "custody", FYT, "all", "all");
    assert_eq!(total.value, Some(58.0));
    let mixed = find(&out, "disp_count", "custody", FYT, "ethnicity", "Mixed");
    assert_eq!(
        (mixed.suppressed, mixed.value),
        (false, Some(0.0)),
        "zero is shown"
    );
    let black = find(&out, "disp_count", "custody", FYT, "ethnicity", "Black");
    assert_eq!(
        (black.numerator, black.value, black.ci_low),
        (None, None, None)
    );
    assert!(recoveries(&out).is_empty(), "{:?}", recoveries(&out));
}

#[test]
fn shares_are_withheld_when_unknown_is_suppressed() {
    // With disp_share published, White's share 40/56 would reveal the known total 56 and so
    // Unknown = 58 − 56 = 2. Every share of the stage goes; the counts stay as before.
    let mut figs = ethnicity_table("custody", BRIEF);
    for (g, n) in BRIEF.iter().filter(|(g, _)| *g != "Unknown") {
        figs.push(ratio(
            "disp_share",
            "custody",
            FY,
            "ethnicity",
            g,
            f64::from(*n),
            56.0,
            "%",
        ));
    }
    figs.push(ratio(
        "disp_unknown_share",
        "custody",
        FY,
        "ethnicity",
        "Unknown",
        2.0,
        58.0,
        "%",
    ));
    let out = apply(figs, &k(5));
    assert_eq!(
        suppressed_groups(&out, "disp_count", "ethnicity"),
        ["Black", "Unknown"]
    );
    assert!(out
        .iter()
        .filter(|f| f.measure.id().starts_with("disp_") && f.measure.id().ends_with("share"))
        .all(|f| f.suppressed));
}

#[test]
fn shares_are_published_when_only_known_groups_are_suppressed() {
    let counts = [
        ("White", 40),
        ("Black", 3),
        ("Asian", 7),
        ("Mixed", 0),
        ("Other", 6),
        ("Unknown", 0),
    ];
    let mut figs = ethnicity_table("court", counts);
    for (g, n) in counts.iter().filter(|(g, _)| *g != "Unknown") {
        figs.push(ratio(
            "disp_share",
            "court",
            FY,
            "ethnicity",
            g,
            f64::from(*n),
            56.0,
            "%",
        ));
    }
    let out = apply(figs, &k(5));
    // Black alone → next smallest non-zero (Other 6) too, in counts and shares alike.
    assert_eq!(
        suppressed_groups(&out, "disp_count", "ethnicity"),
        ["Black", "Other"]
    );
    assert_eq!(
        suppressed_groups(&out, "disp_share", "ethnicity"),
        ["Black", "Other"]
    );
    let white = find(&out, "disp_share", "court", FYT, "ethnicity", "White");
    assert!((white.value.unwrap() - 100.0 * 40.0 / 56.0).abs() < 1e-9);
}

#[test]
fn a_single_suppressed_cell_takes_the_next_smallest_non_zero() {
    let counts = [
        ("White", 30),
        ("Black", 8),
        ("Asian", 2),
        ("Mixed", 6),
        ("Other", 5),
        ("Unknown", 0),
    ];
    let out = apply(ethnicity_table("custody", counts), &k(5));
    assert_eq!(
        suppressed_groups(&out, "disp_count", "ethnicity"),
        ["Asian", "Other"]
    );
    assert!(recoveries(&out).is_empty());
}

#[test]
fn suppressed_ones_are_not_left_pinned() {
    // Female 1 and Unknown 1: total − Male = 2 = two suppressed cells, so each must be 1.
    let figs = vec![
        count("reoffending_cohort", "", FY, "all", "all", 32),
        count("reoffending_cohort", "", FY, "sex", "Male", 30),
        count("reoffending_cohort", "", FY, "sex", "Female", 1),
        count("reoffending_cohort", "", FY, "sex", "Unknown", 1),
    ];
    let out = apply(figs, &k(5));
    assert_eq!(
        suppressed_groups(&out, "reoffending_cohort", "sex"),
        ["Male", "Female", "Unknown"]
    );
}

#[test]
fn a_small_total_suppresses_its_table() {
    let figs = vec![
        count("custody_sentences", "", FY, "all", "all", 4),
        count("custody_sentences", "", FY, "sex", "Male", 4),
        count("custody_sentences", "", FY, "sex", "Female", 0),
    ];
    let out = apply(figs, &k(5));
    assert!(find(&out, "custody_sentences", "", FYT, "all", "all").suppressed);
    assert!(find(&out, "custody_sentences", "", FYT, "sex", "Male").suppressed);
    assert!(!find(&out, "custody_sentences", "", FYT, "sex", "Female").suppressed);
}

fn reoffending_by_sex() -> Vec<Figure> {
    // cohort Male 30, Female 12 (42); reoffenders Male 10, Female 3 (13).
    let mut v = Vec::new();
    for (g, c, r) in [("all", 42, 13), ("Male", 30, 10), ("Female", 12, 3)] {
        let b = if g == "all" { "all" } else { "sex" };
        v.push(count("reoffending_cohort", "", FY, b, g, c));
        v.push(count("reoffending_reoffenders", "", FY, b, g, r));
        v.push(ratio(
            "reoffending_binary_rate",
            "",
            FY,
            b,
            g,
            f64::from(r),
            f64::from(c),
            "%",
        ));
    }
    v
}

#[test]
fn a_rate_beside_a_suppressed_numerator_is_suppressed() {
    let out = apply(reoffending_by_sex(), &k(5));
    // Female reoffenders 3: primary; Male reoffenders: secondary (13 − 3 would give it away).
    assert_eq!(
        suppressed_groups(&out, "reoffending_reoffenders", "sex"),
        ["Male", "Female"]
    );
    // Both rates carry a suppressed numerator.
    assert_eq!(
        suppressed_groups(&out, "reoffending_binary_rate", "sex"),
        ["Male", "Female"]
    );
    // The cohort counts are not touched; the total rate is published.
    assert!(suppressed_groups(&out, "reoffending_cohort", "sex").is_empty());
    let all = find(&out, "reoffending_binary_rate", "", FYT, "all", "all");
    assert!(!all.suppressed && all.ci_low.is_some());
}

#[test]
fn a_denominator_of_nine_suppresses_the_rate() {
    let figs = vec![
        count("reoffending_cohort", "", FY, "all", "all", 9),
        count("reoffending_reoffenders", "", FY, "all", "all", 5),
        ratio(
            "reoffending_binary_rate",
            "",
            FY,
            "all",
            "all",
            5.0,
            9.0,
            "%",
        ),
        ratio(
            "custody_rate",
            "",
            FY,
            "all",
            "all",
            6.0,
            9.0,
            "per 1,000 aged 10-17",
        ),
        count("custody_sentences", "", FY, "all", "all", 6),
    ];
    let out = apply(figs, &k(5));
    assert!(find(&out, "reoffending_binary_rate", "", FYT, "all", "all").suppressed);
    assert!(find(&out, "custody_rate", "", FYT, "all", "all").suppressed);
    assert_eq!(
        find(&out, "reoffending_cohort", "", FYT, "all", "all").value,
        Some(9.0)
    );
    assert_eq!(
        find(&out, "reoffending_reoffenders", "", FYT, "all", "all").value,
        Some(5.0)
    );
}

#[test]
fn a_ratios_own_small_denominator_is_checked() {
    // custody_share_of_court carries court occasions as its own denominator: Female 3 is a
    // count under k, and Male's 40 would then reveal it (43 − 40).
    let figs = vec![
        ratio(
            "custody_share_of_court",
            "",
            FY,
            "all",
            "all",
            12.0,
            43.0,
            "%",
        ),
        ratio(
            "custody_share_of_court",
            "",
            FY,
            "sex",
            "Male",
            12.0,
            40.0,
            "%",
        ),
        ratio(
            "custody_share_of_court",
            "",
            FY,
            "sex",
            "Female",
            0.0,
            3.0,
            "%",
        ),
    ];
    let out = apply(figs, &k(5));
    assert!(find(&out, "custody_share_of_court", "", FYT, "sex", "Female").suppressed);
    assert!(find(&out, "custody_share_of_court", "", FYT, "sex", "Male").suppressed);
    assert!(!find(&out, "custody_share_of_court", "", FYT, "all", "all").suppressed);
}

#[test]
fn quarters_are_dropped_by_default_and_protected_across_time_when_asked_for() {
    let mut figs = vec![count("custody_sentences", "", FY, "all", "all", 32)];
    for (i, n) in [10, 2, 8, 12].into_iter().enumerate() {
        figs.push(count("custody_sentences", "", quarter(i), "all", "all", n));
    }
    let out = apply(figs.clone(), &k(5));
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].period_type, PeriodType::FinancialYear);

    let out = apply(figs, &k(5).with_quarters(true));
    let suppressed: Vec<_> = out
        .iter()
        .filter(|f| f.suppressed)
        .map(|f| f.period_start)
        .collect();
    // Jul–Sep (2) primary; Oct–Dec (8) is the next smallest non-zero.
    assert_eq!(suppressed, [quarter(1).start, quarter(2).start]);
    assert!(recoveries(&out).is_empty());
}

#[test]
fn secondary_suppression_cascades_across_tables() {
    // Quarter cells by sex, with quarters published: Female in Q1 is 2 (primary), Male Q1 is
    // secondary in the Q1 sex table; that leaves Male alone suppressed across the year's
    // quarters, so the next smallest Male quarter goes too, which leaves that quarter's sex
    // table with one suppressed cell, and so on to a fixpoint.
    let male = [20, 9, 15, 30];
    let female = [2, 11, 7, 6];
    let mut figs = Vec::new();
    let mut fy = (0, 0);
    for i in 0..4 {
        let p = quarter(i);
        figs.push(count(
            "throughput_children",
            "",
            p,
            "all",
            "all",
            male[i] + female[i],
        ));
        figs.push(count("throughput_children", "", p, "sex", "Male", male[i]));
        figs.push(count(
            "throughput_children",
            "",
            p,
            "sex",
            "Female",
            female[i],
        ));
        fy.0 += male[i];
        fy.1 += female[i];
    }
    figs.push(count(
        "throughput_children",
        "",
        FY,
        "all",
        "all",
        fy.0 + fy.1,
    ));
    figs.push(count("throughput_children", "", FY, "sex", "Male", fy.0));
    figs.push(count("throughput_children", "", FY, "sex", "Female", fy.1));
    let out = apply(figs, &k(5).with_quarters(true));
    assert!(recoveries(&out).is_empty(), "{:?}", recoveries(&out));
    assert!(out.iter().filter(|f| f.suppressed).count() >= 4);
}

#[test]
fn rolling_windows_keep_only_the_latest_final_one() {
    let old = rolling(date(2022, 10, 1), date(2023, 9, 30), Status::Final);
    let latest = rolling(date(2023, 1, 1), date(2023, 12, 31), Status::Final);
    let provisional = rolling(date(2023, 4, 1), date(2024, 3, 31), Status::Provisional);
    let partial_fy = Period {
        status: Status::Partial,
        start: date(2024, 4, 1),
        end: date(2025, 3, 31),
        ..FY
    };
    let figs = vec![
        count("reoffending_cohort", "", old, "all", "all", 50),
        count("reoffending_cohort", "", latest, "all", "all", 60),
        count("reoffending_cohort", "", provisional, "all", "all", 70),
        count("reoffending_cohort", "", FY, "all", "all", 70),
        count("reoffending_cohort", "", partial_fy, "all", "all", 20),
    ];
    let out = apply(figs, &k(5));
    let kept: Vec<_> = out.iter().map(|f| f.value.unwrap()).collect();
    assert_eq!(kept, [60.0, 70.0]);
    assert_eq!(out[0].period_end, date(2023, 12, 31));
}

#[test]
fn free_text_categories_are_merged_into_other() {
    let figs = vec![
        count("throughput_offences", "", FY, "all", "all", 45),
        count(
            "throughput_offences",
            "",
            FY,
            "offence_category",
            "Robbery",
            22,
        ),
        count(
            "throughput_offences",
            "",
            FY,
            "offence_category",
            "Other",
            4,
        ),
        count(
            "throughput_offences",
            "",
            FY,
            "offence_category",
            "shoplifting at Tesco",
            3,
        ),
        count(
            "throughput_offences",
            "",
            FY,
            "offence_category",
            "=HYPERLINK(\"x\")",
            16,
        ),
        count(
            "reoffending_cohort",
            "",
            FY,
            "offence_category",
            "Robbery",
            20,
        ),
        count(
            "reoffending_cohort",
            "",
            FY,
            "offence_category",
            "Other",
            12,
        ),
        count(
            "reoffending_cohort",
            "",
            FY,
            "offence_category",
            "Joyriding",
            8,
        ),
        ratio(
            "reoffending_binary_rate",
            "",
            FY,
            "offence_category",
            "Other",
            6.0,
            12.0,
            "%",
        ),
        ratio(
            "reoffending_binary_rate",
            "",
            FY,
            "offence_category",
            "Joyriding",
            2.0,
            8.0,
            "%",
        ),
        ratio(
            "reoffending_concentration",
            "",
            FY,
            "offence_category",
            "Other",
            3.0,
            9.0,
            "%",
        ),
        ratio(
            "reoffending_concentration",
            "",
            FY,
            "offence_category",
            "Joyriding",
            2.0,
            3.0,
            "%",
        ),
    ];
    let out = apply(figs, &k(5));
    assert!(out
        .iter()
        .filter(|f| f.breakdown == "offence_category")
        .all(|f| yjlens_core::codes::offence::YJB_GROUPS.contains(&f.group.as_str())));
    let other = find(
        &out,
        "throughput_offences",
        "",
        FYT,
        "offence_category",
        "Other",
    );
    assert_eq!(other.value, Some(23.0));
    let cohort = find(
        &out,
        "reoffending_cohort",
        "",
        FYT,
        "offence_category",
        "Other",
    );
    assert_eq!(cohort.value, Some(20.0));
    let rate = find(
        &out,
        "reoffending_binary_rate",
        "",
        FYT,
        "offence_category",
        "Other",
    );
    assert_eq!((rate.numerator, rate.denominator), (Some(8.0), Some(20.0)));
    assert!((rate.value.unwrap() - 40.0).abs() < 1e-9);
    let (lo, hi) = yjlens_core::publish::recompute::wilson_interval(8.0, 20.0).unwrap();
    assert!((rate.ci_low.unwrap() - 100.0 * lo).abs() < 1e-9);
    assert!((rate.ci_high.unwrap() - 100.0 * hi).abs() < 1e-9);
    // The top 10% of merged reoffenders is not the sum of the parts: dropped.
    assert!(!out.iter().any(|f| f.measure == "reoffending_concentration"));
}

/// (A measure disclosure control does not know cannot be a figure: `Measure` is the catalogue's
/// enum, and the aggregate reader leaves out rows of measures it does not know —
/// `aggregate_roundtrip::rows_of_unknown_measures_are_left_out`.)
#[test]
fn each_count_once() {
    let mut figs = ethnicity_table("custody", BRIEF);
    figs.push(count("custody_children", "", FY, "all", "all", 58));
    figs.push(count("custody_children", "", FY, "ethnicity", "White", 40));
    figs.push(count("custody_children", "", FY, "sex", "Male", 50));
    figs.push(count("custody_children", "", FY, "sex", "Female", 8));
    let out = apply(figs, &k(5));
    assert!(!out
        .iter()
        .any(|f| f.measure == "custody_children" && f.breakdown == "ethnicity"));
    assert_eq!(
        find(&out, "custody_children", "", FYT, "sex", "Female").value,
        Some(8.0)
    );
}

#[test]
fn rri_needs_the_reference_group_published() {
    // Reference White (no RRI row); Black's index uses White's count.
    let counts = [
        ("White", 4),
        ("Black", 12),
        ("Asian", 9),
        ("Mixed", 7),
        ("Other", 5),
        ("Unknown", 0),
    ];
    let mut figs = ethnicity_table("custody", counts);
    for (g, n, pop) in [("Black", 12.0, 800.0), ("Asian", 9.0, 1200.0)] {
        let mut f = ratio("disp_rri", "custody", FY, "ethnicity", g, n, pop, "index");
        f.value = Some((n / pop) / (4.0 / 9000.0));
        f.flag = Some(yjlens_core::catalogue::Flag::Over);
        figs.push(f);
    }
    // Mixed and Other have no RRI rows either: every candidate reference must be published.
    let out = apply(figs, &k(5));
    assert!(find(&out, "disp_count", "custody", FYT, "ethnicity", "White").suppressed);
    let black = find(&out, "disp_rri", "custody", FYT, "ethnicity", "Black");
    assert!(black.suppressed && black.flag.is_none());
}

#[test]
fn rounding_recomputes_rates_and_intervals_from_rounded_counts() {
    let figs = vec![
        count("reoffending_cohort", "", FY, "all", "all", 42),
        count("reoffending_reoffenders", "", FY, "all", "all", 13),
        ratio(
            "reoffending_binary_rate",
            "",
            FY,
            "all",
            "all",
            13.0,
            42.0,
            "%",
        ),
        ratio(
            "custody_rate",
            "",
            FY,
            "all",
            "all",
            7.0,
            15321.0,
            "per 1,000 aged 10-17",
        ),
        count("custody_sentences", "", FY, "all", "all", 7),
    ];
    let out = apply(figs, &k(5).with_rounding(true));
    let rate = find(&out, "reoffending_binary_rate", "", FYT, "all", "all");
    assert_eq!((rate.numerator, rate.denominator), (Some(15.0), Some(40.0)));
    assert!((rate.value.unwrap() - 37.5).abs() < 1e-9);
    let (lo, hi) = yjlens_core::publish::recompute::wilson_interval(15.0, 40.0).unwrap();
    assert!((rate.ci_low.unwrap() - 100.0 * lo).abs() < 1e-9);
    assert!((rate.ci_high.unwrap() - 100.0 * hi).abs() < 1e-9);
    let custody = find(&out, "custody_rate", "", FYT, "all", "all");
    assert_eq!(
        custody.denominator,
        Some(15321.0),
        "populations are not rounded"
    );
    assert!((custody.value.unwrap() - 1000.0 * 5.0 / 15321.0).abs() < 1e-9);
    assert_eq!(
        find(&out, "reoffending_cohort", "", FYT, "all", "all").value,
        Some(40.0)
    );
}

#[test]
fn rounding_recomputes_the_rri_and_its_flag() {
    let counts = [
        ("White", 50),
        ("Black", 22),
        ("Asian", 9),
        ("Mixed", 0),
        ("Other", 0),
        ("Unknown", 0),
    ];
    let mut figs = ethnicity_table("custody", counts);
    let (n2, c) = (9000.0, 50.0);
    for (g, a, n1) in [("Black", 22.0, 800.0), ("Asian", 9.0, 1200.0)] {
        let mut f = ratio("disp_rri", "custody", FY, "ethnicity", g, a, n1, "index");
        f.value = Some((a / n1) / (c / n2));
        figs.push(f);
    }
    // Mixed and Other have counts of 0 and no RRI rows: they are candidate references too.
    let out = apply(figs, &k(5).with_rounding(true));
    let black = find(&out, "disp_rri", "custody", FYT, "ethnicity", "Black");
    assert!(!black.suppressed);
    let expect = (20.0 / 800.0) / (50.0 / 9000.0);
    assert!(
        (black.value.unwrap() - expect).abs() < 1e-9,
        "{:?}",
        black.value
    );
    let (lo, hi) =
        yjlens_core::publish::recompute::rri_interval(20.0, 800.0, 50.0, 9000.0).unwrap();
    assert!((black.ci_low.unwrap() - lo).abs() < 1e-9);
    assert!((black.ci_high.unwrap() - hi).abs() < 1e-9);
    assert_eq!(black.flag.map_or("", |x| x.id()), "over");
}

#[test]
fn cumulative_months_never_differ_by_a_small_number() {
    // Cumulative reoffenders by month 1..6 (then flat) with reoffenders 14, k = 5.
    let cum = [5, 6, 11, 11, 12, 14, 14, 14, 14, 14, 14, 14];
    let mut figs = vec![
        count("reoffending_cohort", "", FY, "all", "all", 40),
        count("reoffending_reoffenders", "", FY, "all", "all", 14),
    ];
    for (m, c) in cum.iter().enumerate() {
        let g = (m + 1).to_string();
        figs.push(ratio(
            "reoffending_time_to_first",
            "",
            FY,
            "month",
            &g,
            f64::from(*c),
            40.0,
            "%",
        ));
    }
    let out = apply(figs, &k(5));
    let published: Vec<f64> = out
        .iter()
        .filter(|f| f.measure == "reoffending_time_to_first" && !f.suppressed)
        .map(|f| f.numerator.unwrap())
        .collect();
    let mut last = 0.0;
    for v in published.iter().chain([14.0].iter()) {
        let d = v - last;
        assert!(d == 0.0 || d >= 5.0, "published {published:?}");
        last = *v;
    }
    assert_eq!(published.first(), Some(&5.0));
}

#[test]
fn concentration_of_fewer_than_k_children_is_suppressed() {
    let figs = vec![
        count("reoffending_reoffenders", "", FY, "all", "all", 30),
        count("reoffending_reoffences", "", FY, "all", "all", 80),
        ratio(
            "reoffending_concentration",
            "",
            FY,
            "all",
            "all",
            25.0,
            80.0,
            "%",
        ),
    ];
    // ⌈0.1 × 30⌉ = 3 children: under k = 5, over k = 3.
    let out = apply(figs.clone(), &k(5));
    assert!(find(&out, "reoffending_concentration", "", FYT, "all", "all").suppressed);
    let out = apply(figs, &k(3));
    assert!(!find(&out, "reoffending_concentration", "", FYT, "all", "all").suppressed);
}

#[test]
fn nested_detail_categories_are_protected_within_their_group() {
    let mut figs = ethnicity_table(
        "custody",
        [
            ("White", 40),
            ("Black", 13),
            ("Asian", 7),
            ("Mixed", 5),
            ("Other", 6),
            ("Unknown", 0),
        ],
    );
    figs.push(count("custody_children", "", FY, "all", "all", 71));
    for (g, n) in [
        ("Black: African", 3),
        ("Black: Caribbean", 10),
        ("White: British", 40),
    ] {
        figs.push(count("custody_children", "", FY, "ethnicity_detail", g, n));
    }
    figs.push(count(
        "custody_children",
        "",
        FY,
        "ethnicity_detail",
        "Asian: Indian",
        7,
    ));
    figs.push(count(
        "custody_children",
        "",
        FY,
        "ethnicity_detail",
        "Mixed: any other",
        5,
    ));
    figs.push(count(
        "custody_children",
        "",
        FY,
        "ethnicity_detail",
        "Other: Arab",
        6,
    ));
    let out = apply(figs, &k(5));
    let s = suppressed_groups(&out, "custody_children", "ethnicity_detail");
    assert!(s.contains(&"Black: African".to_string()));
    assert!(s.contains(&"Black: Caribbean".to_string()), "{s:?}");
}

#[test]
fn settings_are_validated() {
    assert_eq!(
        DisclosureSettings::new(2, false),
        Err(DisclosureError::KOutOfRange(2))
    );
    assert_eq!(
        DisclosureSettings::new(11, false),
        Err(DisclosureError::KOutOfRange(11))
    );
    assert_eq!(
        DisclosureSettings::new(2, true),
        Err(DisclosureError::BelowPublicMinimum(2))
    );
    assert!(DisclosureSettings::new(3, true).is_ok());
    assert_eq!(DisclosureSettings::default().k, 5);
    // Built by hand below the minimum, apply still uses 3.
    let raw = DisclosureSettings {
        k: 0,
        ..DisclosureSettings::default()
    };
    assert_eq!(raw.effective_k(), 3);
    let out = apply(vec![count("fte_count", "", FY, "all", "all", 2)], &raw);
    assert!(out[0].suppressed);
    assert_eq!(
        DisclosureSettings::default().describe(),
        "k=5; rounding=none; quarters=excluded"
    );
}

#[test]
fn already_suppressed_input_stays_suppressed() {
    let out = apply(reoffending_by_sex(), &k(5));
    let again = apply(out.clone(), &k(5));
    assert_eq!(out, again);
}
