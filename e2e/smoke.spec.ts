import { test, expect } from './support/console';

test('app shell loads, is cross-origin isolated and logs no errors', async ({ page, consoleErrors }) => {
  const response = await page.goto('/');
  expect(response?.ok(), `GET / returned ${response?.status()}`).toBe(true);

  await expect(page).toHaveTitle(/Altscribe/);

  // COOP/COEP from `vite preview` (vite.config.ts) give SharedArrayBuffer, i.e. multi-threaded WASM.
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');

  // Let start-up work (module graph, worker spawn, service worker registration) finish before judging the console.
  await page.waitForLoadState('networkidle');
  expect(consoleErrors.unexpected()).toEqual([]); // the fixture checks again at the end of the test
});
