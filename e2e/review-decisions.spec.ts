import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { test, expect } from './support/console';
import { addFiles, altText, card, openApp, shapesImages, waitForAllSettled, readStoredFields } from './support/app';
import { parseCsv } from '../src/export/csv-reader';
import { mulberry32, randomScene, renderScene } from '../tools/shapes-world/shapes-world';

// What a person's decisions do to the review priority (calibration and its reset), what the
// refresh leaves alone, and what the export says. Every expected value is read from IndexedDB:
// the scores come from the model's confidence and the photos, never from numbers written here.
// Generous timeouts: the first model load alone can take a minute on a busy 2-core machine.
test.setTimeout(240_000);

const FLORENCE = { id: 'altscribe/tiny-florence2', label: 'Tiny Florence-2 (random weights, for tests)' };
const SHAPES_MODEL = 'altscribe/shapes-captioner';

interface Stored {
  id: string;
  fileName: string;
  status: string;
  text: string;
  review: string;
  modelId?: string;
  updatedAt: number;
  history?: { text: string; review: string; modelId?: string }[];
  reviewPriority?: number;
  reviewBand?: string;
  reviewReasons?: string[];
}
type Image = { name: string; mimeType: string; buffer: Buffer };

async function readStored(page: Page): Promise<Map<string, Stored>> {
  const records = await readStoredFields<Stored>(page, ['id', 'fileName', 'status', 'text', 'review', 'modelId', 'updatedAt', 'history', 'reviewPriority', 'reviewBand', 'reviewReasons']);
  return new Map(records.map((r) => [r.fileName, r]));
}

async function readMeta(page: Page, key: string): Promise<unknown> {
  return page.evaluate(
    (metaKey) =>
      new Promise<unknown>((done, fail) => {
        const open = indexedDB.open('altscribe');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('meta').objectStore('meta').get(metaKey);
          get.onerror = () => fail(get.error);
          get.onsuccess = () => {
            open.result.close();
            done(get.result);
          };
        };
      }),
    key,
  );
}

const priorities = async (page: Page, names: readonly string[]): Promise<number[]> => {
  const stored = await readStored(page);
  return names.map((name) => stored.get(name)!.reviewPriority!);
};

/** Shapes scenes under heavy per-pixel noise: the photo-quality signals have something to find. */
async function noisyImages(count: number, seed: number): Promise<Image[]> {
  const rng = mulberry32(seed);
  const images: Image[] = [];
  for (let i = 0; i < count; i++) {
    const { data, width, height } = renderScene(randomScene(rng, { minSide: 160, maxSide: 240, formats: ['png'] }));
    // Uint8ClampedArray clamps each channel; alpha (every 4th byte) stays opaque.
    for (let p = 0; p < data.length; p++) if (p % 4 !== 3) data[p] = data[p]! + (rng() - 0.5) * 240;
    const buffer = await sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { raw: { width, height, channels: 4 } }).png().toBuffer();
    images.push({ name: `noisy-${i}-${width}x${height}.png`, mimeType: 'image/png', buffer });
  }
  return images;
}

/** Clean 300 px drawings, with tiny and noisy ones at every third place, so priorities differ along the list. */
async function mixedImages(clean: number, tiny: number, noisy: number, dir: string): Promise<Image[]> {
  mkdirSync(resolve(dir), { recursive: true });
  const asImage = (prefix: string) => (i: { name: string; mime: string; bytes: Buffer }): Image => ({ name: `${prefix}${i.name}`, mimeType: i.mime, buffer: i.bytes });
  const plain = (await shapesImages(clean, { maxSide: 300, seed: 5101, dir })).map(asImage(''));
  const degraded = [...(await shapesImages(tiny, { maxSide: 48, seed: 5102, dir: `${dir}-tiny` })).map(asImage('tiny-')), ...(await noisyImages(noisy, 5103))];
  const mixed: Image[] = [];
  while (plain.length || degraded.length) mixed.push(...(mixed.length % 3 === 2 && degraded.length ? degraded.splice(0, 1) : plain.length ? plain.splice(0, 1) : degraded.splice(0, 1)));
  return mixed;
}

/** Adds the photos and waits until each has its caption and review priority stored. */
async function captionAll(page: Page, images: readonly Image[]): Promise<void> {
  await addFiles(page, [...images]);
  // 26 captions plus the model's first load on 2 shared cores.
  await waitForAllSettled(page, images.length, 180_000);
  await expect.poll(async () => [...(await readStored(page)).values()].filter((r) => r.status === 'done' && r.reviewPriority !== undefined).length).toBe(images.length);
}

const panel = (page: Page) => page.locator('review-priority');

