//! The command line's arguments: flags in any order, errors that name the flag, `--help` for
//! each subcommand, `--version`, and exit status 2 with one sentence on stderr for bad usage
//! and for a refused file. Each test runs the built binary on a tiny fixture in a temp dir.

mod common;

use common::{ok, refused, Folder};

/// A temp folder holding `extract.csv` and `pop.csv`.
fn fixture(name: &str) -> Folder {
    let f = Folder::new(&format!("args-{name}"));
    f.put(
        "extract.csv",
        "child_id,offence_date,outcome_date,outcome,date_of_birth,sex\n\
         A,01/02/2024,01/02/2024,Youth Rehabilitation Order,01/01/2008,M\n\
         B,01/03/2024,01/03/2024,Fine,01/01/2008,F\n\
         B,15/05/2024,20/05/2024,Referral Order,01/01/2008,F\n",
    );
    f.put("pop.csv", "year,population\n2024,10000\n");
    f
}

#[test]
fn flags_before_and_after_the_file_give_the_same_output() {
    let f = fixture("order");
    let (e, p) = (f.path("extract.csv"), f.path("pop.csv"));
    let after = ok(&["report", &e, "--population", &p, "--json"]);
    assert!(after.contains("\"pop.csv\""), "the population is read");
    for args in [
        ["report", "--population", &p, &e, "--json"],
        ["report", "--json", "--population", &p, &e],
        ["report", "--population", &p, "--json", &e],
    ] {
        assert_eq!(ok(&args), after, "{args:?}");
    }
    // The readable summary too, with --extract-date and --month-first on either side.
    let summary = ok(&[
        "report",
        &e,
        "--population",
        &p,
        "--extract-date",
        "2024-12-31",
    ]);
    assert!(summary.contains("population: pop.csv"), "{summary}");
    assert_eq!(
        ok(&[
            "report",
            "--extract-date",
            "2024-12-31",
            "--population",
            &p,
            &e
        ]),
        summary
    );
    assert_eq!(
        ok(&["quality", "--month-first", "offence_date", &e]),
        ok(&["quality", &e, "--month-first", "offence_date"])
    );
    assert_eq!(
        ok(&["sample", "--seed", "3", "--children", "20"]),
        ok(&["sample", "--children", "20", "--seed", "3"])
    );
    assert_eq!(
        ok(&["sample", "--population", "--children", "20"]),
        ok(&["sample", "--children", "20", "--population"])
    );
}

#[test]
fn population_before_the_extract_reads_the_extract() {
    // Before clap, `--population` ahead of the file was taken for `sample`'s switch and
    // pop.csv was read as the extract.
    let f = fixture("popfirst");
    let (e, p) = (f.path("extract.csv"), f.path("pop.csv"));
    let first = ok(&["report", "--population", &p, &e]);
    assert_eq!(first, ok(&["report", &e, "--population", &p]));
    assert!(
        first.contains("population: pop.csv (years used: 2024)"),
        "{first}"
    );
    // The extract's 3 rows were read, not the population file's 1.
    assert_eq!(
        ok(&["quality", &e]),
        ok(&["quality", &e, "--mapping", &write_profile(&f)])
    );
}

/// An empty mapping profile (the default), saved in the fixture.
fn write_profile(f: &Folder) -> String {
    let path = f.path("profile.json");
    std::fs::write(&path, "{}").unwrap();
    path
}

#[test]
fn an_unknown_flag_exits_2_naming_it() {
    let f = fixture("unknown");
    let e = f.path("extract.csv");
    let err = refused(&["report", &e, "--frobnicate"]);
    assert!(err.contains("--frobnicate"), "{err}");
    let err = refused(&["report", "--popluation", "x.csv", &e]);
    assert!(
        err.contains("--popluation") && err.contains("--population"),
        "{err}"
    );
    // A flag of another subcommand is unknown here.
    let err = refused(&["quality", &e, "--json"]);
    assert!(err.contains("--json"), "{err}");
    let err = refused(&["frobnicate"]);
    assert!(err.contains("frobnicate"), "{err}");
    refused(&[]);
}

