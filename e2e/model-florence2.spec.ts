import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './support/console';
import { addFiles, altText, card, openApp, readCaptions, shapesImages, waitForAllSettled, type ShapesImage } from './support/app';

// The tiny random-weight Florence-2 fixture (tools/tiny-vlm/florence2) in the real app: the worker
// loads it through workers/florence2-captioner.ts with the registry's '<CAPTION>' task, and the
// card must end up with the fixture's own words, fetched from exactly Florence-2's file set.

const MODEL_ID = 'altscribe/tiny-florence2';
const MODEL_PATH = `/models/${MODEL_ID}/`;
const EXPECTED_FILES = [
  'config.json',
  'generation_config.json',
  'onnx/decoder_model_merged.onnx',
  'onnx/embed_tokens.onnx',
  'onnx/encoder_model.onnx',
  'onnx/vision_encoder.onnx',
  'preprocessor_config.json',
  'tokenizer.json',
  'tokenizer_config.json',
];
const MAX_NEW_TOKENS = 8;

/** The words the fixture can say: byte-level vocabulary entries that begin with a space ('Ġ'). */
function fixtureWords(): Set<string> {
  const tokenizer = JSON.parse(readFileSync(`public${MODEL_PATH}tokenizer.json`, 'utf8')) as { model: { vocab: Record<string, number> } };
  return new Set(
    Object.keys(tokenizer.model.vocab)
      .filter((token) => token.startsWith('Ġ') && token.length > 1)
      .map((token) => token.slice(1)),
  );
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
  images = await shapesImages(2, { maxSide: 400, dir: 'test-results/model-florence2-images' });
});

// WebGPU (SwiftShader) runs of the random-weight fixtures passed here (1.4–3.7 min each) but cost
// too much CI time; set ALTSCRIBE_FIXTURE_WEBGPU=1 to include them. The WebGPU path itself is
// covered on every run by the shapes model (e2e/webgpu.spec.ts, e2e/accuracy.spec.ts).
const devices = process.env['ALTSCRIBE_FIXTURE_WEBGPU'] ? (['wasm', 'webgpu'] as const) : (['wasm'] as const);
for (const device of devices) {
  const tag = device === 'webgpu' ? '@webgpu ' : '';
  test(`${tag}the tiny Florence-2 fixture captions a shapes image on ${device} with its own words, from exactly its files`, async ({ page }) => {
    // SwiftShader compiles every kernel in software; on the shared 2-core box (load ~18) this took 1.5 min.
    test.setTimeout(device === 'webgpu' ? 240_000 : 150_000);
    const files = recordModelFiles(page);
    await openApp(page, device, '', { model: MODEL_ID }); // answers the download prompt
    const image = images[device === 'wasm' ? 0 : 1]!;
    await addFiles(page, [image]);
    await waitForAllSettled(page, 1, device === 'webgpu' ? 220_000 : 130_000);
    await expect(card(page, image.name).locator('article')).toHaveAttribute('data-status', 'done');
    const text = (await readCaptions(page)).get(image.name) ?? '';
    await expect(altText(page, image.name)).toHaveValue(text);
    const words = wordsOf(text);
    const vocabulary = fixtureWords();
    expect(words.length, `"${text}"`).toBeGreaterThan(0);
    expect(words.length, `"${text}"`).toBeLessThanOrEqual(MAX_NEW_TOKENS);
    for (const word of words) expect(vocabulary.has(word), `"${word}" of "${text}" is a fixture word`).toBe(true);
    expect(text, 'Florence-2 markers are post-processed away').not.toMatch(/<\/?s>|<pad>/);
    expect([...files].sort()).toEqual(EXPECTED_FILES);
  });
}
