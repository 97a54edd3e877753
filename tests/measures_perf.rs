//! Size and speed on a national-scale extract: `cargo test --release --test measures_perf
//! -- --ignored --nocapture` prints the compute time, the figure count and the JSON size.

use std::time::Instant;

use chrono::{Duration, NaiveDate};
use yjlens::codes::{EthnicGroup, Ethnicity, OffenceCategory, Outcome, Sex};
use yjlens::extract::{Birth, CaseRow, Extract};
use yjlens::measures::compute;
use yjlens::report::Settings;

/// A deterministic pseudo-random extract of `rows` rows over `years` years.
pub fn big_extract(rows: usize, years: i64) -> Extract {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let base = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap();
    let days = years * 365;
    let children = rows / 5;
    let mut categories: Vec<OffenceCategory> = yjlens::codes::offence::YJB_GROUPS
        .iter()
        .map(|g| OffenceCategory::classify(g))
        .collect();
    categories.push(OffenceCategory::classify("Shoplifting (free text)"));
    let occasion: Vec<Outcome> = Outcome::ALL
        .into_iter()
        .filter(|o| o.forms_occasion() || matches!(o, Outcome::RemandYda | Outcome::RemandLaa))
        .collect();
    let mut out = Vec::with_capacity(rows);
    for i in 0..rows {
        let child = (next() % children as u64) as u32;
        let outcome_date = base + Duration::days((next() % days as u64) as i64);
        let offence_date = outcome_date - Duration::days((next() % 90) as i64);
        let outcome = occasion[(next() % occasion.len() as u64) as usize];
        let dob = base - Duration::days(3650 + (u64::from(child) * 7919 % 3000) as i64);
        out.push(CaseRow {
            line: i as u32 + 2,
            child,
            offence_date,
            outcome_date,
            outcome,
            birth: Birth::Date(dob),
            sex: Sex::ALL[(child % 3) as usize],
            ethnicity: Ethnicity {
                group: EthnicGroup::ALL[(child % 6) as usize],
                detail: 0,
            },
            category: (next() % categories.len() as u64) as u32,
            gravity: Some((next() % 8 + 1) as u8),
            release_date: (outcome.tier() == yjlens::codes::Tier::Custody)
                .then(|| outcome_date + Duration::days((next() % 300) as i64)),
            end_date: (outcome == Outcome::RemandYda && next() % 4 != 0)
                .then(|| outcome_date + Duration::days((next() % 60) as i64)),
            looked_after: Some(child.is_multiple_of(5)),
            service: child % 4,
        });
    }
    Extract {
        rows: out,
        child_ids: (0..children).map(|c| format!("C{c}")).collect(),
        categories,
        services: vec![String::new(), "North".into(), "South".into(), "East".into()],
        ethnic_details: vec![String::new()],
        ..Extract::default()
    }
}

#[test]
#[ignore]
fn national_scale_extract() {
    for (rows, years) in [(1_000_000, 5), (1_000_000, 10)] {
        let extract = big_extract(rows, years);
        let t = Instant::now();
        let report = compute(&extract, &Settings::default(), None);
        let elapsed = t.elapsed();
        let t = Instant::now();
        let json = serde_json::to_string(&report).unwrap();
        let json_time = t.elapsed();
        let mut by_family: std::collections::BTreeMap<&str, usize> = Default::default();
        for f in &report.figures {
            let family = f.measure.split('_').next().unwrap();
            *by_family.entry(family).or_default() += 1;
        }
        println!(
            "{rows} rows over {years} years: compute {elapsed:?}; {} figures; JSON {:.1} MB (serialised in {json_time:?}); by family {by_family:?}",
            report.figures.len(),
            json.len() as f64 / 1e6
        );
    }
}

#[test]
fn moderate_extract_computes() {
    // A smoke test at 20,000 rows in the ordinary (debug) test run.
    let extract = big_extract(20_000, 3);
    let report = compute(&extract, &Settings::default(), None);
    assert!(!report.figures.is_empty());
    assert!(report
        .figures
        .iter()
        .any(|f| f.measure == "reoffending_binary_rate" && f.value.is_some()));
}

#[test]
#[ignore]
fn stage_timings() {
    use yjlens::measures::*;
    let extract = big_extract(1_000_000, 5);
    let settings = Settings::default();
    let t = Instant::now();
    let ed = prepare::extract_date(&extract, None);
    let prep = prepare::prepare(&extract, ed, true);
    println!("prepare {:?}", t.elapsed());
    let periods = periods::Periods::new(prep.first_date, ed);
    let mut ctx = emit::Ctx::new(&extract, &settings, &prep, &periods, None);
    let t = Instant::now();
    let cohorts = reoffending::cohorts(&ctx);
    println!("cohorts {:?}", t.elapsed());
    let t = Instant::now();
    reoffending::emit(&mut ctx, &cohorts);
    println!("reoffending emit {:?}", t.elapsed());
    let t = Instant::now();
    let entrants = fte::entrants(&ctx);
    fte::emit(&mut ctx, &entrants);
    println!("fte {:?}", t.elapsed());
    let t = Instant::now();
    custody::emit(&mut ctx);
    println!("custody {:?}", t.elapsed());
    let t = Instant::now();
    let stages = disproportionality::stage_counts(&ctx, &entrants, &cohorts);
    println!("stage counts {:?}", t.elapsed());
    let t = Instant::now();
    disproportionality::emit(&mut ctx, &stages);
    println!("disp emit {:?}", t.elapsed());
    let t = Instant::now();
    throughput::emit(&mut ctx);
    println!("throughput {:?}", t.elapsed());
}
