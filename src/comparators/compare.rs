//! Like-for-like comparison (`comparators.md`, "What is compared"): each figure of our report
//! beside the comparator figures of the same measure, stage, period, breakdown and group; our
//! figure ranked among the YJS areas in the place of our own published row; region and
//! family ranks; "higher/lower" only when our 95% interval excludes the comparator's value.
//! Local-tracker figures beside published (Police National Computer) ones carry a note and
//! are never ranked against each other.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::catalogue::messages::{fill, msg};
use crate::catalogue::{Breakdown, FigureStage, Measure, Stage, Unit, UnitKind};
use crate::codes::EthnicGroup;
use crate::measures::population::{Population, PopulationQuery};
use crate::measures::stats::{poisson_interval, ratio, wilson_percent};
use crate::report::{Figure, PeriodType, Report, Status};

use super::area::{Area, AreaKind};
use super::family::Family;
use super::pool::pool;
use super::rank::{ranks, Rank};
use super::{ComparatorFigure, ComparatorSet};

/// What is compared, and with what.
#[derive(Clone, Debug, Default)]
pub struct CompareOptions<'a> {
    /// Our area (its kind is ignored: our figures are `ours`).
    pub ours: Option<Area>,
    pub family: Option<&'a Family>,
    /// The population of our own rates (for the all-children rate the published table has).
    pub our_population: Option<&'a Population>,
}

/// One figure of one area: the object of `yjlens compare --json` (`comparators.md`, "CLI").
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CompareRow {
    pub measure: Measure,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub stage: FigureStage,
    pub period_type: PeriodType,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub period_start: NaiveDate,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub period_end: NaiveDate,
    pub breakdown: Breakdown,
    pub group: String,
    pub area: String,
    pub area_code: Option<String>,
    pub area_kind: AreaKind,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub value: Option<f64>,
    pub rank: Option<u32>,
    pub rank_of: Option<u32>,
    pub rank_region: Option<u32>,
    pub rank_region_of: Option<u32>,
    pub rank_family: Option<u32>,
    pub rank_family_of: Option<u32>,
    pub published_ours: bool,
}

/// Our figure against a comparator's value.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Our interval lies wholly above the comparator's value.
    Higher,
    Lower,
    /// Our interval contains it.
    Similar,
}

/// What a view needs of a row beyond the JSON object.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RowDetail {
    pub unit: Option<Unit>,
    pub suppressed: bool,
    /// A published (PNC) definition.
    pub published: bool,
    /// Our figure against this comparator (`None` on our own row, or without an interval).
    pub verdict: Option<Verdict>,
    /// Ours − theirs in percentage points (a share) or as a count; ours ÷ theirs for a rate,
    /// per-head figure or index.
    pub difference: Option<f64>,
    /// A pooled figure: members with data, members.
    pub members: Option<(u32, u32)>,
    pub in_region: bool,
    pub in_family: bool,
    /// "local tracker vs published national figure: definitions differ", where it applies.
    pub note: Option<String>,
}

/// The comparison of a report with a comparator set.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Comparison {
    /// One object per figure and area; ours first within each figure.
    pub rows: Vec<CompareRow>,
    /// `details[i]` belongs to `rows[i]`.
    pub details: Vec<RowDetail>,
    /// Our region, where a comparator file names it.
    pub region: Option<String>,
    pub family: Option<String>,
    /// YJS areas left out of ranks for a figure because suppressed or missing, per figure
    /// (index of our row in `rows` → count).
    pub left_out: Vec<(usize, usize)>,
}

/// The key two figures must share to be compared.
fn key(f: &Figure) -> String {
    format!(
        "{}|{}|{}|{}|{}|{}|{}|{}|{}",
        f.measure.id(),
        f.stage.id(),
        f.period_type.id(),
        f.period_start,
        f.period_end,
        f.breakdown.id(),
        f.group,
        f.breakdown2.map_or("", |b| b.id()),
        f.group2
    )
}

/// Our 95% interval for a figure: its own, else Wilson for a share, Poisson for a count or a
/// rate.
pub fn interval(f: &Figure) -> Option<(f64, f64)> {
    if let (Some(lo), Some(hi)) = (f.ci_low, f.ci_high) {
        return Some((lo, hi));
    }
    let n = f.numerator?;
    match f.unit.kind() {
        UnitKind::Share => wilson_percent(n, f.denominator?),
        UnitKind::Count => poisson_interval(n),
        UnitKind::Rate | UnitKind::PerHead => {
            let d = f.denominator?;
            let (lo, hi) = poisson_interval(n)?;
            Some((
                ratio(lo, d)? * f.unit.scale(),
                ratio(hi, d)? * f.unit.scale(),
            ))
        }
        UnitKind::Difference | UnitKind::Index => None,
    }
}

