//! Reoffending, the live tracker (`measures.md`, "Reoffending"): index events, quarterly
//! cohorts, reoffences, the six figures with breakdowns, 12-month pooled (or legacy) figures,
//! time to first reoffence, concentration and distribution.

use chrono::NaiveDate;

use crate::catalogue::breakdown::{ReoffencesBand, MONTHS};
use crate::catalogue::messages::{fill, msg};
use crate::catalogue::{Breakdown, Measure, Unit};
use crate::codes::{EthnicGroup, Tier};
use crate::report::{CohortMethod, PeriodType, Status};

use super::dates::{add_months, quarter_end, quarter_index};
use super::emit::{Ctx, FigureKey, Val};
use super::groups::{Attrs, Dim, Tally};
use super::prepare::{Candidate, Child, Prepared};

/// One child in one cohort, at one index event.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Index into [`Prepared::children`].
    pub child: u32,
    pub index_date: NaiveDate,
    pub attrs: Attrs,
    pub reoffences: u32,
    /// Offence date of the first reoffence.
    pub first_reoffence: Option<NaiveDate>,
    /// The smallest m (1–12) with the first reoffence on or before index + m months; 0 when
    /// there is none.
    pub first_month: u8,
}

/// Cohorts of every period.
#[derive(Clone, Debug, Default)]
pub struct Cohorts {
    pub entries: Vec<Entry>,
    /// For each period, the entries of its cohort (pooled quarterly entries, or legacy ones).
    pub by_period: Vec<Vec<u32>>,
    /// For each period, distinct children in its cohort(s) by ethnic group (index into
    /// `EthnicGroup::ALL`), and those among them with a reoffence after any of their entries
    /// (the `reoffending_cohort` and `reoffending` disproportionality stages).
    pub stage_children: Vec<[u64; ETHNIC_GROUPS]>,
    pub stage_reoffenders: Vec<[u64; ETHNIC_GROUPS]>,
}

/// The number of ethnic groups (Unknown included): the size of a per-group table.
pub const ETHNIC_GROUPS: usize = EthnicGroup::ALL.len();

/// Adds entries to periods, counting distinct children per period as it goes (a child's
/// entries are all added before the next child's).
struct Adder {
    child_stamp: Vec<u32>,
    reoffender_stamp: Vec<u32>,
}

impl Adder {
    fn add(&mut self, out: &mut Cohorts, p: usize, e: u32, g: usize) {
        let entry = &out.entries[e as usize];
        let child = entry.child;
        out.by_period[p].push(e);
        if self.child_stamp[p] != child {
            self.child_stamp[p] = child;
            out.stage_children[p][g] += 1;
        }
        if entry.reoffences > 0 && self.reoffender_stamp[p] != child {
            self.reoffender_stamp[p] = child;
            out.stage_reoffenders[p][g] += 1;
        }
    }
}

/// Reoffences after an index event on `index`: substantive rows (breaches excluded when so
/// set, already filtered into `candidates`) with an offence date strictly after the index
/// date and no later than index + 12 months, and an outcome date no later than index + 18
/// months. Returns (count, offence date of the first).
pub fn reoffences(candidates: &[Candidate], index: NaiveDate) -> (u32, Option<NaiveDate>) {
    let offence_limit = add_months(index, 12);
    let outcome_limit = add_months(index, 18);
    let lo = candidates.partition_point(|c| c.offence_date <= index);
    let mut n = 0;
    let mut first = None;
    for c in &candidates[lo..] {
        if c.offence_date > offence_limit {
            break;
        }
        if c.outcome_date <= outcome_limit {
            n += 1;
            first.get_or_insert(c.offence_date);
        }
    }
    (n, first)
}

/// Index events of a child: (index date, occasion index within the child), sorted by index
/// date, then most severe outcome, then first in file.
fn index_events(prep: &Prepared, child: &Child, events: &mut Vec<(NaiveDate, usize)>) {
    let occasions = prep.child_occasions(child);
    events.clear();
    for (k, o) in occasions.iter().enumerate() {
        let date = match o.tier() {
            Tier::PreCourt | Tier::FirstTier | Tier::Community => Some(o.date),
            Tier::Custody => o.release.filter(|r| *r <= prep.extract_date),
            _ => None,
        };
        if let Some(d) = date {
            if child.youth_at(d) {
                events.push((d, k));
            }
        }
    }
    events.sort_by(|a, b| {
        let (oa, ob) = (&occasions[a.1], &occasions[b.1]);
        a.0.cmp(&b.0)
            .then(ob.outcome.cmp(&oa.outcome))
            .then(oa.first_row.cmp(&ob.first_row))
    });
}

