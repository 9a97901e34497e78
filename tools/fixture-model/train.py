"""Train the captioner for a FIXED number of steps (machine speed varies ~3x).

Usage:
  python3 train.py --data work/train.npz --val work/val.npz --steps 3500 --out work/ckpt.pt
  [--init work/ckpt.pt] [--lr 1.5e-3] [--batch 64] [--seed 0] [--aux 0.3] [--easy_until 0.12]
"""
import argparse
import json
import math
import time

import numpy as np
import torch
import torch.nn.functional as F

from data import VOCAB, decode_ids
from model import Captioner, preprocess

torch.set_num_threads(2)


def field_errors(pred, ref):
    """Per-field comparison of two captions -> dict of booleans (True = wrong)."""
    p, r = pred.split(), ref.split()
    if len(p) != 7:
        return dict(count=True, shape=True, colour=True, bg=True, exact=True)
    return dict(count=p[0] != r[0], colour=p[1] != r[1], shape=p[2].rstrip("s") != r[2].rstrip("s"),
                bg=p[5] != r[5], exact=pred != ref)


def evaluate(model, X, Y, bs=250):
    model.eval()
    errs = dict(count=0, shape=0, colour=0, bg=0, exact=0)
    for i in range(0, len(X), bs):
        out = model.greedy(preprocess(X[i:i + bs]), max_new=8)
        for o, y in zip(out, Y[i:i + bs]):
            e = field_errors(decode_ids(o), decode_ids(y[1:]))
            for k in errs:
                errs[k] += int(e[k])
    model.train()
    return {k: 1 - v / len(X) for k, v in errs.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="work/train.npz")
    ap.add_argument("--val", default="work/val.npz")
    ap.add_argument("--steps", type=int, default=3500)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=1.5e-3)
    ap.add_argument("--warmup", type=int, default=150)
    ap.add_argument("--wd", type=float, default=0.05)
    ap.add_argument("--init", default=None)
    ap.add_argument("--out", default="work/ckpt.pt")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--eval_every", type=int, default=500)
    ap.add_argument("--n_val", type=int, default=1500)
    ap.add_argument("--aux", type=float, default=0.3, help="weight of the auxiliary CLS losses")
    ap.add_argument("--easy_until", type=float, default=0.12, help="fraction of steps on the easy pool")
    ap.add_argument("--mix_until", type=float, default=0.3, help="then 50/50 easy/all until this fraction")
    ap.add_argument("--cfg", default="{}", help="JSON overrides of model.DEFAULT_CFG")
    a = ap.parse_args()

    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    t0 = time.time()
    d = np.load(a.data)
    X, Y = d["X"], torch.as_tensor(d["Y"])
    # aux targets: count-1, shape, fg, bg
    A = torch.as_tensor(d["meta"][:, :4].astype(np.int64)) - torch.tensor([1, 0, 0, 0])
    # curriculum: "easy" = near-square (aspect 0.8..1.25) and small originals (long side < 400,
    # i.e. little resampling damage).  Shape/count are learnt there within a few hundred steps,
    # while on the full distribution they sit at chance for >1000 steps.
    W, H = d["meta"][:, 4], d["meta"][:, 5]
    easy = np.nonzero((W / H > 0.8) & (W / H < 1.25) & (np.maximum(W, H) < 400))[0]
    print(f"easy pool {len(easy)} / {len(X)}", flush=True)
    v = np.load(a.val)
    Xv, Yv = v["X"][:a.n_val], v["Y"][:a.n_val]
    print(f"data {X.shape} val {Xv.shape} loaded in {time.time() - t0:.1f}s", flush=True)

    cfg = json.loads(a.cfg)
    cfg["vocab"] = len(VOCAB)
    if a.init:
        ck = torch.load(a.init)
        model = Captioner(ck["cfg"])
        model.load_state_dict(ck["model"])
    else:
        model = Captioner(cfg)
    nparams = sum(p.numel() for p in model.parameters())
    print(f"cfg {model.cfg} params {nparams}", flush=True)

    decay = [p for n, p in model.named_parameters() if p.ndim >= 2 and "pos" not in n]
    no_decay = [p for n, p in model.named_parameters() if not (p.ndim >= 2 and "pos" not in n)]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": a.wd},
                             {"params": no_decay, "weight_decay": 0.0}], lr=a.lr)

    def lr_at(step):
        if step < a.warmup:
            return a.lr * (step + 1) / a.warmup
        p = (step - a.warmup) / max(1, a.steps - a.warmup)
        return a.lr * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * p)))

    model.train()
    t_start = time.time()
    ema_loss = None
    aux_hits = []
    for step in range(a.steps):
        for g in opt.param_groups:
            g["lr"] = lr_at(step)
        if step < a.easy_until * a.steps:
            p_easy = 1.0
        elif step < a.mix_until * a.steps:
            p_easy = 0.5
        else:
            p_easy = 0.0
        idx = rng.integers(0, len(X), a.batch)
        from_easy = rng.random(a.batch) < p_easy
        idx[from_easy] = easy[rng.integers(0, len(easy), int(from_easy.sum()))]
        x = preprocess(X[idx])
        flip = torch.as_tensor(rng.random(a.batch) < 0.5)
        x = torch.where(flip[:, None, None, None], x.flip(3), x)  # horizontal flip only
        ids = Y[idx]
        logits, aux = model(x, ids[:, :-1], with_aux=True)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), ids[:, 1:].reshape(-1))
        if a.aux > 0:
            tgt = A[idx]
            loss = loss + a.aux * sum(F.cross_entropy(o, tgt[:, j]) for j, o in enumerate(aux))
            aux_hits.append([(o.argmax(1) == tgt[:, j]).float().mean().item() for j, o in enumerate(aux)])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        ema_loss = loss.item() if ema_loss is None else 0.95 * ema_loss + 0.05 * loss.item()
        if (step + 1) % 50 == 0:
            el = time.time() - t_start
            print(f"step {step + 1} loss {ema_loss:.4f} lr {lr_at(step):.2e} "
                  f"elapsed {el:.0f}s ({el / (step + 1):.3f}s/step) p_easy {p_easy} aux-acc(n,shape,fg,bg) "
                  + ",".join(f"{v:.2f}" for v in np.mean(aux_hits[-50:], 0)), flush=True)
        if (step + 1) % a.eval_every == 0 or step + 1 == a.steps:
            te = time.time()
            acc = evaluate(model, Xv, Yv)
            print(f"EVAL step {step + 1} " + " ".join(f"{k}={v:.4f}" for k, v in acc.items())
                  + f" ({time.time() - te:.0f}s)", flush=True)
            torch.save({"cfg": model.cfg, "model": model.state_dict(), "step": step + 1}, a.out)
    print(f"done {a.steps} steps in {time.time() - t_start:.0f}s (train wall incl. evals)", flush=True)


if __name__ == "__main__":
    main()
