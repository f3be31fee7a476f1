#!/usr/bin/env bash
# `make demo`: run verity on the bundled example data and print readable results.
# Each module's section is added as the module lands.
set -euo pipefail
VERITY="${1:-target/release/verity}"
DATA="${2:-examples/data}"

section() { printf '\n== %s ==\n' "$1"; }

section "provider detection"
"$VERITY" provider gpt-5 o4-mini gemini-2.5-pro claude-sonnet-4-5 anthropic.claude-3-haiku mistral-large || true

section "provider metadata"
# One line per example response: provider/platform, API, model, version key,
# finish reasons, normalised usage, OpenTelemetry provider name.
for response in "$DATA"/responses/*.json; do
  printf '%-40s ' "$(basename "$response")"
  "$VERITY" metadata --brief "$response" || true
done
echo
echo "Full output for one response (metadata, provider_version_key, otel_attributes):"
"$VERITY" metadata --model gpt-4o "$DATA/responses/md_azure_openai_chat.json"

section "conversation (references, topic switch, context block; a cargo example: the CLI has no conversation command)"
cargo run -q --release -p verity --example conversation "$DATA/conversation_parts_catalog.json" || true
