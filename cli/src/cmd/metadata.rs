//! `verity metadata RESPONSE.json|-`: extracted metadata, provider version key
//! and OpenTelemetry GenAI attributes of one raw provider response.
//!
//! Output (pretty JSON): `{"metadata": {...}, "provider_version_key": "...",
//! "otel_attributes": {...}}`. `--model` is the requested model id (the
//! version key's last fallback and `gen_ai.request.model`);
//! `--otel-deprecated` adds the deprecated `gen_ai.system`; `--platform`
//! overrides the hosting platform read from the body (for the OTel
//! provider name); `--brief` prints one human-readable line instead of JSON.
//! Exit 0, or 2 with one line on stderr on bad input.

use crate::io::{read_input, write_json, write_output, CliError, Outcome};
use std::collections::BTreeMap;
use std::path::PathBuf;
use verity::metadata::{
    extract_metadata_bytes, otel_attributes, OtelOptions, OtelValue, Platform, ResponseMetadata,
};

/// Arguments of `verity metadata`.
#[derive(clap::Args)]
pub struct Args {
    /// Raw provider response (JSON file, or `-` for stdin).
    pub response: PathBuf,
    /// The model id that was requested (fallback of the version key).
    #[arg(long)]
    pub model: Option<String>,
    /// Also emit the deprecated `gen_ai.system` attribute.
    #[arg(long)]
    pub otel_deprecated: bool,
    /// Hosting platform known from the endpoint called (openai, azure_openai,
    /// google_ai_studio, vertex_ai, anthropic, aws_bedrock).
    #[arg(long)]
    pub platform: Option<String>,
    /// Print one human-readable summary line instead of JSON.
    #[arg(long)]
    pub brief: bool,
    /// Write the JSON here instead of standard output.
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
}

#[derive(serde::Serialize)]
struct Report {
    metadata: ResponseMetadata,
    provider_version_key: String,
    otel_attributes: BTreeMap<String, OtelValue>,
}

/// Runs the command.
pub fn run(args: Args) -> Result<Outcome, CliError> {
    let platform = match args.platform.as_deref() {
        None => None,
        Some(name) => Some(Platform::from_name(name).ok_or_else(|| {
            CliError(format!(
                "unknown --platform {name:?} (expected openai, azure_openai, google_ai_studio, vertex_ai, anthropic or aws_bedrock)"
            ))
        })?),
    };
    let bytes = read_input(&args.response)?;
    let metadata = extract_metadata_bytes(&bytes)
        .map_err(|e| CliError(format!("{}: {e}", args.response.display())))?;
    let options = OtelOptions {
        request_model: args.model.clone(),
        include_deprecated: args.otel_deprecated,
        platform,
    };
    let report = Report {
        provider_version_key: metadata.provider_version_key(args.model.as_deref()),
        otel_attributes: otel_attributes(&metadata, &options),
        metadata,
    };
    if args.brief {
        write_output(args.output.as_deref(), brief_line(&report).as_bytes())?;
    } else {
        write_json(args.output.as_deref(), &report)?;
    }
    Ok(Outcome::Clean)
}

/// `openai/azure_openai openai_chat model=gpt-4o-… key=unknown tokens in=27 out=19 …`
fn brief_line(report: &Report) -> String {
    let m = &report.metadata;
    let mut line = format!(
        "{}/{} {} model={} key={}",
        m.provider().as_str(),
        m.platform().as_str(),
        m.api().as_str(),
        m.model_version().or(m.model()).unwrap_or("-"),
        report.provider_version_key,
    );
    if !m.finish_reasons().is_empty() {
        line.push_str(&format!(" finish={}", m.finish_reasons().join(",")));
    }
    if let Some(u) = m.usage() {
        let show = |n: Option<u64>| n.map_or("-".to_owned(), |n| n.to_string());
        line.push_str(&format!(
            " tokens in={} (cached {}) out={} (reasoning {}) total={}",
            show(u.input_tokens()),
            show(u.cached_input_tokens()),
            show(u.output_tokens()),
            show(u.reasoning_tokens()),
            show(u.total_tokens()),
        ));
    }
    if let Some(OtelValue::String(name)) = report.otel_attributes.get("gen_ai.provider.name") {
        line.push_str(&format!(" otel={name}"));
    }
    line
}
