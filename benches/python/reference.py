"""Idiomatic pure-Python implementations the benchmark compares verity with.

They follow the same rules as the Rust core (spec sections "enforcement",
"dedup", "pairing") closely enough to do the same work; they are not used by
verity itself.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from typing import Any, Optional

# --- template config hash ----------------------------------------------------


def config_hash_json_dumps(cfg: dict[str, Any]) -> str:
    """What most services do: sorted-keys json.dumps, SHA-256 (not RFC 8785)."""
    return hashlib.sha256(json.dumps(cfg, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def config_hash_rfc8785(cfg: dict[str, Any]) -> str:
    import rfc8785

    return hashlib.sha256(rfc8785.dumps(cfg)).hexdigest()


# --- grounding enforcement ---------------------------------------------------

URL_RE = re.compile(r"https?://[^\s<>\"')\]]+")
SOFT_PREFIXES = ("gpt-5", "gemini")


def _answer_urls(text: str) -> list[str]:
    return [u.rstrip(".,;:!?") for u in URL_RE.findall(text)]


def classify_py(body: bytes, mode: str) -> dict[str, Any]:
    """json.loads + the enforcement rules, for the four provider shapes."""
    resp = json.loads(body)
    successful = attempted = 0
    queries: list[str] = []
    urls: list[str] = []
    texts: list[str] = []
    budget_starved = False
    model = resp.get("model") or resp.get("modelVersion")
    if resp.get("object") == "response" or isinstance(resp.get("output"), list):
        provider = "openai"
        for item in resp.get("output", []):
            kind = item.get("type")
            if kind == "web_search_call":
                attempted += 1
                if item.get("status") == "completed":
                    successful += 1
                query = (item.get("action") or {}).get("query")
                if query:
                    queries.append(query)
            elif kind == "message":
                for part in item.get("content", []):
                    if part.get("type") == "output_text":
                        texts.append(part.get("text", ""))
                        for ann in part.get("annotations", []):
                            if ann.get("type") == "url_citation" and ann.get("url"):
                                urls.append(ann["url"])
        details = resp.get("incomplete_details") or {}
        budget_starved = resp.get("status") == "incomplete" and details.get("reason") == "max_output_tokens"
    elif isinstance(resp.get("choices"), list):
        provider = "openai"
        search_model = "search-preview" in (model or "")
        for choice in resp["choices"]:
            msg = choice.get("message") or {}
            texts.append(msg.get("content") or "")
            for ann in msg.get("annotations") or []:
                if ann.get("type") == "url_citation":
                    urls.append((ann.get("url_citation") or {}).get("url", ""))
            budget_starved |= choice.get("finish_reason") == "length"
        if search_model:
            attempted = successful = 1
    elif isinstance(resp.get("candidates"), list):
        provider = "google"
        for cand in resp["candidates"]:
            meta = cand.get("groundingMetadata") or {}
            for q in meta.get("webSearchQueries") or []:
                attempted += 1
                successful += 1
                queries.append(q)
            for chunk in meta.get("groundingChunks") or []:
                uri = (chunk.get("web") or {}).get("uri")
                if uri:
                    urls.append(uri)
            for part in (cand.get("content") or {}).get("parts") or []:
                if "text" in part:
                    texts.append(part["text"])
            budget_starved |= cand.get("finishReason") == "MAX_TOKENS"
    else:
        provider = "anthropic"
        results: dict[str, bool] = {}
        for block in resp.get("content", []):
            if block.get("type") == "web_search_tool_result":
                content = block.get("content")
                ok = isinstance(content, list) and len(content) > 0
                results[block.get("tool_use_id", "")] = ok
                if isinstance(content, list):
                    urls.extend(r.get("url", "") for r in content if r.get("url"))
        for block in resp.get("content", []):
            if block.get("type") == "server_tool_use" and block.get("name") == "web_search":
                attempted += 1
                successful += results.get(block.get("id", ""), False)
                q = (block.get("input") or {}).get("query")
                if q:
                    queries.append(q)
            elif block.get("type") == "text":
                texts.append(block.get("text", ""))
                for c in block.get("citations") or []:
                    if c.get("url"):
                        urls.append(c["url"])
        budget_starved = resp.get("stop_reason") == "max_tokens"
    answer = "".join(texts)
    urls.extend(_answer_urls(answer))
    distinct = list(dict.fromkeys(u for u in urls if u))
    enforcement_mode = "soft" if (model or "").startswith(SOFT_PREFIXES) else "hard"
    error_code: Optional[str] = None
    if mode == "REQUIRED" and successful == 0:
        error_code = "no_tool_call_in_soft_required" if enforcement_mode == "soft" else "no_tool_call_in_required"
    elif mode == "UNGROUNDED" and attempted > 0:
        error_code = "tool_used_in_ungrounded"
    return {
        "requested_mode": mode,
        "enforcement_mode": enforcement_mode,
        "provider": provider,
        "model": model,
        "tool_call_count": successful,
        "attempted_tool_call_count": attempted,
        "grounded_effective": successful > 0,
        "status": "failed" if error_code else "ok",
        "enforcement_passed": error_code is None,
        "error_code": error_code,
        "budget_starved": budget_starved,
        "search_queries": queries,
        "citation_urls": distinct,
        "citations_count": len(distinct),
        "answer_text": answer,
        "retryable": error_code is not None and budget_starved,
    }


# --- pairing -----------------------------------------------------------------


def _sim(a: Optional[str], b: Optional[str]) -> float:
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio()


def _score(front: dict[str, Any], back: dict[str, Any]) -> float:
    score = 0.0
    score += 1.5 * _sim(front.get("brand"), back.get("brand"))
    score += 1.0 * _sim(front.get("product_name"), back.get("product_name"))
    score += 0.5 * _sim(front.get("variant"), back.get("variant"))
    score += 0.5 * (front.get("net_content") == back.get("net_content") is not None)
    score += 0.3 * (front.get("category") == back.get("category") is not None)
    score += 0.3 * (front.get("packaging") == back.get("packaging") is not None)
    shared = set(front.get("colors") or []) & set(back.get("colors") or [])
    score += 0.2 * len(shared)
    fs, bs = front.get("sequence"), back.get("sequence")
    if isinstance(fs, int) and isinstance(bs, int):
        score += 0.5 / (1 + abs(fs - bs))
    score += 0.2 * _sim((front.get("text") or "")[:200], (back.get("text") or "")[:200])
    return score


SEQUENCE_WINDOW = 50
NO_PAIR = -1e9


def _candidate(front: dict[str, Any], back: dict[str, Any]) -> bool:
    """Blocking as a real implementation would: known brands must agree and
    photos of one product are taken close together (capture sequence)."""
    fb, bb = front.get("brand"), back.get("brand")
    if fb and bb and fb.lower() != bb.lower():
        return False
    fs, bs = front.get("sequence"), back.get("sequence")
    return not (isinstance(fs, int) and isinstance(bs, int) and abs(fs - bs) > SEQUENCE_WINDOW)


def pair_py(analysis: dict[str, Any], threshold: float = 2.2) -> dict[str, Any]:
    """Score front×back candidates with difflib, then scipy's optimal assignment."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    images = analysis["images"] if isinstance(analysis, dict) else analysis
    fronts = [i for i in images if i.get("view") == "front"]
    backs = [i for i in images if i.get("view") == "back"]
    weights = np.full((len(fronts), len(backs)), NO_PAIR)
    for r, f in enumerate(fronts):
        for c, b in enumerate(backs):
            if _candidate(f, b):
                weights[r, c] = _score(f, b)
    rows, cols = linear_sum_assignment(weights, maximize=True) if weights.size else ([], [])
    pairs = []
    used: set[str] = set()
    for r, c in zip(rows, cols):
        if weights[r, c] >= threshold:
            pairs.append({"front": fronts[r]["id"], "back": backs[c]["id"], "score": round(float(weights[r, c]), 4)})
            used.update((fronts[r]["id"], backs[c]["id"]))
    singletons = [{"id": i["id"], "view": i.get("view"), "reason": "unmatched"} for i in images if i["id"] not in used]
    return {"pairs": pairs, "singletons": singletons}
