//! The dedup benches' input, shared by the criterion bench and the CPU-time example.

use serde_json::{json, Value};

/// A realistic template config; its canonical form is about 1 KB.
pub fn template_config() -> Value {
    json!({
        "org_id": "default",
        "workspace_id": "workspace-avea-001",
        "name": "AVEA Brand Analysis",
        "system_instructions": "You are a careful brand analyst. Be concise and accurate. \
            Cite the sources you used, prefer primary sources (the brand's own site, \
            regulatory filings, reputable press) and say so when information is missing \
            or uncertain. Answer in the language of the question.",
        "user_prompt_template": "What is {{brand_name}} known for in {{country}}? List its \
            main product lines, its positioning against competitors, and any notable news \
            from the last twelve months. Keep the answer under 300 words.",
        "country_set": ["CH", "US", "DE", "FR", "GB", "IT", "AT"],
        "model_id": "gpt-4o",
        "inference_params": {"temperature": 0.7, "max_tokens": 1000, "top_p": 0.95, "seed": 42},
        "tools": [{"type": "web_search", "search_context_size": "medium",
                   "user_location": {"type": "approximate", "country": "CH"}}],
        "response_format": {"type": "json_schema", "json_schema": {"name": "brand_answer",
            "schema": {"type": "object", "properties": {"answer": {"type": "string"},
            "sources": {"type": "array", "items": {"type": "string"}}}}}}
    })
}
