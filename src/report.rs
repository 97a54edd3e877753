//! The report object: every figure the measures produce, the settings that shaped them and the
//! data-quality report, as one serialisable structure (the same natively and in the browser).
//! The aggregate file (`input-formats.md` §4) is a flattening of [`Report::figures`] plus
//! provenance columns.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::codes::EthnicGroup;
use crate::extract::quality::Conflict;
use crate::extract::QualityReport;

/// The three period types of `measures.md` ("Periods").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodType {
    Quarter,
    FinancialYear,
    #[serde(rename = "rolling_12m")]
    Rolling12m,
}

impl PeriodType {
    pub fn id(self) -> &'static str {
        match self {
            PeriodType::Quarter => "quarter",
            PeriodType::FinancialYear => "financial_year",
            PeriodType::Rolling12m => "rolling_12m",
        }
    }
}

/// `final`, `provisional` (a reoffending cohort still being tracked) or `partial` (a period
/// containing the extract date).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Final,
    Provisional,
    Partial,
}

/// One figure: one row of the aggregate file without its provenance columns.
/// Field names and meanings are exactly those of `input-formats.md` §4.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub measure: String,
    /// Disproportionality stage id for `disp_*` measures, empty otherwise.
    pub stage: String,
    pub period_type: PeriodType,
    pub period_start: NaiveDate,
    /// Inclusive.
    pub period_end: NaiveDate,
    pub period_label: String,
    /// `all`, `ethnicity`, `sex`, … (`input-formats.md` §4).
    pub breakdown: String,
    /// The group within the breakdown (`all` for the total).
    pub group: String,
    pub breakdown2: String,
    pub group2: String,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    /// In the printed unit (a percentage is 22.222222, not 0.222222), unrounded.
    pub value: Option<f64>,
    pub unit: String,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// `over`, `under`, `none`, `too_few` on `disp_rri` rows; empty elsewhere.
    pub flag: String,
    pub status: Status,
    /// True where disclosure control hid the numbers (then they are all `None`).
    pub suppressed: bool,
    /// The definition text a reader needs (says "local choice" where one applies).
    pub definition: String,
}

/// How 12-month reoffending figures are formed (`measures.md`, reoffending §6).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CohortMethod {
    /// Four quarterly cohorts pooled (the default).
    #[default]
    Pooled,
    /// Each child once, at their first index event in the 12 months.
    Legacy,
}

/// Unit of the custody rate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustodyUnit {
    #[default]
    Per1000,
    Per100000,
}

/// Every choice that changes a figure. Missing fields take their defaults.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// `None`: the latest outcome date in the extract.
    pub extract_date: Option<NaiveDate>,
    /// Breaches excluded from reoffences (local choice, on by default).
    pub exclude_breaches: bool,
    pub reference_group: EthnicGroup,
    pub cohort_method: CohortMethod,
    pub custody_unit: CustodyUnit,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            extract_date: None,
            exclude_breaches: true,
            reference_group: EthnicGroup::White,
            cohort_method: CohortMethod::Pooled,
            custody_unit: CustodyUnit::Per1000,
        }
    }
}

/// The whole result of one analysis.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Report {
    pub tool_version: String,
    pub settings: Settings,
    /// The extract date actually used.
    pub extract_date: NaiveDate,
    /// Where it came from: the user's setting, a title line, or the latest outcome date.
    #[serde(default)]
    pub extract_date_source: crate::extract::ExtractDateSource,
    pub quality: QualityReport,
    pub figures: Vec<Figure>,
    /// Notes a reader must see (history too short for FTEs, population year substituted, …).
    pub notes: Vec<String>,
    /// What the measures found that the reader could not know (rows after a user-set
    /// extract date, children of unknown age, custody without release, …).
    #[serde(default)]
    pub checks: MeasureChecks,
    /// The full definition of every measure id (each figure's `definition` is the short,
    /// figure-specific part).
    #[serde(default)]
    pub definitions: std::collections::BTreeMap<String, String>,
    /// Like-for-like counterparts for changes (`measures.md`, "Changes"): the figures of the
    /// same computation as at [`Report::year_earlier_as_at`] (the extract date − 12 months)
    /// whose status is `partial` or `provisional`, breakdowns `all`, `service` and
    /// `ethnicity` only. A partial period's counterpart covers the same part of the period
    /// a year earlier; a provisional cohort's counterpart has its reoffences only up to the
    /// same distance after its index events ("at the same point of tracking"). Each says so
    /// in its `definition`. Never written to the aggregate file.
    #[serde(default)]
    pub year_earlier: Vec<Figure>,
    /// The date the [`Report::year_earlier`] figures are as at; `None` when the data start
    /// after it (nothing to compare with).
    #[serde(default)]
    pub year_earlier_as_at: Option<NaiveDate>,
    /// The population the rates use: its source and the years used. `None` without one.
    #[serde(default)]
    pub population: Option<PopulationInfo>,
}

