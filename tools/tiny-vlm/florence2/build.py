"""Build the tiny random-weight Florence-2 fixture (deterministic, seed 20260427).

Usage: /usr/bin/python3 tools/tiny-vlm/florence2/build.py [OUT_DIR] [--profile base]
  default OUT_DIR: public/models/altscribe/tiny-florence2
  --profile base: Florence-2-base-ft's real dimensions (model.PROFILES) with a DaViT-shaped vision
  tower (davit.py) and the vocabulary padded to 51289, for the speed bench (tools/bench/families.mjs);
  random weights, fp32 files only (quantize with tools/bench-model/quantize_bench.py).
Writes the JSON configs, tokenizer files and onnx/{embed_tokens,vision_encoder,encoder_model,
decoder_model_merged}.onnx (fp32), plus $TMPDIR/tiny-florence2-reference.json (torch outputs that
check_ort.mjs compares onnxruntime against; not committed).
"""
import json
import os
import sys
import tempfile

import onnx
import torch

import model as m

if '--profile' in sys.argv:  # before the modules below read model's dimensions
    m.configure(sys.argv[sys.argv.index('--profile') + 1])

import davit  # noqa: E402
import tokenizer as tok  # noqa: E402
from florence_configs import config_json, generation_config_json, preprocessor_config_json, TASK_PROMPTS  # noqa: E402

SEED = 20260427
OPSET = 17
HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(tempfile.gettempdir(), 'tiny-florence2-reference.json')


def write_json(path, obj):
    with open(path, 'w') as f:
        json.dump(obj, f, indent=2, ensure_ascii=False)
        f.write('\n')


def randomize(module):
    """Variance-preserving random weights (unit-variance tables, 1/sqrt(fan_in) projections, zero
    biases), so different images and steps pick different words."""
    with torch.no_grad():
        for name, p in module.named_parameters():
            if 'norm' in name:
                continue  # LayerNorm keeps weight 1, bias 0
            if p.dim() == 1:
                p.zero_()
            elif 'positions' in name or 'shared' in name or name == 'pos':
                p.normal_(0.0, 1.0)
            else:
                p.normal_(0.0, p[0].numel() ** -0.5)


def final_logits_bias(vocab_size, allowed):
    """BART's final_logits_bias buffer (zeros in the real model). Here it silences every token but the
    caption words, so random generations read as words; forced BOS/EOS still come from generation config."""
    bias = torch.full((1, vocab_size), m.NEG)
    bias[0, allowed] = 0.0
    return bias


def export(module, args, path, inputs, outputs, axes):
    torch.onnx.export(module, args, path, input_names=inputs, output_names=outputs, dynamic_axes=axes,
                      opset_version=OPSET, do_constant_folding=True)


def fix_static_dim(path, output, axis, value):
    """The exporter names the concat's token axis symbolically; it is a constant, say so."""
    graph = onnx.load(path)
    dim = next(o for o in graph.graph.output if o.name == output).type.tensor_type.shape.dim[axis]
    dim.Clear()
    dim.dim_value = value
    onnx.checker.check_model(graph)
    onnx.save(graph, path)


def past_names(prefix):
    names = []
    for i in range(m.DECODER_LAYERS):
        names += [f'{prefix}.{i}.decoder.key', f'{prefix}.{i}.decoder.value', f'{prefix}.{i}.encoder.key', f'{prefix}.{i}.encoder.value']
    return names


