//! The bytes fast path: read the [`Evidence`] straight from the bytes into
//! borrowing typed views (`typed`), without building a `serde_json::Value`.
//!
//! It answers only for well-formed bodies the `Value` readers accept; on
//! anything else (syntax or type errors, unknown shapes, escapes or numbers
//! whose checking serde skips in ignored fields) it returns `None` and the
//! caller takes the `Value` path, which reports the error with its path.
//! Both paths produce the same `Evidence`, classified by the same code.

use super::evidence::{is_search_tool, queries_from_arguments, Evidence};
use super::prescan;
use super::typed::{
    is, items, Block, Candidate, ChatChoice, ChatMessage, Function, Grounding, Obj, RespItem,
    ResultContent, Root, TextOrParts,
};
use crate::metadata::Api;

/// The API and evidence of `body`, or `None` to take the `Value` path.
pub(crate) fn read(
    body: &[u8],
    api: Option<Api>,
    model: Option<&str>,
    search_tools: &[String],
) -> Option<(Api, Evidence)> {
    if !prescan::skipped_parts_are_plain(body) {
        return None;
    }
    // UTF-8 once for the whole body: serde does not check skipped strings.
    let text = std::str::from_utf8(body).ok()?;
    // `Obj`: a top-level array must not fill `Root` positionally.
    let Obj(root): Obj<Root<'_>> = serde_json::from_str(text).ok()?;
    let api = api.or_else(|| detect(&root))?;
    let evidence = match api {
        Api::OpenaiResponses => responses(&root, search_tools),
        Api::OpenaiChat => Some(chat(&root, model, search_tools)),
        Api::Gemini => gemini(&root, search_tools),
        Api::AnthropicMessages => Some(anthropic(&root, search_tools)),
    }?;
    Some((api, evidence))
}

/// The same decision as `metadata::detect_api`, on the typed root.
fn detect(root: &Root<'_>) -> Option<Api> {
    match root.object.as_ref().map(|s| &*s.0) {
        Some("response") => return Some(Api::OpenaiResponses),
        Some("chat.completion") => return Some(Api::OpenaiChat),
        Some(_) => return None,
        None => {}
    }
    match root.kind.as_ref().map(|s| &*s.0) {
        Some("message") => return Some(Api::AnthropicMessages),
        Some(_) => return None,
        None => {}
    }
    if root.output.is_some() {
        Some(Api::OpenaiResponses)
    } else if root.choices.is_some() {
        Some(Api::OpenaiChat)
    } else if root.candidates.is_some() || root.promptFeedback.is_some() {
        Some(Api::Gemini)
    } else if root.content.is_some() && root.stop_reason.is_some() {
        Some(Api::AnthropicMessages)
    } else {
        None
    }
}

fn body_model(model: &Option<super::typed::Str<'_>>) -> Option<String> {
    model.as_ref().map(|s| s.0.clone().into_owned())
}

/// Mirrors `responses::read`.
fn responses(root: &Root<'_>, search_tools: &[String]) -> Option<Evidence> {
    let mut ev = Evidence {
        body_model: body_model(&root.model),
        ..Evidence::default()
    };
    for item in items(&root.output) {
        match item.kind.as_ref().map(|s| &*s.0) {
            Some("web_search_call") => {
                ev.search(is(&item.status, "completed"));
                if let Some(action) = &item.action {
                    if let Some(query) = &action.0.query {
                        ev.queries.push(&query.0);
                    }
                    for query in action.0.queries.iter().flatten() {
                        ev.queries.push(&query.0);
                    }
                }
            }
            Some("function_call") => response_function_call(item, search_tools, &mut ev),
            Some("message") => response_message(item, &mut ev),
            _ => {}
        }
    }
    let reason = root.incomplete_details.as_ref().map(|d| &d.0.reason);
    ev.budget_starved =
        is(&root.status, "incomplete") && reason.is_some_and(|r| is(r, "max_output_tokens"));
    if let Some(usage) = &root.usage {
        ev.output_tokens = usage.0.output_tokens;
        if let Some(details) = &usage.0.output_tokens_details {
            ev.reasoning_tokens = details.0.reasoning_tokens;
        }
    }
    Some(ev)
}

fn response_function_call(item: &RespItem<'_>, search_tools: &[String], ev: &mut Evidence) {
    let Some(name) = &item.name else { return };
    if !is_search_tool(&name.0, search_tools) {
        return;
    }
    ev.search(item.status.is_none() || is(&item.status, "completed"));
    if let Some(arguments) = &item.arguments {
        queries_from_arguments(arguments, &mut ev.queries);
    }
}

