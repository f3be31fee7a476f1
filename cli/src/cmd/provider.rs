//! `verity provider MODEL_ID…`: one JSON line per id, `{"model_id", "provider"}`.

use crate::io::{CliError, Outcome};
use std::io::Write;

/// Arguments of `verity provider`.
#[derive(clap::Args)]
pub struct Args {
    /// Model ids.
    #[arg(required = true)]
    pub model_ids: Vec<String>,
}

/// Runs the command.
pub fn run(args: Args) -> Result<Outcome, CliError> {
    let mut stdout = std::io::stdout().lock();
    for model_id in &args.model_ids {
        let line = serde_json::json!({
            "model_id": model_id,
            "provider": verity::metadata::detect_provider(model_id).as_str(),
        });
        writeln!(stdout, "{line}")
            .map_err(|e| CliError(format!("cannot write standard output: {e}")))?;
    }
    Ok(Outcome::Clean)
}
