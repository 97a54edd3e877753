//! Reoffending, the live tracker (`measures.md`, "Reoffending"): index events, quarterly
//! cohorts, reoffences, the six figures with breakdowns, 12-month pooled (or legacy) figures,
//! time to first reoffence, concentration and distribution.

use chrono::NaiveDate;

use crate::catalogue::breakdown::{ReoffencesBand, MONTHS};
use crate::catalogue::messages::{fill, msg};
use crate::catalogue::{Breakdown, Measure, Unit};
use crate::codes::{EthnicGroup, Tier};
use crate::report::{CohortMethod, PeriodType, Status};

use super::chunked::Chunked;
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
    /// The index occasion: an index into [`Prepared::occasions`]. With the child and the
    /// index date it gives the entry's attributes ([`Entry::attrs`]), which are not stored:
    /// 28 bytes an entry instead of 48 (issue 15 item 2).
    pub occasion: u32,
    /// Substantive occasions before the index date ([`Attrs::previous`]).
    pub previous: u32,
    pub reoffences: u32,
    /// Offence date of the first reoffence.
    pub first_reoffence: Option<NaiveDate>,
    /// The smallest m (1–12) with the first reoffence on or before index + m months; 0 when
    /// there is none.
    pub first_month: u8,
}

impl Entry {
    /// The child's attributes at the index date with the index occasion's outcome, category
    /// and gravity, and the substantive occasions before it.
    pub fn attrs(&self, prep: &Prepared) -> Attrs {
        let o = &prep.occasions[self.occasion as usize];
        let child = &prep.children[self.child as usize];
        let mut attrs = Attrs::of(child, self.index_date, o.outcome, o.category, o.gravity);
        attrs.previous = self.previous;
        attrs
    }
}

/// Cohorts of every period.
#[derive(Clone, Debug, Default)]
pub struct Cohorts {
    /// In chunks ([`Chunked`]): grown by doubling, the entries' last copy grew the worker's
    /// wasm memory by 7 MiB at 1M rows (issue 15 item 2).
    pub entries: Chunked<Entry>,
    /// For each period, the entries of its cohort, with the legacy method only (each entry is
    /// then in one period). Pooled, the lists are left empty: an entry is in the cohort of the
    /// quarter containing its index date and of every 12-month period containing that
    /// quarter ([`super::periods::Periods::containing`]).
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
    /// Whether to list each period's entries in [`Cohorts::by_period`] (legacy).
    lists: bool,
    child_stamp: Vec<u32>,
    reoffender_stamp: Vec<u32>,
}

impl Adder {
    fn add(&mut self, out: &mut Cohorts, p: usize, e: u32, g: usize) {
        let entry = &out.entries[e as usize];
        let child = entry.child;
        if self.lists {
            out.by_period[p].push(e);
        }
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
            .then(prep.first_row(oa).cmp(&prep.first_row(ob)))
    });
}

fn entry(prep: &Prepared, child_index: u32, child: &Child, date: NaiveDate, k: usize) -> Entry {
    let occasions = prep.child_occasions(child);
    let o = &occasions[k];
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
    let previous = before - u32::from(o.date < date);
    let (reoffences, first_reoffence) = reoffences(prep.child_candidates(child), date);
    let first_month = first_reoffence.map_or(0, |f| first_month(date, f));
    Entry {
        child: child_index,
        index_date: date,
        occasion: prep.occasion_index(o),
        previous,
        reoffences,
        first_reoffence,
        first_month,
    }
}

