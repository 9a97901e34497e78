// @vitest-environment node
import { resolve } from 'node:path';
import { env, type RawImage } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCaptionOptions } from '../src/models/caption-options';
import type { CaptionOptions } from '../src/models/model-types';
import { encodeScene } from '../tools/shapes-world/encode-node';
import { mulberry32, randomScene } from '../tools/shapes-world/shapes-world';
import type { Captioner, CaptionerLoadOptions } from './captioner';
import { decodeImageInNode } from './decode-image-node';
import { Florence2Captioner } from './florence2-captioner';
import type { GenerationStages } from './generation-timer';
import { ImageTextToTextCaptioner } from './image-text-to-text-captioner';
import { SmolVlmCaptioner } from './smolvlm-captioner';

/**
 * Every VLM adapter reports where a caption's time went, as the encoder-decoder one does, through
 * the tiny random-weight fixtures on onnxruntime-node. Shapes only, no timing thresholds.
 */
env.allowLocalModels = true;
env.allowRemoteModels = false;

const FAMILIES: { name: string; dir: string; load: (dir: string, options: CaptionerLoadOptions) => Promise<Captioner> }[] = [
  { name: 'tiny-florence2', dir: 'tiny-florence2', load: (dir, o) => Florence2Captioner.load(dir, o) },
  { name: 'tiny-smolvlm', dir: 'tiny-smolvlm', load: (dir, o) => SmolVlmCaptioner.load(dir, o) },
  { name: 'tiny-fastvlm', dir: 'tiny-fastvlm', load: (dir, o) => ImageTextToTextCaptioner.load(dir, o) },
];

/** A fixed amount of work per caption, as the benchmark asks for. */
const FIXED_WORK: CaptionOptions = resolveCaptionOptions({ maxNewTokens: 6, minNewTokens: 6, noRepeatNgramSize: 0, repetitionPenalty: 1 });

const stepsTotal = (s: GenerationStages): number => s.decoderStepsMs.reduce((a, b) => a + b, 0);
const sum = (s: GenerationStages): number => s.preprocessMs + s.encoderMs + stepsTotal(s) + s.otherMs;

let image: RawImage;
beforeAll(async () => {
  const { bytes, mime } = await encodeScene(randomScene(mulberry32(17)));
  image = await decodeImageInNode(bytes, mime);
});

describe.each(FAMILIES)('$name stage timings', ({ dir, load }) => {
  let captioner: Captioner;
  beforeAll(async () => {
    captioner = await load(resolve(import.meta.dirname, '../public/models/altscribe', dir), { dtype: 'fp32' });
  });
  afterAll(() => captioner.dispose());

  async function timed(options: CaptionOptions): Promise<{ stages: GenerationStages; wallMs: number; text: string }> {
    let stages: GenerationStages | undefined;
    let calls = 0;
    const started = performance.now();
    const text = await captioner.caption(image, options, { onStages: (s) => ((stages = s), calls++) });
    const wallMs = performance.now() - started;
    expect(calls).toBe(1);
    if (!stages) throw new Error('no stages reported');
    return { stages, wallMs, text };
  }

  it('reports preprocessing, a timed encoder stage, one decoder run per new token and no more time than the call took', async () => {
    const { stages, wallMs, text } = await timed(FIXED_WORK);
    expect(text.length).toBeGreaterThan(0);
    expect(stages.preprocessMs).toBeGreaterThan(0);
    expect(stages.encoderMs).toBeGreaterThan(0);
    // The first run is the prefill (or the decoder start token); each later one adds a token.
    expect(stages.newTokens).toBe(FIXED_WORK.maxNewTokens);
    expect(stages.decoderStepsMs).toHaveLength(stages.newTokens);
    expect(stages.decoderStepsMs.every((ms) => ms > 0)).toBe(true);
    expect(stages.otherMs).toBeGreaterThanOrEqual(0);
    expect(sum(stages)).toBeLessThanOrEqual(wallMs + 1e-6);
    // The stages split the generation: the measured ones cover most of it, not a sliver.
    expect(stages.preprocessMs + stages.encoderMs + stepsTotal(stages)).toBeGreaterThan(0.3 * sum(stages));
  });

  it('counts the tokens it was asked for: more new tokens, more decoder runs', async () => {
    const { stages } = await timed({ ...FIXED_WORK, maxNewTokens: 3, minNewTokens: 3 });
    expect(stages.newTokens).toBe(3);
    expect(stages.decoderStepsMs).toHaveLength(3);
  });
});
