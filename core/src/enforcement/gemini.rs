//! Gemini `generateContent` bodies, AI Studio and Vertex AI (`candidates`).
//!
//! - `groundingMetadata.webSearchQueries` (per candidate) are the searches
//!   performed: each query is one successful search. A candidate with web
//!   grounding chunks but no reported queries counts one search (the chunks
//!   prove a search happened). Gemini reports no failed searches, so
//!   attempted equals successful.
//! - Grounding chunks (`web.uri`) and `citationMetadata` sources
//!   (`citationSources[].uri` on AI Studio, `citations[].uri` on Vertex) are
//!   the structured citations; `groundingSupports[].confidenceScores` feed
//!   `search_confidence`.
//! - A `functionCall` part naming one of the caller's search tools is one
//!   successful search.
//! - Answer text is the first candidate's text parts (thought parts
//!   excluded); budget starvation is any `finishReason: "MAX_TOKENS"`.

use super::evidence::{is_search_tool, queries_from_arguments, Evidence};
use super::read::{
    field, object, opt_array, opt_bool, opt_object, opt_str, opt_strings, opt_u64, Loc, ROOT,
};
use crate::error::Result;
use serde_json::{Map, Value};

/// Reads a Gemini body.
pub(crate) fn read(body: &Value, search_tools: &[String]) -> Result<Evidence> {
    let root = object(body, &ROOT)?;
    let mut ev = Evidence {
        body_model: opt_str(root, "modelVersion", &ROOT)?.map(str::to_owned),
        ..Evidence::default()
    };
    let candidates_loc = ROOT.field("candidates");
    for (i, candidate) in opt_array(root, "candidates", &ROOT)?.iter().enumerate() {
        let loc = candidates_loc.index(i);
        let candidate = object(candidate, &loc)?;
        if opt_str(candidate, "finishReason", &loc)? == Some("MAX_TOKENS") {
            ev.budget_starved = true;
        }
        if let Some(content) = opt_object(candidate, "content", &loc)? {
            read_parts(
                content,
                &loc.field("content"),
                i == 0,
                search_tools,
                &mut ev,
            )?;
        }
        if let Some(grounding) = opt_object(candidate, "groundingMetadata", &loc)? {
            read_grounding(grounding, &loc.field("groundingMetadata"), &mut ev)?;
        }
        if let Some(citations) = opt_object(candidate, "citationMetadata", &loc)? {
            let citations_loc = loc.field("citationMetadata");
            for key in ["citationSources", "citations"] {
                let list_loc = citations_loc.field(key);
                for (k, source) in opt_array(citations, key, &citations_loc)?
                    .iter()
                    .enumerate()
                {
                    let source_loc = list_loc.index(k);
                    let source = object(source, &source_loc)?;
                    if let Some(uri) = opt_str(source, "uri", &source_loc)? {
                        ev.cited_urls.push(uri);
                    }
                }
            }
        }
    }
    if let Some(usage) = opt_object(root, "usageMetadata", &ROOT)? {
        let usage_loc = ROOT.field("usageMetadata");
        ev.reasoning_tokens = opt_u64(usage, "thoughtsTokenCount", &usage_loc)?;
        let candidates = opt_u64(usage, "candidatesTokenCount", &usage_loc)?;
        ev.output_tokens = match (candidates, ev.reasoning_tokens) {
            (None, None) => None,
            (c, r) => Some(c.unwrap_or(0).saturating_add(r.unwrap_or(0))),
        };
    }
    Ok(ev)
}

fn read_parts(
    content: &Map<String, Value>,
    loc: &Loc<'_>,
    is_first_candidate: bool,
    search_tools: &[String],
    ev: &mut Evidence,
) -> Result<()> {
    let parts_loc = loc.field("parts");
    for (j, part) in opt_array(content, "parts", loc)?.iter().enumerate() {
        let part_loc = parts_loc.index(j);
        let part = object(part, &part_loc)?;
        let is_thought = opt_bool(part, "thought", &part_loc)? == Some(true);
        if let Some(text) = opt_str(part, "text", &part_loc)? {
            if is_first_candidate && !is_thought {
                ev.answer_text.push_str(text);
            }
        }
        if let Some(call) = opt_object(part, "functionCall", &part_loc)? {
            let call_loc = part_loc.field("functionCall");
            if let Some(name) = opt_str(call, "name", &call_loc)? {
                if is_search_tool(name, search_tools) {
                    ev.search(true);
                    if let Some(args) = field(call, "args") {
                        queries_from_arguments(args, &mut ev.queries);
                    }
                }
            }
        }
    }
    Ok(())
}

fn read_grounding(grounding: &Map<String, Value>, loc: &Loc<'_>, ev: &mut Evidence) -> Result<()> {
    let queries = opt_strings(grounding, "webSearchQueries", loc)?;
    for query in &queries {
        ev.queries.push(query);
    }
    let mut web_chunks = 0u64;
    let chunks_loc = loc.field("groundingChunks");
    for (k, chunk) in opt_array(grounding, "groundingChunks", loc)?
        .iter()
        .enumerate()
    {
        let chunk_loc = chunks_loc.index(k);
        let chunk = object(chunk, &chunk_loc)?;
        if let Some(web) = opt_object(chunk, "web", &chunk_loc)? {
            web_chunks += 1;
            if let Some(uri) = opt_str(web, "uri", &chunk_loc.field("web"))? {
                ev.cited_urls.push(uri);
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
    let supports_loc = loc.field("groundingSupports");
    for (k, support) in opt_array(grounding, "groundingSupports", loc)?
        .iter()
        .enumerate()
    {
        let support_loc = supports_loc.index(k);
        let support = object(support, &support_loc)?;
        let scores_loc = support_loc.field("confidenceScores");
        for (s, score) in opt_array(support, "confidenceScores", &support_loc)?
            .iter()
            .enumerate()
        {
            let value = score
                .as_f64()
                .filter(|v| (0.0..=1.0).contains(v))
                .ok_or_else(|| scores_loc.index(s).wrong_type("a number in [0, 1]", score))?;
            ev.confidence_sum += value;
            ev.confidence_count += 1;
        }
    }
    Ok(())
}
