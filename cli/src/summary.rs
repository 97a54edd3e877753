//! The readable report: the plain-text summary `yjlens report` prints (headline figures per
//! period with display rounding, the settings, the population and the notes). A printer apart
//! from the measures (ripgrep keeps its printer apart from its searcher): the core builds the
//! [`Report`], this only formats it.

use chrono::NaiveDate;
use yjlens_core::catalogue::{Breakdown, Family, FigureStage, Flag, Measure, Stage};
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
/// ("Denominator: population.csv, 2024 population aged 10–17."), if it has one.
pub fn denominator_sentence(definition: &str) -> Option<&str> {
    let start = definition.find("Denominator: ")?;
    let rest = &definition[start..];
    let aged = rest.find("aged 10–17")?;
    let end = aged + rest[aged..].find('.')? + 1;
    Some(&rest[..end])
}

fn status_text(s: Status) -> &'static str {
    match s {
        Status::Final => "final",
        Status::Provisional => "provisional (tracking incomplete)",
        Status::Partial => "partial",
    }
}

/// Where the extract date comes from, in words.
pub fn extract_date_source_text(report: &Report) -> &'static str {
    match report.extract_date_source {
        ExtractDateSource::User => "set by the user",
        ExtractDateSource::Title => "read from the file's title line",
        ExtractDateSource::LatestOutcome => "the latest outcome date in the extract",
    }
}

/// The readable summary `yjlens report` prints.
pub fn summary(report: &Report) -> String {
    use std::collections::HashMap;
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "yjlens {} — extract date {} ({}, {})",
        report.tool_version,
        report.extract_date,
        yjlens_core::measures::dates::uk_date(report.extract_date),
        extract_date_source_text(report)
    );
    let _ = writeln!(
        out,
        "settings: breaches {}; reference group {}; 12-month reoffending {}; custody rate {}",
        if report.settings.exclude_breaches {
            "excluded"
        } else {
            "counted"
        },
        report.settings.reference_group.label(),
        match report.settings.cohort_method {
            CohortMethod::Pooled => "pooled from quarterly cohorts",
            CohortMethod::Legacy => "legacy 12-month cohort",
        },
        match report.settings.custody_unit {
            CustodyUnit::Per1000 => "per 1,000",
            CustodyUnit::Per100000 => "per 100,000",
        }
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
                format!(
                    "; {} {} rejected ({})",
                    p.rows_rejected,
                    if p.rows_rejected == 1 { "row" } else { "rows" },
                    reasons.join(", ")
                )
            };
            let _ = writeln!(
                out,
                "population: {} ({}){rejected}",
                p.source,
                if years.is_empty() {
                    "no year: one population for every period".to_string()
                } else {
                    format!("years used: {}", years.join(", "))
                }
            );
        }
        None => {
            let _ = writeln!(out, "population: none (rates are left empty)");
        }
    }
    if let Some(as_at) = report.year_earlier_as_at {
        let _ = writeln!(
                out,
                "changes: partial and provisional figures are compared like for like with the same computation as at {} ({} figures)",
                yjlens_core::measures::dates::uk_date(as_at),
                report.year_earlier.len()
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

    let _ = writeln!(out, "\nReoffending — local tracker (binary rate with Wilson 95% interval; \"per child\" = reoffences per child in the cohort; \"per reoffender\" = reoffences per reoffender)");
    let _ = writeln!(
        out,
        "{:<28} {:>8} {:>11} {:>22} {:>10} {:>9} {:>14}  status",
        "cohort",
        "children",
        "reoffenders",
        "rate % (95% CI)",
        "reoffences",
        "per child",
        "per reoffender"
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
                    PeriodType::Rolling12m =>
                        "rolling 12 months (quarterly cohorts pooled unless legacy):",
                    _ => "financial years:",
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
                f.unit
            ),
            _ => "add population to see rates".to_string(),
        };
        let _ = writeln!(out, "\nHeadlines, {label}:");
        let denominator = |f: Option<&Figure>| {
            f.and_then(|f| denominator_sentence(&f.definition))
                .map(|s| format!("    {s}\n"))
                .unwrap_or_default()
        };
        if let Some(n) = get(Measure::FteCount, *t, *start) {
            let rate = get(Measure::FteRate, *t, *start);
            let _ = write!(
                out,
                "  first-time entrants: {} children; {}\n{}",
                fmt_count(n.value),
                rate_text(rate, 100_000, 0),
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
            let _ = write!(
                out,
                "  custody: {} sentences ({} children); {}; {}% of court occasions\n{}",
                fmt_count(n.value),
                fmt_count(get(Measure::CustodyChildren, *t, *start).and_then(|f| f.value)),
                rate_text(rate, mult, dec),
                share.map_or("–".into(), |s| fmt_ratio(
                    s.numerator,
                    s.denominator,
                    100,
                    1
                )),
                denominator(rate)
            );
        }
        if let Some(n) = get(Measure::RemandEpisodes, *t, *start) {
            let _ = writeln!(
                out,
                "  remand (youth detention accommodation): {} episodes, {} bed nights",
                fmt_count(n.value),
                fmt_count(get(Measure::RemandBedNights, *t, *start).and_then(|f| f.value))
            );
        }
        for stage in [Stage::Substantive, Stage::Custody] {
            let _ = writeln!(out, "  disproportionality, stage {stage} (share of known-ethnicity children vs 10-17 population):");
            for g in EthnicGroup::ALL {
                let key = |m| {
                    ethnic
                        .get(&(m, FigureStage::At(stage), *t, *start, g.label()))
                        .copied()
                };
                let count = key(Measure::DispCount).and_then(|f| f.value);
                if g == EthnicGroup::Unknown {
                    let _ = writeln!(
                            out,
                            "    {:<8} {:>5} children; {}% of all children at the stage (not in shares)",
                            g.label(),
                            fmt_count(count),
                            key(Measure::DispUnknownShare).map_or("–".into(), |f| fmt_ratio(f.numerator, f.denominator, 100, 1))
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
                    "    {:<8} {:>5} children; {share}% of known",
                    g.label(),
                    fmt_count(count)
                );
                match (pop, gap) {
                    (Some(p), Some(gap)) => {
                        let _ = write!(
                            line,
                            " vs {}% of population: {} by {} percentage points",
                            fmt_ratio(p.numerator, p.denominator, 100, 1),
                            if gap >= 0.0 {
                                "over-represented"
                            } else {
                                "under-represented"
                            },
                            yjlens_core::measures::stats::round_display(gap.abs(), 1)
                        );
                    }
                    _ => line.push_str(" (add population to see the gap)"),
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
        let _ = writeln!(out, "\nNotes:");
        for n in &report.notes {
            let _ = writeln!(out, "  - {n}");
        }
    }
    let _ = writeln!(out, "\n{} figures.", report.figures.len());
    out
}