/// Which population the rates of a report use (every rate's definition names it too).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PopulationInfo {
    /// A file name, "typed totals" or "synthetic sample population".
    pub source: String,
    /// Population years used by the report's periods, ascending (empty when the population
    /// has no year: one population for every period).
    pub years: Vec<i32>,
    /// Rows of the population file rejected (in no denominator); absent when none were.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub rows_rejected: u64,
    /// Those rows by reason, as the extract's rejections (`field` `population` for the
    /// count; `examples` are data-row numbers, 1 = the first row under the header); absent
    /// when none. Each rate whose denominator lost rows also says so in its definition's
    /// "Denominator: …" sentence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<crate::extract::quality::Reason>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// Counts the measures add to the data-quality report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MeasureChecks {
    /// Rows with an offence or outcome date after the extract date (ignored).
    pub rows_after_extract_date: u64,
    /// Rows whose outcome is unknown or "not an outcome" (in no measure).
    pub rows_in_no_measure: u64,
    /// Children with at least one row that enters a measure.
    pub children: u64,
    /// Children with no date of birth, birth month or age (included in youth measures).
    pub children_unknown_age: u64,
    /// Children with an occasion at which they were under 10 or 18+.
    pub children_outside_10_17: u64,
    /// Custodial occasions with no release date (cannot index a reoffending cohort).
    pub custodial_without_release: u64,
    /// Custodial occasions whose release is after the extract date (still in custody).
    pub custodial_release_after_extract_date: u64,
    /// Remands to youth detention accommodation with no end date by the extract date.
    pub open_remand_episodes: u64,
    /// Children whose rows disagree on an attribute (the latest known value is used).
    pub conflicting: Vec<Conflict>,
    /// Earliest outcome date among the rows used: history before a period starts here.
    pub data_start: Option<NaiveDate>,
    pub population_given: bool,
}

