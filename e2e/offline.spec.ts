import type { Page } from '@playwright/test';
import { test, expect } from './support/console';
import { addFiles, CAPTION_TIMEOUT, altText, card, openApp, readRecords, shapesImages, waitForAllSettled, type ShapesImage } from './support/app';

// Each test captions on a shared 2-core machine: a first caption alone can take a minute there.
test.describe.configure({ timeout: 180_000 });

let images: ShapesImage[];

test.beforeAll(async () => {
  images = await shapesImages(2, { maxSide: 320, dir: 'test-results/offline-images' });
});

/** Waits until the service worker has installed (precached the shell) and is active. */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active!;
    if (worker.state !== 'activated') await new Promise((resolve) => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve(null)));
  });
}

/** Model files stored in IndexedDB (the only place weights are kept). */
async function cachedModelFiles(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('altscribe');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const store = [...db.objectStoreNames].find((name) => /model/i.test(name) && /file/i.test(name));
          if (!store) return (db.close(), resolve(0));
          const count = db.transaction(store).objectStore(store).count();
          count.onsuccess = () => (db.close(), resolve(count.result));
          count.onerror = () => reject(count.error);
        };
      }),
  );
}

test('installable: the manifest has name, theme colour and icons (maskable too), and Chromium reports no installability errors', async ({ page, context }) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  const manifest = (await (await page.request.get('/manifest.webmanifest')).json()) as { name: string; short_name: string; theme_color: string; display: string; icons: { src: string; sizes: string; purpose: string }[] };
  expect(manifest.short_name).toBe('Altscribe');
  expect(manifest.theme_color).toBe('#1f4fd1');
  expect(manifest.display).toBe('standalone');
  expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
  for (const icon of manifest.icons) {
    const response = await page.request.get(`/${icon.src}`);
    expect(response.headers()['content-type']).toBe('image/png');
    const png = await response.body();
    const [w, h] = icon.sizes.split('x').map(Number);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([w, h]);
  }
  const cdp = await context.newCDPSession(page);
  const { errors } = (await cdp.send('Page.getAppManifest')) as { errors: { message: string }[] };
  expect(errors).toEqual([]);
  // Playwright's contexts are incognito, which Chromium never offers to install; that must be the only objection.
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
  // Weights are never duplicated in Cache Storage: the shell cache holds no model file.
  const cached = await page.evaluate(async () => (await Promise.all((await caches.keys()).map(async (k) => (await (await caches.open(k)).keys()).map((r) => new URL(r.url).pathname)))).flat());
  expect(cached).toContain('/ort/ort-wasm-simd-threaded.asyncify.wasm');
  expect(cached).toContain('/manifest.webmanifest');
  expect(cached.filter((p) => p.startsWith('/models/'))).toEqual([]);
});

test('offline after one visit: the app reopens, captions a new photo and saves it', async ({ page, context }) => {
  await openApp(page);
  await waitForServiceWorker(page);
  const [first, second] = images as [ShapesImage, ShapesImage];
  await addFiles(page, [first]);
  await expect(altText(page, first.name)).toHaveValue(first.expected, { timeout: CAPTION_TIMEOUT });
  expect(await cachedModelFiles(page)).toBeGreaterThan(0);

  await context.setOffline(true);
  const response = await page.reload();
  expect(response?.status()).toBe(200);
  expect(response?.fromServiceWorker()).toBe(true);
  await expect(page.getByRole('button', { name: 'Choose photos…' })).toBeVisible();
  expect(await page.evaluate(() => [navigator.onLine, self.crossOriginIsolated])).toEqual([false, true]);
  await expect(card(page, first.name)).toBeVisible();

  await addFiles(page, [second]);
  await expect(altText(page, second.name)).toHaveValue(second.expected, { timeout: CAPTION_TIMEOUT });
  await waitForAllSettled(page, 2);
  const saved = new Map((await readRecords(page)).map((r) => [r.fileName, r]));
  expect(saved.get(second.name)).toMatchObject({ status: 'done', text: second.expected });
  await context.setOffline(false);
});

test('offline with the app cached but not the model: a clear "needs a network once" message, not a broken page', async ({ page, context, consoleErrors }) => {
  consoleErrors.allow(/ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/);
  await openApp(page, 'wasm', '', { consent: 'manual' });
  await waitForServiceWorker(page);
  expect(await cachedModelFiles(page)).toBe(0);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Choose photos…' })).toBeVisible();
  await addFiles(page, [images[0]!]);
  // The worker starts and finds nothing cached before it can say so: a worker start on a busy machine.
  await expect(page.getByText(/needs a network connection once/i).first()).toBeVisible({ timeout: 30_000 });
  await context.setOffline(false);
});
