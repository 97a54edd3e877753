//! First-time entrants, custody and remand, each figure worked out by hand.

mod common_measures;

use common_measures::*;
use yjlens_core::codes::Outcome::*;
use yjlens_core::measures::stats::round_ratio;
use yjlens_core::measures::{compute, read_population};
use yjlens_core::report::{CustodyUnit, PeriodType, Report, Settings, Status};

fn settings(extract_date: &str) -> Settings {
    Settings {
        extract_date: Some(d(extract_date)),
        ..Settings::default()
    }
}

#[test]
fn fte_is_the_first_substantive_occasion_not_a_diversion() {
    let mut b = Builder::new();
    // a: triage in May 2022 (diversion, not an entry), caution Feb 2023 → FTE Jan–Mar 2023.
    b.on("a", "2022-05-10", Triage);
    b.on("a", "2023-02-01", YouthCaution);
    // c: caution Jun 2022 → FTE Apr–Jun 2022; the Referral Order in 2023 is not an entry.
    b.on("c", "2022-06-01", YouthCaution);
    b.on("c", "2023-02-01", ReferralOrder);
    // e: first substantive occasion at 18 → never an FTE.
    b.on("e", "2023-02-01", Fine).dob("2004-12-31");
    let pop = read_population(b"population\n2000\n").unwrap();
    let r = compute(&b.build(), &settings("2023-03-31"), Some(&pop));
    assert_eq!(q(&r, "fte_count", "2023-01-01"), Some(1.0));
    assert_eq!(q(&r, "fte_count", "2022-04-01"), Some(1.0));
    // Rate: 1 / 2,000 × 100,000 = 50 per 100,000 (per quarter, not annualised).
    let rate = fig(&r, "fte_rate", PeriodType::Quarter, "2023-01-01", "all");
    assert_eq!(rate.value, Some(50.0));
    assert_eq!(rate.unit, "per 100,000 aged 10-17");
    // History: the extract starts 10 May 2022 → 7 whole months before Jan 2023: warned.
    assert!(
        rate.definition.contains("only 7 months of history"),
        "{}",
        rate.definition
    );
    assert!(r
        .notes
        .iter()
        .any(|n| n.contains("under 24 months of history")));
    // FTE by sex: unknown sex → all three groups present, Unknown = 1.
    assert_eq!(
        value(
            &r,
            "fte_count",
            PeriodType::Quarter,
            "2023-01-01",
            "sex=Unknown"
        ),
        Some(1.0)
    );
    assert_eq!(
        value(
            &r,
            "fte_count",
            PeriodType::Quarter,
            "2023-01-01",
            "sex=Male"
        ),
        Some(0.0)
    );
    // No rate for the Unknown sex group (no population for it): empty, never 0.
    assert_eq!(
        value(
            &r,
            "fte_rate",
            PeriodType::Quarter,
            "2023-01-01",
            "sex=Unknown"
        ),
        None
    );
}

fn harrow_custody() -> Builder {
    // Jan–Dec 2022: 5 custodial sentences (3 DTO, 2 Section 250) to 4 children, and 15 other
    // court occasions (fines) → 20 court occasions.
    let mut b = Builder::new();
    b.on("a", "2022-02-01", Dto).release("2022-06-01");
    b.on("a", "2022-09-01", Dto).release("2022-12-01");
    b.on("b", "2022-04-01", Dto);
    b.on("c", "2022-07-01", Section250);
    b.on("e", "2022-11-01", Section250);
    for i in 0..15 {
        b.on(&format!("f{i}"), "2022-03-15", Fine);
    }
    b
}

fn custody_report(unit: CustodyUnit) -> Report {
    let pop = read_population(b"year,population\n2021,25000\n2022,26316\n").unwrap();
    let mut s = settings("2022-12-31");
    s.custody_unit = unit;
    compute(&harrow_custody().build(), &s, Some(&pop))
}

