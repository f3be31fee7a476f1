#!/usr/bin/env bash
# Node side-by-side benchmarks (make bench-node): installs `canonicalize` from the committed
# lock, builds the addon in release mode if needed, runs bench.mjs. Results: BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
if ! ls ../../bindings-node/verity.*.node >/dev/null 2>&1; then
  (cd ../../bindings-node && npm ci --no-audit --no-fund --loglevel=error && npx napi build --platform --release)
fi
node bench.mjs
