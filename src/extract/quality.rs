//! The data-quality report: every row read is used or counted under a named reason.
//! Invariant: `rows_read == rows_used + rows_rejected + duplicates`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Up to this many example line numbers are kept per rejection reason.
pub const MAX_EXAMPLES: usize = 20;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
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
    /// Range of the kept rows' offence dates.
    pub first_offence_date: Option<NaiveDate>,
    pub last_offence_date: Option<NaiveDate>,
    /// Kept rows whose age at the outcome date cannot be known (no birth date, month or age).
    pub age_unknown_rows: u64,
    /// Distinct children among the kept rows.
    pub children: u64,
    /// Headers matched to no field (not used; never shown as values).
    pub ignored_columns: Vec<String>,
    /// Line of the header row (after any title lines).
    pub header_line: u32,
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
        use std::fmt::Write;
        let mut s = String::new();
        let examples = |r: &Reason| {
            let lines: Vec<String> = r.examples.iter().map(u32::to_string).collect();
            let more = if r.count as usize > r.examples.len() {
                ", …"
            } else {
                ""
            };
            format!("lines {}{more}", lines.join(", "))
        };
        let _ = writeln!(
            s,
            "File: {} encoding, delimiter \"{}\", header on line {}.",
            if self.encoding.is_empty() {
                "unknown"
            } else {
                &self.encoding
            },
            if self.delimiter.is_empty() {
                "?"
            } else {
                &self.delimiter
            },
            self.header_line
        );
        let _ = writeln!(
            s,
            "Rows read {}: used {}, rejected {}, exact duplicates {} (kept once).",
            self.rows_read, self.rows_used, self.rows_rejected, self.duplicates
        );
        if !self.rejected.is_empty() {
            let _ = writeln!(s, "\nRejected rows:");
            for r in &self.rejected {
                let _ = writeln!(s, "  {}: {} ({})", r.reason, r.count, examples(r));
            }
        }
        if !self.warnings.is_empty() {
            let _ = writeln!(s, "\nRows kept with a warning:");
            for r in &self.warnings {
                let _ = writeln!(s, "  {}: {} ({})", r.reason, r.count, examples(r));
            }
        }
        if !self.unknown_codes.is_empty() {
            let _ = writeln!(s, "\nUnrecognised codes (map them to use these rows):");
            for u in &self.unknown_codes {
                let _ = writeln!(s, "  {} \"{}\": {} rows", u.field, u.value, u.rows);
            }
        }
        if !self.columns.is_empty() {
            let _ = writeln!(s, "\nColumns used:");
            for (field, header) in &self.columns {
                let _ = writeln!(s, "  {field} <- \"{header}\"");
            }
        }
        if !self.dropped_columns.is_empty() {
            let _ = writeln!(
                s,
                "\nDropped (looks like a direct identifier; values never read): {}",
                self.dropped_columns.join(", ")
            );
        }
        if !self.ignored_columns.is_empty() {
            let _ = writeln!(s, "Not used: {}", self.ignored_columns.join(", "));
        }
        let _ = writeln!(s);
        if let (Some(a), Some(b)) = (self.first_outcome_date, self.last_outcome_date) {
            let _ = writeln!(s, "Outcome dates: {a} to {b}.");
        }
        if let (Some(a), Some(b)) = (self.first_offence_date, self.last_offence_date) {
            let _ = writeln!(s, "Offence dates: {a} to {b}.");
        }
        let _ = writeln!(
            s,
            "Children: {}; rows with unknown age: {}.",
            self.children, self.age_unknown_rows
        );
        for c in &self.conflicting {
            let _ = writeln!(
                s,
                "Conflicting {} on {} {}.",
                c.attribute,
                c.children,
                if c.children == 1 { "child" } else { "children" }
            );
        }
        s
    }

    /// Count for one rejection reason (0 when absent).
    pub fn rejected_count(&self, reason: &str) -> u64 {
        self.rejected
            .iter()
            .find(|r| r.reason == reason)
            .map_or(0, |r| r.count)
    }

    /// Count for one warning (0 when absent).
    pub fn warning_count(&self, reason: &str) -> u64 {
        self.warnings
            .iter()
            .find(|r| r.reason == reason)
            .map_or(0, |r| r.count)
    }
}
