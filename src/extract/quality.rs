//! The data-quality report: every row read is used or counted under a named reason.
//! Invariant: `rows_read == rows_used + rows_rejected + duplicates`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Up to this many example line numbers are kept per rejection reason.
pub const MAX_EXAMPLES: usize = 20;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QualityReport {
    pub rows_read: u64,
    pub rows_used: u64,
    pub rows_rejected: u64,
    pub duplicates: u64,
    /// Rejections by reason (`wrong field count`, `invalid date`, …).
    pub rejected: Vec<Reason>,
    /// Rows kept with a warning, by kind.
    pub warnings: Vec<Reason>,
    /// Values no code list recognised, with how many rows carry each.
    pub unknown_codes: Vec<UnknownCode>,
    /// Headers dropped on ingest because they look like direct identifiers.
    pub dropped_columns: Vec<String>,
    /// Canonical field → header it was matched to.
    pub columns: Vec<(String, String)>,
    pub delimiter: String,
    pub encoding: String,
    pub first_outcome_date: Option<NaiveDate>,
    pub last_outcome_date: Option<NaiveDate>,
    /// Children whose rows disagree on an attribute, by attribute.
    pub conflicting: Vec<Conflict>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    pub reason: String,
    pub count: u64,
    /// Example line numbers (at most [`MAX_EXAMPLES`]).
    pub examples: Vec<u32>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UnknownCode {
    /// `outcome`, `ethnicity`, `sex`, `looked_after`.
    pub field: String,
    pub value: String,
    pub rows: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub attribute: String,
    pub children: u64,
}

impl QualityReport {
    /// The readable report `yjlens quality` prints.
    pub fn summary(&self) -> String {
        format!(
            "rows read {}; used {}; rejected {}; duplicates {}\n",
            self.rows_read, self.rows_used, self.rows_rejected, self.duplicates
        )
    }
}
