"""The quickstart runs and shows each module's answer."""

from __future__ import annotations

from quickstart import main


def test_quickstart() -> None:
    out = main()
    assert out["status"] == "failed" and out["violations"] == 0 and out["explained"]
    assert out["provider"] == "openai" and out["otel_provider"] == "openai"
    assert len(out["config_hash"]) == 64 and out["created"] == "created" and out["key"] == "run"
    assert out["pairs"] > 0 and out["result_ok"] is False and out["retry"] == "retry"
    assert out["log_ok"] is True and "hydraulic pumps" in out["context"].lower()
