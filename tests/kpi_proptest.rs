//! Randomised consistency of the KPIs: in every period and cell, a numerator never exceeds its
//! denominator; for the KPIs over every child ending (1, 2, SEND, the first cascade steps, 8),
//! `not_recorded` + denominator = the children whose interventions ended in the period,
//! counted here independently; and the intervention groups sum to the whole.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use yjlens_core::catalogue::{Breakdown, Measure};
use yjlens_core::extract::interventions::read_interventions;
use yjlens_core::extract::{Extract, ReadOptions};
use yjlens_core::measures::{compute_with, Inputs};
use yjlens_core::report::Settings;

const TYPES: [&str; 6] = [
    "YRO",
    "Youth caution",
    "Turnaround",
    "DTO",
    "Referral order",
    "Fine",
];
const YN: [&str; 6] = ["Y", "N", "", "Not known", "yes", "perhaps"];

#[derive(Clone, Debug)]
struct Row {
    child: u8,
    kind: usize,
    start: u16,
    length: Option<u16>,
    statuses: [usize; 14],
    reason: usize,
    victims: Option<(u8, u8)>,
}

fn row() -> impl Strategy<Value = Row> {
    (
        0u8..12,
        0usize..TYPES.len(),
        0u16..700,
        proptest::option::of(0u16..300),
        proptest::array::uniform14(0usize..YN.len()),
        0usize..4,
        proptest::option::of((0u8..5, 0u8..5)),
    )
        .prop_map(
            |(child, kind, start, length, statuses, reason, victims)| Row {
                child,
                kind,
                start,
                length,
                statuses,
                reason,
                // Any pair: more engaged than consented is blanked by the reader.
                victims,
            },
        )
}

fn day(n: u16) -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 1, 1).unwrap() + Duration::days(i64::from(n))
}

fn csv(rows: &[Row]) -> String {
    let mut s = String::from(
        "child_id,intervention_type,start_date,end_date,end_reason,accommodation_suitable,ete_suitable,send_need,learning_plan,mh_need,mh_offered,mh_attended,sm_need,sm_offered,sm_attended,early_help,child_in_need,child_protection,looked_after,victims_consented,victims_engaged\n",
    );
    for r in rows {
        let end = r
            .length
            .map(|l| day(r.start + l).to_string())
            .unwrap_or_default();
        let statuses: Vec<&str> = r.statuses.iter().map(|&k| YN[k]).collect();
        let (c, e) = r
            .victims
            .map(|(c, e)| (c.to_string(), e.to_string()))
            .unwrap_or_default();
        s.push_str(&format!(
            "K{},{},{},{},{},{},{},{}\n",
            r.child,
            TYPES[r.kind],
            day(r.start),
            end,
            ["completed", "breached", "", "revoked"][r.reason],
            statuses.join(","),
            c,
            e,
        ));
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn numerators_within_denominators_and_every_child_counted_once(
        rows in proptest::collection::vec(row(), 1..40)
    ) {
        let extract_date = day(650);
        let options = ReadOptions { today: Some(day(1200)), ..ReadOptions::default() };
        let interventions = read_interventions(csv(&rows).as_bytes(), &options).unwrap();
        let settings = Settings { extract_date: Some(extract_date), ..Settings::default() };
        let report = compute_with(&Inputs {
            extract: &Extract::default(),
            settings: &settings,
            population: None,
            interventions: Some(&interventions),
            board: None,
        });
        for f in report.figures.iter().filter(|f| f.measure.family() == yjlens_core::catalogue::Family::Kpi) {
            if let (Some(n), Some(d)) = (f.numerator, f.denominator) {
                prop_assert!(n <= d, "{} {} {} {}: {n} > {d}", f.measure, f.period_label, f.breakdown, f.group);
            }
        }
        let whole = [
            Measure::Kpi1AccommodationSuitable,
            Measure::Kpi2EteSuitable,
            Measure::Kpi3SendIdentified,
            Measure::Kpi4MhNeed,
            Measure::Kpi5SmNeed,
            Measure::Kpi8WiderServices,
        ];
        for f in report.figures.iter().filter(|f| whole.contains(&f.measure) && f.breakdown == Breakdown::All) {
            // Children with a known-type intervention ending in the period, by the extract date.
            let to = f.period_end.min(extract_date);
            let ending: HashSet<u8> = rows
                .iter()
                .filter(|r| TYPES[r.kind] != "Fine")
                .filter(|r| r.length.is_some_and(|l| {
                    let e = day(r.start + l);
                    f.period_start <= e && e <= to
                }))
                .map(|r| r.child)
                .collect();
            let nr = report
                .figures
                .iter()
                .find(|g| Some(g.measure) == f.measure.not_recorded()
                    && g.period_type == f.period_type
                    && g.period_start == f.period_start
                    && g.breakdown == Breakdown::All)
                .unwrap();
            prop_assert_eq!(
                nr.value.unwrap() + f.denominator.unwrap(),
                ending.len() as f64,
                "{} {}", f.measure, f.period_label
            );
            // Each child's latest-ending intervention (ties: the later row), found here by hand:
            // the cascade steps count exactly the children the previous step said Y for.
            if f.measure == Measure::Kpi4MhNeed {
                let mut latest: std::collections::HashMap<u8, (NaiveDate, usize)> = Default::default();
                for (i, r) in rows.iter().enumerate() {
                    let Some(l) = r.length else { continue };
                    let e = day(r.start + l);
                    if TYPES[r.kind] == "Fine" || e < f.period_start || e > to {
                        continue;
                    }
                    let best = latest.entry(r.child).or_insert((e, i));
                    if (e, i) >= *best {
                        *best = (e, i);
                    }
                }
                let yes = |k: usize| matches!(YN[k], "Y" | "yes");
                // mh_need, mh_offered are statuses 4 and 5 (after accommodation, ETE, SEND, plan).
                let need_yes = latest.values().filter(|(_, i)| yes(rows[*i].statuses[4])).count();
                let offered = report
                    .figures
                    .iter()
                    .filter(|g| g.period_type == f.period_type
                        && g.period_start == f.period_start
                        && g.breakdown == Breakdown::All
                        && matches!(g.measure, Measure::Kpi4MhOffered | Measure::Kpi4MhOfferedNotRecorded))
                    .map(|g| if g.measure == Measure::Kpi4MhOffered { g.denominator.unwrap() } else { g.value.unwrap() })
                    .sum::<f64>();
                prop_assert_eq!(offered, need_yes as f64, "{}", f.period_label);
            }
            // The intervention groups partition the children.
            let groups: f64 = report
                .figures
                .iter()
                .filter(|g| g.measure == f.measure
                    && g.period_type == f.period_type
                    && g.period_start == f.period_start
                    && g.breakdown == Breakdown::InterventionGroup)
                .map(|g| g.denominator.unwrap())
                .sum();
            prop_assert_eq!(groups, f.denominator.unwrap());
        }
    }
}
