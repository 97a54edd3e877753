//! The YJB key performance indicators (`kpis.md`) from the interventions extract, the board
//! attendance file and the report of the case-level extract: every KPI for quarters,
//! financial years and rolling 12 months, with breakdowns, Wilson intervals, `partial`
//! status, `<id>_not_recorded` counts and the `recording` flag.
//!
//! One file per KPI family: [`care`] (KPIs 1–3), [`health`] (4, 5), [`disposals`] (6),
//! [`board`] (7), [`wider`] (8), [`violence`] (9), [`victims`] (10); [`children`] chooses
//! the child's latest-ending intervention and joins the case-level extract.

pub mod board;
pub mod care;
pub mod children;
pub mod disposals;
pub mod health;
pub mod victims;
pub mod violence;
pub mod wider;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::catalogue::messages::{fill, msg, Count};
use crate::catalogue::{Breakdown, FigureStage, Flag, Measure};
use crate::extract::interventions::{Board, Intervention, Interventions};
use crate::extract::{Extract, QualityReport};
use crate::report::{Figure, Report};

use super::emit::Val;
use super::periods::{Period, Periods};

/// What one child (or one board place) says of one KPI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Test {
    /// Not in this KPI at all (another group, or an earlier cascade step not Y).
    Out,
    /// In it, but the status is not recorded: counted in `<id>_not_recorded`.
    NotRecorded,
    No,
    Yes,
}

impl Test {
    /// A Y/N status: `None` is not recorded.
    pub fn of(v: Option<bool>) -> Test {
        match v {
            None => Test::NotRecorded,
            Some(false) => Test::No,
            Some(true) => Test::Yes,
        }
    }
}

/// A KPI's counts in one cell: numerator, denominator (recorded), not recorded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub numerator: u64,
    pub denominator: u64,
    pub not_recorded: u64,
}

impl Counts {
    pub fn add(&mut self, t: Test) {
        match t {
            Test::Out => {}
            Test::NotRecorded => self.not_recorded += 1,
            Test::No => self.denominator += 1,
            Test::Yes => {
                self.numerator += 1;
                self.denominator += 1;
            }
        }
    }

    /// Over 10% of those it counts not recorded.
    pub fn recording(&self) -> bool {
        self.not_recorded * 10 > self.denominator + self.not_recorded
    }
}

/// What a KPI asks of a child's latest-ending intervention.
pub type ChildTest = fn(&Intervention) -> Test;

/// The KPIs counted over children, with the test each makes of the child's latest-ending
/// intervention, in the order of the YJB return.
pub const CHILD_KPIS: [(Measure, ChildTest); 12] = [
    (Measure::Kpi1AccommodationSuitable, |r| {
        care::accommodation(&r.statuses)
    }),
    (Measure::Kpi2EteSuitable, |r| care::ete(&r.statuses)),
    (Measure::Kpi3SendInEteWithPlan, |r| {
        care::send_in_ete_with_plan(&r.statuses)
    }),
    (Measure::Kpi3SendIdentified, |r| {
        care::send_identified(&r.statuses)
    }),
    (Measure::Kpi4MhNeed, |r| {
        health::Cascade::mental_health(&r.statuses).need()
    }),
    (Measure::Kpi4MhOffered, |r| {
        health::Cascade::mental_health(&r.statuses).offered()
    }),
    (Measure::Kpi4MhAttended, |r| {
        health::Cascade::mental_health(&r.statuses).attended()
    }),
    (Measure::Kpi5SmNeed, |r| {
        health::Cascade::substance_misuse(&r.statuses).need()
    }),
    (Measure::Kpi5SmOffered, |r| {
        health::Cascade::substance_misuse(&r.statuses).offered()
    }),
    (Measure::Kpi5SmAttended, |r| {
        health::Cascade::substance_misuse(&r.statuses).attended()
    }),
    (Measure::Kpi6OocdCompleted, disposals::completed),
    (Measure::Kpi8WiderServices, |r| {
        wider::wider_services(&r.statuses)
    }),
];

