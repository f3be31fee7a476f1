//! `verity hash` (lands with issue 3).

use crate::io::{CliError, Outcome};

/// Arguments of `verity hash`.
#[derive(clap::Args)]
pub struct Args {
    /// `canonical` (RFC 8785 bytes) or `template` (config hash).
    pub what: String,
    /// JSON file, or `-` for stdin.
    pub file: std::path::PathBuf,
}

/// Runs the command.
pub fn run(_args: Args) -> Result<Outcome, CliError> {
    Err(CliError("`verity hash` is not implemented yet".into()))
}
