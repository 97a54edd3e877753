//! The deterministic synthetic extract and matching population file (`yjlens sample`).

/// How big a sample to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SampleSize {
    Children(u32),
    Rows(u64),
}

/// Write a synthetic extract in the spec's format.
pub fn extract_csv(_size: SampleSize, _seed: u64) -> String {
    String::new()
}

/// Write the matching synthetic 10–17 population file.
pub fn population_csv(_size: SampleSize, _seed: u64) -> String {
    String::new()
}
