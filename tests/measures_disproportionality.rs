//! Ethnic disproportionality: counts, shares (Unknown excluded but reported), population
//! shares, percentage-point gaps, rates, RRIs with log-scale intervals and flags, and
//! stage-to-stage indices, each worked out by hand.

mod common_measures;

use common_measures::*;
use yjlens_core::codes::EthnicGroup::{self, *};
use yjlens_core::codes::Outcome::{Dto, Yro};
use yjlens_core::measures::{compute, read_population};
use yjlens_core::report::{PeriodType, Report, Settings};

const Q: PeriodType = PeriodType::Quarter;
const Q1: &str = "2023-01-01";

fn children(b: &mut Builder, prefix: &str, n: usize, g: EthnicGroup) {
    for i in 0..n {
        b.on(&format!("{prefix}{i}"), "2023-01-10", Yro).eth(g);
    }
}

fn st<'a>(
    r: &'a Report,
    measure: &str,
    stage: &str,
    group: &str,
) -> &'a yjlens_core::report::Figure {
    fig_stage(r, measure, stage, Q, Q1, &format!("ethnicity={group}"))
}

fn scenario() -> Report {
    // Substantive stage in Jan–Mar 2023: White 30, Black 20, Asian 3, Unknown 10.
    // Custody: 10 of the Black children and 5 of the White children get a DTO in February.
    let mut b = Builder::new();
    children(&mut b, "w", 30, White);
    children(&mut b, "b", 20, Black);
    children(&mut b, "a", 3, Asian);
    children(&mut b, "u", 10, Unknown);
    for i in 0..10 {
        b.on(&format!("b{i}"), "2023-02-10", Dto).eth(Black);
    }
    for i in 0..5 {
        b.on(&format!("w{i}"), "2023-02-10", Dto).eth(White);
    }
    let pop = read_population(b"ethnicity,population\nWhite,6000\nBlack,1000\nAsian,2000\nMixed,500\nOther,500\nTotal,10000\n").unwrap();
    let s = Settings {
        extract_date: Some(d("2023-03-31")),
        ..Settings::default()
    };
    compute(&b.build(), &s, Some(&pop))
}

#[test]
fn counts_and_shares_exclude_unknown_but_report_it() {
    let r = scenario();
    assert_eq!(
        st(&r, "disp_count", "substantive", "Black").value,
        Some(20.0)
    );
    assert_eq!(
        st(&r, "disp_count", "substantive", "Unknown").value,
        Some(10.0)
    );
    assert_eq!(
        st(&r, "disp_count", "substantive", "Mixed").value,
        Some(0.0)
    );
    // Share of known: 20 / 53 = 37.7358%.
    let share = st(&r, "disp_share", "substantive", "Black");
    assert_eq!(
        (share.numerator, share.denominator),
        (Some(20.0), Some(53.0))
    );
    assert!((share.value.unwrap() - 37.735_849).abs() < 1e-5);
    // Unknown: 10 / 63 = 15.873% of all children, on the Unknown row only.
    let unknown = st(&r, "disp_unknown_share", "substantive", "Unknown");
    assert_eq!(
        (unknown.numerator, unknown.denominator),
        (Some(10.0), Some(63.0))
    );
    assert!((unknown.value.unwrap() - 15.873_016).abs() < 1e-5);
    assert!(!r
        .figures
        .iter()
        .any(|f| f.measure == "disp_share" && f.group == "Unknown"));
    // The known shares sum to 100.
    let total: f64 = ["White", "Black", "Asian", "Mixed", "Other"]
        .iter()
        .map(|g| st(&r, "disp_share", "substantive", g).value.unwrap())
        .sum();
    assert!((total - 100.0).abs() < 1e-9);
}

#[test]
fn population_share_gap_and_rate() {
    let r = scenario();
    // Black population 1,000 of a known 10,000 (the Total row is ignored) = 10%.
    let p = st(&r, "disp_population_share", "substantive", "Black");
    assert_eq!(
        (p.numerator, p.denominator, p.value),
        (Some(1000.0), Some(10000.0), Some(10.0))
    );
    // Gap: 37.7358 − 10 = 27.7358 percentage points.
    let gap = st(&r, "disp_gap_pp", "substantive", "Black");
    assert!((gap.value.unwrap() - 27.735_849).abs() < 1e-5);
    assert_eq!((gap.numerator, gap.denominator), (None, None));
    // Rate: 20 / 1,000 × 1,000 = 20 per 1,000.
    assert_eq!(
        st(&r, "disp_rate", "substantive", "Black").value,
        Some(20.0)
    );
}

#[test]
fn rri_and_interval_against_hand_arithmetic() {
    let r = scenario();
    // RRI Black vs White: (20/1000) / (30/6000) = 0.02 / 0.005 = 4.0.
    // se = √(1/20 − 1/1000 + 1/30 − 1/6000) = √0.0821667 = 0.286647;
    // interval exp(ln 4 ± 1.96 × 0.286647) = 2.280662 … 7.015507 → over.
    let f = st(&r, "disp_rri", "substantive", "Black");
    assert!((f.value.unwrap() - 4.0).abs() < 1e-12);
    assert!((f.ci_low.unwrap() - 2.280_662).abs() < 1e-6);
    assert!((f.ci_high.unwrap() - 7.015_507).abs() < 1e-6);
    assert_eq!(f.flag.map_or("", |x| x.id()), "over");
    assert_eq!((f.numerator, f.denominator), (Some(20.0), Some(1000.0)));
    // Not written for the reference group.
    assert!(!r
        .figures
        .iter()
        .any(|f| f.measure == "disp_rri" && f.group == "White"));
}

