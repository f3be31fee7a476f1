//! `extract_metadata`: one raw response body → [`ResponseMetadata`].
//!
//! Field sources per API:
//!
//! | field | Responses | Chat Completions | Gemini | Anthropic |
//! |---|---|---|---|---|
//! | `model` | `model` | `model` | `model`, else `model_name` | `model` |
//! | `model_version` | — | — | `modelVersion` | — |
//! | `response_id` | `id` | `id` | `responseId` | `id` |
//! | `created` | `created_at` | `created` | `createTime` (RFC 3339, Vertex) | — |
//! | `system_fingerprint` | `system_fingerprint` | `system_fingerprint` | — | — |
//! | `service_tier` | `service_tier` | `service_tier` | — | `usage.service_tier` |
//! | `finish_reasons` | `[incomplete_details.reason]`, else `[status]` | each `choices[i].finish_reason` | each `candidates[i].finishReason` | `[stop_reason]` |
//! | `grounding_metadata` | — | — | each `candidates[i].groundingMetadata` | — |
//!
//! Lists keep the body's array order; null entries are skipped. Empty
//! strings in the identity fields (`model`, ids, fingerprint, tier) count as
//! absent: Chat search-preview bodies carry `"system_fingerprint": ""`.
//!
//! Provider: the model id's provider ([`super::detect_provider`] on `model`,
//! Gemini `modelVersion` first) when recognised. Otherwise Gemini and
//! Anthropic shapes are Google's and Anthropic's own; OpenAI-format bodies
//! (which other vendors imitate) are `openai` only with Azure markers, else
//! `unknown`.
//!
//! Platform: Azure OpenAI when the body carries `prompt_filter_results` (top
//! level) or `content_filter_results` (in a choice); Vertex AI for Gemini
//! bodies with `createTime` or `usageMetadata.trafficType`, AI Studio for
//! other Gemini bodies; Bedrock / Vertex for Anthropic ids `msg_bdrk_…` /
//! `msg_vrtx_…`; else what the model id's spelling says; else the
//! provider's own service (OpenAI-format bodies of unrecognised models:
//! `unknown`).

use super::api::{detect_api, Api};
use super::fields::{element_object, Obj};
use super::platform::Platform;
use super::provider::{parse_model_id, ModelIdInfo, Provider};
use super::response_metadata::{CandidateGrounding, ResponseMetadata};
use super::rfc3339::rfc3339_to_unix_seconds;
use super::usage::Usage;
use crate::error::{index_path, Error, ErrorKind, Result};
use crate::json::type_name;
use serde_json::Value;

/// Extracts metadata from a parsed response body, detecting its API by shape.
///
/// Errors: `unknown_shape` at `$` when no supported API matches;
/// `invalid_input` naming the path of a field with the wrong type.
pub fn extract_metadata(response: &Value) -> Result<ResponseMetadata> {
    let api = detect_api(response).ok_or_else(|| unknown_shape(response))?;
    extract_metadata_with_api(response, api)
}

/// Parses JSON bytes under the default limits ([`crate::json::parse`]:
/// `invalid_json`, `too_large`, `too_deep`) and extracts metadata.
pub fn extract_metadata_bytes(bytes: &[u8]) -> Result<ResponseMetadata> {
    extract_metadata(&crate::json::parse(bytes)?)
}

/// Extracts metadata reading the body as `api` (explicit override of the
/// shape detection).
pub fn extract_metadata_with_api(response: &Value, api: Api) -> Result<ResponseMetadata> {
    let map = response
        .as_object()
        .ok_or_else(|| unknown_shape(response))?;
    let root = Obj::new(map, "$");
    match api {
        Api::OpenaiResponses => openai_responses(&root),
        Api::OpenaiChat => openai_chat(&root),
        Api::Gemini => gemini(&root),
        Api::AnthropicMessages => anthropic(&root),
    }
}

fn unknown_shape(response: &Value) -> Error {
    let what = match response {
        Value::Object(_) => "an object".to_owned(),
        other => type_name(other).to_owned(),
    };
    Error::new(
        ErrorKind::UnknownShape,
        "$",
        format!(
            "{what} that is not an OpenAI Responses, OpenAI Chat Completions, Gemini generateContent or Anthropic Messages response"
        ),
    )
}

fn owned(s: Option<&str>) -> Option<String> {
    s.filter(|s| !s.is_empty()).map(str::to_owned)
}

/// OpenAI-format bodies: the model's provider, `openai` when Azure-marked.
fn openai_format_identity(model: Option<&str>, azure: bool) -> (Provider, Platform) {
    let info = model.map(parse_model_id).unwrap_or(ModelIdInfo {
        provider: Provider::Unknown,
        platform: None,
    });
    let provider = match info.provider {
        Provider::Unknown if azure => Provider::Openai,
        p => p,
    };
    let platform = if azure {
        Platform::AzureOpenai
    } else {
        info.platform.unwrap_or(match provider {
            Provider::Openai => Platform::Openai,
            _ => Platform::Unknown,
        })
    };
    (provider, platform)
}

