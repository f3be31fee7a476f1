//! Classification: read the body for its API, then apply the truth table.

use super::citations::inline_urls;
use super::evidence::Evidence;
use super::mode::{EnforcementMode, EnforcementModeTable, RequestedMode};
use super::outcome::{Measured, Outcome};
use super::verdict::decide;
use super::{anthropic, chat, fast, gemini, responses};
use crate::error::{Error, ErrorKind, Result};
use crate::metadata::{detect_api, detect_provider, Api, Provider};
use serde_json::Value;

/// Optional inputs of [`classify`]; `ClassifyOptions::default()` means "none".
#[derive(Debug, Clone, Default)]
pub struct ClassifyOptions {
    /// Overrides the capability table's hard/soft answer.
    pub enforcement_mode: Option<EnforcementMode>,
    /// The model id the caller requested (takes precedence over the body's).
    pub model: Option<String>,
    /// The caller's output budget: output tokens (including reasoning) at or
    /// above it also mark the response `budget_starved`.
    pub max_output_tokens: Option<u64>,
    /// Names of the caller's own search function/tools; calls to them count
    /// as searches (in every API). Empty: only built-in web search counts.
    pub search_tool_names: Vec<String>,
    /// Forces the API instead of detecting it from the body's shape.
    pub api: Option<Api>,
    /// The hard/soft capability table (default: [`EnforcementModeTable::default`]).
    pub enforcement_mode_table: EnforcementModeTable,
}

/// Parses an API name (`openai_responses`, `openai_chat`, `gemini`,
/// `anthropic_messages`); the error is `invalid_input` at `$.api`.
pub fn parse_api(text: &str) -> Result<Api> {
    Api::from_name(text).ok_or_else(|| {
        Error::invalid_input(
            "$.api",
            format!(
                "unknown api {text:?}: expected openai_responses, openai_chat, gemini or anthropic_messages"
            ),
        )
    })
}

/// Classifies a raw JSON body (bytes) under the core's JSON limits (8 MiB,
/// depth 128): `too_large`, `too_deep` and `invalid_json` errors come first.
///
/// Well-formed bodies are read straight into typed views (no `Value`
/// tree); anything else takes the `Value` path, so errors and their paths
/// are exactly those of [`classify`] on the parsed body.
pub fn classify_bytes(
    body: &[u8],
    mode: RequestedMode,
    options: &ClassifyOptions,
) -> Result<Outcome> {
    // The fast path declines bodies over the JSON limits: `json::parse`
    // then reports them first, before any parsing (see `prescan`).
    if let Some(outcome) = classify_bytes_typed(body, mode, options) {
        return Ok(outcome);
    }
    let value = crate::json::parse(body)?;
    classify(&value, mode, options)
}

/// The fast path of [`classify_bytes`] alone: the outcome read straight
/// from the bytes into typed views, or `None` where [`classify_bytes`]
/// takes the `Value` path (any error, unknown shape or unusual input).
/// Public only so tests can prove both paths agree; use [`classify_bytes`].
#[doc(hidden)]
pub fn classify_bytes_typed(
    body: &[u8],
    mode: RequestedMode,
    options: &ClassifyOptions,
) -> Option<Outcome> {
    let tools = options.search_tool_names.as_slice();
    let (api, evidence) = fast::read(body, options.api, options.model.as_deref(), tools)?;
    Some(decide_outcome(api, evidence, mode, options))
}

/// Classifies a parsed raw provider response against `mode`.
///
/// Errors: `unknown_shape` (at `$`) when no API is given and the body
/// matches none; `invalid_input` naming the path when a field the
/// classifier reads has the wrong type.
pub fn classify(
    response: &Value,
    mode: RequestedMode,
    options: &ClassifyOptions,
) -> Result<Outcome> {
    let api = match options.api {
        Some(api) => api,
        None => detect_api(response).ok_or_else(|| {
            Error::new(
                ErrorKind::UnknownShape,
                "$",
                "the response matches no supported API (OpenAI Responses, OpenAI Chat Completions, Gemini generateContent, Anthropic Messages)",
            )
        })?,
    };
    let tools = options.search_tool_names.as_slice();
    let evidence = match api {
        Api::OpenaiResponses => responses::read(response, tools)?,
        Api::OpenaiChat => chat::read(response, options.model.as_deref(), tools)?,
        Api::Gemini => gemini::read(response, tools)?,
        Api::AnthropicMessages => anthropic::read(response, tools)?,
    };
    Ok(decide_outcome(api, evidence, mode, options))
}

fn decide_outcome(
    api: Api,
    ev: Evidence,
    mode: RequestedMode,
    options: &ClassifyOptions,
) -> Outcome {
    let model = options.model.clone().or(ev.body_model.clone());
    let provider = provider_of(api, options.model.as_deref(), ev.body_model.as_deref());
    let enforcement_mode = options.enforcement_mode.unwrap_or_else(|| {
        options
            .enforcement_mode_table
            .lookup(model.as_deref(), provider)
    });
    let verdict = decide(mode, ev.successful, ev.attempted, enforcement_mode);
    let over_budget = match (options.max_output_tokens, ev.output_tokens) {
        (Some(max), Some(used)) => used >= max,
        _ => false,
    };
    let mut citation_urls = ev.cited_urls;
    for url in inline_urls(&ev.answer_text) {
        citation_urls.push(url);
    }
    let search_confidence =
        (ev.confidence_count > 0).then(|| round6(ev.confidence_sum / ev.confidence_count as f64));
    let measured = Measured {
        requested_mode: mode,
        enforcement_mode,
        provider,
        model,
        successful: ev.successful,
        attempted: ev.attempted,
        budget_starved: ev.budget_starved || over_budget,
        usage_reasoning_tokens: ev.reasoning_tokens,
        search_queries: ev.queries.into_vec(),
        citation_urls: citation_urls.into_vec(),
        search_confidence,
        answer_text: ev.answer_text,
    };
    Outcome::from_measured(measured, verdict)
}

/// Provider: from the caller's model id, else the body's, else the API
/// (Responses → openai, Gemini → google, Messages → anthropic; Chat
/// Completions is spoken by many servers, so it stays unknown).
fn provider_of(api: Api, caller_model: Option<&str>, body_model: Option<&str>) -> Provider {
    [caller_model, body_model]
        .into_iter()
        .flatten()
        .map(detect_provider)
        .find(|p| *p != Provider::Unknown)
        .unwrap_or(match api {
            Api::OpenaiResponses => Provider::Openai,
            Api::Gemini => Provider::Google,
            Api::AnthropicMessages => Provider::Anthropic,
            Api::OpenaiChat => Provider::Unknown,
        })
}

/// Rounds to 6 decimal places (the documented precision of rates and confidences).
pub(crate) fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}
