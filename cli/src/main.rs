//! `verity`: the operator's shell over the verity core.
//!
//! Reads files or standard input (`-`), writes JSON to standard output (or
//! `-o FILE`). Exit status: 0 success, 1 a check found violations or
//! differences, 2 bad input (one line on stderr). All file and environment
//! access of the project lives in this crate; the core stays pure.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod cmd;
// Helpers are used by the commands as their issues land.
#[allow(dead_code)]
mod io;

pub use io::{CliError, Outcome};

#[derive(Parser)]
#[command(
    name = "verity",
    version,
    about = "Deterministic checks for LLM-application backends"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Classify a raw provider response against a grounding mode.
    Classify(cmd::classify::Args),
    /// Extract provider metadata and the provider version key from a response.
    Metadata(cmd::metadata::Args),
    /// Print the provider of each model id, one JSON line per id.
    Provider(cmd::provider::Args),
    /// Canonical JSON (RFC 8785) and template config hashes.
    Hash(cmd::hash::Args),
    /// Pair front/back product images from an analysis document.
    Pair(cmd::pair::Args),
    /// Run pairing on a golden directory and diff against the expected output.
    VerifyGolden(cmd::verify_golden::Args),
    /// Print one pairing metrics file, or compare two.
    Metrics(cmd::metrics::Args),
    /// Append to or verify a hash-chained audit log.
    Log(cmd::log::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Classify(args) => cmd::classify::run(args),
        Command::Metadata(args) => cmd::metadata::run(args),
        Command::Provider(args) => cmd::provider::run(args),
        Command::Hash(args) => cmd::hash::run(args),
        Command::Pair(args) => cmd::pair::run(args),
        Command::VerifyGolden(args) => cmd::verify_golden::run(args),
        Command::Metrics(args) => cmd::metrics::run(args),
        Command::Log(args) => cmd::log::run(args),
    };
    io::finish(result)
}
