//! The readable report: the plain-text summary `yjlens report` prints (headline figures per
//! period with display rounding, the settings, the population and the notes). A printer apart
//! from the measures (ripgrep keeps its printer apart from its searcher): the core builds the
//! [`Report`], this only formats it.

use chrono::NaiveDate;
use yjlens_core::catalogue::messages::{fill, msg};
use yjlens_core::catalogue::{Breakdown, Family, FigureStage, Flag, Measure, Stage, Unit};
use yjlens_core::codes::EthnicGroup;
use yjlens_core::extract::ExtractDateSource;
use yjlens_core::report::{CohortMethod, CustodyUnit, Figure, PeriodType, Report, Status};

/// Display rounding (`measures.md`, "Intervals, rounding and changes"): half away from zero
/// from the exact ratio `num / den × mult`, in integer arithmetic when both are whole.
fn fmt_ratio(num: Option<f64>, den: Option<f64>, mult: u64, decimals: u32) -> String {
    match (num, den) {
        (Some(n), Some(d)) if d > 0.0 => {
            let whole = |v: f64| v >= 0.0 && v.fract() == 0.0 && v < 1e15;
            if whole(n) && whole(d) {
                yjlens_core::measures::stats::round_ratio(n as u64, d as u64, mult, decimals)
                    .unwrap_or_default()
            } else {
                yjlens_core::measures::stats::round_display(n / d * mult as f64, decimals)
            }
        }
        _ => "–".to_string(),
    }
}

fn fmt_count(v: Option<f64>) -> String {
    v.map_or("–".to_string(), |v| format!("{v}"))
}

/// An ethnic group's name ("White") in the language in use ("Gwyn").
fn group_words(label: &str) -> &'static str {
    let id = label.to_ascii_lowercase();
    yjlens_core::catalogue::messages::of(
        yjlens_core::catalogue::messages::current(),
        &["group", &id],
    )
}

fn fmt_ci(f: &Figure, decimals: u32) -> String {
    match (f.ci_low, f.ci_high) {
        (Some(lo), Some(hi)) => format!(
            " ({}–{})",
            yjlens_core::measures::stats::round_display(lo, decimals),
            yjlens_core::measures::stats::round_display(hi, decimals)
        ),
        _ => String::new(),
    }
}

/// The sentence of a figure's definition that names its denominator population
/// ("Denominator: population.csv, 2024 population aged 10–17."; in Welsh "Enwadur: …, …
/// 10–17 oed."), if it has one: from the definition's "Denominator" to the first full stop
/// after the ages, in the language in use.
pub fn denominator_sentence(definition: &str) -> Option<&str> {
    let start = definition.find(msg("cli.summary.denominator_starts"))?;
    let rest = &definition[start..];
    let aged = rest.find("10–17")?;
    let end = aged + rest[aged..].find('.')? + 1;
    Some(&rest[..end])
}

fn status_text(s: Status) -> &'static str {
    match s {
        Status::Final => msg("cli.summary.status.final"),
        Status::Provisional => msg("cli.summary.status.provisional"),
        Status::Partial => msg("cli.summary.status.partial"),
    }
}

/// A unit in words, in the language in use ("per 1,000 aged 10-17", "fesul 1,000 oed 10-17").
fn unit_words(unit: Unit) -> &'static str {
    yjlens_core::catalogue::messages::of(
        yjlens_core::catalogue::messages::current(),
        &["unit", unit.id()],
    )
}

/// Where the extract date comes from, in words.
pub fn extract_date_source_text(report: &Report) -> &'static str {
    match report.extract_date_source {
        ExtractDateSource::User => msg("cli.summary.date_source.user"),
        ExtractDateSource::Title => msg("cli.summary.date_source.title"),
        ExtractDateSource::LatestOutcome => msg("cli.summary.date_source.latest"),
    }
}

