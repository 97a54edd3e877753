//! Ethnic disproportionality (`measures.md`, "Ethnic disproportionality"): distinct children
//! 10–17 at each stage by ethnic group, shares against the population, rates, relative rate
//! indices with log-scale intervals, and stage-to-stage (decision-point) indices.

use chrono::NaiveDate;

use crate::codes::{EthnicGroup, Outcome, Tier};

use super::emit::{Ctx, FigureKey, Val};
use super::groups::Dim;
use super::reoffending::Cohorts;
use super::stats::{ratio, rri_interval};

/// Stage ids in the order they are written; the last two are base stages used only by
/// stage-to-stage rates.
pub const STAGES: [&str; 12] = [
    "throughput",
    "substantive",
    "diversion",
    "out_of_court",
    "first_time_entrants",
    "court",
    "custody",
    "remand",
    "reoffending_cohort",
    "reoffending",
    "diversion_or_out_of_court",
    "court_or_remand",
];
const PUBLISHED: usize = 10;

/// The stages of `measures.md` (the counted ones; without the two base-only stages).
pub const COUNTED_STAGES: &[&str] = STAGES.split_at(PUBLISHED).0;
const THROUGHPUT: usize = 0;
const SUBSTANTIVE: usize = 1;
const DIVERSION: usize = 2;
const OUT_OF_COURT: usize = 3;
const FTE: usize = 4;
const COURT: usize = 5;
const CUSTODY: usize = 6;
const REMAND: usize = 7;
const COHORT: usize = 8;
const REOFFENDING: usize = 9;
const DIV_OR_OOC: usize = 10;
const COURT_OR_REMAND: usize = 11;

/// (later, base) stage pairs of the decision-point method.
pub const STAGE_PAIRS: [(usize, usize); 5] = [
    (OUT_OF_COURT, DIV_OR_OOC),
    (COURT, SUBSTANTIVE),
    (CUSTODY, COURT),
    (REMAND, COURT_OR_REMAND),
    (REOFFENDING, COHORT),
];

const STAGE_TEXT: [&str; 12] = [
    "children with any occasion (diversion included)",
    "children with any substantive occasion (what the YJB counts)",
    "children with any diversion occasion",
    "children with an occasion whose outcome is a Youth Caution or Youth Conditional Caution",
    "first-time entrants of the period",
    "children with any court occasion",
    "children with any custodial occasion",
    "children with a remand to youth detention accommodation starting in the period",
    "children in the period's reoffending cohorts (a child in two quarters counts once)",
    "reoffenders among the children in the period's reoffending cohorts",
    "children with a diversion or out-of-court occasion",
    "children with a court occasion or a remand to youth detention accommodation",
];

fn eth_index(g: EthnicGroup) -> usize {
    EthnicGroup::ALL.iter().position(|x| *x == g).unwrap_or(5)
}

/// counts[period][stage][ethnic group]
pub type StageCounts = Vec<[[u64; 6]; 12]>;

pub fn stage_counts(
    ctx: &Ctx,
    fte: &[(u32, NaiveDate, super::groups::Attrs)],
    cohorts: &Cohorts,
) -> StageCounts {
    let prep = ctx.prep;
    let np = ctx.periods.len();
    let mut counts: StageCounts = vec![[[0; 6]; 12]; np];
    let mut stamp = vec![[u32::MAX; 12]; np];
    // Events before this reach no figure built (the year-earlier computation).
    let from = ctx.wanted_from(|p| ctx.period(p).status);
    let mark = |counts: &mut StageCounts,
                stamp: &mut Vec<[u32; 12]>,
                child: u32,
                g: usize,
                stage: usize,
                date: NaiveDate| {
        for &p in ctx.periods.containing(date) {
            if stamp[p][stage] != child {
                stamp[p][stage] = child;
                counts[p][stage][g] += 1;
            }
        }
    };
    for (ci, child) in prep.children.iter().enumerate() {
        let ci = ci as u32;
        let g = eth_index(child.ethnicity);
        for o in prep.child_occasions(child) {
            if from.is_some_and(|f| o.date < f) || !child.youth_at(o.date) {
                continue;
            }
            let tier = o.tier();
            let ooc = matches!(
                o.outcome,
                Outcome::YouthCaution | Outcome::YouthConditionalCaution
            );
            let stages = [
                (THROUGHPUT, true),
                (SUBSTANTIVE, tier.is_substantive()),
                (DIVERSION, tier == Tier::Diversion),
                (OUT_OF_COURT, ooc),
                (DIV_OR_OOC, tier == Tier::Diversion || ooc),
                (COURT, tier.is_court()),
                (COURT_OR_REMAND, tier.is_court()),
                (CUSTODY, tier == Tier::Custody),
            ];
            for (s, on) in stages {
                if on {
                    mark(&mut counts, &mut stamp, ci, g, s, o.date);
                }
            }
        }
        for r in prep.child_remands(child) {
            if r.kind == Outcome::RemandYda && child.youth_at(r.start) {
                mark(&mut counts, &mut stamp, ci, g, REMAND, r.start);
                mark(&mut counts, &mut stamp, ci, g, COURT_OR_REMAND, r.start);
            }
        }
    }
    for (ci, date, _) in fte {
        let g = eth_index(prep.children[*ci as usize].ethnicity);
        mark(&mut counts, &mut stamp, *ci, g, FTE, *date);
    }
    // Reoffending cohorts: distinct children per period; a reoffender if any of their
    // entries in the period has a reoffence.
    for (p, c) in counts.iter_mut().enumerate() {
        c[COHORT] = cohorts.stage_children[p];
        c[REOFFENDING] = cohorts.stage_reoffenders[p];
    }
    counts
}

