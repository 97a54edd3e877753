//! Ethnic disproportionality (`measures.md`, "Ethnic disproportionality"): distinct children
//! 10–17 at each stage by ethnic group, shares against the population, rates, relative rate
//! indices with log-scale intervals, and stage-to-stage (decision-point) indices.

use crate::catalogue::messages::{self, fill, msg};
use crate::catalogue::stage::STAGE_COUNT;
use crate::catalogue::{Breakdown, Flag, Measure, Stage, Unit};
use crate::codes::{EthnicGroup, Outcome, Tier};

use super::emit::{Ctx, FigureKey, Val};
use super::groups::Dim;
use super::reoffending::{Cohorts, ETHNIC_GROUPS};
use super::stats::{ratio, rri_interval};

/// The stages of `measures.md` (the counted ones; without the two base-only stages).
pub const COUNTED_STAGES: [Stage; 10] = Stage::COUNTED;

/// Who a stage counts, in the words of a figure's definition.
fn stage_text(stage: Stage) -> &'static str {
    messages::of(messages::current(), &["stage", stage.id(), "who"])
}

/// The known ethnic groups (shares exclude Unknown).
const KNOWN: usize = EthnicGroup::KNOWN.len();
const UNKNOWN: usize = EthnicGroup::Unknown.index();

/// counts[period][stage][ethnic group]
pub type StageCounts = Vec<[[u64; ETHNIC_GROUPS]; STAGE_COUNT]>;

pub fn stage_counts(ctx: &Ctx, fte: &[u32], cohorts: &Cohorts) -> StageCounts {
    let prep = ctx.prep;
    let np = ctx.periods.len();
    let mut counts: StageCounts = vec![[[0; ETHNIC_GROUPS]; STAGE_COUNT]; np];
    let mut stamp = vec![[u32::MAX; STAGE_COUNT]; np];
    // Events before this reach no figure built (the year-earlier computation).
    let from = ctx.wanted_from(|p| ctx.period(p).status);
    // `periods`: those containing the event's date (looked up once per event, not per stage).
    let mark = |counts: &mut StageCounts,
                stamp: &mut Vec<[u32; STAGE_COUNT]>,
                child: u32,
                g: usize,
                stage: Stage,
                periods: &[usize]| {
        let stage = stage.index();
        for &p in periods {
            if stamp[p][stage] != child {
                stamp[p][stage] = child;
                counts[p][stage][g] += 1;
            }
        }
    };
    for (ci, child) in prep.children.iter().enumerate() {
        let ci = ci as u32;
        let g = child.ethnicity.index();
        for o in prep.child_occasions(child) {
            if from.is_some_and(|f| o.date < f) || !child.youth_at(o.date) {
                continue;
            }
            let periods = ctx.periods.containing(o.date);
            if periods.is_empty() {
                continue;
            }
            let tier = o.tier();
            let ooc = matches!(
                o.outcome,
                Outcome::YouthCaution | Outcome::YouthConditionalCaution
            );
            let stages = [
                (Stage::Throughput, true),
                (Stage::Substantive, tier.is_substantive()),
                (Stage::Diversion, tier == Tier::Diversion),
                (Stage::OutOfCourt, ooc),
                (Stage::DiversionOrOutOfCourt, tier == Tier::Diversion || ooc),
                (Stage::Court, tier.is_court()),
                (Stage::CourtOrRemand, tier.is_court()),
                (Stage::Custody, tier == Tier::Custody),
            ];
            for (s, on) in stages {
                if on {
                    mark(&mut counts, &mut stamp, ci, g, s, periods);
                }
            }
        }
        for r in prep.child_remands(child) {
            if r.kind == Outcome::RemandYda && child.youth_at(r.start) {
                let periods = ctx.periods.containing(r.start);
                mark(&mut counts, &mut stamp, ci, g, Stage::Remand, periods);
                mark(
                    &mut counts,
                    &mut stamp,
                    ci,
                    g,
                    Stage::CourtOrRemand,
                    periods,
                );
            }
        }
    }
    for &e in fte {
        let o = &prep.occasions[e as usize];
        let g = prep.children[o.child as usize].ethnicity.index();
        mark(
            &mut counts,
            &mut stamp,
            o.child,
            g,
            Stage::FirstTimeEntrants,
            ctx.periods.containing(o.date),
        );
    }
    // Reoffending cohorts: distinct children per period; a reoffender if any of their
    // entries in the period has a reoffence.
    for (p, c) in counts.iter_mut().enumerate() {
        c[Stage::ReoffendingCohort.index()] = cohorts.stage_children[p];
        c[Stage::Reoffending.index()] = cohorts.stage_reoffenders[p];
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
        Flag::TooFew
    } else {
        match ci {
            Some((lo, _)) if lo > 1.0 => Flag::Over,
            Some((_, hi)) if hi < 1.0 => Flag::Under,
            _ => Flag::NoDifference,
        }
    };
    Val {
        numerator: Some(a),
        denominator: n1,
        value,
        ci,
        flag: Some(flag),
    }
}