test('review decisions refit the priorities of the texts nobody decided on, and Reset calibration brings the first ones back', async ({ page }) => {
  await openApp(page);
  const images = await mixedImages(18, 4, 4, 'test-results/review-decisions');
  await captionAll(page, images);
  const first = await readStored(page);
  expect(new Set([...first.values()].map((r) => r.reviewPriority)).size, 'the photos have different priorities').toBeGreaterThan(1);

  // Review mode, keyboard only: 21 decisions along the list, every fourth an edit to other words.
  const opener = page.getByRole('button', { name: 'Review one by one' });
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Review one by one' });
  const position = dialog.locator('[data-role=position]');
  const field = dialog.getByRole('textbox', { name: 'Alt-text' });
  const decided = new Set<string>();
  for (let i = 0; i < 21; i++) {
    // Each key waits for the last one's move: a key pressed mid-move would act on the previous photo.
    await expect(position).toHaveText(`${i + 1} of ${images.length}`);
    const name = (await dialog.locator('[data-role=file]').textContent())!.trim();
    decided.add(name);
    if (i % 4 === 1) {
      await page.keyboard.press('e');
      await expect(field).toBeFocused();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type(`A banana and an orange on a kitchen table, number ${i}.`);
      await page.keyboard.press('Escape');
      await expect(field).not.toBeFocused();
      await expect(dialog.locator('[data-role=review]')).toHaveText('Edited by you');
      await page.keyboard.press('j');
    } else {
      await page.keyboard.press('a');
    }
  }
  await expect(position).toHaveText(`22 of ${images.length}`);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const stored = await readStored(page);
  expect([...decided].map((n) => stored.get(n)!.review).sort()).toEqual([...Array<string>(16).fill('approved'), ...Array<string>(5).fill('edited')]);

  // The fit happens at the 20th decision (all 5 edits come before it); one more is too few for
  // another. It is saved, then the texts nobody decided on are rescored.
  const undecided = images.map((i) => i.name).filter((n) => !decided.has(n));
  expect(undecided).toHaveLength(5);
  const before = undecided.map((n) => first.get(n)!.reviewPriority!);
  await expect.poll(() => readMeta(page, 'review-calibration')).toMatchObject({ bias: expect.any(Number), weights: expect.any(Object), decisions: 20 });
  await expect
    .poll(async () => (await priorities(page, undecided)).map((p, i) => Math.abs(p - before[i]!) > 1e-9), { message: 'each undecided priority was rescored' })
    .toEqual(undecided.map(() => true));
  await expect(panel(page).locator('[data-role=calibration]')).toHaveText('The score is calibrated on this device from 20 of your decisions.');

  // Reset from the keyboard: the default weights score the undecided texts as at first.
  await panel(page).locator('[data-role=reset-calibration]').focus();
  await page.keyboard.press('Enter');
  await expect(panel(page).locator('[data-role=review-message]')).toHaveText('Calibration reset: the default weights score the results again.');
  await expect.poll(async () => (await priorities(page, undecided)).map((p, i) => Math.abs(p - before[i]!) <= 1e-9)).toEqual(undecided.map(() => true));
  expect(await readMeta(page, 'review-calibration')).toEqual({ decidedAtReset: 21 });
  await expect(panel(page).locator('[data-role=calibration]')).toHaveText(/^Default weights: calibrates after more of your decisions, .*\(21 so far\)\.$/);
});

