"""Tiny captioner: hybrid-ViT encoder (conv stem + transformer blocks) and a GPT-2
style decoder with cross-attention and a self-attention KV cache (export-friendly)."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

DEFAULT_CFG = dict(
    img=96,          # input side
    stem=(24, 48, 64),  # conv stem channels; each conv is 3x3 stride 2 (+BatchNorm, GELU)
    d=96,            # model width (encoder and decoder)
    heads=4,
    enc_layers=2,
    dec_layers=2,
    mlp=4,           # MLP expansion
    vocab=23,
    n_positions=16,
)


def grid_of(cfg):
    g = cfg["img"]
    for _ in range(len(cfg["stem"]) + 1):
        g = (g + 1) // 2
    return g


class MHA(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.h, self.hd = heads, d // heads
        self.q = nn.Linear(d, d)
        self.k = nn.Linear(d, d)
        self.v = nn.Linear(d, d)
        self.o = nn.Linear(d, d)

    def split(self, x):  # (B,T,d) -> (B,h,T,hd)
        B, T, _ = x.shape
        return x.reshape(B, T, self.h, self.hd).transpose(1, 2)

    def attend(self, q, k, v, mask=None):
        att = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(self.hd))
        if mask is not None:
            att = att.masked_fill(~mask, -1e4)
        att = att.softmax(-1)
        y = torch.matmul(att, v)
        B, _, T, _ = y.shape
        return self.o(y.transpose(1, 2).reshape(B, T, self.h * self.hd))


class EncBlock(nn.Module):
    def __init__(self, d, heads, mlp):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.att = MHA(d, heads)
        self.mlp = nn.Sequential(nn.Linear(d, mlp * d), nn.GELU(), nn.Linear(mlp * d, d))

    def forward(self, x):
        h = self.ln1(x)
        a = self.att
        x = x + a.attend(a.split(a.q(h)), a.split(a.k(h)), a.split(a.v(h)))
        return x + self.mlp(self.ln2(x))


class DecBlock(nn.Module):
    def __init__(self, d, heads, mlp):
        super().__init__()
        self.ln1, self.ln2, self.ln3 = nn.LayerNorm(d), nn.LayerNorm(d), nn.LayerNorm(d)
        self.self_att = MHA(d, heads)
        self.cross_att = MHA(d, heads)
        self.mlp = nn.Sequential(nn.Linear(d, mlp * d), nn.GELU(), nn.Linear(mlp * d, d))

    def forward(self, x, enc, mask, past_k=None, past_v=None):
        a = self.self_att
        h = self.ln1(x)
        k, v = a.split(a.k(h)), a.split(a.v(h))
        if past_k is not None:
            k = torch.cat([past_k, k], 2)
            v = torch.cat([past_v, v], 2)
        x = x + a.attend(a.split(a.q(h)), k, v, mask)
        c = self.cross_att
        h = self.ln2(x)
        x = x + c.attend(c.split(c.q(h)), c.split(c.k(enc)), c.split(c.v(enc)))
        return x + self.mlp(self.ln3(x)), k, v


class Encoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        chans = [3] + list(cfg["stem"])
        layers = []
        for a, b in zip(chans[:-1], chans[1:]):
            if cfg.get("bn", True):
                layers += [nn.Conv2d(a, b, 3, 2, 1, bias=False), nn.BatchNorm2d(b), nn.GELU()]
            else:
                layers += [nn.Conv2d(a, b, 3, 2, 1), nn.GELU()]
        layers += [nn.Conv2d(chans[-1], cfg["d"], 3, 2, 1)]
        self.stem = nn.Sequential(*layers)
        g = grid_of(cfg)
        self.cls = nn.Parameter(torch.zeros(1, 1, cfg["d"]))  # also an attention "sink"
        self.pos = nn.Parameter(torch.zeros(1, g * g + 1, cfg["d"]))
        nn.init.normal_(self.pos, std=0.02)
        self.blocks = nn.ModuleList(EncBlock(cfg["d"], cfg["heads"], cfg["mlp"])
                                    for _ in range(cfg["enc_layers"]))
        self.ln = nn.LayerNorm(cfg["d"])

    def forward(self, pixel_values):
        x = self.stem(pixel_values)  # (B,d,g,g)
        x = x.flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(x.shape[0], -1, -1), x], 1) + self.pos
        for b in self.blocks:
            x = b(x)
        return self.ln(x)


class Decoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        d = cfg["d"]
        self.n_positions = cfg["n_positions"]
        self.wte = nn.Embedding(cfg["vocab"], d)
        self.wpe = nn.Embedding(cfg["n_positions"], d)
        nn.init.normal_(self.wte.weight, std=0.02)
        nn.init.normal_(self.wpe.weight, std=0.02)
        self.blocks = nn.ModuleList(DecBlock(d, cfg["heads"], cfg["mlp"])
                                    for _ in range(cfg["dec_layers"]))
        self.ln = nn.LayerNorm(d)

    def forward(self, input_ids, enc, past=None):
        """input_ids (B,T); enc (B,S,d); past: list of (k,v) (B,h,P,hd) or None.
        Returns logits (B,T,V) and list of present (k,v) (B,h,P+T,hd)."""
        T = input_ids.shape[1]
        P = past[0][0].shape[2] if past is not None else 0
        q_pos = torch.arange(T, device=input_ids.device) + P
        k_pos = torch.arange(P + T, device=input_ids.device)
        mask = (k_pos[None, :] <= q_pos[:, None])[None, None]  # (1,1,T,P+T)
        pos = torch.clamp(q_pos, max=self.n_positions - 1)
        x = self.wte(input_ids) + self.wpe(pos)[None]
        presents = []
        for i, b in enumerate(self.blocks):
            pk, pv = past[i] if past is not None else (None, None)
            x, k, v = b(x, enc, mask, pk, pv)
            presents.append((k, v))
        logits = F.linear(self.ln(x), self.wte.weight)
        return logits, presents


class Captioner(nn.Module):
    def __init__(self, cfg=None):
        super().__init__()
        self.cfg = dict(DEFAULT_CFG, **(cfg or {}))
        self.encoder = Encoder(self.cfg)
        self.decoder = Decoder(self.cfg)
        # training-only auxiliary classifier on the CLS token (count 3, shape 3, fg 8, bg 8);
        # not exported.  It gives the encoder a direct count/shape signal.
        self.aux = nn.Linear(self.cfg["d"], 3 + 3 + 8 + 8)

    def forward(self, pixel_values, input_ids, with_aux=False):
        enc = self.encoder(pixel_values)
        logits = self.decoder(input_ids, enc)[0]
        if not with_aux:
            return logits
        a = self.aux(enc[:, 0])
        return logits, (a[:, :3], a[:, 3:6], a[:, 6:14], a[:, 14:])

    @torch.no_grad()
    def greedy(self, pixel_values, bos=1, eos=2, max_new=10):
        enc = self.encoder(pixel_values)
        B = pixel_values.shape[0]
        ids = torch.full((B, 1), bos, dtype=torch.long)
        past, cur, out = None, ids, []
        for _ in range(max_new):
            logits, past = self.decoder(cur, enc, past)
            cur = logits[:, -1:].argmax(-1)
            out.append(cur)
        return torch.cat(out, 1)


def preprocess(x_uint8):
    """(B,H,W,3) uint8 -> (B,3,H,W) float in [-1,1] (ViTImageProcessor mean=std=0.5)."""
    x = torch.as_tensor(x_uint8).permute(0, 3, 1, 2).float()
    return x * (2.0 / 255.0) - 1.0
