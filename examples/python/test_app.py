"""The FastAPI example, end to end with TestClient and a real SQLite file."""

from __future__ import annotations

import json
import pathlib
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app import create_app

REPO = pathlib.Path(__file__).resolve().parents[2]
RESPONSES = REPO / "tests" / "fixtures" / "responses"

TEMPLATE: dict[str, Any] = {
    "org_id": "org_1",
    "workspace_id": "ws_1",
    "name": "Weekly probe",
    "system_instructions": "Be brief.",
    "user_prompt_template": "Best {product} in {country}?",
    "country_set": ["CH", "DE"],
    "model_id": "gpt-4o",
    "inference_params": {"temperature": 0.7},
}


@pytest.fixture()
def client(tmp_path: pathlib.Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(tmp_path / "example.db"))) as c:
        yield c


def run_body(fixture: str, mode: str) -> bytes:
    response = json.loads((RESPONSES / fixture).read_text(encoding="utf-8"))
    return json.dumps({"requested_mode": mode, "response": response}).encode()


def test_run_is_classified_and_persisted(client: TestClient) -> None:
    r = client.post("/runs", content=run_body("openai_responses/web_search_completed.json", "REQUIRED"))
    assert r.status_code == 201, r.text
    run = r.json()["data"]["run"]
    assert (run["status"], run["enforcement_passed"]) == ("ok", True)
    assert r.json()["meta"]["version"]


def test_failed_enforcement_is_persisted_as_failed(client: TestClient) -> None:
    r = client.post("/runs", content=run_body("openai_responses/web_search_failed.json", "REQUIRED"))
    assert r.status_code == 201
    assert r.json()["data"]["run"]["status"] == "failed"


def test_forged_record_is_refused(client: TestClient) -> None:
    forged = {"requested_mode": "REQUIRED", "tool_call_count": 0, "status": "ok", "enforcement_passed": True}
    r = client.post("/runs", json={"record": forged}, headers={"x-correlation-id": "corr-7"})
    assert r.status_code == 422
    body = r.json()
    assert body["error"]["code"] == "invariant_violation"
    assert {v["path"] for v in body["meta"]["violations"]} >= {"$.status"}
    assert body["meta"]["correlation_id"] == "corr-7"


def test_bad_bodies_are_envelopes(client: TestClient) -> None:
    r = client.post("/runs", content=b'{"response": ')
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_json"
    r = client.post("/runs", json={"requested_mode": "SOMETIMES", "response": {"output": []}})
    assert r.status_code == 422 and r.json()["meta"]["path"] == "$.mode"
    r = client.post("/runs", json={"response": {"nope": 1}})
    assert r.status_code == 422 and r.json()["error"]["code"] == "unknown_shape"
    r = client.post("/runs", content=b"[" * 300 + b"]" * 300)
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_deep"
    r = client.post("/runs", json={"other": 1})
    assert r.status_code == 422 and r.json()["error"]["code"] == "missing_field"


def test_template_dedup_201_409_scope_and_soft_delete(client: TestClient) -> None:
    first = client.post("/prompt-templates", json=TEMPLATE)
    assert first.status_code == 201
    template_id = first.json()["data"]["id"]
    renamed = dict(TEMPLATE, name="Same config, other name", country_set=["de", "ch", "CH"])
    conflict = client.post("/prompt-templates", json=renamed)
    assert conflict.status_code == 409
    assert conflict.json()["error"]["code"] == "duplicate_template"
    assert conflict.json()["meta"]["template_id"] == template_id
    assert client.post("/prompt-templates", json=dict(TEMPLATE, workspace_id="ws_2")).status_code == 201
    check = client.post("/prompt-templates/check-duplicate", json=TEMPLATE).json()["data"]
    assert check["exact_match"] is True and check["template_id"] == template_id
    assert client.delete(f"/prompt-templates/{template_id}").status_code == 204
    assert client.post("/prompt-templates/check-duplicate", json=TEMPLATE).json()["data"]["exact_match"] is False
    assert client.post("/prompt-templates", json=TEMPLATE).status_code == 201
    bad = client.post("/prompt-templates", json=dict(TEMPLATE, inference_params={"temperature": "hot"}))
    assert bad.status_code == 422 and bad.json()["meta"]["path"] == "$.inference_params.temperature"
    missing = client.post("/prompt-templates", json={k: v for k, v in TEMPLATE.items() if k != "org_id"})
    assert missing.status_code == 422 and missing.json()["meta"]["path"] == "$.org_id"


def test_five_concurrent_identical_creates_give_one_201(client: TestClient) -> None:
    barrier = threading.Barrier(5)
    codes: list[int] = []
    lock = threading.Lock()

    def create() -> None:
        barrier.wait()
        code = client.post("/prompt-templates", json=TEMPLATE).status_code
        with lock:
            codes.append(code)

    threads = [threading.Thread(target=create) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes) == [201, 409, 409, 409, 409]


def test_pairing_endpoint(client: TestClient) -> None:
    analysis = (REPO / "tests" / "golden" / "analysis.json").read_bytes()
    r = client.post("/pairing", content=analysis)
    assert r.status_code == 200
    expected = json.loads((REPO / "tests" / "golden" / "pairing-expected.json").read_text(encoding="utf-8"))
    assert r.json()["data"] == expected
    bad = client.post("/pairing", json={"images": [{"id": "a", "view": "top"}]})
    assert bad.status_code == 422 and bad.json()["meta"]["path"] == "$.images[0].view"
