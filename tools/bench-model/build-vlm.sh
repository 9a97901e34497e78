#!/usr/bin/env bash
# Build a full-size random-weight VLM for the per-family bench (npm run bench -- --families):
#   tools/bench-model/build-vlm.sh florence2 [OUT_DIR]   Florence-2-base-shaped (DaViT + BART-base)
#   tools/bench-model/build-vlm.sh smolvlm [OUT_DIR]     SmolVLM-256M-shaped (SigLIP-B/16-512 + SmolLM2-135M-like)
# Default OUT_DIR: .cache/bench-model/altscribe/bench-<family> (ignored by git). Returns at once when
# the files are there. The tiny-VLM scripts at real dimensions (their --profile) write the fp32
# graphs, quantize_bench.py the q8 (`_quantized`) ones, as quantize_dynamic would.
# Needs /usr/bin/python3 with Debian python3-torch + python3-onnx, and the repo's node_modules.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
FAMILY="${1:?family: florence2 or smolvlm}"
PY=/usr/bin/python3

case "$FAMILY" in
  florence2)
    NAME=bench-florence2-base; PROFILE=base; SCRIPT="$REPO/tools/tiny-vlm/florence2/build.py"
    GRAPHS=(embed_tokens vision_encoder encoder_model decoder_model_merged) ;;
  smolvlm)
    NAME=bench-smolvlm-256m; PROFILE=256m; SCRIPT="$REPO/tools/tiny-vlm/smolvlm/build.py"
    GRAPHS=(embed_tokens vision_encoder decoder_model_merged) ;;
  *) echo "unknown family $FAMILY" >&2; exit 2 ;;
esac
OUT="${2:-$REPO/.cache/bench-model/altscribe/$NAME}"
FILES=(config.json generation_config.json preprocessor_config.json tokenizer.json tokenizer_config.json)
for g in "${GRAPHS[@]}"; do FILES+=("onnx/$g.onnx" "onnx/${g}_quantized.onnx"); done

sizes() { (cd "$OUT" && du -b "${FILES[@]}" | awk '{ printf "  %8.1f MB  %s\n", $1 / 1e6, $2; t += $1 } END { printf "  %8.1f MB  total\n", t / 1e6 }'); }

missing=0
for f in "${FILES[@]}"; do [[ -s "$OUT/$f" ]] || missing=1; done
if [[ $missing == 0 ]]; then
  echo "bench $FAMILY model: cached at $OUT"
  sizes
  exit 0
fi

START=$(date +%s)
# Built next to OUT and renamed at the end, so an interrupted build never looks cached.
TMP="$OUT.partial"
rm -rf "$TMP" "$OUT"
mkdir -p "$(dirname "$OUT")"
echo "bench $FAMILY model: building in $TMP (profile $PROFILE)"
(cd "$(dirname "$SCRIPT")" && $PY "$SCRIPT" "$TMP" --profile "$PROFILE")
$PY "$HERE/quantize_bench.py" "$TMP" "${GRAPHS[@]}"
mv "$TMP" "$OUT"
echo "bench $FAMILY model: built at $OUT in $(( $(date +%s) - START )) s"
sizes
