"""Build altscribe/tiny-lfm2-vl: a random-weight model with LFM2-VL's file set and tensor names.

Mirrors onnx-community/LFM2-VL-450M-ONNX as transformers.js 4.3.1 loads it (model_type `lfm2_vl`
-> Lfm2VlForConditionalGeneration, a LlavaForConditionalGeneration of type ImageTextToText):
  onnx/embed_tokens.onnx          input_ids -> inputs_embeds
  onnx/vision_encoder.onnx        pixel_values [tiles, patches, 3*p*p], pixel_attention_mask [tiles, patches],
                                  spatial_shapes [tiles, 2] -> image_features [image_tokens, hidden]
  onnx/decoder_model_merged.onnx  inputs_embeds, attention_mask, position_ids, past_conv.{i} (conv layers),
                                  past_key_values.{i}.key|value (attention layers)
                                  -> logits, present_conv.{i}, present.{i}.key|value
plus Lfm2VlProcessor + Lfm2VlImageProcessor (preprocessor_config.json: tiling, patching, token budget)
and a byte-level BPE tokenizer whose chat template is LFM2-VL's.

Usage: /usr/bin/python3 build.py [OUT_DIR]   (default: public/models/altscribe/tiny-lfm2-vl)
Deterministic: fixed seed, no training.
"""
import json
import os
import sys

import onnx
import torch

from model import (DOWNSAMPLE, FFN, HEAD_DIM, HEADS, HIDDEN, KV_HEADS, L_CACHE, LAYER_TYPES, MAX_TILES, MAX_TOKENS, MIN_TILES,
                   MIN_TOKENS, PATCH, TILE, VISION, Decoder, EmbedTokens, VisionEncoder, cache_names)

torch.manual_seed(20261207)
torch.set_num_threads(1)
OPSET = 17

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../public/models/altscribe/tiny-lfm2-vl")

MAX_POS = 4096

WORDS = ["a", "two", "three", "red", "green", "blue", "yellow", "white", "black", "purple", "pink",
         "circle", "circles", "square", "squares", "triangle", "triangles", "on", "background",
         "shape", "shapes", "small", "large", "with", "and", "the"]
ROW_COL = [f"<|img_row_{r}_col_{c}|>" for r in range(1, MAX_TILES + 1) for c in range(1, MAX_TILES + 1)]
SPECIALS = ["<|pad|>", "<|startoftext|>", "<|endoftext|>", "<|im_start|>", "<|im_end|>", "<image>",
            "<|image_start|>", "<|image_end|>", "<|img_thumbnail|>", *ROW_COL]

# LFM2-VL's chat template (tokenizer_config.json of LiquidAI/LFM2-VL-450M): image parts become <image>.
CHAT_TEMPLATE = (
    "{{bos_token}}{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n'}}"
    "{% if message['content'] is string %}{{ message['content'] }}{% else %}{% for content in message['content'] %}"
    "{% if content['type'] == 'image' %}{{ '<image>' }}{% elif content['type'] == 'text' %}{{ content['text'] }}{% endif %}"
    "{% endfor %}{% endif %}{{'<|im_end|>\\n'}}{% endfor %}{% if add_generation_prompt %}{{'<|im_start|>assistant\\n' }}{% endif %}"
)
SPLIT = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*"
         r"|\s*[\r\n]+|\s+(?!\S)|\s+")


def bytes_to_unicode():
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
    # Specials first, as in LFM2's vocabulary (<|pad|> 0, <|startoftext|> 1, ...).
    vocab, merges = {}, []
    special_ids = {}
    for s in SPECIALS:
        special_ids[s] = len(vocab)
        vocab[s] = len(vocab)
    for ch in bytes_to_unicode():
        vocab[ch] = len(vocab)
    word_ids = []
    for w in WORDS:
        pieces = ["Ġ"] + list(w)
        cur = pieces[0]
        for p in pieces[1:]:
            merge = f"{cur} {p}"
            cur += p
            if merge not in merges:
                merges.append(merge)
            if cur not in vocab:
                vocab[cur] = len(vocab)
        word_ids.append(vocab[cur])
    return vocab, merges, word_ids, special_ids


VOCAB, MERGES, WORD_IDS, SPECIAL_IDS = build_vocab()
V = len(VOCAB)
IMAGE_TOKEN_ID = SPECIAL_IDS["<image>"]
BOS_ID, EOS_ID, PAD_ID = SPECIAL_IDS["<|startoftext|>"], SPECIAL_IDS["<|im_end|>"], SPECIAL_IDS["<|pad|>"]


