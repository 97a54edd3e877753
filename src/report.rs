//! The report object: every figure the measures produce, the settings that shaped them and the
//! data-quality report, as one serialisable structure (the same natively and in the browser).
//! The aggregate file (`input-formats.md` §4) is a flattening of [`Report::figures`] plus
//! provenance columns.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::codes::EthnicGroup;
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

/// Every choice that changes a figure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    pub quality: QualityReport,
    pub figures: Vec<Figure>,
    /// Notes a reader must see (history too short for FTEs, population year substituted, …).
    pub notes: Vec<String>,
}

impl Report {
    /// The readable summary `yjlens report` prints.
    pub fn summary(&self) -> String {
        format!(
            "yjlens {} — extract date {}\n",
            self.tool_version, self.extract_date
        )
    }
}
