"""Export a checkpoint to the transformers.js `vision-encoder-decoder` layout (fp32 ONNX +
JSON configs + WordLevel tokenizer), and dump torch reference outputs for check_ort.mjs.

Usage: python3 export.py CHECKPOINT OUT_DIR
  writes OUT_DIR/{config,generation_config,preprocessor_config,tokenizer,tokenizer_config}.json
         OUT_DIR/onnx/encoder_model.onnx, OUT_DIR/onnx/decoder_model_merged.onnx
         work/ref_outputs.json (reference logits for check_ort.mjs)
Run quantize.py afterwards for the *_quantized / *_fp16 variants.
"""
import json
import os
import sys

import numpy as np
import onnx
import torch

from data import BOS, EOS, PAD, SPECIALS, VOCAB
from model import Captioner, grid_of

torch.set_num_threads(2)
OPSET = 17


class EncoderWrap(torch.nn.Module):
    def __init__(self, m):
        super().__init__()
        self.enc = m.encoder

    def forward(self, pixel_values):
        return self.enc(pixel_values)


class DecoderWrap(torch.nn.Module):
    def __init__(self, m):
        super().__init__()
        self.dec = m.decoder

    def forward(self, input_ids, encoder_hidden_states, *past_flat):
        past = [(past_flat[2 * i], past_flat[2 * i + 1]) for i in range(len(past_flat) // 2)]
        logits, presents = self.dec(input_ids, encoder_hidden_states, past)
        out = [logits]
        for k, v in presents:
            out += [k, v]
        return tuple(out)


def fold_batchnorm(seq):
    """Fold eval-mode BatchNorm2d into the preceding Conv2d (torch 1.13's exporter folds
    Conv(bias=False)+BN incorrectly with do_constant_folding, so do it by hand)."""
    mods = list(seq)
    for i, mod in enumerate(mods):
        if isinstance(mod, torch.nn.BatchNorm2d):
            conv = mods[i - 1]
            s = mod.weight / torch.sqrt(mod.running_var + mod.eps)
            fused = torch.nn.Conv2d(conv.in_channels, conv.out_channels, conv.kernel_size,
                                    conv.stride, conv.padding, bias=True)
            with torch.no_grad():
                fused.weight.copy_(conv.weight * s[:, None, None, None])
                b = conv.bias if conv.bias is not None else torch.zeros_like(mod.running_mean)
                fused.bias.copy_((b - mod.running_mean) * s + mod.bias)
            mods[i - 1], mods[i] = fused, torch.nn.Identity()
    return torch.nn.Sequential(*mods)


def write_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")


def write_configs(cfg, out):
    d, L, H = cfg["d"], cfg["dec_layers"], cfg["heads"]
    ids = dict(bos_token_id=BOS, eos_token_id=EOS, pad_token_id=PAD, decoder_start_token_id=BOS)
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
            "image_size": cfg["img"], "patch_size": cfg["img"] // grid_of(cfg), "num_channels": 3,
            "layer_norm_eps": 1e-5,
            "_comment": "informational: hybrid ViT (3x3/s2 conv+BN+GELU stem "
                        f"{list(cfg['stem'])}->{d}, {grid_of(cfg)}x{grid_of(cfg)} tokens + CLS)",
        },
        "decoder": {
            "model_type": "gpt2", "architectures": ["GPT2LMHeadModel"],
            "vocab_size": len(VOCAB), "n_positions": cfg["n_positions"], "n_ctx": cfg["n_positions"],
            "n_embd": d, "n_layer": L, "n_head": H, "n_inner": cfg["mlp"] * d,
            "activation_function": "gelu", "layer_norm_epsilon": 1e-5,
            "add_cross_attention": True, "is_decoder": True, "tie_word_embeddings": True,
            **ids,
        },
    })
    write_json(f"{out}/generation_config.json", {**ids, "max_length": 16})
    write_json(f"{out}/preprocessor_config.json", {
        "image_processor_type": "ViTImageProcessor",
        "feature_extractor_type": "ViTFeatureExtractor",
        "do_resize": True, "size": {"height": cfg["img"], "width": cfg["img"]}, "resample": 2,
        "do_rescale": True, "rescale_factor": 1 / 255,
        "do_normalize": True, "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5],
        "do_convert_rgb": True,
    })
    write_json(f"{out}/tokenizer.json", {
        "version": "1.0",
        "truncation": None, "padding": None,
        "added_tokens": [{"id": i, "content": t, "single_word": False, "lstrip": False,
                          "rstrip": False, "normalized": False, "special": True}
                         for i, t in enumerate(SPECIALS)],
        "normalizer": None,
        "pre_tokenizer": {"type": "WhitespaceSplit"},
        "post_processor": None,
        "decoder": None,
        "model": {"type": "WordLevel", "vocab": {w: i for i, w in enumerate(VOCAB)},
                  "unk_token": "<unk>"},
    })
    write_json(f"{out}/tokenizer_config.json", {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "bos_token": "<bos>", "eos_token": "<eos>", "pad_token": "<pad>", "unk_token": "<unk>",
        "model_max_length": cfg["n_positions"], "clean_up_tokenization_spaces": False,
    })


