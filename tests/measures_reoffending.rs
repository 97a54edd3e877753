//! Reoffending (live tracker) rules, each expected figure worked out by hand.

mod common_measures;

use common_measures::*;
use yjlens_core::codes::Outcome::*;
use yjlens_core::measures::compute;
use yjlens_core::measures::stats::round_ratio;
use yjlens_core::report::{CohortMethod, PeriodType, Report, Settings, Status};

const Q1_2021: &str = "2021-01-01";
const Q1_2023: &str = "2023-01-01";

fn run(b: &Builder, extract_date: &str) -> Report {
    let s = Settings {
        extract_date: Some(d(extract_date)),
        ..Settings::default()
    };
    compute(&b.build(), &s, None)
}

#[test]
fn harrow_four_reoffenders_from_a_cohort_of_eighteen() {
    // 18 children on a YRO in Jan–Mar 2021; 4 of them commit 5 reoffences each (20).
    // Binary rate 4 / 18 = 22.222…%; per reoffender 20 / 4 = 5.0; per child 20 / 18 = 1.111.
    let mut b = Builder::new();
    for i in 0..18 {
        b.on(&format!("c{i}"), "2021-02-01", Yro);
    }
    for i in 0..4 {
        for k in 0..5 {
            let m = 3 + k; // offences in Mar … Jul 2021, proven a month later
            b.row(
                &format!("c{i}"),
                &format!("2021-{m:02}-10"),
                &format!("2021-{:02}-10", m + 1),
                Fine,
            );
        }
    }
    let r = run(&b, "2023-06-30");
    assert_eq!(q(&r, "reoffending_cohort", Q1_2021), Some(18.0));
    assert_eq!(q(&r, "reoffending_reoffenders", Q1_2021), Some(4.0));
    assert_eq!(q(&r, "reoffending_reoffences", Q1_2021), Some(20.0));
    let rate = fig(
        &r,
        "reoffending_binary_rate",
        PeriodType::Quarter,
        Q1_2021,
        "all",
    );
    assert!((rate.value.unwrap() - 22.222_222).abs() < 1e-5);
    // Wilson 95% for 4/18: 9.00% – 45.21%.
    assert!(
        (rate.ci_low.unwrap() - 9.00).abs() < 0.01,
        "{:?}",
        rate.ci_low
    );
    assert!(
        (rate.ci_high.unwrap() - 45.21).abs() < 0.01,
        "{:?}",
        rate.ci_high
    );
    assert_eq!(rate.status, Status::Final);
    assert_eq!(q(&r, "reoffences_per_reoffender", Q1_2021), Some(5.0));
    let per_child = q(&r, "reoffending_frequency_rate", Q1_2021).unwrap();
    assert!((per_child - 20.0 / 18.0).abs() < 1e-12);
    // Display rounding (the CLI's summary prints these; cli/tests/summary.rs): 22.2%, 5.00.
    assert_eq!(round_ratio(4, 18, 100, 1).as_deref(), Some("22.2"));
    assert_eq!(round_ratio(20, 4, 1, 2).as_deref(), Some("5.00"));
}