#[test]
fn bad_values_exit_2_naming_the_flag() {
    let f = fixture("values");
    let e = f.path("extract.csv");
    assert_eq!(
        refused(&["report", &e, "--population"]),
        "--population needs a value."
    );
    assert_eq!(
        refused(&["report", &e, "--extract-date", "30/09/2025"]),
        "--extract-date 30/09/2025 is not a date like 2025-09-30."
    );
    let err = refused(&["sample", "--children", "many"]);
    assert!(err.contains("--children") && err.contains("many"), "{err}");
    let err = refused(&["sample", "--children", "5", "--rows", "5"]);
    assert!(
        err.contains("--children") && err.contains("--rows"),
        "{err}"
    );
    let err = refused(&["report", &e, "other.csv"]);
    assert!(err.contains("other.csv"), "{err}");
    let err = refused(&["report"]);
    assert!(err.contains("extract file"), "{err}");
}

#[test]
fn every_subcommand_has_help() {
    let help = ok(&["report", "--help"]);
    for flag in [
        "--population",
        "--mapping",
        "--extract-date",
        "--json",
        "--month-first",
    ] {
        assert!(help.contains(flag), "report --help lacks {flag}:\n{help}");
    }
    let help = ok(&["aggregate", "--help"]);
    for flag in [
        "--population",
        "--suppress",
        "--no-suppress",
        "--round-to-5",
    ] {
        assert!(
            help.contains(flag),
            "aggregate --help lacks {flag}:\n{help}"
        );
    }
    let help = ok(&["quality", "--help"]);
    assert!(
        help.contains("--mapping") && help.contains("--month-first"),
        "{help}"
    );
    let help = ok(&["sample", "--help"]);
    for flag in ["--children", "--rows", "--seed", "--population"] {
        assert!(help.contains(flag), "sample --help lacks {flag}:\n{help}");
    }
    let help = ok(&["--help"]);
    for command in ["report", "aggregate", "quality", "sample"] {
        assert!(help.contains(command), "{help}");
    }
}

