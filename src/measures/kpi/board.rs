//! KPI 7 (`kpis.md`): senior partners attending management board meetings — attended = Y over
//! expected (board rows with attendance recorded) for meetings in the period, in all and by
//! partner; rows with attendance not recorded are counted apart.

use crate::catalogue::Breakdown;
use crate::extract::interventions::Board;
use crate::measures::periods::Period;

use super::Counts;

/// `(breakdown, group) → counts` for one period, partners in the file's order.
pub fn attendance(
    board: &Board,
    period: &Period,
    extract_date: chrono::NaiveDate,
) -> Vec<(Breakdown, String, Counts)> {
    let mut all = Counts::default();
    let mut by_partner = vec![Counts::default(); board.partners.len()];
    for row in &board.rows {
        if !period.contains(row.meeting_date) || row.meeting_date > extract_date {
            continue;
        }
        let test = super::Test::of(row.attended);
        all.add(test);
        by_partner[row.partner as usize].add(test);
    }
    std::iter::once((
        Breakdown::All,
        crate::catalogue::breakdown::ALL_GROUP.to_string(),
        all,
    ))
    .chain(
        board
            .partners
            .iter()
            .zip(by_partner)
            .map(|(p, c)| (Breakdown::Partner, p.clone(), c)),
    )
    .collect()
}
