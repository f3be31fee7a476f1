//! Provider detection from a model id.
//!
//! Rules (case-insensitive, surrounding whitespace ignored), applied in order:
//!
//! 1. Routing prefix before the first `/`: `openai/`, `anthropic/`, `google/`,
//!    `gemini/` name a vendor; `azure/`, `bedrock/`, `vertex_ai/` name only a
//!    host. The prefix is stripped and the rest classified.
//! 2. Google resource names: `projects/P/locations/L/publishers/PUB/models/M`
//!    and `publishers/PUB/models/M` (publisher `google`, `anthropic`, `openai`
//!    decides the provider; Vertex AI host), `models/M` (the rest is
//!    classified), `tunedModels/T` (a Gemini tuned model: Google).
//! 3. Bedrock: an ARN is reduced to the part after its last `/`; then
//!    `[REGION.]anthropic.claude-…` → Anthropic and `[REGION.]openai.gpt-…` →
//!    OpenAI, with REGION one of `us`, `us-gov`, `eu`, `apac`, `global`, `jp`,
//!    `au`, `ca`.
//! 4. Fine-tunes `ft:BASE[:ORG…]` → OpenAI when BASE is an OpenAI family.
//! 5. Families on the bare id (a family prefix needs something after it):
//!    - OpenAI: `gpt-`, `chatgpt-`, `o1`/`o3`/`o4` alone or followed by `-`
//!      (`o3`, `o3-mini`, `o4-mini-2025-04-16`; not `o365-…`, `o3mini`, `o2`),
//!      `omni-`, `text-embedding-` (except Google's below), `dall-e-`,
//!      `whisper-`, `tts-`, `davinci-`, `babbage-`, `text-davinci-`,
//!      `text-moderation-`, `codex-`, `computer-use-preview`.
//!    - Google: `gemini-`, `gemma-`, `imagen-`, `veo-`, `learnlm-`,
//!      `text-embedding-NNN` (three digits: `text-embedding-004`),
//!      `text-embedding-preview-…`, `text-embedding-large-exp-…`,
//!      `textembedding-gecko…`, `text-multilingual-embedding-`.
//!    - Anthropic: `claude-` (including Vertex's `claude-…@YYYYMMDD`).
//! 6. A recognised family wins; a vendor prefix with an unrecognised rest
//!    decides by the prefix; a vendor prefix that contradicts the family is
//!    `unknown`. Everything else is `unknown`: never guessed.

use super::platform::Platform;
use serde::{Deserialize, Serialize};

/// A model provider (the company whose model it is).
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
    parse_model_id(model_id).provider
}

/// What a model id says: the provider and, when its spelling names one, the
/// hosting platform (e.g. `azure/…`, a Vertex resource name, a Bedrock id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ModelIdInfo {
    pub provider: Provider,
    pub platform: Option<Platform>,
}

/// Classifies a model id; see the module documentation for the rules.
pub(crate) fn parse_model_id(model_id: &str) -> ModelIdInfo {
    let id = model_id.trim().to_ascii_lowercase();
    let (vendor, host, rest) = split_routing_prefix(&id);
    let inner = classify_unprefixed(rest);
    let provider = match (vendor, inner.provider) {
        (None, found) => found,
        (Some(v), Provider::Unknown) if !rest.is_empty() => v,
        (Some(v), found) if v == found => found,
        _ => Provider::Unknown,
    };
    let platform = host.or(inner.platform);
    ModelIdInfo { provider, platform }
}

/// Splits `vendor/rest`: returns (vendor named by the prefix, host named by
/// the prefix, rest). Unknown prefixes are left in place.
fn split_routing_prefix(id: &str) -> (Option<Provider>, Option<Platform>, &str) {
    let Some((prefix, rest)) = id.split_once('/') else {
        return (None, None, id);
    };
    match prefix {
        "openai" => (Some(Provider::Openai), None, rest),
        "anthropic" => (Some(Provider::Anthropic), None, rest),
        "google" => (Some(Provider::Google), None, rest),
        "gemini" => (Some(Provider::Google), Some(Platform::GoogleAiStudio), rest),
        "azure" => (None, Some(Platform::AzureOpenai), rest),
        "bedrock" => (None, Some(Platform::AwsBedrock), rest),
        "vertex_ai" => (None, Some(Platform::VertexAi), rest),
        _ => (None, None, id),
    }
}

