//! `yjlens report`: every measure, as a readable summary or as the report object (JSON).

use clap::Args;

use yjlens_core::measures::compute;

use crate::common::{Compute, Failure, Input};

/// Compute every measure and print a readable summary (or the report object as JSON)
#[derive(Args)]
pub struct Report {
    #[command(flatten)]
    input: Input,
    #[command(flatten)]
    compute: Compute,
    /// Print the report object as JSON instead of the readable summary
    #[arg(long)]
    json: bool,
}

impl Report {
    pub fn run(self) -> Result<String, Failure> {
        let extract = self.input.read()?;
        let population = self.compute.population()?;
        let report = compute(&extract, &self.compute.settings(), population.as_ref());
        Ok(if self.json {
            serde_json::to_string_pretty(&report)? + "\n"
        } else {
            yjlens_cli::summary::summary(&report)
        })
    }
}
