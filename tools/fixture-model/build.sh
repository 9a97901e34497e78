#!/usr/bin/env bash
# Rebuild the Altscribe fixture captioner end to end (see README.md for timings).
#   tools/fixture-model/build.sh            # data + train + export + quantize + checks + eval
#   SKIP_TRAIN=1 tools/fixture-model/build.sh   # re-export from tools/fixture-model/checkpoint.pt
# Needs Debian python3-torch python3-onnx python3-pil libopenblas0-pthread (use /usr/bin/python3)
# and the repo's node_modules (@huggingface/transformers 4.3.1, onnxruntime-node, sharp, typescript).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
OUT="$REPO/public/models/altscribe/shapes-captioner"
PY=/usr/bin/python3
cd "$HERE"
mkdir -p work

if [[ "${SKIP_TRAIN:-0}" != "1" ]]; then
  # stage 1: 120k training images (seed 1) + 3k validation images (seed 2), 2 worker processes
  $PY data.py work/train.npz 120000 1 2 2>&1 | tee work/data.log
  $PY data.py work/val.npz 3000 2 2 2>&1 | tee -a work/data.log
  # fixed step count (machine speed varies ~3x); curriculum + aux loss defaults in train.py
  $PY train.py --data work/train.npz --val work/val.npz --steps 3500 --out work/ckpt_stage1.pt 2>&1 | tee work/train.log
  # stage 2: 60k fresh images (seed 11) + 3k val (seed 12) where half of the samples use the
  # exact transformers.js-Node resize (sharp affine: black-blended last row/col on upscale)
  $PY data.py work/train2.npz 60000 11 2 0.5 2>&1 | tee -a work/data.log
  $PY data.py work/val2.npz 3000 12 2 0.5 2>&1 | tee -a work/data.log
  $PY train.py --init work/ckpt_stage1.pt --data work/train2.npz --val work/val2.npz --steps 1200 \
    --lr 5e-4 --warmup 50 --easy_until 0 --mix_until 0 --eval_every 400 --out work/ckpt2.pt 2>&1 | tee work/train2.log
  # weights only (no optimizer state) -> committed checkpoint
  $PY -c "import torch; c=torch.load('work/ckpt2.pt'); torch.save({'cfg':c['cfg'],'model':c['model'],'step':c['step']}, 'checkpoint.pt')"
fi

rm -rf "$OUT"
$PY export.py checkpoint.pt "$OUT"
$PY quantize.py "$OUT"
node check_ort.mjs "$OUT" work/ref_outputs.json
node evaluate.mjs --n 200 --seed 777001 --dtypes fp32,q8,fp16 --json work/eval.json | tee work/eval.log
du -ab "$OUT"