#[test]
fn harrow_custody_rate_per_1000() {
    let r = custody_report(CustodyUnit::Per1000);
    let p = PeriodType::Rolling12m;
    let start = "2022-01-01";
    assert_eq!(value(&r, "custody_sentences", p, start, "all"), Some(5.0));
    assert_eq!(value(&r, "custody_children", p, start, "all"), Some(4.0));
    // 5 / 26,316 × 1,000 = 0.18999… → displayed 0.19 per 1,000.
    let f = fig(&r, "custody_rate", p, start, "all");
    assert!((f.value.unwrap() - 5.0 / 26_316.0 * 1000.0).abs() < 1e-12);
    assert_eq!((f.numerator, f.denominator), (Some(5.0), Some(26_316.0)));
    assert_eq!(f.unit, "per 1,000 aged 10-17");
    assert_eq!(round_ratio(5, 26_316, 1000, 2).as_deref(), Some("0.19"));
    // Share of court: 5 / 20 = 25%.
    assert_eq!(
        value(&r, "custody_share_of_court", p, start, "all"),
        Some(25.0)
    );
    // By sentence type: 3 DTO, 2 Section 250, 0 other long-term detention.
    assert_eq!(
        value(
            &r,
            "custody_sentences",
            p,
            start,
            "sentence_type=Detention and Training Order"
        ),
        Some(3.0)
    );
    assert_eq!(
        value(
            &r,
            "custody_sentences",
            p,
            start,
            "sentence_type=Section 250"
        ),
        Some(2.0)
    );
    assert_eq!(
        value(
            &r,
            "custody_sentences",
            p,
            start,
            "sentence_type=Other long-term detention"
        ),
        Some(0.0)
    );
    assert_eq!(
        value(
            &r,
            "custody_share_of_court",
            p,
            start,
            "sentence_type=Section 250"
        ),
        Some(10.0)
    );
    // Financial year 2022/23 contains the extract date and does not end on it: partial.
    assert_eq!(
        fig(
            &r,
            "custody_sentences",
            PeriodType::FinancialYear,
            "2022-04-01",
            "all"
        )
        .status,
        Status::Partial
    );
    assert_eq!(
        fig(
            &r,
            "custody_sentences",
            PeriodType::Quarter,
            "2022-10-01",
            "all"
        )
        .status,
        Status::Final
    );
}

#[test]
fn custody_rate_per_100000_when_switched() {
    let r = custody_report(CustodyUnit::Per100000);
    let f = fig(
        &r,
        "custody_rate",
        PeriodType::Rolling12m,
        "2022-01-01",
        "all",
    );
    // 5 / 26,316 × 100,000 = 18.9998…
    assert!((f.value.unwrap() - 18.999_848).abs() < 1e-5);
    assert_eq!(f.unit, "per 100,000 aged 10-17");
    assert_eq!(round_ratio(5, 26_316, 100_000, 0).as_deref(), Some("19"));
}

#[test]
fn remand_bed_nights_clipped_to_periods_with_open_episodes_flagged() {
    let mut b = Builder::new();
    // Closed: 20 Mar – 10 Apr 2023 → nights 20 Mar … 9 Apr: 12 in Jan–Mar, 9 in Apr–Jun.
    b.on("r1", "2023-03-20", RemandYda).end("2023-04-10");
    b.on("r1", "2023-04-10", Dto).release("2023-06-01"); // next occasion: custody
                                                         // Open: from 25 Jun 2023, extract date 5 Jul 2023 → 25–30 Jun: 6 nights in Apr–Jun;
                                                         // 1–4 Jul: 4 nights in Jul–Sep (nothing after the extract date has happened).
    b.on("r2", "2023-06-25", RemandYda);
    // A remand to local authority accommodation: its own count, no bed nights.
    b.on("r3", "2023-05-01", RemandLaa).end("2023-05-20");
    let r = compute(&b.build(), &settings("2023-07-05"), None);
    assert_eq!(q(&r, "remand_bed_nights", "2023-01-01"), Some(12.0));
    assert_eq!(q(&r, "remand_bed_nights", "2023-04-01"), Some(15.0));
    assert_eq!(q(&r, "remand_bed_nights", "2023-07-01"), Some(4.0));
    let q2 = fig(
        &r,
        "remand_bed_nights",
        PeriodType::Quarter,
        "2023-04-01",
        "all",
    );
    assert!(
        q2.definition.contains("1 open episode"),
        "{}",
        q2.definition
    );
    assert!(!fig(
        &r,
        "remand_bed_nights",
        PeriodType::Quarter,
        "2023-01-01",
        "all"
    )
    .definition
    .contains("open episode("));
    assert_eq!(r.checks.open_remand_episodes, 1);
    // Financial year 2023/24 (partial): 9 + 6 + 4 = 19.
    assert_eq!(
        value(
            &r,
            "remand_bed_nights",
            PeriodType::FinancialYear,
            "2023-04-01",
            "all"
        ),
        Some(19.0)
    );
    assert_eq!(q(&r, "remand_episodes", "2023-01-01"), Some(1.0));
    assert_eq!(q(&r, "remand_la_episodes", "2023-04-01"), Some(1.0));
    assert_eq!(q(&r, "remand_episodes", "2023-04-01"), Some(1.0));
    // r1's next occasion after the remand start is custodial: 1 of 1 = 100%.
    assert_eq!(q(&r, "remand_outcome_custody", "2023-01-01"), Some(100.0));
    // r2 has no next occasion: no denominator → empty.
    assert_eq!(q(&r, "remand_outcome_custody", "2023-04-01"), None);
    // Remands are never occasions or offences.
    assert_eq!(q(&r, "throughput_offences", "2023-01-01"), Some(0.0));
}
