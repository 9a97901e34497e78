"""Train the tiny Marian on the shapes-world caption pairs from make-data.ts.

Usage: /usr/bin/python3 tools/tiny-translate/train.py DATA.json CHECKPOINT.pt
Prints greedy exact-match accuracy (torch) on the training pairs and on the withheld captions.
"""
import json
import sys

import torch
from torch import nn

import model as m

SEED = 20261207
SPECIALS = ['</s>', '<unk>', '<pad>']  # Marian order: eos 0, unk 1; pad doubles as decoder start
LANGUAGE_TOKENS = ['>>fr<<', '>>de<<']
EOS, UNK, PAD = 0, 1, 2
STEPS = 1000
BATCH = 64
MAX_NEW_TOKENS = 12


def build_vocab(pairs):
    words = sorted({w for p in pairs for text in (p['source'], p['target']) for w in text.split()} - set(LANGUAGE_TOKENS))
    return {w: i for i, w in enumerate(SPECIALS + LANGUAGE_TOKENS + words)}


def encode_source(vocab, text):
    return [vocab.get(w, UNK) for w in text.split()] + [EOS]


def encode_target(vocab, text):
    return [vocab.get(w, UNK) for w in text.split()] + [EOS]


def padded(rows):
    width = max(len(r) for r in rows)
    ids = torch.full((len(rows), width), PAD, dtype=torch.int64)
    mask = torch.zeros((len(rows), width), dtype=torch.int64)
    for i, r in enumerate(rows):
        ids[i, :len(r)] = torch.tensor(r)
        mask[i, :len(r)] = 1
    return ids, mask


def loss_on(model, vocab, batch):
    src, src_mask = padded([encode_source(vocab, p['source']) for p in batch])
    tgt, tgt_mask = padded([encode_target(vocab, p['target']) for p in batch])
    decoder_in = torch.cat([torch.full((len(batch), 1), PAD, dtype=torch.int64), tgt[:, :-1]], dim=1)
    hidden = model.encode(src, src_mask)
    logits = model.decode(src_mask, decoder_in, hidden, torch.tensor([False]), *model.empty_past(len(batch)))[0]
    labels = tgt.masked_fill(tgt_mask == 0, -100)
    return nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), ignore_index=-100)


@torch.no_grad()
def greedy(model, vocab, sources):
    inverse = {i: w for w, i in vocab.items()}
    src, src_mask = padded([encode_source(vocab, s) for s in sources])
    hidden = model.encode(src, src_mask)
    out = torch.full((len(sources), 1), PAD, dtype=torch.int64)
    for _ in range(MAX_NEW_TOKENS):
        logits = model.decode(src_mask, out, hidden, torch.tensor([False]), *model.empty_past(len(sources)))[0]
        out = torch.cat([out, logits[:, -1].argmax(-1, keepdim=True)], dim=1)
    texts = []
    for row in out[:, 1:].tolist():
        words = []
        for i in row:
            if i == EOS:
                break
            words.append(inverse[i])
        texts.append(' '.join(words))
    return texts


def exact(model, vocab, pairs):
    predictions = greedy(model, vocab, [p['source'] for p in pairs])
    return sum(p == q['target'] for p, q in zip(predictions, pairs)) / len(pairs)


def main(data_path, checkpoint_path):
    torch.manual_seed(SEED)
    data = json.load(open(data_path, encoding='utf-8'))
    train, withheld = data['train'], data['withheld']
    vocab = build_vocab(train + withheld)
    model = m.Marian(len(vocab), PAD)
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=2e-3, total_steps=STEPS, pct_start=0.1)
    g = torch.Generator().manual_seed(SEED)
    for step in range(1, STEPS + 1):
        model.train()
        batch = [train[i] for i in torch.randint(0, len(train), (BATCH,), generator=g).tolist()]
        loss = loss_on(model, vocab, batch)
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        if step % 250 == 0:
            model.eval()
            print(f'step {step} loss {loss.item():.4f} train {exact(model, vocab, train[:200]):.3f} '
                  f'withheld {exact(model, vocab, withheld):.3f}', flush=True)
    model.eval()
    print(f'final: train {exact(model, vocab, train):.4f} withheld {exact(model, vocab, withheld):.4f}')
    torch.save({'state': model.state_dict(), 'vocab': vocab}, checkpoint_path)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
