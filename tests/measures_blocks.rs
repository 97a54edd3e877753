//! Building blocks: periods, extract date, occasions, child attributes, throughput and
//! serious violence, population years, and that every group of every breakdown is written.

mod common_measures;

use common_measures::*;
use yjlens_core::codes::EthnicGroup::{Black, White};
use yjlens_core::codes::Outcome::*;
use yjlens_core::codes::Sex;
use yjlens_core::measures::{compute, read_population};
use yjlens_core::report::{PeriodType, Settings, Status};

fn settings(extract_date: &str) -> Settings {
    Settings {
        extract_date: Some(d(extract_date)),
        ..Settings::default()
    }
}

#[test]
fn financial_year_and_rolling_window_ending_in_march_are_different_rows() {
    let mut b = Builder::new();
    b.on("a", "2022-04-05", Yro);
    b.on("c", "2023-03-30", Fine);
    let r = compute(&b.build(), &Settings::default(), None);
    // Extract date defaults to the latest outcome date: 30 Mar 2023.
    assert_eq!(r.extract_date, d("2023-03-30"));
    // 30 Mar is before 31 Mar: the FY 2022/23 is partial and no rolling window ends in it.
    let fy = fig(
        &r,
        "throughput_children",
        PeriodType::FinancialYear,
        "2022-04-01",
        "all",
    );
    assert_eq!((fy.status, &*fy.period_label), (Status::Partial, "2022/23"));
    assert!(!r
        .figures
        .iter()
        .any(|f| f.period_type == PeriodType::Rolling12m));

    let r = compute(&b.build(), &settings("2023-03-31"), None);
    let fy = fig(
        &r,
        "throughput_children",
        PeriodType::FinancialYear,
        "2022-04-01",
        "all",
    );
    let roll = fig(
        &r,
        "throughput_children",
        PeriodType::Rolling12m,
        "2022-04-01",
        "all",
    );
    assert_eq!(
        (fy.period_start, fy.period_end),
        (roll.period_start, roll.period_end)
    );
    assert_eq!(&*fy.period_label, "2022/23");
    assert_eq!(&*roll.period_label, "Apr 2022 – Mar 2023");
    assert_eq!((fy.status, roll.status), (Status::Final, Status::Final));
    assert_eq!((fy.value, roll.value), (Some(2.0), Some(2.0)));
    let quarter = fig(
        &r,
        "throughput_children",
        PeriodType::Quarter,
        "2023-01-01",
        "all",
    );
    assert_eq!(&*quarter.period_label, "Jan–Mar 2023");
}

#[test]
fn partial_period_is_marked_and_later_rows_are_ignored_and_counted() {
    let mut b = Builder::new();
    b.on("a", "2023-01-10", Yro);
    b.on("a", "2023-05-10", Fine);
    b.row("a", "2023-05-20", "2023-06-02", Fine); // outcome after the extract date
    b.row("c", "2023-05-20", "2023-05-21", Fine); // offence after the extract date
    let r = compute(&b.build(), &settings("2023-05-15"), None);
    assert_eq!(r.checks.rows_after_extract_date, 2);
    assert!(r
        .quality
        .warnings
        .iter()
        .any(|w| w.reason.contains("after the extract date") && w.count == 2));
    assert!(r
        .notes
        .iter()
        .any(|n| n.contains("2 rows dated after the extract date")));
    let q2 = fig(
        &r,
        "throughput_offences",
        PeriodType::Quarter,
        "2023-04-01",
        "all",
    );
    assert_eq!((q2.status, q2.value), (Status::Partial, Some(1.0)));
    assert_eq!(
        fig(
            &r,
            "throughput_offences",
            PeriodType::Quarter,
            "2023-01-01",
            "all"
        )
        .status,
        Status::Final
    );
    // Reoffending in the partial quarter is provisional (tracking incomplete).
    assert_eq!(
        fig(
            &r,
            "reoffending_binary_rate",
            PeriodType::Quarter,
            "2023-04-01",
            "all"
        )
        .status,
        Status::Provisional
    );
    // Periods stop at the quarter containing the extract date.
    assert!(!r.figures.iter().any(|f| f.period_start > d("2023-05-15")));
}