/// Classifies an id without a routing prefix (resource names, Bedrock ids,
/// fine-tunes, then families).
fn classify_unprefixed(id: &str) -> ModelIdInfo {
    if let Some(info) = google_resource_name(id) {
        return info;
    }
    let bedrock_id = match id.strip_prefix("arn:aws") {
        Some(_) => id.rsplit('/').next().unwrap_or(id),
        None => id,
    };
    if let Some(provider) = bedrock_vendor_id(bedrock_id) {
        return ModelIdInfo {
            provider,
            platform: Some(Platform::AwsBedrock),
        };
    }
    if let Some(rest) = id.strip_prefix("ft:") {
        let base = rest.split(':').next().unwrap_or("");
        let provider = match family(base) {
            Provider::Openai => Provider::Openai,
            _ => Provider::Unknown,
        };
        return ModelIdInfo {
            provider,
            platform: None,
        };
    }
    let provider = family(id);
    // `claude-…@YYYYMMDD` is Vertex AI's spelling of a Claude model.
    let platform =
        (provider == Provider::Anthropic && id.contains('@')).then_some(Platform::VertexAi);
    ModelIdInfo { provider, platform }
}

/// `projects/…/publishers/PUB/models/M`, `publishers/PUB/models/M`,
/// `models/M`, `tunedmodels/T`; `None` when `id` is not a resource name.
fn google_resource_name(id: &str) -> Option<ModelIdInfo> {
    if !id.contains('/') {
        return None;
    }
    let parts: Vec<&str> = id.split('/').collect();
    let publisher_model = match parts.as_slice() {
        ["projects", p, "locations", l, "publishers", publisher, "models", model @ ..]
            if !p.is_empty() && !l.is_empty() =>
        {
            Some((*publisher, model.join("/")))
        }
        ["publishers", publisher, "models", model @ ..] => Some((*publisher, model.join("/"))),
        _ => None,
    };
    if let Some((publisher, model)) = publisher_model {
        let provider = match publisher {
            _ if model.is_empty() => Provider::Unknown,
            "google" => Provider::Google,
            "anthropic" => Provider::Anthropic,
            "openai" => Provider::Openai,
            _ => Provider::Unknown,
        };
        return Some(ModelIdInfo {
            provider,
            platform: Some(Platform::VertexAi),
        });
    }
    match parts.as_slice() {
        ["models", model] => {
            let provider = family(model);
            let platform = (provider == Provider::Google).then_some(Platform::GoogleAiStudio);
            Some(ModelIdInfo { provider, platform })
        }
        ["tunedmodels", tuned] if !tuned.is_empty() => Some(ModelIdInfo {
            provider: Provider::Google,
            platform: Some(Platform::GoogleAiStudio),
        }),
        _ => None,
    }
}

/// Bedrock cross-region inference prefixes (`us.anthropic.claude-…`).
const BEDROCK_REGIONS: &[&str] = &["us", "us-gov", "eu", "apac", "global", "jp", "au", "ca"];

/// `[REGION.]anthropic.claude-…` / `[REGION.]openai.gpt-…`; `None` otherwise.
fn bedrock_vendor_id(id: &str) -> Option<Provider> {
    let unregioned = match id.split_once('.') {
        Some((region, rest)) if BEDROCK_REGIONS.contains(&region) => rest,
        _ => id,
    };
    let (vendor, model) = unregioned.split_once('.')?;
    let expected = match vendor {
        "anthropic" => Provider::Anthropic,
        "openai" => Provider::Openai,
        _ => return None,
    };
    (family(model) == expected).then_some(expected)
}

