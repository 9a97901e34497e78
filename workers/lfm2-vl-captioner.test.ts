// @vitest-environment node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AutoModelForImageTextToText, AutoProcessor, env, InterruptableStoppingCriteria, type PreTrainedModel, type Processor, type ProgressInfo, type RawImage, type Tensor } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promptInLanguage } from '../src/alttext/alt-text-language';
import { promptFor } from '../src/alttext/photo-context';
import { resolveCaptionOptions } from '../src/models/caption-options';
import { ALT_TEXT_INSTRUCTION } from '../src/models/families';
import type { TextConfidence } from '../src/models/review-signals';
import { getModel } from '../src/models/registry';
import { encodeScene } from '../tools/shapes-world/encode-node';
import { mulberry32, randomScene } from '../tools/shapes-world/shapes-world';
import type { GenerationStages } from './generation-timer';
import { decodeImageInNode } from './decode-image-node';
import { Lfm2VlCaptioner, lfm2VlPrompt } from './lfm2-vl-captioner';

/**
 * The tiny LFM2-VL fixture (tools/tiny-vlm/lfm2-vl) through the adapter the worker uses. Its
 * weights are random and its logits only let 26 whole words win (no end token), so the checks are
 * on shape: the prompt the processor gets, one image token per vision feature row, fixture words,
 * exactly `maxNewTokens` of them, streaming, stopping, timings, and the files an lfm2_vl model needs.
 */
const MODEL_ID = 'altscribe/tiny-lfm2-vl';
const MODEL_DIR = resolve(import.meta.dirname, '../public/models', MODEL_ID);
const ENTRY = getModel(MODEL_ID);
const OPTIONS = resolveCaptionOptions(ENTRY.generation);
const WORDS = new Set((JSON.parse(readFileSync(resolve(import.meta.dirname, '../tools/tiny-vlm/lfm2-vl/words.json'), 'utf8')) as { words: string[] }).words);
// Lfm2VlProcessor reads neither processor_config.json nor chat_template.jinja (its template is in tokenizer_config.json).
const EXPECTED_FILES = [
  'config.json',
  'generation_config.json',
  'onnx/decoder_model_merged.onnx',
  'onnx/embed_tokens.onnx',
  'onnx/vision_encoder.onnx',
  'preprocessor_config.json',
  'tokenizer.json',
  'tokenizer_config.json',
];

env.allowLocalModels = true;
env.allowRemoteModels = false;

async function shapesImage(seed: number, maxSide?: number): Promise<RawImage> {
  const scene = randomScene(mulberry32(seed), maxSide ? { maxSide } : {});
  const { bytes, mime } = await encodeScene(scene);
  return decodeImageInNode(bytes, mime);
}

function expectFixtureWords(text: string): string[] {
  const tokens = text.split(/\s+/).filter(Boolean);
  for (const token of tokens) expect(WORDS.has(token), `"${token}" in "${text}" is a fixture word`).toBe(true);
  return tokens;
}

const count = (text: string, piece: string) => text.split(piece).length - 1;

describe('LFM2-VL prompt shape (the real Lfm2VlProcessor on the fixture)', () => {
  let processor: Processor;
  let model: PreTrainedModel;
  beforeAll(async () => {
    processor = await AutoProcessor.from_pretrained(MODEL_DIR);
    model = await AutoModelForImageTextToText.from_pretrained(MODEL_DIR, { dtype: 'fp32' });
  });
  afterAll(async () => {
    await model?.dispose();
  });

  it('renders one user turn: the image, then the instruction, then the assistant prompt', () => {
    expect(lfm2VlPrompt(processor, ALT_TEXT_INSTRUCTION)).toBe(
      `<|startoftext|><|im_start|>user\n<image>${ALT_TEXT_INSTRUCTION}<|im_end|>\n<|im_start|>assistant\n`,
    );
  });

  it('carries the context and the language the worker adds, after the image and inside the turn', () => {
    const instruction = promptInLanguage('lfm2-vl', promptFor('lfm2-vl', ENTRY.prompt, 'Harbour at <dusk>, "Brest" 2019'), 'fr');
    const text = lfm2VlPrompt(processor, instruction ?? '');
    const turn = text.slice(text.indexOf('<image>') + '<image>'.length, text.indexOf('<|im_end|>'));
    expect(turn.startsWith(ALT_TEXT_INSTRUCTION)).toBe(true);
    expect(turn).toContain(`"Harbour at dusk, 'Brest' 2019"`);
    expect(turn.endsWith('Write the alt-text in French.')).toBe(true);
    expect(count(text, '<image>')).toBe(1);
  });

  it.each([
    ['a small photo: one resized frame', 90, false],
    ['a large photo: tiles, each marked by row and column, then a thumbnail', 400, true],
  ])('expands <image> into one token per vision feature row for %s', async (_name, maxSide, tiled) => {
    const image = await shapesImage(maxSide, maxSide);
    const inputs = (await processor(image, lfm2VlPrompt(processor, 'describe'), { add_special_tokens: false })) as Record<string, Tensor>;
    const text = processor.batch_decode(inputs['input_ids'] as Tensor, { skip_special_tokens: false })[0] as string;
    const features = (await (model as unknown as { encode_image(i: Record<string, Tensor>): Promise<Tensor> }).encode_image(inputs)).dims[0];
    // Each tile's features: its patch grid halved by the 2×2 unshuffle, rounded up.
    const shapes = ((inputs['spatial_shapes'] as Tensor).tolist() as bigint[][]).map(([h, w]) => [Number(h), Number(w)]);
    const expected = shapes.reduce((sum, [h = 0, w = 0]) => sum + Math.ceil(h / 2) * Math.ceil(w / 2), 0);
    expect(count(text, '<image>')).toBe(features);
    expect(features).toBe(expected);
    expect(text).toMatch(/<\|image_start\|>(<\|img_row_\d_col_\d\|>|<\|img_thumbnail\|>|<image>)+<\|image_end\|>describe<\|im_end\|>/);
    expect(text.includes('<|img_row_1_col_1|>')).toBe(tiled);
    expect(text.includes('<|img_thumbnail|>')).toBe(tiled);
    expect(shapes.length > 1).toBe(tiled);
  });
});

