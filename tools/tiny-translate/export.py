"""Export the trained tiny Marian to the opus-mt layout transformers.js loads.

Usage: /usr/bin/python3 tools/tiny-translate/export.py CHECKPOINT.pt [OUT_DIR]
  default OUT_DIR: public/models/altscribe/shapes-opus-mt-en-mul
Writes config.json, generation_config.json, tokenizer.json, tokenizer_config.json,
special_tokens_map.json and onnx/{encoder_model,decoder_model_merged}.onnx (fp32).
"""
import json
import os
import sys

import torch

import model as m
from train import EOS, PAD, SPECIALS, UNK

OPSET = 17
HERE = os.path.dirname(os.path.abspath(__file__))
MAX_LENGTH = 16


def write_json(path, obj):
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(obj, f, indent=2, ensure_ascii=False)
        f.write('\n')


def config_json(vocab_size):
    return {
        'architectures': ['MarianMTModel'], 'model_type': 'marian', 'activation_function': 'swish',
        'd_model': m.D_MODEL, 'vocab_size': vocab_size, 'decoder_vocab_size': vocab_size,
        'encoder_layers': m.ENCODER_LAYERS, 'encoder_attention_heads': m.HEADS, 'encoder_ffn_dim': m.FFN,
        'decoder_layers': m.DECODER_LAYERS, 'decoder_attention_heads': m.HEADS, 'decoder_ffn_dim': m.FFN,
        'num_hidden_layers': m.ENCODER_LAYERS, 'max_position_embeddings': m.MAX_POSITIONS,
        'is_encoder_decoder': True, 'normalize_before': False, 'scale_embedding': True,
        'static_position_embeddings': True, 'share_encoder_decoder_embeddings': True, 'tie_word_embeddings': True,
        'dropout': 0.0, 'attention_dropout': 0.0, 'activation_dropout': 0.0, 'use_cache': True,
        'bos_token_id': EOS, 'eos_token_id': EOS, 'pad_token_id': PAD, 'decoder_start_token_id': PAD,
        'forced_eos_token_id': EOS, 'bad_words_ids': [[PAD]], 'max_length': MAX_LENGTH, 'num_beams': 1,
    }


def generation_config_json():
    return {'bad_words_ids': [[PAD]], 'bos_token_id': EOS, 'decoder_start_token_id': PAD, 'eos_token_id': EOS,
            'forced_eos_token_id': EOS, 'max_length': MAX_LENGTH, 'num_beams': 1, 'pad_token_id': PAD}


def tokenizer_json(vocab):
    """A WordLevel tokenizer: the caption world is closed, so whole words are the pieces. The
    post-processor appends </s> to the source, as Marian's sentencepiece tokenizer does."""
    added = [{'id': vocab[t], 'content': t, 'single_word': False, 'lstrip': False, 'rstrip': False,
              'normalized': False, 'special': True} for t in SPECIALS]
    return {
        'version': '1.0', 'truncation': None, 'padding': None, 'added_tokens': added, 'normalizer': None,
        'pre_tokenizer': {'type': 'WhitespaceSplit'},
        'post_processor': {
            'type': 'TemplateProcessing',
            'single': [{'Sequence': {'id': 'A', 'type_id': 0}}, {'SpecialToken': {'id': '</s>', 'type_id': 0}}],
            'pair': [{'Sequence': {'id': 'A', 'type_id': 0}}, {'Sequence': {'id': 'B', 'type_id': 0}},
                     {'SpecialToken': {'id': '</s>', 'type_id': 0}}],
            'special_tokens': {'</s>': {'id': '</s>', 'ids': [EOS], 'tokens': ['</s>']}},
        },
        'decoder': None,
        'model': {'type': 'WordLevel', 'vocab': vocab, 'unk_token': '<unk>'},
    }


def tokenizer_config_json():
    # No source_lang/target_lang: transformers.js's word-lookup tokenizer model would read
    # target_lang as a key into the vocab.
    return {'tokenizer_class': 'MarianTokenizer', 'eos_token': '</s>', 'unk_token': '<unk>', 'pad_token': '<pad>',
            'model_max_length': m.MAX_POSITIONS, 'clean_up_tokenization_spaces': False}


def past_names(prefix):
    names = []
    for i in range(m.DECODER_LAYERS):
        names += [f'{prefix}.{i}.decoder.key', f'{prefix}.{i}.decoder.value', f'{prefix}.{i}.encoder.key', f'{prefix}.{i}.encoder.value']
    return names


def export(module, args, path, inputs, outputs, axes):
    torch.onnx.export(module, args, path, input_names=inputs, output_names=outputs, dynamic_axes=axes,
                      opset_version=OPSET, do_constant_folding=True)


def main(checkpoint, out):
    saved = torch.load(checkpoint)
    vocab = saved['vocab']
    assert vocab['</s>'] == EOS and vocab['<unk>'] == UNK and vocab['<pad>'] == PAD
    model = m.Marian(len(vocab), PAD)
    model.load_state_dict(saved['state'])
    model.eval()
    os.makedirs(f'{out}/onnx', exist_ok=True)
    write_json(f'{out}/config.json', config_json(len(vocab)))
    write_json(f'{out}/generation_config.json', generation_config_json())
    write_json(f'{out}/tokenizer.json', tokenizer_json(vocab))
    write_json(f'{out}/tokenizer_config.json', tokenizer_config_json())
    write_json(f'{out}/special_tokens_map.json', {'eos_token': '</s>', 'unk_token': '<unk>', 'pad_token': '<pad>'})

    b, s, t, p = 1, 7, 2, 3
    ids = torch.randint(3, len(vocab), (b, s))
    mask = torch.ones(b, s, dtype=torch.int64)
    enc_seq = {0: 'batch_size', 1: 'encoder_sequence_length'}
    export(m.EncoderGraph(model), (ids, mask), f'{out}/onnx/encoder_model.onnx', ['input_ids', 'attention_mask'],
           ['last_hidden_state'], {'input_ids': enc_seq, 'attention_mask': enc_seq, 'last_hidden_state': enc_seq})

    hidden = torch.randn(b, s, m.D_MODEL)
    dec_ids = torch.randint(3, len(vocab), (b, t))
    past = []
    for _ in range(m.DECODER_LAYERS):
        past += [torch.randn(b, m.HEADS, p, m.HEAD_DIM), torch.randn(b, m.HEADS, p, m.HEAD_DIM),
                 torch.randn(b, m.HEADS, s, m.HEAD_DIM), torch.randn(b, m.HEADS, s, m.HEAD_DIM)]
    axes = {'encoder_attention_mask': enc_seq, 'encoder_hidden_states': enc_seq,
            'input_ids': {0: 'batch_size', 1: 'decoder_sequence_length'},
            'logits': {0: 'batch_size', 1: 'decoder_sequence_length'}}
    for name in past_names('past_key_values'):
        axes[name] = {0: 'batch_size', 2: 'past_decoder_sequence_length' if '.decoder.' in name else 'encoder_sequence_length_out'}
    for name in past_names('present'):
        axes[name] = {0: 'batch_size', 2: 'past_decoder_sequence_length + 1' if '.decoder.' in name else 'encoder_sequence_length_out'}
    export(m.DecoderGraph(model), (mask, dec_ids, hidden, torch.tensor([True]), *past), f'{out}/onnx/decoder_model_merged.onnx',
           ['encoder_attention_mask', 'input_ids', 'encoder_hidden_states', 'use_cache_branch', *past_names('past_key_values')],
           ['logits', *past_names('present')], axes)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, '../../public/models/altscribe/shapes-opus-mt-en-mul'))
