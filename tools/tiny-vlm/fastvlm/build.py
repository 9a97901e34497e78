"""Build altscribe/tiny-fastvlm: a random-weight model with FastVLM's file set and tensor names.

Mirrors onnx-community/FastVLM-0.5B-ONNX as transformers.js 4.3.1 loads it (model_type
`llava_qwen2` -> LlavaQwen2ForCausalLM, an ImageTextToText model):
  onnx/embed_tokens.onnx          input_ids -> inputs_embeds
  onnx/vision_encoder.onnx        pixel_values -> image_features
  onnx/decoder_model_merged.onnx  inputs_embeds, attention_mask, position_ids, past_key_values.{i}.key|value
                                  -> logits, present.{i}.key|value
plus LlavaProcessor (processor_config.json) + CLIPImageProcessor (preprocessor_config.json) and a
Qwen2-style byte-level BPE tokenizer whose chat template is Qwen2's.

Usage: /usr/bin/python3 build.py [OUT_DIR]   (default: public/models/altscribe/tiny-fastvlm)
Deterministic: fixed seed, no training.
"""
import json
import os
import sys

import onnx
import torch

torch.manual_seed(20261127)
torch.set_num_threads(1)
OPSET = 17

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../public/models/altscribe/tiny-fastvlm")

# Tiny dims. FastVLM-0.5B: hidden 896, 24 layers, 14 heads / 2 KV heads, 1024 px, 64 px per token.
HIDDEN, LAYERS, HEADS, KV_HEADS, HEAD_DIM, FFN = 32, 2, 4, 2, 8, 64
MM_HIDDEN = 24                  # vision tower width before the projector (FastVLM: 3072)
IMAGE, PATCH = 64, 16           # 64x64 crop, 16 px per token -> 16 image tokens (FastVLM: 1024/64 -> 256)
MAX_POS = 512

# Words the model may write. Only these whole-word tokens can win the argmax, so random weights
# still decode to readable words a test can check (the shapes-world vocabulary and a few more).
WORDS = ["a", "two", "three", "red", "green", "blue", "yellow", "white", "black", "purple", "pink",
         "circle", "circles", "square", "squares", "triangle", "triangles", "on", "background",
         "shape", "shapes", "small", "large", "with", "and", "the"]
SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<image>"]

QWEN2_CHAT_TEMPLATE = (
    "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
    "{{ '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{% endif %}"
    "{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)
QWEN2_SPLIT = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*"
               r"|\s*[\r\n]+|\s+(?!\S)|\s+")