/// "higher/lower" only when our interval excludes the comparator's value, else "similar".
/// Counts are not called higher or lower (an area's size is not a finding).
pub fn verdict(ours: &Figure, theirs: f64) -> Option<Verdict> {
    if ours.unit.kind() == UnitKind::Count {
        return None;
    }
    let (lo, hi) = interval(ours)?;
    // A bound at the comparator's value (0 of n against 0) is inside, whatever the rounding.
    let tolerance = 1e-9 * (1.0 + theirs.abs());
    Some(if theirs < lo - tolerance {
        Verdict::Higher
    } else if theirs > hi + tolerance {
        Verdict::Lower
    } else {
        Verdict::Similar
    })
}

/// Percentage points (or a count's difference) for shares and counts, a ratio for rates.
pub fn difference(ours: &Figure, theirs: f64) -> Option<f64> {
    let v = ours.value?;
    match ours.unit.kind() {
        UnitKind::Share | UnitKind::Difference | UnitKind::Count => Some(v - theirs),
        UnitKind::Rate | UnitKind::PerHead | UnitKind::Index => ratio(v, theirs),
    }
}

/// Our figures the published children table also has for the whole of a stage (the count
/// and rate of all children), summed from our figures by ethnic group.
fn derived_ours(report: &Report, population: Option<&Population>) -> Vec<Figure> {
    let substantive = FigureStage::At(Stage::Substantive);
    let mut out = Vec::new();
    for f in &report.figures {
        if f.measure != Measure::DispCount
            || f.stage != substantive
            || f.breakdown != Breakdown::Ethnicity
            || f.group != EthnicGroup::White.label()
        {
            continue;
        }
        let groups: Vec<&Figure> = report
            .figures
            .iter()
            .filter(|g| {
                g.measure == Measure::DispCount
                    && g.stage == substantive
                    && g.breakdown == Breakdown::Ethnicity
                    && g.period_type == f.period_type
                    && g.period_start == f.period_start
                    && g.period_end == f.period_end
            })
            .collect();
        let suppressed = groups.iter().any(|g| g.suppressed);
        let count: f64 = groups.iter().filter_map(|g| g.numerator).sum();
        let base = Figure {
            breakdown: Breakdown::All,
            group: "all".into(),
            numerator: (!suppressed).then_some(count),
            value: (!suppressed).then_some(count),
            denominator: None,
            ci_low: None,
            ci_high: None,
            flag: None,
            suppressed,
            ..f.clone()
        };
        let pop = population.and_then(|p| {
            let year = p.year_for(chrono::Datelike::year(&f.period_start)).year;
            p.get(year, &PopulationQuery::default())
        });
        let rate = Figure {
            measure: Measure::DispRate,
            unit: Unit::Per1000,
            denominator: pop,
            value: pop
                .filter(|_| !suppressed)
                .and_then(|p| ratio(count, p))
                .map(|r| r * 1000.0),
            definition: fill(msg("comparators.ours.all_rate"), &[]).into(),
            ..base.clone()
        };
        out.push(Figure {
            definition: fill(msg("comparators.ours.all_count"), &[]).into(),
            ..base
        });
        out.push(rate);
    }
    out
}

/// Compare every figure of `report` that has at least one like-for-like comparator.
///
/// A period still under way (`partial`: it contains the extract date and ends after it) is
/// a shorter period than a comparator's, so it is never compared.
pub fn compare(report: &Report, set: &ComparatorSet, options: &CompareOptions) -> Comparison {
    let mut ours_figures: Vec<Figure> = report.figures.clone();
    ours_figures.extend(derived_ours(report, options.our_population));
    ours_figures.retain(|f| f.status != Status::Partial || f.period_end <= report.extract_date);
    let reference = report.settings.reference_group;
    let mut out = compare_figures(&ours_figures, reference, set, options);
    compare_services(&ours_figures, reference, set, options, &mut out);
    out
}

/// The services of a multi-service extract: the groups of its `service` breakdown, without
/// "not recorded" and the folded "other services"; empty for one service.
fn services_of(figures: &[Figure]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in figures {
        if f.breakdown == Breakdown::Service
            && f.breakdown2.is_none()
            && f.group != crate::catalogue::breakdown::NOT_RECORDED
            && f.group != crate::measures::groups::OTHER_SERVICES
            && !out.contains(&f.group)
        {
            out.push(f.group.clone());
        }
    }
    if out.len() < 2 {
        out.clear();
    }
    out
}

