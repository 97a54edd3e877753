//! The measures of `measures.md`: plain Rust over an [`Extract`], no web dependency.
//! [`compute`] produces the whole [`Report`].
//!
//! The extract is indexed by child once ([`prepare`]); every measure is then a single pass
//! over children, their occasions and remand episodes, adding into per-(period, group)
//! counters ([`groups`]), so the work is linear in the rows (plus one sort of each child's
//! rows).

pub mod chunked;
pub mod custody;
pub mod dates;
pub mod definitions;
pub mod disproportionality;
pub mod emit;
pub mod fte;
pub mod groups;
pub mod kpi;
pub mod periods;
pub mod population;
pub mod prepare;
pub mod reoffending;
pub mod stats;
pub mod throughput;

use chrono::NaiveDate;

use crate::catalogue::messages::{fill, msg, Count};
use crate::extract::Extract;
use crate::report::{Figure, MeasureChecks, PopulationInfo, Report, Settings, Status};
use chunked::Chunked;

pub use population::{read_population, read_population_from, Population};

/// Compute every figure for every period and breakdown, and the like-for-like counterparts
/// of its partial and provisional figures a year earlier ([`Report::year_earlier`]).
pub fn compute(extract: &Extract, settings: &Settings, population: Option<&Population>) -> Report {
    let (mut report, figures) = compute_as_at(extract, settings, population, false);
    // The other worker's test of whether the data reach back a year (`compute_year_earlier`)
    // gives the data start this computation found.
    debug_assert_eq!(
        report.checks.data_start,
        prepare::first_date(extract, report.extract_date)
    );
    if let Some((as_at, earlier)) = year_earlier(
        extract,
        settings,
        population,
        report.extract_date,
        report.checks.data_start,
    ) {
        report.year_earlier = earlier;
        report.year_earlier_as_at = Some(as_at);
    }
    report.figures = figures.into_vec();
    report
}

/// The second computation of [`compute`] on its own: the date a year before the extract date
/// of `settings` and the figures as at then ([`Report::year_earlier`] and
/// [`Report::year_earlier_as_at`]); `None` when the data start after that date. Issue 15: the
/// browser runs it in another worker, on another core, while [`compute_figures`] runs.
pub fn compute_year_earlier(
    extract: &Extract,
    settings: &Settings,
    population: Option<&Population>,
) -> Option<(NaiveDate, Vec<Figure>)> {
    let extract_date = prepare::extract_date(extract, settings.extract_date);
    let data_start = prepare::first_date(extract, extract_date);
    year_earlier(extract, settings, population, extract_date, data_start)
}

/// [`compute_year_earlier`] once the extract date and the data start are known ([`compute`]
/// has them from its first computation).
fn year_earlier(
    extract: &Extract,
    settings: &Settings,
    population: Option<&Population>,
    extract_date: NaiveDate,
    data_start: Option<NaiveDate>,
) -> Option<(NaiveDate, Vec<Figure>)> {
    let as_at = dates::sub_months(extract_date, 12);
    if data_start.is_none_or(|start| start > as_at) {
        return None;
    }
    let earlier_settings = Settings {
        extract_date: Some(as_at),
        ..settings.clone()
    };
    let (_, earlier) = compute_as_at(extract, &earlier_settings, population, true);
    Some((as_at, year_earlier_figures(earlier, as_at)))
}

/// Everything a computation can be given: the case-level extract (empty when only the KPIs'
/// files are given), the settings, and the optional population, interventions extract and
/// board attendance file.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    pub extract: &'a Extract,
    pub settings: &'a Settings,
    pub population: Option<&'a Population>,
    pub interventions: Option<&'a crate::extract::interventions::Interventions>,
    pub board: Option<&'a crate::extract::interventions::Board>,
}

/// [`compute`] with the KPIs (`kpis.md`) when an interventions extract or a board file is
/// given. Without a case-level extract (no rows), the extract date is the settings', else
/// the KPI files' title date, else their latest date.
pub fn compute_with(inputs: &Inputs) -> Report {
    compute_with_as(inputs, true)
}

/// [`compute_with`] without the year-earlier counterparts, as [`compute_figures`] (issue 15:
/// the browser computes them in another worker, [`compute_year_earlier`]).
pub fn compute_with_figures(inputs: &Inputs) -> Report {
    compute_with_as(inputs, false)
}

