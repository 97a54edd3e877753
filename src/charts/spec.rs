//! What a chart shows, independent of how it is drawn. Built by the views from report figures.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// Periods along x; lines with points (and the first series' interval as a band).
    Trend,
    /// Periods along x; columns (counts per period), grouped when several series.
    Columns,
    /// Groups down y; horizontal bars, grouped when several series, with whiskers.
    Bars,
    /// Groups down y; dots with whiskers on a log scale, a line at 1 (relative rate index).
    Ratio,
    /// Months 1–12 along x; cumulative step lines.
    Step,
}

/// One series of values, aligned with [`ChartSpec::categories`]. `None` = no figure
/// (suppressed, or no denominator): drawn as a gap with a marker, never as zero.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
    /// Interval bounds, same length as `values` (or empty).
    #[serde(default)]
    pub low: Vec<Option<f64>>,
    #[serde(default)]
    pub high: Vec<Option<f64>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChartSpec {
    pub kind: ChartKind,
    pub title: String,
    /// Period, n and other context ("Jan–Mar 2022 to Oct–Dec 2023; n = 412 children").
    #[serde(default)]
    pub subtitle: String,
    /// The value axis title, always with its unit ("Reoffenders (% of cohort)").
    pub value_label: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// Per category: provisional (tracking incomplete), drawn hatched and labelled.
    #[serde(default)]
    pub provisional: Vec<bool>,
    /// Marker text for a missing value ("[c]" for suppressed, "–" for none).
    #[serde(default = "default_missing")]
    pub missing_marker: String,
    /// Fixed value-axis range; otherwise from the data (and always including 0 for bars).
    #[serde(default)]
    pub value_min: Option<f64>,
    #[serde(default)]
    pub value_max: Option<f64>,
    /// Definition id and source line at the foot.
    #[serde(default)]
    pub footnote: String,
}

fn default_missing() -> String {
    "–".to_string()
}

impl ChartSpec {
    /// Whether any category is provisional (then a legend entry explains the hatching).
    pub fn has_provisional(&self) -> bool {
        self.provisional.iter().any(|p| *p)
    }

    pub fn is_provisional(&self, i: usize) -> bool {
        self.provisional.get(i).copied().unwrap_or(false)
    }
}