def main(out):
    torch.manual_seed(SEED)
    os.makedirs(f'{out}/onnx', exist_ok=True)
    prompts = list(TASK_PROMPTS['task_prompts_without_inputs'].values()) + list(TASK_PROMPTS['task_prompts_with_input'].values())
    vocab = tok.build_vocab(prompts, m.VOCAB_SIZE)
    vocab_size = len(vocab)

    embed = m.EmbedTokens(vocab_size)
    vision = davit.DaViTEncoder(m.DAVIT, m.D_MODEL, m.GRID) if m.DAVIT else m.VisionEncoder()
    encoder = m.Encoder()
    decoder = m.Decoder(embed, final_logits_bias(vocab_size, tok.generatable_ids(vocab)))
    for module in (embed, vision, encoder, decoder):
        randomize(module)
        module.eval()

    write_json(f'{out}/config.json', config_json(vocab_size))
    write_json(f'{out}/generation_config.json', generation_config_json())
    write_json(f'{out}/preprocessor_config.json', preprocessor_config_json())
    write_json(f'{out}/tokenizer.json', tok.tokenizer_json(vocab))
    write_json(f'{out}/tokenizer_config.json', tok.tokenizer_config(vocab))
    write_json(f'{out}/special_tokens_map.json', tok.special_tokens_map())

    b, s, e, t, p = 1, 5, m.NUM_IMAGE_TOKENS + 5, 2, 3
    ids = torch.randint(0, vocab_size, (b, s))
    pixels = torch.randn(b, 3, m.IMAGE_SIZE, m.IMAGE_SIZE)
    seq = {0: 'batch_size', 1: 'sequence_length'}
    export(embed, (ids,), f'{out}/onnx/embed_tokens.onnx', ['input_ids'], ['inputs_embeds'],
           {'input_ids': seq, 'inputs_embeds': seq})
    export(vision, (pixels,), f'{out}/onnx/vision_encoder.onnx', ['pixel_values'], ['image_features'],
           {'pixel_values': {0: 'batch_size'}, 'image_features': {0: 'batch_size'}})
    fix_static_dim(f'{out}/onnx/vision_encoder.onnx', 'image_features', 1, m.NUM_IMAGE_TOKENS)

    embeds = torch.randn(b, e, m.D_MODEL)
    mask = torch.ones(b, e, dtype=torch.int64)
    enc_seq = {0: 'batch_size', 1: 'encoder_sequence_length'}
    export(encoder, (embeds, mask), f'{out}/onnx/encoder_model.onnx', ['inputs_embeds', 'attention_mask'],
           ['last_hidden_state'], {'inputs_embeds': enc_seq, 'attention_mask': enc_seq, 'last_hidden_state': enc_seq})

    hidden = torch.randn(b, e, m.D_MODEL)
    dec_embeds = torch.randn(b, t, m.D_MODEL)
    past = []
    for _ in range(m.DECODER_LAYERS):
        past += [torch.randn(b, m.HEADS, p, m.HEAD_DIM), torch.randn(b, m.HEADS, p, m.HEAD_DIM),
                 torch.randn(b, m.HEADS, e, m.HEAD_DIM), torch.randn(b, m.HEADS, e, m.HEAD_DIM)]
    branch = torch.tensor([True])
    axes = {'encoder_attention_mask': enc_seq, 'encoder_hidden_states': enc_seq,
            'inputs_embeds': {0: 'batch_size', 1: 'decoder_sequence_length'},
            'logits': {0: 'batch_size', 1: 'decoder_sequence_length'}}
    for name in past_names('past_key_values'):
        axes[name] = {0: 'batch_size', 2: 'past_decoder_sequence_length' if '.decoder.' in name else 'encoder_sequence_length_out'}
    for name in past_names('present'):
        axes[name] = {0: 'batch_size', 2: 'past_decoder_sequence_length + 1' if '.decoder.' in name else 'encoder_sequence_length_out'}
    export(decoder, (mask, hidden, dec_embeds, branch, *past), f'{out}/onnx/decoder_model_merged.onnx',
           ['encoder_attention_mask', 'encoder_hidden_states', 'inputs_embeds', 'use_cache_branch', *past_names('past_key_values')],
           ['logits', *past_names('present')], axes)

    write_reference(embed, vision, encoder, decoder, vocab_size)
    for name, module in (('embed_tokens', embed), ('vision_encoder', vision), ('encoder_model', encoder), ('decoder_model', decoder)):
        print(f'{name}: {sum(p.numel() for p in module.parameters()) / 1e6:.1f} M parameters')


def write_reference(embed, vision, encoder, decoder, vocab_size):
    """Torch outputs on fixed inputs (first step with an empty past, then one cached step)."""
    g = torch.Generator().manual_seed(7)
    pixels = torch.rand(1, 3, m.IMAGE_SIZE, m.IMAGE_SIZE, generator=g) * 2 - 1
    ids = torch.randint(0, vocab_size, (1, 6), generator=g)
    with torch.no_grad():
        feats = vision(pixels)
        embeds = torch.cat([feats, embed(ids)], dim=1)
        mask = torch.ones(1, embeds.shape[1], dtype=torch.int64)
        hidden = encoder(embeds, mask)
        empty = []
        for _ in range(m.DECODER_LAYERS):
            empty += [torch.zeros(1, m.HEADS, 0, m.HEAD_DIM)] * 2 + [torch.zeros(1, m.HEADS, 0, m.HEAD_DIM)] * 2
        start = embed(torch.tensor([[tok.EOS]]))
        first = decoder(mask, hidden, start, torch.tensor([False]), *empty)
        second = decoder(mask, hidden, embed(torch.tensor([[tok.BOS]])), torch.tensor([True]), *first[1:])
    ref = {'pixel_values': pixels.flatten().tolist(), 'input_ids': ids.flatten().tolist(),
           'image_features': feats.flatten().tolist(), 'last_hidden_state': hidden.flatten().tolist(),
           'logits_step1': first[0].flatten().tolist(), 'logits_step2': second[0].flatten().tolist(),
           'present_step2_0_decoder_key': second[1].flatten().tolist()}
    write_json(REFERENCE, ref)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith('--') else os.path.join(HERE, '../../../public/models/altscribe/tiny-florence2'))
