//! The data-quality report: every row read is used or counted under a named reason.
//! Invariant: `rows_read == rows_used + rows_rejected + duplicates`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::catalogue::messages::{self, fill, msg, Lang};

/// Up to this many example line numbers are kept per rejection reason.
pub const MAX_EXAMPLES: usize = 20;

/// Up to this many rejected rows are listed in [`QualityReport::rejected_lines`].
pub const MAX_REJECTED_LINES: usize = 100_000;

/// Where the extract date the measures used came from.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtractDateSource {
    /// The user set it.
    User,
    /// Read from a title line above the header ("produced 30/09/2025").
    Title,
    /// The latest outcome date in the extract (the fallback).
    #[default]
    LatestOutcome,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
    /// Non-blank lines above the header that were skipped (their text is never kept).
    pub title_lines: u32,
    /// A date read from a title line ("produced 30/09/2025", "as at 30 September 2025").
    pub title_date: Option<NaiveDate>,
    /// Every rejected row (line, reason, field; never a value), in file order, at most
    /// [`MAX_REJECTED_LINES`]: for the "download rejected rows" button.
    pub rejected_lines: Vec<RejectedLine>,
    /// More rows were rejected than [`QualityReport::rejected_lines`] lists.
    pub rejected_lines_truncated: bool,
}

/// One count of the report: rows rejected (or kept with a warning) for one reason in one
/// field. The same reason in two fields ("invalid date" in offence_date and in
/// outcome_date) is two entries.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Reason {
    /// Plain English, never a raw field name (`invalid date`, `missing required value`).
    pub reason: String,
    /// The canonical field (`offence_date`), "" when the reason is about no one field.
    pub field: String,
    pub count: u64,
    /// Example line numbers (at most [`MAX_EXAMPLES`]).
    pub examples: Vec<u32>,
    /// The first offending value (`31/02/2024`) for value reasons; "" for missing values
    /// and never for the child's id or date of birth.
    pub example_value: String,
}

/// One rejected row, for the list a user can download: no value of the row is kept.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RejectedLine {
    /// Spreadsheet line number.
    pub line: u32,
    pub reason: String,
    /// The canonical field, "" when none.
    pub field: String,
}

/// A canonical field name in words for people (`offence_date` → "offence date").
pub fn field_label(field: &str) -> String {
    match field {
        "child_id" => "child ID".into(),
        "looked_after" => "looked-after status".into(),
        "offence_category" => "offence category".into(),
        f => f.replace('_', " "),
    }
}

/// "1 row" / "2 rows" (Welsh counts with the singular: "2 rhes").
fn rows(n: u64) -> String {
    fill(
        msg(if n == 1 {
            "cli.quality.rows.one"
        } else {
            "cli.quality.rows"
        }),
        &[("n", &n)],
    )
}

/// A field in words in the language in use: English as [`field_label`], another language from
/// its table (`field.offence_date`).
fn field_words(field: &str) -> String {
    match messages::current() {
        Lang::En => field_label(field),
        lang => match messages::of(lang, &["field", field]) {
            "" => field.to_string(),
            words => words.to_lowercase(),
        },
    }
}

/// The head of a reason line ("Invalid date in release date (field left blank)"): the
/// English reason as it is, another language's words for it (`cli.reason.*`).
fn reason_head(r: &Reason) -> String {
    let capital = |s: &str| {
        let mut out = String::new();
        let mut chars = s.chars();
        if let Some(c) = chars.next() {
            out.extend(c.to_uppercase());
            out.push_str(chars.as_str());
        }
        out
    };
    let lang = messages::current();
    if lang != Lang::En {
        let words = messages::get(lang, &format!("cli.reason.{}", r.reason)).unwrap_or(&r.reason);
        let mut head = capital(words);
        if !r.field.is_empty() {
            head.push_str(&fill(
                msg("cli.quality.in"),
                &[("field", &field_words(&r.field))],
            ));
        }
        return head;
    }
    let mut head = capital(&r.reason);
    if !r.field.is_empty() {
        let label = field_label(&r.field);
        if !r.reason.contains(&label) {
            head = match head.find(" (") {
                // "Invalid date (field left blank)" → "Invalid date in release date (field left blank)"
                Some(i) => format!("{} in {label}{}", &head[..i], &head[i..]),
                None => format!("{head} in {label}"),
            };
        }
    }
    head
}

