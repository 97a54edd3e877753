//! The unit of the KPIs: the child whose interventions ended in a period, counted once by the
//! latest-ending intervention (ties on the end date: the later row in the file), with the
//! attributes its breakdowns need — from the interventions extract, or when it lacks them from
//! the case-level extract through `child_id` (the child's latest row there).

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::catalogue::breakdown::{AgeBand, NOT_RECORDED};
use crate::catalogue::Breakdown;
use crate::codes::{EthnicGroup, Sex};
use crate::extract::interventions::{Intervention, Interventions};
use crate::extract::{Birth, Extract};

/// The breakdowns of every KPI counted over children, in display order.
pub const BREAKDOWNS: [Breakdown; 6] = [
    Breakdown::All,
    Breakdown::InterventionGroup,
    Breakdown::Ethnicity,
    Breakdown::Sex,
    Breakdown::AgeBand,
    Breakdown::Service,
];

/// What the case-level extract says of a child (its latest row).
#[derive(Clone, Debug)]
struct Known {
    outcome_date: NaiveDate,
    birth: Birth,
    sex: Sex,
    ethnicity: EthnicGroup,
    service: String,
}

/// Who is in which file: children of the interventions extract matched in the case-level
/// extract, and those in one file only.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Linkage {
    pub joined: u64,
    pub interventions_only: u64,
    pub extract_only: u64,
}

/// The interventions extract joined to the case-level extract.
pub struct Children<'a> {
    pub interventions: &'a Interventions,
    known: Vec<Option<Known>>,
    pub linkage: Linkage,
}

impl<'a> Children<'a> {
    pub fn new(interventions: &'a Interventions, extract: &Extract) -> Children<'a> {
        let mut latest: HashMap<&str, Known> = HashMap::new();
        for row in &extract.rows {
            let id = extract.child_ids[row.child as usize].as_str();
            let newer = latest
                .get(id)
                .is_none_or(|k| row.outcome_date >= k.outcome_date);
            if newer {
                let service = extract
                    .services
                    .get(row.service as usize)
                    .cloned()
                    .unwrap_or_default();
                latest.insert(
                    id,
                    Known {
                        outcome_date: row.outcome_date,
                        birth: row.birth,
                        sex: row.sex,
                        ethnicity: row.ethnicity.group,
                        service,
                    },
                );
            }
        }
        let known: Vec<Option<Known>> = interventions
            .child_ids
            .iter()
            .map(|id| latest.get(id.as_str()).cloned())
            .collect();
        let joined = known.iter().filter(|k| k.is_some()).count() as u64;
        let in_extract = latest.len() as u64;
        let linkage = Linkage {
            joined,
            interventions_only: interventions.child_ids.len() as u64 - joined,
            extract_only: in_extract - joined,
        };
        Children {
            interventions,
            known,
            linkage,
        }
    }

    /// The group of each breakdown of [`BREAKDOWNS`] for the child of intervention `row`
    /// (age at the intervention's end); `None` where it has none (age outside 10–17).
    pub fn groups(&self, row: &Intervention) -> [Option<String>; 6] {
        let known = self.known[row.child as usize].as_ref();
        let ethnicity = match row.ethnicity {
            Some(e) if self.interventions.has_ethnicity => e.group,
            _ => known.map_or(EthnicGroup::Unknown, |k| k.ethnicity),
        };
        let sex = match row.sex {
            Some(s) if self.interventions.has_sex => s,
            _ => known.map_or(Sex::Unknown, |k| k.sex),
        };
        let on = row.end.unwrap_or(row.start);
        let age = match row.birth {
            Birth::Unknown => known.and_then(|k| k.birth.age_at(on, k.outcome_date)),
            b => b.age_at(on, row.start),
        };
        let service = if self.interventions.has_service {
            self.interventions.services[row.service as usize].clone()
        } else {
            known.map(|k| k.service.clone()).unwrap_or_default()
        };
        let service = if service.is_empty() {
            NOT_RECORDED.to_string()
        } else {
            service
        };
        [
            Some(crate::catalogue::breakdown::ALL_GROUP.to_string()),
            row.kind.group().map(|g| g.label().to_string()),
            Some(ethnicity.label().to_string()),
            Some(sex.label().to_string()),
            AgeBand::of(age).map(|b| b.label().to_string()),
            Some(service),
        ]
    }
}

/// For each child, the index (into `rows`) of their latest-ending intervention with a known
/// type whose end lies in `from..=to`; ties on the end date go to the later row. `order` is the
/// ended, known-type rows sorted by end date (see [`ended_order`]).
pub fn latest_ending(
    rows: &[Intervention],
    order: &[usize],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<usize> {
    let lo = order.partition_point(|&i| rows[i].end < Some(from));
    let hi = order.partition_point(|&i| rows[i].end <= Some(to));
    let mut best: HashMap<u32, usize> = HashMap::new();
    for &i in &order[lo.min(hi)..hi] {
        let r = &rows[i];
        best.entry(r.child)
            .and_modify(|b| {
                if (rows[*b].end, rows[*b].line) <= (r.end, r.line) {
                    *b = i;
                }
            })
            .or_insert(i);
    }
    let mut out: Vec<usize> = best.into_values().collect();
    out.sort_unstable();
    out
}

/// The rows that can end in a period — known type, an end date on or before the extract date
/// — sorted by end date.
pub fn ended_order(rows: &[Intervention], extract_date: NaiveDate) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            let r = &rows[i];
            r.kind.group().is_some() && r.end.is_some_and(|e| e <= extract_date)
        })
        .collect();
    order.sort_by_key(|&i| (rows[i].end, i));
    order
}