/// What the KPIs found about their files, for the data-quality view and the notes.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct KpiInfo {
    /// The interventions extract's quality report (`None` without one).
    pub interventions: Option<QualityReport>,
    /// The board attendance file's quality report (`None` without one).
    pub board: Option<QualityReport>,
    /// The date the KPIs are as at (the report's extract date).
    pub extract_date: Option<NaiveDate>,
    /// Children of the interventions extract found in the case-level extract.
    pub children_joined: u64,
    /// Children in the interventions extract only (their ethnicity, sex, age and service come
    /// from the interventions extract or are unknown).
    pub children_interventions_only: u64,
    /// Children in the case-level extract only.
    pub children_extract_only: u64,
    /// Interventions still open at the extract date (blank end, or an end after it).
    pub open_interventions: u64,
    /// Interventions starting after the extract date (ignored).
    pub starts_after_extract_date: u64,
    /// Interventions of a type the code list does not know (in no KPI until mapped).
    pub unknown_type_rows: u64,
    /// Whether a case-level extract was given (KPI 9 and the join need one).
    pub extract_given: bool,
}

/// The KPI figures and what they found: appended to `report` (which must be the case-level
/// extract's report: KPI 9 is read from its figures, its extract date is used).
pub fn add_to(
    report: &mut Report,
    extract: &Extract,
    interventions: Option<&Interventions>,
    board: Option<&Board>,
) {
    let extract_date = report.extract_date;
    report
        .definitions
        .extend(super::definitions::kpis(&report.settings));
    let mut info = KpiInfo {
        interventions: interventions.map(|i| i.quality.clone()),
        board: board.map(|b| b.quality.clone()),
        extract_date: Some(extract_date),
        extract_given: !extract.rows.is_empty(),
        ..KpiInfo::default()
    };
    let empty = Interventions::default();
    let ivs = interventions.unwrap_or(&empty);
    let order = children::ended_order(&ivs.rows, extract_date);
    // The files cover from their earliest start (or meeting): periods from its quarter.
    let first = ivs
        .rows
        .iter()
        .filter(|r| r.kind.group().is_some())
        .map(|r| r.start)
        .min()
        .into_iter()
        .chain(board.and_then(|b| b.rows.iter().map(|r| r.meeting_date).min()))
        .min();
    let periods = Periods::new(first, extract_date);
    let kids = children::Children::new(ivs, extract);
    info.children_joined = kids.linkage.joined;
    info.children_interventions_only = kids.linkage.interventions_only;
    info.children_extract_only = if interventions.is_some() {
        kids.linkage.extract_only
    } else {
        0
    };
    for r in &ivs.rows {
        if r.start > extract_date {
            info.starts_after_extract_date += 1;
        } else if r.end.is_none_or(|e| e > extract_date) {
            info.open_interventions += 1;
        }
        if r.kind.group().is_none() {
            info.unknown_type_rows += 1;
        }
    }
    let mut figures = Vec::new();
    if interventions.is_some() {
        child_figures(report, &kids, &order, &periods, &mut figures);
        victims_figures(report, &kids, &order, &periods, &mut figures);
    }
    if let Some(board) = board {
        board_figures(report, board, &periods, &mut figures);
    }
    figures.extend(violence::repeated(&report.figures));
    report.figures.extend(figures);
    report.notes.extend(notes(&info, interventions.is_some()));
    report.kpi = Some(info);
}

fn notes(info: &KpiInfo, interventions: bool) -> Vec<String> {
    let mut notes = Vec::new();
    if interventions && info.extract_given {
        notes.push(fill(
            msg("note.kpi.linkage"),
            &[
                ("joined", &Count(info.children_joined)),
                (
                    "interventions_only",
                    &Count(info.children_interventions_only),
                ),
                ("extract_only", &Count(info.children_extract_only)),
            ],
        ));
    } else if interventions {
        notes.push(msg("note.kpi.no_extract").to_string());
    }
    if info.open_interventions > 0 {
        notes.push(fill(
            msg("note.kpi.open"),
            &[("n", &Count(info.open_interventions))],
        ));
    }
    if info.starts_after_extract_date > 0 {
        notes.push(fill(
            msg("note.kpi.starts_after"),
            &[("n", &Count(info.starts_after_extract_date))],
        ));
    }
    if info.unknown_type_rows > 0 {
        notes.push(fill(
            msg("note.kpi.unknown_types"),
            &[("n", &Count(info.unknown_type_rows))],
        ));
    }
    notes
}

