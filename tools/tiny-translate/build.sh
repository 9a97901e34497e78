#!/usr/bin/env bash
# Rebuild the tiny translation fixture public/models/altscribe/shapes-opus-mt-en-mul end to end:
# data (grammar.ts) -> train (torch) -> export (ONNX + tokenizer/config JSON) -> Node accuracy test.
# Needs Debian python3-torch python3-onnx libopenblas0-pthread (use /usr/bin/python3) and the
# repo's node_modules (@huggingface/transformers 4.3.1, rolldown, vitest).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
WORK="${TMPDIR:-/tmp}/tiny-translate"
PY=/usr/bin/python3
mkdir -p "$WORK"
cd "$REPO"
npx rolldown tools/tiny-translate/make-data.ts --platform node --format esm --file "$WORK/make-data.mjs"
node "$WORK/make-data.mjs" "$WORK/data.json"
cd "$HERE"
$PY train.py "$WORK/data.json" "$WORK/checkpoint.pt" 2>&1 | tee "$WORK/train.log"
$PY export.py "$WORK/checkpoint.pt"
cd "$REPO"
npx vitest run tools/tiny-translate/accuracy.test.ts