#[test]
fn index_is_first_event_in_quarter_and_ties_go_to_most_severe() {
    let mut b = Builder::new();
    // Child a: YC on 10 Jan and YRO on 15 Feb 2023 → enters once, at the caution; the YRO
    // offence (15 Feb, after the index) is one reoffence.
    b.on("a", "2023-01-10", YouthCaution);
    b.on("a", "2023-02-15", Yro);
    // Child b: released from a DTO on 1 Mar 2023 and given a Referral Order that same day:
    // both index on 1 Mar; the tie goes to the more severe outcome (DTO).
    b.on("b", "2022-10-01", Dto).release("2023-03-01");
    b.on("b", "2023-03-01", ReferralOrder);
    let r = run(&b, "2024-12-31");
    assert_eq!(q(&r, "reoffending_cohort", Q1_2023), Some(2.0));
    let p = PeriodType::Quarter;
    assert_eq!(
        value(
            &r,
            "reoffending_cohort",
            p,
            Q1_2023,
            "outcome_type=Youth Caution"
        ),
        Some(1.0)
    );
    assert_eq!(
        value(
            &r,
            "reoffending_cohort",
            p,
            Q1_2023,
            "outcome_type=Detention and Training Order"
        ),
        Some(1.0)
    );
    assert_eq!(
        value(
            &r,
            "reoffending_cohort",
            p,
            Q1_2023,
            "outcome_type=Referral Order"
        ),
        Some(0.0)
    );
    assert_eq!(
        value(
            &r,
            "reoffending_cohort",
            p,
            Q1_2023,
            "outcome_type=Youth Rehabilitation Order"
        ),
        Some(0.0)
    );
    assert_eq!(
        value(&r, "reoffending_cohort", p, Q1_2023, "outcome_tier=custody"),
        Some(1.0)
    );
    // a: 1 reoffence (the YRO). b: the RO offence is on the index date → not a reoffence.
    assert_eq!(q(&r, "reoffending_reoffences", Q1_2023), Some(1.0));
}

#[test]
fn custody_indexes_at_release_and_never_without_a_release_date() {
    let mut b = Builder::new();
    // Sentenced Nov 2022, released 10 Feb 2023 → index in Jan–Mar 2023, not Oct–Dec 2022.
    b.on("a", "2022-11-01", Dto).release("2023-02-10");
    // Sentenced, no release recorded → cannot index.
    b.on("b", "2022-11-15", Section250);
    // Released after the extract date → still in custody, cannot index.
    b.on("c", "2022-12-01", Dto).release("2025-06-01");
    let r = run(&b, "2024-12-31");
    assert_eq!(q(&r, "reoffending_cohort", "2022-10-01"), Some(0.0));
    assert_eq!(q(&r, "reoffending_cohort", Q1_2023), Some(1.0));
    assert_eq!(r.checks.custodial_without_release, 1);
    assert_eq!(r.checks.custodial_release_after_extract_date, 1);
    assert!(r.notes.iter().any(|n| n.contains("no release date")));
}

#[test]
fn offence_on_the_index_date_is_not_a_reoffence() {
    let mut b = Builder::new();
    b.on("a", "2023-01-10", Yro);
    // Committed on the index date, proven later: not strictly after → not a reoffence.
    b.row("a", "2023-01-10", "2023-03-01", Fine);
    b.on("b", "2023-01-10", Yro);
    // Committed the day after: a reoffence.
    b.row("b", "2023-01-11", "2023-03-01", Fine);
    let r = run(&b, "2024-12-31");
    assert_eq!(q(&r, "reoffending_reoffenders", Q1_2023), Some(1.0));
    assert_eq!(q(&r, "reoffending_reoffences", Q1_2023), Some(1.0));
}

#[test]
fn follow_up_boundaries_twelve_and_eighteen_months() {
    // Index 31 Jan 2023: offences up to 31 Jan 2024 (12 months) proven by 31 Jul 2024 (18).
    let mut b = Builder::new();
    for c in ["a", "b", "c", "e"] {
        b.on(c, "2023-01-31", Yro);
    }
    b.row("a", "2024-01-31", "2024-05-01", Fine); // exactly 12 months: counts
    b.row("b", "2024-02-01", "2024-05-01", Fine); // one day later: not
    b.row("c", "2023-06-01", "2024-07-31", Fine); // proven exactly at 18 months: counts
    b.row("e", "2023-06-01", "2024-08-01", Fine); // proven one day later: not
    let r = run(&b, "2025-06-30");
    assert_eq!(q(&r, "reoffending_cohort", Q1_2023), Some(4.0));
    assert_eq!(q(&r, "reoffending_reoffenders", Q1_2023), Some(2.0));
    let p = PeriodType::Quarter;
    // a and c reoffend (2 of 4 = 50%).
    assert_eq!(
        value(&r, "reoffending_binary_rate", p, Q1_2023, "all"),
        Some(50.0)
    );
}

