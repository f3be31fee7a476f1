//! File/stdin input, stdout/file output and the exit-code contract.

use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;

/// What a successful command reports: clean (exit 0) or a check that found
/// violations/differences (exit 1). Output has already been written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Clean,
    /// Exit 1: the check found problems.
    Findings,
}

/// A bad-input failure: printed as one line on stderr, exit 2.
#[derive(Debug)]
pub struct CliError(pub String);

impl From<verity::Error> for CliError {
    fn from(e: verity::Error) -> Self {
        CliError(e.to_string())
    }
}

/// Reads a whole file, or standard input when `path` is `-`.
pub fn read_input(path: &Path) -> Result<Vec<u8>, CliError> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| CliError(format!("cannot read standard input: {e}")))?;
    } else {
        bytes = std::fs::read(path)
            .map_err(|e| CliError(format!("cannot read {}: {e}", path.display())))?;
    }
    Ok(bytes)
}

/// Reads and parses a JSON file (or stdin) under the core's default limits;
/// errors are prefixed with the file name.
pub fn read_json(path: &Path) -> Result<serde_json::Value, CliError> {
    let bytes = read_input(path)?;
    verity::json::parse(&bytes).map_err(|e| CliError(format!("{}: {e}", path.display())))
}

/// Writes `bytes` plus a newline to `out` (a file) or to standard output.
pub fn write_output(out: Option<&Path>, bytes: &[u8]) -> Result<(), CliError> {
    match out {
        Some(path) => {
            let mut data = bytes.to_vec();
            data.push(b'\n');
            std::fs::write(path, data)
                .map_err(|e| CliError(format!("cannot write {}: {e}", path.display())))
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(bytes)
                .and_then(|()| stdout.write_all(b"\n"))
                .map_err(|e| CliError(format!("cannot write standard output: {e}")))
        }
    }
}

/// Serialises `value` as pretty JSON to `out` or standard output.
pub fn write_json<T: serde::Serialize>(out: Option<&Path>, value: &T) -> Result<(), CliError> {
    let bytes = serde_json::to_vec_pretty(value)
        .map_err(|e| CliError(format!("cannot serialise output: {e}")))?;
    write_output(out, &bytes)
}

/// Maps a command result to the process exit code.
pub fn finish(result: Result<Outcome, CliError>) -> ExitCode {
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(CliError(message)) => {
            let line = message.replace('\n', " ");
            eprintln!("verity: error: {line}");
            ExitCode::from(2)
        }
    }
}
