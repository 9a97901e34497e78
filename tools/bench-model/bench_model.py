"""Full-size distilvit-shaped captioner with random weights, for timing only.

The decoder and the transformer blocks are the fixture's own classes
(tools/fixture-model/model.py), so the bench model and the committed fixture share one
export path; only the encoder front differs (ViT-B/16 patch conv instead of the fixture's
conv stem), because the fixture's stem cannot express a 16x16/16 patch embedding.
"""
import os
import sys

import torch
import torch.nn as nn

FIXTURE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixture-model")
sys.path.insert(0, os.path.abspath(FIXTURE_DIR))

from model import Decoder, EncBlock  # noqa: E402  (fixture module, found via sys.path)

EOT = 50256  # GPT-2's single special token: bos = eos = pad = decoder_start, as in distilvit

BENCH_CFG = dict(
    img=224,
    patch=16,
    d=768,
    heads=12,
    enc_layers=12,
    dec_layers=6,     # DistilGPT2
    mlp=4,            # 3072 = 4 x 768
    vocab=50257,
    n_positions=1024,  # DistilGPT2's table; generation only ever reads the first few rows
)


class ViTEncoder(nn.Module):
    """ViT-B/16: patch conv, CLS + learned positions, pre-LN blocks, final LN."""

    def __init__(self, cfg):
        super().__init__()
        d, p = cfg["d"], cfg["patch"]
        self.patch = nn.Conv2d(3, d, p, p)
        n_tok = (cfg["img"] // p) ** 2 + 1
        self.cls = nn.Parameter(torch.zeros(1, 1, d))
        self.pos = nn.Parameter(torch.zeros(1, n_tok, d))
        # zero CLS/positions would make every token start identical to a patch embedding
        # plus nothing; small random values keep the attention maps non-degenerate
        nn.init.normal_(self.cls, std=0.02)
        nn.init.normal_(self.pos, std=0.02)
        self.blocks = nn.ModuleList(EncBlock(d, cfg["heads"], cfg["mlp"]) for _ in range(cfg["enc_layers"]))
        self.ln = nn.LayerNorm(d)

    def forward(self, pixel_values):
        x = self.patch(pixel_values).flatten(2).transpose(1, 2)  # (B,196,d)
        x = torch.cat([self.cls.expand(x.shape[0], -1, -1), x], 1) + self.pos
        for b in self.blocks:
            x = b(x)
        return self.ln(x)


class BenchCaptioner(nn.Module):
    """Same attribute names as the fixture's Captioner (encoder/decoder/cfg), so the
    fixture's EncoderWrap/DecoderWrap export wrappers accept it unchanged."""

    def __init__(self, cfg):
        super().__init__()
        self.cfg = dict(cfg)
        self.encoder = ViTEncoder(self.cfg)
        self.decoder = Decoder(self.cfg)

    @torch.no_grad()
    def greedy(self, pixel_values, start=EOT, max_new=8):
        enc = self.encoder(pixel_values)
        past, cur, out = None, torch.full((pixel_values.shape[0], 1), start, dtype=torch.long), []
        for _ in range(max_new):
            logits, past = self.decoder(cur, enc, past)
            cur = logits[:, -1:].argmax(-1)
            out.append(cur)
        return torch.cat(out, 1)


def build(seed):
    """Construction order is fixed and every parameter comes from torch's CPU generator,
    so the same seed (and torch build) gives the same weights bit for bit."""
    torch.manual_seed(seed)
    m = BenchCaptioner(BENCH_CFG)
    m.eval()
    return m


def count_params(module):
    return sum(p.numel() for p in module.parameters())