#[test]
fn occasion_outcome_category_and_release() {
    let mut b = Builder::new();
    // One occasion on 10 Jan: a caution, a referral order (gravity 2, burglary) and a fine
    // (gravity 5, robbery) → outcome Referral Order, category Robbery; 3 offences.
    b.on("a", "2023-01-10", YouthCaution);
    b.on("a", "2023-01-10", ReferralOrder)
        .gravity(2)
        .cat("Burglary (domestic)");
    b.on("a", "2023-01-10", Fine).gravity(5).cat("Robbery");
    // Ties on gravity: the first in file gives the category.
    b.on("c", "2023-01-10", Fine)
        .gravity(4)
        .cat("Criminal damage");
    b.on("c", "2023-01-10", Fine).gravity(4).cat("Arson");
    // Two custodial rows on one date: release = the later of the two.
    b.on("e", "2022-12-01", Dto).release("2023-03-01");
    b.on("e", "2022-12-01", Section250).release("2023-05-01");
    let r = compute(&b.build(), &settings("2024-12-31"), None);
    let p = PeriodType::Quarter;
    let jan = "2023-01-01";
    assert_eq!(value(&r, "throughput_occasions", p, jan, "all"), Some(2.0));
    assert_eq!(value(&r, "throughput_offences", p, jan, "all"), Some(5.0));
    assert_eq!(
        value(
            &r,
            "throughput_occasions",
            p,
            jan,
            "outcome_type=Referral Order"
        ),
        Some(1.0)
    );
    assert_eq!(
        value(
            &r,
            "throughput_occasions",
            p,
            jan,
            "outcome_type=Youth Caution"
        ),
        Some(0.0)
    );
    assert_eq!(
        value(
            &r,
            "throughput_offences",
            p,
            jan,
            "outcome_type=Youth Caution"
        ),
        Some(1.0)
    );
    assert_eq!(
        value(
            &r,
            "throughput_occasions",
            p,
            jan,
            "offence_category=Robbery"
        ),
        Some(1.0)
    );
    assert_eq!(
        value(
            &r,
            "throughput_occasions",
            p,
            jan,
            "offence_category=Criminal damage"
        ),
        Some(1.0)
    );
    assert_eq!(
        value(&r, "throughput_occasions", p, jan, "offence_category=Arson"),
        Some(0.0)
    );
    assert_eq!(
        value(&r, "throughput_occasions", p, jan, "gravity_band=5-8"),
        Some(1.0)
    );
    assert_eq!(
        value(&r, "throughput_offences", p, jan, "gravity_band=1-3"),
        Some(2.0)
    );
    // e indexes at the later release (1 May → Apr–Jun), as the more severe Section 250.
    assert_eq!(q(&r, "reoffending_cohort", "2023-04-01"), Some(1.0));
    assert_eq!(
        value(
            &r,
            "reoffending_cohort",
            p,
            "2023-04-01",
            "outcome_type=Section 250"
        ),
        Some(1.0)
    );
}

#[test]
fn conflicting_ethnicity_latest_known_wins() {
    let mut b = Builder::new();
    b.on("a", "2023-01-10", Fine).eth(White).sex(Sex::Female);
    b.on("a", "2023-02-10", Fine).eth(Black);
    b.on("a", "2023-03-10", Fine); // unknown ethnicity: not a known value
                                   // Same date: the last row in the file wins.
    b.on("c", "2023-01-10", Fine).eth(Black);
    b.on("c", "2023-01-10", Fine).eth(White);
    let r = compute(&b.build(), &settings("2023-03-31"), None);
    let p = PeriodType::Quarter;
    let st = |g: &str| {
        fig_stage(
            &r,
            "disp_count",
            "throughput",
            p,
            "2023-01-01",
            &format!("ethnicity={g}"),
        )
        .value
    };
    assert_eq!(st("Black"), Some(1.0)); // a
    assert_eq!(st("White"), Some(1.0)); // c
    assert_eq!(st("Unknown"), Some(0.0));
    let eth = r
        .checks
        .conflicting
        .iter()
        .find(|c| c.attribute == "ethnicity")
        .unwrap();
    assert_eq!(eth.children, 2);
    assert!(r
        .notes
        .iter()
        .any(|n| n.contains("Conflicting ethnicity on 2")));
    // a's sex is known from one row only: Female, no conflict.
    assert!(!r.checks.conflicting.iter().any(|c| c.attribute == "sex"));
}

