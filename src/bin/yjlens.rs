//! The native command line: the same core as the widget, for analysts' scripts, tests and
//! benchmarks. `yjlens report | aggregate | quality | sample` (`measures.md`, "The CLI").

use std::io::Write;
use std::process::ExitCode;

use yjlens::extract::{read_extract, MappingProfile, ReadOptions};
use yjlens::measures::{compute, population::read_population_from};
use yjlens::publish::disclosure::{self, DisclosureSettings};
use yjlens::publish::export::aggregate_csv;
use yjlens::report::Settings;
use yjlens::sample::{self, SampleSize};

const USAGE: &str = "usage:
  yjlens report EXTRACT [--population FILE] [--mapping PROFILE.json] [--extract-date YYYY-MM-DD] [--month-first COLUMN] [--json]
  yjlens aggregate EXTRACT [--population FILE] [--mapping PROFILE.json] [--extract-date YYYY-MM-DD] [--suppress K | --no-suppress] [--round-to-5]
  yjlens quality EXTRACT [--mapping PROFILE.json] [--month-first COLUMN]
  yjlens sample [--children N | --rows N] [--seed S] [--population]";

/// A refusal or a bad argument: one sentence, exit status 2.
struct Failure(String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

/// Parsed command-line options (flags shared by the subcommands).
#[derive(Default)]
struct Args {
    positional: Vec<String>,
    population: Option<String>,
    mapping: Option<String>,
    extract_date: Option<String>,
    month_first: Vec<String>,
    json: bool,
    suppress: Option<u32>,
    no_suppress: bool,
    round_to_5: bool,
    children: Option<u32>,
    rows: Option<u64>,
    seed: u64,
    population_file: bool,
}

fn parse_args(raw: &[String]) -> Result<Args, Failure> {
    let mut args = Args {
        seed: 1,
        ..Args::default()
    };
    let mut it = raw.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| Failure(format!("{name} needs a value.")))
        };
        match a.as_str() {
            "--population" if args.positional.is_empty() => args.population_file = true,
            "--population" => args.population = Some(value("--population")?),
            "--mapping" => args.mapping = Some(value("--mapping")?),
            "--extract-date" => args.extract_date = Some(value("--extract-date")?),
            "--month-first" => args.month_first.push(value("--month-first")?),
            "--json" => args.json = true,
            "--suppress" => args.suppress = Some(value("--suppress")?.parse()?),
            "--no-suppress" => args.no_suppress = true,
            "--round-to-5" => args.round_to_5 = true,
            "--children" => args.children = Some(value("--children")?.parse()?),
            "--rows" => args.rows = Some(value("--rows")?.parse()?),
            "--seed" => args.seed = value("--seed")?.parse()?,
            "-h" | "--help" => return Err(Failure(USAGE.into())),
            s if s.starts_with("--") => return Err(Failure(format!("Unknown option {s}."))),
            s => args.positional.push(s.to_string()),
        }
    }
    Ok(args)
}

fn read_options(args: &Args) -> Result<ReadOptions, Failure> {
    let mut profile = match &args.mapping {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Failure(format!("Cannot read the mapping profile {path}: {e}.")))?;
            serde_json::from_str::<MappingProfile>(&text)
                .map_err(|e| Failure(format!("The mapping profile {path} is not valid: {e}.")))?
        }
        None => MappingProfile::default(),
    };
    profile.month_first.extend(args.month_first.iter().cloned());
    Ok(ReadOptions {
        profile,
        ..ReadOptions::default()
    })
}

fn settings(args: &Args) -> Result<Settings, Failure> {
    let mut settings = Settings::default();
    if let Some(d) = &args.extract_date {
        settings.extract_date = Some(
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                Failure(format!("--extract-date {d} is not a date like 2025-09-30."))
            })?,
        );
    }
    Ok(settings)
}

fn read_file(path: &str) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| Failure(format!("Cannot read {path}: {e}.")))
}

fn run(raw: &[String]) -> Result<String, Failure> {
    let (command, rest) = raw.split_first().ok_or_else(|| Failure(USAGE.into()))?;
    let args = parse_args(rest)?;
    let extract_path = || {
        args.positional
            .first()
            .cloned()
            .ok_or_else(|| Failure(format!("{command} needs a file.\n{USAGE}")))
    };
    match command.as_str() {
        "sample" => {
            let size = match (args.children, args.rows) {
                (Some(_), Some(_)) => {
                    return Err(Failure("Give --children or --rows, not both.".into()))
                }
                (_, Some(r)) => SampleSize::Rows(r),
                (Some(c), None) => SampleSize::Children(c),
                (None, None) => SampleSize::Children(2000),
            };
            if args.population_file {
                return Ok(sample::population_csv(size, args.seed));
            }
            // Streamed: a 1,000,000-row sample is ~150 MB and need not be held.
            let mut stdout = std::io::stdout().lock();
            match sample::write_extract(&mut stdout, size, args.seed) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
                _ => Ok(String::new()),
            }
        }
        "quality" => {
            let extract = read_extract(&read_file(&extract_path()?)?, &read_options(&args)?)?;
            Ok(extract.quality.summary())
        }
        "report" | "aggregate" => {
            let path = extract_path()?;
            let extract = read_extract(&read_file(&path)?, &read_options(&args)?)?;
            let population = match &args.population {
                // The file's name (not its folders) names the denominator of every rate.
                Some(p) => Some(read_population_from(&read_file(p)?, file_name(p))?),
                None => None,
            };
            let report = compute(&extract, &settings(&args)?, population.as_ref());
            if command == "report" {
                return Ok(if args.json {
                    serde_json::to_string_pretty(&report)? + "\n"
                } else {
                    report.summary()
                });
            }
            let control = if args.no_suppress {
                eprintln!("warning: --no-suppress: this file is not safe to publish (small numbers are not suppressed).");
                None
            } else {
                let k = args.suppress.unwrap_or(disclosure::DEFAULT_K);
                Some(
                    DisclosureSettings::new(k, false)
                        .map_err(|_| Failure("--suppress K must be between 3 and 10.".into()))?
                        .with_rounding(args.round_to_5),
                )
            };
            Ok(aggregate_csv(&report, &path, &now_utc(), control.as_ref()))
        }
        other => Err(Failure(format!("Unknown command {other}.\n{USAGE}"))),
    }
}

/// A path's last component ("population.csv").
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The current time as ISO 8601 UTC, for the `generated_at` column.
fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    chrono::DateTime::from_timestamp(secs, 0)
        .map_or_else(String::new, |t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    match run(&raw) {
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
