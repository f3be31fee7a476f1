//! Shared helpers of the CLI's end-to-end tests, included with `mod support;`:
//! running the built `verity` binary, paths to repository data, scratch
//! directories, and the exit-code / output checks every command shares
//! (0 ok, 1 findings, 2 bad input with one line on stderr).
#![allow(dead_code)] // each test file uses a subset

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Runs `verity args…`, feeding `stdin` (or nothing) and capturing exit
/// code, stdout and stderr.
pub fn verity(args: &[&str], stdin: Option<&[u8]>) -> Output {
    verity_with(args, stdin, |_| {})
}

/// `verity`, after `adjust` has set the command's working directory or
/// environment.
pub fn verity_with(
    args: &[&str],
    stdin: Option<&[u8]>,
    adjust: impl FnOnce(&mut Command),
) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_verity"));
    command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    adjust(&mut command);
    let mut child = command.spawn().expect("spawn verity");
    let mut pipe = child.stdin.take().expect("stdin");
    if let Some(bytes) = stdin {
        // A failed write means the child exited early (e.g. refused the
        // input); its exit status is what the test checks.
        let _ = pipe.write_all(bytes);
    }
    drop(pipe);
    child.wait_with_output().expect("wait for verity")
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A path below the repository root, as a command-line argument.
pub fn repo_path(relative: &str) -> String {
    repo_root().join(relative).display().to_string()
}

/// A provider-response fixture: `tests/fixtures/responses/<relative>`.
pub fn fixture(relative: &str) -> String {
    repo_path(&format!("tests/fixtures/responses/{relative}"))
}

/// A fresh-or-existing directory `verity-<label>-<pid>` in the temp dir;
/// labels keep parallel tests apart.
pub fn scratch_dir(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("verity-{label}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// Asserts the exit code, showing stderr when it differs.
pub fn assert_exit(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Stdout parsed as one JSON document.
pub fn stdout_json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        let stdout = String::from_utf8_lossy(&out.stdout);
        panic!("stdout is not JSON ({e}): {stdout}")
    })
}

/// Asserts exit 0 and returns stdout as JSON.
pub fn ok_json(out: &Output) -> Value {
    assert_exit(out, 0);
    stdout_json(out)
}

/// Asserts the bad-input contract: exit 2, nothing on stdout, exactly one
/// line on stderr, containing `needle`.
pub fn assert_bad_input(out: &Output, needle: &str) {
    assert_exit(out, 2);
    assert!(out.stdout.is_empty(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "one line on stderr: {stderr}");
    assert!(stderr.contains(needle), "{stderr}");
}
