//! `yjlens aggregate`: the aggregate CSV, disclosure-controlled unless told otherwise.

use clap::Args;
use yjlens_core::catalogue::messages::{fill, msg};

use yjlens_core::comparators::{Area, AreaKind};
use yjlens_core::measures::{compute_with, Inputs};
use yjlens_core::publish::disclosure::{self, DisclosureSettings, MAX_K, MIN_K};
use yjlens_core::publish::export::aggregate_csv_for_area;

use crate::common::{whole_in, Compute, Failure, Input};
use crate::kpi::read_kpi_files;

/// Write the aggregate CSV on stdout: every figure, small numbers suppressed (k = 5 by default)
#[derive(Args)]
pub struct Aggregate {
    #[command(flatten)]
    input: Input,
    #[command(flatten)]
    compute: Compute,
    /// Suppress counts below K (3–10; default 5)
    #[arg(long, value_name = "K", value_parser = whole_in(MIN_K, MAX_K), allow_negative_numbers = true)]
    suppress: Option<u32>,
    /// Do not suppress small numbers: internal use only, the file is not safe to publish (warns; not with --suppress or --round-to-5)
    #[arg(long, conflicts_with_all = ["suppress", "round_to_5"])]
    no_suppress: bool,
    /// Also round the published counts to the nearest 5
    #[arg(long = "round-to-5")]
    round_to_5: bool,
    /// An interventions extract: adds the KPI rows
    #[arg(long, value_name = "FILE")]
    interventions: Option<String>,
    /// A board attendance file: adds the KPI 7 rows
    #[arg(long, value_name = "FILE")]
    board: Option<String>,
    /// Our area's name: every row starts with `area_code, area` (a comparator file for others)
    #[arg(long, value_name = "NAME")]
    area: Option<String>,
    /// Our area's ONS code (with --area)
    #[arg(long = "area-code", value_name = "CODE", requires = "area")]
    area_code: Option<String>,
}

impl Aggregate {
    pub fn run(self) -> Result<String, Failure> {
        let extract = self.input.read()?;
        let population = self.compute.population()?;
        let (interventions, board) = read_kpi_files(
            self.interventions.as_deref(),
            self.board.as_deref(),
            &self.input.read_options()?,
        )?;
        let report = compute_with(&Inputs {
            extract: &extract,
            settings: &self.compute.settings(),
            population: population.as_ref(),
            interventions: interventions.as_ref(),
            board: board.as_ref(),
        });
        let control = if self.no_suppress {
            eprintln!("{}", msg("cli.warning.no_suppress"));
            None
        } else {
            let k = self.suppress.unwrap_or(disclosure::DEFAULT_K);
            Some(
                DisclosureSettings::new(k, false)
                    .map_err(|_| {
                        Failure(fill(
                            msg("cli.error.suppress"),
                            &[("min", &MIN_K), ("max", &MAX_K)],
                        ))
                    })?
                    .with_rounding(self.round_to_5),
            )
        };
        let area = self
            .area
            .as_deref()
            .map(|name| Area::new(name, self.area_code.as_deref(), AreaKind::Yjs));
        Ok(aggregate_csv_for_area(
            &report,
            &self.input.extract,
            &crate::common::now_utc(),
            control.as_ref(),
            area.as_ref(),
        ))
    }
}
