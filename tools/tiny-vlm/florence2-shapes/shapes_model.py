"""The trained shapes-world Florence-2: tools/tiny-vlm/florence2's modules at larger sizes, with a
small conv stem in place of the single patch convolution.

Importing this module resizes the tiny-florence2 `model` module's dimensions in place (its classes
read them when built and when run), so model.py, tokenizer.py, florence_configs.py and build.py are
reused unchanged. Import it before building any module.
"""
import os
import sys

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '../florence2'))
import model as m  # noqa: E402
import tokenizer as tok  # noqa: E402
from florence_configs import TASK_PROMPTS  # noqa: E402

m.D_MODEL = 64
m.HEADS = 4
m.HEAD_DIM = m.D_MODEL // m.HEADS
m.FFN = 256
m.ENCODER_LAYERS = 2
m.DECODER_LAYERS = 2
m.IMAGE_SIZE = 64
m.PATCH = 8  # the stem's overall stride: three stride-2 convs
m.GRID = m.IMAGE_SIZE // m.PATCH
m.NUM_IMAGE_TOKENS = m.GRID * m.GRID + 1

CAPTION_TASK = '<CAPTION>'
# The ImageNet normalisation of Florence-2's CLIPImageProcessor.
IMAGE_MEAN = (0.485, 0.456, 0.406)
IMAGE_STD = (0.229, 0.224, 0.225)
AUX_CLASSES = (3, 3, 8, 8)  # count, shape, shape colour, background colour


class StemVisionEncoder(m.VisionEncoder):
    """Three stride-2 3x3 convs instead of one 8x8 patch conv: a patchify stem learns the shapes
    world far more slowly (tools/fixture-model/README.md). The token recipe after it is unchanged."""

    def __init__(self):
        super().__init__()
        d = m.D_MODEL
        self.patch = nn.Sequential(
            nn.Conv2d(3, 32, 3, stride=2, padding=1), nn.GELU(),
            nn.Conv2d(32, 48, 3, stride=2, padding=1), nn.GELU(),
            nn.Conv2d(48, d, 3, stride=2, padding=1))
        with torch.no_grad():
            self.pos.normal_(0.0, 0.02)
            self.image_projection.copy_(torch.eye(d) + torch.randn(d, d) * 0.02)


class ShapesFlorence(nn.Module):
    """The four exported graphs plus a training-only head on the pooled image token."""

    def __init__(self, vocab_size):
        super().__init__()
        self.embed = m.EmbedTokens(vocab_size)
        self.vision = StemVisionEncoder()
        self.encoder = m.Encoder()
        # final_logits_bias stays all zeros, as in the real model: training decides what is said.
        self.decoder = m.Decoder(self.embed, torch.zeros(1, vocab_size))
        self.aux = nn.Linear(m.D_MODEL, sum(AUX_CLASSES))
        with torch.no_grad():
            for name, p in self.named_parameters():
                if 'shared' in name or 'positions' in name or name.endswith('lm_head'):
                    p.normal_(0.0, 0.02)

    def encode(self, pixels, prompt_ids):
        feats = self.vision(pixels)
        embeds = torch.cat([feats, self.embed(prompt_ids)], dim=1)
        mask = torch.ones(embeds.shape[:2], dtype=torch.int64)
        return feats, self.encoder(embeds, mask), mask

    def decode(self, hidden, mask, decoder_ids):
        b = hidden.shape[0]
        empty = [torch.zeros(b, m.HEADS, 0, m.HEAD_DIM)] * (4 * m.DECODER_LAYERS)
        return self.decoder(mask, hidden, self.embed(decoder_ids), torch.tensor([False]), *empty)[0]


def vocabulary():
    prompts = list(TASK_PROMPTS['task_prompts_without_inputs'].values()) + list(TASK_PROMPTS['task_prompts_with_input'].values())
    return tok.build_vocab(prompts)


def prompt_ids(vocab, task=CAPTION_TASK):
    """`<s> What does the image describe? </s>` as transformers.js's processor tokenizes it."""
    text = TASK_PROMPTS['task_prompts_without_inputs'][task]
    return [tok.BOS] + [vocab[tok.byte_level(p)] for p in tok.GPT2_SPLIT.findall(text)] + [tok.EOS]


def caption_ids(vocab, caption):
    """Decoder input and target: Florence starts at </s>, forces <s>, then ' word' tokens, then </s>."""
    words = [vocab[tok.byte_level(' ' + w)] for w in caption.split()]
    return [tok.EOS, tok.BOS] + words, [tok.BOS] + words + [tok.EOS]


def words_of(vocab):
    inverse = {i: t for t, i in vocab.items()}
    return lambda ids: ' '.join(inverse[i][1:] for i in ids if inverse[i].startswith('Ġ'))


def normalize(images_uint8):
    x = images_uint8.permute(0, 3, 1, 2).to(torch.float32) / 255.0
    mean = torch.tensor(IMAGE_MEAN).view(1, 3, 1, 1)
    std = torch.tensor(IMAGE_STD).view(1, 3, 1, 1)
    return (x - mean) / std