fn response_message(item: &RespItem<'_>, ev: &mut Evidence) {
    let mut separated = ev.answer_text.is_empty();
    for part in items(&item.content) {
        if !is(&part.kind, "output_text") {
            continue;
        }
        if let Some(text) = &part.text {
            if !separated {
                ev.answer_text.push_str("\n\n");
                separated = true;
            }
            ev.answer_text.push_str(&text.0);
        }
        for annotation in items(&part.annotations) {
            if is(&annotation.kind, "url_citation") {
                if let Some(url) = &annotation.url {
                    ev.cited_urls.push(&url.0);
                }
            }
        }
    }
}

/// Mirrors `chat::read`.
fn chat(root: &Root<'_>, model: Option<&str>, search_tools: &[String]) -> Evidence {
    let mut ev = Evidence {
        body_model: body_model(&root.model),
        ..Evidence::default()
    };
    let mut citation_seen = false;
    for (i, choice) in items(&root.choices).enumerate() {
        citation_seen |= chat_choice(choice, i == 0, search_tools, &mut ev);
    }
    let always_searches = ev
        .body_model
        .as_deref()
        .or(model)
        .is_some_and(super::chat::is_search_preview_model);
    if citation_seen || always_searches {
        ev.search(citation_seen);
    }
    if let Some(usage) = &root.usage {
        ev.output_tokens = usage.0.completion_tokens;
        if let Some(details) = &usage.0.completion_tokens_details {
            ev.reasoning_tokens = details.0.reasoning_tokens;
        }
    }
    ev
}

fn chat_choice(
    choice: &ChatChoice<'_>,
    is_first: bool,
    search_tools: &[String],
    ev: &mut Evidence,
) -> bool {
    if is(&choice.finish_reason, "length") {
        ev.budget_starved = true;
    }
    let Some(message) = &choice.message else {
        return false;
    };
    let message: &ChatMessage<'_> = &message.0;
    if is_first {
        match &message.content {
            None => {}
            Some(TextOrParts::Text(text)) => ev.answer_text.push_str(&text.0),
            Some(TextOrParts::Parts(parts)) => {
                for part in parts.iter().map(|p| &p.0) {
                    if let (true, Some(text)) = (is(&part.kind, "text"), &part.text) {
                        ev.answer_text.push_str(&text.0);
                    }
                }
            }
        }
    }
    let mut citation_seen = false;
    for annotation in items(&message.annotations) {
        if !is(&annotation.kind, "url_citation") {
            continue;
        }
        citation_seen = true;
        if let Some(url) = annotation
            .url_citation
            .as_ref()
            .and_then(|c| c.0.url.as_ref())
        {
            ev.cited_urls.push(&url.0);
        }
    }
    for call in items(&message.tool_calls) {
        if let Some(function) = &call.function {
            chat_function(&function.0, search_tools, ev);
        }
    }
    if let Some(function) = &message.function_call {
        chat_function(&function.0, search_tools, ev);
    }
    citation_seen
}

fn chat_function(function: &Function<'_>, search_tools: &[String], ev: &mut Evidence) {
    if let Some(name) = &function.name {
        if is_search_tool(&name.0, search_tools) {
            ev.search(true);
            if let Some(arguments) = &function.arguments {
                queries_from_arguments(arguments, &mut ev.queries);
            }
        }
    }
}

/// Mirrors `gemini::read`; `None` for a confidence score outside [0, 1].
fn gemini(root: &Root<'_>, search_tools: &[String]) -> Option<Evidence> {
    let mut ev = Evidence {
        body_model: body_model(&root.modelVersion),
        ..Evidence::default()
    };
    for (i, candidate) in items(&root.candidates).enumerate() {
        gemini_candidate(candidate, i == 0, search_tools, &mut ev)?;
    }
    if let Some(usage) = &root.usageMetadata {
        ev.reasoning_tokens = usage.0.thoughtsTokenCount;
        ev.output_tokens = match (usage.0.candidatesTokenCount, ev.reasoning_tokens) {
            (None, None) => None,
            (c, r) => Some(c.unwrap_or(0).saturating_add(r.unwrap_or(0))),
        };
    }
    Some(ev)
}

