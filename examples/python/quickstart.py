"""verity from Python, one call per module (run: python examples/python/quickstart.py).

Type-checked with ``mypy --strict`` by bindings-python/scripts/test.sh, so it
also proves the package's type information is usable.
"""

from __future__ import annotations

import datetime
import json
import os
import pathlib
from typing import Any

import verity

REPO = pathlib.Path(__file__).resolve().parents[2]


def main() -> dict[str, Any]:
    body = (REPO / "tests/fixtures/responses/openai_responses/web_search_failed.json").read_bytes()

    # enforcement: raw bytes in, immutable outcome out.
    outcome: verity.Outcome = verity.classify(body, "REQUIRED")
    violations = verity.check_run_invariants(outcome)
    explanation = verity.explain_failure(outcome)

    # metadata
    meta: verity.ResponseMetadata = verity.extract_metadata(body)
    otel = verity.otel_attributes(body, model="gpt-5")

    # dedup
    template = {"user_prompt_template": "Best {x} in {country}?", "model_id": "gpt-4o", "country_set": ["ch"]}
    config_hash: verity.TemplateConfigHash = verity.template_config_hash(template)
    index = verity.DedupIndex()
    created = index.create("org", "ws", "tpl-1", template)
    key = verity.run_idempotency_key(
        "org", "ws", "tpl-1", "v1", "CH", datetime.datetime.now(datetime.timezone.utc)
    )

    # pairing
    config = verity.PairingConfig.from_env(os.environ)
    pairing: verity.PairingResult = verity.pair((REPO / "tests/golden/analysis.json").read_bytes(), config)

    # outcome
    result = verity.ExecutionResult.failure("rate_limited", "429 from provider", retryable=True)
    failure = verity.classify_failure({"http_status": 429, "retry_after": "2"})
    decision = verity.decide_retry("celery_default", 0, failure, 0.42)

    # auditlog
    first = verity.append_log_entry(None, {"timestamp": "2026-11-21T10:00:00Z", "subsystem": "api", "event": "run.started"})
    report: verity.VerifyReport = verity.verify_log([first])

    # conversation
    catalog = verity.Catalog(json.loads((REPO / "tests/fixtures/conversation/parts_catalog.json").read_text()))
    state: verity.ConversationState = verity.update_conversation(
        None, {"role": "user", "text": "Do you have hydraulic pumps?"}, catalog
    )

    return {
        "status": outcome.status,
        "violations": len(violations),
        "explained": explanation is not None,
        "provider": meta.provider,
        "otel_provider": otel.get("gen_ai.provider.name"),
        "config_hash": config_hash.config_hash,
        "created": created["status"],
        "key": key.split(":")[0],
        "pairs": len(pairing.pairs),
        "result_ok": result.ok,
        "retry": decision["action"],
        "log_ok": report.ok,
        "context": verity.render_context(state),
    }


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
