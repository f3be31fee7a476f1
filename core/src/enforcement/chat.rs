//! OpenAI Chat Completions bodies (`object: "chat.completion"`, `choices`).
//!
//! How searches count (the body itself never records a search call):
//! - **Search-preview models** (`gpt-4o-search-preview`,
//!   `gpt-4o-mini-search-preview`, `gpt-5-search-api`, …: a model id
//!   containing `search-preview` or `search-api`) search the web on every
//!   request by construction. Such a response counts as **one attempted
//!   search**; it is **successful** only when the message carries
//!   `url_citation` annotations (the only evidence the search returned
//!   anything used). `url_citation` annotations on any other model also count
//!   as one successful search: they cannot appear without a web search.
//! - **Function/tool calls** (`message.tool_calls[].function.name`, legacy
//!   `message.function_call.name`) count only when the caller names its
//!   search tool(s); each such call is one successful search (the model did
//!   call the tool; its execution happens in the host, outside this body).
//! - Answer text is the first choice's `message.content`; budget starvation
//!   is any choice with `finish_reason: "length"`.

use super::evidence::{is_search_tool, queries_from_arguments, Evidence};
use super::read::{field, object, opt_array, opt_object, opt_str, opt_u64, Loc, ROOT};
use crate::error::Result;
use serde_json::{Map, Value};

/// Whether `model` is a Chat Completions model that always searches.
pub(crate) fn is_search_preview_model(model: &str) -> bool {
    let lower = model.to_ascii_lowercase();
    lower.contains("search-preview") || lower.contains("search-api")
}

/// Reads a Chat Completions body; `model` is the caller's model id, used
/// when the body does not name one.
pub(crate) fn read(body: &Value, model: Option<&str>, search_tools: &[String]) -> Result<Evidence> {
    let root = object(body, &ROOT)?;
    let mut ev = Evidence {
        body_model: opt_str(root, "model", &ROOT)?.map(str::to_owned),
        ..Evidence::default()
    };
    let mut citation_seen = false;
    let choices_loc = ROOT.field("choices");
    for (i, choice) in opt_array(root, "choices", &ROOT)?.iter().enumerate() {
        let loc = choices_loc.index(i);
        let choice = object(choice, &loc)?;
        if opt_str(choice, "finish_reason", &loc)? == Some("length") {
            ev.budget_starved = true;
        }
        if let Some(message) = opt_object(choice, "message", &loc)? {
            let message_loc = loc.field("message");
            citation_seen |= read_message(message, &message_loc, i == 0, search_tools, &mut ev)?;
        }
    }
    let always_searches = ev
        .body_model
        .as_deref()
        .or(model)
        .is_some_and(is_search_preview_model);
    if citation_seen || always_searches {
        ev.search(citation_seen);
    }
    if let Some(usage) = opt_object(root, "usage", &ROOT)? {
        let usage_loc = ROOT.field("usage");
        ev.output_tokens = opt_u64(usage, "completion_tokens", &usage_loc)?;
        if let Some(details) = opt_object(usage, "completion_tokens_details", &usage_loc)? {
            let details_loc = usage_loc.field("completion_tokens_details");
            ev.reasoning_tokens = opt_u64(details, "reasoning_tokens", &details_loc)?;
        }
    }
    Ok(ev)
}

/// Reads one message; returns whether it carries a `url_citation`.
fn read_message(
    message: &Map<String, Value>,
    loc: &Loc<'_>,
    is_first_choice: bool,
    search_tools: &[String],
    ev: &mut Evidence,
) -> Result<bool> {
    if is_first_choice {
        read_content(message, loc, &mut ev.answer_text)?;
    }
    let mut citation_seen = false;
    let annotations_loc = loc.field("annotations");
    for (k, annotation) in opt_array(message, "annotations", loc)?.iter().enumerate() {
        let annotation_loc = annotations_loc.index(k);
        let annotation = object(annotation, &annotation_loc)?;
        if opt_str(annotation, "type", &annotation_loc)? != Some("url_citation") {
            continue;
        }
        citation_seen = true;
        if let Some(citation) = opt_object(annotation, "url_citation", &annotation_loc)? {
            let citation_loc = annotation_loc.field("url_citation");
            if let Some(url) = opt_str(citation, "url", &citation_loc)? {
                ev.cited_urls.push(url);
            }
        }
    }
    let calls_loc = loc.field("tool_calls");
    for (k, call) in opt_array(message, "tool_calls", loc)?.iter().enumerate() {
        let call_loc = calls_loc.index(k);
        let call = object(call, &call_loc)?;
        if let Some(function) = opt_object(call, "function", &call_loc)? {
            read_function(function, &call_loc.field("function"), search_tools, ev)?;
        }
    }
    if let Some(function) = opt_object(message, "function_call", loc)? {
        read_function(function, &loc.field("function_call"), search_tools, ev)?;
    }
    Ok(citation_seen)
}

/// Appends `content` (a string, or an array of `{type: "text", text}` parts).
fn read_content(message: &Map<String, Value>, loc: &Loc<'_>, into: &mut String) -> Result<()> {
    match field(message, "content") {
        None => Ok(()),
        Some(Value::String(text)) => {
            into.push_str(text);
            Ok(())
        }
        Some(Value::Array(parts)) => {
            let content_loc = loc.field("content");
            for (j, part) in parts.iter().enumerate() {
                let part_loc = content_loc.index(j);
                let part = object(part, &part_loc)?;
                if opt_str(part, "type", &part_loc)? == Some("text") {
                    if let Some(text) = opt_str(part, "text", &part_loc)? {
                        into.push_str(text);
                    }
                }
            }
            Ok(())
        }
        Some(other) => Err(loc
            .field("content")
            .wrong_type("a string or an array", other)),
    }
}

fn read_function(
    function: &Map<String, Value>,
    loc: &Loc<'_>,
    search_tools: &[String],
    ev: &mut Evidence,
) -> Result<()> {
    if let Some(name) = opt_str(function, "name", loc)? {
        if is_search_tool(name, search_tools) {
            ev.search(true);
            if let Some(arguments) = field(function, "arguments") {
                queries_from_arguments(arguments, &mut ev.queries);
            }
        }
    }
    Ok(())
}
