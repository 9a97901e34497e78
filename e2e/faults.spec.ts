import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './support/console';
import { addFiles, CAPTION_TIMEOUT, altText, card, downloadButton, FIXTURE_MODEL, openApp, shapesImages, waitForAllSettled, type ShapesImage } from './support/app';
import { armCrash, cachedModelFiles, captionWorker, fixtureFileBytes, Q8_DECODER, serveThenDrop, storedResults } from './support/faults';

// Issue 5, faults: what the app does when the worker dies, a download breaks, storage is full,
// the database is from an older version, or two tabs race. Everything runs on the shapes fixture.

let images: ShapesImage[];
test.beforeAll(async () => {
  images = await shapesImages(4, { maxSide: 300, dir: 'test-results/fault-images' });
});

for (const how of ['error', 'silent'] as const) {
  test(`a worker that dies mid-batch (${how}) fails that photo with the reason, the rest are captioned, Retry works`, async ({ page, consoleErrors }) => {
    test.slow(); // a model load, four captions, a second load in the new worker, and a retry
    consoleErrors.allow(/forced crash for the fault test/);
    await openApp(page);
    await armCrash(await captionWorker(page), 2, how);
    await addFiles(page, images);
    await waitForAllSettled(page, images.length);

    const crashed = images[1]!;
    const reason = card(page, crashed.name).locator('[data-role=error]');
    await expect(reason).toContainText(/caption worker (crashed|stopped)/i);
    await expect(reason).toContainText(/restarted/i);
    for (const image of [images[0]!, images[2]!, images[3]!]) await expect(altText(page, image.name)).toHaveValue(image.expected);

    await card(page, crashed.name).getByRole('button', { name: 'Retry' }).click();
    await expect(altText(page, crashed.name)).toHaveValue(crashed.expected, { timeout: CAPTION_TIMEOUT });
  });
}

test('Retry only where it can help: an empty file and an SVG offer Remove, a crashed caption Retry, on the card and in the queue panel', async ({ page, consoleErrors }) => {
  test.slow(); // a model load, a crash and a second load in the new worker, and a retry
  consoleErrors.allow(/forced crash for the fault test/);
  const dir = 'test-results/fault-images';
  const empty = { path: join(dir, 'empty.jpg'), name: 'empty.jpg' };
  const svg = { path: join(dir, 'drawing.svg'), name: 'drawing.svg' };
  writeFileSync(empty.path, '');
  writeFileSync(svg.path, '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="red"/></svg>');
  await openApp(page);
  // The empty file fails in the page; the SVG is refused by the worker, after the crash (call 2).
  await armCrash(await captionWorker(page), 2, 'error');
  const [captioned, crashed] = images as [ShapesImage, ShapesImage];
  await addFiles(page, [captioned, crashed, empty, svg]);
  await waitForAllSettled(page, 4);
  await expect(altText(page, captioned.name)).toHaveValue(captioned.expected);

  await expect(card(page, crashed.name).getByRole('button', { name: 'Retry' })).toBeVisible();
  for (const file of [empty, svg]) {
    await expect(card(page, file.name).locator('article')).toHaveAttribute('data-status', 'failed');
    await expect(card(page, file.name).getByRole('button', { name: 'Retry' })).toHaveCount(0);
    await expect(card(page, file.name).getByRole('button', { name: `Remove ${file.name}` })).toBeVisible();
  }
  await expect(card(page, empty.name).locator('[data-role=advice]')).toContainText('Remove it');
  await expect(card(page, svg.name).locator('[data-role=error] .advice')).toContainText('Export it as PNG or JPEG');

  const panel = page.locator('batch-progress');
  await expect(panel.locator('[data-role=retry-failed]')).toHaveText('Retry failed photos (1)');
  await expect(panel.locator('[data-role=cannot-caption-count]')).toHaveText('2 files cannot be captioned');
  await expect(panel.getByRole('button', { name: 'Pause captioning' })).toHaveAttribute('aria-disabled', 'true');
  const why = panel.getByRole('button', { name: 'see why' });
  await why.click();
  await expect(why).toHaveAttribute('aria-expanded', 'true');
  await expect(panel.locator('[data-role=cannot-caption-file]')).toHaveText([/^empty\.jpg is empty \(0 bytes\)/, /^drawing\.svg is an SVG drawing\.$/]);

  // Retrying all retries the one that may pass; then nothing is left to retry.
  await panel.locator('[data-role=retry-failed]').click();
  await expect(altText(page, crashed.name)).toHaveValue(crashed.expected, { timeout: CAPTION_TIMEOUT });
  await expect(panel.locator('[data-role=retry-failed]')).toHaveCount(0);
  await expect(panel.locator('[data-role=cannot-caption-count]')).toHaveText('2 files cannot be captioned');
  await expect(panel.getByRole('button', { name: 'Pause captioning' })).toHaveAttribute('aria-disabled', 'true');
});