def bytes_to_unicode():
    """GPT-2 / Qwen2 byte-level alphabet: every byte gets a printable character."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return [chr(c) for c in cs]


def build_vocab():
    vocab, merges = {}, []
    for ch in bytes_to_unicode():
        vocab[ch] = len(vocab)
    word_ids = []
    for w in WORDS:
        pieces = ["Ġ"] + list(w)  # "Ġ" is the byte-level space: words are learned with their leading space
        cur = pieces[0]
        for p in pieces[1:]:
            merge = f"{cur} {p}"
            cur += p
            if merge not in merges:
                merges.append(merge)
            if cur not in vocab:
                vocab[cur] = len(vocab)
        word_ids.append(vocab[cur])
    special_ids = {}
    for s in SPECIALS:
        special_ids[s] = len(vocab)
        vocab[s] = len(vocab)
    return vocab, merges, word_ids, special_ids


VOCAB, MERGES, WORD_IDS, SPECIAL_IDS = build_vocab()
V = len(VOCAB)
IMAGE_TOKEN_ID = SPECIAL_IDS["<image>"]
EOS_ID, PAD_ID = SPECIAL_IDS["<|im_end|>"], SPECIAL_IDS["<|endoftext|>"]


def rand(*shape, std=0.3):
    return torch.nn.Parameter(torch.randn(*shape) * std)


class RMSNorm(torch.nn.Module):
    def __init__(self, d):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.ones(d))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6) * self.weight


def rotate_half(x):
    return torch.cat((-x[..., HEAD_DIM // 2:], x[..., : HEAD_DIM // 2]), dim=-1)


class Qwen2Layer(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1, self.ln2 = RMSNorm(HIDDEN), RMSNorm(HIDDEN)
        self.q = torch.nn.Linear(HIDDEN, HEADS * HEAD_DIM)
        self.k = torch.nn.Linear(HIDDEN, KV_HEADS * HEAD_DIM)
        self.v = torch.nn.Linear(HIDDEN, KV_HEADS * HEAD_DIM)
        self.o = torch.nn.Linear(HEADS * HEAD_DIM, HIDDEN, bias=False)
        self.gate = torch.nn.Linear(HIDDEN, FFN, bias=False)
        self.up = torch.nn.Linear(HIDDEN, FFN, bias=False)
        self.down = torch.nn.Linear(FFN, HIDDEN, bias=False)

    def forward(self, x, cos, sin, mask, past_k, past_v):
        b, t, _ = x.shape
        h = self.ln1(x)
        q = self.q(h).view(b, t, HEADS, HEAD_DIM).transpose(1, 2)
        k = self.k(h).view(b, t, KV_HEADS, HEAD_DIM).transpose(1, 2)
        v = self.v(h).view(b, t, KV_HEADS, HEAD_DIM).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = torch.cat([past_k, k], dim=2)
        v = torch.cat([past_v, v], dim=2)
        rep = HEADS // KV_HEADS
        # Grouped-query attention as in Qwen2 (expand+reshape: repeat_interleave exports with baked shapes).
        kr = k.unsqueeze(2).expand(-1, -1, rep, -1, -1).reshape(b, HEADS, -1, HEAD_DIM)
        vr = v.unsqueeze(2).expand(-1, -1, rep, -1, -1).reshape(b, HEADS, -1, HEAD_DIM)
        att = (q @ kr.transpose(-1, -2)) / (HEAD_DIM ** 0.5) + mask
        y = torch.softmax(att, dim=-1) @ vr
        x = x + self.o(y.transpose(1, 2).reshape(b, t, HEADS * HEAD_DIM))
        h = self.ln2(x)
        x = x + self.down(torch.nn.functional.silu(self.gate(h)) * self.up(h))
        return x, k, v


class Decoder(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = torch.nn.ModuleList([Qwen2Layer() for _ in range(LAYERS)])
        self.norm = RMSNorm(HIDDEN)
        self.lm_head = torch.nn.Linear(HIDDEN, V, bias=False)
        allowed = torch.full((V,), -1e4)
        allowed[WORD_IDS] = 0.0
        self.register_buffer("allowed", allowed)
        inv = 1.0 / (1_000_000.0 ** (torch.arange(0, HEAD_DIM, 2).float() / HEAD_DIM))
        self.register_buffer("inv_freq", inv)

    def forward(self, inputs_embeds, attention_mask, position_ids, *past):
        t = inputs_embeds.shape[1]
        past_len = past[0].shape[2]
        total = past_len + t
        freqs = position_ids.unsqueeze(-1).float() * self.inv_freq  # [b, t, hd/2]
        emb = torch.cat([freqs, freqs], dim=-1).unsqueeze(1)        # [b, 1, t, hd]
        cos, sin = emb.cos(), emb.sin()
        key_pos = torch.arange(total).unsqueeze(0)
        query_pos = (torch.arange(t) + past_len).unsqueeze(1)
        causal = key_pos <= query_pos                                # [t, total]
        keep = causal.unsqueeze(0).unsqueeze(0) & (attention_mask[:, None, None, :] > 0)
        mask = (~keep).float() * -1e9
        x, presents = inputs_embeds, []
        for i, layer in enumerate(self.layers):
            x, k, v = layer(x, cos, sin, mask, past[2 * i], past[2 * i + 1])
            presents += [k, v]
        logits = self.lm_head(self.norm(x)) + self.allowed
        return (logits, *presents)


class VisionEncoder(torch.nn.Module):
    """Patchify + llava `mlp2x_gelu` projector; FastViTHD is a conv/attention hybrid with the same I/O."""

    def __init__(self):
        super().__init__()
        self.patch = torch.nn.Conv2d(3, MM_HIDDEN, PATCH, PATCH)
        self.proj1 = torch.nn.Linear(MM_HIDDEN, HIDDEN)
        self.proj2 = torch.nn.Linear(HIDDEN, HIDDEN)

    def forward(self, pixel_values):
        x = self.patch(pixel_values).flatten(2).transpose(1, 2)
        return self.proj2(torch.nn.functional.gelu(self.proj1(x)))


class EmbedTokens(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Embedding(V, HIDDEN)

    def forward(self, input_ids):
        return self.embed(input_ids)


def randomize(module, std):
    """Fresh random weights, larger than torch's defaults so the image visibly steers the words."""
    with torch.no_grad():
        for name, p in module.named_parameters():
            if p.dim() > 1:
                p.copy_(torch.randn_like(p) * std)
            elif name.endswith("ln1.weight") or name.endswith("ln2.weight") or name == "norm.weight":
                p.copy_(1.0 + torch.randn_like(p) * 0.1)
            else:
                p.copy_(torch.randn_like(p) * 0.1)


