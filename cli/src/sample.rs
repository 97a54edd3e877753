//! `yjlens sample`: the deterministic synthetic extract, or its matching population file,
//! interventions extract or board attendance file.

use clap::Args;

use yjlens_core::sample::{self, SampleSize};

use crate::common::{whole_in, Failure};

/// Write a deterministic synthetic extract (or its matching population file) on stdout
#[derive(Args)]
pub struct Sample {
    /// Size by children, 1 or more (default 2000)
    #[arg(long, value_name = "N", value_parser = whole_in(1, u32::MAX), allow_negative_numbers = true, conflicts_with = "rows")]
    children: Option<u32>,
    /// Size by rows instead, 1 or more (for benchmarks)
    #[arg(long, value_name = "N", value_parser = whole_in(1, u64::MAX), allow_negative_numbers = true)]
    rows: Option<u64>,
    /// The random seed, 0 or more: the same seed and size give the same file
    #[arg(long, value_name = "S", value_parser = whole_in(0, u64::MAX), allow_negative_numbers = true, default_value_t = 1)]
    seed: u64,
    /// Write the matching population file instead of the extract
    #[arg(long, conflicts_with_all = ["interventions", "board"])]
    population: bool,
    /// Write the matching interventions extract instead (the KPIs)
    #[arg(long, conflicts_with = "board")]
    interventions: bool,
    /// Write a synthetic board attendance file instead (KPI 7)
    #[arg(long)]
    board: bool,
}

impl Sample {
    pub fn run(self) -> Result<String, Failure> {
        let size = match (self.children, self.rows) {
            (_, Some(r)) => SampleSize::Rows(r),
            (Some(c), None) => SampleSize::Children(c),
            (None, None) => SampleSize::Children(2000),
        };
        if self.population {
            return Ok(sample::population_csv(size, self.seed));
        }
        if self.board {
            return Ok(sample::board_csv(self.seed));
        }
        if self.interventions {
            let mut stdout = std::io::stdout().lock();
            return match sample::write_interventions(&mut stdout, size, self.seed) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
                _ => Ok(String::new()),
            };
        }
        // Streamed: a 1,000,000-row sample is ~150 MB and need not be held.
        let mut stdout = std::io::stdout().lock();
        match sample::write_extract(&mut stdout, size, self.seed) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
            _ => Ok(String::new()),
        }
    }
}
