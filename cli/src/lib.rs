//! The command line's printers, a library so their tests can call them: [`summary`] is the
//! readable report `yjlens report` prints. The subcommands themselves are in the binary
//! (`main.rs`).

pub mod kpi_table;
pub mod summary;
