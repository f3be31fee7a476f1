//! `verity classify --mode MODE RESPONSE.json|-`: prints the outcome JSON.
//!
//! Exit status: 0 when the outcome is `ok`; 1 when the run failed
//! enforcement (the outcome is still printed: a failed enforcement is a
//! finding, like any check that found a violation); 2 on bad input (not
//! JSON, unknown shape, wrong field types, unknown mode, too large/deep).
//! With `--explain`, a failed outcome also carries the human-readable
//! explanation under `"explanation"`; `--summary` prints one readable line
//! (and the explanation of a failure) instead of JSON.

use crate::io::{read_input, read_json, write_json, write_output, CliError, Outcome};
use verity::enforcement::{
    classify_bytes, explain_failure, parse_api, ClassifyOptions, EnforcementMode,
    EnforcementModeTable, FailureExplanation, RequestedMode, Status,
};

/// Arguments of `verity classify`.
#[derive(clap::Args)]
pub struct Args {
    /// Requested grounding mode: UNGROUNDED, PREFERRED or REQUIRED.
    #[arg(long)]
    pub mode: String,
    /// Enforcement mode override: hard or soft (default: the capability table).
    #[arg(long = "enforcement-mode")]
    pub enforcement_mode: Option<String>,
    /// The requested model id (default: the model named in the response).
    #[arg(long)]
    pub model: Option<String>,
    /// The output budget the request was made with.
    #[arg(long = "max-output-tokens")]
    pub max_output_tokens: Option<u64>,
    /// Name of a caller-defined search function/tool (repeatable).
    #[arg(long = "search-tool")]
    pub search_tools: Vec<String>,
    /// Capability table replacing the default hard/soft table
    /// (`{"rules": [{"model_prefix"?, "provider"?, "enforcement_mode"}], "default"}`).
    #[arg(long = "enforcement-table")]
    pub enforcement_table: Option<std::path::PathBuf>,
    /// Force the API: openai_responses, openai_chat, gemini, anthropic_messages.
    #[arg(long)]
    pub api: Option<String>,
    /// Add a human-readable explanation of a failed run.
    #[arg(long)]
    pub explain: bool,
    /// Print a one-line human-readable summary (plus the explanation of a
    /// failure) instead of JSON.
    #[arg(long)]
    pub summary: bool,
    /// Write the outcome here instead of standard output.
    #[arg(short = 'o', long = "output")]
    pub output: Option<std::path::PathBuf>,
    /// Raw provider response (JSON file, or `-` for stdin).
    pub response: std::path::PathBuf,
}

/// The outcome in the spec's field order, plus the optional explanation.
#[derive(serde::Serialize)]
struct Printed<'a> {
    #[serde(flatten)]
    outcome: &'a verity::enforcement::Outcome,
    #[serde(skip_serializing_if = "Option::is_none")]
    explanation: Option<FailureExplanation>,
}

/// Runs the command.
pub fn run(args: Args) -> Result<Outcome, CliError> {
    let mode = RequestedMode::parse(&args.mode)?;
    let options = ClassifyOptions {
        enforcement_mode: args
            .enforcement_mode
            .as_deref()
            .map(EnforcementMode::parse)
            .transpose()?,
        model: args.model,
        max_output_tokens: args.max_output_tokens,
        search_tool_names: args.search_tools,
        api: args.api.as_deref().map(parse_api).transpose()?,
        enforcement_mode_table: match &args.enforcement_table {
            Some(path) => EnforcementModeTable::from_json(&read_json(path)?)
                .map_err(|e| CliError(format!("{}: {e}", path.display())))?,
            None => EnforcementModeTable::default(),
        },
    };
    let bytes = read_input(&args.response)?;
    let outcome = classify_bytes(&bytes, mode, &options)
        .map_err(|e| CliError(format!("{}: {e}", args.response.display())))?;
    let status = match outcome.status() {
        Status::Ok => Outcome::Clean,
        Status::Failed => Outcome::Findings,
    };
    if args.summary {
        let name = args.response.file_name().map_or_else(
            || args.response.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        write_output(args.output.as_deref(), summary(&name, &outcome).as_bytes())?;
        return Ok(status);
    }
    let printed = Printed {
        outcome: &outcome,
        explanation: if args.explain {
            explain_failure(&outcome)
        } else {
            None
        },
    };
    write_json(args.output.as_deref(), &printed)?;
    Ok(status)
}

/// `NAME  MODE  status  model (provider, mode)  searches ok/attempted  citations n`,
/// then the explanation of a failure on indented lines.
fn summary(name: &str, outcome: &verity::enforcement::Outcome) -> String {
    let mut text = format!(
        "{name:<44} {:<10} {:<6} {} ({}, {})  searches {}/{}  citations {}",
        outcome.requested_mode().as_str(),
        outcome.status().as_str(),
        outcome.model().unwrap_or("?"),
        outcome.provider().as_str(),
        outcome.enforcement_mode().as_str(),
        outcome.tool_call_count(),
        outcome.attempted_tool_call_count(),
        outcome.citations_count(),
    );
    if let Some(confidence) = outcome.search_confidence() {
        text.push_str(&format!("  confidence {confidence:.2}"));
    }
    if outcome.budget_starved() {
        text.push_str("  budget-starved");
    }
    if let Some(card) = explain_failure(outcome) {
        text.push_str(&format!(
            "\n    {}: {}\n    {}\n    {}",
            card.title(),
            card.message(),
            card.detail(),
            card.retry_advice()
        ));
    }
    text
}