/// One figure of a KPI.
fn figure(
    report: &Report,
    measure: Measure,
    period: &Period,
    breakdown: Breakdown,
    group: &str,
    val: Val,
) -> Figure {
    Figure {
        measure,
        stage: FigureStage::None,
        period_type: period.period_type,
        period_start: period.start,
        period_end: period.end,
        period_label: period.label.as_str().into(),
        breakdown,
        group: group.to_string(),
        breakdown2: None,
        group2: String::new(),
        numerator: val.numerator,
        denominator: val.denominator,
        value: val.value,
        unit: measure.unit(),
        ci_low: val.ci.map(|c| c.0),
        ci_high: val.ci.map(|c| c.1),
        flag: val.flag,
        status: period.status,
        suppressed: false,
        definition: report
            .definitions
            .get(measure.id())
            .map_or_else(|| "".into(), |d| d.as_str().into()),
    }
}

/// The KPI and its `<id>_not_recorded` figure of one cell.
fn push_pair(
    report: &Report,
    out: &mut Vec<Figure>,
    measure: Measure,
    period: &Period,
    breakdown: Breakdown,
    group: &str,
    c: Counts,
) {
    let flag = c.recording().then_some(Flag::Recording);
    let mut val = Val::percent(c.numerator, c.denominator);
    val.flag = flag;
    out.push(figure(report, measure, period, breakdown, group, val));
    if let Some(nr) = measure.not_recorded() {
        let mut val = Val::count(c.not_recorded);
        val.flag = flag;
        out.push(figure(report, nr, period, breakdown, group, val));
    }
}

/// The groups of each breakdown (the fixed ones in display order, services as seen) and, for
/// every intervention that can end in a period, the index of its group in each: worked out
/// once, not once per period.
struct Cells {
    lists: Vec<Vec<String>>,
    of_row: Vec<[Option<u16>; 6]>,
}

impl Cells {
    fn new(kids: &children::Children, order: &[usize]) -> Cells {
        let rows = &kids.interventions.rows;
        let groups: Vec<(usize, [Option<String>; 6])> =
            order.iter().map(|&i| (i, kids.groups(&rows[i]))).collect();
        let services: BTreeSet<&String> =
            groups.iter().filter_map(|(_, g)| g[5].as_ref()).collect();
        let lists: Vec<Vec<String>> = children::BREAKDOWNS
            .iter()
            .map(|b| match b.groups() {
                Some(g) => g.groups.iter().map(|s| s.to_string()).collect(),
                None => services.iter().map(|s| s.to_string()).collect(),
            })
            .collect();
        let index: Vec<std::collections::HashMap<&str, u16>> = lists
            .iter()
            .map(|l| {
                l.iter()
                    .enumerate()
                    .map(|(k, g)| (g.as_str(), k as u16))
                    .collect()
            })
            .collect();
        let mut of_row = vec![[None; 6]; rows.len()];
        for (i, g) in &groups {
            for b in 0..6 {
                of_row[*i][b] = g[b].as_deref().and_then(|g| index[b].get(g).copied());
            }
        }
        Cells { lists, of_row }
    }

    /// Per breakdown and group, `T` accumulated over `rows` by `count`.
    fn count<T: Clone + Default>(
        &self,
        all: &[Intervention],
        rows: impl Iterator<Item = usize>,
        count: impl Fn(&Intervention, &mut T),
    ) -> Vec<Vec<T>> {
        let mut acc: Vec<Vec<T>> = self
            .lists
            .iter()
            .map(|l| vec![T::default(); l.len()])
            .collect();
        for i in rows {
            for (b, k) in self.of_row[i].iter().enumerate() {
                if let Some(k) = k {
                    count(&all[i], &mut acc[b][*k as usize]);
                }
            }
        }
        acc
    }
}

