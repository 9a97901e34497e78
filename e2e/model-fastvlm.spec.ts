import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './support/console';
import { addFiles, card, readCaptions, shapesImages, waitForAllSettled, type ShapesImage } from './support/app';

/**
 * The tiny random-weight FastVLM (tools/tiny-vlm/fastvlm) end to end in Chromium: the app's worker
 * loads it through the image-text-to-text adapter, captions a shapes image, and fetches exactly
 * FastVLM's file set from this app's server. Its words are noise from a closed vocabulary.
 */
const MODEL_ID = 'altscribe/tiny-fastvlm';
const FIXTURE_WORDS: string[] = (
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../tools/tiny-vlm/fastvlm/words.json'), 'utf8')) as { words: string[] }
).words;
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
const MAX_NEW_TOKENS = 8;

let images: ShapesImage[];

test.beforeAll(async () => {
  images = await shapesImages(1, { maxSide: 300, dir: 'test-results/fastvlm-images', seed: 4183 });
});

/** Paths requested under the fixture's folder, relative to it (probes and loads alike). */
function recordModelRequests(page: Page): Set<string> {
  const files = new Set<string>();
  const prefix = `/models/${MODEL_ID}/`;
  page.context().on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.includes(prefix)) files.add(pathname.slice(pathname.indexOf(prefix) + prefix.length));
  });
  return files;
}

/** The finishing rules may sentence-case and end the caption with a period; compare the words. */
function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[.,;:!?]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

// No @webgpu variant: on SwiftShader the same test passed but took 112 s (load average 15–25),
// over the 60 s budget for WebGPU e2e on this machine.
async function captionOneImage(page: Page, device: 'wasm' | 'webgpu'): Promise<void> {
  const files = recordModelRequests(page);
  await page.goto(`/?model=${encodeURIComponent(MODEL_ID)}&device=${device}`);
  await expect(page.getByRole('button', { name: 'Choose photos…' })).toBeVisible();
  const image = images[0]!;
  await addFiles(page, [image]);
  await expect(card(page, image.name)).toBeVisible();
  // Consent may or may not be asked for app-served fixtures; answer it when it is.
  const download = page.getByRole('button', { name: 'Download', exact: true });
  const settled = card(page, image.name).locator('article:not([data-status=queued]):not([data-status=running])');
  await expect(download.or(settled)).toBeVisible({ timeout: 60_000 });
  if (await download.isVisible()) await download.click();
  await waitForAllSettled(page, 1, 90_000);

  const text = (await readCaptions(page)).get(image.name) ?? '';
  const words = wordsOf(text);
  test.info().annotations.push({ type: 'caption', description: `${device}: ${text}` });
  expect(words.length, `caption "${text}"`).toBeGreaterThan(0);
  expect(words.length).toBeLessThanOrEqual(MAX_NEW_TOKENS);
  for (const word of words) expect(FIXTURE_WORDS, `"${word}" in "${text}"`).toContain(word);
  expect([...files].sort()).toEqual(EXPECTED_FILES);
}

test('the tiny FastVLM captions a shapes image on WASM and fetches exactly its file set', async ({ page }) => {
  await captionOneImage(page, 'wasm');
  await expect(page.getByTestId('backend').or(page.locator('model-panel [data-role=backend]'))).toHaveText('WASM');
});
