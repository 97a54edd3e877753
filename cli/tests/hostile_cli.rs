//! The command line on hostile input: it ends — exit status 0, or 2 with one sentence on
//! stderr — and never hangs or aborts. (The full-size inputs, their generator commands and
//! the figures measured under `ulimit -v 2000000` are in `tests/hostile_reader.rs`.)

use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Run `yjlens args…`, killing it (and failing) if it has not ended within 20 s.
fn yjlens(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yjlens"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("yjlens {args:?} still running after 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Exit status 2 and one sentence on stderr (returned).
fn refused(args: &[&str]) -> String {
    let out = yjlens(args);
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    err.trim_end().to_string()
}

/// `yjlens quality /dev/zero` used to read for ever.
#[cfg(unix)]
#[test]
fn devices_are_refused_not_read() {
    for command in ["quality", "report", "aggregate"] {
        assert_eq!(
            refused(&[command, "/dev/zero"]),
            "Cannot read /dev/zero: it is not a regular file (a device, a pipe or a folder); save the data as a file and give its path."
        );
    }
}

#[test]
fn an_extract_date_after_today_is_refused() {
    let dir = std::env::temp_dir().join(format!("yjlens-hostile-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("extract.csv");
    // A stray quote in row 2 and a year 0001 in row 3: both rows rejected, the file read.
    std::fs::write(
        &path,
        "child_id,offence_date,outcome_date,outcome\n\
         A,01/02/2024,01/02/2024,Fine\n\
         B,01/02/2024,\"01/03/2024,Fine\n\
         C,01/02/0001,01/03/0001,Fine\n\
         D,01/02/2024,01/03/2024,Fine\n",
    )
    .unwrap();
    let path = path.to_str().unwrap();
    let err = refused(&["report", path, "--extract-date", "2999-12-31"]);
    assert!(
        err.starts_with("--extract-date 2999-12-31 is after today ("),
        "{err}"
    );
    let out = yjlens(&["quality", path]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Rows read 4: used 2, rejected 2"), "{text}");
    for command in ["report", "aggregate"] {
        assert!(yjlens(&[command, path]).status.success(), "{command}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
