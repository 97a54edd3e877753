//! The 10–17 population file (`input-formats.md` §3): denominators by ethnicity, sex, age,
//! year and service.

use serde::{Deserialize, Serialize};

use crate::extract::Refusal;

/// Population counts read from a population file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Population {}

/// Read a population file.
pub fn read_population(bytes: &[u8]) -> Result<Population, Refusal> {
    crate::extract::read_table(bytes)?;
    Ok(Population {})
}
