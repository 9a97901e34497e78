"""The tiny LFM2-VL's three graphs in plain torch, with LFM2-VL's tensor names and cache layout.

Dims are tiny; what transformers.js relies on is the I/O (see README.md).
"""
import torch

# LFM2-VL-450M: LFM2-350M text model (hidden 1024, 16 layers of which 6 attention,
# 16 heads / 8 KV heads, conv_L_cache 3) and a SigLIP2 NaFlex base vision tower (768 wide, 16 px patches).
HIDDEN, HEADS, KV_HEADS, HEAD_DIM, FFN, L_CACHE = 32, 4, 2, 8, 64, 3
LAYER_TYPES = ["conv", "full_attention", "conv"]
VISION = 24
# Image processing, scaled down: 8 px patches, 2x2 pixel unshuffle, 64 px tiles, 4..16 tokens for
# a single image (LFM2-VL-450M: 16 px, 2x2, 512 px tiles, 64..256 tokens).
PATCH, DOWNSAMPLE, TILE, MIN_TOKENS, MAX_TOKENS, MIN_TILES, MAX_TILES = 8, 2, 64, 4, 16, 2, 4


class RMSNorm(torch.nn.Module):
    def __init__(self, d):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.ones(d))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-5) * self.weight


def rotate_half(x):
    return torch.cat((-x[..., HEAD_DIM // 2:], x[..., : HEAD_DIM // 2]), dim=-1)


class SwiGLU(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.w1 = torch.nn.Linear(HIDDEN, FFN, bias=False)
        self.w3 = torch.nn.Linear(HIDDEN, FFN, bias=False)
        self.w2 = torch.nn.Linear(FFN, HIDDEN, bias=False)

    def forward(self, x):
        return self.w2(torch.nn.functional.silu(self.w1(x)) * self.w3(x))


class ShortConvLayer(torch.nn.Module):
    """LFM2's gated short convolution; the cache is the last L_CACHE inputs of the depthwise conv."""

    def __init__(self):
        super().__init__()
        self.operator_norm, self.ffn_norm = RMSNorm(HIDDEN), RMSNorm(HIDDEN)
        self.in_proj = torch.nn.Linear(HIDDEN, 3 * HIDDEN, bias=False)
        self.conv_weight = torch.nn.Parameter(torch.randn(HIDDEN, L_CACHE))
        self.out_proj = torch.nn.Linear(HIDDEN, HIDDEN, bias=False)
        self.ffn = SwiGLU()

    def forward(self, x, past_conv):
        t = x.shape[1]
        b_gate, c_gate, xx = self.in_proj(self.operator_norm(x)).transpose(1, 2).chunk(3, dim=1)
        bx = b_gate * xx                                        # [b, H, t]
        window = torch.cat([past_conv, bx], dim=2)              # [b, H, L + t]
        # Output i reads inputs i+1..i+L of the window: the L-1 cached ones before it, then itself.
        taps = torch.stack([window[:, :, 1 + k: 1 + k + t] for k in range(L_CACHE)], dim=-1)
        conv = (taps * self.conv_weight[None, :, None, :]).sum(-1)
        y = self.out_proj((c_gate * conv).transpose(1, 2))
        x = x + y
        x = x + self.ffn(self.ffn_norm(x))
        return x, window[:, :, -L_CACHE:]


class AttentionLayer(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.operator_norm, self.ffn_norm = RMSNorm(HIDDEN), RMSNorm(HIDDEN)
        self.q_proj = torch.nn.Linear(HIDDEN, HEADS * HEAD_DIM, bias=False)
        self.k_proj = torch.nn.Linear(HIDDEN, KV_HEADS * HEAD_DIM, bias=False)
        self.v_proj = torch.nn.Linear(HIDDEN, KV_HEADS * HEAD_DIM, bias=False)
        self.q_layernorm, self.k_layernorm = RMSNorm(HEAD_DIM), RMSNorm(HEAD_DIM)
        self.out_proj = torch.nn.Linear(HEADS * HEAD_DIM, HIDDEN, bias=False)
        self.ffn = SwiGLU()

    def forward(self, x, cos, sin, mask, past_k, past_v):
        b, t, _ = x.shape
        h = self.operator_norm(x)
        q = self.q_layernorm(self.q_proj(h).view(b, t, HEADS, HEAD_DIM)).transpose(1, 2)
        k = self.k_layernorm(self.k_proj(h).view(b, t, KV_HEADS, HEAD_DIM)).transpose(1, 2)
        v = self.v_proj(h).view(b, t, KV_HEADS, HEAD_DIM).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = torch.cat([past_k, k], dim=2)
        v = torch.cat([past_v, v], dim=2)
        rep = HEADS // KV_HEADS
        kr = k.unsqueeze(2).expand(-1, -1, rep, -1, -1).reshape(b, HEADS, -1, HEAD_DIM)
        vr = v.unsqueeze(2).expand(-1, -1, rep, -1, -1).reshape(b, HEADS, -1, HEAD_DIM)
        att = (q @ kr.transpose(-1, -2)) / (HEAD_DIM ** 0.5) + mask
        y = torch.softmax(att, dim=-1) @ vr
        x = x + self.out_proj(y.transpose(1, 2).reshape(b, t, HEADS * HEAD_DIM))
        x = x + self.ffn(self.ffn_norm(x))
        return x, k, v


class Decoder(torch.nn.Module):
    """Only the `word_ids` can win the argmax, so random weights still decode to readable words."""

    def __init__(self, vocab_size, word_ids):
        super().__init__()
        self.layers = torch.nn.ModuleList([ShortConvLayer() if kind == "conv" else AttentionLayer() for kind in LAYER_TYPES])
        self.embedding_norm = RMSNorm(HIDDEN)
        self.lm_head = torch.nn.Linear(HIDDEN, vocab_size, bias=False)
        allowed = torch.full((vocab_size,), -1e4)
        allowed[word_ids] = 0.0
        self.register_buffer("allowed", allowed)
        inv = 1.0 / (1_000_000.0 ** (torch.arange(0, HEAD_DIM, 2).float() / HEAD_DIM))
        self.register_buffer("inv_freq", inv)

    def forward(self, inputs_embeds, attention_mask, position_ids, *past):
        # past follows the order of cache_names(): one conv state or one key/value pair per layer.
        t = inputs_embeds.shape[1]
        first_kv = LAYER_TYPES.index("full_attention")
        past_len = past[cache_index(first_kv)].shape[2]
        total = past_len + t
        freqs = position_ids.unsqueeze(-1).float() * self.inv_freq
        emb = torch.cat([freqs, freqs], dim=-1).unsqueeze(1)
        cos, sin = emb.cos(), emb.sin()
        key_pos = torch.arange(total).unsqueeze(0)
        query_pos = (torch.arange(t) + past_len).unsqueeze(1)
        keep = (key_pos <= query_pos).unsqueeze(0).unsqueeze(0) & (attention_mask[:, None, None, :] > 0)
        mask = (~keep).float() * -1e9
        x, presents = inputs_embeds, []
        for i, layer in enumerate(self.layers):
            j = cache_index(i)
            if LAYER_TYPES[i] == "conv":
                x, state = layer(x, past[j])
                presents.append(state)
            else:
                x, k, v = layer(x, cos, sin, mask, past[j], past[j + 1])
                presents += [k, v]
        logits = self.lm_head(self.embedding_norm(x)) + self.allowed
        return (logits, *presents)


def cache_index(layer):
    return sum(1 if kind == "conv" else 2 for kind in LAYER_TYPES[:layer])


def cache_names(prefix_kv, prefix_conv):
    names = []
    for i, kind in enumerate(LAYER_TYPES):
        names += [f"{prefix_conv}_conv.{i}"] if kind == "conv" else [f"{prefix_kv}.{i}.key", f"{prefix_kv}.{i}.value"]
    return names


class VisionEncoder(torch.nn.Module):
    """Patch embedding + a tile-wide mean (standing in for SigLIP2 attention) + the 2x2 unshuffle's
    token selection + projector. Keeps exactly ceil(h/2)*ceil(w/2) rows per tile, in tile order,
    so the feature count matches the <image> tokens the processor writes."""

    def __init__(self):
        super().__init__()
        self.patch = torch.nn.Linear(3 * PATCH * PATCH, VISION)
        self.proj1 = torch.nn.Linear(VISION, HIDDEN)
        self.proj2 = torch.nn.Linear(HIDDEN, HIDDEN)

    def forward(self, pixel_values, pixel_attention_mask, spatial_shapes):
        tiles, patches, _ = pixel_values.shape
        valid = pixel_attention_mask.unsqueeze(-1).float()                       # [T, P, 1]
        x = torch.nn.functional.gelu(self.patch(pixel_values))                   # [T, P, VISION]
        tile_mean = (x * valid).sum(1, keepdim=True) / valid.sum(1, keepdim=True).clamp(min=1.0)
        x = x + tile_mean
        height = spatial_shapes[:, 0:1]
        width = spatial_shapes[:, 1:2]
        index = torch.arange(patches).unsqueeze(0)                               # [1, P]
        row, col = index // width, index % width
        keep = (index < height * width) & (row % DOWNSAMPLE == 0) & (col % DOWNSAMPLE == 0)
        features = self.proj2(torch.nn.functional.gelu(self.proj1(x)))
        return features.reshape(tiles * patches, HIDDEN)[keep.reshape(-1)]


class EmbedTokens(torch.nn.Module):
    def __init__(self, vocab_size):
        super().__init__()
        self.embed = torch.nn.Embedding(vocab_size, HIDDEN)

    def forward(self, input_ids):
        return self.embed(input_ids)
