//! OpenTelemetry GenAI semantic-convention attributes for a response, so a
//! host can put them on its span directly.
//!
//! Attribute names are the current ones (semconv ≥ 1.41, `stability:
//! development`): `gen_ai.provider.name` replaced `gen_ai.system` in 1.37,
//! `openai.response.*` replaced `gen_ai.openai.response.*` in 1.37, the
//! cache attributes arrived in 1.40 and `gen_ai.usage.reasoning.output_tokens`
//! in 1.41. The deprecated `gen_ai.system` (with its pre-1.37 values such as
//! `vertex_ai`, `gemini`, `az.ai.openai`) is emitted only when
//! [`OtelOptions::include_deprecated`] is set.
//!
//! | attribute | source |
//! |---|---|
//! | `gen_ai.provider.name` | platform: `openai`, `azure.ai.openai`, `gcp.gemini`, `gcp.vertex_ai`, `anthropic`, `aws.bedrock` (unknown platform: by provider, Google → `gcp.gen_ai`; unknown → omitted) |
//! | `gen_ai.operation.name` | `generate_content` for Gemini, else `chat` |
//! | `gen_ai.request.model` | [`OtelOptions::request_model`], when given |
//! | `gen_ai.response.id` | `response_id` |
//! | `gen_ai.response.model` | `model` (Gemini: `model_version`, else `model`) |
//! | `gen_ai.response.finish_reasons` | `finish_reasons` (when non-empty) |
//! | `gen_ai.usage.input_tokens` | normalised input (cached included; Anthropic: + cache read + cache creation) |
//! | `gen_ai.usage.output_tokens` | normalised output (reasoning included) |
//! | `gen_ai.usage.cache_read.input_tokens` | `cached_input_tokens` |
//! | `gen_ai.usage.cache_creation.input_tokens` | `cache_creation_input_tokens` |
//! | `gen_ai.usage.reasoning.output_tokens` | `reasoning_tokens` |
//! | `openai.api.type` | OpenAI-format bodies: `responses` / `chat_completions` |
//! | `openai.response.system_fingerprint` | OpenAI-format bodies, when present |
//! | `openai.response.service_tier` | OpenAI-format bodies, when present |
//!
//! Absent values are omitted, never written as empty strings or zero. The
//! map is ordered by attribute name (a `BTreeMap`), so output is deterministic.

use super::api::Api;
use super::platform::Platform;
use super::response_metadata::ResponseMetadata;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An attribute value: a string, an integer or a list of strings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OtelValue {
    /// A string attribute.
    String(String),
    /// An integer attribute (token counts).
    Int(i64),
    /// A string-array attribute (`gen_ai.response.finish_reasons`).
    StringArray(Vec<String>),
}

/// Options of [`otel_attributes`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OtelOptions {
    /// The model id the caller requested (`gen_ai.request.model`).
    pub request_model: Option<String>,
    /// Also emit the deprecated `gen_ai.system` for backends older than semconv 1.37.
    pub include_deprecated: bool,
    /// The hosting platform when the caller knows it from the endpoint it
    /// called (overrides the one read from the body).
    pub platform: Option<Platform>,
}

/// The OpenTelemetry GenAI attributes of a response's metadata, by name.
pub fn otel_attributes(
    metadata: &ResponseMetadata,
    options: &OtelOptions,
) -> BTreeMap<String, OtelValue> {
    let mut attrs = BTreeMap::new();
    let mut put_str = |name: &str, value: Option<&str>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            attrs.insert(name.to_owned(), OtelValue::String(v.to_owned()));
        }
    };
    let platform = options.platform.unwrap_or(metadata.platform());
    let provider = metadata.provider();
    let api = metadata.api();
    put_str(
        "gen_ai.provider.name",
        platform.otel_provider_name(provider),
    );
    if options.include_deprecated {
        put_str("gen_ai.system", platform.otel_legacy_system(provider));
    }
    let operation = match api {
        Api::Gemini => "generate_content",
        _ => "chat",
    };
    put_str("gen_ai.operation.name", Some(operation));
    put_str(
        "gen_ai.request.model",
        options.request_model.as_deref().map(str::trim),
    );
    put_str("gen_ai.response.id", metadata.response_id());
    let response_model = match api {
        Api::Gemini => metadata.model_version().or(metadata.model()),
        _ => metadata.model(),
    };
    put_str("gen_ai.response.model", response_model);
    if matches!(api, Api::OpenaiResponses | Api::OpenaiChat) {
        let api_type = match api {
            Api::OpenaiResponses => "responses",
            _ => "chat_completions",
        };
        put_str("openai.api.type", Some(api_type));
        put_str(
            "openai.response.system_fingerprint",
            metadata.system_fingerprint(),
        );
        put_str("openai.response.service_tier", metadata.service_tier());
    }
    if !metadata.finish_reasons().is_empty() {
        attrs.insert(
            "gen_ai.response.finish_reasons".to_owned(),
            OtelValue::StringArray(metadata.finish_reasons().to_vec()),
        );
    }
    if let Some(usage) = metadata.usage() {
        let counts = [
            ("gen_ai.usage.input_tokens", usage.input_tokens()),
            ("gen_ai.usage.output_tokens", usage.output_tokens()),
            (
                "gen_ai.usage.cache_read.input_tokens",
                usage.cached_input_tokens(),
            ),
            (
                "gen_ai.usage.cache_creation.input_tokens",
                usage.cache_creation_input_tokens(),
            ),
            (
                "gen_ai.usage.reasoning.output_tokens",
                usage.reasoning_tokens(),
            ),
        ];
        for (name, count) in counts {
            if let Some(n) = count {
                let n = i64::try_from(n).unwrap_or(i64::MAX);
                attrs.insert(name.to_owned(), OtelValue::Int(n));
            }
        }
    }
    attrs
}
