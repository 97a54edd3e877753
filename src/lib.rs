//! yjlens: youth justice analytics from a case-level extract.
//!
//! The data flows one way: bytes → [`extract`] (decoding, columns, code lists, dates, the
//! quality report) → [`measures`] (reoffending, custody, first-time entrants,
//! disproportionality, throughput) → [`report`] (one serialisable object) → [`publish`]
//! (disclosure control, the aggregate file) and [`charts`] (drawing). Everything up to the
//! report is plain Rust with no web dependency; [`web`] is the wasm-bindgen surface and exists
//! only on `wasm32`.

pub mod charts;
pub mod codes;
pub mod extract;
pub mod measures;
pub mod packed;
pub mod publish;
pub mod report;
pub mod sample;

#[cfg(target_arch = "wasm32")]
pub mod web;
