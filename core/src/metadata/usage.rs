//! Token usage normalised across the four APIs.
//!
//! One meaning for every API (the OpenTelemetry GenAI one):
//! - `input_tokens`: every input token, cached ones included;
//! - `output_tokens`: every output token, reasoning/thinking included;
//! - `reasoning_tokens`: the reasoning part of `output_tokens`;
//! - `cached_input_tokens`: the cache-read part of `input_tokens`;
//! - `cache_creation_input_tokens`: the cache-write part of `input_tokens`
//!   (Anthropic only);
//! - `total_tokens`: the provider's total when it reports one, else
//!   `input_tokens + output_tokens` (when both are known).
//!
//! | field | Responses | Chat | Gemini `usageMetadata` | Anthropic `usage` |
//! |---|---|---|---|---|
//! | input | `input_tokens` | `prompt_tokens` | `promptTokenCount + toolUsePromptTokenCount` | `input_tokens + cache_read_input_tokens + cache_creation_input_tokens` |
//! | output | `output_tokens` | `completion_tokens` | `candidatesTokenCount + thoughtsTokenCount` | `output_tokens` |
//! | reasoning | `output_tokens_details.reasoning_tokens` | `completion_tokens_details.reasoning_tokens` | `thoughtsTokenCount` | — |
//! | cached | `input_tokens_details.cached_tokens` | `prompt_tokens_details.cached_tokens` | `cachedContentTokenCount` | `cache_read_input_tokens` |
//! | total | `total_tokens` | `total_tokens` | `totalTokenCount` | input + output |
//!
//! Anthropic's own `input_tokens` excludes cache reads and writes, so the
//! normalised `input_tokens` adds them back (the semantic conventions' rule);
//! the raw figure is `input_tokens - cached_input_tokens -
//! cache_creation_input_tokens`. Gemini's `candidatesTokenCount` excludes
//! thinking tokens, so they are added to `output_tokens`.

use super::fields::Obj;
use crate::error::Result;
use serde::{Deserialize, Serialize};

/// Normalised token usage; a count the body does not report is `null`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    input_tokens: Option<u64>,
    output_tokens: Option<u64>,
    reasoning_tokens: Option<u64>,
    cached_input_tokens: Option<u64>,
    cache_creation_input_tokens: Option<u64>,
    total_tokens: Option<u64>,
}

impl Usage {
    /// Every input token, cached ones included.
    pub fn input_tokens(&self) -> Option<u64> {
        self.input_tokens
    }
    /// Every output token, reasoning included.
    pub fn output_tokens(&self) -> Option<u64> {
        self.output_tokens
    }
    /// Reasoning/thinking tokens (part of `output_tokens`).
    pub fn reasoning_tokens(&self) -> Option<u64> {
        self.reasoning_tokens
    }
    /// Input tokens read from a prompt cache (part of `input_tokens`).
    pub fn cached_input_tokens(&self) -> Option<u64> {
        self.cached_input_tokens
    }
    /// Input tokens written to a prompt cache (Anthropic; part of `input_tokens`).
    pub fn cache_creation_input_tokens(&self) -> Option<u64> {
        self.cache_creation_input_tokens
    }
    /// The provider's total, else input + output.
    pub fn total_tokens(&self) -> Option<u64> {
        self.total_tokens
    }

    fn with_total(mut self, reported: Option<u64>) -> Self {
        self.total_tokens =
            reported.or_else(|| Some(self.input_tokens?.saturating_add(self.output_tokens?)));
        self
    }

    /// OpenAI Responses `usage`.
    pub(crate) fn from_responses(usage: &Obj<'_>) -> Result<Usage> {
        let cached = match usage.obj("input_tokens_details")? {
            Some(d) => d.count("cached_tokens")?,
            None => None,
        };
        let reasoning = match usage.obj("output_tokens_details")? {
            Some(d) => d.count("reasoning_tokens")?,
            None => None,
        };
        Ok(Usage {
            input_tokens: usage.count("input_tokens")?,
            output_tokens: usage.count("output_tokens")?,
            reasoning_tokens: reasoning,
            cached_input_tokens: cached,
            cache_creation_input_tokens: None,
            total_tokens: None,
        }
        .with_total(usage.count("total_tokens")?))
    }

