"""A small BART-style byte-level BPE tokenizer for the tiny Florence-2.

Same layout as Florence-2's tokenizer.json (ByteLevel pre-tokenizer and decoder, RobertaProcessing
<s> ... </s>, BPE model, BART special-token ids 0-3, <mask>, Florence's added task tokens), but the
vocabulary is the 256 byte symbols, the pieces of every Florence task prompt, and a few dozen
caption words. `ignore_merges` lets whole words map straight to their id with no merge table.
"""
import re

SPECIALS = ['<s>', '<pad>', '</s>', '<unk>']
BOS, PAD, EOS, UNK = 0, 1, 2, 3
# Florence-2 adds these to BART's vocabulary (its <loc_0>..<loc_999> are left out to stay small:
# the caption and OCR tasks never produce them).
FLORENCE_ADDED = ['<od>', '</od>', '<ocr>', '</ocr>', '<cap>', '</cap>', '<ncap>', '</ncap>',
                  '<dcap>', '</dcap>', '<grounding>', '</grounding>', '<seg>', '</seg>', '<sep>',
                  '<region_cap>', '</region_cap>', '<region_to_desciption>', '</region_to_desciption>',
                  '<proposal>', '</proposal>', '<poly>', '</poly>', '<and>']
# The only tokens the random decoder may emit (a leading space, as BART words mid-sentence):
# so every generation decodes to readable words a test can check.
CAPTION_WORDS = ('a two three red green blue yellow white black purple pink orange circle circles square '
                 'squares triangle triangles shape shapes on in with and of near above below background '
                 'small large bright dark round image photo picture text sign sky tree house street car '
                 'dog cat person table window light').split()

GPT2_SPLIT = re.compile(r"'s|'t|'re|'ve|'m|'ll|'d| ?[A-Za-z]+| ?[0-9]+| ?[^\sA-Za-z0-9]+|\s+(?!\S)|\s+")


def bytes_to_unicode():
    """GPT-2's reversible byte -> printable character map (space becomes 'Ġ')."""
    bs = list(range(ord('!'), ord('~') + 1)) + list(range(ord('¡'), ord('¬') + 1)) + list(range(ord('®'), ord('ÿ') + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


BYTE_MAP = bytes_to_unicode()


def byte_level(piece):
    return ''.join(BYTE_MAP[b] for b in piece.encode('utf-8'))


def build_vocab(prompts, size=None):
    """The fixture's small vocabulary; `size` pads it with filler tokens to a real model's vocab
    size (embedding and lm_head cost), which the final_logits_bias keeps the decoder from writing."""
    vocab = {}

    def add(token):
        if token not in vocab:
            vocab[token] = len(vocab)

    for t in SPECIALS:
        add(t)
    for c in sorted(BYTE_MAP.values()):
        add(c)
    for prompt in prompts:
        for piece in GPT2_SPLIT.findall(prompt):
            add(byte_level(piece))
    for word in CAPTION_WORDS:
        add(byte_level(' ' + word))
    add('<mask>')
    for t in FLORENCE_ADDED:
        add(t)
    while size is not None and len(vocab) < size:
        add(f'<unused_{len(vocab)}>')
    return vocab


def generatable_ids(vocab):
    return sorted(vocab[byte_level(' ' + w)] for w in CAPTION_WORDS)


def added_token(token_id, content, special=True):
    return {'id': token_id, 'content': content, 'single_word': False, 'lstrip': content == '<mask>',
            'rstrip': False, 'normalized': content not in SPECIALS + ['<mask>'], 'special': special}


def tokenizer_json(vocab):
    added = [added_token(vocab[t], t) for t in SPECIALS + ['<mask>']]
    added += [added_token(vocab[t], t, special=False) for t in FLORENCE_ADDED]
    return {
        'version': '1.0',
        'truncation': None,
        'padding': None,
        'added_tokens': added,
        'normalizer': None,
        'pre_tokenizer': {'type': 'ByteLevel', 'add_prefix_space': False, 'trim_offsets': True, 'use_regex': True},
        'post_processor': {'type': 'RobertaProcessing', 'sep': ['</s>', EOS], 'cls': ['<s>', BOS],
                           'trim_offsets': True, 'add_prefix_space': False},
        'decoder': {'type': 'ByteLevel', 'add_prefix_space': True, 'trim_offsets': True, 'use_regex': True},
        'model': {'type': 'BPE', 'dropout': None, 'unk_token': None, 'continuing_subword_prefix': '',
                  'end_of_word_suffix': '', 'fuse_unk': False, 'byte_fallback': False, 'ignore_merges': True,
                  'vocab': vocab, 'merges': []},
    }


def special_tokens_map():
    return {'bos_token': '<s>', 'cls_token': '<s>', 'eos_token': '</s>', 'mask_token': '<mask>',
            'pad_token': '<pad>', 'sep_token': '</s>', 'unk_token': '<unk>'}


def tokenizer_config(vocab):
    decoder = {str(vocab[t]): {k: v for k, v in added_token(vocab[t], t).items() if k != 'id'} for t in SPECIALS + ['<mask>']}
    for t in FLORENCE_ADDED:
        entry = added_token(vocab[t], t, special=False)
        decoder[str(vocab[t])] = {k: v for k, v in entry.items() if k != 'id'}
    return {'add_prefix_space': False, 'added_tokens_decoder': decoder, **special_tokens_map(),
            'clean_up_tokenization_spaces': True, 'errors': 'replace', 'model_max_length': 1024,
            'processor_class': 'Florence2Processor', 'tokenizer_class': 'BartTokenizer', 'trim_offsets': True}