/// With a `service` column each service is its own area (`comparators.md`, "Our area"): a
/// service's figures (breakdown `service`) are compared, as that area (`ours`), with the
/// comparators' whole-area figures and ranked among the YJSs in the place of the service's
/// own published row. Its rows keep the `service` breakdown and the service as group, so they
/// sit beside the service's figure; they follow the whole extract's rows.
fn compare_services(
    ours_figures: &[Figure],
    reference: EthnicGroup,
    set: &ComparatorSet,
    options: &CompareOptions,
    out: &mut Comparison,
) {
    for service in services_of(ours_figures) {
        let figures: Vec<Figure> = ours_figures
            .iter()
            .filter(|f| {
                f.breakdown == Breakdown::Service && f.breakdown2.is_none() && f.group == service
            })
            .map(|f| Figure {
                breakdown: Breakdown::All,
                group: "all".into(),
                ..f.clone()
            })
            .collect();
        let as_area = CompareOptions {
            ours: Some(Area::new(&service, None, AreaKind::Ours)),
            ..options.clone()
        };
        let c = compare_figures(&figures, reference, set, &as_area);
        let offset = out.rows.len();
        out.left_out
            .extend(c.left_out.into_iter().map(|(i, n)| (i + offset, n)));
        out.rows.extend(c.rows.into_iter().map(|r| CompareRow {
            breakdown: Breakdown::Service,
            group: service.clone(),
            ..r
        }));
        out.details.extend(c.details);
    }
}

