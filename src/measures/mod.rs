//! The measures of `measures.md`: plain Rust over an [`Extract`], no web dependency.
//! [`compute`] produces the whole [`Report`].

pub mod population;

use crate::extract::Extract;
use crate::report::{Report, Settings};

pub use population::Population;

/// Compute every figure for every period and breakdown.
pub fn compute(extract: &Extract, settings: &Settings, _population: Option<&Population>) -> Report {
    let extract_date = settings
        .extract_date
        .or_else(|| extract.rows.iter().map(|r| r.outcome_date).max())
        .unwrap_or_default();
    Report {
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        settings: settings.clone(),
        extract_date,
        quality: extract.quality.clone(),
        figures: Vec::new(),
        notes: Vec::new(),
    }
}
