//! Anthropic Messages bodies (`type: "message"`, `content: [...]`).
//!
//! - A `server_tool_use` block named `web_search` is an attempted search; it
//!   is successful when the `web_search_tool_result` with the same
//!   `tool_use_id` holds at least one `web_search_result`. An error result
//!   (`content.type: "web_search_tool_result_error"`), an empty result list
//!   or no result at all (the turn stopped first) is attempted only.
//! - A client `tool_use` block naming one of the caller's search tools is
//!   one successful search.
//! - `citations[].url` on text blocks are the structured citations; the
//!   answer is all text blocks concatenated; budget starvation is
//!   `stop_reason: "max_tokens"`. Anthropic does not report reasoning tokens
//!   separately, so `usage_reasoning_tokens` is always null.

use super::evidence::{is_search_tool, queries_from_arguments, Evidence};
use super::read::{field, object, opt_array, opt_object, opt_str, opt_u64, Loc, ROOT};
use crate::error::Result;
use serde_json::{Map, Value};

/// Reads an Anthropic Messages body.
pub(crate) fn read(body: &Value, search_tools: &[String]) -> Result<Evidence> {
    let root = object(body, &ROOT)?;
    let mut ev = Evidence {
        body_model: opt_str(root, "model", &ROOT)?.map(str::to_owned),
        ..Evidence::default()
    };
    let content_loc = ROOT.field("content");
    let blocks = opt_array(root, "content", &ROOT)?;
    // First pass: which search ids returned results. Ids are few; a list is enough.
    let mut with_results: Vec<&str> = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let loc = content_loc.index(i);
        let block = object(block, &loc)?;
        if opt_str(block, "type", &loc)? == Some("web_search_tool_result")
            && holds_results(block, &loc)?
        {
            if let Some(id) = opt_str(block, "tool_use_id", &loc)? {
                with_results.push(id);
            }
        }
    }
    let mut in_text_run = false;
    for (i, block) in blocks.iter().enumerate() {
        let loc = content_loc.index(i);
        let block = object(block, &loc)?;
        let kind = opt_str(block, "type", &loc)?;
        if kind == Some("text") && !in_text_run && !ev.answer_text.is_empty() {
            ev.answer_text.push_str("\n\n");
        }
        in_text_run = kind == Some("text");
        match kind {
            Some("server_tool_use") if opt_str(block, "name", &loc)? == Some("web_search") => {
                let id = opt_str(block, "id", &loc)?;
                ev.search(id.is_some_and(|id| with_results.contains(&id)));
                read_query(block, &mut ev);
            }
            Some("tool_use")
                if opt_str(block, "name", &loc)?
                    .is_some_and(|n| is_search_tool(n, search_tools)) =>
            {
                ev.search(true);
                read_query(block, &mut ev);
            }
            Some("text") => read_text(block, &loc, &mut ev)?,
            _ => {}
        }
    }
    ev.budget_starved = opt_str(root, "stop_reason", &ROOT)? == Some("max_tokens");
    if let Some(usage) = opt_object(root, "usage", &ROOT)? {
        ev.output_tokens = opt_u64(usage, "output_tokens", &ROOT.field("usage"))?;
    }
    Ok(ev)
}

/// Whether a `web_search_tool_result` block holds at least one result.
fn holds_results(block: &Map<String, Value>, loc: &Loc<'_>) -> Result<bool> {
    match field(block, "content") {
        Some(Value::Array(results)) => {
            let results_loc = loc.field("content");
            for (k, result) in results.iter().enumerate() {
                let result_loc = results_loc.index(k);
                let result = object(result, &result_loc)?;
                if opt_str(result, "type", &result_loc)? == Some("web_search_result") {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        // An error object (`web_search_tool_result_error`) or nothing: attempted only.
        Some(Value::Object(_)) | None => Ok(false),
        Some(other) => Err(loc
            .field("content")
            .wrong_type("an array or an object", other)),
    }
}

fn read_query(block: &Map<String, Value>, ev: &mut Evidence) {
    if let Some(input) = field(block, "input") {
        queries_from_arguments(input, &mut ev.queries);
    }
}

fn read_text(block: &Map<String, Value>, loc: &Loc<'_>, ev: &mut Evidence) -> Result<()> {
    if let Some(text) = opt_str(block, "text", loc)? {
        ev.answer_text.push_str(text);
    }
    let citations_loc = loc.field("citations");
    for (k, citation) in opt_array(block, "citations", loc)?.iter().enumerate() {
        let citation_loc = citations_loc.index(k);
        let citation = object(citation, &citation_loc)?;
        if let Some(url) = opt_str(citation, "url", &citation_loc)? {
            ev.cited_urls.push(url);
        }
    }
    Ok(())
}