const OPENAI_PREFIXES: &[&str] = &[
    "gpt-",
    "chatgpt-",
    "omni-",
    "dall-e-",
    "whisper-",
    "tts-",
    "davinci-",
    "babbage-",
    "text-davinci-",
    "text-moderation-",
    "codex-",
];
const GOOGLE_PREFIXES: &[&str] = &[
    "gemini-",
    "gemma-",
    "imagen-",
    "veo-",
    "learnlm-",
    "textembedding-gecko",
    "text-multilingual-embedding-",
];
const ANTHROPIC_PREFIXES: &[&str] = &["claude-"];

/// The family of a bare model id (no prefixes).
fn family(id: &str) -> Provider {
    let has = |prefixes: &[&str]| {
        prefixes
            .iter()
            .any(|p| id.len() > p.len() && id.starts_with(p))
    };
    if let Some(rest) = id.strip_prefix("text-embedding-") {
        return text_embedding_family(rest);
    }
    if has(OPENAI_PREFIXES) || is_o_series(id) || exact_or_dashed(id, "computer-use-preview") {
        Provider::Openai
    } else if has(GOOGLE_PREFIXES) || id == "textembedding-gecko" {
        Provider::Google
    } else if has(ANTHROPIC_PREFIXES) {
        Provider::Anthropic
    } else {
        Provider::Unknown
    }
}

/// `text-embedding-004` / `-005` / `-preview-…` / `-large-exp-…` are Google's;
/// the rest (`-ada-002`, `-3-small`, …) OpenAI's.
fn text_embedding_family(rest: &str) -> Provider {
    let first = rest.split(['-', '@']).next().unwrap_or("");
    let google_numbered = first.len() == 3 && first.bytes().all(|b| b.is_ascii_digit());
    if rest.is_empty() {
        Provider::Unknown
    } else if google_numbered || rest.starts_with("preview-") || rest.starts_with("large-exp-") {
        Provider::Google
    } else {
        Provider::Openai
    }
}

/// `o1`, `o3`, `o4` alone or followed by `-…` (`o3-mini`, `o1-2024-12-17`).
fn is_o_series(id: &str) -> bool {
    let b = id.as_bytes();
    matches!(
        b,
        [b'o', b'1' | b'3' | b'4'] | [b'o', b'1' | b'3' | b'4', b'-', _, ..]
    )
}

fn exact_or_dashed(id: &str, name: &str) -> bool {
    id == name
        || id
            .strip_prefix(name)
            .is_some_and(|r| r.len() > 1 && r.starts_with('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_and_near_misses() {
        assert_eq!(detect_provider("o3"), Provider::Openai);
        assert_eq!(detect_provider("o365-foo"), Provider::Unknown);
        assert_eq!(detect_provider("o3-"), Provider::Unknown);
        assert_eq!(detect_provider("gpt-"), Provider::Unknown);
        assert_eq!(detect_provider("text-embedding-004"), Provider::Google);
        assert_eq!(detect_provider("text-embedding-3-small"), Provider::Openai);
    }

    #[test]
    fn platform_hints() {
        let hint = |id: &str| parse_model_id(id).platform;
        assert_eq!(hint("azure/gpt-4o"), Some(Platform::AzureOpenai));
        assert_eq!(
            hint("us.anthropic.claude-3-5-sonnet-20241022-v2:0"),
            Some(Platform::AwsBedrock)
        );
        assert_eq!(hint("claude-opus-4-1@20250805"), Some(Platform::VertexAi));
        assert_eq!(
            hint("models/gemini-2.0-flash"),
            Some(Platform::GoogleAiStudio)
        );
        assert_eq!(hint("gemini-2.0-flash"), None);
        assert_eq!(hint("gpt-4o"), None);
    }

    #[test]
    fn vendor_prefix_rules() {
        assert_eq!(detect_provider("openai/some-new-model"), Provider::Openai);
        assert_eq!(detect_provider("anthropic/gpt-4o"), Provider::Unknown);
        assert_eq!(detect_provider("azure/my-deployment"), Provider::Unknown);
        assert_eq!(detect_provider("openai/"), Provider::Unknown);
    }
}
