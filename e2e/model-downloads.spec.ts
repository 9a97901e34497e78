import { statSync } from 'node:fs';
import { formatFilesSize } from '../src/models/format-bytes';
import { test, expect } from './support/console';
import { addFiles, altText, card, downloadButton, FIXTURE_MODEL, openApp, openSettings, shapesImages, type ShapesImage } from './support/app';
import { cachedModelFiles } from './support/faults';
import { stillHoldsFor } from './support/still-holds';

// Consent, progress, cancel and the model manager, on the shapes fixture (the only model this
// machine can download). Its q8 files are what WASM loads; their sizes on disk are the truth.
const Q8_FILES = ['onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx'];
const JSON_FILES = ['config.json', 'generation_config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json'];
const fileBytes = (file: string) => statSync(`public/models/${FIXTURE_MODEL}/${file}`).size;
// The first caption includes downloading, storing and loading the model: tens of seconds when
// the 2 shared cores are busy. Most of the test's own 90 s timeout.
const FIRST_CAPTION = { timeout: 60_000 };

let images: ShapesImage[];
test.beforeAll(async () => {
  images = await shapesImages(2, { maxSide: 300, dir: 'test-results/download-images' });
});

/** Every model file GET that carried a body (Range probes of one byte are metadata, not downloads). */
function watchDownloads(page: import('@playwright/test').Page): string[] {
  const downloads: string[] = [];
  page.context().on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/models/') && path.endsWith('.onnx') && !r.headers()['range']) downloads.push(path);
  });
  return downloads;
}


test('nothing downloads before consent; the prompt shows the real size and free space', async ({ page }) => {
  const downloads = watchDownloads(page);
  await openApp(page, 'wasm', '', { consent: 'manual' });
  await addFiles(page, [images[0]!]);
  const consent = page.locator('download-consent');
  await expect(consent.getByRole('heading', { name: /Download Shapes test model/ })).toBeVisible();
  // Every file the load stores, config.json (read while planning) too: the figure the model manager lists afterwards.
  const files = [...Q8_FILES, ...JSON_FILES];
  const total = files.reduce((sum, f) => sum + fileBytes(f), 0);
  await expect(consent.locator('[data-role=size]')).toHaveText(formatFilesSize(total, files.length));
  await expect(consent.locator('[data-role=free-space]')).toContainText(/free/i);
  await expect(downloadButton(page)).toBeFocused();
  // The plan is done and the prompt waits for an answer: a download that did not wait would start now.
  await stillHoldsFor(2_000, async () => expect(downloads).toEqual([]));
  expect(await cachedModelFiles(page).then((f) => Object.keys(f).filter((k) => k.endsWith('.onnx')))).toEqual([]);

  await page.keyboard.press('Enter');
  await expect(altText(page, images[0]!.name)).toHaveValue(images[0]!.expected, FIRST_CAPTION);
  expect(downloads.sort()).toEqual(expect.arrayContaining(Q8_FILES.map((f) => `/models/${FIXTURE_MODEL}/${f}`)));
  const cached = await cachedModelFiles(page);
  for (const f of Q8_FILES) expect(cached[`/models/${FIXTURE_MODEL}/${f}`]).toBe(fileBytes(f));
});

test('Not now leaves the photo waiting with a Retry, and Retry asks again', async ({ page }) => {
  const downloads = watchDownloads(page);
  await openApp(page, 'wasm', '', { consent: 'manual' });
  await addFiles(page, [images[0]!, images[1]!]);
  await page.locator('download-consent [data-role=decline]').click();
  for (const image of images) await expect(card(page, image.name).locator('[data-role=error]')).toContainText('download was declined');
  expect(downloads).toEqual([]);
  await card(page, images[0]!.name).getByRole('button', { name: 'Retry' }).click();
  await downloadButton(page).click();
  await expect(altText(page, images[0]!.name)).toHaveValue(images[0]!.expected, FIRST_CAPTION);
});

test('Cancel during the download keeps no partial file, and the next download completes', async ({ page, context }) => {
  // Hold the decoder back so there is a download to cancel.
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  await context.route(`**/models/${FIXTURE_MODEL}/${Q8_FILES[1]}`, async (route) => {
    if (route.request().headers()['range']) return route.continue();
    await held;
    await route.continue().catch(() => {});
  });
  await openApp(page, 'wasm', '', { consent: 'manual' });
  await addFiles(page, [images[0]!]);
  await downloadButton(page).click();
  const cancel = page.locator('download-consent [data-role=cancel-download]');
  await expect(cancel).toBeVisible();
  await expect(page.locator('download-consent [data-role=download-progress]')).toBeVisible();
  await cancel.click();
  await expect(card(page, images[0]!.name).locator('[data-role=error]')).toContainText('cancelled');
  release();
  const cached = await cachedModelFiles(page);
  // Whatever was stored is whole; the held decoder is not there at all.
  expect(cached[`/models/${FIXTURE_MODEL}/${Q8_FILES[1]}`]).toBeUndefined();
  for (const [key, size] of Object.entries(cached)) {
    const file = key.replace(`/models/${FIXTURE_MODEL}/`, '');
    expect(size, key).toBe(fileBytes(file));
  }
  await context.unroute(`**/models/${FIXTURE_MODEL}/${Q8_FILES[1]}`);
  await card(page, images[0]!.name).getByRole('button', { name: 'Retry' }).click();
  await downloadButton(page).click();
  await expect(altText(page, images[0]!.name)).toHaveValue(images[0]!.expected, FIRST_CAPTION);
});

test('the model manager lists the downloaded model, and Delete frees the space', async ({ page }) => {
  await openApp(page);
  await addFiles(page, [images[0]!]);
  await expect(altText(page, images[0]!.name)).toHaveValue(images[0]!.expected, FIRST_CAPTION);
  await openSettings(page);
  const manager = page.locator('model-manager');
  const row = manager.getByRole('row', { name: /Shapes test model/ });
  await expect(row).toBeVisible();
  const onDisk = [...Q8_FILES, ...JSON_FILES].reduce((sum, f) => sum + fileBytes(f), 0);
  await expect(row.locator('[data-role=size]')).toHaveText(formatFilesSize(onDisk, Q8_FILES.length + JSON_FILES.length));
  const usage = () => page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  const before = await usage();
  await manager.getByRole('button', { name: /Delete Shapes test model/ }).click();
  await expect(row).toHaveCount(0);
  expect(Object.keys(await cachedModelFiles(page))).toEqual([]);
  // The browser's usage estimate catches up with a delete lazily, after the records are gone.
  await expect.poll(usage, { timeout: 10_000 }).toBeLessThan(before - onDisk * 0.5);
});

test('the prompt warns when the model will not fit in the free space', async ({ page }) => {
  await page.addInitScript(() => {
    const estimate = async () => ({ usage: 9_900_000, quota: 10_000_000 });
    Object.defineProperty(navigator.storage, 'estimate', { value: estimate });
  });
  await openApp(page, 'wasm', '', { consent: 'manual' });
  await addFiles(page, [images[0]!]);
  await expect(page.locator('download-consent [data-role=quota-warning]')).toContainText(/needs|more/i);
});
