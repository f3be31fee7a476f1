#!/usr/bin/env bash
# `make demo`: run verity on the bundled example data and print readable results.
# Each module's section is added as the module lands.
set -euo pipefail
VERITY="${1:-target/release/verity}"
DATA="${2:-examples/data}"

section() { printf '\n== %s ==\n' "$1"; }

section "provider detection"
"$VERITY" provider gpt-5 o4-mini gemini-2.5-pro claude-sonnet-4-5 anthropic.claude-3-haiku mistral-large

section "provider metadata"
# One line per example response: provider/platform, API, model, version key,
# finish reasons, normalised usage, OpenTelemetry provider name.
for response in "$DATA"/responses/*.json; do
  printf '%-40s ' "$(basename "$response")"
  "$VERITY" metadata --brief "$response"
done
echo
echo "Full output for one response (metadata, provider_version_key, otel_attributes):"
"$VERITY" metadata --model gpt-4o "$DATA/responses/md_azure_openai_chat.json"

section "dedup: canonical JSON (RFC 8785) and template config hashes"
printf '{"b": [1.0, 1e21, -0], "a": "\\u00e9", "\\ufb33": 1, "\\ud83d\\ude00": 2}' | "$VERITY" hash canonical -
echo
"$VERITY" hash template "$DATA/dedup_template.json"
echo "same hash for the reordered/respaced variant (0.70, [\"us\",\"CH\"], CRLF, name changed):"
"$VERITY" hash template "$DATA/dedup_template_variant.json" | grep config_hash
echo "a duplicate key is an error (exit 2):"
printf '{"a":1,"a":2}' | "$VERITY" hash canonical - || true

section "grounding enforcement"
# Each example response is classified under REQUIRED and UNGROUNDED; a failed
# enforcement exits 1 (a finding), which is expected here; bad input (2) still stops the demo.
for response in "$DATA"/responses/enforcement_*.json; do
  for mode in REQUIRED UNGROUNDED; do
    "$VERITY" classify --mode "$mode" --summary "$response" || [ $? -eq 1 ]
  done
done
printf '\n-- full outcome (GPT-5 budget-starved, REQUIRED, with explanation) --\n'
"$VERITY" classify --mode REQUIRED --explain "$DATA/responses/enforcement_openai_budget_starved.json" || [ $? -eq 1 ]

section "conversation (references, topic switch, context block; a cargo example: the CLI has no conversation command)"
cargo run -q --release -p verity --example conversation "$DATA/conversation_parts_catalog.json"

section "audit log"
LOG_DIR="$(mktemp -d)"
"$VERITY" log append "$DATA/events.jsonl" --to "$LOG_DIR/log.jsonl"
echo "-- verify the sealed log (10 entries, the jobs subsystem has been silent for 7 minutes):"
"$VERITY" log verify "$LOG_DIR/log.jsonl" --now 2025-10-01T09:10:00Z --silent-after jobs=300 \
  | grep -E '^  "(ok|entries)"|^      "(kind|subsystem|message)"' || true
echo "-- the same log with one payload edited (approval granted by someone else):"
sed 's/ops-oncall/mallory/' "$LOG_DIR/log.jsonl" > "$LOG_DIR/tampered.jsonl"
"$VERITY" log verify "$LOG_DIR/tampered.jsonl" | grep -E '^  "ok"|^      "(kind|line|seq|message)"' || true
rm -rf "$LOG_DIR"

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
"$VERITY" verify-golden tests/golden
rm -rf "$PAIR_OUT"