#[test]
fn version_prints_the_crate_version() {
    assert_eq!(
        ok(&["--version"]),
        format!("yjlens {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn suppress_is_refused_outside_3_to_10() {
    let f = fixture("suppress");
    let e = f.path("extract.csv");
    for k in ["2", "11", "0"] {
        let err = refused(&["aggregate", &e, "--suppress", k]);
        assert!(
            err.contains("--suppress") && err.contains("3") && err.contains("10"),
            "{err}"
        );
    }
    for k in ["3", "10"] {
        assert!(ok(&["aggregate", &e, "--suppress", k]).starts_with("\u{feff}measure,"));
    }
    let err = refused(&["aggregate", &e, "--suppress", "5", "--no-suppress"]);
    assert!(
        err.contains("--suppress") && err.contains("--no-suppress"),
        "{err}"
    );
}

#[test]
fn a_missing_file_exits_2_with_a_sentence() {
    let f = fixture("missing");
    let (e, gone) = (f.path("extract.csv"), f.path("no-such-file.csv"));
    for args in [
        vec!["report", gone.as_str()],
        vec!["aggregate", gone.as_str()],
        vec!["quality", gone.as_str()],
        vec!["report", e.as_str(), "--population", gone.as_str()],
        vec!["quality", e.as_str(), "--mapping", gone.as_str()],
    ] {
        let err = refused(&args);
        assert!(err.starts_with("Cannot read"), "{err}");
        assert!(err.contains("no-such-file.csv"), "{err}");
    }
}

// ------------------------------------------------- hostile input: numbers, files, conflicts

#[test]
fn a_bad_number_names_its_option_and_the_numbers_it_takes() {
    let f = fixture("numbers");
    let e = f.path("extract.csv");
    // --suppress: 3 to 10 (disclosure control's k).
    for k in [
        "abc",
        "2",
        "11",
        "-3",
        "5.5",
        "1e1",
        "99999999999999999999999",
    ] {
        assert_eq!(
            refused(&["aggregate", &e, "--suppress", k]),
            format!("--suppress expects a whole number from 3 to 10, not {k}."),
        );
    }
    // --children: 1 to 4,294,967,295 (a u32); --rows: 1 or more; --seed: 0 or more (u64).
    for (flag, v, range) in [
        ("--children", "many", "from 1 to 4,294,967,295"),
        ("--children", "-5", "from 1 to 4,294,967,295"),
        ("--children", "0", "from 1 to 4,294,967,295"),
        ("--children", "4294967296", "from 1 to 4,294,967,295"),
        ("--rows", "abc", "from 1 to 18,446,744,073,709,551,615"),
        ("--rows", "-1", "from 1 to 18,446,744,073,709,551,615"),
        ("--seed", "-1", "from 0 to 18,446,744,073,709,551,615"),
        ("--seed", "x", "from 0 to 18,446,744,073,709,551,615"),
        (
            "--seed",
            "18446744073709551616",
            "from 0 to 18,446,744,073,709,551,615",
        ),
    ] {
        assert_eq!(
            refused(&["sample", flag, v]),
            format!("{flag} expects a whole number {range}, not {v}."),
            "{flag} {v}"
        );
        // Written with "=" too.
        assert_eq!(
            refused(&["sample", &format!("{flag}={v}")]),
            format!("{flag} expects a whole number {range}, not {v}."),
        );
    }
    // An empty value says what the option takes.
    assert_eq!(
        refused(&["aggregate", &e, "--suppress="]),
        "--suppress expects a whole number from 3 to 10."
    );
    // The good values at the edges still work.
    assert!(ok(&["sample", "--children", "1", "--seed", "0"]).starts_with("child_id,"));
    assert!(ok(&["sample", "--rows", "1"]).starts_with("child_id,"));
}

#[test]
fn extra_file_arguments_are_refused_naming_them() {
    let f = fixture("extra");
    let e = f.path("extract.csv");
    for command in ["report", "aggregate", "quality"] {
        assert_eq!(
            refused(&[command, &e, "second.csv"]),
            format!("Unexpected argument second.csv: yjlens {command} takes one file.")
        );
        assert_eq!(
            refused(&[command, "--", &e, "second.csv"]),
            format!("Unexpected argument second.csv: yjlens {command} takes one file.")
        );
    }
    // sample writes a file and reads none.
    assert_eq!(
        refused(&["sample", "extract.csv"]),
        "Unexpected argument extract.csv: yjlens sample reads no file (it writes one on stdout)."
    );
}

#[test]
fn no_suppress_is_refused_with_suppress_or_round_to_5() {
    let f = fixture("nosuppress");
    let e = f.path("extract.csv");
    // Both named, in the order given.
    for (args, err) in [
        (
            vec!["aggregate", &e, "--no-suppress", "--round-to-5"],
            "Give --no-suppress or --round-to-5, not both.",
        ),
        (
            vec!["aggregate", &e, "--round-to-5", "--no-suppress"],
            "Give --round-to-5 or --no-suppress, not both.",
        ),
        (
            vec!["aggregate", &e, "--no-suppress", "--suppress", "5"],
            "Give --no-suppress or --suppress, not both.",
        ),
        (
            vec!["aggregate", &e, "--suppress", "5", "--no-suppress"],
            "Give --suppress or --no-suppress, not both.",
        ),
    ] {
        assert_eq!(refused(&args), err, "{args:?}");
    }
    // Each alone is fine.
    assert!(ok(&["aggregate", &e, "--round-to-5"]).starts_with("\u{feff}measure,"));
    assert!(ok(&["aggregate", &e, "--no-suppress"]).starts_with("\u{feff}measure,"));
}