fn compute_with_as(inputs: &Inputs, year_earlier: bool) -> Report {
    let Inputs {
        extract,
        settings,
        population,
        interventions,
        board,
    } = *inputs;
    let base = |extract, settings, population| {
        if year_earlier {
            compute(extract, settings, population)
        } else {
            compute_figures(extract, settings, population)
        }
    };
    if interventions.is_none() && board.is_none() {
        return base(extract, settings, population);
    }
    if !extract.rows.is_empty() || settings.extract_date.is_some() {
        let mut report = base(extract, settings, population);
        kpi::add_to(&mut report, extract, interventions, board);
        return report;
    }
    let title = interventions
        .and_then(|i| i.quality.title_date)
        .or_else(|| board.and_then(|b| b.quality.title_date));
    let latest = interventions
        .and_then(|i| i.quality.last_outcome_date)
        .into_iter()
        .chain(board.and_then(|b| b.quality.last_outcome_date))
        .max();
    let date = title.or(latest).unwrap_or_default();
    let as_set = Settings {
        extract_date: Some(date),
        ..settings.clone()
    };
    let mut report = base(extract, &as_set, population);
    report.settings = settings.clone();
    report.extract_date_source = if title.is_some() {
        crate::extract::ExtractDateSource::Title
    } else {
        crate::extract::ExtractDateSource::LatestOutcome
    };
    kpi::add_to(&mut report, extract, interventions, board);
    report
}

/// [`compute`] without the year-earlier counterparts ([`Report::year_earlier`] empty): for
/// callers that show no changes, and to measure what the counterparts cost.
pub fn compute_figures(
    extract: &Extract,
    settings: &Settings,
    population: Option<&Population>,
) -> Report {
    let (mut report, figures) = compute_as_at(extract, settings, population, false);
    report.figures = figures.into_vec();
    report
}

/// The figures of the computation as at `as_at` kept for like-for-like changes (partial or
/// provisional; breakdowns all, service, ethnicity), each saying what it is.
fn year_earlier_figures(figures: Chunked<Figure>, as_at: NaiveDate) -> Vec<Figure> {
    let date = dates::uk_date(as_at);
    figures
        .into_iter()
        .filter(|f| {
            f.status != Status::Final && emit::YEAR_EARLIER_BREAKDOWNS.contains(&f.breakdown)
        })
        .map(|mut f| {
            let what = msg(match f.status {
                Status::Provisional => "figure.year_earlier.tracking",
                _ => "figure.year_earlier.part",
            });
            let sentence = fill(
                msg("figure.year_earlier"),
                &[("date", &date), ("what", &what)],
            );
            f.definition = format!("{} {sentence}", f.definition).into();
            f
        })
        .collect()
}