/// Display rounding (`measures.md`, "Intervals, rounding and changes"): half away from zero
/// from the exact ratio `num / den × mult`, in integer arithmetic when both are whole.
fn fmt_ratio(num: Option<f64>, den: Option<f64>, mult: u64, decimals: u32) -> String {
    match (num, den) {
        (Some(n), Some(d)) if d > 0.0 => {
            let whole = |v: f64| v >= 0.0 && v.fract() == 0.0 && v < 1e15;
            if whole(n) && whole(d) {
                crate::measures::stats::round_ratio(n as u64, d as u64, mult, decimals)
                    .unwrap_or_default()
            } else {
                crate::measures::stats::round_display(n / d * mult as f64, decimals)
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
            crate::measures::stats::round_display(lo, decimals),
            crate::measures::stats::round_display(hi, decimals)
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

impl Report {
    /// The figure of `measure` (whole-group, no stage) for a period.
    pub fn find(
        &self,
        measure: &str,
        stage: &str,
        period_type: PeriodType,
        period_start: NaiveDate,
        breakdown: &str,
        group: &str,
    ) -> Option<&Figure> {
        self.figures.iter().find(|f| {
            f.measure == measure
                && f.stage == stage
                && f.period_type == period_type
                && f.period_start == period_start
                && f.breakdown == breakdown
                && f.group == group
        })
    }

    /// Where the extract date comes from, in words.
    pub fn extract_date_source_text(&self) -> &'static str {
        use crate::extract::ExtractDateSource;
        match self.extract_date_source {
            ExtractDateSource::User => "set by the user",
            ExtractDateSource::Title => "read from the file's title line",
            ExtractDateSource::LatestOutcome => "the latest outcome date in the extract",
        }
    }

    /// The readable summary `yjlens report` prints.
    pub fn summary(&self) -> String {
        use std::collections::HashMap;
        use std::fmt::Write;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "yjlens {} — extract date {} ({}, {})",
            self.tool_version,
            self.extract_date,
            crate::measures::dates::uk_date(self.extract_date),
            self.extract_date_source_text()
        );
        let _ =
            writeln!(
            out,
            "settings: breaches {}; reference group {}; 12-month reoffending {}; custody rate {}",
            if self.settings.exclude_breaches { "excluded" } else { "counted" },
            self.settings.reference_group.label(),
            match self.settings.cohort_method {
                CohortMethod::Pooled => "pooled from quarterly cohorts",
                CohortMethod::Legacy => "legacy 12-month cohort",
            },
            match self.settings.custody_unit {
                CustodyUnit::Per1000 => "per 1,000",
                CustodyUnit::Per100000 => "per 100,000",
            }
        );
        match &self.population {
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
        if let Some(as_at) = self.year_earlier_as_at {
            let _ = writeln!(
                out,
                "changes: partial and provisional figures are compared like for like with the same computation as at {} ({} figures)",
                crate::measures::dates::uk_date(as_at),
                self.year_earlier.len()
            );
        }
        // Whole-group figures by (measure, stage, period type, start).
        let mut all: HashMap<(&str, &str, PeriodType, NaiveDate), &Figure> = HashMap::new();
        let mut ethnic: HashMap<(&str, &str, PeriodType, NaiveDate, &str), &Figure> =
            HashMap::new();
        for f in &self.figures {
            if f.breakdown == "all" {
                all.insert((&f.measure, &f.stage, f.period_type, f.period_start), f);
            } else if f.breakdown == "ethnicity" && f.measure.starts_with("disp_") {
                ethnic.insert(
                    (
                        &f.measure,
                        &f.stage,
                        f.period_type,
                        f.period_start,
                        &f.group,
                    ),
                    f,
                );
            }
        }
        let mut periods: Vec<(PeriodType, NaiveDate, &str)> = Vec::new();
        for f in &self.figures {
            if f.measure == "reoffending_cohort" && f.breakdown == "all" {
                periods.push((f.period_type, f.period_start, &f.period_label));
            }
        }
        let get = |m: &str, t: PeriodType, d: NaiveDate| all.get(&(m, "", t, d)).copied();

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
                    get("reoffending_cohort", *t, *start),
                    get("reoffending_reoffenders", *t, *start),
                    get("reoffending_reoffences", *t, *start),
                    get("reoffending_binary_rate", *t, *start),
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
            if let Some(n) = get("fte_count", *t, *start) {
                let rate = get("fte_rate", *t, *start);
                let _ = write!(
                    out,
                    "  first-time entrants: {} children; {}\n{}",
                    fmt_count(n.value),
                    rate_text(rate, 100_000, 0),
                    denominator(rate)
                );
            }
            if let Some(n) = get("custody_sentences", *t, *start) {
                let mult = match self.settings.custody_unit {
                    CustodyUnit::Per1000 => 1000,
                    CustodyUnit::Per100000 => 100_000,
                };
                let dec = if mult == 1000 { 2 } else { 0 };
                let share = get("custody_share_of_court", *t, *start);
                let rate = get("custody_rate", *t, *start);
                let _ = write!(
                    out,
                    "  custody: {} sentences ({} children); {}; {}% of court occasions\n{}",
                    fmt_count(n.value),
                    fmt_count(get("custody_children", *t, *start).and_then(|f| f.value)),
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
            if let Some(n) = get("remand_episodes", *t, *start) {
                let _ = writeln!(
                    out,
                    "  remand (youth detention accommodation): {} episodes, {} bed nights",
                    fmt_count(n.value),
                    fmt_count(get("remand_bed_nights", *t, *start).and_then(|f| f.value))
                );
            }
            for stage in ["substantive", "custody"] {
                let _ = writeln!(out, "  disproportionality, stage {stage} (share of known-ethnicity children vs 10-17 population):");
                for g in EthnicGroup::ALL {
                    let key = |m| ethnic.get(&(m, stage, *t, *start, g.label())).copied();
                    let count = key("disp_count").and_then(|f| f.value);
                    if g == EthnicGroup::Unknown {
                        let _ = writeln!(
                            out,
                            "    {:<8} {:>5} children; {}% of all children at the stage (not in shares)",
                            g.label(),
                            fmt_count(count),
                            key("disp_unknown_share").map_or("–".into(), |f| fmt_ratio(f.numerator, f.denominator, 100, 1))
                        );
                        continue;
                    }
                    let share = key("disp_share").map_or("–".into(), |f| {
                        fmt_ratio(f.numerator, f.denominator, 100, 1)
                    });
                    let pop = key("disp_population_share").filter(|f| f.value.is_some());
                    let gap = key("disp_gap_pp").and_then(|f| f.value);
                    let rri = key("disp_rri").filter(|f| f.value.is_some());
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
                                crate::measures::stats::round_display(gap.abs(), 1)
                            );
                        }
                        _ => line.push_str(" (add population to see the gap)"),
                    }
                    if let Some(r) = rri {
                        let _ = write!(
                            line,
                            "; RRI {}{} [{}]",
                            crate::measures::stats::round_display(r.value.unwrap_or(0.0), 2),
                            fmt_ci(r, 2),
                            r.flag
                        );
                    }
                    let _ = writeln!(out, "{line}");
                }
            }
        }
        if !self.notes.is_empty() {
            let _ = writeln!(out, "\nNotes:");
            for n in &self.notes {
                let _ = writeln!(out, "  - {n}");
            }
        }
        let _ = writeln!(out, "\n{} figures.", self.figures.len());
        out
    }
}