fn entry(prep: &Prepared, child_index: u32, child: &Child, date: NaiveDate, k: usize) -> Entry {
    let occasions = prep.child_occasions(child);
    let o = &occasions[k];
    let mut attrs = Attrs::of(child, date, o.outcome, o.category, o.gravity);
    // Previous substantive occasions strictly before the index date, not counting the index
    // occasion itself (a custodial one is dated before its release).
    let pp = occasions.partition_point(|x| x.date < date);
    let before = if pp < occasions.len() {
        occasions[pp].substantive_before
    } else {
        occasions.last().map_or(0, |l| {
            l.substantive_before + u32::from(l.tier().is_substantive())
        })
    };
    attrs.previous = before - u32::from(o.date < date);
    let (reoffences, first_reoffence) = reoffences(prep.child_candidates(child), date);
    let first_month = first_reoffence.map_or(0, |f| {
        (1..=12u8)
            .find(|&m| f <= add_months(date, u32::from(m)))
            .unwrap_or(12)
    });
    Entry {
        child: child_index,
        index_date: date,
        attrs,
        reoffences,
        first_reoffence,
        first_month,
    }
}

fn is_12m(t: PeriodType) -> bool {
    matches!(t, PeriodType::FinancialYear | PeriodType::Rolling12m)
}

/// Build the cohorts of every period.
pub fn cohorts(ctx: &Ctx) -> Cohorts {
    let prep = ctx.prep;
    let periods = ctx.periods;
    let legacy = ctx.settings.cohort_method == CohortMethod::Legacy;
    let np = periods.len();
    let mut out = Cohorts {
        entries: Vec::new(),
        by_period: vec![Vec::new(); np],
        stage_children: vec![[0; ETHNIC_GROUPS]; np],
        stage_reoffenders: vec![[0; ETHNIC_GROUPS]; np],
    };
    let mut adder = Adder {
        child_stamp: vec![u32::MAX; np],
        reoffender_stamp: vec![u32::MAX; np],
    };
    let mut stamp = vec![u32::MAX; np];
    let mut events = Vec::new();
    // Index events before this reach no figure built (the year-earlier computation).
    let from = ctx.wanted_from(|p| period_status(ctx, p));
    for (ci, child) in prep.children.iter().enumerate() {
        let g = child.ethnicity.index();
        let ci = ci as u32;
        index_events(prep, child, &mut events);
        let mut last_quarter = None;
        for &(date, k) in &events {
            if from.is_some_and(|f| date < f) {
                continue;
            }
            let q = quarter_index(date);
            let in_periods = periods.containing(date);
            if last_quarter != Some(q) {
                // First index event of the child in this quarter: a quarterly cohort entry,
                // pooled into every 12-month period containing the quarter.
                last_quarter = Some(q);
                let e = out.entries.len() as u32;
                out.entries.push(entry(prep, ci, child, date, k));
                for &p in in_periods {
                    if !(legacy && is_12m(periods.list[p].period_type)) {
                        adder.add(&mut out, p, e, g);
                    }
                }
            }
            if legacy {
                for &p in in_periods {
                    if is_12m(periods.list[p].period_type) && stamp[p] != ci {
                        stamp[p] = ci;
                        let e = out.entries.len() as u32;
                        out.entries.push(entry(prep, ci, child, date, k));
                        adder.add(&mut out, p, e, g);
                    }
                }
            }
        }
    }
    out
}

/// `final` when the extract date is on or after the quarter's last day + 18 months.
pub fn quarter_status(q: i32, extract_date: NaiveDate) -> Status {
    if extract_date >= add_months(quarter_end(q), 18) {
        Status::Final
    } else {
        Status::Provisional
    }
}