#[test]
fn leap_day_index_follow_up_ends_on_28_february() {
    // Index 29 Feb 2024: + 12 months = 28 Feb 2025 (no 29 Feb), + 18 months = 29 Aug 2025.
    let mut b = Builder::new();
    b.on("a", "2024-02-29", Yro);
    b.on("b", "2024-02-29", Yro);
    b.row("a", "2025-02-28", "2025-08-29", Fine); // last day of both windows: counts
    b.row("b", "2025-03-01", "2025-04-01", Fine); // one day after the offence window: not
    let r = run(&b, "2026-06-30");
    assert_eq!(q(&r, "reoffending_reoffenders", "2024-01-01"), Some(1.0));
    assert_eq!(q(&r, "reoffending_reoffences", "2024-01-01"), Some(1.0));
}

#[test]
fn breaches_excluded_by_default_and_counted_when_switched_off() {
    let mut b = Builder::new();
    b.on("a", "2023-01-10", Yro);
    b.on("a", "2023-03-01", Yro)
        .cat("Breach of statutory order");
    b.on("a", "2023-04-01", Fine)
        .cat("Breach of conditional discharge");
    b.on("a", "2023-05-01", Fine).cat("Criminal damage");
    let e = b.build();
    let mut s = Settings {
        extract_date: Some(d("2024-12-31")),
        ..Settings::default()
    };
    // Excluded: only the criminal damage counts → 1.
    let r = compute(&e, &s, None);
    assert_eq!(q(&r, "reoffending_reoffences", Q1_2023), Some(1.0));
    assert!(fig(
        &r,
        "reoffending_reoffences",
        PeriodType::Quarter,
        Q1_2023,
        "all"
    )
    .definition
    .contains("Breach offences not counted (local choice)"));
    assert!(r.definitions["reoffending_reoffences"].contains("Local choice, on"));
    s.exclude_breaches = false;
    // Counted: both breaches and the criminal damage → 3.
    let r = compute(&e, &s, None);
    assert_eq!(q(&r, "reoffending_reoffences", Q1_2023), Some(3.0));
}

#[test]
fn diversion_and_remand_are_not_reoffences_but_reoffences_after_18_count() {
    let mut b = Builder::new();
    b.on("a", "2023-01-10", Yro).dob("2005-06-01"); // 17 at the index
    b.on("a", "2023-02-01", Triage); // diversion: not a proven reoffence
    b.on("a", "2023-03-01", RemandYda); // remand: never a reoffence
    b.on("a", "2023-08-01", Fine); // committed at 18: still a reoffence
    let r = run(&b, "2024-12-31");
    assert_eq!(q(&r, "reoffending_reoffences", Q1_2023), Some(1.0));
}

#[test]
fn provisional_until_quarter_end_plus_18_months() {
    // Jan–Mar 2023 ends 31 Mar 2023; + 18 months = 30 Sep 2024.
    let mut b = Builder::new();
    b.on("a", "2023-02-01", Yro);
    b.on("z", "2023-02-01", Fine);
    let status = |date: &str| {
        fig(
            &run(&b, date),
            "reoffending_binary_rate",
            PeriodType::Quarter,
            Q1_2023,
            "all",
        )
        .status
    };
    assert_eq!(status("2024-09-29"), Status::Provisional);
    assert_eq!(status("2024-09-30"), Status::Final);
}

