//! `verity metrics` (lands with issue 4).

use crate::io::{CliError, Outcome};

/// Arguments of `verity metrics`.
#[derive(clap::Args)]
pub struct Args {
    /// A metrics document.
    pub metrics: std::path::PathBuf,
    /// A second metrics document to compare against (yesterday vs today).
    pub other: Option<std::path::PathBuf>,
}

/// Runs the command.
pub fn run(_args: Args) -> Result<Outcome, CliError> {
    Err(CliError("`verity metrics` is not implemented yet".into()))
}
