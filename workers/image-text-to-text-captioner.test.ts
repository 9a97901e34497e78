// @vitest-environment node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AutoProcessor, env, InterruptableStoppingCriteria, type ProgressInfo, type RawImage } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCaptionOptions } from '../src/models/caption-options';
import { getModel } from '../src/models/registry';
import { encodeScene } from '../tools/shapes-world/encode-node';
import { mulberry32, randomScene } from '../tools/shapes-world/shapes-world';
import { decodeImageInNode } from './decode-image-node';
import { buildChatMessages, ImageTextToTextCaptioner, promptStyleFor } from './image-text-to-text-captioner';

/**
 * The tiny random-weight FastVLM (tools/tiny-vlm/fastvlm) through the real adapter: same files,
 * tensor names, processor and chat template as onnx-community/FastVLM-0.5B-ONNX, so this proves
 * the plumbing; the words themselves are noise drawn from a closed vocabulary.
 */
const MODEL_ID = 'altscribe/tiny-fastvlm';
const MODEL_DIR = resolve(import.meta.dirname, '../public/models', MODEL_ID);
const FIXTURE = JSON.parse(readFileSync(resolve(import.meta.dirname, '../tools/tiny-vlm/fastvlm/words.json'), 'utf8')) as {
  words: string[];
  imageTokens: number;
  imageTokenId: number;
};
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

const entry = getModel(MODEL_ID);
const options = resolveCaptionOptions(entry.generation);
const words = (text: string) => text.split(/\s+/).filter(Boolean);

async function shapesImage(seed: number): Promise<RawImage> {
  const { bytes, mime } = await encodeScene(randomScene(mulberry32(seed), { maxSide: 300 }));
  return decodeImageInNode(bytes, mime);
}

describe('ImageTextToTextCaptioner on the tiny FastVLM fixture (transformers.js in Node)', () => {
  let captioner: ImageTextToTextCaptioner;
  const requested = new Set<string>();
  let images: RawImage[];

  beforeAll(async () => {
    captioner = await ImageTextToTextCaptioner.load(MODEL_DIR, {
      dtype: entry.dtypes.wasm ?? 'fp32',
      onProgress: (info: ProgressInfo) => {
        if ((info.status === 'initiate' || info.status === 'done') && 'file' in info) requested.add(info.file);
      },
    });
    images = [await shapesImage(11), await shapesImage(12)];
  });

  afterAll(async () => {
    await captioner?.dispose();
  });

  it('requests exactly the FastVLM file set (fp32, no suffix)', () => {
    expect([...requested].sort()).toEqual(EXPECTED_FILES);
  });

  it('captions shapes images with words from the fixture vocabulary, at most maxNewTokens of them', async () => {
    for (const image of images) {
      const text = await captioner.caption(image, options, { prompt: entry.prompt });
      expect(text.length).toBeGreaterThan(0);
      expect(words(text).length).toBeLessThanOrEqual(options.maxNewTokens);
      for (const word of words(text)) expect(FIXTURE.words, `"${word}" in "${text}"`).toContain(word);
    }
  });

  it('streams only new text, and the chunks join to the returned caption', async () => {
    const chunks: string[] = [];
    const text = await captioner.caption(images[0]!, options, { prompt: entry.prompt, onText: (c) => chunks.push(c) });
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('').trim()).toBe(text);
    expect(chunks.join('')).not.toContain('assistant');
  });

  it('stops early when the run is interrupted', async () => {
    const full = await captioner.caption(images[1]!, options, { prompt: entry.prompt });
    const stop = new InterruptableStoppingCriteria();
    const cut = await captioner.caption(images[1]!, options, { prompt: entry.prompt, stop, onText: () => stop.interrupt() });
    // No end-of-text is reachable in the fixture, so an uninterrupted run always fills maxNewTokens.
    expect(words(full)).toHaveLength(options.maxNewTokens);
    expect(words(cut).length).toBeGreaterThan(0);
    expect(words(cut).length).toBeLessThan(words(full).length);
    expect(full.startsWith(cut)).toBe(true);
  });
});

describe('FastVLM prompt construction', () => {
  it('writes the image token into a Qwen2 chat turn and the processor expands it to one token per patch', async () => {
    const processor = await AutoProcessor.from_pretrained(MODEL_DIR);
    const messages = buildChatMessages(promptStyleFor('llava_qwen2'), 'Say what you see.', '<image>');
    const text = processor.apply_chat_template(messages, { add_generation_prompt: true }) as string;
    expect(text).toBe(
      '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n<image>\nSay what you see.<|im_end|>\n<|im_start|>assistant\n',
    );
    const inputs = await processor(await shapesImage(13), text, { add_special_tokens: false });
    const ids = Array.from(inputs.input_ids.data as BigInt64Array, Number);
    expect(ids.filter((id) => id === FIXTURE.imageTokenId)).toHaveLength(FIXTURE.imageTokens);
    expect(inputs.pixel_values.dims).toEqual([1, 3, 64, 64]);
  });

  it('uses content parts for chat templates that read them, and refuses model types it does not know', () => {
    expect(buildChatMessages(promptStyleFor('qwen2_vl'), 'Hi', '<image>')[0]!.content).toEqual([{ type: 'image' }, { type: 'text', text: 'Hi' }]);
    expect(() => promptStyleFor('phi3_v')).toThrow(/phi3_v/);
  });
});