describe('LFM2-VL adapter on the tiny fixture (transformers.js in Node)', () => {
  const requested = new Set<string>();
  let captioner: Lfm2VlCaptioner;

  beforeAll(async () => {
    captioner = await Lfm2VlCaptioner.load(MODEL_DIR, {
      dtype: ENTRY.dtypes.wasm ?? 'fp32',
      onProgress: (info: ProgressInfo) => {
        if ((info.status === 'initiate' || info.status === 'done') && 'file' in info) requested.add(info.file);
      },
    });
  });
  afterAll(async () => {
    await captioner?.dispose();
  });

  it('requests exactly the files of an lfm2_vl model, fp32 suffix included', () => {
    expect([...requested].sort()).toEqual(EXPECTED_FILES);
  });

  it('writes exactly maxNewTokens fixture words, the same for the same photo, streamed as it goes', async () => {
    const captions: string[] = [];
    for (const seed of [31, 32, 33]) {
      const image = await shapesImage(seed, 300);
      const chunks: string[] = [];
      const text = await captioner.caption(image, OPTIONS, { prompt: ENTRY.prompt, onText: (c) => chunks.push(c) });
      expect(expectFixtureWords(text)).toHaveLength(OPTIONS.maxNewTokens);
      expect(chunks.length).toBeGreaterThan(1);
      expect(chunks.join('').trim()).toBe(text);
      expect(await captioner.caption(image, OPTIONS, { prompt: ENTRY.prompt })).toBe(text);
      captions.push(text);
    }
    // The vision features reach the decoder: different photos steer the random model differently.
    expect(new Set(captions).size).toBeGreaterThan(1);
  });

  it('reports one decoder step per new token and the confidence of every token', async () => {
    let stages: GenerationStages | undefined;
    let confidence: TextConfidence | undefined;
    const text = await captioner.caption(await shapesImage(34, 200), OPTIONS, {
      prompt: ENTRY.prompt,
      onStages: (s) => (stages = s),
      onConfidence: (c) => (confidence = c),
    });
    expect(stages?.decoderStepsMs).toHaveLength(OPTIONS.maxNewTokens);
    expect(stages?.newTokens).toBe(OPTIONS.maxNewTokens);
    expect(stages?.preprocessMs).toBeGreaterThan(0);
    expect(confidence?.tokens).toBe(OPTIONS.maxNewTokens);
    expect(confidence?.words.map((w) => w.word).join(' ')).toBe(text);
  });

  it('stops early when interrupted from the stream, and the model stays usable', async () => {
    const image = await shapesImage(35, 200);
    const full = expectFixtureWords(await captioner.caption(image, OPTIONS, { prompt: ENTRY.prompt }));
    const stop = new InterruptableStoppingCriteria();
    const partial = expectFixtureWords(await captioner.caption(image, OPTIONS, { prompt: ENTRY.prompt, stop, onText: () => stop.interrupt() }));
    expect(partial.length).toBeLessThan(full.length);
    expect(full.slice(0, partial.length)).toEqual(partial);
    stop.reset();
    expect(await captioner.caption(image, OPTIONS, { prompt: ENTRY.prompt, stop })).toBe(full.join(' '));
  });
});
