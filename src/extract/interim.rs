//! Interim reader (canonical headers, UTF-8, ISO or day-first dates) so the rest of the
//! pipeline can run while the full tolerant reader is built.

use std::collections::HashMap;

use chrono::NaiveDate;

fn get(r: &[String], c: Option<usize>) -> Option<&str> {
    c.and_then(|c| r.get(c)).map(String::as_str)
}

use super::{Birth, CaseRow, Extract, ReadOptions, Refusal, RefusalKind};
use crate::codes::{ethnicity::Ethnicity, EthnicGroup, OffenceCategory, Outcome, Sex};

fn date(v: &str) -> Option<NaiveDate> {
    let v = v.trim();
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(v, "%d/%m/%Y"))
        .ok()
}

pub(super) fn read(bytes: &[u8], _options: &ReadOptions) -> Result<Extract, Refusal> {
    let table = super::read_table(bytes)?;
    let col = |name: &str| {
        table
            .headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    };
    let need = |name: &str| {
        col(name).ok_or(Refusal {
            kind: RefusalKind::ColumnUnmapped {
                field: name.into(),
                headers: table.headers.clone(),
            },
            message: format!("No column could be matched to {name}."),
        })
    };
    let (c_id, c_off, c_out, c_outcome) = (
        need("child_id")?,
        need("offence_date")?,
        need("outcome_date")?,
        need("outcome")?,
    );
    let (c_dob, c_sex, c_eth, c_cat, c_grav, c_rel, c_end) = (
        col("date_of_birth"),
        col("sex"),
        col("ethnicity"),
        col("offence_category"),
        col("gravity"),
        col("release_date"),
        col("end_date"),
    );
    let mut extract = Extract {
        services: vec![String::new()],
        ethnic_details: vec![String::new()],
        ..Extract::default()
    };
    let mut children: HashMap<String, u32> = HashMap::new();
    let mut categories: HashMap<String, u16> = HashMap::new();
    for (i, r) in table.records.iter().enumerate() {
        extract.quality.rows_read += 1;
        let (Some(offence_date), Some(outcome_date)) = (
            date(&r[c_off.min(r.len() - 1)]),
            date(&r[c_out.min(r.len() - 1)]),
        ) else {
            extract.quality.rows_rejected += 1;
            continue;
        };
        let n = children.len() as u32;
        let child = *children.entry(r[c_id].clone()).or_insert(n);
        let cat_text = get(r, c_cat).unwrap_or("");
        let nc = categories.len() as u16;
        let category = *categories.entry(cat_text.to_string()).or_insert_with(|| {
            extract.categories.push(OffenceCategory::classify(cat_text));
            nc
        });
        extract.rows.push(CaseRow {
            line: i as u32 + 2,
            child,
            offence_date,
            outcome_date,
            outcome: Outcome::parse(&r[c_outcome]).unwrap_or(Outcome::Unknown),
            birth: get(r, c_dob)
                .and_then(date)
                .map_or(Birth::Unknown, Birth::Date),
            sex: get(r, c_sex).and_then(Sex::parse).unwrap_or(Sex::Unknown),
            ethnicity: Ethnicity {
                group: get(r, c_eth)
                    .and_then(EthnicGroup::from_label)
                    .unwrap_or(EthnicGroup::Unknown),
                detail: 0,
            },
            category,
            gravity: get(r, c_grav).and_then(|g| g.parse().ok()),
            release_date: get(r, c_rel).and_then(date),
            end_date: get(r, c_end).and_then(date),
            looked_after: None,
            service: 0,
        });
        extract.quality.rows_used += 1;
    }
    extract.child_ids = vec![String::new(); children.len()];
    for (id, i) in children {
        extract.child_ids[i as usize] = id;
    }
    Ok(extract)
}