/// The smallest m (1–12) with `first` on or before `index` + m months (12 when there is
/// none). Month arithmetic only moves within a month (`add_months` clamps the day), so
/// `index` + m months falls before `first`'s month for every m below the months between them:
/// the answer is that difference or the next one — one `add_months` instead of up to twelve.
fn first_month(index: NaiveDate, first: NaiveDate) -> u8 {
    use chrono::Datelike;
    let apart = (first.year() - index.year()) * 12 + first.month() as i32 - index.month() as i32;
    let m = if apart >= 1 && first <= add_months(index, apart as u32) {
        apart
    } else {
        apart + 1
    };
    m.clamp(1, 12) as u8
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
        entries: Chunked::default(),
        by_period: vec![Vec::new(); np],
        stage_children: vec![[0; ETHNIC_GROUPS]; np],
        stage_reoffenders: vec![[0; ETHNIC_GROUPS]; np],
    };
    let mut adder = Adder {
        lists: legacy,
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
    // Pooled 12-month counts are sums of quarterly ones: tally the quarters, then roll up.
    // Each pooled entry is in the cohort of exactly the quarter containing its index date (and
    // the 12-month periods containing that quarter), so one pass in entry order — memory order —
    // fills the quarters. A legacy entry is in one period (its quarter's, or one 12-month
    // period's): those are tallied from each period's list.
    let legacy = ctx.settings.cohort_method == CohortMethod::Legacy;
    let mut summaries = vec![Summary::default(); np];
    let mut tally = |p: usize, e: &Entry, summary: &mut Summary| {
        let sl = layout.slots(&ctx.codes, &e.attrs(ctx.prep));
        cohort.add(p, &sl, 1);
        if e.reoffences > 0 {
            reoffenders.add(p, &sl, 1);
            offences.add(p, &sl, u64::from(e.reoffences));
        }
        summary.add(e);
    };
    if legacy {
        for (p, entries) in cohorts.by_period.iter().enumerate() {
            for &e in entries {
                tally(p, &cohorts.entries[e as usize], &mut summaries[p]);
            }
        }
    } else {
        for e in &cohorts.entries {
            if let Some(p) = ctx.periods.quarter_of(e.index_date) {
                tally(p, e, &mut summaries[p]);
            }
        }
        for t in [&mut cohort, &mut reoffenders, &mut offences] {
            t.roll_up(ctx.periods, |_| true);
        }
        roll_up_summaries(ctx.periods, &mut summaries);
    }
    for (p, summary) in summaries.iter().enumerate() {
        let status = period_status(ctx, p);
        if ctx.skip_period(status) {
            continue;
        }
        let note = cohort_note(ctx, p);
        // Each figure's definition, made once per period (the same in every group).
        let def_of = |measure: Measure| format!("{} {note}", msg(&format!("figure.{measure}")));
        let defs = HEADLINE.map(def_of);
        let def = |measure: Measure| {
            defs[HEADLINE.iter().position(|m| *m == measure).unwrap_or(0)].as_str()
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
        beyond_headline(ctx, summary, p, status, &note);
    }
}

/// What the figures beyond the headline need of a period's cohort: its size, its entries by
/// the month of their first reoffence, and how many reoffences each reoffender's entry has
/// (as counts of entries per number of reoffences: additive over the quarters of a pooled
/// cohort, and enough for the concentration, whose sum over the most prolific tenth does not
/// depend on which of equal counts come first).
#[derive(Clone, Debug, Default)]
struct Summary {
    size: u64,
    by_month: [u64; 13],
    /// Entries with n reoffences at index n (n < [`FEW`]; index 0 unused).
    few: [u64; FEW],
    /// The reoffence counts of entries with [`FEW`] or more.
    many: Vec<u32>,
}

/// Reoffence counts below this are counted in [`Summary::few`].
const FEW: usize = 16;

impl Summary {
    fn add(&mut self, e: &Entry) {
        self.size += 1;
        self.by_month[e.first_month as usize] += 1;
        match e.reoffences as usize {
            0 => {}
            n if n < FEW => self.few[n] += 1,
            _ => self.many.push(e.reoffences),
        }
    }

    fn add_summary(&mut self, other: &Summary) {
        self.size += other.size;
        for (a, b) in self.by_month.iter_mut().zip(&other.by_month) {
            *a += b;
        }
        for (a, b) in self.few.iter_mut().zip(&other.few) {
            *a += b;
        }
        self.many.extend_from_slice(&other.many);
    }

    /// The reoffence counts of the reoffenders' entries, most prolific first.
    fn counts_descending(&self) -> impl Iterator<Item = (u32, u64)> + '_ {
        let mut many = self.many.clone();
        many.sort_unstable_by(|a, b| b.cmp(a));
        many.into_iter().map(|c| (c, 1)).chain(
            (1..FEW)
                .rev()
                .filter(|&n| self.few[n] > 0)
                .map(|n| (n as u32, self.few[n])),
        )
    }
}

