//! `yjlens kpi`: the YJB key performance indicators from an interventions extract (and the
//! case-level extract, board attendance file and population when given), as a table or JSON.

use clap::{Args, ValueEnum};
use yjlens_core::catalogue::messages::{fill, msg};

use yjlens_core::catalogue::Family;
use yjlens_core::extract::interventions::{read_board, read_interventions, Board, Interventions};
use yjlens_core::extract::{Extract, MappingProfile, ReadOptions};
use yjlens_core::measures::{compute_with, Inputs};
use yjlens_core::report::{PeriodType, Report};

use crate::common::{read_file, Compute, Failure};

/// The period type of the table.
#[derive(Clone, Copy, ValueEnum)]
enum Period {
    Quarter,
    FinancialYear,
    Rolling12m,
}

/// Print the ten YJB KPIs for the latest period (a table, or every figure as JSON)
#[derive(Args)]
pub struct Kpi {
    /// The interventions extract (one row per intervention)
    #[arg(value_name = "INTERVENTIONS")]
    interventions: String,
    /// The case-level extract: ethnicity, sex, age and service by child_id, and KPI 9
    #[arg(long, value_name = "EXTRACT")]
    extract: Option<String>,
    /// The board attendance file (KPI 7)
    #[arg(long, value_name = "FILE")]
    board: Option<String>,
    #[command(flatten)]
    compute: Compute,
    /// The period type of the table (default: quarter, as the YJB return)
    #[arg(long, value_enum, default_value = "quarter")]
    period: Period,
    /// Print the KPI figures of every period as JSON instead of the table
    #[arg(long)]
    json: bool,
    /// A saved mapping profile (columns and codes of both extracts)
    #[arg(long, value_name = "PROFILE.json")]
    mapping: Option<String>,
    /// Read this date column month-first (US style); may be given more than once
    #[arg(long, value_name = "COLUMN")]
    month_first: Vec<String>,
    /// Comparator files with KPI figures (typed headline figures, aggregate files with area
    /// columns): a column per region, nation or family beside each KPI
    #[arg(long, value_name = "FILE", num_args = 1..)]
    comparators: Vec<String>,
    /// Our area's name (as the comparator files name it)
    #[arg(long, value_name = "NAME")]
    area: Option<String>,
}

/// The KPIs' files read (`kpi`, `aggregate`), with the mapping profile's intervention columns
/// and types; a spreadsheet (.xlsx, .ods, a zip of them) is read as the CSV of its table.
pub fn read_kpi_files(
    interventions: Option<&str>,
    board: Option<&str>,
    options: &ReadOptions,
) -> Result<(Option<Interventions>, Option<Board>), Failure> {
    let bytes = |p: &str| crate::sheets::as_csv(read_file(p)?, p, None, false, &options.profile);
    let interventions = match interventions {
        Some(p) => Some(
            read_interventions(&bytes(p)?, options)
                .map_err(|e| Failure(format!("{p}: {}", e.message)))?,
        ),
        None => None,
    };
    let board = match board {
        Some(p) => Some(
            read_board(&bytes(p)?, options).map_err(|e| Failure(format!("{p}: {}", e.message)))?,
        ),
        None => None,
    };
    Ok((interventions, board))
}

/// A saved mapping profile (its `intervention_columns` and `intervention_types` map the
/// interventions extract) with the month-first columns added.
fn profile(path: Option<&str>, month_first: &[String]) -> Result<MappingProfile, Failure> {
    let mut profile = match path {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| {
                Failure(fill(
                    msg("cli.error.profile_unreadable"),
                    &[("path", &p), ("why", &e)],
                ))
            })?;
            MappingProfile::from_json(&text).map_err(|e| Failure(format!("{p}: {e}")))?
        }
        None => MappingProfile::default(),
    };
    profile.month_first.extend(month_first.iter().cloned());
    Ok(profile)
}

impl Kpi {
    pub fn run(self) -> Result<String, Failure> {
        let options = ReadOptions {
            profile: profile(self.mapping.as_deref(), &self.month_first)?,
            ..ReadOptions::default()
        };
        let (interventions, board) =
            read_kpi_files(Some(&self.interventions), self.board.as_deref(), &options)?;
        let extract = match &self.extract {
            Some(p) => {
                let bytes = crate::sheets::as_csv(read_file(p)?, p, None, false, &options.profile)?;
                yjlens_core::extract::read_extract(&bytes, &options)
                    .map_err(|e| Failure(format!("{p}: {}", e.message)))?
            }
            None => Extract::default(),
        };
        let population = self.compute.population()?;
        let report: Report = compute_with(&Inputs {
            extract: &extract,
            settings: &self.compute.settings(),
            population: population.as_ref(),
            interventions: interventions.as_ref(),
            board: board.as_ref(),
        });
        if self.json {
            // The extract date, what the KPI files held, the notes and every KPI figure.
            let figures: Vec<&yjlens_core::report::Figure> = report
                .figures
                .iter()
                .filter(|f| f.measure.family() == Family::Kpi)
                .collect();
            let json = serde_json::json!({
                "extract_date": report.extract_date,
                "kpi": report.kpi,
                "notes": report.notes,
                "figures": figures,
            });
            return Ok(serde_json::to_string_pretty(&json)? + "\n");
        }
        let pt = match self.period {
            Period::Quarter => PeriodType::Quarter,
            Period::FinancialYear => PeriodType::FinancialYear,
            Period::Rolling12m => PeriodType::Rolling12m,
        };
        // Issue 13: comparators beside each KPI (kpis.md, "Where it shows").
        let comparison = if self.comparators.is_empty() {
            None
        } else {
            let mut set = yjlens_core::comparators::ComparatorSet {
                area_map: yjlens_core::comparators::AreaMap::new(&options.profile.areas),
                ..Default::default()
            };
            set.set_table_measures(&options.profile.comparator_measures);
            for p in &self.comparators {
                let bytes = crate::sheets::as_csv(read_file(p)?, p, None, true, &options.profile)?;
                set.add_file(&bytes, p.rsplit(['/', '\\']).next().unwrap_or(p))?;
            }
            let ours = self.area.as_deref().map(|a| {
                yjlens_core::comparators::Area::new(
                    a,
                    None,
                    yjlens_core::comparators::AreaKind::Ours,
                )
            });
            Some(yjlens_core::comparators::compare(
                &report,
                &set,
                &yjlens_core::comparators::CompareOptions {
                    ours,
                    ..Default::default()
                },
            ))
        };
        Ok(yjlens_cli::kpi_table::table_with(
            &report,
            pt,
            None,
            comparison.as_ref(),
        ))
    }
}
