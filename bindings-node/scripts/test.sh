#!/usr/bin/env bash
# Node suite of verity: install the pinned dev tools, build the addon, check
# that the committed generated files are current, run node:test and tsc.
# Works on a fresh machine with Node >= 18, npm and a Rust toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== node: npm ci"
npm ci --no-audit --no-fund --loglevel=error

echo "== node: napi build --platform --release"
npx napi build --platform --release

echo "== node: generated index.d.ts / index.js must match the committed ones"
if ! git diff --exit-code -- index.d.ts index.js; then
  echo "error: the generated index.d.ts/index.js differ from the committed files;" >&2
  echo "       run 'npx napi build --platform --release' in bindings-node/ and commit them." >&2
  exit 1
fi

echo "== node: tsc --noEmit --strict (types test + examples)"
npx tsc -p tsconfig.json
if [ -f ../examples/node/tsconfig.json ]; then
  npx tsc -p ../examples/node/tsconfig.json --noEmit
fi

echo "== node: node --test"
node --test __test__/ ${VERITY_NODE_EXTRA_TESTS:-}