def randomize(module, std):
    with torch.no_grad():
        for name, p in module.named_parameters():
            if p.dim() > 1:
                p.copy_(torch.randn_like(p) * std)
            elif name.endswith("norm.weight"):
                p.copy_(1.0 + torch.randn_like(p) * 0.1)
            else:
                p.copy_(torch.randn_like(p) * 0.1)


def write_json(name, obj):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, indent=2, ensure_ascii=False)
        f.write("\n")


def image_settings():
    return {
        "do_image_splitting": True, "downsample_factor": DOWNSAMPLE, "encoder_patch_size": PATCH,
        "max_image_tokens": MAX_TOKENS, "min_image_tokens": MIN_TOKENS, "max_num_patches": (TILE // PATCH) ** 2,
        "max_pixels_tolerance": 2.0, "max_tiles": MAX_TILES, "min_tiles": MIN_TILES, "tile_size": TILE,
        "use_thumbnail": True,
    }


def write_configs():
    text_config = {
        "architectures": ["Lfm2ForCausalLM"], "model_type": "lfm2",
        "hidden_size": HIDDEN, "intermediate_size": FFN, "num_hidden_layers": len(LAYER_TYPES),
        "num_attention_heads": HEADS, "num_key_value_heads": KV_HEADS, "layer_types": LAYER_TYPES,
        "conv_L_cache": L_CACHE, "conv_bias": False, "norm_eps": 1e-5, "rope_theta": 1000000.0,
        "max_position_embeddings": MAX_POS, "vocab_size": V, "use_cache": True,
        "bos_token_id": BOS_ID, "eos_token_id": EOS_ID, "pad_token_id": PAD_ID,
    }
    write_json("config.json", {
        "architectures": ["Lfm2VlForConditionalGeneration"], "model_type": "lfm2_vl",
        "image_token_id": IMAGE_TOKEN_ID, "projector_hidden_act": "gelu", "projector_hidden_size": HIDDEN,
        "projector_bias": True, "vision_feature_layer": -1, **image_settings(),
        "text_config": text_config,
        "vision_config": {"model_type": "siglip2_vision_model", "hidden_size": VISION, "patch_size": PATCH,
                          "num_channels": 3, "num_hidden_layers": 1, "num_attention_heads": 2,
                          "num_patches": (TILE // PATCH) ** 2, "vision_use_head": False},
        "torch_dtype": "float32",
    })
    write_json("generation_config.json", {"bos_token_id": BOS_ID, "eos_token_id": EOS_ID, "pad_token_id": PAD_ID})
    write_json("preprocessor_config.json", {
        "image_processor_type": "Lfm2VlImageProcessor", "processor_class": "Lfm2VlProcessor",
        "do_convert_rgb": True, "do_normalize": True, "do_rescale": True, "do_resize": False, "do_pad": False,
        "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5], "rescale_factor": 1 / 255, "resample": 2,
        **image_settings(),
    })
    # Not read by transformers.js 4.3.1 (Lfm2VlProcessor has no uses_processor_config; its image
    # settings come from preprocessor_config.json): kept because the hub repo has it.
    write_json("processor_config.json", {"processor_class": "Lfm2VlProcessor", "image_token": "<image>", **image_settings()})
    with open(os.path.join(OUT, "chat_template.jinja"), "w") as f:
        f.write(CHAT_TEMPLATE)
    added = [{"id": SPECIAL_IDS[s], "content": s, "single_word": False, "lstrip": False, "rstrip": False,
              "normalized": False, "special": True} for s in SPECIALS]
    byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False}
    write_json("tokenizer.json", {
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": added, "normalizer": None,
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex": SPLIT}, "behavior": "Isolated", "invert": False}, byte_level]},
        "post_processor": {"type": "TemplateProcessing",
                           "single": [{"SpecialToken": {"id": "<|startoftext|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
                           "pair": [{"SpecialToken": {"id": "<|startoftext|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                                    {"SpecialToken": {"id": "<|startoftext|>", "type_id": 1}}, {"Sequence": {"id": "B", "type_id": 1}}],
                           "special_tokens": {"<|startoftext|>": {"id": "<|startoftext|>", "ids": [BOS_ID], "tokens": ["<|startoftext|>"]}}},
        "decoder": byte_level,
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
                  "vocab": VOCAB, "merges": MERGES},
    })
    write_json("tokenizer_config.json", {
        "added_tokens_decoder": {str(a["id"]): {k: v for k, v in a.items() if k != "id"} for a in added},
        "bos_token": "<|startoftext|>", "chat_template": CHAT_TEMPLATE, "clean_up_tokenization_spaces": False,
        "eos_token": "<|im_end|>", "pad_token": "<|pad|>", "legacy": False, "model_max_length": MAX_POS,
        "processor_class": "Lfm2VlProcessor", "tokenizer_class": "PreTrainedTokenizerFast", "use_default_system_prompt": False,
    })


def export(module, args, name, inputs, outputs, dynamic):
    path = os.path.join(OUT, "onnx", f"{name}.onnx")
    torch.onnx.export(module, args, path, opset_version=OPSET, input_names=inputs, output_names=outputs,
                      dynamic_axes=dynamic, do_constant_folding=True)
    model = onnx.load(path)
    # Static sizes the tracer left symbolic (the conv window, the feature width): transformers.js
    # only needs the inputs' shapes, but the real export declares these as numbers.
    for value in model.graph.output:
        for dim in value.type.tensor_type.shape.dim:
            if dim.dim_param.startswith("Slicepresent_conv"):
                dim.Clear()
                dim.dim_value = L_CACHE
            elif dim.dim_param.startswith("GatherND"):
                dim.Clear()
                dim.dim_value = HIDDEN
    onnx.checker.check_model(model, full_check=True)
    onnx.save(model, path)
    print(f"{name}.onnx {os.path.getsize(path)} bytes:",
          [(i.name, [d.dim_param or d.dim_value for d in i.type.tensor_type.shape.dim])
           for i in list(model.graph.input) + list(model.graph.output)])


def main():
    os.makedirs(os.path.join(OUT, "onnx"), exist_ok=True)
    write_configs()
    embed, vision, decoder = EmbedTokens(V), VisionEncoder(), Decoder(V, WORD_IDS)
    randomize(embed, 1.0)
    randomize(vision, 0.3)
    randomize(decoder, 0.3)
    for m in (embed, vision, decoder):
        m.eval()

    ids = torch.tensor([[1, 2, 3], [4, 5, 6]])
    export(embed, (ids,), "embed_tokens", ["input_ids"], ["inputs_embeds"],
           {"input_ids": {0: "batch_size", 1: "sequence_length"},
            "inputs_embeds": {0: "batch_size", 1: "sequence_length"}})

    # Two tiles of different sizes (a full tile and a 6x4-patch thumbnail), padded to the same length.
    patches = (TILE // PATCH) ** 2
    px = torch.rand(2, patches, 3 * PATCH * PATCH)
    pmask = torch.zeros(2, patches, dtype=torch.int64)
    pmask[0, :] = 1
    pmask[1, :24] = 1
    shapes = torch.tensor([[TILE // PATCH, TILE // PATCH], [6, 4]])
    export(vision, (px, pmask, shapes), "vision_encoder",
           ["pixel_values", "pixel_attention_mask", "spatial_shapes"], ["image_features"],
           {"pixel_values": {0: "num_tiles", 1: "max_num_patches"},
            "pixel_attention_mask": {0: "num_tiles", 1: "max_num_patches"},
            "spatial_shapes": {0: "num_tiles"},
            "image_features": {0: "num_image_tokens"}})

    b, t, p = 2, 2, 3
    embeds = torch.randn(b, t, HIDDEN)
    mask = torch.ones(b, p + t, dtype=torch.int64)
    pos = torch.arange(p, p + t).unsqueeze(0).repeat(b, 1)
    past = []
    for kind in LAYER_TYPES:
        past += [torch.randn(b, HIDDEN, L_CACHE)] if kind == "conv" else [torch.randn(b, KV_HEADS, p, HEAD_DIM) for _ in range(2)]
    past_names = cache_names("past_key_values", "past")
    present_names = cache_names("present", "present")
    dyn = {"inputs_embeds": {0: "batch_size", 1: "sequence_length"},
           "attention_mask": {0: "batch_size", 1: "total_sequence_length"},
           "position_ids": {0: "batch_size", 1: "sequence_length"},
           "logits": {0: "batch_size", 1: "sequence_length"}}
    for n in past_names:
        dyn[n] = {0: "batch_size"} if "_conv." in n else {0: "batch_size", 2: "past_sequence_length"}
    for n in present_names:
        dyn[n] = {0: "batch_size"} if "_conv." in n else {0: "batch_size", 2: "total_sequence_length"}
    export(decoder, (embeds, mask, pos, *past), "decoder_model_merged",
           ["inputs_embeds", "attention_mask", "position_ids", *past_names], ["logits", *present_names], dyn)

    with open(os.path.join(HERE, "words.json"), "w") as f:
        json.dump({"words": WORDS, "imageTokenId": IMAGE_TOKEN_ID, "image": image_settings()}, f)
        f.write("\n")
    print("vocab", V, "words", len(WORD_IDS), "image token", IMAGE_TOKEN_ID, "bos", BOS_ID, "eos", EOS_ID)


if __name__ == "__main__":
    main()