test('re-captioning with another model redoes only the texts nobody reviewed and keeps their earlier text', async ({ page }) => {
  await openApp(page);
  const images = await mixedImages(5, 1, 0, 'test-results/review-decisions-refresh');
  await captionAll(page, images);
  const [approvedA, edited, approvedB, imported, ...rest] = images.map((i) => i.name) as [string, string, string, string, ...string[]];
  for (const name of [approvedA, approvedB]) await card(page, name).getByRole('button', { name: 'Mark as reviewed' }).click();
  await altText(page, edited).fill('My own words about a cat asleep on a chair.');
  await altText(page, edited).blur();
  await expect(card(page, edited).locator('[data-role=review]')).toHaveText('Edited by you');
  const chooser = page.waitForEvent('filechooser');
  await page.locator('results-toolbar').getByRole('button', { name: 'Import alt-texts…' }).click();
  await (await chooser).setFiles({ name: 'sheet.csv', mimeType: 'text/csv', buffer: Buffer.from(`File Name,Alt Text\r\n${imported},Shapes a colleague described.\r\n`) });
  await expect(card(page, imported).locator('[data-role=review]')).toHaveText('Imported');
  await expect(card(page, approvedB).locator('[data-role=review]')).toHaveText('Reviewed');
  const before = await readStored(page);
  expect(rest.map((n) => before.get(n)!.review)).toEqual(rest.map(() => 'unreviewed'));

  await panel(page).locator('[data-role=refresh-open]').focus();
  await page.keyboard.press('Enter');
  await panel(page).locator('select[data-role=refresh-model]').selectOption({ label: FLORENCE.label });
  await expect(panel(page).locator('[data-role=refresh-plan]')).toHaveText(new RegExp(`^Redo ${rest.length} texts with ${FLORENCE.label.replace(/[()]/g, '\\$&')}`));
  await panel(page).locator('[data-role=refresh-confirm]').focus();
  await page.keyboard.press('Enter');
  // The new model's download and start-up come first (the consent prompt is answered by openApp's handler).
  await expect(panel(page).locator('[data-role=review-message]')).toHaveText(`Re-captioning ${rest.length} texts with ${FLORENCE.label}; the earlier texts are kept in each photo's history.`, { timeout: 120_000 });
  await waitForAllSettled(page, images.length);
  const statusAndModel = async () => {
    const now = await readStored(page);
    return rest.map((name) => `${now.get(name)!.status} ${now.get(name)!.modelId}`);
  };
  await expect.poll(statusAndModel).toEqual(rest.map(() => `done ${FLORENCE.id}`));

  const after = await readStored(page);
  for (const name of rest) {
    const [was, now] = [before.get(name)!, after.get(name)!];
    expect(now, name).toMatchObject({ status: 'done', review: 'unreviewed', modelId: FLORENCE.id });
    expect(now.history?.at(-1), name).toMatchObject({ text: was.text, review: 'unreviewed', modelId: SHAPES_MODEL });
  }
  const unchanged = (r: Stored) => ({ text: r.text, review: r.review, modelId: r.modelId, updatedAt: r.updatedAt, history: r.history });
  for (const name of [approvedA, approvedB, edited, imported]) expect(unchanged(after.get(name)!), name).toEqual(unchanged(before.get(name)!));
});

test('the CSV and JSON exports carry ai_generated, model and the review priority, band and reasons as stored', async ({ page }) => {
  await openApp(page);
  const images = await mixedImages(3, 1, 1, 'test-results/review-decisions-export');
  await captionAll(page, images);
  const [approved, edited] = images.map((i) => i.name) as [string, string];
  await card(page, approved).getByRole('button', { name: 'Mark as reviewed' }).click();
  await altText(page, edited).fill('A dog running along a beach.');
  await altText(page, edited).blur();
  await expect(card(page, edited).locator('[data-role=review]')).toHaveText('Edited by you');
  await expect(card(page, approved).locator('[data-role=review]')).toHaveText('Reviewed');
  const stored = await readStored(page);
  const aiGenerated = (r: Stored) => r.review === 'unreviewed' && r.text.trim() !== '';
  expect(aiGenerated(stored.get(approved)!)).toBe(false);

  const toolbar = page.locator('results-toolbar');
  const [csvFile] = await Promise.all([page.waitForEvent('download'), toolbar.getByRole('button', { name: 'Export CSV' }).click()]);
  const text = readFileSync(await csvFile.path(), 'utf8').replace(/^\uFEFF/, '');
  expect(text.split('\r\n')[0]).toContain('ai_generated,model,review_priority,review_band,review_reasons');
  const [header, ...rows] = parseCsv(text).records.map((r) => r.fields);
  const column = (row: string[], name: string) => row[header!.indexOf(name)];
  expect(rows).toHaveLength(images.length);
  for (const row of rows) {
    const record = stored.get(column(row, 'file_name')!)!;
    const expected = [String(aiGenerated(record)), record.modelId, record.reviewPriority!.toFixed(3), record.reviewBand, record.reviewReasons!.join(' | ')];
    expect(['ai_generated', 'model', 'review_priority', 'review_band', 'review_reasons'].map((c) => column(row, c)), record.fileName).toEqual(expected);
  }
  expect(rows.find((row) => column(row, 'file_name') === approved)!.at(header!.indexOf('ai_generated'))).toBe('false');

  const [jsonFile] = await Promise.all([page.waitForEvent('download'), toolbar.getByRole('button', { name: 'Export JSON' }).click()]);
  const items = (JSON.parse(readFileSync(await jsonFile.path(), 'utf8')) as { items: Record<string, unknown>[] }).items;
  expect(items).toHaveLength(images.length);
  for (const item of items) {
    const record = stored.get(item['fileName'] as string)!;
    expect(item, record.fileName).toMatchObject({
      ai_generated: aiGenerated(record),
      model: record.modelId,
      review_priority: Number(record.reviewPriority!.toFixed(3)),
      review_band: record.reviewBand,
      review_reasons: record.reviewReasons,
    });
  }
});
