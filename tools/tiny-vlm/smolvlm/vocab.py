"""The fixture's tokenizer: a word-level vocabulary of plain English words plus every special
token the Idefics3/SmolVLM processor and chat template emit, so random generations decode to
readable words a test can check."""

# Ids 0-2 sit where SmolLM2's tokenizer has them (unk, bos, pad).
BASE_SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]

# Prompt words (the alt-text instruction and the chat roles) so the prompt has no <unk>s,
# then words an alt-text could contain.
WORDS = """
user assistant write alt text for this image in one sentence of at most words describe only
what is visible do not start with or a picture
the an and on at by near under over above below beside behind front next to from into
two three four five six small large big little tall short long wide round flat bright dark
red green blue yellow white black purple pink orange brown grey gray gold silver
circle circles square squares triangle triangles shape shapes line lines dot dots
person people man woman child children dog cat bird horse tree trees flower flowers grass
sky cloud clouds sun water sea river lake beach sand road street car bus bicycle boat
house building window door wall floor table chair book cup plate food fruit apple bread
city park garden field mountain hill forest snow rain light shadow sign logo screen phone
sitting standing walking running holding looking smiling playing reading lying flying
background foreground center left right top bottom corner edge side middle close view
photo drawing painting diagram chart graph map icon pattern texture colour color
""".split()

PUNCTUATION = [".", ",", "-", ":", '"', '".', '"?']


def row_col_tokens(max_splits):
    return [f"<row_{r}_col_{c}>" for r in range(1, max_splits + 1) for c in range(1, max_splits + 1)]


def build_vocab(max_splits, size=None):
    """Returns (tokens in id order, the added special tokens). `size` pads the vocabulary with
    filler tokens to a real model's size (embedding and lm_head cost); they are not words, so the
    decoder's penalty keeps them out of generations."""
    words = list(dict.fromkeys(WORDS))  # de-duplicate, keep order
    added = ["<global-img>", *row_col_tokens(max_splits), "<fake_token_around_image>", "<image>", "<end_of_utterance>"]
    tokens = [*BASE_SPECIALS, *words, *PUNCTUATION, *added]
    while size is not None and len(tokens) < size:
        tokens.append(f"<unused_{len(tokens)}>")
    assert len(tokens) == len(set(tokens)), "duplicate token"
    return tokens, [*BASE_SPECIALS, *added]


def tokenizer_json(tokens, specials):
    vocab = {t: i for i, t in enumerate(tokens)}
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {"id": vocab[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
             "normalized": False, "special": True}
            for t in specials
        ],
        # Real SmolVLM is cased byte-level BPE; lower-casing lets the word list stay short.
        "normalizer": {"type": "Lowercase"},
        "pre_tokenizer": {"type": "Whitespace"},
        "post_processor": None,
        "decoder": None,
        "model": {"type": "WordLevel", "vocab": vocab, "unk_token": "<|endoftext|>"},
    }