    /// OpenAI / Azure OpenAI Chat Completions `usage`.
    pub(crate) fn from_chat(usage: &Obj<'_>) -> Result<Usage> {
        let cached = match usage.obj("prompt_tokens_details")? {
            Some(d) => d.count("cached_tokens")?,
            None => None,
        };
        let reasoning = match usage.obj("completion_tokens_details")? {
            Some(d) => d.count("reasoning_tokens")?,
            None => None,
        };
        Ok(Usage {
            input_tokens: usage.count("prompt_tokens")?,
            output_tokens: usage.count("completion_tokens")?,
            reasoning_tokens: reasoning,
            cached_input_tokens: cached,
            cache_creation_input_tokens: None,
            total_tokens: None,
        }
        .with_total(usage.count("total_tokens")?))
    }

    /// Gemini `usageMetadata` (AI Studio and Vertex).
    pub(crate) fn from_gemini(usage: &Obj<'_>) -> Result<Usage> {
        let prompt = usage.count("promptTokenCount")?;
        let tool_prompt = usage.count("toolUsePromptTokenCount")?;
        let candidates = usage.count("candidatesTokenCount")?;
        let thoughts = usage.count("thoughtsTokenCount")?;
        let input = match (prompt, tool_prompt) {
            (None, None) => None,
            (p, t) => Some(p.unwrap_or(0).saturating_add(t.unwrap_or(0))),
        };
        let output = match (candidates, thoughts) {
            (None, None) => None,
            (c, t) => Some(c.unwrap_or(0).saturating_add(t.unwrap_or(0))),
        };
        Ok(Usage {
            input_tokens: input,
            output_tokens: output,
            reasoning_tokens: thoughts,
            cached_input_tokens: usage.count("cachedContentTokenCount")?,
            cache_creation_input_tokens: None,
            total_tokens: None,
        }
        .with_total(usage.count("totalTokenCount")?))
    }

    /// Anthropic Messages `usage` (cache reads and writes added to input).
    pub(crate) fn from_anthropic(usage: &Obj<'_>) -> Result<Usage> {
        let raw_input = usage.count("input_tokens")?;
        let cache_read = usage.count("cache_read_input_tokens")?;
        let cache_creation = usage.count("cache_creation_input_tokens")?;
        let input = match (raw_input, cache_read, cache_creation) {
            (None, None, None) => None,
            (i, r, c) => Some(
                i.unwrap_or(0)
                    .saturating_add(r.unwrap_or(0))
                    .saturating_add(c.unwrap_or(0)),
            ),
        };
        Ok(Usage {
            input_tokens: input,
            output_tokens: usage.count("output_tokens")?,
            reasoning_tokens: None,
            cached_input_tokens: cache_read,
            cache_creation_input_tokens: cache_creation,
            total_tokens: None,
        }
        .with_total(None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: &serde_json::Value) -> Obj<'_> {
        Obj::new(v.as_object().unwrap(), "$.usage")
    }

    #[test]
    fn anthropic_input_includes_cache_reads_and_writes() {
        let v = json!({"input_tokens": 10, "cache_read_input_tokens": 1000,
                        "cache_creation_input_tokens": 200, "output_tokens": 50});
        let u = Usage::from_anthropic(&obj(&v)).unwrap();
        assert_eq!(u.input_tokens(), Some(1210));
        assert_eq!(u.cached_input_tokens(), Some(1000));
        assert_eq!(u.cache_creation_input_tokens(), Some(200));
        assert_eq!(u.total_tokens(), Some(1260));
        assert_eq!(u.reasoning_tokens(), None);
    }

    #[test]
    fn gemini_output_includes_thoughts_and_total_is_reported() {
        let v = json!({"promptTokenCount": 8, "candidatesTokenCount": 20, "thoughtsTokenCount": 100,
                        "toolUsePromptTokenCount": 30, "totalTokenCount": 158,
                        "cachedContentTokenCount": 4});
        let u = Usage::from_gemini(&obj(&v)).unwrap();
        assert_eq!(u.input_tokens(), Some(38));
        assert_eq!(u.output_tokens(), Some(120));
        assert_eq!(u.reasoning_tokens(), Some(100));
        assert_eq!(u.cached_input_tokens(), Some(4));
        assert_eq!(u.total_tokens(), Some(158));
    }

    #[test]
    fn total_computed_only_when_both_sides_known() {
        let v = json!({"prompt_tokens": 5});
        assert_eq!(Usage::from_chat(&obj(&v)).unwrap().total_tokens(), None);
        let v = json!({"prompt_tokens": 5, "completion_tokens": 7});
        assert_eq!(Usage::from_chat(&obj(&v)).unwrap().total_tokens(), Some(12));
    }

    #[test]
    fn nested_wrong_type_names_the_path() {
        let v = json!({"input_tokens_details": {"cached_tokens": "3"}});
        let e = Usage::from_responses(&obj(&v)).unwrap_err();
        assert_eq!(e.path(), "$.usage.input_tokens_details.cached_tokens");
    }
}
