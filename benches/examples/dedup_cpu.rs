//! CPU time per call of `template_config_hash` / `normalize_template_config`
//! on the bench's ~1 KB template config, for a loaded shared machine where
//! criterion's wall-clock medians are inflated by other processes:
//!
//! `cargo build --release -p verity-benches --example dedup_cpu &&
//!  /usr/bin/time -f '%U s user' target/release/examples/dedup_cpu hash 400000`
//!
//! (`bytes` instead of `hash`: from the compact JSON text, strict parse
//! included.) Divide the user time by the iteration count (setup is negligible).

use serde_json::{json, Value};
use std::hint::black_box;
use verity::dedup::{
    normalize_template_config, template_config_hash, template_config_hash_from_bytes,
};

fn template_config() -> Value {
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

fn main() {
    let mut args = std::env::args().skip(1);
    let op = args.next().unwrap_or_else(|| "hash".to_owned());
    let iterations: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(200_000);
    let config = template_config();
    let text = serde_json::to_vec(&config).unwrap_or_default();
    let mut sink = 0usize;
    for _ in 0..iterations {
        sink += match op.as_str() {
            "normalize" => normalize_template_config(black_box(&config))
                .map(|v| v.as_object().map_or(0, |m| m.len()))
                .unwrap_or(0),
            "bytes" => template_config_hash_from_bytes(black_box(&text))
                .map(|h| h.canonical().len())
                .unwrap_or(0),
            _ => template_config_hash(black_box(&config))
                .map(|h| h.canonical().len())
                .unwrap_or(0),
        };
    }
    println!("{op}: {iterations} calls, checksum {sink}");
}
