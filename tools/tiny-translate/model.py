"""Tiny MarianMT in plain torch: the two graphs transformers.js runs for model_type "marian".

Marian's recipe at toy size: shared token embeddings scaled by sqrt(d_model), fixed sinusoidal
positions, post-LN encoder and decoder layers, an lm_head tied to the embeddings plus
final_logits_bias. The decoder is the merged form (self- and cross-attention KV cache in and
out, use_cache_branch) that transformers.js feeds as decoder_model_merged.onnx.
"""
import math

import torch
from torch import nn

D_MODEL = 64
HEADS = 4
HEAD_DIM = D_MODEL // HEADS
FFN = 256
ENCODER_LAYERS = 2
DECODER_LAYERS = 2
MAX_POSITIONS = 32
NEG = -1e4  # additive mask value


def sinusoids(n, d):
    """Marian's fixed positions: sin in the first half of the features, cos in the second."""
    position = torch.arange(n, dtype=torch.float32)[:, None]
    rate = torch.exp(torch.arange(0, d, 2, dtype=torch.float32) * (-math.log(10000.0) / d))
    return torch.cat([torch.sin(position * rate), torch.cos(position * rate)], dim=1)


def split_heads(x):
    b, t, _ = x.shape
    return x.view(b, t, HEADS, HEAD_DIM).transpose(1, 2)


def merge_heads(x):
    b, _, t, _ = x.shape
    return x.transpose(1, 2).reshape(b, t, D_MODEL)


def attend(q, k, v, additive_mask):
    scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(HEAD_DIM) + additive_mask
    return torch.matmul(torch.softmax(scores, dim=-1), v)


def padding_mask(mask):
    """int64 [B, S] (1 = attend) -> additive [B, 1, 1, S]."""
    return (1.0 - mask[:, None, None, :].to(torch.float32)) * NEG


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.q, self.k, self.v, self.out = (nn.Linear(D_MODEL, D_MODEL) for _ in range(4))


class FeedForward(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1, self.fc2 = nn.Linear(D_MODEL, FFN), nn.Linear(FFN, D_MODEL)

    def forward(self, x):
        return self.fc2(nn.functional.silu(self.fc1(x)))  # Marian's activation_function "swish"


class EncoderLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.attn, self.attn_norm = Attention(), nn.LayerNorm(D_MODEL)
        self.ffn, self.ffn_norm = FeedForward(), nn.LayerNorm(D_MODEL)

    def forward(self, x, additive_mask):
        a = self.attn
        h = attend(split_heads(a.q(x)), split_heads(a.k(x)), split_heads(a.v(x)), additive_mask)
        x = self.attn_norm(x + a.out(merge_heads(h)))
        return self.ffn_norm(x + self.ffn(x))


class DecoderLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.self_attn, self.self_norm = Attention(), nn.LayerNorm(D_MODEL)
        self.cross_attn, self.cross_norm = Attention(), nn.LayerNorm(D_MODEL)
        self.ffn, self.ffn_norm = FeedForward(), nn.LayerNorm(D_MODEL)

    def forward(self, x, causal, cross_mask, enc, past_k, past_v, past_ck, past_cv, use_cache_branch):
        s = self.self_attn
        k = torch.cat([past_k, split_heads(s.k(x))], dim=2)
        v = torch.cat([past_v, split_heads(s.v(x))], dim=2)
        x = self.self_norm(x + s.out(merge_heads(attend(split_heads(s.q(x)), k, v, causal))))

        c = self.cross_attn
        fresh_k, fresh_v = split_heads(c.k(enc)), split_heads(c.v(enc))
        # One graph for both branches of the merged decoder (no If node): [past; fresh] cut to the
        # encoder length is the cached K/V when the past is full and the fresh K/V when it is empty.
        enc_len = fresh_k.shape[2]
        ck = torch.where(use_cache_branch, torch.cat([past_ck, fresh_k], dim=2)[:, :, :enc_len], fresh_k)
        cv = torch.where(use_cache_branch, torch.cat([past_cv, fresh_v], dim=2)[:, :, :enc_len], fresh_v)
        x = self.cross_norm(x + c.out(merge_heads(attend(split_heads(c.q(x)), ck, cv, cross_mask))))
        return self.ffn_norm(x + self.ffn(x)), k, v, ck, cv


class Marian(nn.Module):
    def __init__(self, vocab_size, pad_id):
        super().__init__()
        self.shared = nn.Embedding(vocab_size, D_MODEL, padding_idx=pad_id)
        self.register_buffer('positions', sinusoids(MAX_POSITIONS, D_MODEL))
        self.register_buffer('final_logits_bias', torch.zeros(1, vocab_size))
        self.encoder_layers = nn.ModuleList([EncoderLayer() for _ in range(ENCODER_LAYERS)])
        self.decoder_layers = nn.ModuleList([DecoderLayer() for _ in range(DECODER_LAYERS)])

    def embed(self, ids, start):
        steps = torch.arange(ids.shape[1], dtype=torch.int64) + start
        return self.shared(ids) * math.sqrt(D_MODEL) + self.positions[steps]

    def encode(self, input_ids, attention_mask):
        x = self.embed(input_ids, 0)
        mask = padding_mask(attention_mask)
        for layer in self.encoder_layers:
            x = layer(x, mask)
        return x

    def decode(self, encoder_attention_mask, input_ids, encoder_hidden_states, use_cache_branch, *past):
        t = input_ids.shape[1]
        past_len = past[0].shape[2]
        x = self.embed(input_ids, past_len)
        steps = torch.arange(t, dtype=torch.int64) + past_len
        keys = torch.arange(past_len + t, dtype=torch.int64)
        causal = (keys[None, :] > steps[:, None]).to(torch.float32)[None, None] * NEG
        cross_mask = padding_mask(encoder_attention_mask)
        presents = []
        for i, layer in enumerate(self.decoder_layers):
            x, k, v, ck, cv = layer(x, causal, cross_mask, encoder_hidden_states, *past[4 * i: 4 * i + 4], use_cache_branch)
            presents += [k, v, ck, cv]
        logits = torch.matmul(x, self.shared.weight.t()) + self.final_logits_bias
        return (logits, *presents)

    def empty_past(self, batch):
        return [torch.zeros(batch, HEADS, 0, HEAD_DIM) for _ in range(4 * DECODER_LAYERS)]


class EncoderGraph(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask):
        return self.model.encode(input_ids, attention_mask)


class DecoderGraph(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, encoder_attention_mask, input_ids, encoder_hidden_states, use_cache_branch, *past):
        return self.model.decode(encoder_attention_mask, input_ids, encoder_hidden_states, use_cache_branch, *past)
