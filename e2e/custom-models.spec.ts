import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './support/console';
import { addFiles, card, downloadButton, backToPhotos, openApp, openSettings, readCaptions, shapesImages, waitForAllSettled, type ShapesImage } from './support/app';

// Models the person brings themselves (issue 3): a folder picked on this device, copied into
// IndexedDB and captioned with no network at all, and a folder URL used like a mirror.

const FOLDER = resolve('public/models/altscribe/tiny-florence2');
const FOLDER_FILES = readdirSync(FOLDER, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;

/** Every request under /models/, from the page, its workers and the service worker. */
function recordModelRequests(page: Page): string[] {
  const seen: string[] = [];
  page.context().on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/models/')) seen.push(path);
  });
  return seen;
}

const select = (page: Page) => page.locator('model-settings [data-role=model-select]');

let images: ShapesImage[];
test.beforeAll(async () => {
  images = await shapesImages(2, { maxSide: 300, dir: 'test-results/custom-models-images' });
});

test('a picked model folder is copied into the browser, listed, and captions without fetching anything under /models/', async ({ page }) => {
  test.setTimeout(150_000); // the folder is copied into IndexedDB, then loaded and captioned: on a shared 2-core machine
  // Manual consent: a folder model is entirely in IndexedDB, so a prompt would be a bug (and hang this test).
  await openApp(page, 'wasm', '', { consent: 'manual' });
  await openSettings(page);
  const requests = recordModelRequests(page);
  await page.locator('add-model input[type=file]').setInputFiles(FOLDER);
  await expect(page.locator('add-model [data-role=add-model-message]')).toContainText('Added tiny-florence2 (your folder)');
  await expect(select(page)).toHaveValue('local/tiny-florence2');
  await expect(page.locator('model-settings optgroup[label="Models you added"] option')).toHaveText(['tiny-florence2 (your folder)']);
  // Its files are in the model cache, grouped as one model the manager can delete.
  const row = page.locator('model-manager [data-role=model-row][data-model-id="local/tiny-florence2"]');
  await expect(row).toContainText('tiny-florence2 (your folder)');
  await expect(row.locator('[data-role=size]')).toContainText(`(${FOLDER_FILES} files)`);
  expect(requests, 'adding a folder reads the disk, not the server').toEqual([]);

  const image = images[0]!;
  await backToPhotos(page);
  await addFiles(page, [image]);
  await waitForAllSettled(page, 1, 130_000);
  await expect(card(page, image.name).locator('article')).toHaveAttribute('data-status', 'done');
  expect((await readCaptions(page)).get(image.name)?.length ?? 0).toBeGreaterThan(0);
  await expect(page.locator('model-panel [data-role=model-state]')).toHaveAttribute('data-phase', 'ready');
  expect(requests, 'every model file came from IndexedDB').toEqual([]);
  // No consent prompt: nothing was downloaded.
  await expect(page.locator('download-consent')).toHaveCount(0);

  // Still there on the next visit (no ?model= this time, which would override the saved choice).
  await page.goto('/?device=wasm');
  await openSettings(page);
  await expect(select(page)).toHaveValue('local/tiny-florence2');
  await expect(row).toBeVisible();
});

test.describe('folder URLs', () => {
  // Probing which weight types a URL offers asks for files that do not exist.
  test.use({ consoleErrorAllowlist: [/Failed to load resource.*404/] });

  test('a model folder URL is added like a mirror and captions from it', async ({ page, baseURL }) => {
    test.setTimeout(150_000); // a download from the folder URL, a model load and a caption
    await openApp(page, 'wasm', '', { consent: 'manual' });
    await openSettings(page);
    const requests = recordModelRequests(page);
    await page.locator('add-model [data-role=model-url]').fill(`${baseURL}/models/altscribe/tiny-smolvlm/`);
    await page.locator('add-model [data-role=add-url]').click();
    await expect(page.locator('add-model [data-role=add-model-message]')).toContainText('tiny-smolvlm (from localhost');
    await expect(select(page)).toHaveValue(/^url\/localhost-tiny-smolvlm$/);

    const image = images[1]!;
    await backToPhotos(page);
    await addFiles(page, [image]);
    // Downloaded from a server, so the person is asked first, as for a hub model.
    await expect(page.locator('download-consent')).toContainText('tiny-smolvlm (from localhost');
    await downloadButton(page).click();
    await waitForAllSettled(page, 1, 130_000);
    await expect(card(page, image.name).locator('article')).toHaveAttribute('data-status', 'done');
    // Fetched from the URL it was given; stored under its own id, so the manager lists it apart from the built-in fixture.
    expect(requests).toContain('/models/altscribe/tiny-smolvlm/onnx/decoder_model_merged.onnx');
    expect(requests.filter((p) => p.startsWith('/models/url/')), 'cache keys are never fetched').toEqual([]);
    await openSettings(page);
    await expect(page.locator('model-manager [data-role=model-row][data-model-id="url/localhost-tiny-smolvlm"]')).toContainText('tiny-smolvlm (from localhost');
  });

  test('a URL without a supported model says why', async ({ page, baseURL }) => {
    await openApp(page, 'wasm');
    await openSettings(page);
    await page.locator('add-model [data-role=model-url]').fill(`${baseURL}/models/nothing-here/`);
    await page.locator('add-model [data-role=add-url]').click();
    await expect(page.locator('add-model [role=alert]')).toContainText('There is no config.json at');
  });
});
