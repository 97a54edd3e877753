//! Throughput profile and serious violence (`measures.md`, "Throughput profile").

use super::emit::{Ctx, FigureKey, Val};
use super::groups::{Attrs, ChildTally, Dim, Tally};
use crate::catalogue::messages::{fill, msg};
use crate::catalogue::Measure;

pub const BREAKDOWNS: [Dim; 7] = [
    Dim::All,
    Dim::AgeSex,
    Dim::OutcomeTier { diversion: true },
    Dim::OutcomeType { diversion: true },
    Dim::OffenceCategory,
    Dim::GravityBand,
    Dim::LookedAfter,
];

pub fn emit(ctx: &mut Ctx) {
    let prep = ctx.prep;
    let extract = ctx.extract;
    let np = ctx.periods.len();
    let layout = ctx.layout(&BREAKDOWNS);
    let ns = layout.len();
    let mut children = ChildTally::new(np, ns);
    let mut occasions = Tally::new(np, ns);
    let mut offences = Tally::new(np, ns);
    let mut serious = vec![0u64; np];
    // Occasions before this reach no figure built (the year-earlier computation).
    let from = ctx.wanted_from(|p| ctx.period(p).status);
    for (ci, child) in prep.children.iter().enumerate() {
        for o in prep.child_occasions(child) {
            let periods = ctx.periods.containing(o.date);
            if periods.is_empty() || from.is_some_and(|f| o.date < f) {
                continue;
            }
            let a = Attrs::of(child, o.date, o.outcome, o.category, o.gravity);
            // `child.youth_at(o.date)`, from the age just worked out.
            let youth = a.age.is_none_or(|age| (10..=17).contains(&age));
            let sl = layout.slots(&ctx.codes, &a);
            let qp = periods[0]; // the quarter comes first
            occasions.add(qp, &sl, 1);
            for &p in periods {
                children.add(ci as u32, p, &sl);
            }
            let rows = prep.rows_of(o);
            let mut violent_rows = 0u64;
            if let [_] = rows {
                // Most occasions have one row, whose outcome, category and gravity are the
                // occasion's: counted without reading the row (the rows lie in file order, the
                // occasions in the children's: each row read was a cache miss at 1M rows).
                violent_rows =
                    u64::from(youth && serious_violence(extract, o.outcome, o.category, o.gravity));
                offences.add(qp, &sl, 1);
            } else {
                for &ri in rows {
                    let row = &extract.rows[ri as usize];
                    let violent =
                        youth && serious_violence(extract, row.outcome, row.category, row.gravity);
                    violent_rows += u64::from(violent);
                    // A row with the occasion's own outcome, category and gravity falls in the
                    // occasion's slots.
                    if (row.outcome, row.category, row.gravity)
                        == (o.outcome, o.category, o.gravity)
                    {
                        offences.add(qp, &sl, 1);
                        continue;
                    }
                    let ra = Attrs {
                        outcome: row.outcome,
                        category: row.category,
                        gravity: row.gravity,
                        ..a
                    };
                    offences.add(qp, &layout.slots(&ctx.codes, &ra), 1);
                }
            }
            if violent_rows > 0 {
                for &p in periods {
                    serious[p] += violent_rows;
                }
            }
        }
    }
    occasions.roll_up(ctx.periods, |_| true);
    offences.roll_up(ctx.periods, |_| true);
    // The words of each figure's definition (the message table's `figure.*`).
    let all = msg("figure.throughput");
    let children_def = |note: &str| {
        fill(
            msg("figure.throughput_children"),
            &[("note", &note), ("all", &all)],
        )
    };
    let children_by_event = children_def(msg("figure.throughput_children.by_event"));
    let children_by_child = children_def(msg("figure.throughput_children.by_child"));
    let occasions_def = fill(msg("figure.throughput_occasions"), &[("all", &all)]);
    let offences_def = fill(msg("figure.throughput_offences"), &[("all", &all)]);
    let violence_def = msg("figure.serious_violence_count");
    for (p, &violent) in serious.iter().enumerate() {
        let status = ctx.period(p).status;
        if ctx.skip_period(status) {
            continue;
        }
        for (s, slot) in layout.slots.iter().enumerate() {
            let by_event = !slot.dim.is_child_attribute();
            let children_def = if by_event {
                &children_by_event
            } else {
                &children_by_child
            };
            ctx.push(
                FigureKey::new(Measure::ThroughputChildren, p).slot(slot),
                status,
                Val::count(children.get(p, s)),
                Measure::ThroughputChildren.unit(),
                children_def,
            );
            ctx.push(
                FigureKey::new(Measure::ThroughputOccasions, p).slot(slot),
                status,
                Val::count(occasions.get(p, s)),
                Measure::ThroughputOccasions.unit(),
                &occasions_def,
            );
            ctx.push(
                FigureKey::new(Measure::ThroughputOffences, p).slot(slot),
                status,
                Val::count(offences.get(p, s)),
                Measure::ThroughputOffences.unit(),
                &offences_def,
            );
        }
        ctx.push(
            FigureKey::new(Measure::SeriousViolenceCount, p),
            status,
            Val::count(violent),
            Measure::SeriousViolenceCount.unit(),
            violence_def,
        );
        let pop = ctx.population(p, Dim::All, 0); // the one group of `all`
        let pop_note = ctx.population_note(p, Dim::All, 0);
        ctx.push(
            FigureKey::new(Measure::SeriousViolenceRate, p),
            status,
            Val::rate(violent as f64, pop, 100_000.0),
            Measure::SeriousViolenceRate.unit(),
            &fill(
                msg("figure.serious_violence_rate"),
                &[("count", &violence_def), ("population", &pop_note)],
            ),
        );
    }
}

/// Whether a row of a child aged 10–17 with this outcome, category and gravity counts as
/// serious violence: a substantive outcome for an offence of gravity 5 or more in the serious
/// violence group (`measures.md`).
fn serious_violence(
    extract: &crate::extract::Extract,
    outcome: crate::codes::Outcome,
    category: u32,
    gravity: Option<u8>,
) -> bool {
    outcome.tier().is_substantive()
        && gravity.is_some_and(|g| g >= 5)
        && extract
            .categories
            .get(category as usize)
            .is_some_and(|c| c.serious_violence_group)
}
