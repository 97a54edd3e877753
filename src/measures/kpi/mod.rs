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

use crate::catalogue::messages::{en, fill};
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
            en("note.kpi.linkage"),
            &[
                ("joined", &info.children_joined),
                ("interventions_only", &info.children_interventions_only),
                ("extract_only", &info.children_extract_only),
            ],
        ));
    } else if interventions {
        notes.push(en("note.kpi.no_extract").to_string());
    }
    if info.open_interventions > 0 {
        notes.push(fill(
            en("note.kpi.open"),
            &[("n", &info.open_interventions)],
        ));
    }
    if info.starts_after_extract_date > 0 {
        notes.push(fill(
            en("note.kpi.starts_after"),
            &[("n", &info.starts_after_extract_date)],
        ));
    }
    if info.unknown_type_rows > 0 {
        notes.push(fill(
            en("note.kpi.unknown_types"),
            &[("n", &info.unknown_type_rows)],
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
        period_label: period.label.clone(),
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
            .cloned()
            .unwrap_or_default(),
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

/// The groups of each breakdown: the fixed ones in display order, services as seen.
fn group_lists(kids: &children::Children, order: &[usize]) -> Vec<Vec<String>> {
    let mut services = BTreeSet::new();
    for &i in order {
        if let Some(s) = &kids.groups(&kids.interventions.rows[i])[5] {
            services.insert(s.clone());
        }
    }
    children::BREAKDOWNS
        .iter()
        .map(|b| match b.groups() {
            Some(g) => g.groups.iter().map(|s| s.to_string()).collect(),
            None => services.iter().cloned().collect(),
        })
        .collect()
}

/// Per breakdown and group (indexed as `lists`), `T` accumulated over `rows` by `count`.
fn cells<T: Clone + Default>(
    kids: &children::Children,
    rows: impl Iterator<Item = usize>,
    lists: &[Vec<String>],
    count: impl Fn(&Intervention, &mut T),
) -> Vec<Vec<T>> {
    let mut acc: Vec<Vec<T>> = lists.iter().map(|l| vec![T::default(); l.len()]).collect();
    for i in rows {
        let row = &kids.interventions.rows[i];
        for (b, g) in kids.groups(row).iter().enumerate() {
            let Some(k) = g
                .as_ref()
                .and_then(|g| lists[b].iter().position(|x| x == g))
            else {
                continue;
            };
            count(row, &mut acc[b][k]);
        }
    }
    acc
}

fn child_figures(
    report: &Report,
    kids: &children::Children,
    order: &[usize],
    periods: &Periods,
    out: &mut Vec<Figure>,
) {
    let lists = group_lists(kids, order);
    let rows = &kids.interventions.rows;
    for period in &periods.list {
        let chosen = children::latest_ending(
            rows,
            order,
            period.start,
            period.end.min(periods.extract_date),
        );
        let acc = cells(
            kids,
            chosen.iter().copied(),
            &lists,
            |row, c: &mut [Counts; CHILD_KPIS.len()]| {
                for (m, (_, test)) in CHILD_KPIS.iter().enumerate() {
                    c[m].add(test(row));
                }
            },
        );
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
    let lists = group_lists(kids, order);
    let rows = &kids.interventions.rows;
    for period in &periods.list {
        let to = period.end.min(periods.extract_date);
        let ended = order
            .iter()
            .copied()
            .filter(|&i| rows[i].end.is_some_and(|e| period.start <= e && e <= to));
        let acc = cells(
            kids,
            ended,
            &lists,
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
