//! KPI 8 (`kpis.md`): children using wider services at the end — early help, child in need,
//! child protection, looked after. Any Y counts; the denominator is children with at least
//! one of the four recorded (a mix of N and blank counts).

use super::Test;
use crate::extract::interventions::Statuses;

pub fn wider_services(s: &Statuses) -> Test {
    let all = [
        s.early_help,
        s.child_in_need,
        s.child_protection,
        s.looked_after,
    ];
    if all.contains(&Some(true)) {
        Test::Yes
    } else if all.iter().any(Option::is_some) {
        Test::No
    } else {
        Test::NotRecorded
    }
}