/// The RRI value, interval and flag for counts `a` of `n1` against `c` of `n2`.
pub fn rri(a: f64, n1: Option<f64>, c: f64, n2: Option<f64>) -> Val {
    let value = match (n1, n2) {
        (Some(n1), Some(n2)) => {
            ratio(a, n1).and_then(|ra| ratio(c, n2).and_then(|rc| ratio(ra, rc)))
        }
        _ => None,
    };
    let too_few = a < 5.0 || c < 5.0;
    let ci = if too_few || value.is_none() {
        None
    } else {
        rri_interval(a, n1.unwrap_or(0.0), c, n2.unwrap_or(0.0))
    };
    let flag = if too_few {
        "too_few"
    } else {
        match ci {
            Some((lo, _)) if lo > 1.0 => "over",
            Some((_, hi)) if hi < 1.0 => "under",
            _ => "none",
        }
    };
    Val {
        numerator: Some(a),
        denominator: n1,
        value,
        ci,
        flag,
    }
}

const LOCAL_RULE: &str = "Log-scale 95% interval (local choice); too_few under 5.";

pub fn emit(ctx: &mut Ctx, counts: &StageCounts) {
    let reference = ctx.settings.reference_group;
    let ref_i = eth_index(reference);
    let eth_slots: Vec<_> = ctx
        .codes
        .groups(Dim::Ethnicity)
        .into_iter()
        .map(|(g, _)| g)
        .collect();
    for (p, pc) in counts.iter().enumerate() {
        let status = ctx.period(p).status;
        if ctx.skip_period(status) {
            continue;
        }
        let pop: [Option<f64>; 5] = std::array::from_fn(|g| ctx.population(p, Dim::Ethnicity, g));
        let known_pop: Option<f64> = pop.iter().copied().sum::<Option<f64>>();
        // Shares, gaps and indices depend on every group's population.
        let pop_note = ctx.population_note(p, Dim::All, 0);
        for stage in 0..PUBLISHED {
            let c = &pc[stage];
            let id = STAGES[stage];
            let who = STAGE_TEXT[stage];
            let known: u64 = c[..5].iter().sum();
            let all: u64 = known + c[5];
            for g in 0..6 {
                let label = &eth_slots[g];
                let group_def = format!("Stage: {who}, 10-17.");
                ctx.push(
                    FigureKey::new("disp_count", p)
                        .stage(id)
                        .group("ethnicity", label),
                    status,
                    Val::count(c[g]),
                    "children",
                    group_def.clone(),
                );
                if g == 5 {
                    ctx.push(
                        FigureKey::new("disp_unknown_share", p)
                            .stage(id)
                            .group("ethnicity", label),
                        status,
                        Val::percent(c[5], all),
                        "%",
                        format!("Unknown / all children x 100. {group_def}"),
                    );
                    continue;
                }
                let share = Val::percent(c[g], known);
                ctx.push(
                    FigureKey::new("disp_share", p)
                        .stage(id)
                        .group("ethnicity", label),
                    status,
                    share,
                    "%",
                    format!("Group / known-ethnicity children x 100. {group_def}"),
                );
                let pshare = Val::rate(pop[g].unwrap_or(0.0), known_pop, 100.0);
                let pshare = Val {
                    numerator: pop[g],
                    ..pshare
                };
                ctx.push(
                    FigureKey::new("disp_population_share", p)
                        .stage(id)
                        .group("ethnicity", label),
                    status,
                    pshare,
                    "%",
                    format!("Group / known-ethnicity population 10-17 x 100.{pop_note}"),
                );
                let gap = Val {
                    value: share.value.zip(pshare.value).map(|(s, q)| s - q),
                    ..Val::default()
                };
                ctx.push(
                    FigureKey::new("disp_gap_pp", p)
                        .stage(id)
                        .group("ethnicity", label),
                    status,
                    gap,
                    "percentage points",
                    format!(
                        "Share at the stage minus population share, points. {group_def}{pop_note}"
                    ),
                );
                ctx.push(
                    FigureKey::new("disp_rate", p)
                        .stage(id)
                        .group("ethnicity", label),
                    status,
                    Val::rate(c[g] as f64, pop[g], 1000.0),
                    "per 1,000 aged 10-17 of the group",
                    format!("Per 1,000 of the group's population. {group_def}{pop_note}"),
                );
                if g != ref_i {
                    let v = rri(
                        c[g] as f64,
                        pop[g],
                        c[ref_i] as f64,
                        pop.get(ref_i).copied().flatten(),
                    );
                    ctx.push(
                        FigureKey::new("disp_rri", p)
                            .stage(id)
                            .group("ethnicity", label),
                        status,
                        v,
                        "ratio",
                        format!(
                            "Rate / rate of {} (reference). {LOCAL_RULE} {group_def}{pop_note}",
                            reference.label()
                        ),
                    );
                }
            }
        }
        for (later, base) in STAGE_PAIRS {
            let stage = format!("{}_vs_{}", STAGES[later], STAGES[base]);
            let (l, b) = (&pc[later], &pc[base]);
            for g in 0..5 {
                if g == ref_i {
                    continue;
                }
                let label = &eth_slots[g];
                let v = rri(
                    l[g] as f64,
                    Some(b[g] as f64),
                    l[ref_i] as f64,
                    Some(b[ref_i] as f64),
                );
                ctx.push(
                    FigureKey::new("disp_rri", p)
                        .stage(&stage)
                        .group("ethnicity", label),
                    status,
                    v,
                    "ratio",
                    format!(
                        "Of {}, the share at stage {}, relative to {}. {LOCAL_RULE}",
                        STAGE_TEXT[base],
                        STAGES[later],
                        reference.label()
                    ),
                );
            }
        }
    }
}
