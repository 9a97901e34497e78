"""Tiny random-weight Florence-2 in plain torch: the four graphs transformers.js runs.

Shapes and tensor roles follow Florence2ForConditionalGeneration (DaViT image features ->
BART encoder over [image features; prompt embeddings] -> BART decoder with a merged KV cache);
the dimensions are tiny and the weights are random. See README.md.
"""
import math

import torch
from torch import nn

D_MODEL = 32
HEADS = 2
HEAD_DIM = D_MODEL // HEADS
FFN = 64
ENCODER_LAYERS = 1
DECODER_LAYERS = 2
MAX_POSITIONS = 128
IMAGE_SIZE = 32
PATCH = 8
GRID = IMAGE_SIZE // PATCH
NUM_IMAGE_TOKENS = GRID * GRID + 1  # one pooled token + one per patch, as Florence-2's 577 = 1 + 24*24
POSITION_OFFSET = 2  # BartLearnedPositionalEmbedding offset
NEG = -1e4  # additive mask value; safe in fp32 and fp16
VOCAB_SIZE = None  # None: the tokenizer's own small vocabulary; an int pads it to that size
DAVIT = None  # None: the one-patch-conv vision stand-in; a dict: davit.py's hierarchical encoder
# The tiny fixture keeps one graph for both decoder branches (cross K/V always projected, the cache
# picked by Where), which is byte-identical to the committed files; at full size that would project
# 577 tokens of cross-attention K/V in every step, which the real If-node export never does.
SKIP_CACHED_CROSS = False

# Florence-2-base-ft's dimensions (config.json of microsoft/Florence-2-base-ft): BART-base text
# model, DaViT vision tower at 768 px (24 x 24 final grid + one pooled token = 577 image tokens).
PROFILES = {
    'base': dict(D_MODEL=768, HEADS=12, FFN=3072, ENCODER_LAYERS=6, DECODER_LAYERS=6, MAX_POSITIONS=1024,
                 IMAGE_SIZE=768, PATCH=32, VOCAB_SIZE=51289, SKIP_CACHED_CROSS=True,
                 DAVIT=dict(depths=[1, 1, 9, 1], dims=[128, 256, 512, 1024], heads=[4, 8, 16, 32],
                            groups=[4, 8, 16, 32], patch_size=[7, 3, 3, 3], patch_stride=[4, 2, 2, 2],
                            patch_padding=[3, 1, 1, 1], patch_prenorm=[False, True, True, True], window=12)),
}


def configure(profile):
    """Switches the module's dimensions to a named profile before any module is built."""
    g = globals()
    g.update(PROFILES[profile])
    g['HEAD_DIM'] = g['D_MODEL'] // g['HEADS']
    g['GRID'] = g['IMAGE_SIZE'] // g['PATCH']
    g['NUM_IMAGE_TOKENS'] = g['GRID'] * g['GRID'] + 1


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
        self.q = nn.Linear(D_MODEL, D_MODEL)
        self.k = nn.Linear(D_MODEL, D_MODEL)
        self.v = nn.Linear(D_MODEL, D_MODEL)
        self.out = nn.Linear(D_MODEL, D_MODEL)


