//! Which provider API a raw response body came from, by its shape.

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
}

/// Detects the API from the body's shape; `None` when no known API matches.
pub fn detect_api(body: &Value) -> Option<Api> {
    let obj = body.as_object()?;
    let object_tag = obj.get("object").and_then(Value::as_str);
    if object_tag == Some("response") || obj.get("output").is_some_and(Value::is_array) {
        return Some(Api::OpenaiResponses);
    }
    if object_tag == Some("chat.completion") || obj.get("choices").is_some_and(Value::is_array) {
        return Some(Api::OpenaiChat);
    }
    if obj.get("candidates").is_some_and(Value::is_array) {
        return Some(Api::Gemini);
    }
    if obj.get("type").and_then(Value::as_str) == Some("message")
        || (obj.get("content").is_some_and(Value::is_array) && obj.contains_key("stop_reason"))
    {
        return Some(Api::AnthropicMessages);
    }
    None
}
