"""A FastAPI service on verity and stdlib sqlite3.

Run:  uvicorn --factory app:main --app-dir examples/python   (DB path: VERITY_EXAMPLE_DB, default ./verity-example.db)

- ``POST /runs`` classifies a raw provider response (the request body bytes go
  straight to verity: no ``json.loads``) and persists the run, or imports a
  stored ``record`` (backfill); either way the row is checked with
  ``verity.check_run_invariants`` and refused (422) when it violates the
  grounding-enforcement invariants, so a REQUIRED run without a successful
  search can never be written as ``ok``.
- ``POST /prompt-templates`` dedups by ``verity.template_config_hash`` with a
  partial unique index on ``(org_id, workspace_id, config_hash)`` for live rows
  → 201, or 409 naming the existing template. ``POST
  /prompt-templates/check-duplicate`` answers ``{exact_match, template_id}``;
  ``DELETE /prompt-templates/{id}`` soft-deletes (a deleted template no longer blocks).
- ``POST /pairing`` runs the pairing engine in the thread pool (verity releases
  the GIL, so other requests keep running).

Errors are ``{error, meta}`` envelopes built by ``verity.error_envelope``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Optional

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

import verity

API_VERSION = "2026-11-01"

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY,
    requested_mode TEXT NOT NULL,
    status TEXT NOT NULL,
    enforcement_passed INTEGER NOT NULL,
    provider TEXT,
    model TEXT,
    record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS prompt_templates (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    name TEXT,
    config_hash TEXT NOT NULL,
    body TEXT NOT NULL,
    deleted_at TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS prompt_templates_live_config
    ON prompt_templates (org_id, workspace_id, config_hash)
    WHERE deleted_at IS NULL;
"""

# Status codes for verity's error kinds.
STATUS_BY_KIND = {
    "invalid_json": 400,
    "duplicate_key": 400,
    "invalid_number": 400,
    "invalid_string": 400,
    "too_large": 413,
    "too_deep": 413,
}


