//! `verity log` (lands with issue 5).

use crate::io::{CliError, Outcome};

/// Arguments of `verity log`.
#[derive(clap::Args)]
pub struct Args {
    /// `append` or `verify`.
    pub action: String,
    /// EVENTS.jsonl for append, LOG.jsonl for verify.
    pub file: std::path::PathBuf,
    /// append: continue this existing log (and write to it).
    #[arg(long)]
    pub to: Option<std::path::PathBuf>,
    /// verify: the reference time (RFC 3339) for staleness checks.
    #[arg(long)]
    pub now: Option<String>,
}

/// Runs the command.
pub fn run(_args: Args) -> Result<Outcome, CliError> {
    Err(CliError("`verity log` is not implemented yet".into()))
}