/// Every figure with the extract date of `settings`: the report without them
/// (`Report::figures` empty), and the figures in the chunks they were built in.
/// `year_earlier_only`: the second computation behind [`Report::year_earlier`], which builds
/// only the figures kept there.
fn compute_as_at(
    extract: &Extract,
    settings: &Settings,
    population: Option<&Population>,
    year_earlier_only: bool,
) -> (Report, Chunked<Figure>) {
    let (extract_date, extract_date_source) =
        prepare::extract_date_and_source(extract, settings.extract_date);
    let prep = prepare::prepare(extract, extract_date, settings.exclude_breaches);
    let periods = periods::Periods::new(prep.first_date, extract_date);
    let mut ctx = emit::Ctx::new(extract, settings, &prep, &periods, population);
    ctx.year_earlier_only = year_earlier_only;

    let cohorts = reoffending::cohorts(&ctx);
    reoffending::emit(&mut ctx, &cohorts);
    let entrants = fte::entrants(&ctx);
    fte::emit(&mut ctx, &entrants);
    custody::emit(&mut ctx);
    let stages = disproportionality::stage_counts(&ctx, &entrants, &cohorts);
    // Issue 15 item 2: the cohorts and entrants are done with; given back before the last
    // measures add their figures (17 MB at 1M rows).
    drop(cohorts);
    drop(entrants);
    disproportionality::emit(&mut ctx, &stages);
    throughput::emit(&mut ctx);

    let c = &prep.checks;
    let mut notes = vec![msg("note.tracker").to_string()];
    if let Some(first) = prep.first_date {
        let short: Vec<&str> = periods
            .list
            .iter()
            .filter(|p| fte::history_months(&ctx, p.start) < 24)
            .map(|p| p.label.as_str())
            .collect();
        if !short.is_empty() {
            notes.push(fill(
                msg("note.fte_history"),
                &[
                    ("first", &first),
                    ("n", &Count(short.len() as u64)),
                    ("example", &short[0]),
                ],
            ));
        }
    }
    match population {
        None => notes.push(msg("note.no_population").to_string()),
        Some(pop) => {
            notes.extend(pop.warnings.iter().cloned());
            for (asked, used) in &ctx.substitutions {
                notes.push(fill(
                    msg("note.population_substituted"),
                    &[("asked", asked), ("used", used)],
                ));
            }
        }
    }
    for (folded, id) in [
        (ctx.codes.folded_categories, "note.folded.categories"),
        (ctx.codes.folded_services, "note.folded.services"),
    ] {
        if folded.values > 0 {
            notes.push(fill(
                msg(id),
                &[
                    ("max", &groups::MAX_OPEN_GROUPS),
                    ("values", &Count(folded.values as u64)),
                    ("rows", &Count(folded.rows)),
                    ("group", &groups::OTHER_SERVICES),
                ],
            ));
        }
    }
    if c.rows_after_extract_date > 0 {
        notes.push(fill(
            msg("note.rows_after_extract_date"),
            &[
                ("n", &Count(c.rows_after_extract_date)),
                ("date", &extract_date),
            ],
        ));
    }
    if c.children_unknown_age > 0 {
        notes.push(fill(
            msg("note.unknown_age"),
            &[("n", &Count(c.children_unknown_age))],
        ));
    }
    if c.custodial_without_release + c.custodial_release_after_extract_date > 0 {
        notes.push(fill(
            msg("note.custodial_without_release"),
            &[
                (
                    "n",
                    &Count(c.custodial_without_release + c.custodial_release_after_extract_date),
                ),
                ("without", &Count(c.custodial_without_release)),
                ("after", &Count(c.custodial_release_after_extract_date)),
            ],
        ));
    }
    if c.open_remand_episodes > 0 {
        notes.push(fill(
            msg("note.open_remands"),
            &[("n", &Count(c.open_remand_episodes))],
        ));
    }
    for conflict in &c.conflicting {
        notes.push(fill(
            msg("note.conflicting"),
            &[
                ("attribute", &field_words(&conflict.attribute)),
                ("n", &Count(conflict.children)),
            ],
        ));
    }

    let mut quality = extract.quality.clone();
    if let Some(reason) = prepare::after_extract_reason(c) {
        quality.warnings.push(reason);
    }
    if quality.conflicting.is_empty() {
        quality.conflicting = c.conflicting.clone();
    }
    let checks = MeasureChecks {
        rows_after_extract_date: c.rows_after_extract_date,
        rows_in_no_measure: c.rows_in_no_measure,
        children: prep.children.len() as u64,
        children_unknown_age: c.children_unknown_age,
        children_outside_10_17: c.children_outside_10_17,
        custodial_without_release: c.custodial_without_release,
        custodial_release_after_extract_date: c.custodial_release_after_extract_date,
        open_remand_episodes: c.open_remand_episodes,
        conflicting: c.conflicting.clone(),
        data_start: prep.first_date,
        population_given: population.is_some(),
    };
    let population_info = population.map(|pop| PopulationInfo {
        source: pop.source_label().to_string(),
        years: ctx.population_years(),
        rows_rejected: pop.rows_rejected(),
        rejected: pop.rejected.clone(),
    });
    let report = Report {
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        settings: settings.clone(),
        extract_date,
        extract_date_source,
        quality,
        figures: Vec::new(),
        notes,
        checks,
        definitions: definitions::all(settings),
        year_earlier: Vec::new(),
        year_earlier_as_at: None,
        population: population_info,
        kpi: None,
    };
    (report, ctx.figures)
}

/// A column's field in words ("looked-after status"), or its id when the table has no words for it.
fn field_words(field: &str) -> &str {
    match msg(&format!("field.{field}")) {
        "" => field,
        words => words,
    }
}
