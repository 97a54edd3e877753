//! `yjlens quality`: the data-quality report of an extract (read and parse only).

use clap::Args;

use crate::common::{Failure, Input};

/// Read an extract and print its data-quality report
#[derive(Args)]
pub struct Quality {
    #[command(flatten)]
    input: Input,
}

impl Quality {
    pub fn run(self) -> Result<String, Failure> {
        Ok(self.input.read()?.quality.summary())
    }
}