pub fn emit(ctx: &mut Ctx, counts: &StageCounts) {
    let reference = ctx.settings.reference_group;
    let ref_i = reference.index();
    let eth_slots: Vec<_> = ctx
        .codes
        .groups(Dim::Ethnicity)
        .into_iter()
        .map(|(g, _)| g)
        .collect();
    let eth = Breakdown::Ethnicity;
    let local_rule = msg("figure.disp_rri.rule");
    for (p, pc) in counts.iter().enumerate() {
        let status = ctx.period(p).status;
        if ctx.skip_period(status) {
            continue;
        }
        let pop: [Option<f64>; KNOWN] =
            std::array::from_fn(|g| ctx.population(p, Dim::Ethnicity, g));
        let known_pop: Option<f64> = pop.iter().copied().sum::<Option<f64>>();
        // Shares, gaps and indices depend on every group's population.
        let pop_note = ctx.population_note(p, Dim::All, 0);
        let population_share_def = fill(
            msg("figure.disp_population_share"),
            &[("population", &pop_note)],
        );
        for stage in COUNTED_STAGES {
            let c = &pc[stage.index()];
            let known: u64 = c[..KNOWN].iter().sum();
            let all: u64 = known + c[UNKNOWN];
            // The definitions of this stage's figures (the same for every group).
            let group_def = fill(msg("figure.disp_count"), &[("who", &stage_text(stage))]);
            let with =
                |id: &str| fill(msg(id), &[("stage", &group_def), ("population", &pop_note)]);
            let unknown_def = with("figure.disp_unknown_share");
            let share_def = with("figure.disp_share");
            let gap_def = with("figure.disp_gap_pp");
            let rate_def = with("figure.disp_rate");
            let rri_def = fill(
                msg("figure.disp_rri"),
                &[
                    ("reference", &reference.words()),
                    ("rule", &local_rule),
                    ("stage", &group_def),
                    ("population", &pop_note),
                ],
            );
            for g in 0..ETHNIC_GROUPS {
                let label = &eth_slots[g];
                let key = |m: Measure| FigureKey::new(m, p).stage(stage).group(eth, label);
                ctx.push(
                    key(Measure::DispCount),
                    status,
                    Val::count(c[g]),
                    Measure::DispCount.unit(),
                    &group_def,
                );
                if g == UNKNOWN {
                    ctx.push(
                        key(Measure::DispUnknownShare),
                        status,
                        Val::percent(c[UNKNOWN], all),
                        Measure::DispUnknownShare.unit(),
                        &unknown_def,
                    );
                    continue;
                }
                let share = Val::percent(c[g], known);
                ctx.push(
                    key(Measure::DispShare),
                    status,
                    share,
                    Measure::DispShare.unit(),
                    &share_def,
                );
                let pshare = Val::rate(pop[g].unwrap_or(0.0), known_pop, 100.0);
                let pshare = Val {
                    numerator: pop[g],
                    ..pshare
                };
                ctx.push(
                    key(Measure::DispPopulationShare),
                    status,
                    pshare,
                    Measure::DispPopulationShare.unit(),
                    &population_share_def,
                );
                let gap = Val {
                    value: share.value.zip(pshare.value).map(|(s, q)| s - q),
                    ..Val::default()
                };
                ctx.push(
                    key(Measure::DispGapPp),
                    status,
                    gap,
                    Measure::DispGapPp.unit(),
                    &gap_def,
                );
                ctx.push(
                    key(Measure::DispRate),
                    status,
                    Val::rate(c[g] as f64, pop[g], 1000.0),
                    Measure::DispRate.unit(),
                    &rate_def,
                );
                if g != ref_i {
                    let v = rri(
                        c[g] as f64,
                        pop[g],
                        c[ref_i] as f64,
                        pop.get(ref_i).copied().flatten(),
                    );
                    ctx.push(
                        key(Measure::DispRri),
                        status,
                        v,
                        Measure::DispRri.unit(),
                        &rri_def,
                    );
                }
            }
        }
        for (later, base) in Stage::DECISION_POINTS {
            let (l, b) = (&pc[later.index()], &pc[base.index()]);
            for g in 0..KNOWN {
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
                    FigureKey::new(Measure::DispRri, p)
                        .versus(later, base)
                        .group(eth, label),
                    status,
                    v,
                    Unit::Ratio,
                    &fill(
                        msg("figure.disp_rri.decision_point"),
                        &[
                            ("base", &stage_text(base)),
                            ("later", &later),
                            ("reference", &reference.words()),
                            ("rule", &local_rule),
                        ],
                    ),
                );
            }
        }
    }
}