fn child_figures(
    report: &Report,
    kids: &children::Children,
    order: &[usize],
    periods: &Periods,
    out: &mut Vec<Figure>,
) {
    let cells = Cells::new(kids, order);
    let lists = &cells.lists;
    let rows = &kids.interventions.rows;
    for period in &periods.list {
        let chosen = children::latest_ending(
            rows,
            order,
            period.start,
            period.end.min(periods.extract_date),
        );
        let acc = cells.count(
            rows,
            chosen.iter().copied(),
            |row, c: &mut [Counts; CHILD_KPIS.len()]| {
                for (m, (_, test)) in CHILD_KPIS.iter().enumerate() {
                    c[m].add(test(row));
                }
            },
        );
        // ETE hours (beside KPI 2): a mean over the children with hours recorded.
        let hours = cells.count(
            rows,
            chosen.iter().copied(),
            |row, h: &mut [(f64, u64); 2]| {
                for (k, v) in [row.ete_hours_offered, row.ete_hours_attended]
                    .into_iter()
                    .enumerate()
                {
                    if let Some(v) = v {
                        h[k].0 += v;
                        h[k].1 += 1;
                    }
                }
            },
        );
        for (k, measure) in [Measure::KpiEteHoursOffered, Measure::KpiEteHoursAttended]
            .into_iter()
            .enumerate()
        {
            for (b, breakdown) in children::BREAKDOWNS.iter().enumerate() {
                for (g, group) in lists[b].iter().enumerate() {
                    let (sum, n) = hours[b][g][k];
                    let val = Val::rate(sum, Some(n as f64), 1.0);
                    out.push(figure(report, measure, period, *breakdown, group, val));
                }
            }
        }
        for (m, (measure, _)) in CHILD_KPIS.iter().enumerate() {
            for (b, breakdown) in children::BREAKDOWNS.iter().enumerate() {
                for (k, group) in lists[b].iter().enumerate() {
                    push_pair(
                        report,
                        out,
                        *measure,
                        period,
                        *breakdown,
                        group,
                        acc[b][k][m],
                    );
                }
            }
        }
    }
}

fn victims_figures(
    report: &Report,
    kids: &children::Children,
    order: &[usize],
    periods: &Periods,
    out: &mut Vec<Figure>,
) {
    let cells = Cells::new(kids, order);
    let lists = &cells.lists;
    let rows = &kids.interventions.rows;
    for period in &periods.list {
        let to = period.end.min(periods.extract_date);
        // `order` is by end date: the interventions ended in the period are one run of it.
        let lo = order.partition_point(|&i| rows[i].end < Some(period.start));
        let hi = order.partition_point(|&i| rows[i].end <= Some(to));
        let ended = order[lo.min(hi)..hi].iter().copied();
        let acc = cells.count(
            rows,
            ended,
            |row, c: &mut VictimCounts| match victims::victims(row) {
                Some((engaged, consented)) => {
                    c.engaged += engaged;
                    c.consented += consented;
                    c.recorded += 1;
                }
                None => c.not_recorded += 1,
            },
        );
        for (b, breakdown) in children::BREAKDOWNS.iter().enumerate() {
            for (k, group) in lists[b].iter().enumerate() {
                let c = acc[b][k];
                // Recording is judged on interventions (not victims).
                let flag =
                    (c.not_recorded * 10 > c.recorded + c.not_recorded).then_some(Flag::Recording);
                let mut val = Val::percent(c.engaged, c.consented);
                val.flag = flag;
                out.push(figure(
                    report,
                    Measure::Kpi10VictimsEngaged,
                    period,
                    *breakdown,
                    group,
                    val,
                ));
                let mut val = Val::count(c.not_recorded);
                val.flag = flag;
                out.push(figure(
                    report,
                    Measure::Kpi10VictimsEngagedNotRecorded,
                    period,
                    *breakdown,
                    group,
                    val,
                ));
            }
        }
    }
}

/// KPI 10's sums in one cell: victims engaged and consented, and interventions with both
/// numbers recorded or not.
#[derive(Clone, Copy, Debug, Default)]
struct VictimCounts {
    engaged: u64,
    consented: u64,
    recorded: u64,
    not_recorded: u64,
}

fn board_figures(report: &Report, board: &Board, periods: &Periods, out: &mut Vec<Figure>) {
    for period in &periods.list {
        for (breakdown, group, c) in board::attendance(board, period, periods.extract_date) {
            push_pair(
                report,
                out,
                Measure::Kpi7BoardAttendance,
                period,
                breakdown,
                &group,
                c,
            );
        }
    }
}
