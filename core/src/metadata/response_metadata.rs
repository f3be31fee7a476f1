//! The extracted metadata of one response, and its provider version key.

use super::api::Api;
use super::platform::Platform;
use super::provider::Provider;
use super::usage::Usage;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What a raw provider response says about who produced it (JSON field
/// names as below; values are immutable: read them with the getters).
///
/// Lists: `finish_reasons` in choice/candidate order (see
/// [`super::extract_metadata`]); `grounding_metadata` in candidate order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponseMetadata {
    pub(super) provider: Provider,
    pub(super) platform: Platform,
    pub(super) api: Api,
    pub(super) model: Option<String>,
    pub(super) model_version: Option<String>,
    pub(super) response_id: Option<String>,
    pub(super) created: Option<i64>,
    pub(super) system_fingerprint: Option<String>,
    pub(super) service_tier: Option<String>,
    pub(super) finish_reasons: Vec<String>,
    pub(super) usage: Option<Usage>,
    pub(super) grounding_metadata: Vec<CandidateGrounding>,
}

/// One Gemini candidate's `groundingMetadata`, passed through unchanged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateGrounding {
    pub(super) candidate_index: usize,
    pub(super) metadata: Value,
}

impl CandidateGrounding {
    /// Position of the candidate in `candidates`.
    pub fn candidate_index(&self) -> usize {
        self.candidate_index
    }
    /// The raw `groundingMetadata` object.
    pub fn metadata(&self) -> &Value {
        &self.metadata
    }
}

/// The version key used when no better value exists.
pub const UNKNOWN_VERSION_KEY: &str = "unknown";

impl ResponseMetadata {
    /// The model's provider.
    pub fn provider(&self) -> Provider {
        self.provider
    }
    /// The hosting service (OpenAI, Azure OpenAI, AI Studio, Vertex, …).
    pub fn platform(&self) -> Platform {
        self.platform
    }
    /// `true` when the response came from Azure OpenAI.
    pub fn is_azure(&self) -> bool {
        self.platform == Platform::AzureOpenai
    }
    /// The API whose format the body has.
    pub fn api(&self) -> Api {
        self.api
    }
    /// The response's `model` (Gemini: `model`, else an adapter's `model_name`).
    pub fn model(&self) -> Option<&str> {
        self.model.as_deref()
    }
    /// Gemini `modelVersion`.
    pub fn model_version(&self) -> Option<&str> {
        self.model_version.as_deref()
    }
    /// `id` (OpenAI, Anthropic) or `responseId` (Gemini).
    pub fn response_id(&self) -> Option<&str> {
        self.response_id.as_deref()
    }
    /// Unix seconds: Responses `created_at`, Chat `created`, Vertex `createTime`.
    pub fn created(&self) -> Option<i64> {
        self.created
    }
    /// OpenAI `system_fingerprint`.
    pub fn system_fingerprint(&self) -> Option<&str> {
        self.system_fingerprint.as_deref()
    }
    /// `service_tier` (OpenAI top level, Anthropic `usage.service_tier`).
    pub fn service_tier(&self) -> Option<&str> {
        self.service_tier.as_deref()
    }
    /// Finish/stop reasons as the provider spells them.
    pub fn finish_reasons(&self) -> &[String] {
        &self.finish_reasons
    }
    /// Normalised usage; `None` when the body has no usage object.
    pub fn usage(&self) -> Option<&Usage> {
        self.usage.as_ref()
    }
    /// Gemini grounding metadata per candidate (empty for other APIs).
    pub fn grounding_metadata(&self) -> &[CandidateGrounding] {
        &self.grounding_metadata
    }

    /// The provider version key (seed 001's `provider_version_key`), by provider:
    /// - OpenAI: `system_fingerprint`, else `"unknown"` (Azure OpenAI often
    ///   omits the fingerprint; the model name is deliberately not used);
    /// - Google: `modelVersion` → `model` → `model_name` → `requested_model`;
    /// - Anthropic: the response `model`, else `requested_model`;
    /// - unknown provider: `system_fingerprint` → `model` → `requested_model`.
    ///
    /// Every chain ends in `"unknown"`; empty strings count as absent.
    pub fn provider_version_key(&self, requested_model: Option<&str>) -> String {
        let requested = requested_model.map(str::trim).filter(|m| !m.is_empty());
        let key = match self.provider {
            Provider::Openai => some(&self.system_fingerprint),
            Provider::Google => some(&self.model_version)
                .or_else(|| some(&self.model))
                .or(requested),
            Provider::Anthropic => some(&self.model).or(requested),
            Provider::Unknown => some(&self.system_fingerprint)
                .or_else(|| some(&self.model))
                .or(requested),
        };
        key.unwrap_or(UNKNOWN_VERSION_KEY).to_owned()
    }
}

/// A non-empty string field.
fn some(v: &Option<String>) -> Option<&str> {
    v.as_deref().filter(|s| !s.is_empty())
}
