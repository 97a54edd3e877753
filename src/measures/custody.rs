//! Custody and remand (`measures.md`, "Custody and remand").

use crate::catalogue::messages::{fill, msg};
use crate::catalogue::{Measure, Unit};
use crate::codes::{Outcome, Tier};
use crate::report::{CustodyUnit, PeriodType};

use super::emit::{Ctx, FigureKey, Val};
use super::groups::{Attrs, ChildTally, Dim, Tally};

pub const BREAKDOWNS: [Dim; 6] = [
    Dim::All,
    Dim::Ethnicity,
    Dim::Sex,
    Dim::AgeBand,
    Dim::Service,
    Dim::SentenceType,
];
pub const REMAND_BREAKDOWNS: [Dim; 5] = [
    Dim::All,
    Dim::Ethnicity,
    Dim::Sex,
    Dim::AgeBand,
    Dim::Service,
];

pub fn emit(ctx: &mut Ctx) {
    let prep = ctx.prep;
    let np = ctx.periods.len();
    let layout = ctx.layout(&BREAKDOWNS);
    let rlayout = ctx.layout(&REMAND_BREAKDOWNS);
    let ns = layout.len();
    let nr = rlayout.len();
    let mut sentences = Tally::new(np, ns);
    let mut court = Tally::new(np, ns);
    let mut children = ChildTally::new(np, ns);
    let mut episodes = Tally::new(np, nr);
    let mut remand_children = ChildTally::new(np, nr);
    let mut la_episodes = Tally::new(np, nr);
    let mut nights = Tally::new(np, nr);
    let mut open = Tally::new(np, nr);
    let mut with_next = Tally::new(np, nr);
    let mut next_custody = Tally::new(np, nr);
    let extract_date = prep.extract_date;
    // Court occasions before this reach no figure built (the year-earlier computation).
    let from = ctx.wanted_from(|p| ctx.period(p).status);

    for (ci, child) in prep.children.iter().enumerate() {
        let ci = ci as u32;
        let occasions = prep.child_occasions(child);
        for o in occasions {
            if !o.tier().is_court() || from.is_some_and(|f| o.date < f) || !child.youth_at(o.date) {
                continue;
            }
            let a = Attrs::of(child, o.date, o.outcome, o.category, o.gravity);
            let sl = layout.slots(&ctx.codes, &a);
            let periods = ctx.periods.containing(o.date);
            let Some(&qp) = periods.first() else { continue };
            // Additive counts go to the quarter (rolled up below); distinct children per period.
            court.add(qp, &sl, 1);
            if o.tier() == Tier::Custody {
                sentences.add(qp, &sl, 1);
                for &p in periods {
                    children.add(ci, p, &sl);
                }
            }
        }
        for r in prep.child_remands(child) {
            if !child.youth_at(r.start) {
                continue;
            }
            let a = Attrs::of(child, r.start, r.kind, 0, None);
            let sl = rlayout.slots(&ctx.codes, &a);
            let periods = ctx.periods.containing(r.start);
            if r.kind == Outcome::RemandLaa {
                if let Some(&qp) = periods.first() {
                    la_episodes.add(qp, &sl, 1);
                }
                continue;
            }
            // The child's next occasion after the start.
            let next = occasions.iter().find(|o| o.date > r.start);
            if let Some(&qp) = periods.first() {
                episodes.add(qp, &sl, 1);
                if let Some(o) = next {
                    with_next.add(qp, &sl, 1);
                    if o.tier() == Tier::Custody {
                        next_custody.add(qp, &sl, 1);
                    }
                }
            }
            for &p in periods {
                remand_children.add(ci, p, &sl);
            }
            // Bed nights: each night from the start to the end − 1 day; an open episode runs
            // to the extract date (nothing after it has happened), clipped to each period.
            let last_night = match r.end {
                Some(end) => end.pred_opt().unwrap_or(end),
                None => extract_date.pred_opt().unwrap_or(extract_date),
            };
            if last_night < r.start {
                continue;
            }
            for (p, period) in ctx.periods.list.iter().enumerate() {
                let from = r.start.max(period.start);
                let to = last_night.min(period.end);
                if to < from {
                    continue;
                }
                // Nights are additive over quarters: count them in quarters, roll up later.
                if period.period_type == PeriodType::Quarter {
                    nights.add(p, &sl, (to - from).num_days() as u64 + 1);
                }
                if r.end.is_none() {
                    open.add(p, &sl, 1);
                }
            }
        }
    }
    for t in [
        &mut sentences,
        &mut court,
        &mut episodes,
        &mut la_episodes,
        &mut nights,
        &mut with_next,
        &mut next_custody,
    ] {
        t.roll_up(ctx.periods, |_| true);
    }

    let (mult, unit) = match ctx.settings.custody_unit {
        CustodyUnit::Per1000 => (1000.0, Unit::Per1000),
        CustodyUnit::Per100000 => (100_000.0, Unit::Per100000),
    };
    // `all` is first in every layout.
    let total_slot = layout
        .slots
        .iter()
        .position(|s| s.dim == Dim::All)
        .unwrap_or(0);
    // The words of each figure's definition (the message table's `figure.*`).
    let sentences_def = msg("figure.custody_sentences");
    let children_def = fill(
        msg("figure.custody_children"),
        &[("sentences", &sentences_def)],
    );
    let share_def = msg("figure.custody_share_of_court");
    let episodes_def = msg("figure.remand_episodes");
    let remand_children_def = fill(
        msg("figure.remand_children"),
        &[("episodes", &episodes_def)],
    );
    let la_def = msg("figure.remand_la_episodes");
    let outcome_def = fill(
        msg("figure.remand_outcome_custody"),
        &[("episodes", &episodes_def)],
    );
    let (nights_def, open_def) = (
        msg("figure.remand_bed_nights"),
        msg("figure.remand_bed_nights.open"),
    );
    for p in 0..np {
        let status = ctx.period(p).status;
        if ctx.skip_period(status) {
            continue;
        }
        for (s, slot) in layout.slots.iter().enumerate() {
            let n = sentences.get(p, s);
            let sentence_type = slot.dim == Dim::SentenceType;
            ctx.push(
                FigureKey::new(Measure::CustodySentences, p).slot(slot),
                status,
                Val::count(n),
                Measure::CustodySentences.unit(),
                sentences_def,
            );
            ctx.push(
                FigureKey::new(Measure::CustodyChildren, p).slot(slot),
                status,
                Val::count(children.get(p, s)),
                Measure::CustodyChildren.unit(),
                &children_def,
            );
            let pop = ctx.population(p, slot.dim, slot.group_index);
            let pop_note = ctx.population_note(p, slot.dim, slot.group_index);
            let rate_def = fill(
                msg("figure.custody_rate"),
                &[("unit", &unit.words()), ("population", &pop_note)],
            );
            ctx.push(
                FigureKey::new(Measure::CustodyRate, p).slot(slot),
                status,
                Val::rate(n as f64, pop, mult),
                unit,
                &rate_def,
            );
            let court_n = if sentence_type {
                court.get(p, total_slot)
            } else {
                court.get(p, s)
            };
            ctx.push(
                FigureKey::new(Measure::CustodyShareOfCourt, p).slot(slot),
                status,
                Val::percent(n, court_n),
                Measure::CustodyShareOfCourt.unit(),
                share_def,
            );
        }
        for (s, slot) in rlayout.slots.iter().enumerate() {
            ctx.push(
                FigureKey::new(Measure::RemandEpisodes, p).slot(slot),
                status,
                Val::count(episodes.get(p, s)),
                Measure::RemandEpisodes.unit(),
                episodes_def,
            );
            ctx.push(
                FigureKey::new(Measure::RemandChildren, p).slot(slot),
                status,
                Val::count(remand_children.get(p, s)),
                Measure::RemandChildren.unit(),
                &remand_children_def,
            );
            let opened = open.get(p, s);
            let open_note = if opened > 0 {
                format!(" {}", fill(open_def, &[("opened", &opened)]))
            } else {
                String::new()
            };
            ctx.push(
                FigureKey::new(Measure::RemandBedNights, p).slot(slot),
                status,
                Val::count(nights.get(p, s)),
                Measure::RemandBedNights.unit(),
                &fill(nights_def, &[("open", &open_note)]),
            );
            ctx.push(
                FigureKey::new(Measure::RemandLaEpisodes, p).slot(slot),
                status,
                Val::count(la_episodes.get(p, s)),
                Measure::RemandLaEpisodes.unit(),
                la_def,
            );
            ctx.push(
                FigureKey::new(Measure::RemandOutcomeCustody, p).slot(slot),
                status,
                Val::percent(next_custody.get(p, s), with_next.get(p, s)),
                Measure::RemandOutcomeCustody.unit(),
                &outcome_def,
            );
        }
    }
}