/// The readable summary `yjlens report` prints.
pub fn summary(report: &Report) -> String {
    use std::collections::HashMap;
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        fill(
            msg("cli.summary.head"),
            &[
                ("version", &report.tool_version),
                ("iso", &report.extract_date),
                (
                    "date",
                    &yjlens_core::measures::dates::uk_date(report.extract_date),
                ),
                ("source", &extract_date_source_text(report)),
            ]
        )
    );
    let _ = writeln!(
        out,
        "{}",
        fill(
            msg("cli.summary.settings"),
            &[
                (
                    "breaches",
                    &msg(if report.settings.exclude_breaches {
                        "cli.summary.breaches.excluded"
                    } else {
                        "cli.summary.breaches.counted"
                    }),
                ),
                (
                    "reference",
                    &group_words(report.settings.reference_group.label())
                ),
                (
                    "cohorts",
                    &msg(match report.settings.cohort_method {
                        CohortMethod::Pooled => "cli.summary.cohort.pooled",
                        CohortMethod::Legacy => "cli.summary.cohort.legacy",
                    }),
                ),
                (
                    "unit",
                    &msg(match report.settings.custody_unit {
                        CustodyUnit::Per1000 => "cli.summary.custody_unit.per1000",
                        CustodyUnit::Per100000 => "cli.summary.custody_unit.per100000",
                    }),
                ),
            ]
        )
    );
    match &report.population {
        Some(p) => {
            let years: Vec<String> = p.years.iter().map(|y| y.to_string()).collect();
            let rejected = if p.rejected.is_empty() {
                String::new()
            } else {
                let reasons: Vec<String> = p
                    .rejected
                    .iter()
                    .map(|r| format!("{} {}", r.count, r.reason))
                    .collect();
                fill(
                    msg(if p.rows_rejected == 1 {
                        "cli.summary.population.rejected.one"
                    } else {
                        "cli.summary.population.rejected"
                    }),
                    &[("n", &p.rows_rejected), ("reasons", &reasons.join(", "))],
                )
            };
            let years = if years.is_empty() {
                msg("cli.summary.population.no_year").to_string()
            } else {
                fill(
                    msg("cli.summary.population.years"),
                    &[("years", &years.join(", "))],
                )
            };
            let _ = writeln!(
                out,
                "{}{rejected}",
                fill(
                    msg("cli.summary.population"),
                    &[("source", &p.source), ("years", &years)]
                )
            );
        }
        None => {
            let _ = writeln!(out, "{}", msg("cli.summary.population.none"));
        }
    }
    if let Some(as_at) = report.year_earlier_as_at {
        let _ = writeln!(
            out,
            "{}",
            fill(
                msg("cli.summary.changes"),
                &[
                    ("date", &yjlens_core::measures::dates::uk_date(as_at)),
                    ("n", &report.year_earlier.len()),
                ]
            )
        );
    }
    // Whole-group figures by (measure, stage, period type, start).
    let mut all: HashMap<(Measure, FigureStage, PeriodType, NaiveDate), &Figure> = HashMap::new();
    let mut ethnic: HashMap<(Measure, FigureStage, PeriodType, NaiveDate, &str), &Figure> =
        HashMap::new();
    for f in &report.figures {
        if f.breakdown == Breakdown::All {
            all.insert((f.measure, f.stage, f.period_type, f.period_start), f);
        } else if f.breakdown == Breakdown::Ethnicity
            && f.measure.family() == Family::Disproportionality
        {
            ethnic.insert(
                (f.measure, f.stage, f.period_type, f.period_start, &f.group),
                f,
            );
        }
    }
    let mut periods: Vec<(PeriodType, NaiveDate, &str)> = Vec::new();
    for f in &report.figures {
        if f.measure == Measure::ReoffendingCohort && f.breakdown == Breakdown::All {
            periods.push((f.period_type, f.period_start, &f.period_label));
        }
    }
    let get =
        |m: Measure, t: PeriodType, d: NaiveDate| all.get(&(m, FigureStage::None, t, d)).copied();

    let _ = writeln!(out, "\n{}", msg("cli.summary.reoffending"));
    let _ = writeln!(
        out,
        "{:<28} {:>8} {:>11} {:>22} {:>10} {:>9} {:>14}  {}",
        msg("cli.summary.col.cohort"),
        msg("cli.summary.col.children"),
        msg("cli.summary.col.reoffenders"),
        msg("cli.summary.col.rate"),
        msg("cli.summary.col.reoffences"),
        msg("cli.summary.col.per_child"),
        msg("cli.summary.col.per_reoffender"),
        msg("cli.summary.col.status")
    );
    for kind in [
        PeriodType::Quarter,
        PeriodType::Rolling12m,
        PeriodType::FinancialYear,
    ] {
        if kind != PeriodType::Quarter && periods.iter().any(|p| p.0 == kind) {
            let _ = writeln!(
                out,
                "{}",
                match kind {
                    PeriodType::Rolling12m => msg("cli.summary.rolling"),
                    _ => msg("cli.summary.financial_years"),
                }
            );
        }
        for (t, start, label) in periods.iter().filter(|p| p.0 == kind) {
            let (Some(c), Some(r), Some(o), Some(b)) = (
                get(Measure::ReoffendingCohort, *t, *start),
                get(Measure::ReoffendingReoffenders, *t, *start),
                get(Measure::ReoffendingReoffences, *t, *start),
                get(Measure::ReoffendingBinaryRate, *t, *start),
            ) else {
                continue;
            };
            let rate = format!(
                "{}{}",
                fmt_ratio(r.numerator, c.numerator, 100, 1),
                fmt_ci(b, 1)
            );
            let _ = writeln!(
                out,
                "{:<28} {:>8} {:>11} {:>22} {:>10} {:>9} {:>14}  {}",
                label,
                fmt_count(c.value),
                fmt_count(r.value),
                rate,
                fmt_count(o.value),
                fmt_ratio(o.numerator, c.numerator, 1, 2),
                fmt_ratio(o.numerator, r.numerator, 1, 2),
                status_text(b.status)
            );
        }
    }

    // Headlines: the latest rolling 12 months (the national statistics' headline rates).
    let latest = periods
        .iter()
        .filter(|p| p.0 == PeriodType::Rolling12m)
        .max_by_key(|p| p.1)
        .or_else(|| {
            periods
                .iter()
                .filter(|p| p.0 == PeriodType::Quarter)
                .max_by_key(|p| p.1)
        });
    if let Some((t, start, label)) = latest {
        let rate_text = |f: Option<&Figure>, mult: u64, dec: u32| match f {
            Some(f) if f.value.is_some() => format!(
                "{} {}",
                fmt_ratio(f.numerator, f.denominator, mult, dec),
                unit_words(f.unit)
            ),
            _ => msg("cli.summary.add_population").to_string(),
        };
        let _ = writeln!(
            out,
            "\n{}",
            fill(msg("cli.summary.headlines"), &[("label", label)])
        );
        let denominator = |f: Option<&Figure>| {
            f.and_then(|f| denominator_sentence(&f.definition))
                .map(|s| format!("    {s}\n"))
                .unwrap_or_default()
        };
        if let Some(n) = get(Measure::FteCount, *t, *start) {
            let rate = get(Measure::FteRate, *t, *start);
            let _ = write!(
                out,
                "  {}\n{}",
                fill(
                    msg("cli.summary.fte"),
                    &[
                        ("n", &fmt_count(n.value)),
                        ("rate", &rate_text(rate, 100_000, 0))
                    ]
                ),
                denominator(rate)
            );
        }
        if let Some(n) = get(Measure::CustodySentences, *t, *start) {
            let mult = match report.settings.custody_unit {
                CustodyUnit::Per1000 => 1000,
                CustodyUnit::Per100000 => 100_000,
            };
            let dec = if mult == 1000 { 2 } else { 0 };
            let share = get(Measure::CustodyShareOfCourt, *t, *start);
            let rate = get(Measure::CustodyRate, *t, *start);
            let share = share.map_or("–".into(), |s| {
                fmt_ratio(s.numerator, s.denominator, 100, 1)
            });
            let children =
                fmt_count(get(Measure::CustodyChildren, *t, *start).and_then(|f| f.value));
            let _ = write!(
                out,
                "  {}\n{}",
                fill(
                    msg("cli.summary.custody"),
                    &[
                        ("n", &fmt_count(n.value)),
                        ("children", &children),
                        ("rate", &rate_text(rate, mult, dec)),
                        ("share", &share),
                    ]
                ),
                denominator(rate)
            );
        }
        if let Some(n) = get(Measure::RemandEpisodes, *t, *start) {
            let nights = fmt_count(get(Measure::RemandBedNights, *t, *start).and_then(|f| f.value));
            let _ = writeln!(
                out,
                "  {}",
                fill(
                    msg("cli.summary.remand"),
                    &[("n", &fmt_count(n.value)), ("nights", &nights)]
                )
            );
        }
        for stage in [Stage::Substantive, Stage::Custody] {
            let words = yjlens_core::catalogue::messages::of(
                yjlens_core::catalogue::messages::current(),
                &["stage", stage.id()],
            );
            let _ = writeln!(
                out,
                "  {}",
                fill(
                    msg("cli.summary.disp"),
                    &[("stage", &stage), ("stage_words", &words)]
                )
            );
            for g in EthnicGroup::ALL {
                let key = |m| {
                    ethnic
                        .get(&(m, FigureStage::At(stage), *t, *start, g.label()))
                        .copied()
                };
                let count = key(Measure::DispCount).and_then(|f| f.value);
                if g == EthnicGroup::Unknown {
                    let share = key(Measure::DispUnknownShare).map_or("–".into(), |f| {
                        fmt_ratio(f.numerator, f.denominator, 100, 1)
                    });
                    let _ = writeln!(
                        out,
                        "    {:<8} {:>5} {}",
                        group_words(g.label()),
                        fmt_count(count),
                        fill(msg("cli.summary.disp.unknown"), &[("share", &share)])
                    );
                    continue;
                }
                let share = key(Measure::DispShare).map_or("–".into(), |f| {
                    fmt_ratio(f.numerator, f.denominator, 100, 1)
                });
                let pop = key(Measure::DispPopulationShare).filter(|f| f.value.is_some());
                let gap = key(Measure::DispGapPp).and_then(|f| f.value);
                let rri = key(Measure::DispRri).filter(|f| f.value.is_some());
                let mut line = format!(
                    "    {:<8} {:>5} {}",
                    group_words(g.label()),
                    fmt_count(count),
                    fill(msg("cli.summary.disp.known"), &[("share", &share)])
                );
                match (pop, gap) {
                    (Some(p), Some(gap)) => {
                        let _ = write!(
                            line,
                            "{}",
                            fill(
                                msg(if gap >= 0.0 {
                                    "cli.summary.disp.over"
                                } else {
                                    "cli.summary.disp.under"
                                }),
                                &[
                                    ("population", &fmt_ratio(p.numerator, p.denominator, 100, 1)),
                                    (
                                        "gap",
                                        &yjlens_core::measures::stats::round_display(gap.abs(), 1)
                                    ),
                                ]
                            )
                        );
                    }
                    _ => line.push_str(msg("cli.summary.disp.add_population")),
                }
                if let Some(r) = rri {
                    let _ = write!(
                        line,
                        "; RRI {}{} [{}]",
                        yjlens_core::measures::stats::round_display(r.value.unwrap_or(0.0), 2),
                        fmt_ci(r, 2),
                        r.flag.map_or("", Flag::id)
                    );
                }
                let _ = writeln!(out, "{line}");
            }
        }
    }
    if !report.notes.is_empty() {
        let _ = writeln!(out, "\n{}", msg("cli.summary.notes"));
        for n in &report.notes {
            let _ = writeln!(out, "  - {n}");
        }
    }
    let _ = writeln!(
        out,
        "\n{}",
        fill(msg("cli.summary.figures"), &[("n", &report.figures.len())])
    );
    out
}
