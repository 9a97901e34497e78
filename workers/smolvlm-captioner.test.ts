// @vitest-environment node
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AutoProcessor, env, InterruptableStoppingCriteria, type ProgressInfo, type RawImage } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCaptionOptions } from '../src/models/caption-options';
import { getModel } from '../src/models/registry';
import { encodeScene } from '../tools/shapes-world/encode-node';
import { mulberry32, randomScene } from '../tools/shapes-world/shapes-world';
import { decodeImageInNode } from './decode-image-node';
import { SmolVlmCaptioner } from './smolvlm-captioner';

/**
 * The tiny SmolVLM fixture (tools/tiny-vlm/smolvlm) through the adapter the worker uses. Its weights
 * are random, so the checks are on shape: words from its vocabulary, the token budget, streaming,
 * stopping, and exactly the files transformers.js must fetch for an Idefics3 model.
 */
const MODEL_ID = 'altscribe/tiny-smolvlm';
const MODEL_DIR = resolve(import.meta.dirname, '../public/models', MODEL_ID);
const ENTRY = getModel(MODEL_ID);
const OPTIONS = resolveCaptionOptions(ENTRY.generation);
const EXPECTED_FILES = [
  'config.json',
  'generation_config.json',
  'onnx/decoder_model_merged.onnx',
  'onnx/embed_tokens.onnx',
  'onnx/vision_encoder.onnx',
  'preprocessor_config.json',
  'processor_config.json',
  'tokenizer.json',
  'tokenizer_config.json',
];

env.allowLocalModels = true;
env.allowRemoteModels = false;

interface TokenizerFile {
  added_tokens: { content: string }[];
  model: { vocab: Record<string, number> };
}

function fixtureWords(dir: string): Set<string> {
  const tokenizer = JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as TokenizerFile;
  const specials = new Set(tokenizer.added_tokens.map((t) => t.content));
  return new Set(Object.keys(tokenizer.model.vocab).filter((t) => !specials.has(t)));
}

async function shapesImage(seed: number, maxSide?: number): Promise<RawImage> {
  const scene = randomScene(mulberry32(seed), maxSide ? { maxSide } : {});
  const { bytes, mime } = await encodeScene(scene);
  return decodeImageInNode(bytes, mime);
}

function expectFixtureText(text: string, words: Set<string>): string[] {
  const tokens = text.split(/\s+/).filter(Boolean);
  expect(tokens.length, `"${text}"`).toBeGreaterThan(0);
  expect(tokens.length, `"${text}"`).toBeLessThanOrEqual(OPTIONS.maxNewTokens);
  for (const token of tokens) expect(words.has(token), `"${token}" in "${text}" is a fixture word`).toBe(true);
  return tokens;
}

describe('SmolVLM adapter on the tiny Idefics3 fixture (transformers.js in Node)', () => {
  const words = fixtureWords(MODEL_DIR);
  const requested = new Set<string>();
  let captioner: SmolVlmCaptioner;

  beforeAll(async () => {
    captioner = await SmolVlmCaptioner.load(MODEL_DIR, {
      dtype: ENTRY.dtypes.wasm ?? 'fp32',
      onProgress: (info: ProgressInfo) => {
        if ((info.status === 'initiate' || info.status === 'done') && 'file' in info) requested.add(info.file);
      },
    });
  });
  afterAll(async () => {
    await captioner?.dispose();
  });

  it('requests exactly the files of an Idefics3 model, fp32 suffix included', () => {
    expect([...requested].sort()).toEqual(EXPECTED_FILES);
  });

  it('expands the image into the split grid the processor config asks for', async () => {
    const processor = await AutoProcessor.from_pretrained(MODEL_DIR);
    const { image_seq_len } = JSON.parse(readFileSync(join(MODEL_DIR, 'processor_config.json'), 'utf8')) as { image_seq_len: number };
    const prompt = processor.apply_chat_template([{ role: 'user', content: [{ type: 'image' }, { type: 'text', text: 'describe' }] }], { add_generation_prompt: true });
    expect(prompt).toMatch(/^<\|im_start\|>User:<image>describe<end_of_utterance>\nAssistant:$/);
    const square = await processor(prompt, [await shapesImage(7)]);
    const [, frames] = square.pixel_values.dims;
    const text = processor.batch_decode(square.input_ids, { skip_special_tokens: false })[0] as string;
    expect(frames).toBeGreaterThan(1);
    expect(text).toContain('<row_1_col_1>');
    expect(text).toContain('<global-img>');
    expect(text.split('<image>').length - 1).toBe(frames * image_seq_len);
  });

  it('captions shapes images with fixture words only, within the token budget, streaming the same text', async () => {
    for (const seed of [11, 12]) {
      const chunks: string[] = [];
      const text = await captioner.caption(await shapesImage(seed), OPTIONS, { prompt: ENTRY.prompt, onText: (c) => chunks.push(c) });
      expectFixtureText(text, words);
      expect(chunks.length).toBeGreaterThan(1);
      expect(chunks.join('').trim()).toBe(text);
    }
  });

  it('stops early when interrupted from the stream, and the model stays usable', async () => {
    const image = await shapesImage(13);
    const full = expectFixtureText(await captioner.caption(image, OPTIONS, { prompt: ENTRY.prompt }), words);
    const stop = new InterruptableStoppingCriteria();
    const cut = await captioner.caption(image, OPTIONS, { prompt: ENTRY.prompt, stop, onText: () => stop.interrupt() });
    const partial = expectFixtureText(cut, words);
    expect(partial.length).toBeLessThan(full.length);
    expect(full.slice(0, partial.length)).toEqual(partial);
    stop.reset();
    expect(await captioner.caption(image, OPTIONS, { prompt: ENTRY.prompt, stop })).toBe(full.join(' '));
  });
});

describe('SmolVLM2 (model_type smolvlm) through the same adapter', () => {
  let dir: string;
  beforeAll(() => {
    // The SmolVLM2 classes share Idefics3's processing and graphs; only the names differ.
    dir = mkdtempSync(join(tmpdir(), 'tiny-smolvlm2-'));
    cpSync(MODEL_DIR, dir, { recursive: true });
    const edit = (file: string, change: (json: Record<string, unknown>) => void) => {
      const json = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
      change(json);
      writeFileSync(join(dir, file), JSON.stringify(json));
    };
    edit('config.json', (c) => Object.assign(c, { model_type: 'smolvlm', architectures: ['SmolVLMForConditionalGeneration'] }));
    edit('preprocessor_config.json', (c) => Object.assign(c, { image_processor_type: 'SmolVLMImageProcessor', processor_class: 'SmolVLMProcessor' }));
    edit('processor_config.json', (c) => Object.assign(c, { processor_class: 'SmolVLMProcessor' }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads and captions with fixture words', async () => {
    const captioner = await SmolVlmCaptioner.load(dir, { dtype: 'fp32' });
    try {
      expectFixtureText(await captioner.caption(await shapesImage(21), OPTIONS, { prompt: ENTRY.prompt }), fixtureWords(dir));
    } finally {
      await captioner.dispose();
    }
  });
});
