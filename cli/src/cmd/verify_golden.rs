//! `verity verify-golden` (lands with issue 4).

use crate::io::{CliError, Outcome};

/// Arguments of `verity verify-golden`.
#[derive(clap::Args)]
pub struct Args {
    /// Directory with analysis.json, pairing-expected.json, metrics-expected.json.
    pub dir: std::path::PathBuf,
}

/// Runs the command.
pub fn run(_args: Args) -> Result<Outcome, CliError> {
    Err(CliError(
        "`verity verify-golden` is not implemented yet".into(),
    ))
}
