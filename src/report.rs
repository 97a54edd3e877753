//! The report object: every figure the measures produce, the settings that shaped them and the
//! data-quality report, as one serialisable structure (the same natively and in the browser).
//! The aggregate file (`input-formats.md` §4) is a flattening of [`Report::figures`] plus
//! provenance columns.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::codes::EthnicGroup;
use crate::extract::quality::Conflict;
use crate::extract::QualityReport;

use crate::catalogue::{Breakdown, FigureStage, Flag, Measure, Unit};
pub use crate::catalogue::{PeriodType, Status};

/// One figure: one row of the aggregate file without its provenance columns.
/// Field names and meanings are exactly those of `input-formats.md` §4, and their order is the
/// schema's ([`crate::catalogue::schema`], which the packed transfer and the aggregate file
/// follow).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Figure {
    pub measure: Measure,
    /// Disproportionality stage for `disp_*` measures (`<later>_vs_<base>` for a decision
    /// point), empty otherwise.
    #[cfg_attr(feature = "ts", ts(type = "StageCell"))]
    pub stage: FigureStage,
    pub period_type: PeriodType,
    pub period_start: NaiveDate,
    /// Inclusive.
    pub period_end: NaiveDate,
    // Shared by every figure of the period (one allocation per period, not per figure).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub period_label: Arc<str>,
    /// `all`, `ethnicity`, `sex`, … (`input-formats.md` §4).
    pub breakdown: Breakdown,
    /// The group within the breakdown (`all` for the total).
    pub group: String,
    /// The second breakdown of a cross-tabulation (age × sex); empty otherwise.
    #[serde(with = "crate::catalogue::schema::blank")]
    #[cfg_attr(feature = "ts", ts(type = "Breakdown | \"\""))]
    pub breakdown2: Option<Breakdown>,
    pub group2: String,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    /// In the printed unit (a percentage is 22.222222, not 0.222222), unrounded.
    pub value: Option<f64>,
    pub unit: Unit,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// `over`, `under`, `none`, `too_few` on `disp_rri` rows; empty elsewhere.
    #[serde(with = "crate::catalogue::schema::blank")]
    #[cfg_attr(feature = "ts", ts(type = "Flag | \"\""))]
    pub flag: Option<Flag>,
    pub status: Status,
    /// True where disclosure control hid the numbers (then they are all `None`).
    pub suppressed: bool,
    /// The definition text a reader needs (says "local choice" where one applies).
    // Shared between consecutive figures whose text is the same (an `Arc`, not a `String`).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub definition: Arc<str>,
}

/// How 12-month reoffending figures are formed (`measures.md`, reoffending §6).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustodyUnit {
    #[default]
    Per1000,
    Per100000,
}

/// Every choice that changes a figure. Missing fields take their defaults.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
    /// The KPIs' files and what they found (`kpis.md`); `None` when no interventions extract
    /// or board file was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kpi: Option<crate::measures::kpi::KpiInfo>,
}

/// Which population the rates of a report use (every rate's definition names it too).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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

impl Report {
    /// The figure of `measure` (and `stage`) for a period, breakdown and group.
    pub fn find(
        &self,
        measure: Measure,
        stage: FigureStage,
        period_type: PeriodType,
        period_start: NaiveDate,
        breakdown: Breakdown,
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
}