def main():
    ckpt, out = sys.argv[1], sys.argv[2]
    ck = torch.load(ckpt)
    m = Captioner(ck["cfg"])
    m.load_state_dict(ck["model"])
    m.eval()
    with torch.no_grad():
        probe = torch.rand(2, 3, m.cfg["img"], m.cfg["img"]) * 2 - 1
        ref_stem = m.encoder.stem(probe)
        m.encoder.stem = fold_batchnorm(m.encoder.stem)
        assert torch.allclose(ref_stem, m.encoder.stem(probe), atol=1e-4)
    cfg = m.cfg
    os.makedirs(f"{out}/onnx", exist_ok=True)
    write_configs(cfg, out)

    L, H, hd = cfg["dec_layers"], cfg["heads"], cfg["d"] // cfg["heads"]
    S = grid_of(cfg) ** 2 + 1  # patch tokens + CLS
    g = torch.Generator().manual_seed(0)
    px = torch.rand(2, 3, cfg["img"], cfg["img"], generator=g) * 2 - 1
    enc_path = f"{out}/onnx/encoder_model.onnx"
    torch.onnx.export(EncoderWrap(m), (px,), enc_path, opset_version=OPSET,
                      input_names=["pixel_values"], output_names=["last_hidden_state"],
                      dynamic_axes={"pixel_values": {0: "batch_size"},
                                    "last_hidden_state": {0: "batch_size"}},
                      do_constant_folding=True)

    # trace the decoder with a non-empty past (len 3) and T=2 so all shape ops stay dynamic
    with torch.no_grad():
        enc = m.encoder(px)
    ids = torch.tensor([[BOS, 5], [BOS, 7]])
    past = [torch.randn(2, H, 3, hd, generator=g) for _ in range(2 * L)]
    past_names = [f"past_key_values.{i}.{kv}" for i in range(L) for kv in ("key", "value")]
    pres_names = [f"present.{i}.{kv}" for i in range(L) for kv in ("key", "value")]
    dyn = {"input_ids": {0: "batch_size", 1: "decoder_sequence_length"},
           "encoder_hidden_states": {0: "batch_size", 1: "encoder_sequence_length"},
           "logits": {0: "batch_size", 1: "decoder_sequence_length"}}
    for n in past_names:
        dyn[n] = {0: "batch_size", 2: "past_sequence_length"}
    for n in pres_names:
        dyn[n] = {0: "batch_size", 2: "past_sequence_length + 1"}
    dec_path = f"{out}/onnx/decoder_model_merged.onnx"
    torch.onnx.export(DecoderWrap(m), (ids, enc, *past), dec_path, opset_version=OPSET,
                      input_names=["input_ids", "encoder_hidden_states"] + past_names,
                      output_names=["logits"] + pres_names, dynamic_axes=dyn,
                      do_constant_folding=True)
    m_enc = onnx.load(enc_path)  # give last_hidden_state static [batch_size, S, d]
    dims = m_enc.graph.output[0].type.tensor_type.shape.dim
    dims[1].Clear()
    dims[1].dim_value = S
    dims[2].Clear()
    dims[2].dim_value = cfg["d"]
    onnx.save(m_enc, enc_path)
    for p in (enc_path, dec_path):
        model = onnx.load(p)
        onnx.checker.check_model(model, full_check=True)
        print(p, os.path.getsize(p), "bytes;",
              [(i.name, [d.dim_param or d.dim_value for d in i.type.tensor_type.shape.dim])
               for i in list(model.graph.input) + list(model.graph.output)])

    # reference outputs: encoder on px[0:1]; decoder step 0 (empty past, <bos>) and step 1
    with torch.no_grad():
        x1 = px[:1]
        e1 = m.encoder(x1)
        empty = [(torch.zeros(1, H, 0, hd), torch.zeros(1, H, 0, hd)) for _ in range(L)]
        l0, p0 = m.decoder(torch.tensor([[BOS]]), e1, empty)
        nxt = int(l0[0, -1].argmax())
        l1, _ = m.decoder(torch.tensor([[nxt]]), e1, p0)
        full = m.greedy(x1, max_new=8)[0].tolist()
    ref = {"cfg": cfg, "pixel_values": x1.flatten().tolist(), "pixel_shape": list(x1.shape),
           "last_hidden_state": e1.flatten().tolist(), "enc_shape": list(e1.shape),
           "logits0": l0.flatten().tolist(), "next0": nxt, "logits1": l1.flatten().tolist(),
           "greedy": full, "num_heads": H, "head_dim": hd, "n_layer": L, "enc_seq": S}
    work = os.path.join(os.path.dirname(os.path.abspath(__file__)), "work")
    os.makedirs(work, exist_ok=True)
    write_json(os.path.join(work, "ref_outputs.json"), ref)
    print("reference greedy ids", full)


if __name__ == "__main__":
    main()
