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

echo "== node: tsc --noEmit --strict (types test file)"
npx tsc -p tsconfig.json --noEmit --strict

echo "== node: node --test (bindings)"
node --test __test__/

# The Next.js-style example is TypeScript: type-check it strictly, compile it
# to a temporary directory (Node 20 cannot run .ts) where `verity` resolves to
# this package, and run its HTTP tests there.
echo "== node: examples/node (tsc --strict, then node --test over HTTP)"
EXAMPLE_OUT="$(mktemp -d)"
trap 'rm -rf "$EXAMPLE_OUT"' EXIT
npx tsc -p ../examples/node/tsconfig.json --strict --outDir "$EXAMPLE_OUT"
mkdir -p "$EXAMPLE_OUT/node_modules"
ln -s "$(pwd)" "$EXAMPLE_OUT/node_modules/verity"
VERITY_REPO="$(cd .. && pwd)" node --test "$EXAMPLE_OUT/test/"
