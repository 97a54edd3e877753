//! First-time entrants (`measures.md`, "First time entrants").

use chrono::NaiveDate;

use super::dates::whole_months_between;
use super::emit::{Ctx, FigureKey, Val};
use super::groups::{Attrs, Dim, Tally};
use crate::catalogue::messages::{fill, msg};
use crate::catalogue::Measure;

/// Breakdowns of the FTE figures (the partitioning characteristics that have denominators).
pub const BREAKDOWNS: [Dim; 5] = [
    Dim::All,
    Dim::Ethnicity,
    Dim::Sex,
    Dim::AgeBand,
    Dim::Service,
];

/// Each child's first-time entry, when the child's first substantive occasion in the whole
/// extract finds them aged 10–17 (or of unknown age): that occasion, as an index into
/// [`super::prepare::Prepared::occasions`] (its child, date and attributes are read from
/// there: 4 bytes an entrant instead of 36, issue 15 item 2).
pub fn entrants(ctx: &Ctx) -> Vec<u32> {
    let prep = ctx.prep;
    let mut out = Vec::new();
    for child in &prep.children {
        let first = prep
            .child_occasions(child)
            .iter()
            .find(|o| o.tier().is_substantive());
        if let Some(o) = first {
            if child.youth_at(o.date) {
                out.push(prep.occasion_index(o));
            }
        }
    }
    out
}

/// Months of history in the extract before `start` (from the earliest outcome date).
pub fn history_months(ctx: &Ctx, start: NaiveDate) -> u32 {
    ctx.prep
        .first_date
        .map_or(0, |f| whole_months_between(f, start))
}

pub fn emit(ctx: &mut Ctx, entrants: &[u32]) {
    let layout = ctx.layout(&BREAKDOWNS);
    let np = ctx.periods.len();
    let mut tally = Tally::new(np, layout.len());
    let prep = ctx.prep;
    for &e in entrants {
        let o = &prep.occasions[e as usize];
        if let Some(p) = ctx.periods.quarter_of(o.date) {
            let child = &prep.children[o.child as usize];
            let attrs = Attrs::of(child, o.date, o.outcome, o.category, o.gravity);
            tally.add(p, &layout.slots(&ctx.codes, &attrs), 1);
        }
    }
    tally.roll_up(ctx.periods, |_| true);
    for p in 0..np {
        let period = ctx.period(p);
        let status = period.status;
        if ctx.skip_period(status) {
            continue;
        }
        let months = history_months(ctx, period.start);
        let history = msg(if months < 24 {
            "figure.fte.short_history"
        } else {
            "figure.fte.history"
        });
        let history = fill(history, &[("months", &months)]);
        let base = fill(msg("figure.fte_count"), &[("history", &history)]);
        for (s, slot) in layout.slots.iter().enumerate() {
            let n = tally.get(p, s);
            ctx.push(
                FigureKey::new(Measure::FteCount, p).slot(slot),
                status,
                Val::count(n),
                Measure::FteCount.unit(),
                &base,
            );
            let pop = ctx.population(p, slot.dim, slot.group_index);
            let pop_note = ctx.population_note(p, slot.dim, slot.group_index);
            let rate_def = fill(
                msg("figure.fte_rate"),
                &[("count", &base), ("population", &pop_note)],
            );
            ctx.push(
                FigureKey::new(Measure::FteRate, p).slot(slot),
                status,
                Val::rate(n as f64, pop, 100_000.0),
                Measure::FteRate.unit(),
                &rate_def,
            );
        }
    }
}