/// Status of a period's reoffending figures: provisional if any of its quarters is.
pub fn period_status(ctx: &Ctx, p: usize) -> Status {
    let period = ctx.period(p);
    let last = period.last_quarter.min(ctx.periods.q_last);
    quarter_status(last, ctx.periods.extract_date)
}

pub const BREAKDOWNS: [Dim; 12] = [
    Dim::All,
    Dim::Ethnicity,
    Dim::EthnicityDetail,
    Dim::Sex,
    Dim::AgeBand,
    Dim::Age,
    Dim::OutcomeTier { diversion: false },
    Dim::OutcomeType { diversion: false },
    Dim::OffenceCategory,
    Dim::LookedAfter,
    Dim::Service,
    Dim::PreviousOccasions,
];

/// The words every reoffending figure of period `p` ends with (after what it counts): the
/// tracker's caveat, breaches, and for 12-month figures how their cohorts are formed.
fn cohort_note(ctx: &Ctx, p: usize) -> String {
    let period = ctx.period(p);
    let breaches = msg(if ctx.settings.exclude_breaches {
        "figure.reoffending.breaches_excluded"
    } else {
        "figure.reoffending.breaches_included"
    });
    let method = if !is_12m(period.period_type) {
        String::new()
    } else if ctx.settings.cohort_method == CohortMethod::Legacy {
        format!(" {}", msg("figure.reoffending.legacy"))
    } else {
        let n = period.quarters_in_extract(ctx.periods.q_last);
        let pooled = msg("figure.reoffending.pooled");
        format!(" {}", fill(pooled, &[("period", &period.label), ("n", &n)]))
    };
    fill(
        msg("figure.reoffending.note"),
        &[
            ("tracker", &msg("figure.reoffending.tracker")),
            ("breaches", &breaches),
            ("method", &method),
        ],
    )
}

/// The headline figures of every group of a cohort.
const HEADLINE: [Measure; 6] = [
    Measure::ReoffendingCohort,
    Measure::ReoffendingReoffenders,
    Measure::ReoffendingReoffences,
    Measure::ReoffendingBinaryRate,
    Measure::ReoffendingFrequencyRate,
    Measure::ReoffencesPerReoffender,
];

/// Emit every reoffending figure.
pub fn emit(ctx: &mut Ctx, cohorts: &Cohorts) {
    let layout = ctx.layout(&BREAKDOWNS);
    let np = ctx.periods.len();
    let mut cohort = Tally::new(np, layout.len());
    let mut reoffenders = Tally::new(np, layout.len());
    let mut offences = Tally::new(np, layout.len());
    let slots: Vec<_> = cohorts
        .entries
        .iter()
        .map(|e| layout.slots(&ctx.codes, &e.attrs))
        .collect();
    // Pooled 12-month counts are sums of quarterly ones: tally the quarters, then roll up.
    let legacy = ctx.settings.cohort_method == CohortMethod::Legacy;
    for (p, entries) in cohorts.by_period.iter().enumerate() {
        if !legacy && ctx.period(p).period_type != PeriodType::Quarter {
            continue;
        }
        for &e in entries {
            let sl = &slots[e as usize];
            let e = &cohorts.entries[e as usize];
            cohort.add(p, sl, 1);
            if e.reoffences > 0 {
                reoffenders.add(p, sl, 1);
                offences.add(p, sl, u64::from(e.reoffences));
            }
        }
    }
    if !legacy {
        for t in [&mut cohort, &mut reoffenders, &mut offences] {
            t.roll_up(ctx.periods, |_| true);
        }
    }
    for p in 0..np {
        let status = period_status(ctx, p);
        if ctx.skip_period(status) {
            continue;
        }
        let note = cohort_note(ctx, p);
        // Each figure's definition, made once per period (the same in every group).
        let def_of = |measure: Measure| format!("{} {note}", msg(&format!("figure.{measure}")));
        let defs = HEADLINE.map(def_of);
        let def = |measure: Measure| {
            defs[HEADLINE.iter().position(|m| *m == measure).unwrap_or(0)].clone()
        };
        for (s, slot) in layout.slots.iter().enumerate() {
            let (c, r, o) = (cohort.get(p, s), reoffenders.get(p, s), offences.get(p, s));
            ctx.push(
                FigureKey::new(Measure::ReoffendingCohort, p).slot(slot),
                status,
                Val::count(c),
                Measure::ReoffendingCohort.unit(),
                def(Measure::ReoffendingCohort),
            );
            ctx.push(
                FigureKey::new(Measure::ReoffendingReoffenders, p).slot(slot),
                status,
                Val::count(r),
                Measure::ReoffendingReoffenders.unit(),
                def(Measure::ReoffendingReoffenders),
            );
            ctx.push(
                FigureKey::new(Measure::ReoffendingReoffences, p).slot(slot),
                status,
                Val::count(o),
                Measure::ReoffendingReoffences.unit(),
                def(Measure::ReoffendingReoffences),
            );
            ctx.push(
                FigureKey::new(Measure::ReoffendingBinaryRate, p).slot(slot),
                status,
                Val::percent(r, c),
                Measure::ReoffendingBinaryRate.unit(),
                def(Measure::ReoffendingBinaryRate),
            );
            ctx.push(
                FigureKey::new(Measure::ReoffendingFrequencyRate, p).slot(slot),
                status,
                Val::rate(o as f64, Some(c as f64), 1.0),
                Measure::ReoffendingFrequencyRate.unit(),
                def(Measure::ReoffendingFrequencyRate),
            );
            ctx.push(
                FigureKey::new(Measure::ReoffencesPerReoffender, p).slot(slot),
                status,
                Val::rate(o as f64, Some(r as f64), 1.0),
                Measure::ReoffencesPerReoffender.unit(),
                def(Measure::ReoffencesPerReoffender),
            );
        }
        beyond_headline(ctx, cohorts, p, status, &note);
    }
}

