//! `verity pair` (lands with issue 4).

use crate::io::{CliError, Outcome};

/// Arguments of `verity pair`.
#[derive(clap::Args)]
pub struct Args {
    /// Analysis document (`analysis.json`, or `-` for stdin).
    pub analysis: std::path::PathBuf,
    /// Pairing configuration (JSON); `PAIR_*` environment variables also apply.
    #[arg(long)]
    pub config: Option<std::path::PathBuf>,
    /// Tie-break decisions from the host (`{"decisions": [...]}`).
    #[arg(long)]
    pub decisions: Option<std::path::PathBuf>,
    /// Write pairing.json here instead of stdout.
    #[arg(short = 'o', long)]
    pub out: Option<std::path::PathBuf>,
    /// Also write the metrics document here.
    #[arg(long)]
    pub metrics_out: Option<std::path::PathBuf>,
}

/// Runs the command.
pub fn run(_args: Args) -> Result<Outcome, CliError> {
    Err(CliError("`verity pair` is not implemented yet".into()))
}