#[test]
fn too_few_below_five() {
    let r = scenario();
    // Asian: 3 children (< 5) → too_few, no interval shown; the RRI itself is still given:
    // (3/2000) / (30/6000) = 0.3.
    let f = st(&r, "disp_rri", "substantive", "Asian");
    assert_eq!(f.flag.map_or("", |x| x.id()), "too_few");
    assert_eq!((f.ci_low, f.ci_high), (None, None));
    assert!((f.value.unwrap() - 0.3).abs() < 1e-12);
    // Mixed: 0 children → RRI 0, too_few.
    assert_eq!(
        st(&r, "disp_rri", "substantive", "Mixed")
            .flag
            .map_or("", |x| x.id()),
        "too_few"
    );
}

#[test]
fn stage_to_stage_custody_vs_court() {
    let r = scenario();
    // Of court children, custody: Black 10 of 20, White 5 of 30 → (0.5)/(1/6) = 3.0.
    // se = √(1/10 − 1/20 + 1/5 − 1/30) = √0.216667; interval 1.204762 … 7.470356 → over.
    let f = st(&r, "disp_rri", "custody_vs_court", "Black");
    assert!((f.value.unwrap() - 3.0).abs() < 1e-12);
    assert!((f.ci_low.unwrap() - 1.204_762).abs() < 1e-6);
    assert!((f.ci_high.unwrap() - 7.470_356).abs() < 1e-6);
    assert_eq!(f.flag.map_or("", |x| x.id()), "over");
    assert_eq!((f.numerator, f.denominator), (Some(10.0), Some(20.0)));
    // Every stage pair is written.
    for stage in [
        "out_of_court_vs_diversion_or_out_of_court",
        "court_vs_substantive",
        "custody_vs_court",
        "remand_vs_court_or_remand",
        "reoffending_vs_reoffending_cohort",
    ] {
        assert!(r.figures.iter().any(|f| f.stage == stage), "{stage}");
    }
}

#[test]
fn every_stage_and_group_is_written_even_with_zeros() {
    let r = scenario();
    for stage in [
        "throughput",
        "substantive",
        "diversion",
        "out_of_court",
        "first_time_entrants",
        "court",
        "custody",
        "remand",
        "reoffending_cohort",
        "reoffending",
    ] {
        for g in ["White", "Black", "Asian", "Mixed", "Other", "Unknown"] {
            st(&r, "disp_count", stage, g);
        }
        for g in ["White", "Black", "Asian", "Mixed", "Other"] {
            st(&r, "disp_share", stage, g);
            st(&r, "disp_population_share", stage, g);
            st(&r, "disp_gap_pp", stage, g);
            st(&r, "disp_rate", stage, g);
        }
    }
    // Diversion stage is empty: shares have no denominator → empty value, never 0.
    assert_eq!(st(&r, "disp_share", "diversion", "Black").value, None);
}

#[test]
fn westminster_style_percentage_point_gap() {
    // Westminster's plan compares throughput by ethnicity with the 2011 census 10-17
    // population and reads off over-representation in points. Here: 50 children of known
    // ethnicity, 20 Black (40%), against a Black share of the population of 1,340 / 10,000
    // (13.4%) → over-represented by 26.6 percentage points.
    let mut b = Builder::new();
    children(&mut b, "w", 25, White);
    children(&mut b, "b", 20, Black);
    children(&mut b, "o", 5, Other);
    let pop = read_population(
        b"Ethnic group;Population\nWhite;7000\nBlack;1340\nAsian;1200\nMixed;300\nOther;160\n",
    )
    .unwrap();
    let s = Settings {
        extract_date: Some(d("2023-03-31")),
        ..Settings::default()
    };
    let r = compute(&b.build(), &s, Some(&pop));
    let gap = st(&r, "disp_gap_pp", "throughput", "Black").value.unwrap();
    assert!((gap - 26.6).abs() < 1e-9, "{gap}");
    let white = st(&r, "disp_gap_pp", "throughput", "White").value.unwrap();
    assert!((white - (50.0 - 70.0)).abs() < 1e-9);
}

#[test]
fn no_population_means_empty_rates_never_zero() {
    let mut b = Builder::new();
    children(&mut b, "w", 6, White);
    children(&mut b, "b", 6, Black);
    let s = Settings {
        extract_date: Some(d("2023-03-31")),
        ..Settings::default()
    };
    let r = compute(&b.build(), &s, None);
    let f = st(&r, "disp_rri", "substantive", "Black");
    assert_eq!((f.value, f.flag.map_or("", |x| x.id())), (None, "none"));
    assert_eq!(st(&r, "disp_rate", "substantive", "Black").value, None);
    assert_eq!(
        st(&r, "disp_population_share", "substantive", "Black").value,
        None
    );
    assert!(st(&r, "disp_rate", "substantive", "Black")
        .definition
        .contains("add population to see rates"));
    // Stage-to-stage indices need no population.
    assert_eq!(
        st(&r, "disp_rri", "court_vs_substantive", "Black").value,
        Some(1.0)
    );
}