for (const cut of ['dropped', 'short'] as const) {
  test(`a decoder download cut off mid-file (${cut}) leaves no damaged file cached; the app says so, and Retry downloads it whole and captions`, async ({ page, context, consoleErrors }) => {
    consoleErrors.allow(/Failed to load resource|could not be loaded|ERR_|net::|Failed to fetch|Not caching|protobuf/i);
    const decoderUrl = `**/models/${FIXTURE_MODEL}/${Q8_DECODER}`;
    const whole = readFileSync(`public/models/${FIXTURE_MODEL}/${Q8_DECODER}`);
    const third = whole.subarray(0, Math.floor(whole.length / 3));
    // dropped: the real Content-Length, a third of the bytes, then the connection is reset (a
    // network drop). short: a third of the bytes that the server presents as the whole file
    // (Playwright's fulfil sets Content-Length to the body it is given).
    const server = cut === 'dropped' ? await serveThenDrop(whole.length, third) : undefined;
    let served = 0;
    await context.route(decoderUrl, async (route) => {
      if (route.request().headers()['range']) return route.continue();
      served += 1;
      if (server) return route.continue({ url: server.url });
      return route.fulfill({ status: 200, headers: { 'content-type': 'application/octet-stream' }, body: third });
    });
    try {
      await openApp(page);
      if (server) consoleErrors.allow(/127\.0\.0\.1/);
      await addFiles(page, [images[0]!]);
      const reason = card(page, images[0]!.name).locator('[data-role=error]');
      // The model's download and its failed load come first, as slow as a first caption.
      await expect(reason).toContainText('could not be loaded', { timeout: CAPTION_TIMEOUT });
      if (cut === 'short') await expect(reason).toContainText(/incomplete.*removed; Retry downloads/);
      expect(served).toBeGreaterThan(0);
      if (server) expect(server.hits(), 'the dropping server answered').toBeGreaterThan(0);
      const afterCut = await cachedModelFiles(page);
      expect(afterCut[`/models/${FIXTURE_MODEL}/${Q8_DECODER}`]).toBeUndefined();
      for (const [key, size] of Object.entries(afterCut)) expect(size, key).toBe(fixtureFileBytes(key.replace(`/models/${FIXTURE_MODEL}/`, '')));
    } finally {
      await context.unroute(decoderUrl);
      server?.close();
    }
    await card(page, images[0]!.name).getByRole('button', { name: 'Retry' }).click();
    await expect(altText(page, images[0]!.name)).toHaveValue(images[0]!.expected, { timeout: CAPTION_TIMEOUT });
    const afterRetry = await cachedModelFiles(page);
    expect(afterRetry[`/models/${FIXTURE_MODEL}/${Q8_DECODER}`]).toBe(whole.length);
    for (const [key, size] of Object.entries(afterRetry)) expect(size, key).toBe(fixtureFileBytes(key.replace(`/models/${FIXTURE_MODEL}/`, '')));
  });
}

test('storage full while saving: a clear alert, earlier results intact, captioning goes on and saving resumes', async ({ page }) => {
  // The page's IndexedDB refuses writes to results while window.__storageFull is set, as a full disk does.
  await page.addInitScript(() => {
    for (const method of ['put', 'add'] as const) {
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: Parameters<typeof original>) {
        if ((window as { __storageFull?: boolean }).__storageFull && this.name === 'results') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return original.apply(this, args);
      } as typeof original;
    }
  });
  await openApp(page);
  const [first, second, third, fourth] = images as [ShapesImage, ShapesImage, ShapesImage, ShapesImage];
  await addFiles(page, [first, second]);
  await waitForAllSettled(page, 2);
  const before = await storedResults(page);

  await page.evaluate(() => ((window as { __storageFull?: boolean }).__storageFull = true));
  await addFiles(page, [third]);
  const problem = page.locator('altscribe-app [data-role=problem]');
  await expect(problem).toHaveAttribute('role', 'alert');
  await expect(problem).toContainText(/Not enough storage space to save .*Free space in the model manager/);
  // Captioning went on: the photo is described on screen though it could not be kept.
  await expect(altText(page, third.name)).toHaveValue(third.expected, { timeout: CAPTION_TIMEOUT });
  expect(await storedResults(page)).toEqual(before);

  await page.evaluate(() => ((window as { __storageFull?: boolean }).__storageFull = false));
  await addFiles(page, [fourth]);
  await expect(altText(page, fourth.name)).toHaveValue(fourth.expected, { timeout: CAPTION_TIMEOUT });
  await expect(problem).toHaveCount(0);
  const after = await storedResults(page);
  for (const record of before) expect(after.find((r) => r.id === record.id)).toEqual(record);
  expect(after.find((r) => r.fileName === fourth.name)).toMatchObject({ status: 'done', text: fourth.expected });
});

