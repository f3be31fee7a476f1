//! What one response body shows about its searches, before any verdict.
//!
//! Each API reader (`responses`, `chat`, `gemini`, `anthropic`) fills an
//! [`Evidence`]; the classifier turns it into an outcome. Keeping the
//! per-API reading separate from the decision keeps the truth table in one
//! place.

use std::collections::HashSet;

/// Everything the classifier needs from a body, API-independent.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Evidence {
    /// Searches that succeeded (the truth table's "successful").
    pub successful: u64,
    /// Searches attempted, successful or not (the truth table's "attempted").
    pub attempted: u64,
    /// Search queries issued (including those of failed searches), distinct, first-seen order.
    pub queries: Distinct,
    /// URLs from structured citations, distinct, in document order.
    pub cited_urls: Distinct,
    /// The answer text the user sees.
    pub answer_text: String,
    /// The provider reports stopping on its output budget.
    pub budget_starved: bool,
    /// Reasoning ("thinking") tokens, when the provider reports them.
    pub reasoning_tokens: Option<u64>,
    /// Output tokens including reasoning, for the caller's `max_output_tokens` check.
    pub output_tokens: Option<u64>,
    /// Sum and count of Gemini grounding-support confidence scores.
    pub confidence_sum: f64,
    /// Number of confidence scores seen.
    pub confidence_count: u64,
    /// The model named in the body (`model` or Gemini `modelVersion`).
    pub body_model: Option<String>,
}

impl Evidence {
    /// Records one search; `succeeded` says whether it counts as successful.
    pub fn search(&mut self, succeeded: bool) {
        self.attempted += 1;
        if succeeded {
            self.successful += 1;
        }
    }
}

/// A list of distinct strings in first-seen order. Short lists are
/// scanned; past [`Distinct::INDEX_FROM`] items a hash index keeps pushes
/// O(1) (long multi-search runs cite hundreds of near-identical URLs).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Distinct {
    items: Vec<String>,
    index: HashSet<String>,
}

impl Distinct {
    const INDEX_FROM: usize = 16;

    /// Adds `item` unless an equal string is already present.
    pub fn push(&mut self, item: &str) {
        if self.items.len() < Self::INDEX_FROM {
            if !self.items.iter().any(|seen| seen == item) {
                self.items.push(item.to_owned());
            }
            return;
        }
        if self.index.is_empty() {
            self.index.extend(self.items.iter().cloned());
        }
        if self.index.insert(item.to_owned()) {
            self.items.push(item.to_owned());
        }
    }

    /// The items, in first-seen order.
    pub fn into_vec(self) -> Vec<String> {
        self.items
    }
}

/// Whether a function/tool name is one of the caller's search tools.
pub(crate) fn is_search_tool(name: &str, search_tools: &[String]) -> bool {
    search_tools.iter().any(|tool| tool == name)
}

/// Queries in a tool call's JSON arguments (`{"query": "..."}` or
/// `{"queries": [...]}`). Arguments are model-written text: unparsable
/// arguments yield no queries rather than an error.
pub(crate) fn queries_from_arguments(arguments: &serde_json::Value, into: &mut Distinct) {
    let parsed;
    let value = match arguments {
        serde_json::Value::String(text) => match serde_json::from_str(text) {
            Ok(v) => {
                parsed = v;
                &parsed
            }
            Err(_) => return,
        },
        other => other,
    };
    if let Some(query) = value.get("query").and_then(serde_json::Value::as_str) {
        into.push(query);
    }
    if let Some(queries) = value.get("queries").and_then(serde_json::Value::as_array) {
        for query in queries.iter().filter_map(serde_json::Value::as_str) {
            into.push(query);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn distinct_keeps_first_seen_order() {
        let mut d = Distinct::default();
        for s in ["b", "a", "b", "c", "a"] {
            d.push(s);
        }
        assert_eq!(d.into_vec(), ["b", "a", "c"]);
        let mut long = Distinct::default();
        for i in (0..40).chain(0..40).chain([7, 39, 40]) {
            long.push(&format!("u{i}"));
        }
        let expected: Vec<String> = (0..=40).map(|i| format!("u{i}")).collect();
        assert_eq!(long.into_vec(), expected);
    }

    #[test]
    fn queries_come_from_string_or_object_arguments() {
        let mut d = Distinct::default();
        queries_from_arguments(&json!("{\"query\":\"vat ch\"}"), &mut d);
        queries_from_arguments(&json!({"queries": ["a", 3, "b"]}), &mut d);
        queries_from_arguments(&json!("{not json"), &mut d);
        assert_eq!(d.into_vec(), ["vat ch", "a", "b"]);
    }
}
