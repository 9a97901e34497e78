"""Export a trained checkpoint as the shapes-world Florence-2 fixture (fp32, opset 17).

Usage: /usr/bin/python3 export.py CKPT.pt [OUT_DIR]
  default OUT_DIR: public/models/altscribe/shapes-florence2
Same files, ONNX names and symbolic dims as tools/tiny-vlm/florence2/build.py, whose export helpers
it calls. Also writes the torch reference for tools/tiny-vlm/florence2/check_ort.mjs to
$TMPDIR/shapes-florence2/tiny-florence2-reference.json (run that check with TMPDIR=$TMPDIR/shapes-florence2).
"""
import os
import sys
import tempfile

import torch

import shapes_model as sm
import build  # tools/tiny-vlm/florence2/build.py, on the path through shapes_model
from florence_configs import config_json, generation_config_json, preprocessor_config_json

m, tok = sm.m, sm.tok
MODEL_ID = 'altscribe/shapes-florence2'


def main(checkpoint, out):
    state = torch.load(checkpoint, map_location='cpu')
    vocab = sm.vocabulary()
    assert state['vocab_size'] == len(vocab)
    model = sm.ShapesFlorence(len(vocab))
    model.load_state_dict(state['model'])
    model.eval()
    os.makedirs(f'{out}/onnx', exist_ok=True)

    config = config_json(len(vocab))
    config['_name_or_path'] = MODEL_ID
    preprocessor = preprocessor_config_json()
    # Bilinear, not Florence's bicubic: training simulated transformers.js's Node resize (sharp
    # affine, bilinear) exactly, and the browser's canvas ignores the setting.
    preprocessor['resample'] = 2
    build.write_json(f'{out}/config.json', config)
    build.write_json(f'{out}/generation_config.json', generation_config_json())
    build.write_json(f'{out}/preprocessor_config.json', preprocessor)
    build.write_json(f'{out}/tokenizer.json', tok.tokenizer_json(vocab))
    build.write_json(f'{out}/tokenizer_config.json', tok.tokenizer_config(vocab))
    build.write_json(f'{out}/special_tokens_map.json', tok.special_tokens_map())

    torch.manual_seed(0)
    b, s, e, t, p = 1, 5, m.NUM_IMAGE_TOKENS + 5, 2, 3
    seq = {0: 'batch_size', 1: 'sequence_length'}
    build.export(model.embed, (torch.randint(0, len(vocab), (b, s)),), f'{out}/onnx/embed_tokens.onnx',
                 ['input_ids'], ['inputs_embeds'], {'input_ids': seq, 'inputs_embeds': seq})
    build.export(model.vision, (torch.randn(b, 3, m.IMAGE_SIZE, m.IMAGE_SIZE),), f'{out}/onnx/vision_encoder.onnx',
                 ['pixel_values'], ['image_features'], {'pixel_values': {0: 'batch_size'}, 'image_features': {0: 'batch_size'}})
    build.fix_static_dim(f'{out}/onnx/vision_encoder.onnx', 'image_features', 1, m.NUM_IMAGE_TOKENS)

    mask = torch.ones(b, e, dtype=torch.int64)
    enc_seq = {0: 'batch_size', 1: 'encoder_sequence_length'}
    build.export(model.encoder, (torch.randn(b, e, m.D_MODEL), mask), f'{out}/onnx/encoder_model.onnx',
                 ['inputs_embeds', 'attention_mask'], ['last_hidden_state'],
                 {'inputs_embeds': enc_seq, 'attention_mask': enc_seq, 'last_hidden_state': enc_seq})

    past = []
    for _ in range(m.DECODER_LAYERS):
        past += [torch.randn(b, m.HEADS, p, m.HEAD_DIM), torch.randn(b, m.HEADS, p, m.HEAD_DIM),
                 torch.randn(b, m.HEADS, e, m.HEAD_DIM), torch.randn(b, m.HEADS, e, m.HEAD_DIM)]
    axes = {'encoder_attention_mask': enc_seq, 'encoder_hidden_states': enc_seq,
            'inputs_embeds': {0: 'batch_size', 1: 'decoder_sequence_length'},
            'logits': {0: 'batch_size', 1: 'decoder_sequence_length'}}
    for name in build.past_names('past_key_values'):
        axes[name] = {0: 'batch_size', 2: 'past_decoder_sequence_length' if '.decoder.' in name else 'encoder_sequence_length_out'}
    for name in build.past_names('present'):
        axes[name] = {0: 'batch_size', 2: 'past_decoder_sequence_length + 1' if '.decoder.' in name else 'encoder_sequence_length_out'}
    build.export(model.decoder, (mask, torch.randn(b, e, m.D_MODEL), torch.randn(b, t, m.D_MODEL), torch.tensor([True]), *past),
                 f'{out}/onnx/decoder_model_merged.onnx',
                 ['encoder_attention_mask', 'encoder_hidden_states', 'inputs_embeds', 'use_cache_branch',
                  *build.past_names('past_key_values')], ['logits', *build.past_names('present')], axes)

    reference_dir = os.path.join(tempfile.gettempdir(), 'shapes-florence2')
    os.makedirs(reference_dir, exist_ok=True)
    build.REFERENCE = os.path.join(reference_dir, 'tiny-florence2-reference.json')
    build.write_reference(model.embed, model.vision, model.encoder, model.decoder, len(vocab))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else os.path.join(sm.HERE, '../../../public/models/altscribe/shapes-florence2'))
