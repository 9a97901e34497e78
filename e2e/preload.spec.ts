import type { Page } from '@playwright/test';
import { test, expect } from './support/console';
import { addFiles, altText, openApp, openSettings, shapesImages, type ShapesImage } from './support/app';
import { stillHoldsFor } from './support/still-holds';

// A first visit downloads and captions, then the app is opened again and loads the model once
// more: two model loads per test, each tens of seconds when the 2 shared cores are busy.
test.describe.configure({ timeout: 180_000 });

let images: ShapesImage[];

test.beforeAll(async () => {
  images = await shapesImages(3, { maxSide: 320, dir: 'test-results/preload-images' });
});

/** A first visit: the fixture is downloaded (consent answered by openApp) while one photo is captioned. */
async function cacheFixture(page: Page, image: ShapesImage): Promise<void> {
  await openApp(page);
  await addFiles(page, [image]);
  // Download, store and load the model, then caption: the slowest step of the test.
  await expect(altText(page, image.name)).toHaveValue(image.expected, { timeout: 120_000 });
}

const modelState = (page: Page) => page.locator('model-panel [data-role=model-state]');
const announcer = (page: Page) => page.locator('altscribe-app [data-role=announcer]');

test('with the model on this device, opening the app makes it ready before any photo is added', async ({ page }) => {
  await cacheFixture(page, images[0]!);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Choose photos…' })).toBeVisible();
  // No photo added: the panel and the live region both say the model is ready. A load from
  // IndexedDB and the warm-up caption, on cores the previous page may still be freeing.
  await expect(modelState(page)).toContainText('ready on WASM, q8 weights', { timeout: 90_000 });
  await expect(announcer(page)).toContainText('Model ready on WASM (q8).');
  const image = images[1]!;
  await addFiles(page, [image]);
  // The model is loaded: one caption, generous for a busy machine.
  await expect(altText(page, image.name)).toHaveValue(image.expected, { timeout: 60_000 });
  await expect(announcer(page)).toContainText(`Alt-text ready for ${image.name}`);
  // The photo used the preloaded model: no second load was announced.
  expect((await announcer(page).locator('p').allTextContents()).filter((t) => t.startsWith('Model ready'))).toHaveLength(1);
});

test('a photo added while the model is still preloading is captioned from that same load', async ({ page }) => {
  await cacheFixture(page, images[0]!);
  await page.reload();
  const image = images[2]!;
  // Added as soon as the page can take it, so the preload (and its warm-up) is still under way.
  await addFiles(page, [image]);
  // The whole preload (load from IndexedDB, cut-short warm-up) and then the caption.
  await expect(altText(page, image.name)).toHaveValue(image.expected, { timeout: 90_000 });
  await expect(modelState(page)).toContainText('ready on WASM');
  expect((await announcer(page).locator('p').allTextContents()).filter((t) => t.startsWith('Model ready'))).toHaveLength(1);
});

test('a model that is not on this device is not loaded (nor asked about) at open', async ({ page }) => {
  await openApp(page, 'wasm', '', { consent: 'manual' });
  await expect(announcer(page)).toBeAttached();
  // The preload decides right after the device probe (main.ts): wait for the probe, then watch
  // for a while in which a wrong preload would have asked or started loading. The probe starts a
  // worker, slow on a busy machine.
  await openSettings(page);
  await expect(page.locator('device-panel [data-role=device-facts]')).toBeAttached({ timeout: 60_000 });
  await stillHoldsFor(2_000, async () => {
    expect(await page.locator('download-consent [data-role=download]').count()).toBe(0);
    expect((await modelState(page).textContent())?.replace(/\s+/g, ' ').trim()).toBe('loads when you add the first photo');
  });
});
