"""A tiny Idefics3/SmolVLM in plain torch: SigLIP-style vision tower + pixel-shuffle connector,
token embeddings, and a Llama decoder (RMSNorm, RoPE, grouped-query attention, SwiGLU) with a
KV cache. Random weights; the graphs only have to carry the real names, dtypes and shapes."""
import math

import torch
from torch import nn
import torch.nn.functional as F


class VisionEncoder(nn.Module):
    """pixel_values [B, N, 3, H, W] + pixel_attention_mask [B, N, H, W] -> image_features
    [B*N, image_seq_len, text_hidden], as SmolVLM's vision_encoder.onnx."""

    def __init__(self, image_size, patch, hidden, heads, mlp, scale_factor, text_hidden, layers=1):
        super().__init__()
        self.patch, self.heads, self.scale = patch, heads, scale_factor
        self.side = image_size // patch
        self.patch_embed = nn.Conv2d(3, hidden, patch, stride=patch)
        self.pos = nn.Parameter(torch.randn(1, self.side * self.side, hidden) * 0.02)
        self.ln1, self.ln2, self.post_ln = nn.LayerNorm(hidden), nn.LayerNorm(hidden), nn.LayerNorm(hidden)
        self.qkv, self.proj = nn.Linear(hidden, 3 * hidden), nn.Linear(hidden, hidden)
        self.fc1, self.fc2 = nn.Linear(hidden, mlp), nn.Linear(mlp, hidden)
        self.connector = nn.Linear(hidden * scale_factor * scale_factor, text_hidden, bias=False)
        # Layers after the first are built last, so the one-layer fixture's weights stay as they were.
        self.more = nn.ModuleList(VisionLayer(hidden, heads, mlp) for _ in range(layers - 1))

    def pixel_shuffle(self, x):
        # Idefics3Connector.pixel_shuffle, with the static side length of a frame.
        s, side, d = self.scale, self.side, x.shape[-1]
        x = x.reshape(-1, side, side // s, d * s).permute(0, 2, 1, 3)
        x = x.reshape(-1, side // s, side // s, d * s * s).permute(0, 2, 1, 3)
        return x.reshape(-1, (side // s) ** 2, d * s * s)

    def forward(self, pixel_values, pixel_attention_mask):
        h, w = pixel_values.shape[-2], pixel_values.shape[-1]
        frames = pixel_values.reshape(-1, 3, h, w)
        # A patch takes part in attention if any of its pixels is real (Idefics3's patch mask).
        mask = pixel_attention_mask.reshape(-1, 1, h, w).to(torch.float32)
        patch_mask = F.max_pool2d(mask, self.patch, self.patch).flatten(1)  # [BN, P]
        x = self.patch_embed(frames).flatten(2).transpose(1, 2) + self.pos
        bias = (1.0 - patch_mask)[:, None, None, :] * -1e9
        b, n, d = x.shape
        q, k, v = self.qkv(self.ln1(x)).reshape(b, n, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d // self.heads) + bias, dim=-1)
        x = x + self.proj((att @ v).transpose(1, 2).reshape(b, n, d))
        x = x + self.fc2(F.gelu(self.fc1(self.ln2(x)), approximate="tanh"))
        for layer in self.more:
            x = layer(x, bias)
        return self.connector(self.pixel_shuffle(self.post_ln(x)))


class VisionLayer(nn.Module):
    """One more SigLIP encoder layer (pre-LN attention + tanh-GELU MLP), masked like the first."""

    def __init__(self, hidden, heads, mlp):
        super().__init__()
        self.heads = heads
        self.ln1, self.ln2 = nn.LayerNorm(hidden), nn.LayerNorm(hidden)
        self.qkv, self.proj = nn.Linear(hidden, 3 * hidden), nn.Linear(hidden, hidden)
        self.fc1, self.fc2 = nn.Linear(hidden, mlp), nn.Linear(mlp, hidden)

    def forward(self, x, bias):
        b, n, d = x.shape
        q, k, v = self.qkv(self.ln1(x)).reshape(b, n, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d // self.heads) + bias, dim=-1)
        x = x + self.proj((att @ v).transpose(1, 2).reshape(b, n, d))
        return x + self.fc2(F.gelu(self.fc1(self.ln2(x)), approximate="tanh"))


class RMSNorm(nn.Module):
    def __init__(self, d, eps=1e-5):
        super().__init__()
        self.weight, self.eps = nn.Parameter(torch.ones(d)), eps

    def forward(self, x):
        return self.weight * x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps)


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


class LlamaLayer(nn.Module):
    def __init__(self, hidden, heads, kv_heads, head_dim, mlp):
        super().__init__()
        self.heads, self.kv_heads, self.head_dim = heads, kv_heads, head_dim
        self.in_norm, self.post_norm = RMSNorm(hidden), RMSNorm(hidden)
        self.q = nn.Linear(hidden, heads * head_dim, bias=False)
        self.k = nn.Linear(hidden, kv_heads * head_dim, bias=False)
        self.v = nn.Linear(hidden, kv_heads * head_dim, bias=False)
        self.o = nn.Linear(heads * head_dim, hidden, bias=False)
        self.gate, self.up = nn.Linear(hidden, mlp, bias=False), nn.Linear(hidden, mlp, bias=False)
        self.down = nn.Linear(mlp, hidden, bias=False)

    def repeat_kv(self, x):
        b, s = x.shape[0], x.shape[2]
        rep = self.heads // self.kv_heads
        return x.unsqueeze(2).expand(-1, -1, rep, -1, -1).reshape(b, self.heads, s, self.head_dim)

    def forward(self, x, cos, sin, bias, past_k, past_v):
        b, t, _ = x.shape
        h = self.in_norm(x)
        q = self.q(h).reshape(b, t, self.heads, self.head_dim).transpose(1, 2)
        k = self.k(h).reshape(b, t, self.kv_heads, self.head_dim).transpose(1, 2)
        v = self.v(h).reshape(b, t, self.kv_heads, self.head_dim).transpose(1, 2)
        q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
        k, v = torch.cat([past_k, k], dim=2), torch.cat([past_v, v], dim=2)
        att = torch.softmax(q @ self.repeat_kv(k).transpose(-1, -2) / math.sqrt(self.head_dim) + bias, dim=-1)
        x = x + self.o((att @ self.repeat_kv(v)).transpose(1, 2).reshape(b, t, -1))
        h = self.post_norm(x)
        return x + self.down(F.silu(self.gate(h)) * self.up(h)), k, v


class LlamaDecoder(nn.Module):
    """inputs_embeds + attention_mask + position_ids + past -> logits + present, with the
    Optimum decoder_model_merged names (no use_cache_branch: the past may be zero-length)."""

    def __init__(self, vocab, hidden, layers, heads, kv_heads, head_dim, mlp, rope_theta, suppressed):
        super().__init__()
        self.layers = nn.ModuleList(LlamaLayer(hidden, heads, kv_heads, head_dim, mlp) for _ in range(layers))
        self.norm = RMSNorm(hidden)
        self.lm_head = nn.Linear(hidden, vocab, bias=False)
        inv = 1.0 / (rope_theta ** (torch.arange(0, head_dim, 2, dtype=torch.float32) / head_dim))
        self.register_buffer("inv_freq", inv)
        # Random weights would emit specials and punctuation as often as words; pushing them down
        # keeps the fixture's output to readable words and lets it run to max_new_tokens.
        penalty = torch.zeros(vocab)
        penalty[suppressed] = -1e4
        self.register_buffer("penalty", penalty)

    def forward(self, inputs_embeds, attention_mask, position_ids, *past):
        t = inputs_embeds.shape[1]
        past_len = past[0].shape[2]
        total = attention_mask.shape[1]
        freqs = position_ids.unsqueeze(-1).to(torch.float32) * self.inv_freq
        emb = torch.cat([freqs, freqs], dim=-1).unsqueeze(1)
        cos, sin = emb.cos(), emb.sin()
        q_pos = torch.arange(t, device=inputs_embeds.device).unsqueeze(1) + past_len
        k_pos = torch.arange(total, device=inputs_embeds.device).unsqueeze(0)
        allowed = (k_pos <= q_pos).unsqueeze(0).unsqueeze(0) & attention_mask.bool()[:, None, None, :]
        bias = torch.where(allowed, torch.zeros((), dtype=torch.float32), torch.full((), -1e9))
        x, presents = inputs_embeds, []
        for i, layer in enumerate(self.layers):
            x, k, v = layer(x, cos, sin, bias, past[2 * i], past[2 * i + 1])
            presents += [k, v]
        return (self.lm_head(self.norm(x)) + self.penalty, *presents)