#[test]
fn throughput_by_age_and_sex_and_serious_violence() {
    let mut b = Builder::new();
    // 15-year-old boy, robbery gravity 6 with a YRO: serious violence.
    b.on("a", "2023-01-10", Yro)
        .cat("Robbery")
        .gravity(6)
        .sex(Sex::Male)
        .dob("2007-06-01");
    // Same with a triage: diversion, not substantive → not serious violence.
    b.on("c", "2023-01-10", Triage)
        .cat("Robbery")
        .gravity(6)
        .sex(Sex::Male)
        .dob("2007-06-01");
    // 18-year-old: in throughput as 18+, not in serious violence.
    b.on("e", "2023-01-10", Yro)
        .cat("Violence against the person")
        .gravity(5)
        .sex(Sex::Female)
        .dob("2004-01-01");
    // 9-year-old: "under 10".
    b.on("g", "2023-01-10", Fine)
        .sex(Sex::Female)
        .dob("2013-06-01");
    let pop = read_population(b"population\n10000\n").unwrap();
    let r = compute(&b.build(), &settings("2023-03-31"), Some(&pop));
    let cell = |age: &str, sex: &str| {
        r.figures
            .iter()
            .find(|f| {
                f.measure == "throughput_children"
                    && f.period_type == PeriodType::Quarter
                    && f.group == age
                    && f.group2 == sex
                    && f.breakdown2 == Some(yjlens_core::catalogue::Breakdown::Sex)
            })
            .unwrap()
            .value
    };
    assert_eq!(cell("15", "Male"), Some(2.0));
    assert_eq!(cell("18+", "Female"), Some(1.0));
    assert_eq!(cell("under 10", "Female"), Some(1.0));
    assert_eq!(cell("Unknown", "Unknown"), Some(0.0));
    assert_eq!(q(&r, "serious_violence_count", "2023-01-01"), Some(1.0));
    // 1 / 10,000 × 100,000 = 10 per 100,000.
    assert_eq!(q(&r, "serious_violence_rate", "2023-01-01"), Some(10.0));
    // The under-10 and the 18-year-old are in no youth measure.
    assert_eq!(q(&r, "fte_count", "2023-01-01"), Some(1.0));
    assert_eq!(r.checks.children_outside_10_17, 2);
}

/// Serious violence counts rows, not occasions, and the offences count every row: an
/// occasion of three rows (one outcome date) counts each of its rows, whichever is the
/// occasion's own (highest-gravity) row. Issue 15: one-row occasions are counted without
/// reading their row, so both kinds are checked here.
#[test]
fn serious_violence_and_offences_count_each_row_of_an_occasion() {
    let mut b = Builder::new();
    // One row: a 15-year-old's robbery of gravity 6 with a YRO: 1 serious violence row.
    b.on("a", "2023-01-10", Yro)
        .cat("Robbery")
        .gravity(6)
        .dob("2007-06-01");
    // One occasion of three rows: two serious violence rows (robbery 6 and violence against
    // the person 5, both YROs) and a theft of gravity 2.
    b.on("h", "2023-02-14", Yro)
        .cat("Theft and handling stolen goods")
        .gravity(2)
        .dob("2008-03-01");
    b.on("h", "2023-02-14", Yro)
        .cat("Violence against the person")
        .gravity(5)
        .dob("2008-03-01");
    b.on("h", "2023-02-14", Yro)
        .cat("Robbery")
        .gravity(6)
        .dob("2008-03-01");
    let r = compute(&b.build(), &settings("2023-03-31"), None);
    // 1 (a) + 2 (h's robbery and violence) = 3 serious violence rows.
    assert_eq!(q(&r, "serious_violence_count", "2023-01-01"), Some(3.0));
    // Rows: 1 (a) + 3 (h) = 4 offences; occasions: a's and h's = 2; children 2.
    assert_eq!(q(&r, "throughput_offences", "2023-01-01"), Some(4.0));
    assert_eq!(q(&r, "throughput_occasions", "2023-01-01"), Some(2.0));
    assert_eq!(q(&r, "throughput_children", "2023-01-01"), Some(2.0));
}

