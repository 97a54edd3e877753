//! The KPI table `yjlens kpi` prints: the KPIs of one period in the YJB return's order, with
//! numerator, denominator, percentage (display rounding) and its 95% interval, not recorded,
//! the `recording` flag and the change on a year earlier when both periods have at least 10
//! in the denominator. A printer apart from the measures: the core builds the report.

use yjlens_core::catalogue::messages::{current, msg, of};
use yjlens_core::catalogue::{Breakdown, Flag, Measure};
use yjlens_core::comparators::compare::RowDetail;
use yjlens_core::comparators::{AreaKind, CompareRow, Comparison};
use yjlens_core::measures::dates::sub_months;
use yjlens_core::measures::stats::{round_display, round_ratio};
use yjlens_core::report::{Figure, PeriodType, Report};

/// A change on a year earlier is shown only when both denominators are at least this.
pub const MIN_FOR_CHANGE: f64 = 10.0;

fn all(r: &Report, m: Measure, pt: PeriodType, start: chrono::NaiveDate) -> Option<&Figure> {
    r.figures.iter().find(|f| {
        f.measure == m
            && f.period_type == pt
            && f.period_start == start
            && f.breakdown == Breakdown::All
    })
}

/// The latest period of this type among the report's KPI figures.
pub fn latest_period(r: &Report, pt: PeriodType) -> Option<&Figure> {
    r.figures
        .iter()
        .filter(|f| {
            f.measure.family() == yjlens_core::catalogue::Family::Kpi
                && f.period_type == pt
                && f.breakdown == Breakdown::All
        })
        .max_by_key(|f| f.period_start)
}

fn pct(f: &Figure) -> String {
    match (f.numerator, f.denominator) {
        (Some(n), Some(d)) if d > 0.0 && n.fract() == 0.0 && d.fract() == 0.0 => {
            round_ratio(n as u64, d as u64, 100, 1).unwrap_or_default()
        }
        _ => f.value.map_or("–".into(), |v| {
            round_display(v, u32::from(f.unit.decimals()))
        }),
    }
}

/// The table for the latest period of type `pt` (or the period starting on `start`).
pub fn table(r: &Report, pt: PeriodType, start: Option<chrono::NaiveDate>) -> String {
    table_with(r, pt, start, None)
}

/// A comparator's value of our figure `f` (region, nation, family, or our own published
/// figure), as the KPI's value is shown.
fn comparator_cell(row: &CompareRow, d: &RowDetail) -> String {
    if d.suppressed {
        return "[c]".into();
    }
    let unit = d.unit.unwrap_or(yjlens_core::catalogue::Unit::Percent);
    row.value.map_or("–".into(), |v| {
        let s = round_display(v, u32::from(unit.decimals()));
        if unit == yjlens_core::catalogue::Unit::Percent {
            s + "%"
        } else {
            s
        }
    })
}

/// The comparators shown beside the KPIs: per our figure (its index in `c.rows`), the
/// regions, nations and families (and our own published figure) of the same key.
fn comparators_of<'a>(
    c: &'a Comparison,
    f: &Figure,
) -> Vec<(String, &'a CompareRow, &'a RowDetail)> {
    let mut out = Vec::new();
    let mut mine = false;
    for (row, d) in c.rows.iter().zip(&c.details) {
        if row.area_kind == AreaKind::Ours {
            mine = row.measure == f.measure
                && row.period_type == f.period_type
                && row.period_start == f.period_start
                && row.period_end == f.period_end
                && row.breakdown == f.breakdown
                && row.group == f.group;
            continue;
        }
        if !mine || row.area_kind == AreaKind::Yjs && !row.published_ours {
            continue;
        }
        let label = if row.published_ours {
            format!("{} (published)", row.area)
        } else {
            row.area.clone()
        };
        out.push((label, row, d));
    }
    out
}