def write_json(name, obj):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, indent=2, ensure_ascii=False)
        f.write("\n")


def write_configs():
    write_json("config.json", {
        "architectures": ["LlavaQwen2ForCausalLM"],
        "model_type": "llava_qwen2",
        "hidden_size": HIDDEN, "intermediate_size": FFN, "num_hidden_layers": LAYERS,
        "num_attention_heads": HEADS, "num_key_value_heads": KV_HEADS, "hidden_act": "silu",
        "max_position_embeddings": MAX_POS, "rms_norm_eps": 1e-6, "rope_theta": 1000000.0,
        "vocab_size": V, "tie_word_embeddings": False, "use_cache": True,
        "bos_token_id": PAD_ID, "eos_token_id": EOS_ID,
        "image_token_index": IMAGE_TOKEN_ID,
        "mm_hidden_size": MM_HIDDEN, "mm_projector_type": "mlp2x_gelu", "mm_vision_tower": "tiny-patchify",
        "torch_dtype": "float32",
    })
    write_json("generation_config.json", {"bos_token_id": PAD_ID, "eos_token_id": [EOS_ID, PAD_ID], "pad_token_id": PAD_ID})
    write_json("preprocessor_config.json", {
        "crop_size": {"height": IMAGE, "width": IMAGE}, "do_center_crop": True, "do_convert_rgb": True,
        "do_normalize": True, "do_rescale": True, "do_resize": True,
        "image_mean": [0.0, 0.0, 0.0], "image_std": [1.0, 1.0, 1.0],
        "image_processor_type": "CLIPImageProcessor", "processor_class": "LlavaProcessor",
        "resample": 3, "rescale_factor": 1 / 255, "size": {"shortest_edge": IMAGE},
    })
    write_json("processor_config.json", {
        "image_token": "<image>", "num_additional_image_tokens": 0, "patch_size": PATCH,
        "processor_class": "LlavaProcessor", "vision_feature_select_strategy": "full",
    })
    write_json("added_tokens.json", {s: SPECIAL_IDS[s] for s in SPECIALS})
    write_json("special_tokens_map.json", {
        "additional_special_tokens": ["<|im_start|>", "<|im_end|>"],
        "eos_token": {"content": "<|im_end|>", "lstrip": False, "normalized": False, "rstrip": False, "single_word": False},
        "pad_token": {"content": "<|endoftext|>", "lstrip": False, "normalized": False, "rstrip": False, "single_word": False},
    })
    added = [{"id": SPECIAL_IDS[s], "content": s, "single_word": False, "lstrip": False, "rstrip": False,
              "normalized": False, "special": True} for s in SPECIALS]
    write_json("tokenizer.json", {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": added,
        "normalizer": {"type": "NFC"},
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex": QWEN2_SPLIT}, "behavior": "Isolated", "invert": False},
            {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False},
        ]},
        "post_processor": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False},
        "decoder": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
                  "vocab": VOCAB, "merges": MERGES},
    })
    write_json("tokenizer_config.json", {
        "add_prefix_space": False,
        "added_tokens_decoder": {str(SPECIAL_IDS[s]): {k: v for k, v in a.items() if k != "id"} for s, a in zip(SPECIALS, added)},
        "additional_special_tokens": ["<|im_start|>", "<|im_end|>"],
        "bos_token": None, "chat_template": QWEN2_CHAT_TEMPLATE, "clean_up_tokenization_spaces": False,
        "eos_token": "<|im_end|>", "errors": "replace", "model_max_length": MAX_POS,
        "pad_token": "<|endoftext|>", "split_special_tokens": False,
        "tokenizer_class": "Qwen2Tokenizer", "unk_token": None,
    })


def set_dim(value_info, axis, value):
    d = value_info.type.tensor_type.shape.dim[axis]
    d.Clear()
    if isinstance(value, int):
        d.dim_value = value
    else:
        d.dim_param = value


def export(module, args, name, inputs, outputs, dynamic, fix=None):
    path = os.path.join(OUT, "onnx", f"{name}.onnx")
    torch.onnx.export(module, args, path, opset_version=OPSET, input_names=inputs, output_names=outputs,
                      dynamic_axes=dynamic, do_constant_folding=True)
    model = onnx.load(path)
    for (io, index, axis), value in (fix or {}).items():
        set_dim((model.graph.input if io == "in" else model.graph.output)[index], axis, value)
    onnx.checker.check_model(model, full_check=True)
    onnx.save(model, path)
    print(f"{name}.onnx {os.path.getsize(path)} bytes:",
          [(i.name, [d.dim_param or d.dim_value for d in i.type.tensor_type.shape.dim])
           for i in list(model.graph.input) + list(model.graph.output)])


