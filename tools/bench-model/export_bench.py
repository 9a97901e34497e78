"""Export the random-weight bench captioner to the transformers.js `vision-encoder-decoder`
layout (fp32 ONNX + JSON configs + a 50257-entry WordLevel tokenizer) and write torch
reference outputs for check_bench.mjs.

Usage: python3 export_bench.py OUT_DIR REF_JSON [SEED]

The ONNX export itself is the fixture's (tools/fixture-model/export.py wrappers, opset 17,
same input/output names and dynamic axes), so this model exercises exactly the graph shape
the app already loads: a gpt2 decoder whose only cache is self-attention K/V, with
cross-attention re-projected from encoder_hidden_states on every step. That is also what
transformers.js 4.3.1 does for a gpt2 decoder (configs.js: no `.encoder.` cache names
unless the decoder config maps num_decoder_layers, which gpt2 does not).
"""
import itertools
import json
import os
import sys
import time

import onnx
import torch

from bench_model import BENCH_CFG, EOT, build, count_params
from export import OPSET, DecoderWrap, EncoderWrap, write_json  # fixture export.py

torch.set_num_threads(2)


def synthetic_vocab(n_words):
    """Deterministic pronounceable words (ba, be, ..., babab...) so that decoded ids read as
    text and never collide; GPT-2's <|endoftext|> takes the last id like the real vocab."""
    cons, vows = "bdfgklmnprstvz", "aeiou"
    syl = [c + v for c in cons for v in vows]
    words = []
    for k in itertools.count(1):
        for parts in itertools.product(syl, repeat=k):
            words.append("".join(parts))
            if len(words) == n_words:
                return words


def write_configs(cfg, out):
    d, H = cfg["d"], cfg["heads"]
    ids = dict(bos_token_id=EOT, eos_token_id=EOT, pad_token_id=EOT, decoder_start_token_id=EOT)
    write_json(f"{out}/config.json", {
        "architectures": ["VisionEncoderDecoderModel"],
        "model_type": "vision-encoder-decoder",
        "is_encoder_decoder": True,
        "tie_word_embeddings": True,
        **ids,
        "encoder": {
            "model_type": "vit", "architectures": ["ViTModel"],
            "hidden_size": d, "num_hidden_layers": cfg["enc_layers"], "num_attention_heads": H,
            "intermediate_size": cfg["mlp"] * d, "hidden_act": "gelu",
            "image_size": cfg["img"], "patch_size": cfg["patch"], "num_channels": 3,
            "layer_norm_eps": 1e-5, "qkv_bias": True,
        },
        "decoder": {
            "model_type": "gpt2", "architectures": ["GPT2LMHeadModel"],
            "vocab_size": cfg["vocab"], "n_positions": cfg["n_positions"], "n_ctx": cfg["n_positions"],
            "n_embd": d, "n_layer": cfg["dec_layers"], "n_head": H, "n_inner": cfg["mlp"] * d,
            "activation_function": "gelu", "layer_norm_epsilon": 1e-5,
            "add_cross_attention": True, "is_decoder": True, **ids,
        },
        "_comment": "altscribe bench model: RANDOM weights, for timing only; never for captions",
    })
    write_json(f"{out}/generation_config.json", ids)
    write_json(f"{out}/preprocessor_config.json", {
        "image_processor_type": "ViTImageProcessor",
        "feature_extractor_type": "ViTFeatureExtractor",
        "do_resize": True, "size": {"height": cfg["img"], "width": cfg["img"]}, "resample": 2,
        "do_rescale": True, "rescale_factor": 1 / 255,
        "do_normalize": True, "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5],
        "do_convert_rgb": True,
    })
    vocab = {w: i for i, w in enumerate(synthetic_vocab(cfg["vocab"] - 1))}
    vocab["<|endoftext|>"] = EOT
    assert len(vocab) == cfg["vocab"]
    write_json(f"{out}/tokenizer.json", {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [{"id": EOT, "content": "<|endoftext|>", "single_word": False, "lstrip": False,
                          "rstrip": False, "normalized": False, "special": True}],
        "normalizer": None, "pre_tokenizer": {"type": "WhitespaceSplit"},
        "post_processor": None, "decoder": None,
        "model": {"type": "WordLevel", "vocab": vocab, "unk_token": "<|endoftext|>"},
    })
    write_json(f"{out}/tokenizer_config.json", {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "bos_token": "<|endoftext|>", "eos_token": "<|endoftext|>", "pad_token": "<|endoftext|>",
        "unk_token": "<|endoftext|>", "model_max_length": cfg["n_positions"],
        "clean_up_tokenization_spaces": False,
    })


