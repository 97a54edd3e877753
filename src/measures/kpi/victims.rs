//! KPI 10 (`kpis.md`): victims engaged in restorative justice as a proportion of victims who
//! consented to contact, summed over every intervention ended in the period (not one per
//! child); an intervention with either number blank is left out of both sums and counted as
//! not recorded.

use crate::extract::interventions::Intervention;

/// What one intervention adds: `Some((engaged, consented))`, or `None` when not recorded.
pub fn victims(row: &Intervention) -> Option<(u64, u64)> {
    match (row.victims_engaged, row.victims_consented) {
        (Some(e), Some(c)) => Some((u64::from(e), u64::from(c))),
        _ => None,
    }
}
