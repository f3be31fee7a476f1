//! Provider detection from a model id. (Skeleton: the metadata issue owns the full rules.)

use serde::{Deserialize, Serialize};

/// A model provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Provider {
    /// OpenAI (including Azure OpenAI deployments of OpenAI models).
    Openai,
    /// Google (Gemini on AI Studio or Vertex AI).
    Google,
    /// Anthropic (Claude, including Bedrock-style ids).
    Anthropic,
    /// Not recognised; never guessed.
    Unknown,
}

impl Provider {
    /// Stable lowercase name, e.g. `"openai"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Openai => "openai",
            Provider::Google => "google",
            Provider::Anthropic => "anthropic",
            Provider::Unknown => "unknown",
        }
    }
}

/// Provider of a model id; `Unknown` when the id matches no known family.
pub fn detect_provider(model_id: &str) -> Provider {
    let id = model_id.trim().to_ascii_lowercase();
    if id.starts_with("gpt-")
        || id.starts_with("o3")
        || id.starts_with("o4")
        || id.starts_with("o1")
    {
        Provider::Openai
    } else if id.starts_with("gemini-") {
        Provider::Google
    } else if id.starts_with("claude-") {
        Provider::Anthropic
    } else {
        Provider::Unknown
    }
}
