//! OpenAI Responses API bodies (`object: "response"`, `output: [...]`).
//!
//! - every `web_search_call` item is an attempted search; only `status:
//!   "completed"` is successful (`failed`, `in_progress`, `searching`, and
//!   non-standard values such as `error` or `ok` are attempted only);
//! - a `function_call` item whose `name` is one of the caller's search tools
//!   is a search, successful unless its `status` says otherwise;
//! - `url_citation` annotations on `output_text` parts are citations; the
//!   answer is the `output_text` parts concatenated (as the SDK's
//!   `output_text`), with a blank line between separate message items;
//! - budget starvation is `status: "incomplete"` with
//!   `incomplete_details.reason: "max_output_tokens"`.

use super::evidence::{is_search_tool, queries_from_arguments, Evidence};
use super::read::{field, object, opt_array, opt_object, opt_str, opt_strings, opt_u64, Loc, ROOT};
use crate::error::Result;
use serde_json::{Map, Value};

/// Reads a Responses API body.
pub(crate) fn read(body: &Value, search_tools: &[String]) -> Result<Evidence> {
    let root = object(body, &ROOT)?;
    let mut ev = Evidence {
        body_model: opt_str(root, "model", &ROOT)?.map(str::to_owned),
        ..Evidence::default()
    };
    let output_loc = ROOT.field("output");
    for (i, item) in opt_array(root, "output", &ROOT)?.iter().enumerate() {
        let loc = output_loc.index(i);
        let item = object(item, &loc)?;
        match opt_str(item, "type", &loc)? {
            Some("web_search_call") => read_web_search_call(item, &loc, &mut ev)?,
            Some("function_call") => read_function_call(item, &loc, search_tools, &mut ev)?,
            Some("message") => read_message(item, &loc, &mut ev)?,
            _ => {}
        }
    }
    let incomplete_reason = match opt_object(root, "incomplete_details", &ROOT)? {
        Some(details) => opt_str(details, "reason", &ROOT.field("incomplete_details"))?,
        None => None,
    };
    ev.budget_starved = opt_str(root, "status", &ROOT)? == Some("incomplete")
        && incomplete_reason == Some("max_output_tokens");
    if let Some(usage) = opt_object(root, "usage", &ROOT)? {
        let usage_loc = ROOT.field("usage");
        ev.output_tokens = opt_u64(usage, "output_tokens", &usage_loc)?;
        if let Some(details) = opt_object(usage, "output_tokens_details", &usage_loc)? {
            let details_loc = usage_loc.field("output_tokens_details");
            ev.reasoning_tokens = opt_u64(details, "reasoning_tokens", &details_loc)?;
        }
    }
    Ok(ev)
}

fn read_web_search_call(item: &Map<String, Value>, loc: &Loc<'_>, ev: &mut Evidence) -> Result<()> {
    let status = opt_str(item, "status", loc)?;
    ev.search(status == Some("completed"));
    if let Some(action) = opt_object(item, "action", loc)? {
        let action_loc = loc.field("action");
        if let Some(query) = opt_str(action, "query", &action_loc)? {
            ev.queries.push(query);
        }
        for query in opt_strings(action, "queries", &action_loc)? {
            ev.queries.push(query);
        }
    }
    Ok(())
}

fn read_function_call(
    item: &Map<String, Value>,
    loc: &Loc<'_>,
    search_tools: &[String],
    ev: &mut Evidence,
) -> Result<()> {
    let Some(name) = opt_str(item, "name", loc)? else {
        return Ok(());
    };
    if !is_search_tool(name, search_tools) {
        return Ok(());
    }
    let status = opt_str(item, "status", loc)?;
    ev.search(matches!(status, None | Some("completed")));
    if let Some(arguments) = field(item, "arguments") {
        queries_from_arguments(arguments, &mut ev.queries);
    }
    Ok(())
}

fn read_message(item: &Map<String, Value>, loc: &Loc<'_>, ev: &mut Evidence) -> Result<()> {
    let content_loc = loc.field("content");
    let mut separated = ev.answer_text.is_empty();
    for (j, part) in opt_array(item, "content", loc)?.iter().enumerate() {
        let part_loc = content_loc.index(j);
        let part = object(part, &part_loc)?;
        if opt_str(part, "type", &part_loc)? != Some("output_text") {
            continue;
        }
        if let Some(text) = opt_str(part, "text", &part_loc)? {
            if !separated {
                ev.answer_text.push_str("\n\n");
                separated = true;
            }
            ev.answer_text.push_str(text);
        }
        let annotations_loc = part_loc.field("annotations");
        for (k, annotation) in opt_array(part, "annotations", &part_loc)?
            .iter()
            .enumerate()
        {
            let annotation_loc = annotations_loc.index(k);
            let annotation = object(annotation, &annotation_loc)?;
            if opt_str(annotation, "type", &annotation_loc)? == Some("url_citation") {
                if let Some(url) = opt_str(annotation, "url", &annotation_loc)? {
                    ev.cited_urls.push(url);
                }
            }
        }
    }
    Ok(())
}
