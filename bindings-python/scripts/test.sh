#!/usr/bin/env bash
# Python package test suite (called by `make test`).
#
# Creates bindings-python/.venv, installs the pinned tools, builds the
# extension in release mode into the venv (maturin develop), then runs:
#   pytest over bindings-python/tests and examples/python,
#   mypy.stubtest on the native stubs, mypy --strict on the package and examples,
#   the sdist test: maturin sdist -> install into a fresh venv -> import and call.
# Needs only Python >= 3.9 with venv, pip and a Rust toolchain.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
VENV="$HERE/.venv"
PYTHON="${PYTHON:-python3}"

if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
# shellcheck disable=SC1091
. "$VENV/bin/activate"
python -m pip install -q --disable-pip-version-check -r "$HERE/scripts/requirements-dev.txt"

cd "$HERE"
echo "== maturin develop --release"
maturin develop --release -q

echo "== pytest"
python -m pytest -q -rs -p no:cacheprovider "$HERE/tests" "$ROOT/examples/python"

echo "== stubtest"
python -m mypy.stubtest verity._verity

echo "== mypy --strict"
python -m mypy --strict --no-incremental "$HERE/python/verity" "$ROOT/examples/python"

echo "== sdist install into a fresh venv"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
maturin sdist -o "$WORK/dist" >/dev/null
"$PYTHON" -m venv "$WORK/venv"
# The sdist builds in pip's isolated environment; a persistent target dir
# under target/ keeps re-runs incremental (the first run compiles everything).
CARGO_TARGET_DIR="$ROOT/target/sdist-check" \
    "$WORK/venv/bin/python" -m pip install -q --disable-pip-version-check "$WORK"/dist/verity-*.tar.gz
(cd "$WORK" && "$WORK/venv/bin/python" - <<'PY'
import verity
assert verity.canonical_json(b'{"b":1,"a":2}') == b'{"a":2,"b":1}'
assert verity.detect_provider("claude-3-5-sonnet") == "anthropic"
print("sdist install ok:", verity.__version__, verity.__file__)
PY
)
echo "python bindings: all checks passed"