#[test]
fn population_year_nearest_earlier_then_later_flagged() {
    let mut b = Builder::new();
    b.on("a", "2022-02-01", Yro);
    b.on("c", "2024-02-01", Yro);
    let pop = read_population(b"Year,Population\n2023,1000\n").unwrap();
    let r = compute(&b.build(), &settings("2024-03-31"), Some(&pop));
    // 2023 is used for 2022 (nearest later) and 2024 (nearest earlier), flagged.
    assert_eq!(q(&r, "fte_rate", "2022-01-01"), Some(100.0));
    let f = fig(&r, "fte_rate", PeriodType::Quarter, "2024-01-01", "all");
    assert_eq!(f.value, Some(100.0));
    assert!(
        f.definition.contains("Population year 2023 used"),
        "{}",
        f.definition
    );
    assert!(r.notes.iter().any(|n| n.contains("no figures for 2022")));
    assert!(r.notes.iter().any(|n| n.contains("no figures for 2024")));
    assert!(
        !fig(&r, "fte_rate", PeriodType::Quarter, "2023-01-01", "all")
            .definition
            .contains("Population year")
    );
}

#[test]
fn every_breakdown_emits_every_group_for_every_period() {
    let mut b = Builder::new();
    b.on("a", "2023-01-10", Yro).lac(true).service("North");
    b.on("c", "2023-05-10", Fine)
        .eth_detail(Black, "Black: Caribbean");
    let r = compute(&b.build(), &settings("2023-06-30"), None);
    let periods: std::collections::BTreeSet<_> = r
        .figures
        .iter()
        .map(|f| (f.period_type, f.period_start))
        .collect();
    assert_eq!(periods.len(), 3); // 2 quarters + FY 2023/24 (partial); no rolling window yet
    let groups_of = |measure: &str, breakdown: &str| {
        let mut per_period = std::collections::BTreeMap::new();
        for f in r
            .figures
            .iter()
            .filter(|f| f.measure == measure && f.breakdown == breakdown)
        {
            per_period
                .entry((f.period_type, f.period_start))
                .or_insert_with(Vec::new)
                .push(f.group.clone());
        }
        per_period
    };
    let eth = groups_of("reoffending_cohort", "ethnicity");
    assert_eq!(eth.len(), 3);
    for g in eth.values() {
        assert_eq!(g, &["White", "Black", "Asian", "Mixed", "Other", "Unknown"]);
    }
    for g in groups_of("custody_sentences", "sex").values() {
        assert_eq!(g, &["Male", "Female", "Unknown"]);
    }
    for g in groups_of("fte_count", "age_band").values() {
        assert_eq!(g, &["10-14", "15-17", "Unknown"]);
    }
    for g in groups_of("reoffending_cohort", "previous_occasions").values() {
        assert_eq!(g, &["0", "1-2", "3-6", "7-10", "11+"]);
    }
    for g in groups_of("reoffending_cohort", "looked_after").values() {
        assert_eq!(g, &["Yes", "No", "Unknown"]);
    }
    for g in groups_of("reoffending_cohort", "service").values() {
        assert_eq!(g, &["North", "Not recorded"]);
    }
    for g in groups_of("reoffending_cohort", "ethnicity_detail").values() {
        assert_eq!(g, &["Black: Caribbean", "Not given"]);
    }
    for g in groups_of("throughput_offences", "gravity_band").values() {
        assert_eq!(g, &["1-3", "4", "5-8", "Not recorded"]);
    }
    for g in groups_of("reoffending_cohort", "offence_category").values() {
        assert_eq!(g.len(), 20); // the YJB groups (no free text in this extract)
    }
    for g in groups_of("reoffending_cohort", "outcome_tier").values() {
        assert_eq!(g, &["pre_court", "first_tier", "community", "custody"]);
    }
    for g in groups_of("throughput_occasions", "outcome_tier").values() {
        assert_eq!(
            g,
            &[
                "diversion",
                "pre_court",
                "first_tier",
                "community",
                "custody"
            ]
        );
    }
    let months = groups_of("reoffending_time_to_first", "month");
    assert!(months.values().all(|g| g.len() == 12));
    // The LAC child in Jan–Mar: Yes = 1; nobody in Apr–Jun.
    assert_eq!(
        value(
            &r,
            "reoffending_cohort",
            PeriodType::Quarter,
            "2023-01-01",
            "looked_after=Yes"
        ),
        Some(1.0)
    );
    assert_eq!(
        value(
            &r,
            "reoffending_cohort",
            PeriodType::Quarter,
            "2023-04-01",
            "looked_after=Yes"
        ),
        Some(0.0)
    );
}