test('a database from version 1 opens with every record kept, migrated and shown as a card', async ({ page }) => {
  const old = Array.from({ length: 5 }, (_, i) => ({
    id: `v1-${i}`,
    fileName: `old-${i}.jpg`,
    mimeType: 'image/jpeg',
    byteSize: 1000 + i,
    status: i === 4 ? 'failed' : 'done',
    ...(i === 4 ? { error: 'The model failed on old-4.jpg.' } : {}),
    text: i === 4 ? '' : `An old caption number ${i}.`,
    createdAt: 1_700_000_000_000 + i,
    updatedAt: 1_700_000_000_000 + i,
  }));
  // Before the app's first script: the v1 database exactly as v1 built it, records in v1 shape
  // (no review, no hash). Once per test: the init script also runs on reload.
  await page.addInitScript((records) => {
    if (sessionStorage.getItem('v1-fixture')) return;
    sessionStorage.setItem('v1-fixture', '1');
    const open = indexedDB.open('altscribe', 1);
    open.onupgradeneeded = () => {
      const db = open.result;
      const results = db.createObjectStore('results', { keyPath: 'id' });
      results.createIndex('by-created', 'createdAt');
      db.createObjectStore('modelFiles', { keyPath: 'key' });
      for (const record of records) results.put(record);
    };
    open.onsuccess = () => open.result.close();
  }, old);
  await openApp(page);
  for (const record of old.slice(0, 4)) await expect(altText(page, record.fileName)).toHaveValue(record.text);
  await expect(card(page, 'old-4.jpg').locator('[data-role=error]')).toContainText('The model failed on old-4.jpg.');

  const stored = await storedResults(page);
  expect(stored).toHaveLength(old.length);
  for (const record of old) expect(stored.find((r) => r.id === record.id)).toEqual({ ...record, review: 'unreviewed' });
  const version = await page.evaluate(() => new Promise<number>((resolve) => {
    const open = indexedDB.open('altscribe');
    open.onsuccess = () => { resolve(open.result.version); open.result.close(); };
  }));
  expect(version).toBeGreaterThanOrEqual(3);

  await page.reload();
  await expect(page.locator('caption-card')).toHaveCount(old.length);
});

test('two tabs add the same six photos at once: each is captioned once, stored once, and right', async ({ page, context }) => {
  test.slow(); // two tabs, two model loads, six captions
  const six = await shapesImages(6, { maxSide: 300, dir: 'test-results/fault-images-six', seed: 77 });
  const other = await context.newPage();
  await Promise.all([openApp(page), openApp(other)]);
  const counters = await Promise.all([page, other].map(async (p) => {
    const worker = await captionWorker(p);
    await worker.evaluate(() => {
      const counted = self as unknown as { __captions: string[] };
      counted.__captions = [];
      self.addEventListener('message', (event: MessageEvent) => {
        const data = event.data as { type?: string; path?: string[]; argumentList?: { value?: unknown }[] } | null;
        if (data?.type === 'APPLY' && data.path?.[0] === 'caption') counted.__captions.push(String(data.argumentList?.[1]?.value));
      });
    });
    return worker;
  }));
  await Promise.all([addFiles(page, six), addFiles(other, six)]);
  // Both at once: whichever tab captions may be the one asking for download consent. The click's
  // short timeout keeps a button that vanishes between the check and the click from stalling the
  // poll; the poll's long one is a model load and six captions with two tabs on 2 shared cores.
  await expect
    .poll(async () => {
      for (const tab of [page, other]) if (await downloadButton(tab).isVisible()) await downloadButton(tab).click({ timeout: 1000 }).catch(() => {});
      const records = await storedResults(page);
      return records.length > 0 && records.every((r) => r.status !== 'queued' && r.status !== 'running') ? 'settled' : `${records.length} stored, ${records.filter((r) => r.status === 'queued' || r.status === 'running').length} waiting`;
    }, { timeout: 200_000, intervals: [500, 1000] })
    .toBe('settled');

  const stored = await storedResults(page);
  // Soft, so one run shows every symptom: duplicate records, and how many caption runs there were.
  expect.soft(stored.map((r) => r.fileName).sort(), 'one record per photo').toEqual(six.map((s) => s.name).sort());
  expect.soft(stored.length, 'no duplicate records by hash').toBe(new Set(stored.map((r) => r.hash)).size);
  for (const image of six) expect(stored.find((r) => r.fileName === image.name)).toMatchObject({ status: 'done', text: image.expected });
  const captioned = (await Promise.all(counters.map((w) => w.evaluate(() => (self as unknown as { __captions: string[] }).__captions)))).flat();
  expect.soft(captioned.sort(), 'one caption run per photo, across both tabs').toEqual(six.map((s) => s.name).sort());
  // A photo the other tab stored first is re-read from storage every 2 s until it is finished.
  for (const tab of [page, other]) for (const image of six) await expect(altText(tab, image.name)).toHaveValue(image.expected, { timeout: 15_000 });
});
