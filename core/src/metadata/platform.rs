//! Where a response was served from (the hosting service), as opposed to who
//! made the model ([`Provider`]). Claude can be served by Anthropic, AWS
//! Bedrock or Vertex AI; GPT models by OpenAI or Azure OpenAI.

use super::provider::Provider;
use serde::{Deserialize, Serialize};

/// The hosting service of a response (field `platform` of the metadata).
///
/// Decided from markers in the body (Azure's `prompt_filter_results` /
/// `content_filter_results`, Vertex's `createTime` / `usageMetadata.trafficType`,
/// Anthropic ids `msg_bdrk_…` / `msg_vrtx_…`) and from the model id's
/// spelling (routing prefixes `azure/`, `bedrock/`, `vertex_ai/`, `gemini/`,
/// Vertex resource names, Bedrock ids `[region.]anthropic.claude-…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    /// OpenAI's own API (`api.openai.com`).
    Openai,
    /// Azure OpenAI (`*.openai.azure.com`): often no `system_fingerprint`.
    AzureOpenai,
    /// The Gemini Developer API (AI Studio, `generativelanguage.googleapis.com`).
    GoogleAiStudio,
    /// Google Vertex AI (`aiplatform.googleapis.com`), Gemini or Claude.
    VertexAi,
    /// Anthropic's own API (`api.anthropic.com`).
    Anthropic,
    /// Amazon Bedrock (`bedrock-runtime.*.amazonaws.com`).
    AwsBedrock,
    /// Not recognised; never guessed.
    Unknown,
}

impl Platform {
    /// Stable snake_case name, e.g. `"azure_openai"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Openai => "openai",
            Platform::AzureOpenai => "azure_openai",
            Platform::GoogleAiStudio => "google_ai_studio",
            Platform::VertexAi => "vertex_ai",
            Platform::Anthropic => "anthropic",
            Platform::AwsBedrock => "aws_bedrock",
            Platform::Unknown => "unknown",
        }
    }

    /// Parses [`Platform::as_str`] names back; `None` for anything else.
    pub fn from_name(name: &str) -> Option<Platform> {
        [
            Platform::Openai,
            Platform::AzureOpenai,
            Platform::GoogleAiStudio,
            Platform::VertexAi,
            Platform::Anthropic,
            Platform::AwsBedrock,
            Platform::Unknown,
        ]
        .into_iter()
        .find(|p| p.as_str() == name)
    }

    /// The value of OpenTelemetry `gen_ai.provider.name` (semconv ≥ 1.37).
    ///
    /// An unknown platform falls back to the model provider: Google →
    /// `gcp.gen_ai` (the registry's "backend unknown" value), OpenAI →
    /// `openai`, Anthropic → `anthropic`; unknown → `None` (attribute omitted).
    pub fn otel_provider_name(self, provider: Provider) -> Option<&'static str> {
        match self {
            Platform::Openai => Some("openai"),
            Platform::AzureOpenai => Some("azure.ai.openai"),
            Platform::GoogleAiStudio => Some("gcp.gemini"),
            Platform::VertexAi => Some("gcp.vertex_ai"),
            Platform::Anthropic => Some("anthropic"),
            Platform::AwsBedrock => Some("aws.bedrock"),
            Platform::Unknown => match provider {
                Provider::Openai => Some("openai"),
                Provider::Google => Some("gcp.gen_ai"),
                Provider::Anthropic => Some("anthropic"),
                Provider::Unknown => None,
            },
        }
    }

    /// The value of the deprecated `gen_ai.system` as older backends
    /// (semconv < 1.37) expect it: `vertex_ai`, `gemini`, `az.ai.openai`.
    /// `None` where no pre-1.37 value exists (Google with unknown backend).
    pub fn otel_legacy_system(self, provider: Provider) -> Option<&'static str> {
        match self {
            Platform::Openai => Some("openai"),
            Platform::AzureOpenai => Some("az.ai.openai"),
            Platform::GoogleAiStudio => Some("gemini"),
            Platform::VertexAi => Some("vertex_ai"),
            Platform::Anthropic => Some("anthropic"),
            Platform::AwsBedrock => Some("aws.bedrock"),
            Platform::Unknown => match provider {
                Provider::Openai => Some("openai"),
                Provider::Anthropic => Some("anthropic"),
                Provider::Google | Provider::Unknown => None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for p in [
            Platform::Openai,
            Platform::AzureOpenai,
            Platform::GoogleAiStudio,
            Platform::VertexAi,
            Platform::Anthropic,
            Platform::AwsBedrock,
            Platform::Unknown,
        ] {
            assert_eq!(Platform::from_name(p.as_str()), Some(p));
            assert_eq!(
                serde_json::to_value(p).unwrap(),
                serde_json::Value::String(p.as_str().into())
            );
        }
        assert_eq!(Platform::from_name("azure"), None);
    }

    #[test]
    fn otel_names_current_and_legacy() {
        assert_eq!(
            Platform::AzureOpenai.otel_provider_name(Provider::Openai),
            Some("azure.ai.openai")
        );
        assert_eq!(
            Platform::AzureOpenai.otel_legacy_system(Provider::Openai),
            Some("az.ai.openai")
        );
        assert_eq!(
            Platform::VertexAi.otel_provider_name(Provider::Anthropic),
            Some("gcp.vertex_ai")
        );
        assert_eq!(
            Platform::Unknown.otel_provider_name(Provider::Google),
            Some("gcp.gen_ai")
        );
        assert_eq!(Platform::Unknown.otel_legacy_system(Provider::Google), None);
        assert_eq!(
            Platform::Unknown.otel_provider_name(Provider::Unknown),
            None
        );
    }
}
