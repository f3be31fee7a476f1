"""auditlog bindings: append, verify (tamper detection), GIL release."""

from __future__ import annotations

import json
from typing import Any

import pytest

import verity

from concurrency import assert_runs_in_parallel


def events(n: int, start: int = 0) -> list[dict[str, Any]]:
    return [
        {
            "timestamp": f"2026-11-21T{10 + (i // 3600) % 10:02d}:{(i // 60) % 60:02d}:{i % 60:02d}Z",
            "subsystem": "worker" if i % 2 else "scheduler",
            "event": "action.failed" if i % 7 == 0 else "action.completed",
            "payload": {"i": i},
        }
        for i in range(start, start + n)
    ]


def chain(n: int) -> list[dict[str, Any]]:
    return verity.append_log_entries(None, events(n))


def test_append_matches_one_by_one_and_verifies() -> None:
    evs = events(5)
    one_by_one: list[dict[str, Any]] = []
    previous = None
    for ev in evs:
        previous = verity.append_log_entry(previous, ev)
        one_by_one.append(previous)
    assert one_by_one == verity.append_log_entries(None, evs)
    assert one_by_one[0]["prev_hash"] == "0" * 64
    report = verity.verify_log(one_by_one)
    assert report.ok and report.entries == 5 and report.problems == ()
    jsonl = "\n".join(json.dumps(e) for e in one_by_one) + "\n"
    assert verity.verify_log(jsonl).to_dict() == report.to_dict()
    assert verity.verify_log(jsonl.encode()).ok
    assert verity.verify_log([json.dumps(e) for e in one_by_one]).ok


def test_tampering_is_found_and_located() -> None:
    entries = chain(6)
    entries[3] = dict(entries[3], payload={"i": 999})
    report = verity.verify_log(entries)
    assert not report.ok
    assert report.problems[0]["kind"] == "hash_mismatch" and report.problems[0]["seq"] == 3
    del entries[4]
    assert "sequence_gap" in verity.verify_log(entries).problem_counts


def test_staleness_needs_now_and_options() -> None:
    entries = chain(3)
    report = verity.verify_log(entries, "2026-11-22T10:00:00Z", options={"stale_after_seconds": 3600})
    assert report.problem_counts.get("stale_log") == 1
    assert report.subsystems["worker"]["entries"] >= 1
    with pytest.raises(verity.ConfigError):
        verity.verify_log(entries, options={"bogus": 1})
    with pytest.raises(verity.InvalidInputError) as info:
        verity.verify_log(entries, "yesterday")
    assert info.value.path == "$.now"


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (lambda: verity.append_log_entry(None, {"timestamp": "2026-11-21T10:00:00Z", "subsystem": "", "event": "x"}), "$.event.subsystem"),
        (lambda: verity.append_log_entry(None, {"timestamp": "yesterday", "subsystem": "s", "event": "x"}), "$.event.timestamp"),
        (lambda: verity.append_log_entry(None, {"subsystem": "s", "event": "x"}), "$.event.timestamp"),
        (lambda: verity.append_log_entry({"seq": "x"}, events(1)[0]), None),
        (lambda: verity.append_log_entries(None, [events(1)[0], {"timestamp": "2026-11-21T10:00:00Z", "subsystem": "s", "event": ""}]), "$.events[1].event"),
        (lambda: verity.verify_log(5), "$.entries"),
        (lambda: verity.is_failure_event(5), "$.event"),
    ],
)
def test_bad_input(call: Any, path: str) -> None:
    with pytest.raises(verity.VerityError) as info:
        call()
    if path is not None:
        assert info.value.path == path
    else:
        assert info.value.path.startswith("$.previous")


def test_malformed_lines_are_findings_not_exceptions() -> None:
    report = verity.verify_log(["{not json", json.dumps(chain(1)[0])])
    assert report.problem_counts.get("malformed_entry") == 1


def test_is_failure_event() -> None:
    assert verity.is_failure_event("action.failed") is True
    assert verity.is_failure_event("action.completed", {"ok": True}) is False


def test_log_verification_releases_the_gil() -> None:
    base = chain(2000)

    def make(scale: int) -> Any:
        entries = base * scale  # repeated chains: many problems, same work per entry
        return lambda: verity.verify_log(entries, options={"max_problems": 10})

    assert_runs_in_parallel(make)


def test_streaming_verifier_matches_verify_log(tmp_path: Any) -> None:
    entries = chain(50)
    path = tmp_path / "log.jsonl"
    path.write_text("".join(json.dumps(e) + "\n" for e in entries))
    verifier = verity.LogVerifier(stale_after_seconds=60)
    with path.open("rb") as f:
        verifier.push(f.readline())
        verifier.push_lines(f)
    streamed = verifier.finish("2026-11-22T00:00:00Z")
    whole = verity.verify_log(path.read_bytes(), "2026-11-22T00:00:00Z", stale_after_seconds=60)
    assert streamed == whole.to_dict()
    assert streamed["entries"] == 50 and streamed["problem_counts"] == {"stale_log": 1}
    with pytest.raises(verity.InvalidInputError):
        verifier.push(json.dumps(entries[0]))
    with pytest.raises(verity.InvalidInputError):
        verifier.finish()
    with pytest.raises(verity.ConfigError) as info:
        verity.LogVerifier(stale_after=5)
    assert info.value.path == "$.stale_after"


def test_streaming_verifier_is_thread_safe() -> None:
    import threading

    entries = [json.dumps(e) for e in chain(400)]
    verifier = verity.LogVerifier()
    # Interleaved pushes from two threads: every item is counted exactly once.
    threads = [threading.Thread(target=verifier.push_lines, args=(entries[i::2],)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    report = verifier.finish()
    assert report["lines"] == 400
