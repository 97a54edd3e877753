//! KPI 6 (`kpis.md`): out-of-court disposals completed successfully. The child is chosen
//! first (latest-ending intervention), then kept when that intervention is out of court or
//! prevention; a recorded end reason other than `completed` counts against.

use super::Test;
use crate::codes::intervention::{EndReason, InterventionGroup};
use crate::extract::interventions::Intervention;

pub fn completed(row: &Intervention) -> Test {
    match row.kind.group() {
        Some(InterventionGroup::OutOfCourt | InterventionGroup::Prevention) => {}
        _ => return Test::Out,
    }
    match row.end_reason {
        None => Test::NotRecorded,
        Some(EndReason::Completed) => Test::Yes,
        Some(_) => Test::No,
    }
}
