//! What the subcommands share: the extract and its mapping, the population and the extract
//! date, reading files, and the one-sentence refusal.

use clap::Args;
use yjlens_core::catalogue::messages::{fill, msg};

use yjlens_core::extract::{read_extract, Extract, MappingProfile, ReadOptions};
use yjlens_core::measures::population::{read_population_from, Population};
use yjlens_core::report::Settings;

/// A refusal or a bad argument: one sentence, exit status 2.
pub struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

/// The extract and how to read it (`report`, `aggregate`, `quality`).
#[derive(Args)]
pub struct Input {
    /// The case-level extract (CSV, or semicolon/tab/pipe separated)
    #[arg(value_name = "EXTRACT")]
    pub extract: String,
    /// A saved column/code mapping profile
    #[arg(long, value_name = "PROFILE.json")]
    pub mapping: Option<String>,
    /// Read this date column month-first (US style); may be given more than once
    #[arg(long, value_name = "COLUMN")]
    pub month_first: Vec<String>,
    /// A spreadsheet's table to read (sheet name or number; default: the first with a header)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>, // issue 13
    /// Threads reading the extract (default: one per core, at most 8, on files over 8 MB);
    /// for measuring, the result is the same
    #[arg(long, value_name = "N", hide = true)]
    pub threads: Option<usize>,
}

impl Input {
    /// The extract read with the mapping profile and the month-first columns: a CSV streamed
    /// from disk (in ranges on threads when large), a spreadsheet as the CSV of its table.
    pub fn read(&self) -> Result<Extract, Failure> {
        let options = self.read_options()?;
        let ingest = crate::ingest::Ingest {
            threads: self.threads.map(|t| t.max(1)),
        };
        let spreadsheet = |bytes: Vec<u8>| -> Result<Extract, Failure> {
            // Issue 13: a spreadsheet is read as the CSV of its table.
            let bytes = crate::sheets::as_csv(
                bytes,
                &self.extract,
                self.sheet.as_deref(),
                false,
                &options.profile,
            )?;
            Ok(read_extract(&bytes, &options)?)
        };
        // `--sheet` on a file that is not a spreadsheet is refused by the conversion.
        let sheet_asked = self.sheet.is_some();
        ingest.read(&self.extract, &options, spreadsheet, |magic| {
            sheet_asked || yjlens_sheets::is_spreadsheet(magic)
        })
    }

    pub fn read_options(&self) -> Result<ReadOptions, Failure> {
        let mut profile = match &self.mapping {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    Failure(fill(
                        msg("cli.error.profile_unreadable"),
                        &[("path", &path), ("why", &e)],
                    ))
                })?;
                serde_json::from_str::<MappingProfile>(&text).map_err(|e| {
                    Failure(fill(
                        msg("cli.error.profile_invalid"),
                        &[("path", &path), ("why", &e)],
                    ))
                })?
            }
            None => MappingProfile::default(),
        };
        profile.month_first.extend(self.month_first.iter().cloned());
        Ok(ReadOptions {
            profile,
            ..ReadOptions::default()
        })
    }
}

/// The denominators and the date the measures are computed at (`report`, `aggregate`).
#[derive(Args)]
pub struct Compute {
    /// The population file: the denominator of every rate
    #[arg(long, value_name = "FILE")]
    pub population: Option<String>,
    /// Compute as at this date instead of the latest date in the extract
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub extract_date: Option<chrono::NaiveDate>,
}

impl Compute {
    /// The population file, if given, named by its file's name (not its folders): that name
    /// is the denominator of every rate.
    pub fn population(&self) -> Result<Option<Population>, Failure> {
        match &self.population {
            Some(p) => {
                // Issue 13: a spreadsheet is read as the CSV of its table, from its header.
                let bytes = read_file(p)?;
                let bytes =
                    crate::sheets::as_csv(bytes, p, None, true, &MappingProfile::default())?;
                Ok(Some(read_population_from(&bytes, file_name(p))?))
            }
            None => Ok(None),
        }
    }

    pub fn settings(&self) -> Settings {
        Settings {
            extract_date: self.extract_date,
            ..Settings::default()
        }
    }
}

/// A file's bytes, or the sentence saying why not.
pub fn read_file(path: &str) -> Result<Vec<u8>, Failure> {
    yjlens_core::extract::read_file(path).map_err(Failure)
}

/// A path's last component ("population.csv").
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// `--extract-date`: a date like 2025-09-30. (The refusal completes "--extract-date VALUE …".)
fn date(s: &str) -> Result<chrono::NaiveDate, String> {
    let d = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| "is not a date like 2025-09-30".to_string())?;
    yjlens_core::measures::prepare::plausible_extract_date(d, yjlens_core::extract::system_today())
}

/// The value parser of a whole-number flag (`--children`, `--rows`, `--seed`, `--suppress`):
/// a whole number from `lo` to `hi`, else the refusal "expects a whole number from 3 to 10"
/// ([`crate::usage`] completes it: "--suppress expects a whole number from 3 to 10, not abc.").
/// The flag must allow negative numbers, so that "-5" reaches this parser as its value.
pub fn whole_in<T>(lo: T, hi: T) -> impl Fn(&str) -> Result<T, String> + Clone + Send + Sync
where
    T: Copy + Into<i128> + TryFrom<i128> + Send + Sync + 'static,
{
    move |s: &str| {
        s.parse::<i128>()
            .ok()
            .filter(|v| (lo.into()..=hi.into()).contains(v))
            .and_then(|v| T::try_from(v).ok())
            .ok_or_else(|| {
                format!(
                    "expects a whole number from {} to {}",
                    thousands(lo.into()),
                    thousands(hi.into())
                )
            })
    }
}

/// 4294967295 → "4,294,967,295"; 10 → "10".
fn thousands(n: i128) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// The current time as ISO 8601 UTC, for the `generated_at` column.
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    chrono::DateTime::from_timestamp(secs, 0)
        .map_or_else(String::new, |t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}
