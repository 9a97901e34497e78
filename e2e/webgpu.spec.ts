import { test, expect } from './support/console';
import { addFiles, altText, card, openApp, shapesImages, type ShapesImage } from './support/app';

// Runs in the `webgpu` project only (Chromium with --enable-unsafe-webgpu: a SwiftShader adapter,
// software, no shader-f16). SwiftShader makes each token slow, which also gives Cancel a window.

let images: ShapesImage[];
test.beforeAll(async () => {
  images = await shapesImages(3, { maxSide: 600, dir: 'test-results/webgpu-images' });
});

test('@webgpu the WebGPU backend captions correctly and the UI says it ran on WebGPU fp32', async ({ page }) => {
  await openApp(page, 'webgpu');
  await addFiles(page, [images[0]!]);
  // Headless WebGPU is SwiftShader, on the CPU: its shader compiles make a model load far slower
  // than WASM's. The same for every caption wait in this file.
  await expect(altText(page, images[0]!.name)).toHaveValue(images[0]!.expected, { timeout: 120_000 });
  await expect(page.locator('model-panel [data-role=backend]')).toHaveText('WEBGPU');
  await expect(page.locator('model-panel [data-role=dtype]')).toHaveText('fp32');
  await expect(card(page, images[0]!.name).locator('[data-role=runtime]')).toContainText('WEBGPU · fp32');
});

test('@webgpu when WebGPU cannot create a session, the model reloads on WASM in a fresh worker and the person is told', async ({ page, consoleErrors }) => {
  consoleErrors.allow(/fp16|WebGPU/i);
  // fp16 needs shader-f16, which SwiftShader lacks: transformers.js refuses to create the session.
  await openApp(page, 'webgpu', '&dtype=fp16');
  await addFiles(page, [images[1]!]);
  await expect(altText(page, images[1]!.name)).toHaveValue(images[1]!.expected, { timeout: 120_000 });
  await expect(page.locator('model-panel [data-role=backend]')).toHaveText('WASM');
  await expect(page.locator('model-panel [data-role=fallback-notice]')).toContainText('Switched to WASM');
});

test('@webgpu Cancel stops a running caption; the model stays loaded and the next photo is captioned', async ({ page }) => {
  await openApp(page, 'webgpu');
  await addFiles(page, [images[0]!]);
  await expect(altText(page, images[0]!.name)).toHaveValue(images[0]!.expected, { timeout: 120_000 });
  const modelRequests: string[] = [];
  page.context().on('request', (r) => r.url().includes('/models/') && modelRequests.push(r.url()));
  const [big] = await shapesImages(1, { minSide: 4000, maxSide: 4000, formats: ['png'], seed: 7, dir: 'test-results/cancel-images' });
  await addFiles(page, [big!]);
  const bigCard = card(page, big!.name);
  // A 4000 px PNG is decoded and resized before its caption starts, and again cancelled mid-way.
  await expect(bigCard.locator('article')).toHaveAttribute('data-status', 'running', { timeout: 30_000 });
  await bigCard.getByRole('button', { name: 'Cancel' }).click();
  await expect(bigCard.locator('article')).toHaveAttribute('data-status', 'cancelled', { timeout: 30_000 });
  await expect(bigCard.locator('[data-role=error]')).toHaveText('Cancelled before the caption was finished.');
  await expect(bigCard.getByRole('button', { name: 'Retry' })).toBeVisible();
  await addFiles(page, [images[2]!]);
  await expect(altText(page, images[2]!.name)).toHaveValue(images[2]!.expected, { timeout: 120_000 });
  expect(modelRequests, 'no model file was fetched again after the cancel').toEqual([]);
});
