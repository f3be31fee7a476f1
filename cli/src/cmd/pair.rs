//! `verity pair`: pair front/back product images from an analysis document.
//!
//! Thresholds: defaults, then `--config`, then `PAIR_*` environment
//! variables (the only place the environment is read).

use crate::io::{read_input, read_json, write_json, CliError, Outcome};
use verity::pairing::{pair_bytes, Decisions, PairingConfig};

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

/// The config in effect: defaults, the `--config` file, then `PAIR_*` variables.
pub fn load_config(path: Option<&std::path::Path>, env: bool) -> Result<PairingConfig, CliError> {
    let mut config = PairingConfig::default();
    if let Some(path) = path {
        let doc = read_json(path)?;
        config = config
            .with_value(&doc)
            .map_err(|e| CliError(format!("{}: {e}", path.display())))?;
    }
    if env {
        config = config
            .with_env(std::env::vars())
            .map_err(|e| CliError(format!("environment: {e}")))?;
    }
    Ok(config)
}

/// Runs the command.
pub fn run(args: Args) -> Result<Outcome, CliError> {
    let config = load_config(args.config.as_deref(), true)?;
    let decisions = match &args.decisions {
        Some(path) => Some(
            Decisions::from_value(&read_json(path)?)
                .map_err(|e| CliError(format!("{}: {e}", path.display())))?,
        ),
        None => None,
    };
    let bytes = read_input(&args.analysis)?;
    let result = pair_bytes(&bytes, &config, decisions.as_ref())
        .map_err(|e| CliError(format!("{}: {e}", args.analysis.display())))?;
    write_json(args.out.as_deref(), &result)?;
    if let Some(path) = &args.metrics_out {
        write_json(Some(path), result.metrics())?;
    }
    Ok(Outcome::Clean)
}
