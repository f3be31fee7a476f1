//! Which provider API a raw response body came from, by its shape.
//!
//! Rules, first match wins:
//! 1. Explicit tags: `object: "response"` → Responses; `object:
//!    "chat.completion"` → Chat Completions; `type: "message"` → Anthropic
//!    Messages. Any other string in `object` or `type` (`"chat.completion.chunk"`,
//!    `"list"`, `"error"`, …) means a body verity does not read: `None`.
//! 2. Structure, for bodies without tags (adapters often drop them):
//!    `output` array → Responses; `choices` array → Chat Completions (this
//!    includes Azure OpenAI bodies that hold only `prompt_filter_results`
//!    and `choices`); `candidates` array, or a `promptFeedback` object (a
//!    prompt blocked before any candidate) → Gemini `generateContent` (AI
//!    Studio and Vertex share the shape); `content` array plus a
//!    `stop_reason` key → Anthropic Messages.
//! 3. Anything else (including a top-level `error` object): `None`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The response formats verity understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Api {
    /// OpenAI Responses API (`object: "response"`, `output: [...]`).
    OpenaiResponses,
    /// OpenAI / Azure OpenAI Chat Completions (`object: "chat.completion"`, `choices`).
    OpenaiChat,
    /// Gemini `generateContent` (AI Studio or Vertex: `candidates`).
    Gemini,
    /// Anthropic Messages (`type: "message"`, `content: [...]`).
    AnthropicMessages,
}

impl Api {
    /// Stable snake_case name, e.g. `"openai_responses"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Api::OpenaiResponses => "openai_responses",
            Api::OpenaiChat => "openai_chat",
            Api::Gemini => "gemini",
            Api::AnthropicMessages => "anthropic_messages",
        }
    }

    /// Parses [`Api::as_str`] names back; `None` for anything else.
    pub fn from_name(name: &str) -> Option<Api> {
        [
            Api::OpenaiResponses,
            Api::OpenaiChat,
            Api::Gemini,
            Api::AnthropicMessages,
        ]
        .into_iter()
        .find(|a| a.as_str() == name)
    }
}

/// Detects the API from the body's shape; `None` when no known API matches.
pub fn detect_api(body: &Value) -> Option<Api> {
    let obj = body.as_object()?;
    match obj.get("object").and_then(Value::as_str) {
        Some("response") => return Some(Api::OpenaiResponses),
        Some("chat.completion") => return Some(Api::OpenaiChat),
        Some(_) => return None,
        None => {}
    }
    match obj.get("type").and_then(Value::as_str) {
        Some("message") => return Some(Api::AnthropicMessages),
        Some(_) => return None,
        None => {}
    }
    let is_array = |key: &str| obj.get(key).is_some_and(Value::is_array);
    if is_array("output") {
        Some(Api::OpenaiResponses)
    } else if is_array("choices") {
        Some(Api::OpenaiChat)
    } else if is_array("candidates") || obj.get("promptFeedback").is_some_and(Value::is_object) {
        Some(Api::Gemini)
    } else if is_array("content") && obj.contains_key("stop_reason") {
        Some(Api::AnthropicMessages)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn shapes() {
        let cases = [
            (
                json!({"object": "response", "output": []}),
                Some(Api::OpenaiResponses),
            ),
            (
                json!({"output": [], "status": "completed"}),
                Some(Api::OpenaiResponses),
            ),
            (
                json!({"object": "chat.completion", "choices": []}),
                Some(Api::OpenaiChat),
            ),
            (
                json!({"prompt_filter_results": [], "choices": [{}]}),
                Some(Api::OpenaiChat),
            ),
            (
                json!({"object": "chat.completion.chunk", "choices": []}),
                None,
            ),
            (
                json!({"candidates": [], "modelVersion": "gemini-2.0-flash"}),
                Some(Api::Gemini),
            ),
            (
                json!({"promptFeedback": {"blockReason": "SAFETY"}}),
                Some(Api::Gemini),
            ),
            (
                json!({"type": "message", "content": []}),
                Some(Api::AnthropicMessages),
            ),
            (
                json!({"content": [], "stop_reason": null}),
                Some(Api::AnthropicMessages),
            ),
            (
                json!({"type": "error", "error": {"type": "overloaded_error"}}),
                None,
            ),
            (json!({"error": {"code": 429}}), None),
            (json!({"object": "list", "data": []}), None),
            (json!({"content": []}), None),
            (json!([1, 2]), None),
            (json!({}), None),
        ];
        for (body, expected) in cases {
            assert_eq!(detect_api(&body), expected, "{body}");
        }
    }

    #[test]
    fn names_round_trip() {
        for api in [
            Api::OpenaiResponses,
            Api::OpenaiChat,
            Api::Gemini,
            Api::AnthropicMessages,
        ] {
            assert_eq!(Api::from_name(api.as_str()), Some(api));
        }
        assert_eq!(Api::from_name("chat"), None);
    }
}
