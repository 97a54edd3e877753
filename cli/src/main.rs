//! The native command line: the same core as the widget, for analysts' scripts, tests and
//! benchmarks. `yjlens report | aggregate | compare | quality | sample | kpi` (`docs/methodology.md`, "The CLI").
//!
//! One module per subcommand, each a `clap` struct of its flags and a `run` that returns what
//! goes to stdout; [`usage`] turns a `clap` error into the one sentence printed on stderr.

mod aggregate;
mod common;
mod compare;
mod ingest;
mod kpi;
mod quality;
mod report;
mod sample;
mod sheets; // issue 13
mod usage;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use yjlens_core::catalogue::{messages, Lang};

use common::Failure;

/// Youth justice analytics from a case-level extract: the same core as the widget.
#[derive(Parser)]
#[command(name = "yjlens", version, about, subcommand_required = true)]
struct Cli {
    /// The language of the readable text (report, quality, notes, definitions, CSV labels and
    /// title lines): en or cy (Welsh). JSON ids stay English
    #[arg(long, global = true, value_name = "LANG", value_parser = ["en", "cy"], default_value = "en")]
    lang: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Report(report::Report),
    Aggregate(aggregate::Aggregate),
    Compare(compare::Compare),
    Quality(quality::Quality),
    Sample(sample::Sample),
    Kpi(kpi::Kpi),
}

impl Command {
    fn run(self) -> Result<String, Failure> {
        match self {
            Command::Report(c) => c.run(),
            Command::Aggregate(c) => c.run(),
            Command::Compare(c) => c.run(),
            Command::Quality(c) => c.run(),
            Command::Sample(c) => c.run(),
            Command::Kpi(c) => c.run(),
        }
    }
}

fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().collect();
    let cli = match Cli::try_parse_from(&raw) {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version: their text on stdout, exit status 0.
            return match e.print() {
                Ok(()) => ExitCode::SUCCESS,
                Err(_) => ExitCode::FAILURE,
            };
        }
        Err(e) => {
            eprintln!("{}", usage::sentence(&e, &raw));
            return ExitCode::from(2);
        }
    };
    // Every sentence the core and the printers write comes from the message table of this
    // language (one thread: the whole run).
    messages::set_language(Lang::from_id(&cli.lang).unwrap_or(Lang::En));
    match cli.command.run() {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(out.as_bytes()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(_) => ExitCode::FAILURE,
            }
        }
        Err(Failure(message)) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}
