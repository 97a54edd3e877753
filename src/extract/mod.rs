//! Reading files: bytes → decoded text → header and columns → typed case rows, with every row
//! accounted for in the [`QualityReport`] (`input-formats.md` §1–§2).

pub mod profile;
pub mod quality;
pub mod table;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::codes::{Ethnicity, OffenceCategory, Outcome, Sex};

pub use profile::MappingProfile;
pub use quality::QualityReport;
pub use table::{read_table, Table};

/// How the child's age can be known, from the best column the row had.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Birth {
    /// `date_of_birth` (used only to derive age, never shown).
    Date(NaiveDate),
    /// `birth_month` (`YYYY-MM`): age as if born on the 1st.
    Month(NaiveDate),
    /// `age` in whole years at this row's outcome date.
    AgeAtOutcome(u8),
    Unknown,
}

impl Birth {
    /// Age in whole years at `on`, if known. `outcome_date` is the date of the row that gave
    /// the birth information (needed for [`Birth::AgeAtOutcome`]).
    pub fn age_at(self, on: NaiveDate, outcome_date: NaiveDate) -> Option<i32> {
        let born = match self {
            Birth::Date(d) | Birth::Month(d) => d,
            Birth::AgeAtOutcome(a) => {
                // Whole years `a` at the outcome date: add the whole years elapsed since.
                let years = years_between(outcome_date, on)?;
                return Some(i32::from(a) + years);
            }
            Birth::Unknown => return None,
        };
        years_between(born, on)
    }
}

/// Whole years from `from` to `to` (negative when `to` is earlier).
fn years_between(from: NaiveDate, to: NaiveDate) -> Option<i32> {
    let mut years = to.year() - from.year();
    if (to.month(), to.day()) < (from.month(), from.day()) {
        years -= 1;
    }
    Some(years)
}

/// One kept row of the extract: one proven offence with its outcome (or a remand episode).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseRow {
    /// 1-based line number in the file as a spreadsheet shows it (header = its own line).
    pub line: u32,
    /// Index into [`Extract::child_ids`].
    pub child: u32,
    pub offence_date: NaiveDate,
    pub outcome_date: NaiveDate,
    pub outcome: Outcome,
    pub birth: Birth,
    pub sex: Sex,
    pub ethnicity: Ethnicity,
    /// Index into [`Extract::categories`].
    pub category: u16,
    pub gravity: Option<u8>,
    pub release_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub looked_after: Option<bool>,
    /// Index into [`Extract::services`] (0 = no service column).
    pub service: u16,
}

/// A read extract: the kept rows in file order and the tables their indices point into.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Extract {
    pub rows: Vec<CaseRow>,
    /// Pseudonymous ids, stable per child. Never written to any output.
    pub child_ids: Vec<String>,
    pub categories: Vec<OffenceCategory>,
    /// Service names; entry 0 is "" (no service column).
    pub services: Vec<String>,
    /// Detailed ethnicity labels ("Other: Arab"); entry 0 is "" (no detail given).
    pub ethnic_details: Vec<String>,
    pub quality: QualityReport,
}

/// What the caller can set before reading.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReadOptions {
    /// Override the sniffed delimiter.
    pub delimiter: Option<u8>,
    /// Column and code mappings the user made (never personal data).
    pub profile: MappingProfile,
}

/// Why a whole file was refused. `message` is one sentence a person can act on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Refusal {
    pub kind: RefusalKind,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RefusalKind {
    Empty,
    NoHeader,
    NotText,
    /// A required column could not be matched; `headers` are the file's columns to choose from.
    ColumnUnmapped {
        field: String,
        headers: Vec<String>,
    },
    /// Two or more columns match the same field.
    ColumnAmbiguous {
        field: String,
        headers: Vec<String>,
    },
    /// A date column looks month-first and needs the user's confirmation.
    MonthFirst {
        column: String,
        example: String,
    },
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Refusal {}

/// Read a whole case-level extract held in memory.
pub fn read_extract(bytes: &[u8], options: &ReadOptions) -> Result<Extract, Refusal> {
    let mut reader = ExtractReader::new(options.clone());
    reader.push(bytes)?;
    reader.finish()
}

/// Reads an extract incrementally: feed chunks of bytes as they arrive (a `File` read with
/// `File.slice` in the worker), then `finish`. Memory stays proportional to the kept rows.
pub struct ExtractReader {
    options: ReadOptions,
    buffered: Vec<u8>,
}

impl ExtractReader {
    pub fn new(options: ReadOptions) -> Self {
        ExtractReader {
            options,
            buffered: Vec::new(),
        }
    }

    /// Feed the next chunk of the file.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), Refusal> {
        self.buffered.extend_from_slice(chunk);
        Ok(())
    }

    /// Bytes consumed so far (for progress).
    pub fn bytes_read(&self) -> u64 {
        self.buffered.len() as u64
    }

    pub fn finish(self) -> Result<Extract, Refusal> {
        interim::read(&self.buffered, &self.options)
    }
}

mod interim;
