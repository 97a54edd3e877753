//! What the subcommands share: the extract and its mapping, the population and the extract
//! date, reading files, and the one-sentence refusal.

use clap::Args;

use yjlens::extract::{read_extract, Extract, MappingProfile, ReadOptions};
use yjlens::measures::population::{read_population_from, Population};
use yjlens::report::Settings;

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
}

impl Input {
    /// The extract read with the mapping profile and the month-first columns.
    pub fn read(&self) -> Result<Extract, Failure> {
        Ok(read_extract(
            &read_file(&self.extract)?,
            &self.read_options()?,
        )?)
    }

    fn read_options(&self) -> Result<ReadOptions, Failure> {
        let mut profile = match &self.mapping {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    Failure(format!("Cannot read the mapping profile {path}: {e}."))
                })?;
                serde_json::from_str::<MappingProfile>(&text).map_err(|e| {
                    Failure(format!("The mapping profile {path} is not valid: {e}."))
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
            Some(p) => Ok(Some(read_population_from(&read_file(p)?, file_name(p))?)),
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
    yjlens::extract::read_file(path).map_err(Failure)
}

/// A path's last component ("population.csv").
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// `--extract-date`: a date like 2025-09-30. (The refusal completes "--extract-date VALUE …".)
fn date(s: &str) -> Result<chrono::NaiveDate, String> {
    let d = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| "is not a date like 2025-09-30".to_string())?;
    yjlens::measures::prepare::plausible_extract_date(d, yjlens::extract::system_today())
}

/// A whole number flag (`--children`, `--rows`, `--seed`, `--suppress`).
pub fn whole_number<T: std::str::FromStr>(s: &str) -> Result<T, String> {
    s.parse().map_err(|_| {
        if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
            "is too large".to_string()
        } else {
            "is not a whole number".to_string()
        }
    })
}

/// The current time as ISO 8601 UTC, for the `generated_at` column.
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    chrono::DateTime::from_timestamp(secs, 0)
        .map_or_else(String::new, |t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}
