//! metadata: provider of a model id, API of a body, response metadata,
//! provider version keys and OpenTelemetry GenAI attributes.

use crate::error::{call, invalid, Failure};
use crate::input::{self, Doc};
use crate::output::Json;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use verity::metadata::{self, OtelOptions, Platform, ResponseMetadata};

/// A raw response (object | JSON text | bytes) read into its metadata.
fn response_metadata(env: &Env, response: Unknown) -> Result<ResponseMetadata, Failure> {
    input::with_document(env, response, |doc| {
        Ok(match doc {
            Doc::Value(v) => metadata::extract_metadata(&v)?,
            Doc::Bytes(b) => metadata::extract_metadata_bytes(b)?,
        })
    })
}

/// Provider of a model id: `"openai" | "google" | "anthropic" | "unknown"` (never guessed).
#[napi(ts_args_type = "modelId: string", ts_return_type = "Provider")]
pub fn detect_provider(env: Env, model_id: Unknown) -> napi::Result<String> {
    call(&env, || {
        let id = input::string_arg(model_id, "model_id")?;
        Ok(metadata::detect_provider(&id).as_str().to_owned())
    })
}

/// Which provider API a raw response body came from, by its shape; `null` when none matches.
#[napi(ts_args_type = "response: JsonInput", ts_return_type = "Api | null")]
pub fn detect_api(env: Env, response: Unknown) -> napi::Result<Option<String>> {
    call(&env, || {
        let body = input::document(&env, response)?;
        Ok(metadata::detect_api(&body).map(|api| api.as_str().to_owned()))
    })
}

/// Provider, platform, API, model, ids, `created`, fingerprint, finish reasons, usage and
/// Gemini grounding metadata of a raw response; `{api}` forces the API instead of
/// detecting it from the body's shape.
#[napi(
    ts_args_type = "response: JsonInput, options?: { api?: Api | null } | null",
    ts_return_type = "ResponseMetadata"
)]
pub fn extract_metadata(
    env: Env,
    response: Unknown,
    options: Option<Unknown>,
) -> napi::Result<Json> {
    call(&env, || {
        let options = input::options_arg(options, &["api"])?;
        match input::opt_string_arg(input::option(&options, "api")?, "api")? {
            None => Json::frozen_of(&response_metadata(&env, response)?),
            Some(name) => {
                let api = verity::enforcement::parse_api(&name)?;
                let body = input::document(&env, response)?;
                Json::frozen_of(&metadata::extract_metadata_with_api(&body, api)?)
            }
        }
    })
}

/// Unix seconds of an RFC 3339 timestamp (`2025-10-01T09:14:03Z`, offsets, fractions).
#[napi(ts_args_type = "text: string")]
pub fn rfc3339_to_unix_seconds(env: Env, text: Unknown) -> napi::Result<i64> {
    call(&env, || {
        let text = input::string_arg(text, "text")?;
        Ok(metadata::rfc3339_to_unix_seconds(&text).map_err(|e| e.under("$.text"))?)
    })
}

/// The provider version key (OpenAI `system_fingerprint`, Google `modelVersion` chain,
/// Anthropic `model`); `model` is the model id the caller requested.
#[napi(ts_args_type = "response: JsonInput, model?: string | null")]
pub fn provider_version_key(
    env: Env,
    response: Unknown,
    model: Option<Unknown>,
) -> napi::Result<String> {
    call(&env, || {
        let model = input::opt_string_arg(model, "model")?;
        Ok(response_metadata(&env, response)?.provider_version_key(model.as_deref()))
    })
}

/// OpenTelemetry GenAI semantic-convention attributes of a response (ordered by name).
#[napi(
    ts_args_type = "response: JsonInput, options?: OtelAttributesOptions | null",
    ts_return_type = "OtelAttributes"
)]
pub fn otel_attributes(
    env: Env,
    response: Unknown,
    options: Option<Unknown>,
) -> napi::Result<Json> {
    call(&env, || {
        let options = otel_options(options)?;
        let meta = response_metadata(&env, response)?;
        Json::frozen_of(&metadata::otel_attributes(&meta, &options))
    })
}

/// `{model?, include_deprecated?, platform?}` (Python's keyword names).
fn otel_options(options: Option<Unknown>) -> Result<OtelOptions, Failure> {
    let options = input::options_arg(options, &["model", "include_deprecated", "platform"])?;
    let mut out = OtelOptions {
        request_model: input::opt_string_arg(input::option(&options, "model")?, "model")?,
        ..OtelOptions::default()
    };
    if let Some(flag) = input::option(&options, "include_deprecated")? {
        if !input::is_nullish(flag)? {
            out.include_deprecated = input::bool_arg(flag, "include_deprecated")?;
        }
    }
    if let Some(name) = input::opt_string_arg(input::option(&options, "platform")?, "platform")? {
        out.platform = Some(
            Platform::from_name(&name)
                .ok_or_else(|| invalid("$.platform", format!("unknown platform {name:?}")))?,
        );
    }
    Ok(out)
}