def main():
    os.makedirs(os.path.join(OUT, "onnx"), exist_ok=True)
    write_configs()
    embed, vision, decoder = EmbedTokens(), VisionEncoder(), Decoder()
    randomize(embed, 1.0)
    randomize(vision, 0.3)
    randomize(decoder, 0.3)
    for m in (embed, vision, decoder):
        m.eval()

    ids = torch.tensor([[1, 2, 3], [4, 5, 6]])
    export(embed, (ids,), "embed_tokens", ["input_ids"], ["inputs_embeds"],
           {"input_ids": {0: "batch_size", 1: "sequence_length"},
            "inputs_embeds": {0: "batch_size", 1: "sequence_length"}})

    px = torch.rand(2, 3, IMAGE, IMAGE)
    export(vision, (px,), "vision_encoder", ["pixel_values"], ["image_features"],
           {"pixel_values": {0: "batch_size", 2: "height", 3: "width"},
            "image_features": {0: "batch_size", 1: "num_image_tokens"}})

    # Traced with a non-empty past (3) and 2 new tokens so every shape op stays symbolic.
    b, t, p = 2, 2, 3
    embeds = torch.randn(b, t, HIDDEN)
    mask = torch.ones(b, p + t, dtype=torch.int64)
    pos = torch.arange(p, p + t).unsqueeze(0).repeat(b, 1)
    past = [torch.randn(b, KV_HEADS, p, HEAD_DIM) for _ in range(2 * LAYERS)]
    past_names = [f"past_key_values.{i}.{kv}" for i in range(LAYERS) for kv in ("key", "value")]
    present_names = [f"present.{i}.{kv}" for i in range(LAYERS) for kv in ("key", "value")]
    dyn = {"inputs_embeds": {0: "batch_size", 1: "sequence_length"},
           "attention_mask": {0: "batch_size", 1: "total_sequence_length"},
           "position_ids": {0: "batch_size", 1: "sequence_length"},
           "logits": {0: "batch_size", 1: "sequence_length"}}
    dyn.update({n: {0: "batch_size", 2: "past_sequence_length"} for n in past_names})
    dyn.update({n: {0: "batch_size", 2: "total_sequence_length"} for n in present_names})
    export(decoder, (embeds, mask, pos, *past), "decoder_model_merged",
           ["inputs_embeds", "attention_mask", "position_ids", *past_names], ["logits", *present_names], dyn)

    # Reference for check_ort.mjs: the torch greedy ids for a fixed prompt, to compare with ORT.
    with torch.no_grad():
        prompt = torch.tensor([[SPECIAL_IDS["<|im_start|>"]] + [IMAGE_TOKEN_ID] * 4 + [WORD_IDS[3]]])
        e = embed(prompt)
        e[0, 1:5] = vision(torch.full((1, 3, 2 * PATCH, 2 * PATCH), 0.5))[0]
        empty = [torch.zeros(1, KV_HEADS, 0, HEAD_DIM) for _ in range(2 * LAYERS)]
        out = decoder(e, torch.ones(1, e.shape[1], dtype=torch.int64), torch.arange(e.shape[1]).unsqueeze(0), *empty)
        first = int(out[0][0, -1].argmax())
        nxt = embed(torch.tensor([[first]]))
        out2 = decoder(nxt, torch.ones(1, e.shape[1] + 1, dtype=torch.int64), torch.tensor([[e.shape[1]]]), *out[1:])
    with open(os.path.join(HERE, "reference.json"), "w") as f:
        json.dump({"prompt_ids": prompt[0].tolist(), "pixel_size": 2 * PATCH, "pixel_value": 0.5,
                   "first": first, "second": int(out2[0][0, -1].argmax()),
                   "last_logits_step0": out[0][0, -1].tolist()[:8]}, f, indent=1)
        f.write("\n")
    # The words a caption can contain, for the tests (the tokenizer alone also holds merge fragments).
    with open(os.path.join(HERE, "words.json"), "w") as f:
        json.dump({"words": WORDS, "imageTokens": (IMAGE // PATCH) ** 2, "imageTokenId": IMAGE_TOKEN_ID}, f)
        f.write("\n")
    print("vocab", V, "words", len(WORD_IDS), "image token", IMAGE_TOKEN_ID, "eos", EOS_ID)


if __name__ == "__main__":
    main()