/// [`table`], with a column per comparator area when a comparison is given (`kpis.md`:
/// comparators beside each KPI).
pub fn table_with(
    r: &Report,
    pt: PeriodType,
    start: Option<chrono::NaiveDate>,
    comparison: Option<&Comparison>,
) -> String {
    let Some(start) = start.or_else(|| latest_period(r, pt).map(|f| f.period_start)) else {
        return format!("{}\n", msg("cli.kpi.none"));
    };
    let label = r
        .figures
        .iter()
        .find(|f| {
            f.measure.family() == yjlens_core::catalogue::Family::Kpi
                && f.period_type == pt
                && f.period_start == start
        })
        .map(|f| (f.period_label.clone(), f.status.id()))
        .unwrap_or_default();
    let mut out = format!(
        "KPIs for {} ({}), extract date {}\n\n",
        label.0, label.1, r.extract_date
    );
    let earlier = sub_months(start, 12);
    // The comparator columns: every area beside any KPI of the period, in order first met.
    let mut labels: Vec<String> = Vec::new();
    if let Some(c) = comparison {
        for m in Measure::KPIS {
            if let Some(f) = all(r, m, pt, start) {
                for (l, _, _) in comparators_of(c, f) {
                    if !labels.contains(&l) {
                        labels.push(l);
                    }
                }
            }
        }
    }
    let rows: Vec<Vec<String>> = Measure::KPIS
        .iter()
        .filter_map(|&m| {
            let f = all(r, m, pt, start)?;
            let nr = m
                .not_recorded()
                .and_then(|n| all(r, n, pt, start))
                .and_then(|n| n.value)
                .map_or(String::new(), |v| format!("{v}"));
            let change = all(r, m, pt, earlier)
                .filter(|e| {
                    e.denominator.unwrap_or(0.0) >= MIN_FOR_CHANGE
                        && f.denominator.unwrap_or(0.0) >= MIN_FOR_CHANGE
                })
                .and_then(|e| Some(f.value? - e.value?))
                .map_or(String::new(), |d| {
                    format!(
                        "{}{} pp",
                        if d >= 0.0 { "+" } else { "" },
                        round_display(d, 1)
                    )
                });
            let ci = match (f.ci_low, f.ci_high) {
                (Some(lo), Some(hi)) => {
                    format!("{}–{}", round_display(lo, 1), round_display(hi, 1))
                }
                _ => String::new(),
            };
            let value = if f.unit == yjlens_core::catalogue::Unit::Percent {
                pct(f)
            } else {
                f.value.map_or("–".into(), |v| {
                    round_display(v, u32::from(f.unit.decimals()))
                })
            };
            let flag = if f.flag == Some(Flag::Recording) {
                msg("cli.kpi.recording")
            } else {
                ""
            };
            let beside = comparison.map(|c| comparators_of(c, f)).unwrap_or_default();
            let mut row = vec![
                of(current(), &["measure", m.id()]).to_string(),
                f.numerator.map_or("–".into(), |v| format!("{v}")),
                f.denominator.map_or("–".into(), |v| format!("{v}")),
                format!(
                    "{value}{}",
                    if f.unit == yjlens_core::catalogue::Unit::Percent {
                        "%"
                    } else {
                        ""
                    }
                ),
                ci,
                format!("{nr}{flag}"),
                change,
            ];
            row.extend(labels.iter().map(|l| {
                beside
                    .iter()
                    .find(|(x, _, _)| x == l)
                    .map_or("–".into(), |(_, c, d)| comparator_cell(c, d))
            }));
            Some(row)
        })
        .collect();
    let mut head = vec![
        msg("cli.kpi.col.kpi"),
        msg("cli.kpi.col.numerator"),
        msg("cli.kpi.col.denominator"),
        msg("cli.kpi.col.value"),
        msg("cli.kpi.col.interval"),
        msg("cli.kpi.col.not_recorded"),
        msg("cli.kpi.col.change"),
    ];
    head.extend(labels.iter().map(String::as_str));
    let mut widths: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            let pad = w - c.chars().count();
            if i == 0 {
                s.push_str(c);
                s.push_str(&" ".repeat(pad));
            } else {
                s.push_str("  ");
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            }
        }
        s.trim_end().to_string() + "\n"
    };
    out.push_str(&line(head.clone()));
    for row in &rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out.push('\n');
    for n in r.notes.iter().filter(|n| n.starts_with("KPIs:")) {
        out.push_str(n);
        out.push('\n');
    }
    out
}
