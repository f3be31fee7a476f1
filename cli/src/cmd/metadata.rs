//! `verity metadata` (lands with issue 2).

use crate::io::{CliError, Outcome};

/// Arguments of `verity metadata`.
#[derive(clap::Args)]
pub struct Args {
    /// Raw provider response (JSON file, or `-` for stdin).
    pub response: std::path::PathBuf,
}

/// Runs the command.
pub fn run(_args: Args) -> Result<Outcome, CliError> {
    Err(CliError("`verity metadata` is not implemented yet".into()))
}
