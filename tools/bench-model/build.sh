#!/usr/bin/env bash
# Build the full-size random-weight distilvit-shaped bench captioner (see README.md).
#   tools/bench-model/build.sh [OUT_DIR]      default: .cache/bench-model/altscribe/bench-distilvit
# Env: SEED (default 20260601), SKIP_VERIFY=1 (skip the transformers.js 20-token caption timing).
# Needs /usr/bin/python3 with Debian python3-torch + python3-onnx, and the repo's node_modules.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
OUT="${1:-$REPO/.cache/bench-model/altscribe/bench-distilvit}"
OUT="$(mkdir -p "$(dirname "$OUT")" && cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")"
SEED="${SEED:-20260601}"
PY=/usr/bin/python3
FILES=(config.json generation_config.json preprocessor_config.json tokenizer.json tokenizer_config.json
  onnx/encoder_model.onnx onnx/decoder_model_merged.onnx
  onnx/encoder_model_quantized.onnx onnx/decoder_model_merged_quantized.onnx)

sizes() { (cd "$OUT" && du -b "${FILES[@]}" | awk '{ printf "  %8.1f MB  %s\n", $1 / 1e6, $2; t += $1 } END { printf "  %8.1f MB  total\n", t / 1e6 }'); }

missing=0
for f in "${FILES[@]}"; do [[ -s "$OUT/$f" ]] || missing=1; done
if [[ $missing == 0 ]]; then
  echo "bench model: cached at $OUT"
  sizes
  exit 0
fi

START=$(date +%s)
# build next to OUT and rename at the end, so an interrupted build never looks cached
TMP="$OUT.partial"
REF="$OUT.ref.json"
rm -rf "$TMP" "$OUT"
cd "$HERE"
echo "bench model: building in $TMP (seed $SEED)"
$PY export_bench.py "$TMP" "$REF" "$SEED"
$PY quantize_bench.py "$TMP"
(cd "$REPO" && node "$HERE/check_ort_bench.mjs" "$TMP" "$REF")
mv "$TMP" "$OUT"
echo "bench model: built at $OUT in $(( $(date +%s) - START )) s"
sizes
(cd "$OUT" && sha256sum onnx/*.onnx)

if [[ "${SKIP_VERIFY:-0}" != "1" ]]; then
  (cd "$REPO" && node "$HERE/caption_bench.mjs" "$OUT" --dtypes fp32,q8 --tokens 20 --runs 5)
fi