def export_onnx(m, out):
    cfg = m.cfg
    L, H, hd = cfg["dec_layers"], cfg["heads"], cfg["d"] // cfg["heads"]
    S = (cfg["img"] // cfg["patch"]) ** 2 + 1
    g = torch.Generator().manual_seed(0)
    px = torch.rand(1, 3, cfg["img"], cfg["img"], generator=g) * 2 - 1
    enc_path, dec_path = f"{out}/onnx/encoder_model.onnx", f"{out}/onnx/decoder_model_merged.onnx"
    torch.onnx.export(EncoderWrap(m), (px,), enc_path, opset_version=OPSET,
                      input_names=["pixel_values"], output_names=["last_hidden_state"],
                      dynamic_axes={"pixel_values": {0: "batch_size"}, "last_hidden_state": {0: "batch_size"}},
                      do_constant_folding=True)
    m_enc = onnx.load(enc_path)  # static [batch_size, 197, 768], like the fixture
    dims = m_enc.graph.output[0].type.tensor_type.shape.dim
    for i, v in ((1, S), (2, cfg["d"])):
        dims[i].Clear()
        dims[i].dim_value = v
    onnx.save(m_enc, enc_path)

    # trace with a non-empty past (len 3) and T=2 so that every shape op stays dynamic
    with torch.no_grad():
        enc = m.encoder(px)
    ids = torch.tensor([[EOT, 5]])
    past = [torch.randn(1, H, 3, hd, generator=g) for _ in range(2 * L)]
    past_names = [f"past_key_values.{i}.{kv}" for i in range(L) for kv in ("key", "value")]
    pres_names = [f"present.{i}.{kv}" for i in range(L) for kv in ("key", "value")]
    dyn = {"input_ids": {0: "batch_size", 1: "decoder_sequence_length"},
           "encoder_hidden_states": {0: "batch_size", 1: "encoder_sequence_length"},
           "logits": {0: "batch_size", 1: "decoder_sequence_length"}}
    dyn.update({n: {0: "batch_size", 2: "past_sequence_length"} for n in past_names})
    dyn.update({n: {0: "batch_size", 2: "past_sequence_length + 1"} for n in pres_names})
    torch.onnx.export(DecoderWrap(m), (ids, enc, *past), dec_path, opset_version=OPSET,
                      input_names=["input_ids", "encoder_hidden_states"] + past_names,
                      output_names=["logits"] + pres_names, dynamic_axes=dyn, do_constant_folding=True)
    for p in (enc_path, dec_path):
        # path form avoids a second in-memory copy; note that onnx 1.12's full_check on a path
        # also writes the inferred value_info back into the file (deterministic, harmless)
        onnx.checker.check_model(p, full_check=True)
        print(f"  {os.path.relpath(p, out)}: {os.path.getsize(p) / 1e6:.1f} MB")


def write_reference(m, ref_path):
    """Torch outputs the ORT check compares against: encoder on one fixed image, decoder
    logits for step 0 (empty past) and step 1 (past from step 0), and 8 greedy ids."""
    cfg = m.cfg
    L, H, hd = cfg["dec_layers"], cfg["heads"], cfg["d"] // cfg["heads"]
    x = torch.rand(1, 3, cfg["img"], cfg["img"], generator=torch.Generator().manual_seed(7)) * 2 - 1
    with torch.no_grad():
        e = m.encoder(x)
        empty = [(torch.zeros(1, H, 0, hd), torch.zeros(1, H, 0, hd)) for _ in range(L)]
        l0, p0 = m.decoder(torch.tensor([[EOT]]), e, empty)
        nxt = int(l0[0, -1].argmax())
        l1, _ = m.decoder(torch.tensor([[nxt]]), e, p0)
        greedy = m.greedy(x, max_new=8)[0].tolist()
    write_json(ref_path, {
        "pixel_values": x.flatten().tolist(), "pixel_shape": list(x.shape),
        "last_hidden_state": e.flatten().tolist(), "enc_shape": list(e.shape),
        "logits0": l0.flatten().tolist(), "next0": nxt, "logits1": l1.flatten().tolist(),
        "greedy": greedy, "start_id": EOT, "num_heads": H, "head_dim": hd, "n_layer": L,
    })


def main():
    out, ref_path = sys.argv[1], sys.argv[2]
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20260601
    t0 = time.time()
    m = build(seed)
    print(f"bench model seed {seed}: encoder {count_params(m.encoder) / 1e6:.1f} M params, "
          f"decoder {count_params(m.decoder) / 1e6:.1f} M params (lm_head tied in torch)")
    os.makedirs(f"{out}/onnx", exist_ok=True)
    write_configs(m.cfg, out)
    export_onnx(m, out)
    write_reference(m, ref_path)
    print(f"  export took {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