#[test]
fn pooled_and_legacy_12_month_cohorts_differ_when_a_child_is_in_two_quarters() {
    let mut b = Builder::new();
    // x indexes in Jan–Mar (YC, 1 Feb) and again in Apr–Jun (RO, 1 May); the RO offence is
    // x's reoffence after the first index. y indexes in Jul–Sep only, no reoffence.
    b.on("x", "2023-02-01", YouthCaution);
    b.on("x", "2023-05-01", ReferralOrder);
    b.on("y", "2023-08-01", Fine);
    let e = b.build();
    let mut s = Settings {
        extract_date: Some(d("2024-01-15")),
        ..Settings::default()
    };
    let rolling = PeriodType::Rolling12m;
    let start = "2023-01-01"; // Jan 2023 – Dec 2023
                              // Pooled: Q1 {x: 1 reoffence}, Q2 {x: 0}, Q3 {y: 0} → cohort 3, reoffenders 1, 33.3%.
    let r = compute(&e, &s, None);
    assert_eq!(
        value(&r, "reoffending_cohort", rolling, start, "all"),
        Some(3.0)
    );
    assert_eq!(
        value(&r, "reoffending_reoffenders", rolling, start, "all"),
        Some(1.0)
    );
    let pooled = value(&r, "reoffending_binary_rate", rolling, start, "all").unwrap();
    assert!((pooled - 100.0 / 3.0).abs() < 1e-9);
    assert!(fig(&r, "reoffending_cohort", rolling, start, "all")
        .definition
        .contains("4 quarterly cohorts"));
    // The disproportionality cohort stage counts x once: 2 children.
    assert_eq!(
        fig_stage(
            &r,
            "disp_count",
            "reoffending_cohort",
            rolling,
            start,
            "ethnicity=Unknown"
        )
        .value,
        Some(2.0)
    );
    // Legacy: each child once at their first index event in the 12 months → cohort 2, 50%.
    s.cohort_method = CohortMethod::Legacy;
    let r = compute(&e, &s, None);
    assert_eq!(
        value(&r, "reoffending_cohort", rolling, start, "all"),
        Some(2.0)
    );
    assert_eq!(
        value(&r, "reoffending_binary_rate", rolling, start, "all"),
        Some(50.0)
    );
    assert!(fig(&r, "reoffending_cohort", rolling, start, "all")
        .definition
        .contains("Legacy"));
    // Quarterly cohorts are the same under both methods.
    assert_eq!(q(&r, "reoffending_cohort", "2023-04-01"), Some(1.0));
}

#[test]
fn eighteen_year_old_cannot_index_but_seventeen_can() {
    let mut b = Builder::new();
    b.on("adult", "2023-02-01", Yro).dob("2005-01-01"); // 18 on 1 Feb 2023
    b.on("youth", "2023-02-01", Yro).dob("2005-02-02"); // 17 (18 tomorrow)
    b.on("unknown", "2023-02-01", Yro).no_age(); // unknown age: included
    let r = run(&b, "2024-12-31");
    assert_eq!(q(&r, "reoffending_cohort", Q1_2023), Some(2.0));
    let p = PeriodType::Quarter;
    assert_eq!(
        value(&r, "reoffending_cohort", p, Q1_2023, "age=17"),
        Some(1.0)
    );
    assert_eq!(
        value(&r, "reoffending_cohort", p, Q1_2023, "age_band=Unknown"),
        Some(1.0)
    );
    assert_eq!(r.checks.children_unknown_age, 1);
    // The 18-year-old still appears in the throughput profile as 18+ (sex unknown).
    let f = r
        .figures
        .iter()
        .find(|f| {
            f.measure == "throughput_children"
                && f.period_type == p
                && f.period_start == d(Q1_2023)
                && (f.breakdown.id(), f.group.as_str()) == ("age", "18+")
                && (f.breakdown2.map(|b| b.id()), f.group2.as_str()) == (Some("sex"), "Unknown")
        })
        .unwrap();
    assert_eq!(f.value, Some(1.0));
}