fn gemini_candidate(
    candidate: &Candidate<'_>,
    is_first: bool,
    search_tools: &[String],
    ev: &mut Evidence,
) -> Option<()> {
    if is(&candidate.finishReason, "MAX_TOKENS") {
        ev.budget_starved = true;
    }
    let parts = candidate.content.as_ref().map(|c| &c.0.parts);
    for part in parts.into_iter().flat_map(items) {
        if let Some(text) = &part.text {
            if is_first && part.thought != Some(true) {
                ev.answer_text.push_str(&text.0);
            }
        }
        let call = part.functionCall.as_ref().map(|c| &c.0);
        if let Some((call, name)) = call.and_then(|c| Some((c, c.name.as_ref()?))) {
            if is_search_tool(&name.0, search_tools) {
                ev.search(true);
                if let Some(args) = &call.args {
                    queries_from_arguments(args, &mut ev.queries);
                }
            }
        }
    }
    if let Some(grounding) = &candidate.groundingMetadata {
        gemini_grounding(&grounding.0, ev)?;
    }
    if let Some(citations) = &candidate.citationMetadata {
        let lists = [&citations.0.citationSources, &citations.0.citations];
        for source in lists.into_iter().flat_map(items) {
            if let Some(uri) = &source.uri {
                ev.cited_urls.push(&uri.0);
            }
        }
    }
    Some(())
}

fn gemini_grounding(grounding: &Grounding<'_>, ev: &mut Evidence) -> Option<()> {
    let queries = grounding.webSearchQueries.as_deref().unwrap_or_default();
    for query in queries {
        ev.queries.push(&query.0);
    }
    let mut web_chunks = 0u64;
    for chunk in items(&grounding.groundingChunks) {
        if let Some(web) = &chunk.web {
            web_chunks += 1;
            if let Some(uri) = &web.0.uri {
                ev.cited_urls.push(&uri.0);
            }
        }
    }
    let searches = if queries.is_empty() {
        u64::from(web_chunks > 0)
    } else {
        queries.len() as u64
    };
    for _ in 0..searches {
        ev.search(true);
    }
    for support in items(&grounding.groundingSupports) {
        for &score in support.confidenceScores.iter().flatten() {
            if !(0.0..=1.0).contains(&score) {
                return None;
            }
            ev.confidence_sum += score;
            ev.confidence_count += 1;
        }
    }
    Some(())
}

/// Mirrors `anthropic::read`.
fn anthropic(root: &Root<'_>, search_tools: &[String]) -> Evidence {
    let mut ev = Evidence {
        body_model: body_model(&root.model),
        ..Evidence::default()
    };
    let with_results: Vec<&str> = items(&root.content)
        .filter(|b| is(&b.kind, "web_search_tool_result") && holds_results(b))
        .filter_map(|b| b.tool_use_id.as_ref().map(|id| &*id.0))
        .collect();
    let mut in_text_run = false;
    for block in items(&root.content) {
        let kind = block.kind.as_ref().map(|s| &*s.0);
        if kind == Some("text") && !in_text_run && !ev.answer_text.is_empty() {
            ev.answer_text.push_str("\n\n");
        }
        in_text_run = kind == Some("text");
        match kind {
            Some("server_tool_use") if is(&block.name, "web_search") => {
                let id = block.id.as_ref().map(|s| &*s.0);
                ev.search(id.is_some_and(|id| with_results.contains(&id)));
                anthropic_query(block, &mut ev);
            }
            Some("tool_use")
                if block
                    .name
                    .as_ref()
                    .is_some_and(|n| is_search_tool(&n.0, search_tools)) =>
            {
                ev.search(true);
                anthropic_query(block, &mut ev);
            }
            Some("text") => {
                if let Some(text) = &block.text {
                    ev.answer_text.push_str(&text.0);
                }
                for citation in items(&block.citations) {
                    if let Some(url) = &citation.url {
                        ev.cited_urls.push(&url.0);
                    }
                }
            }
            _ => {}
        }
    }
    ev.budget_starved = matches!(&root.stop_reason, Some(Some(r)) if r == "max_tokens");
    if let Some(usage) = &root.usage {
        ev.output_tokens = usage.0.output_tokens;
    }
    ev
}

fn holds_results(block: &Block<'_>) -> bool {
    match &block.content {
        Some(ResultContent::List(results)) => {
            results.iter().any(|r| is(&r.0.kind, "web_search_result"))
        }
        Some(ResultContent::Object) | None => false,
    }
}

fn anthropic_query(block: &Block<'_>, ev: &mut Evidence) {
    if let Some(input) = &block.input {
        queries_from_arguments(input, &mut ev.queries);
    }
}
