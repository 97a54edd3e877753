//! KPIs 1–3 (`kpis.md`): suitable accommodation, suitable education, training or employment
//! (ETE), and children with identified SEND (ALN in Wales) in suitable ETE with a formal
//! learning plan — each from the statuses at the end of the child's latest-ending
//! intervention.

use super::Test;
use crate::extract::interventions::Statuses;

/// KPI 1: accommodation suitable = Y / recorded.
pub fn accommodation(s: &Statuses) -> Test {
    Test::of(s.accommodation_suitable)
}

/// KPI 2: ETE suitable = Y / recorded.
pub fn ete(s: &Statuses) -> Test {
    Test::of(s.ete_suitable)
}

/// KPI 3, companion: SEND need = Y / recorded.
pub fn send_identified(s: &Statuses) -> Test {
    Test::of(s.send_need)
}

/// KPI 3: of children with SEND need = Y, those with both ETE and learning plan recorded are
/// the denominator; both Y the numerator. Without SEND = Y the child is not in it at all.
pub fn send_in_ete_with_plan(s: &Statuses) -> Test {
    if s.send_need != Some(true) {
        return Test::Out;
    }
    match (s.ete_suitable, s.learning_plan) {
        (Some(true), Some(true)) => Test::Yes,
        (Some(_), Some(_)) => Test::No,
        _ => Test::NotRecorded,
    }
}