#[test]
fn previous_substantive_occasions_band() {
    let mut b = Builder::new();
    // Three substantive occasions and one diversion in 2022, index in Jan–Mar 2023 → 3 → "3-6".
    b.on("a", "2022-02-01", YouthCaution);
    b.on("a", "2022-05-01", Triage);
    b.on("a", "2022-07-01", Fine);
    b.on("a", "2022-09-01", ReferralOrder);
    b.on("a", "2023-02-01", Yro);
    let r = run(&b, "2024-12-31");
    let p = PeriodType::Quarter;
    assert_eq!(
        value(
            &r,
            "reoffending_cohort",
            p,
            Q1_2023,
            "previous_occasions=3-6"
        ),
        Some(1.0)
    );
    assert_eq!(
        value(&r, "reoffending_cohort", p, Q1_2023, "previous_occasions=0"),
        Some(0.0)
    );
    // Its first index (Jan–Mar 2022, the caution) had no previous occasions.
    assert_eq!(
        value(
            &r,
            "reoffending_cohort",
            p,
            "2022-01-01",
            "previous_occasions=0"
        ),
        Some(1.0)
    );
}

#[test]
fn time_to_first_uses_month_end_arithmetic() {
    // Index 31 Aug 2023; first reoffence 29 Feb 2024 = index + 6 months (31 Aug + 6 months
    // is 29 Feb 2024), so it is within month 6, not only month 7.
    let mut b = Builder::new();
    b.on("a", "2023-08-31", Yro);
    b.row("a", "2024-02-29", "2024-03-15", Fine);
    b.on("b", "2023-08-31", Yro);
    let r = run(&b, "2025-12-31");
    let p = PeriodType::Quarter;
    let start = "2023-07-01";
    assert_eq!(
        fig(&r, "reoffending_time_to_first", p, start, "month=5").numerator,
        Some(0.0)
    );
    assert_eq!(
        value(&r, "reoffending_time_to_first", p, start, "month=6"),
        Some(50.0)
    );
    assert_eq!(
        value(&r, "reoffending_time_to_first", p, start, "month=12"),
        Some(50.0)
    );
}

#[test]
fn concentration_and_distribution() {
    // Reoffenders with 4, 1 and 1 reoffences (6 in all), plus one child without.
    // Most prolific 10%: ceil(0.3) = 1 child → 4 of 6 = 66.67%.
    let mut b = Builder::new();
    for c in ["a", "b", "c", "z"] {
        b.on(c, "2023-01-05", Yro);
    }
    for m in 2..=5 {
        b.on("a", &format!("2023-{m:02}-01"), Fine);
    }
    b.on("b", "2023-02-01", Fine);
    b.on("c", "2023-02-01", Fine);
    let r = run(&b, "2025-12-31");
    let p = PeriodType::Quarter;
    let conc = fig(&r, "reoffending_concentration", p, Q1_2023, "all");
    assert_eq!((conc.numerator, conc.denominator), (Some(4.0), Some(6.0)));
    assert!((conc.value.unwrap() - 66.666_666).abs() < 1e-4);
    assert_eq!(
        value(
            &r,
            "reoffending_distribution",
            p,
            Q1_2023,
            "reoffences_band=1"
        ),
        Some(2.0)
    );
    assert_eq!(
        value(
            &r,
            "reoffending_distribution",
            p,
            Q1_2023,
            "reoffences_band=4"
        ),
        Some(1.0)
    );
    assert_eq!(
        value(
            &r,
            "reoffending_distribution",
            p,
            Q1_2023,
            "reoffences_band=10+"
        ),
        Some(0.0)
    );
}

#[test]
fn empty_cohort_rates_are_empty_not_zero() {
    let mut b = Builder::new();
    b.on("a", "2023-01-10", Triage); // diversion only: no index
    let r = run(&b, "2023-06-30");
    assert_eq!(q(&r, "reoffending_cohort", Q1_2023), Some(0.0));
    let rate = fig(
        &r,
        "reoffending_binary_rate",
        PeriodType::Quarter,
        Q1_2023,
        "all",
    );
    assert_eq!(rate.value, None);
    assert_eq!(rate.ci_low, None);
    assert_eq!(q(&r, "reoffences_per_reoffender", Q1_2023), None);
}