class FeedForward(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(D_MODEL, FFN)
        self.fc2 = nn.Linear(FFN, D_MODEL)

    def forward(self, x):
        return self.fc2(nn.functional.gelu(self.fc1(x)))


class EncoderLayer(nn.Module):
    """Post-LN BART encoder layer (normalize_before = false)."""

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
        h = attend(split_heads(s.q(x)), k, v, causal)
        x = self.self_norm(x + s.out(merge_heads(h)))

        c = self.cross_attn
        if SKIP_CACHED_CROSS:
            # The cached branch projects a zero-length slice of the encoder output, so the step
            # costs what the real merged decoder's cached branch costs; the concat then yields the
            # past (cached) or the fresh K/V (first step, empty past).
            fresh = enc[:, :(enc.shape[1] * (1 - use_cache_branch.to(torch.int64)))[0]]
            ck = torch.cat([past_ck, split_heads(c.k(fresh))], dim=2)
            cv = torch.cat([past_cv, split_heads(c.v(fresh))], dim=2)
            h = attend(split_heads(c.q(x)), ck, cv, cross_mask)
            x = self.cross_norm(x + c.out(merge_heads(h)))
            return self.ffn_norm(x + self.ffn(x)), k, v, ck, cv
        fresh_k, fresh_v = split_heads(c.k(enc)), split_heads(c.v(enc))
        # The merged decoder's contract: with use_cache_branch the cross-attention K/V come from the
        # cache, otherwise from encoder_hidden_states. Slicing [past; fresh] to the encoder length
        # yields the past when it is full and the fresh K/V when the past is empty (first step),
        # so one graph serves both branches without an If node.
        enc_len = fresh_k.shape[2]
        ck = torch.where(use_cache_branch, torch.cat([past_ck, fresh_k], dim=2)[:, :, :enc_len], fresh_k)
        cv = torch.where(use_cache_branch, torch.cat([past_cv, fresh_v], dim=2)[:, :, :enc_len], fresh_v)
        h = attend(split_heads(c.q(x)), ck, cv, cross_mask)
        x = self.cross_norm(x + c.out(merge_heads(h)))
        return self.ffn_norm(x + self.ffn(x)), k, v, ck, cv


class EmbedTokens(nn.Module):
    def __init__(self, vocab_size):
        super().__init__()
        self.shared = nn.Embedding(vocab_size, D_MODEL)

    def forward(self, input_ids):
        return self.shared(input_ids)  # scale_embedding = false


class VisionEncoder(nn.Module):
    """Patch embedding + learned 2-D positions, then Florence-2's feature recipe:
    [spatial mean token; per-patch tokens] -> image_projection -> image_proj_norm."""

    def __init__(self):
        super().__init__()
        self.patch = nn.Conv2d(3, D_MODEL, PATCH, stride=PATCH)
        self.pos = nn.Parameter(torch.zeros(1, GRID * GRID, D_MODEL))
        self.norm = nn.LayerNorm(D_MODEL)
        self.image_projection = nn.Parameter(torch.zeros(D_MODEL, D_MODEL))
        self.image_proj_norm = nn.LayerNorm(D_MODEL)

    def forward(self, pixel_values):
        x = self.patch(pixel_values).flatten(2).transpose(1, 2)
        x = self.norm(x + self.pos)
        x = torch.cat([x.mean(dim=1, keepdim=True), x], dim=1)
        return self.image_proj_norm(torch.matmul(x, self.image_projection))


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.positions = nn.Embedding(MAX_POSITIONS + POSITION_OFFSET, D_MODEL)
        self.embed_norm = nn.LayerNorm(D_MODEL)
        self.layers = nn.ModuleList([EncoderLayer() for _ in range(ENCODER_LAYERS)])

    def forward(self, inputs_embeds, attention_mask):
        t = inputs_embeds.shape[1]
        pos = self.positions(torch.arange(t, dtype=torch.int64) + POSITION_OFFSET)
        x = self.embed_norm(inputs_embeds + pos)
        mask = padding_mask(attention_mask)
        for layer in self.layers:
            x = layer(x, mask)
        return x


class Decoder(nn.Module):
    def __init__(self, embed: EmbedTokens, final_logits_bias):
        super().__init__()
        self.embed = embed
        self.positions = nn.Embedding(MAX_POSITIONS + POSITION_OFFSET, D_MODEL)
        self.embed_norm = nn.LayerNorm(D_MODEL)
        self.layers = nn.ModuleList([DecoderLayer() for _ in range(DECODER_LAYERS)])
        self.register_buffer('final_logits_bias', final_logits_bias)
        # Untied (tie_word_embeddings false): with random weights a tied head echoes the input token forever.
        self.lm_head = nn.Parameter(torch.zeros_like(embed.shared.weight))

    def forward(self, encoder_attention_mask, encoder_hidden_states, inputs_embeds, use_cache_branch, *past):
        t = inputs_embeds.shape[1]
        past_len = past[0].shape[2]
        steps = torch.arange(t, dtype=torch.int64) + past_len
        x = self.embed_norm(inputs_embeds + self.positions(steps + POSITION_OFFSET))
        keys = torch.arange(past_len + t, dtype=torch.int64)
        causal = (keys[None, :] > steps[:, None]).to(torch.float32)[None, None] * NEG
        cross_mask = padding_mask(encoder_attention_mask)
        presents = []
        for i, layer in enumerate(self.layers):
            pk, pv, pck, pcv = past[4 * i: 4 * i + 4]
            x, k, v, ck, cv = layer(x, causal, cross_mask, encoder_hidden_states, pk, pv, pck, pcv, use_cache_branch)
            presents += [k, v, ck, cv]
        logits = torch.matmul(x, self.lm_head.t()) + self.final_logits_bias
        return (logits, *presents)
