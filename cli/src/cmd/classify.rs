//! `verity classify` (lands with issue 2).

use crate::io::{CliError, Outcome};

/// Arguments of `verity classify`.
#[derive(clap::Args)]
pub struct Args {
    /// Requested grounding mode: UNGROUNDED, PREFERRED or REQUIRED.
    #[arg(long)]
    pub mode: String,
    /// Raw provider response (JSON file, or `-` for stdin).
    pub response: std::path::PathBuf,
}

/// Runs the command.
pub fn run(_args: Args) -> Result<Outcome, CliError> {
    Err(CliError("`verity classify` is not implemented yet".into()))
}
