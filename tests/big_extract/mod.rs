//! A deterministic pseudo-random extract at national scale, built in memory (no CSV): shared by
//! the measures' smoke test and `benches/measures.rs`.

use chrono::{Duration, NaiveDate};
use yjlens_core::codes::{EthnicGroup, Ethnicity, OffenceCategory, Outcome, Sex};
use yjlens_core::extract::{Birth, CaseRow, Extract};

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
    let mut categories: Vec<OffenceCategory> = yjlens_core::codes::offence::YJB_GROUPS
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
            release_date: (outcome.tier() == yjlens_core::codes::Tier::Custody)
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