/// A date as people in the UK write it: 30/09/2025.
fn uk(d: NaiveDate) -> String {
    crate::measures::dates::DayMonthYear(d).to_string()
}

/// One reason as a sentence: `Invalid date in offence date: 3 rows (e.g. "31/02/2024";
/// lines 4, 9, 12)`.
fn reason_line(r: &Reason) -> String {
    let head = reason_head(r);
    let mut detail = Vec::new();
    if !r.example_value.is_empty() {
        detail.push(fill(
            msg("cli.quality.example"),
            &[("value", &r.example_value)],
        ));
    }
    if !r.examples.is_empty() {
        let lines: Vec<String> = r.examples.iter().map(u32::to_string).collect();
        let more = if r.count as usize > r.examples.len() {
            ", …"
        } else {
            ""
        };
        let word = msg(if r.examples.len() == 1 && more.is_empty() {
            "cli.quality.line"
        } else {
            "cli.quality.lines"
        });
        detail.push(format!("{word} {}{more}", lines.join(", ")));
    }
    if detail.is_empty() {
        format!("{head}: {}", rows(r.count))
    } else {
        format!("{head}: {} ({})", rows(r.count), detail.join("; "))
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UnknownCode {
    /// `outcome`, `ethnicity`, `sex`, `looked_after`.
    pub field: String,
    pub value: String,
    pub rows: u64,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub attribute: String,
    pub children: u64,
}

impl QualityReport {
    /// Count a rejected row and list it (line, reason, field; never a value) while the list
    /// has room; past [`MAX_REJECTED_LINES`] say that the list is cut.
    pub(crate) fn reject_line(&mut self, line: u32, reason: &str, field: &str) {
        self.rows_rejected += 1;
        if self.rejected_lines.len() < MAX_REJECTED_LINES {
            self.rejected_lines.push(RejectedLine {
                line,
                reason: reason.to_string(),
                field: field.to_string(),
            });
        } else {
            self.rejected_lines_truncated = true;
        }
    }

    /// The readable report `yjlens quality` prints.
    pub fn summary(&self) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        let say = |id: &str, args: &[(&str, &dyn std::fmt::Display)]| fill(msg(id), args);
        let _ = writeln!(
            s,
            "{}",
            say(
                "cli.quality.file",
                &[
                    (
                        "encoding",
                        &if self.encoding.is_empty() {
                            msg("cli.quality.unknown")
                        } else {
                            self.encoding.as_str()
                        }
                    ),
                    (
                        "delimiter",
                        &if self.delimiter.is_empty() {
                            "?"
                        } else {
                            self.delimiter.as_str()
                        }
                    ),
                    ("line", &self.header_line),
                ]
            )
        );
        if self.title_lines > 0 {
            let one = self.title_lines == 1;
            let lines = say(
                if one {
                    "cli.quality.title_lines.one"
                } else {
                    "cli.quality.title_lines"
                },
                &[("n", &self.title_lines)],
            );
            match self.title_date {
                Some(d) => {
                    let id = if one {
                        "cli.quality.title_date.one"
                    } else {
                        "cli.quality.title_date"
                    };
                    let _ = writeln!(s, "{}", say(id, &[("lines", &lines), ("date", &uk(d))]));
                }
                None => {
                    let _ = writeln!(s, "{lines}.");
                }
            }
        }
        let _ = writeln!(
            s,
            "{}",
            say(
                "cli.quality.rows_read",
                &[
                    ("read", &self.rows_read),
                    ("used", &self.rows_used),
                    ("rejected", &self.rows_rejected),
                    ("duplicates", &self.duplicates),
                ]
            )
        );
        if !self.rejected.is_empty() {
            let _ = writeln!(s, "\n{}", msg("cli.quality.rejected"));
            for r in &self.rejected {
                let _ = writeln!(s, "  {}", reason_line(r));
            }
            if self.rejected_lines_truncated {
                let _ = writeln!(
                    s,
                    "  {}",
                    say(
                        "cli.quality.truncated",
                        &[("n", &self.rejected_lines.len())]
                    )
                );
            }
        }
        if !self.warnings.is_empty() {
            let _ = writeln!(s, "\n{}", msg("cli.quality.warnings"));
            for r in &self.warnings {
                let _ = writeln!(s, "  {}", reason_line(r));
            }
        }
        if !self.unknown_codes.is_empty() {
            let _ = writeln!(s, "\n{}", msg("cli.quality.unknown_codes"));
            for u in &self.unknown_codes {
                let _ = writeln!(
                    s,
                    "  {} \"{}\": {}",
                    field_words(&u.field),
                    u.value,
                    rows(u.rows)
                );
            }
        }
        if !self.columns.is_empty() {
            let _ = writeln!(s, "\n{}", msg("cli.quality.columns"));
            for (field, header) in &self.columns {
                let _ = writeln!(s, "  {} <- \"{header}\"", field_words(field));
            }
        }
        if !self.dropped_columns.is_empty() {
            let _ = writeln!(
                s,
                "\n{}",
                say(
                    "cli.quality.dropped",
                    &[("columns", &self.dropped_columns.join(", "))]
                )
            );
        }
        if !self.ignored_columns.is_empty() {
            let _ = writeln!(
                s,
                "{}",
                say(
                    "cli.quality.ignored",
                    &[("columns", &self.ignored_columns.join(", "))]
                )
            );
        }
        let _ = writeln!(s);
        if let (Some(a), Some(b)) = (self.first_outcome_date, self.last_outcome_date) {
            let _ = writeln!(
                s,
                "{}",
                say(
                    "cli.quality.outcome_dates",
                    &[("from", &uk(a)), ("to", &uk(b))]
                )
            );
        }
        if let (Some(a), Some(b)) = (self.first_offence_date, self.last_offence_date) {
            let _ = writeln!(
                s,
                "{}",
                say(
                    "cli.quality.offence_dates",
                    &[("from", &uk(a)), ("to", &uk(b))]
                )
            );
        }
        let _ = writeln!(
            s,
            "{}",
            say(
                "cli.quality.children",
                &[("n", &self.children), ("unknown", &self.age_unknown_rows)]
            )
        );
        for c in &self.conflicting {
            // English names the field by its id, as before; another language in words.
            let attribute = match messages::current() {
                Lang::En => c.attribute.clone(),
                _ => field_words(&c.attribute),
            };
            let id = if c.children == 1 {
                "cli.quality.conflicting.one"
            } else {
                "cli.quality.conflicting"
            };
            let _ = writeln!(
                s,
                "{}",
                say(id, &[("attribute", &attribute), ("n", &c.children)])
            );
        }
        s
    }

    /// Rows rejected for one reason, in any field (0 when absent).
    pub fn rejected_count(&self, reason: &str) -> u64 {
        self.rejected
            .iter()
            .filter(|r| r.reason == reason)
            .map(|r| r.count)
            .sum()
    }

    /// Rows kept with one warning, in any field (0 when absent).
    pub fn warning_count(&self, reason: &str) -> u64 {
        self.warnings
            .iter()
            .filter(|r| r.reason == reason)
            .map(|r| r.count)
            .sum()
    }

    /// The rejection entry for one reason in one field.
    pub fn rejected_in(&self, reason: &str, field: &str) -> Option<&Reason> {
        self.rejected
            .iter()
            .find(|r| r.reason == reason && r.field == field)
    }

    /// The warning entry for one reason in one field.
    pub fn warning_in(&self, reason: &str, field: &str) -> Option<&Reason> {
        self.warnings
            .iter()
            .find(|r| r.reason == reason && r.field == field)
    }
}
