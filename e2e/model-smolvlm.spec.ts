import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { getModel } from '../src/models/registry';
import { test, expect } from './support/console';
import { addFiles, altText, card, openApp, readCaptions, shapesImages, type ShapesImage } from './support/app';

// The tiny random-weight SmolVLM fixture (tools/tiny-vlm/smolvlm) in the real app: the worker loads
// it through workers/smolvlm-captioner.ts, and the caption must be made of the fixture's words.

const MODEL_ID = 'altscribe/tiny-smolvlm';
const MODEL_PATH = `/models/${MODEL_ID}/`;
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
const MAX_NEW_TOKENS = getModel(MODEL_ID).generation.maxNewTokens;

function fixtureWords(): Set<string> {
  const tokenizer = JSON.parse(readFileSync(`public${MODEL_PATH}tokenizer.json`, 'utf8')) as {
    added_tokens: { content: string }[];
    model: { vocab: Record<string, number> };
  };
  const specials = new Set(tokenizer.added_tokens.map((t) => t.content));
  return new Set(Object.keys(tokenizer.model.vocab).filter((t) => !specials.has(t)));
}

/** Undoes the alt-text finishing rules (sentence case, final period) so words can be looked up. */
function wordsOf(text: string): string[] {
  return text.toLowerCase().replace(/[.!?]+$/, '').split(/\s+/).filter(Boolean);
}

/** Every file fetched under the fixture's folder, relative to it. */
function recordModelFiles(page: Page): Set<string> {
  const files = new Set<string>();
  page.context().on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith(MODEL_PATH)) files.add(path.slice(MODEL_PATH.length));
  });
  return files;
}

let images: ShapesImage[];
test.beforeAll(async () => {
  images = await shapesImages(2, { maxSide: 400, dir: 'test-results/model-smolvlm-images' });
});

// WebGPU (SwiftShader) runs of the random-weight fixtures passed here (1.4–3.7 min each) but cost
// too much CI time; set ALTSCRIBE_FIXTURE_WEBGPU=1 to include them. The WebGPU path itself is
// covered on every run by the shapes model (e2e/webgpu.spec.ts, e2e/accuracy.spec.ts).
const devices = process.env['ALTSCRIBE_FIXTURE_WEBGPU'] ? (['wasm', 'webgpu'] as const) : (['wasm'] as const);
for (const device of devices) {
  const tag = device === 'webgpu' ? '@webgpu ' : '';
  test(`${tag}the tiny SmolVLM fixture captions a shapes image on ${device} with its own words, from exactly its files`, async ({ page }) => {
    // SwiftShader compiles a shader per new tensor shape: 38 s on an idle 2-core box, 136 s at load 17.
    test.setTimeout(device === 'webgpu' ? 240_000 : 120_000);
    const files = recordModelFiles(page);
    await openApp(page, device, '', { model: MODEL_ID });
    const image = images[device === 'wasm' ? 0 : 1]!;
    await addFiles(page, [image]);
    await expect(card(page, image.name).locator('article')).toHaveAttribute('data-status', 'done', { timeout: device === 'webgpu' ? 220_000 : 100_000 });
    const text = (await readCaptions(page)).get(image.name) ?? '';
    await expect(altText(page, image.name)).toHaveValue(text);
    const words = wordsOf(text);
    const vocabulary = fixtureWords();
    expect(words.length, `"${text}"`).toBeGreaterThan(0);
    expect(words.length, `"${text}"`).toBeLessThanOrEqual(MAX_NEW_TOKENS);
    for (const word of words) expect(vocabulary.has(word), `"${word}" of "${text}" is a fixture word`).toBe(true);
    expect([...files].sort()).toEqual(EXPECTED_FILES);
  });
}
