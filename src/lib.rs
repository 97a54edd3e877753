//! yjlens: youth justice analytics from a case-level extract.
//!
//! The ids every figure is made of — measures, stages, breakdowns and groups, outcomes, units,
//! flags, statuses — and the message tables are the [`catalogue`], named once.
//!
//! The data flows one way: bytes → [`extract`] (decoding, columns, code lists, dates, the
//! quality report) → [`measures`] (reoffending, custody, first-time entrants,
//! disproportionality, throughput) → [`report`] (one serialisable object) → [`publish`]
//! (disclosure control, the aggregate file) and [`charts`] (drawing). This crate is plain Rust with
//! no web dependency (the workspace's `yjlens-wasm` is the browser binding and `yjlens-cli` the
//! command line; the compiler keeps them apart: nothing here can name them).

pub mod catalogue;
pub mod charts;
pub mod codes;
pub mod comparators;
pub mod extract;
pub mod measures;
pub mod packed;
pub mod publish;
pub mod report;
pub mod sample;