fn openai_responses(root: &Obj<'_>) -> Result<ResponseMetadata> {
    let model = root.str("model")?.filter(|m| !m.is_empty());
    let azure = root.has("prompt_filter_results");
    let (provider, platform) = openai_format_identity(model, azure);
    let incomplete_reason = match root.obj("incomplete_details")? {
        Some(details) => details.str("reason")?,
        None => None,
    };
    let finish = incomplete_reason.or(root.str("status")?);
    Ok(ResponseMetadata {
        provider,
        platform,
        api: Api::OpenaiResponses,
        model: owned(model),
        model_version: None,
        response_id: owned(root.str("id")?),
        created: root.int("created_at")?,
        system_fingerprint: owned(root.str("system_fingerprint")?),
        service_tier: owned(root.str("service_tier")?),
        finish_reasons: finish.map(str::to_owned).into_iter().collect(),
        usage: root
            .obj("usage")?
            .map(|u| Usage::from_responses(&u))
            .transpose()?,
        grounding_metadata: Vec::new(),
    })
}

fn openai_chat(root: &Obj<'_>) -> Result<ResponseMetadata> {
    let model = root.str("model")?.filter(|m| !m.is_empty());
    let choices_path = root.child_path("choices");
    let mut azure = root.has("prompt_filter_results");
    let mut finish_reasons = Vec::new();
    for (i, item) in root
        .array("choices")?
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let choice = Obj::new(
            element_object(item, &choices_path, i)?,
            index_path(&choices_path, i),
        );
        azure |= choice.has("content_filter_results");
        if let Some(reason) = choice.str("finish_reason")? {
            finish_reasons.push(reason.to_owned());
        }
    }
    let (provider, platform) = openai_format_identity(model, azure);
    Ok(ResponseMetadata {
        provider,
        platform,
        api: Api::OpenaiChat,
        model: owned(model),
        model_version: None,
        response_id: owned(root.str("id")?),
        created: root.int("created")?,
        system_fingerprint: owned(root.str("system_fingerprint")?),
        service_tier: owned(root.str("service_tier")?),
        finish_reasons,
        usage: root
            .obj("usage")?
            .map(|u| Usage::from_chat(&u))
            .transpose()?,
        grounding_metadata: Vec::new(),
    })
}

fn gemini(root: &Obj<'_>) -> Result<ResponseMetadata> {
    let model_version = root.str("modelVersion")?.filter(|m| !m.is_empty());
    let model = match root.str("model")?.filter(|m| !m.is_empty()) {
        Some(m) => Some(m),
        None => root.str("model_name")?.filter(|m| !m.is_empty()),
    };
    let info = model_version.or(model).map(parse_model_id);
    let provider = match info.map(|i| i.provider) {
        Some(p @ (Provider::Openai | Provider::Google | Provider::Anthropic)) => p,
        _ => Provider::Google,
    };
    let usage_obj = root.obj("usageMetadata")?;
    let vertex_marker = root.has("createTime")
        || match &usage_obj {
            Some(u) => u.str("trafficType")?.is_some(),
            None => false,
        };
    let platform = if vertex_marker {
        Platform::VertexAi
    } else {
        info.and_then(|i| i.platform)
            .unwrap_or(Platform::GoogleAiStudio)
    };
    let created = match root.str("createTime")? {
        Some(text) => Some(
            rfc3339_to_unix_seconds(text).map_err(|e| e.under(&root.child_path("createTime")))?,
        ),
        None => None,
    };
    let candidates_path = root.child_path("candidates");
    let mut finish_reasons = Vec::new();
    let mut grounding_metadata = Vec::new();
    for (i, item) in root
        .array("candidates")?
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let candidate = Obj::new(
            element_object(item, &candidates_path, i)?,
            index_path(&candidates_path, i),
        );
        if let Some(reason) = candidate.str("finishReason")? {
            finish_reasons.push(reason.to_owned());
        }
        if let Some(metadata) = candidate.raw_object("groundingMetadata")? {
            grounding_metadata.push(CandidateGrounding {
                candidate_index: i,
                metadata: metadata.clone(),
            });
        }
    }
    Ok(ResponseMetadata {
        provider,
        platform,
        api: Api::Gemini,
        model: owned(model),
        model_version: owned(model_version),
        response_id: owned(root.str("responseId")?),
        created,
        system_fingerprint: None,
        service_tier: None,
        finish_reasons,
        usage: usage_obj.map(|u| Usage::from_gemini(&u)).transpose()?,
        grounding_metadata,
    })
}

fn anthropic(root: &Obj<'_>) -> Result<ResponseMetadata> {
    let model = root.str("model")?.filter(|m| !m.is_empty());
    let id = root.str("id")?;
    let info = model.map(parse_model_id);
    let provider = match info.map(|i| i.provider) {
        Some(p @ (Provider::Openai | Provider::Google | Provider::Anthropic)) => p,
        _ => Provider::Anthropic,
    };
    let platform = match id {
        Some(id) if id.starts_with("msg_bdrk_") => Platform::AwsBedrock,
        Some(id) if id.starts_with("msg_vrtx_") => Platform::VertexAi,
        _ => info.and_then(|i| i.platform).unwrap_or(Platform::Anthropic),
    };
    let usage_obj = root.obj("usage")?;
    let service_tier = match &usage_obj {
        Some(u) => u.str("service_tier")?,
        None => None,
    };
    Ok(ResponseMetadata {
        provider,
        platform,
        api: Api::AnthropicMessages,
        model: owned(model),
        model_version: None,
        response_id: owned(id),
        created: None,
        system_fingerprint: None,
        service_tier: owned(service_tier),
        finish_reasons: root
            .str("stop_reason")?
            .map(str::to_owned)
            .into_iter()
            .collect(),
        usage: usage_obj.map(|u| Usage::from_anthropic(&u)).transpose()?,
        grounding_metadata: Vec::new(),
    })
}
