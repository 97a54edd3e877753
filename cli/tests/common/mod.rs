//! What the CLI's test files share: running the built `yjlens` binary and reading its outcome
//! (the stdout of a success, the one sentence of a refusal), and a temp folder of input files
//! removed when the test ends. (`hostile_cli.rs` keeps its own runner: it kills a run that
//! does not end.)
#![allow(dead_code)] // each test file uses only some of these

use std::path::PathBuf;
use std::process::{Command, Output};

/// Run `yjlens args…` to its end.
pub fn yjlens(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yjlens"))
        .args(args)
        .output()
        .expect("run yjlens")
}

/// Succeeded: its stdout.
pub fn ok(args: &[&str]) -> String {
    ok_and_stderr(args).0
}

/// Succeeded: its stdout and its stderr (the notes a run prints beside its output).
pub fn ok_and_stderr(args: &[&str]) -> (String, String) {
    let out = yjlens(args);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{args:?}: {err}");
    (String::from_utf8(out.stdout).unwrap(), err)
}

/// Refused as bad usage or a bad file: exit status 2, nothing on stdout, one sentence on
/// stderr (returned without its line feed).
pub fn refused(args: &[&str]) -> String {
    let out = yjlens(args);
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty(), "{args:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    let sentence = err.strip_suffix('\n').unwrap_or(&err);
    assert!(!sentence.contains('\n'), "{args:?}: not one line: {err:?}");
    assert!(
        sentence.ends_with('.') || sentence.ends_with('?'),
        "{args:?}: not a sentence: {err:?}"
    );
    assert!(
        sentence.chars().next().is_some_and(|c| !c.is_lowercase()),
        "{err:?}"
    );
    sentence.to_string()
}

/// A temp folder of input files, removed when dropped.
pub struct Folder {
    dir: PathBuf,
}

impl Folder {
    /// An empty folder; `name` keeps apart the tests running at the same time (with the
    /// process id).
    pub fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("yjlens-cli-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Folder { dir }
    }

    /// Write `file` with `bytes`; its path, as an argument.
    pub fn put(&self, file: &str, bytes: impl AsRef<[u8]>) -> String {
        std::fs::write(self.dir.join(file), bytes).unwrap();
        self.path(file)
    }

    /// The path of one of its files, as an argument.
    pub fn path(&self, file: &str) -> String {
        self.dir.join(file).to_string_lossy().into_owned()
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