/// Fill each pooled 12-month period's summary with the sum of its quarters' (as
/// [`Tally::roll_up`] does for the counts).
fn roll_up_summaries(periods: &super::periods::Periods, summaries: &mut [Summary]) {
    for (p, period) in periods.list.iter().enumerate() {
        if period.period_type == PeriodType::Quarter {
            continue;
        }
        let mut sum = Summary::default();
        for q in period.first_quarter..=period.last_quarter.min(periods.q_last) {
            if let Some(qp) = periods.quarter(q) {
                sum.add_summary(&summaries[qp]);
            }
        }
        summaries[p] = sum;
    }
}

/// Time to first reoffence, concentration and distribution (whole cohort only).
fn beyond_headline(ctx: &mut Ctx, summary: &Summary, p: usize, status: Status, note: &str) {
    let size = summary.size;
    let by_month = &summary.by_month;
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
            &format!("{what} {note}"),
        );
    }
    // Most prolific first (ties between equal counts do not change the sum): the top tenth
    // of the reoffenders' entries, rounded up.
    let reoffenders: u64 = summary.many.len() as u64 + summary.few.iter().sum::<u64>();
    let mut total = 0u64;
    let mut top_sum = 0u64;
    let top = reoffenders.div_ceil(10);
    let mut left = top;
    let mut bands = [0u64; ReoffencesBand::ALL.len()];
    for (c, n) in summary.counts_descending() {
        total += u64::from(c) * n;
        let taken = n.min(left);
        top_sum += u64::from(c) * taken;
        left -= taken;
        if let Some(b) = ReoffencesBand::of(c) {
            bands[b.index()] += n;
        }
    }
    ctx.push(
        FigureKey::new(Measure::ReoffendingConcentration, p),
        status,
        Val::rate(top_sum as f64, Some(total as f64), 100.0),
        Measure::ReoffendingConcentration.unit(),
        &format!(
            "{} {note}",
            fill(
                msg("figure.reoffending_concentration"),
                &[("top", &top), ("reoffenders", &reoffenders)]
            )
        ),
    );
    for &band in ReoffencesBand::ALL {
        let label = band.label();
        ctx.push(
            FigureKey::new(Measure::ReoffendingDistribution, p)
                .group(Breakdown::ReoffencesBand, label),
            status,
            Val {
                denominator: Some(reoffenders as f64),
                ..Val::count(bands[band.index()])
            },
            Measure::ReoffendingDistribution.unit(),
            &format!(
                "{} {note}",
                fill(msg("figure.reoffending_distribution"), &[("band", &label)])
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// The month of a first reoffence is the smallest m with the reoffence on or before the
    /// index date + m months: 31 Jan + 1 month is 29 Feb 2024, so a reoffence on 29 Feb is in
    /// month 1 and one on 1 Mar in month 2; 15 Mar + 1 month is 15 Apr (month 1 up to that
    /// day, month 2 from the 16th); a reoffence 12 months or more away is month 12.
    #[test]
    fn first_month_by_month_arithmetic() {
        assert_eq!(first_month(d(2024, 1, 31), d(2024, 2, 29)), 1);
        assert_eq!(first_month(d(2024, 1, 31), d(2024, 3, 1)), 2);
        assert_eq!(first_month(d(2024, 3, 15), d(2024, 3, 16)), 1);
        assert_eq!(first_month(d(2024, 3, 15), d(2024, 4, 15)), 1);
        assert_eq!(first_month(d(2024, 3, 15), d(2024, 4, 16)), 2);
        assert_eq!(first_month(d(2024, 3, 15), d(2025, 3, 15)), 12);
        assert_eq!(first_month(d(2024, 3, 15), d(2025, 9, 1)), 12);
    }

    /// The same as trying m = 1, 2, … 12 in turn (how the definition reads), for every pair
    /// of an index date in 2023–2024 and a later date up to 14 months on, month ends and
    /// 29 February included.
    #[test]
    fn first_month_is_the_smallest_month() {
        let mut index = d(2023, 1, 1);
        while index < d(2025, 1, 1) {
            for days in 1..430 {
                let first = index + chrono::Days::new(days);
                let stepwise = (1..=12u8)
                    .find(|&m| first <= add_months(index, u32::from(m)))
                    .unwrap_or(12);
                assert_eq!(first_month(index, first), stepwise, "{index} {first}");
            }
            index = index.succ_opt().unwrap();
        }
    }
}
