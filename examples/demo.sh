#!/usr/bin/env bash
# `make demo`: run verity on the bundled example data and print readable results.
# Each module's section is added as the module lands.
set -euo pipefail
VERITY="${1:-target/release/verity}"
DATA="${2:-examples/data}"

section() { printf '\n== %s ==\n' "$1"; }

section "provider detection"
"$VERITY" provider gpt-5 o4-mini gemini-2.5-pro claude-sonnet-4-5 anthropic.claude-3-haiku mistral-large || true

section "pairing"
# Pair the fronts and backs of a small product shoot, write pairing.json and
# its metrics, then print the metrics summary and check the contract via the
# golden verifier. PAIR_* variables (e.g. PAIR_AUTO_SCORE=2.2) tune thresholds.
PAIR_OUT="$(mktemp -d)"
"$VERITY" pair "$DATA/analysis.json" -o "$PAIR_OUT/pairing.json" --metrics-out "$PAIR_OUT/pairing-metrics.json"
python3 - "$PAIR_OUT/pairing.json" <<'PY' 2>/dev/null || true
import json, sys
p = json.load(open(sys.argv[1]))
for x in p["pairs"]:
    extras = (" + " + ", ".join(x["extras"])) if x["extras"] else ""
    print(f'  {x["front"]} <-> {x["back"]}  score {x["score"]:.2f}  margin {x["margin"]:.2f}  ({x["decided_by"]}){extras}')
for s in p["singletons"]:
    print(f'  {s["id"]} alone: {s["reason"]}')
PY
"$VERITY" metrics "$PAIR_OUT/pairing-metrics.json"
"$VERITY" verify-golden tests/golden || true
rm -rf "$PAIR_OUT"
