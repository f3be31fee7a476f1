"""Shared helpers for the verity Python test suite."""

from __future__ import annotations

import os
import pathlib

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
# Overridable to run another checkout's vectors (e.g. a module branch's).
VECTORS_DIR = pathlib.Path(os.environ.get("VERITY_VECTORS_DIR", REPO_ROOT / "tests" / "vectors"))
FIXTURES_DIR = pathlib.Path(os.environ.get("VERITY_FIXTURES_DIR", REPO_ROOT / "tests" / "fixtures"))
GOLDEN_DIR = REPO_ROOT / "tests" / "golden"
