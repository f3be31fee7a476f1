#!/usr/bin/env bash
# Python side-by-side benchmark (called by `make bench`): builds verity in
# release mode into bindings-python/.venv, installs the comparison packages
# (rfc8785, scipy) and prints the table recorded in BENCHMARKS.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/bindings-python/.venv"
if [ ! -x "$VENV/bin/python" ]; then
    "${PYTHON:-python3}" -m venv "$VENV"
fi
# shellcheck disable=SC1091
. "$VENV/bin/activate"
python -m pip install -q --disable-pip-version-check -r "$ROOT/bindings-python/scripts/requirements-dev.txt" -r "$ROOT/benches/python/requirements.txt"
(cd "$ROOT/bindings-python" && maturin develop --release -q)
python "$ROOT/benches/python/bench.py"