class ApiError(Exception):
    """An error answer: HTTP status plus the envelope's error fields."""

    def __init__(self, status: int, code: str, message: str, extra: Optional[dict[str, Any]] = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra or {}


def envelope_response(status: int, code: str, message: str, request: Request, extra: Optional[dict[str, Any]] = None) -> JSONResponse:
    body = verity.error_envelope(
        code,
        message,
        version=API_VERSION,
        correlation_id=request.headers.get("x-correlation-id"),
        extra=extra,
    )
    return JSONResponse(body, status_code=status)


def data_response(data: Any, request: Request, status: int = 200) -> JSONResponse:
    body = verity.data_envelope(
        data, version=API_VERSION, correlation_id=request.headers.get("x-correlation-id")
    )
    return JSONResponse(body, status_code=status)


def create_app(db_path: str) -> FastAPI:
    """The app over the SQLite database at ``db_path`` (created if absent)."""
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.executescript(SCHEMA)
    pairing_config = verity.PairingConfig.from_env(os.environ)
    app = FastAPI(title="verity example")

    @contextmanager
    def database() -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(db_path, timeout=30, isolation_level=None)
        try:
            yield conn
        finally:
            conn.close()

    @app.exception_handler(verity.VerityError)
    async def verity_error(request: Request, exc: verity.VerityError) -> JSONResponse:
        return envelope_response(
            STATUS_BY_KIND.get(exc.kind, 422), exc.kind, str(exc), request, {"path": exc.path}
        )

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return envelope_response(exc.status, exc.code, exc.message, request, exc.extra or None)

    @app.post("/runs")
    async def create_run(request: Request) -> JSONResponse:
        body = verity.parse_json(await request.body())
        if not isinstance(body, dict):
            raise ApiError(422, "invalid_input", "body must be a JSON object")
        if "record" in body:
            record = body["record"]  # an import/backfill of a stored run
        elif "response" in body:
            outcome = verity.classify(
                body["response"],
                body.get("requested_mode", "UNGROUNDED"),
                model=body.get("model"),
            )
            record = outcome.to_dict()
        else:
            raise ApiError(422, "missing_field", "body needs `response` or `record`", {"path": "$.response"})
        violations = verity.check_run_invariants(record)
        if violations:
            raise ApiError(
                422,
                "invariant_violation",
                "run record violates the grounding-enforcement invariants; not persisted",
                {"violations": violations},
            )
        run_id = str(uuid.uuid4())
        with database() as conn:
            conn.execute(
                "INSERT INTO runs (id, requested_mode, status, enforcement_passed, provider, model, record)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    run_id,
                    record["requested_mode"],
                    record["status"],
                    int(bool(record["enforcement_passed"])),
                    record.get("provider"),
                    record.get("model"),
                    json.dumps(record),
                ),
            )
        return data_response({"id": run_id, "run": record}, request, status=201)

    def template_identity(body: Any) -> tuple[str, str]:
        if not isinstance(body, dict):
            raise ApiError(422, "invalid_input", "body must be a JSON object")
        for key in ("org_id", "workspace_id"):
            if not isinstance(body.get(key), str) or not body[key]:
                raise ApiError(422, "missing_field", f"`{key}` is required", {"path": f"$.{key}"})
        return body["org_id"], body["workspace_id"]

    @app.post("/prompt-templates")
    async def create_template(request: Request) -> JSONResponse:
        raw = await request.body()
        body = verity.parse_json(raw)
        org_id, workspace_id = template_identity(body)
        config_hash = verity.template_config_hash(raw).config_hash
        template_id = str(uuid.uuid4())
        with database() as conn:
            try:
                conn.execute(
                    "INSERT INTO prompt_templates (id, org_id, workspace_id, name, config_hash, body)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (template_id, org_id, workspace_id, body.get("name"), config_hash, raw.decode()),
                )
            except sqlite3.IntegrityError:
                existing = conn.execute(
                    "SELECT id FROM prompt_templates WHERE org_id = ? AND workspace_id = ?"
                    " AND config_hash = ? AND deleted_at IS NULL",
                    (org_id, workspace_id, config_hash),
                ).fetchone()
                raise ApiError(
                    409,
                    "duplicate_template",
                    "a live template with the same configuration exists in this workspace",
                    {"template_id": existing[0] if existing else None, "config_hash": config_hash},
                )
        return data_response({"id": template_id, "config_hash": config_hash}, request, status=201)

    @app.post("/prompt-templates/check-duplicate")
    async def check_duplicate(request: Request) -> JSONResponse:
        raw = await request.body()
        org_id, workspace_id = template_identity(verity.parse_json(raw))
        config_hash = verity.template_config_hash(raw).config_hash
        with database() as conn:
            row = conn.execute(
                "SELECT id FROM prompt_templates WHERE org_id = ? AND workspace_id = ?"
                " AND config_hash = ? AND deleted_at IS NULL",
                (org_id, workspace_id, config_hash),
            ).fetchone()
        return data_response(
            {"exact_match": row is not None, "template_id": row[0] if row else None, "config_hash": config_hash},
            request,
        )

    @app.delete("/prompt-templates/{template_id}")
    async def delete_template(template_id: str, request: Request) -> Response:
        with database() as conn:
            cur = conn.execute(
                "UPDATE prompt_templates SET deleted_at = datetime('now') WHERE id = ? AND deleted_at IS NULL",
                (template_id,),
            )
        if cur.rowcount == 0:
            raise ApiError(404, "not_found", "no live template with this id")
        return Response(status_code=204)

    @app.post("/pairing")
    async def pairing(request: Request) -> JSONResponse:
        raw = await request.body()
        result = await run_in_threadpool(verity.pair, raw, pairing_config)
        return data_response(result.to_dict(), request)

    return app


def main() -> FastAPI:
    """uvicorn factory: ``uvicorn --factory app:main --app-dir examples/python``."""
    return create_app(os.environ.get("VERITY_EXAMPLE_DB", "verity-example.db"))
