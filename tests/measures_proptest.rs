//! Randomised consistency: for every count measure, the groups of each partitioning
//! breakdown (ethnicity, ethnicity detail, sex, age band, looked-after, service) sum to the
//! total, in every period; and disproportionality stage counts agree with their measures.

mod common_measures;

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use yjlens_core::codes::{EthnicGroup, Outcome, Sex};
use yjlens_core::measures::compute;
use yjlens_core::report::{CohortMethod, PeriodType, Settings};

use common_measures::Builder;

#[derive(Clone, Debug)]
struct RowSpec {
    child: u8,
    day: u16,
    lag: u8,
    outcome: u8,
    eth: u8,
    detail: bool,
    sex: u8,
    lac: u8,
    service: u8,
    birth: u16,
    release: Option<u16>,
    end: Option<u16>,
    category: u8,
    gravity: u8,
}

fn row_spec() -> impl Strategy<Value = RowSpec> {
    (
        (
            0u8..30,
            0u16..1100,
            0u8..60,
            0u8..25,
            0u8..6,
            any::<bool>(),
            0u8..3,
        ),
        (
            0u8..3,
            0u8..3,
            0u16..5000,
            proptest::option::of(1u16..400),
            proptest::option::of(0u16..200),
            0u8..5,
            0u8..9,
        ),
    )
        .prop_map(
            |(
                (child, day, lag, outcome, eth, detail, sex),
                (lac, service, birth, release, end, category, gravity),
            )| RowSpec {
                child,
                day,
                lag,
                outcome,
                eth,
                detail,
                sex,
                lac,
                service,
                birth,
                release,
                end,
                category,
                gravity,
            },
        )
}

fn build(rows: &[RowSpec]) -> Builder {
    let base = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
    let fmt = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let cats = [
        "Robbery",
        "Breach of statutory order",
        "Criminal damage",
        "Shoplifting at the shop",
        "Drugs offences",
    ];
    let mut b = Builder::new();
    for r in rows {
        let outcome_date = base + Duration::days(i64::from(r.day));
        let offence_date = outcome_date - Duration::days(i64::from(r.lag));
        let outcome = Outcome::ALL[r.outcome as usize];
        let mut rb = b
            .row(
                &format!("c{}", r.child),
                &fmt(offence_date),
                &fmt(outcome_date),
                outcome,
            )
            .sex(Sex::ALL[r.sex as usize])
            .cat(cats[r.category as usize]);
        let g = EthnicGroup::ALL[r.eth as usize];
        rb = if r.detail {
            rb.eth_detail(g, &format!("{}: detail", g.label()))
        } else {
            rb.eth(g)
        };
        rb = match r.lac {
            0 => rb.lac(true),
            1 => rb.lac(false),
            _ => rb,
        };
        if r.service > 0 {
            rb = rb.service(if r.service == 1 { "North" } else { "South" });
        }
        rb = if r.birth < 4000 {
            rb.dob(&fmt(
                NaiveDate::from_ymd_opt(2003, 1, 1).unwrap() + Duration::days(i64::from(r.birth))
            ))
        } else if r.birth < 4500 {
            rb.age((r.birth % 10 + 9) as u8)
        } else {
            rb.no_age()
        };
        if r.gravity > 0 {
            rb = rb.gravity(r.gravity);
        }
        if let Some(rel) = r.release {
            rb = rb.release(&fmt(outcome_date + Duration::days(i64::from(rel))));
        }
        if let Some(e) = r.end {
            rb.end(&fmt(outcome_date + Duration::days(i64::from(e))));
        }
    }
    b
}

const COUNTS: [&str; 13] = [
    "reoffending_cohort",
    "reoffending_reoffenders",
    "reoffending_reoffences",
    "fte_count",
    "custody_sentences",
    "custody_children",
    "remand_episodes",
    "remand_children",
    "remand_bed_nights",
    "remand_la_episodes",
    "throughput_children",
    "throughput_occasions",
    "throughput_offences",
];
const PARTITIONS: [&str; 6] = [
    "ethnicity",
    "ethnicity_detail",
    "sex",
    "age_band",
    "looked_after",
    "service",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn partitioning_breakdowns_sum_to_the_total(
        rows in proptest::collection::vec(row_spec(), 1..120),
        breaches in any::<bool>(),
        legacy in any::<bool>(),
        extract_day in proptest::option::of(300u16..1200),
    ) {
        let b = build(&rows);
        let settings = Settings {
            extract_date: extract_day.map(|d| NaiveDate::from_ymd_opt(2021, 1, 1).unwrap() + Duration::days(i64::from(d))),
            exclude_breaches: breaches,
            cohort_method: if legacy { CohortMethod::Legacy } else { CohortMethod::Pooled },
            ..Settings::default()
        };
        let r = compute(&b.build(), &settings, None);
        let mut total: HashMap<(&str, PeriodType, NaiveDate), f64> = HashMap::new();
        let mut sums: HashMap<(&str, &str, PeriodType, NaiveDate), f64> = HashMap::new();
        for f in &r.figures {
            let Some(m) = COUNTS.iter().find(|m| f.measure == **m) else { continue };
            let v = f.value.expect("counts always have a value");
            if f.breakdown == "all" {
                total.insert((m, f.period_type, f.period_start), v);
            } else if let Some(b) = PARTITIONS.iter().find(|b| f.breakdown == **b) {
                *sums.entry((m, b, f.period_type, f.period_start)).or_default() += v;
            }
        }
        prop_assert!(!total.is_empty() || r.figures.is_empty());
        for ((m, b, t, s), v) in &sums {
            let tot = total[&(*m, *t, *s)];
            prop_assert_eq!(*v, tot, "{} by {} in {:?} {}", m, b, t, s);
        }
        // Stage counts agree with the matching measures.
        let mut stage: HashMap<(&str, PeriodType, NaiveDate), f64> = HashMap::new();
        for f in r.figures.iter().filter(|f| f.measure == "disp_count") {
            *stage.entry((f.stage.stage().map_or("", |s| s.id()), f.period_type, f.period_start)).or_default() += f.value.unwrap();
        }
        for (st, m) in [("custody", "custody_children"), ("first_time_entrants", "fte_count"), ("remand", "remand_children")] {
            for ((s, t, d), v) in &stage {
                if *s == st {
                    prop_assert_eq!(*v, total[&(m, *t, *d)], "{} vs {}", st, m);
                }
            }
        }
        for ((s, t, d), v) in &stage {
            if *s == "reoffending_cohort" && *t == PeriodType::Quarter {
                prop_assert_eq!(*v, total[&("reoffending_cohort", *t, *d)]);
            }
        }
        // Ratios never carry a value without a positive denominator.
        for f in &r.figures {
            if f.value.is_some() && f.denominator.is_some() && f.measure != "reoffending_distribution" {
                prop_assert!(f.denominator.unwrap() > 0.0, "{:?}", f);
            }
            if let Some(v) = f.value {
                prop_assert!(v.is_finite());
            }
        }
    }
}
