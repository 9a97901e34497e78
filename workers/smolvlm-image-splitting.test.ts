// @vitest-environment node
import { resolve } from 'node:path';
import { AutoProcessor, env, Idefics3ImageProcessor, Idefics3Processor, RawImage, Tensor, type Processor } from '@huggingface/transformers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { resolveCaptionOptions } from '../src/models/caption-options';
import { getModel } from '../src/models/registry';
import { SmolVlmCaptioner } from './smolvlm-captioner';

/**
 * Image splitting through the tiny SmolVLM fixture (tools/tiny-vlm/smolvlm: 32 px frames,
 * `image_seq_len` 4, `size.longest_edge` 64, splitting on in its preprocessor_config.json like the
 * real model's): what splitting costs in image tokens, and that the adapter turns it off.
 */
const MODEL_ID = 'altscribe/tiny-smolvlm';
const MODEL_DIR = resolve(import.meta.dirname, '../public/models', MODEL_ID);
const FRAME_TOKENS = 4;

env.allowLocalModels = true;
env.allowRemoteModels = false;

/** A 64×48 grey photo: after the processor's resize it spans 2×2 frames when split. */
const photo = (): RawImage => new RawImage(new Uint8ClampedArray(64 * 48 * 3).fill(128), 64, 48, 3);

function imageTokens(processor: Processor, inputIds: Tensor): number {
  const text = processor.tokenizer!.decode(Array.from(inputIds.data as BigInt64Array, Number), { skip_special_tokens: false });
  return text.split('<image>').length - 1;
}

interface ProcessorOutput {
  input_ids: Tensor;
  pixel_values: Tensor;
}

let processor: Processor;
beforeAll(async () => {
  processor = await AutoProcessor.from_pretrained(MODEL_DIR);
});
afterEach(() => vi.restoreAllMocks());

describe('SmolVLM image splitting', () => {
  it('splitting on turns a 64×48 photo into 2×2 frames plus the global one (5 × 4 image tokens); off, into one frame (4)', async () => {
    const split = (await processor('<image>Describe.', [photo()])) as ProcessorOutput;
    expect(split.pixel_values.dims).toEqual([1, 5, 3, 32, 32]);
    expect(imageTokens(processor, split.input_ids)).toBe(5 * FRAME_TOKENS);

    const whole = (await processor('<image>Describe.', [photo()], { do_image_splitting: false })) as ProcessorOutput;
    expect(whole.pixel_values.dims).toEqual([1, 1, 3, 32, 32]);
    expect(imageTokens(processor, whole.input_ids)).toBe(FRAME_TOKENS);
  });

  it('the adapter asks its processor for one frame, so the model is prompted with one frame of image tokens', async () => {
    const calls = vi.spyOn(Idefics3Processor.prototype, '_call');
    const captioner = await SmolVlmCaptioner.load(MODEL_DIR, { dtype: 'fp32' });
    try {
      const options = { ...resolveCaptionOptions(getModel(MODEL_ID).generation), maxNewTokens: 2 };
      await captioner.caption(photo(), options);
      expect(calls).toHaveBeenCalledTimes(1);
      const [, , callOptions] = calls.mock.calls[0]!;
      expect(callOptions).toMatchObject({ do_image_splitting: false });
      const inputs = (await calls.mock.results[0]!.value) as ProcessorOutput;
      expect(inputs.pixel_values.dims).toEqual([1, 1, 3, 32, 32]);
      expect(imageTokens(processor, inputs.input_ids)).toBe(FRAME_TOKENS);
    } finally {
      await captioner.dispose();
    }
  });

  it('the adapter resizes straight to the frame: the photo is not first scaled to `size.longest_edge` (64 here, 2048 in SmolVLM)', async () => {
    const preprocess = vi.spyOn(Idefics3ImageProcessor.prototype, 'preprocess');
    const captioner = await SmolVlmCaptioner.load(MODEL_DIR, { dtype: 'fp32' });
    try {
      await captioner.caption(photo(), { ...resolveCaptionOptions(getModel(MODEL_ID).generation), maxNewTokens: 1 });
      const resized = (await preprocess.mock.results[0]!.value) as { reshaped_input_size: [number, number] };
      expect(resized.reshaped_input_size).toEqual([24, 32]);
      // The processor as configured would have worked on 64×48 pixels.
      const configured = await new Idefics3ImageProcessor((processor as unknown as { image_processor: { config: Record<string, unknown> } }).image_processor.config).preprocess(photo());
      expect(configured.reshaped_input_size).toEqual([48, 64]);
    } finally {
      await captioner.dispose();
    }
  });
});