/// Time to first reoffence, concentration and distribution (whole cohort only).
fn beyond_headline(ctx: &mut Ctx, cohorts: &Cohorts, p: usize, status: Status, note: &str) {
    let entries: Vec<&Entry> = cohorts.by_period[p]
        .iter()
        .map(|&e| &cohorts.entries[e as usize])
        .collect();
    let size = entries.len() as u64;
    let mut by_month = [0u64; 13];
    for e in &entries {
        by_month[e.first_month as usize] += 1;
    }
    let mut n = 0;
    let time_to_first = msg("figure.reoffending_time_to_first");
    for (m, month) in (1..).zip(MONTHS) {
        n += by_month[m];
        let what = fill(time_to_first, &[("m", &m)]);
        ctx.push(
            FigureKey::new(Measure::ReoffendingTimeToFirst, p).group(Breakdown::Month, month),
            status,
            Val::percent(n, size),
            Unit::PercentOfCohort,
            format!("{what} {note}"),
        );
    }
    let mut counts: Vec<u32> = entries
        .iter()
        .filter(|e| e.reoffences > 0)
        .map(|e| e.reoffences)
        .collect();
    // Most prolific first (ties between equal counts do not change the sum).
    counts.sort_unstable_by(|a, b| b.cmp(a));
    let total: u64 = counts.iter().map(|&c| u64::from(c)).sum();
    let top = counts.len().div_ceil(10);
    let top_sum: u64 = counts[..top].iter().map(|&c| u64::from(c)).sum();
    ctx.push(
        FigureKey::new(Measure::ReoffendingConcentration, p),
        status,
        Val::rate(top_sum as f64, Some(total as f64), 100.0),
        Measure::ReoffendingConcentration.unit(),
        format!(
            "{} {note}",
            fill(
                msg("figure.reoffending_concentration"),
                &[("top", &top), ("reoffenders", &counts.len())]
            )
        ),
    );
    let mut bands = [0u64; ReoffencesBand::ALL.len()];
    for &c in &counts {
        if let Some(b) = ReoffencesBand::of(c) {
            bands[b.index()] += 1;
        }
    }
    for &band in ReoffencesBand::ALL {
        let label = band.label();
        ctx.push(
            FigureKey::new(Measure::ReoffendingDistribution, p)
                .group(Breakdown::ReoffencesBand, label),
            status,
            Val {
                denominator: Some(counts.len() as f64),
                ..Val::count(bands[band.index()])
            },
            Measure::ReoffendingDistribution.unit(),
            format!(
                "{} {note}",
                fill(msg("figure.reoffending_distribution"), &[("band", &label)])
            ),
        );
    }
}
