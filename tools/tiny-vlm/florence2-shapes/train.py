"""Train the shapes-world Florence-2 for a fixed number of steps (CPU, plain torch).

Usage: /usr/bin/python3 train.py --data TRAIN.npz --val VAL.npz --steps N --out CKPT.pt
Teacher-forced cross-entropy on the `<CAPTION>` prompt, plus a training-only auxiliary loss that
predicts count, shape and both colours from the pooled image token, with the shapes captioner's
easy-first curriculum (tools/fixture-model/README.md explains why both are needed).
"""
import argparse
import math
import time

import numpy as np
import torch

import shapes_model as sm

COUNT_WORDS = ['a', 'two', 'three']
SHAPES = ['circle', 'square', 'triangle']
COLOURS = ['red', 'green', 'blue', 'yellow', 'white', 'black', 'purple', 'pink']


def load(path, vocab):
    d = np.load(path)
    pairs = [sm.caption_ids(vocab, c) for c in d['captions']]
    meta = d['meta']
    aux = np.stack([meta[:, 0] - 1, meta[:, 1], meta[:, 2], meta[:, 3]], axis=1)
    w, h = meta[:, 4], meta[:, 5]
    easy = (np.maximum(w, h) < 400) & (w / h > 0.8) & (w / h < 1.25)
    return (torch.from_numpy(d['X']), torch.tensor([p[0] for p in pairs]), torch.tensor([p[1] for p in pairs]),
            torch.from_numpy(aux.astype(np.int64)), np.nonzero(easy)[0], list(d['captions']))


def greedy(model, pixels, prompt, steps=9):
    with torch.no_grad():
        b = pixels.shape[0]
        _, hidden, mask = model.encode(pixels, prompt.expand(b, -1))
        ids = torch.full((b, 1), sm.tok.EOS)
        for _ in range(steps):
            nxt = model.decode(hidden, mask, ids)[:, -1].argmax(-1, keepdim=True)
            ids = torch.cat([ids, nxt], dim=1)
    return ids[:, 1:]


def evaluate(model, val, prompt, words, n=1000):
    model.eval()
    X, _, _, _, _, captions = val
    hits = 0
    for i in range(0, n, 250):
        out = greedy(model, sm.normalize(X[i:i + 250]), prompt)
        for row, want in zip(out.tolist(), captions[i:i + 250]):
            got = words(row[:row.index(sm.tok.EOS)] if sm.tok.EOS in row else row)
            hits += got == want
    model.train()
    return hits / n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', required=True)
    ap.add_argument('--val', required=True)
    ap.add_argument('--steps', type=int, default=3000)
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--lr', type=float, default=1.5e-3)
    ap.add_argument('--warmup', type=int, default=150)
    ap.add_argument('--aux_weight', type=float, default=0.3)
    ap.add_argument('--eval_every', type=int, default=500)
    ap.add_argument('--seed', type=int, default=20261207)
    ap.add_argument('--init', help='continue from this checkpoint (a second, warm-restarted stage)')
    ap.add_argument('--curriculum', type=int, default=1, help='0: full distribution from the first step')
    ap.add_argument('--out', required=True)
    args = ap.parse_args()

    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    vocab = sm.vocabulary()
    prompt = torch.tensor([sm.prompt_ids(vocab)])
    words = sm.words_of(vocab)
    train, val = load(args.data, vocab), load(args.val, vocab)
    X, dec_in, dec_out, aux, easy, _ = train
    model = sm.ShapesFlorence(len(vocab))
    if args.init:
        model.load_state_dict(torch.load(args.init, map_location='cpu')['model'])
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.05)
    easy_until, mix_until = (int(0.12 * args.steps), int(0.30 * args.steps)) if args.curriculum else (0, 0)
    start = time.time()
    for step in range(1, args.steps + 1):
        lr = args.lr * min(1.0, step / args.warmup) * 0.5 * (1 + math.cos(math.pi * step / args.steps))
        for g in opt.param_groups:
            g['lr'] = lr
        if step <= easy_until or (step <= mix_until and rng.random() < 0.5):
            idx = torch.from_numpy(rng.choice(easy, args.batch))
        else:
            idx = torch.from_numpy(rng.integers(0, len(X), args.batch))
        images = X[idx]
        flip = torch.from_numpy(rng.random(args.batch) < 0.5)
        images = torch.where(flip[:, None, None, None], images.flip(2), images)  # NHWC: width is dim 2
        feats, hidden, mask = model.encode(sm.normalize(images), prompt.expand(args.batch, -1))
        logits = model.decode(hidden, mask, dec_in[idx])
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), dec_out[idx].reshape(-1))
        heads = model.aux(feats[:, 0]).split(sm.AUX_CLASSES, dim=-1)
        aux_loss = sum(torch.nn.functional.cross_entropy(h, aux[idx][:, k]) for k, h in enumerate(heads))
        opt.zero_grad()
        (loss + args.aux_weight * aux_loss).backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if step % 50 == 0:
            print(f'step {step} loss {loss.item():.4f} aux {aux_loss.item():.3f} lr {lr:.2e} {time.time() - start:.0f}s', flush=True)
        if step % args.eval_every == 0 or step == args.steps:
            acc = evaluate(model, val, prompt, words)
            print(f'step {step} val exact {acc:.3f} {time.time() - start:.0f}s', flush=True)
            torch.save({'model': model.state_dict(), 'vocab_size': len(vocab), 'step': step, 'val_exact': acc}, args.out)


if __name__ == '__main__':
    main()
