"""Builds public/models/altscribe/tiny-smolvlm: a random-weight model with the file set, config
keys, processor files and ONNX names of HuggingFaceTB/SmolVLM-256M-Instruct, small enough to run
in about a second. Deterministic (seed 0).

Usage: /usr/bin/python3 tools/tiny-vlm/smolvlm/build.py [OUT_DIR] [--profile 256m]
  --profile 256m: SmolVLM-256M-Instruct's real dimensions (SigLIP base-patch16-512 vision tower,
  12 layers of 768; SmolLM2-135M-like text model) and vocabulary size, random weights, fp32 files
  only, for the speed bench (tools/bench/families.mjs); quantize with tools/bench-model/quantize_bench.py.
"""
import json
import os
import sys

import onnx
import torch

from model import LlamaDecoder, VisionEncoder
from vocab import build_vocab, tokenizer_json

torch.manual_seed(0)
torch.set_num_threads(1)
OPSET = 17

# The real model: frames of 512 px, patch 16, scale_factor 4 -> 64 tokens per frame, images up
# to 2048 px split into at most 4x4 frames plus the global one. Here: frames of 32 px, patch 8,
# scale_factor 2 -> 4 tokens per frame, images up to 64 px -> at most 2x2 frames + global.
FRAME, PATCH, SCALE, LONGEST = 32, 8, 2, 64
IMAGE_SEQ_LEN = (FRAME // PATCH) ** 2 // SCALE ** 2
MAX_SPLITS = LONGEST // FRAME
V_HIDDEN, V_HEADS, V_MLP = 32, 2, 64
HIDDEN, LAYERS, HEADS, KV_HEADS, HEAD_DIM, MLP, ROPE_THETA = 32, 2, 4, 2, 8, 64, 100000
MAX_POSITIONS = 512
V_LAYERS, VOCAB_SIZE, NAME = 1, None, "altscribe/tiny-smolvlm"

if "--profile" in sys.argv and sys.argv[sys.argv.index("--profile") + 1] == "256m":
    # HuggingFaceTB/SmolVLM-256M-Instruct's config.json.
    FRAME, PATCH, SCALE, LONGEST = 512, 16, 4, 2048
    IMAGE_SEQ_LEN = (FRAME // PATCH) ** 2 // SCALE ** 2
    MAX_SPLITS = LONGEST // FRAME
    V_HIDDEN, V_HEADS, V_MLP, V_LAYERS = 768, 12, 3072, 12
    HIDDEN, LAYERS, HEADS, KV_HEADS, HEAD_DIM, MLP, ROPE_THETA = 576, 30, 9, 3, 64, 1536, 100000
    MAX_POSITIONS, VOCAB_SIZE, NAME = 8192, 49280, "altscribe/bench-smolvlm-256m"

CHAT_TEMPLATE = (
    "<|im_start|>{% for message in messages %}{{message['role'] | capitalize}}"
    "{% if message['content'][0]['type'] == 'image' %}{{':'}}{% else %}{{': '}}{% endif %}"
    "{% for line in message['content'] %}{% if line['type'] == 'text' %}{{line['text']}}"
    "{% elif line['type'] == 'image' %}{{ '<image>' }}{% endif %}{% endfor %}<end_of_utterance>\n"
    "{% endfor %}{% if add_generation_prompt %}{{ 'Assistant:' }}{% endif %}"
)


def write_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")


def write_configs(out, ids):
    vocab = ids["__size__"]
    write_json(f"{out}/config.json", {
        **({"_name_or_path": NAME} if VOCAB_SIZE else {}),
        "architectures": ["Idefics3ForConditionalGeneration"],
        "model_type": "idefics3",
        "image_token_id": ids["<image>"],
        "pad_token_id": ids["<|im_end|>"],
        "scale_factor": SCALE,
        "tie_word_embeddings": False,
        "use_cache": True,
        "vocab_size": vocab,
        "text_config": {
            "architectures": ["VLlama3ForCausalLM"], "model_type": "llama",
            "vocab_size": vocab, "hidden_size": HIDDEN, "intermediate_size": MLP,
            "num_hidden_layers": LAYERS, "num_attention_heads": HEADS, "num_key_value_heads": KV_HEADS,
            "head_dim": HEAD_DIM, "max_position_embeddings": MAX_POSITIONS, "rms_norm_eps": 1e-5,
            "rope_theta": ROPE_THETA, "hidden_act": "silu", "pad_token_id": ids["<|im_end|>"],
            "bos_token_id": ids["<|im_start|>"], "eos_token_id": ids["<end_of_utterance>"],
        },
        "vision_config": {
            "model_type": "idefics3_vision", "hidden_size": V_HIDDEN, "intermediate_size": V_MLP,
            "num_hidden_layers": V_LAYERS, "num_attention_heads": V_HEADS, "image_size": FRAME,
            "patch_size": PATCH, "num_channels": 3, "hidden_act": "gelu_pytorch_tanh",
            "max_image_size": {"longest_edge": FRAME}, "size": {"longest_edge": LONGEST},
        },
    })
    write_json(f"{out}/generation_config.json", {
        "bos_token_id": ids["<|im_start|>"],
        "eos_token_id": [ids["<|im_end|>"], ids["<end_of_utterance>"]],
        "pad_token_id": ids["<|im_end|>"],
    })
    write_json(f"{out}/preprocessor_config.json", {
        "do_convert_rgb": True, "do_image_splitting": True, "do_normalize": True, "do_pad": True,
        "do_rescale": True, "do_resize": True, "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5],
        "image_processor_type": "Idefics3ImageProcessor", "processor_class": "Idefics3Processor",
        "max_image_size": {"longest_edge": FRAME}, "resample": 1,
        "rescale_factor": 1 / 255, "size": {"longest_edge": LONGEST},
    })
    write_json(f"{out}/processor_config.json", {"image_seq_len": IMAGE_SEQ_LEN, "processor_class": "Idefics3Processor"})
    write_json(f"{out}/chat_template.json", {"chat_template": CHAT_TEMPLATE})
    special = {
        "additional_special_tokens": ["<fake_token_around_image>", "<image>", "<end_of_utterance>"],
        "bos_token": "<|im_start|>", "eos_token": "<end_of_utterance>",
        "pad_token": "<|im_end|>", "unk_token": "<|endoftext|>",
    }
    write_json(f"{out}/special_tokens_map.json", special)
    write_json(f"{out}/tokenizer_config.json", {
        **special, "tokenizer_class": "PreTrainedTokenizerFast", "processor_class": "Idefics3Processor",
        "model_max_length": MAX_POSITIONS, "clean_up_tokenization_spaces": False,
        "chat_template": CHAT_TEMPLATE,
    })


def export(module, args, path, inputs, outputs, axes):
    module.eval()
    with torch.no_grad():
        torch.onnx.export(module, args, path, input_names=inputs, output_names=outputs,
                          dynamic_axes=axes, opset_version=OPSET, do_constant_folding=True)
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    return model


def main(out):
    os.makedirs(f"{out}/onnx", exist_ok=True)
    tokens, specials = build_vocab(MAX_SPLITS, VOCAB_SIZE)
    ids = {t: i for i, t in enumerate(tokens)}
    ids["__size__"] = len(tokens)
    write_json(f"{out}/tokenizer.json", tokenizer_json(tokens, specials))
    write_configs(out, ids)

    vision = VisionEncoder(FRAME, PATCH, V_HIDDEN, V_HEADS, V_MLP, SCALE, HIDDEN, V_LAYERS)
    embed = torch.nn.Embedding(len(tokens), HIDDEN)
    suppressed = [i for i, t in enumerate(tokens) if t in specials or not t.isalpha()]
    decoder = LlamaDecoder(len(tokens), HIDDEN, LAYERS, HEADS, KV_HEADS, HEAD_DIM, MLP, ROPE_THETA, suppressed)

    export(vision, (torch.randn(1, 5, 3, FRAME, FRAME), torch.ones(1, 5, FRAME, FRAME, dtype=torch.bool)),
           f"{out}/onnx/vision_encoder.onnx", ["pixel_values", "pixel_attention_mask"], ["image_features"],
           {"pixel_values": {0: "batch_size", 1: "num_images", 3: "height", 4: "width"},
            "pixel_attention_mask": {0: "batch_size", 1: "num_images", 2: "height", 3: "width"},
            "image_features": {0: "batch_size_x_num_images"}})

    class Embed(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.embed_tokens = embed

        def forward(self, input_ids):
            return self.embed_tokens(input_ids)

    export(Embed(), (torch.tensor([[1, 5, 7]]),), f"{out}/onnx/embed_tokens.onnx", ["input_ids"], ["inputs_embeds"],
           {"input_ids": {0: "batch_size", 1: "sequence_length"}, "inputs_embeds": {0: "batch_size", 1: "sequence_length"}})

    # Traced with a past of 3 so every shape stays dynamic; transformers.js feeds a past of 0 first.
    past_names, present_names, past, axes = [], [], [], {
        "inputs_embeds": {0: "batch_size", 1: "sequence_length"},
        "attention_mask": {0: "batch_size", 1: "total_sequence_length"},
        "position_ids": {0: "batch_size", 1: "sequence_length"},
        "logits": {0: "batch_size", 1: "sequence_length"},
    }
    for i in range(LAYERS):
        for kind in ("key", "value"):
            past_names.append(f"past_key_values.{i}.{kind}")
            present_names.append(f"present.{i}.{kind}")
            axes[past_names[-1]] = {0: "batch_size", 2: "past_sequence_length"}
            axes[present_names[-1]] = {0: "batch_size", 2: "total_sequence_length"}
            past.append(torch.randn(1, KV_HEADS, 3, HEAD_DIM))
    export(decoder, (torch.randn(1, 2, HIDDEN), torch.ones(1, 5, dtype=torch.int64), torch.tensor([[3, 4]]), *past),
           f"{out}/onnx/decoder_model_merged.onnx", ["inputs_embeds", "attention_mask", "position_ids", *past_names],
           ["logits", *present_names], axes)

    for name, module in (("vision_encoder", vision), ("embed_tokens", embed), ("decoder_model_merged", decoder)):
        print(f"{name}: {sum(p.numel() for p in module.parameters()) / 1e6:.1f} M parameters")
    for name in sorted(os.listdir(out)) + [f"onnx/{n}" for n in sorted(os.listdir(f"{out}/onnx"))]:
        if os.path.isfile(f"{out}/{name}"):
            print(f"{name:40s} {os.path.getsize(f'{out}/{name}'):>9,d} B")


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    main(sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else os.path.join(here, "../../../public/models/altscribe/tiny-smolvlm"))
