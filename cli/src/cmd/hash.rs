//! `verity hash canonical|template|prompt FILE|-`.
//!
//! - `canonical`: the RFC 8785 canonical bytes of a JSON file, written
//!   exactly (no trailing newline), so `verity hash canonical x.json | sha256sum`
//!   hashes precisely the canonical form. The text is parsed strictly:
//!   duplicate keys, lone surrogates, `1e400` and nesting beyond 128 are errors.
//! - `template`: `{"config_hash", "canonical", "normalization_version"}` of a
//!   template config (pretty JSON).
//! - `prompt`: `{"rendered_prompt_sha256"}` of a rendered prompt file's exact
//!   bytes (must be UTF-8).
//!
//! Exit 0 on success, 2 on bad input (one line on stderr naming file and path).

use crate::io::{read_input, write_json, CliError, Outcome};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What to compute.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum What {
    /// RFC 8785 canonical bytes.
    Canonical,
    /// Template config hash (normalisation v1).
    Template,
    /// SHA-256 of a rendered prompt's exact bytes.
    Prompt,
}

/// Arguments of `verity hash`.
#[derive(clap::Args)]
pub struct Args {
    /// `canonical` (RFC 8785 bytes), `template` (config hash) or `prompt` (prompt SHA-256).
    #[arg(value_enum)]
    pub what: What,
    /// Input file, or `-` for stdin.
    pub file: PathBuf,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: Args) -> Result<Outcome, CliError> {
    let bytes = read_input(&args.file)?;
    let in_file = |e: verity::Error| CliError(format!("{}: {e}", args.file.display()));
    match args.what {
        What::Canonical => {
            let canonical = verity::dedup::canonical_json_from_bytes(&bytes).map_err(in_file)?;
            write_exact(args.output.as_deref(), &canonical)?;
        }
        What::Template => {
            let hash = verity::dedup::template_config_hash_from_bytes(&bytes).map_err(in_file)?;
            write_json(args.output.as_deref(), &hash)?;
        }
        What::Prompt => {
            let text = std::str::from_utf8(&bytes).map_err(|e| {
                CliError(format!(
                    "{}: the prompt is not UTF-8: {e}",
                    args.file.display()
                ))
            })?;
            let digest = verity::dedup::rendered_prompt_sha256(text);
            let out = serde_json::json!({ "rendered_prompt_sha256": digest });
            write_json(args.output.as_deref(), &out)?;
        }
    }
    Ok(Outcome::Clean)
}

/// Writes `bytes` exactly, without a trailing newline.
fn write_exact(out: Option<&Path>, bytes: &[u8]) -> Result<(), CliError> {
    match out {
        Some(path) => std::fs::write(path, bytes)
            .map_err(|e| CliError(format!("cannot write {}: {e}", path.display()))),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(bytes)
                .and_then(|()| stdout.flush())
                .map_err(|e| CliError(format!("cannot write standard output: {e}")))
        }
    }
}