/// Compare our `figures` (a report's, or a published file's in public mode) with the set;
/// `reference` is the reference group of their relative rate indices.
pub fn compare_figures(
    ours_figures: &[Figure],
    reference: EthnicGroup,
    set: &ComparatorSet,
    options: &CompareOptions,
) -> Comparison {
    let comparators = set.all_figures(reference);
    let ours_area = options.ours.clone();
    let is_ours =
        |a: &Area| a.kind == AreaKind::Yjs && ours_area.as_ref().is_some_and(|o| o.same_place(a));
    let region: Option<String> = ours_area
        .as_ref()
        .and_then(|o| set.children.region_of(o).map(str::to_string))
        .or_else(|| {
            comparators
                .iter()
                .find(|c| is_ours(&c.area))
                .and_then(|c| c.region.clone())
        });
    let in_region = |c: &ComparatorFigure| -> bool {
        let Some(r) = &region else { return false };
        c.region
            .as_deref()
            .or_else(|| set.children.region_of(&c.area))
            .is_some_and(|x| x == r)
    };
    let family = options.family;
    let in_family = |a: &Area| family.is_some_and(|f| f.contains(a));
    let mut by_key: HashMap<String, Vec<ComparatorFigure>> = HashMap::new();
    for c in comparators {
        by_key.entry(key(&c.figure)).or_default().push(c);
    }
    // Family figures, pooled from the members' rows as published (ours included).
    if let Some(fam) = family {
        for rows in by_key.values_mut() {
            let members: Vec<Option<&Figure>> = fam
                .members
                .iter()
                .map(|m| {
                    rows.iter()
                        .find(|c| c.area.kind == AreaKind::Yjs && c.area.same_place(m))
                        .map(|c| &c.figure)
                })
                .collect();
            if let Some((figure, counts)) = pool(&members) {
                rows.push(ComparatorFigure {
                    area: fam.area(),
                    region: None,
                    figure,
                    published: rows.iter().any(|c| c.published),
                    members: Some(counts),
                });
            }
        }
    }
    let mut out = Comparison {
        region: region.clone(),
        family: family.map(|f| f.name.clone()),
        ..Comparison::default()
    };
    let ours_name = ours_area.as_ref().map_or_else(
        || msg("comparators.ours.unnamed").to_string(),
        |a| a.name.clone(),
    );
    for ours in ours_figures {
        let Some(theirs) = by_key.get(&key(ours)) else {
            continue;
        };
        let mut theirs: Vec<&ComparatorFigure> = theirs.iter().collect();
        theirs.sort_by(|a, b| {
            (a.area.kind, a.area.name.as_str()).cmp(&(b.area.kind, b.area.name.as_str()))
        });
        // Ranking pools: our figure (local) with the local YJS comparators; published YJS
        // comparators among themselves. Our own published row is not ranked.
        let ours_value = if ours.suppressed { None } else { ours.value };
        let yjs: Vec<usize> = (0..theirs.len())
            .filter(|&i| theirs[i].area.kind == AreaKind::Yjs && !is_ours(&theirs[i].area))
            .collect();
        let mut rank_of: HashMap<usize, [Option<Rank>; 3]> = HashMap::new();
        let mut ours_ranks: [Option<Rank>; 3] = [None; 3];
        let mut left_out = 0;
        for published in [false, true] {
            let members: Vec<usize> = yjs
                .iter()
                .copied()
                .filter(|&i| theirs[i].published == published)
                .collect();
            let with_ours = !published;
            for (scope, filter) in [
                (
                    0usize,
                    &(|_: &ComparatorFigure| true) as &dyn Fn(&ComparatorFigure) -> bool,
                ),
                (1, &|c: &ComparatorFigure| in_region(c)),
                (2, &|c: &ComparatorFigure| in_family(&c.area)),
            ] {
                if scope == 1 && region.is_none() || scope == 2 && family.is_none() {
                    continue;
                }
                let chosen: Vec<usize> = members
                    .iter()
                    .copied()
                    .filter(|&i| filter(theirs[i]))
                    .collect();
                let mut values: Vec<Option<f64>> = chosen
                    .iter()
                    .map(|&i| {
                        let f = &theirs[i].figure;
                        if f.suppressed {
                            None
                        } else {
                            f.value
                        }
                    })
                    .collect();
                if with_ours {
                    values.push(ours_value);
                }
                let (r, lo) = ranks(&values);
                if scope == 0 && with_ours {
                    left_out = lo;
                }
                for (k, &i) in chosen.iter().enumerate() {
                    rank_of.entry(i).or_default()[scope] = r[k];
                }
                if with_ours && ours_value.is_some() {
                    ours_ranks[scope] = r[chosen.len()];
                }
            }
        }
        let row = |area: &str,
                   code: Option<String>,
                   kind: AreaKind,
                   f: &Figure,
                   r: [Option<Rank>; 3],
                   published_ours: bool| CompareRow {
            measure: ours.measure,
            stage: ours.stage,
            period_type: ours.period_type,
            period_start: ours.period_start,
            period_end: ours.period_end,
            breakdown: ours.breakdown,
            group: ours.group.clone(),
            area: area.to_string(),
            area_code: code,
            area_kind: kind,
            numerator: f.numerator,
            denominator: f.denominator,
            value: f.value,
            rank: r[0].map(|r| r.rank),
            rank_of: r[0].map(|r| r.of),
            rank_region: r[1].map(|r| r.rank),
            rank_region_of: r[1].map(|r| r.of),
            rank_family: r[2].map(|r| r.rank),
            rank_family_of: r[2].map(|r| r.of),
            published_ours,
        };
        let ours_index = out.rows.len();
        out.rows.push(row(
            &ours_name,
            ours_area.as_ref().and_then(|a| a.code.clone()),
            AreaKind::Ours,
            ours,
            ours_ranks,
            false,
        ));
        out.details.push(RowDetail {
            unit: Some(ours.unit),
            suppressed: ours.suppressed,
            in_region: region.is_some(),
            in_family: family.is_some(),
            ..RowDetail::default()
        });
        out.left_out.push((ours_index, left_out));
        let local_tracker = matches!(
            ours.measure.family(),
            crate::catalogue::measure::Family::Reoffending
                | crate::catalogue::measure::Family::FirstTimeEntrants
        );
        for (i, c) in theirs.iter().enumerate() {
            let published_ours = is_ours(&c.area);
            let r = rank_of.get(&i).copied().unwrap_or_default();
            out.rows.push(row(
                &c.area.name,
                c.area.code.clone(),
                c.area.kind,
                &c.figure,
                r,
                published_ours,
            ));
            let value = c.figure.value.filter(|_| !c.figure.suppressed);
            out.details.push(RowDetail {
                unit: Some(c.figure.unit),
                suppressed: c.figure.suppressed,
                published: c.published,
                verdict: value
                    .filter(|_| !ours.suppressed && !c.published)
                    .and_then(|v| verdict(ours, v)),
                difference: value
                    .filter(|_| !ours.suppressed)
                    .and_then(|v| difference(ours, v)),
                members: c.members,
                in_region: c.area.kind == AreaKind::Yjs && in_region(c),
                in_family: in_family(&c.area),
                note: (c.published && local_tracker)
                    .then(|| msg("comparators.note.definitions_differ").to_string()),
            });
        }
    }
    out
}

/// "12th lowest of 154 YJSs (1 = lowest rate)"; a language whose ordinals are not made with
/// an English suffix says the rank as a number (`{n}`: Welsh "safle 12 o 154 GCI").
pub fn rank_sentence(rank: u32, of: u32, scope: Option<&str>) -> String {
    let ordinal = ordinal(rank);
    match scope {
        None => fill(
            msg("comparators.rank"),
            &[("ordinal", &ordinal), ("n", &rank), ("of", &of)],
        ),
        Some(s) => fill(
            msg("comparators.rank.within"),
            &[
                ("ordinal", &ordinal),
                ("n", &rank),
                ("of", &of),
                ("scope", &s),
            ],
        ),
    }
}

/// 1 → "1st", 2 → "2nd", 11 → "11th", 23 → "23rd".
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}
