//! What a chart shows, independent of how it is drawn. Built by the views from report figures.
//!
//! Every field added after the first release is `#[serde(default)]`, so a spec written by an
//! older page still deserializes and draws as it did.

use serde::{Deserialize, Serialize};

use crate::measures::stats::round_display;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// Periods along x; lines with points (and the first series' interval as a band).
    #[default]
    Trend,
    /// Periods along x; columns (counts per period), grouped when several series.
    Columns,
    /// Groups down y; horizontal bars, grouped when several series, with whiskers.
    Bars,
    /// Groups down y; dots with whiskers on a log scale, a line at 1 (relative rate index).
    Ratio,
    /// Months 1–12 along x; cumulative step lines.
    Step,
    /// Groups down y; one dot per group on a linear scale from 0, every series at the
    /// group's centre (a ranked dot plot: ours in one series, our region's in another, the
    /// rest in a third — the group's name says which, never the colour alone).
    Dots,
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
    /// The display text of each value, made by the page with its one rounding function
    /// ("28.8% (23 of 80)"), same length as `values` (or empty). A given label is drawn
    /// exactly as given; where there is none the value is rounded half away from zero.
    #[serde(default)]
    pub labels: Vec<Option<String>>,
    /// Per value: it rests on fewer than 10 children (drawn hollow, with a legend entry
    /// "fewer than 10: treat with caution"). Same length as `values` (or empty).
    #[serde(default)]
    pub small: Vec<bool>,
    /// Another area's figures beside ours (a comparator, `comparators.md`): on a trend chart
    /// a dashed line (each comparator its own dash) with hollow markers and its name written
    /// at its last point — never told apart by colour alone; no band, no value labels, and no
    /// missing-value marker where it has no figure.
    #[serde(default)]
    pub comparator: bool,
}

impl Series {
    /// The value at `i`, if there is a finite one.
    pub fn value(&self, i: usize) -> Option<f64> {
        self.values
            .get(i)
            .copied()
            .flatten()
            .filter(|v| v.is_finite())
    }

    /// The interval at `i` when both ends are known.
    pub fn interval(&self, i: usize) -> Option<(f64, f64)> {
        match (
            self.low.get(i).copied().flatten(),
            self.high.get(i).copied().flatten(),
        ) {
            (Some(l), Some(h)) if l.is_finite() && h.is_finite() => Some((l.min(h), l.max(h))),
            _ => None,
        }
    }

    /// Whether the value at `i` rests on fewer than 10 children.
    pub fn is_small(&self, i: usize) -> bool {
        self.small.get(i).copied().unwrap_or(false)
    }

    /// The page's label for the value at `i`, if it gave one.
    pub fn given_label(&self, i: usize) -> Option<&str> {
        self.labels.get(i).and_then(|l| l.as_deref())
    }

    /// The text drawn for the value at `i`: the page's label when given, otherwise the value
    /// rounded half away from zero (whole numbers on a count axis, else one decimal place) —
    /// never `{:.1}`, which rounds 28.75 to "28.7" where the table says "28.8".
    pub fn label(&self, i: usize, whole_numbers: bool) -> Option<String> {
        if let Some(l) = self.given_label(i) {
            return Some(l.to_string());
        }
        let v = self.value(i)?;
        Some(round_display(v, if whole_numbers { 0 } else { 1 }))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChartSpec {
    pub kind: ChartKind,
    /// The chart's message in words ("Reoffending fell to 30.8% in the year to Sep 2024").
    pub title: String,
    /// Measure, unit, period, n and denominator ("Jan–Mar 2022 to Oct–Dec 2023; n = 412").
    #[serde(default)]
    pub subtitle: String,
    /// The value axis title, always with its unit ("Reoffenders (% of cohort)").
    pub value_label: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// Per category: provisional (tracking incomplete), drawn lightly (a lighter, dashed line
    /// segment into a hollow marker; lighter bars with an outline) and labelled in the legend.
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
    /// The definition in words and the source line at the foot.
    #[serde(default)]
    pub footnote: String,
    /// Text under each category's tick on a period axis ("" = a tick mark without text), e.g.
    /// every year and always the latest period. Empty: the categories themselves, thinned so
    /// they never overlap.
    #[serde(default)]
    pub axis_labels: Vec<String>,
    /// Value-axis ticks are whole numbers only (count axes: never "0.5 children").
    #[serde(default)]
    pub whole_numbers: bool,
}

fn default_missing() -> String {
    "–".to_string()
}

impl Default for ChartSpec {
    fn default() -> Self {
        ChartSpec {
            kind: ChartKind::default(),
            title: String::new(),
            subtitle: String::new(),
            value_label: String::new(),
            categories: Vec::new(),
            series: Vec::new(),
            provisional: Vec::new(),
            missing_marker: default_missing(),
            value_min: None,
            value_max: None,
            footnote: String::new(),
            axis_labels: Vec::new(),
            whole_numbers: false,
        }
    }
}

impl ChartSpec {
    /// Whether any category is provisional (then a legend entry explains the lighter marks).
    pub fn has_provisional(&self) -> bool {
        self.provisional.iter().any(|p| *p)
    }

    pub fn is_provisional(&self, i: usize) -> bool {
        self.provisional.get(i).copied().unwrap_or(false)
    }

    /// Whether any value rests on fewer than 10 children (then the legend says so).
    pub fn has_small(&self) -> bool {
        self.series.iter().any(|s| s.small.iter().any(|b| *b))
    }

    /// Whether the marks are bars or columns (rather than points and lines).
    pub fn has_bars(&self) -> bool {
        matches!(self.kind, ChartKind::Bars | ChartKind::Columns)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_old_spec_without_the_new_fields_still_reads() {
        let json = r#"{"kind":"bars","title":"t","value_label":"v","categories":["a"],
            "series":[{"name":"s","values":[28.75]}]}"#;
        let spec: ChartSpec = serde_json::from_str(json).unwrap();
        assert!(spec.axis_labels.is_empty() && !spec.whole_numbers);
        assert!(spec.series[0].labels.is_empty() && spec.series[0].small.is_empty());
        // No label given: 28.75 rounds half away from zero to 28.8 (`{:.1}` would say 28.7).
        assert_eq!(spec.series[0].label(0, false).as_deref(), Some("28.8"));
    }

    #[test]
    fn a_given_label_is_used_verbatim() {
        let s = Series {
            values: vec![Some(28.75)],
            labels: vec![Some("28.8% (23 of 80)".into())],
            ..Series::default()
        };
        assert_eq!(s.label(0, false).as_deref(), Some("28.8% (23 of 80)"));
        assert_eq!(s.label(1, false), None);
    }
}
