import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect } from './console';
import { finishAltText } from '../../src/alttext';
import { encodeScene } from '../../tools/shapes-world/encode-node';
import { captionOf, mulberry32, randomScene, type RandomSceneOptions } from '../../tools/shapes-world/shapes-world';

export const FIXTURE_MODEL = 'altscribe/shapes-captioner';

/**
 * How long a photo's caption may take when it includes loading the model (the first photo, a new
 * worker, a reload): the fixture's download, storage and WASM start-up take tens of seconds when
 * the 2 shared cores are busy (another test run, a build). Within the default 90 s test timeout.
 */
export const CAPTION_TIMEOUT = 60_000;

export interface ShapesImage {
  /** A path on disk, for setInputFiles (faster than buffers for big images). */
  path: string;
  name: string;
  mime: string;
  bytes: Buffer;
  /** What the model should say: the shapes world's caption, as it streams. */
  caption: string;
  /** What the card should show: that caption after the app's finishing rules. */
  expected: string;
}

/** The card text for a model caption, by the same rules the app applies. */
export function finished(caption: string): string {
  return finishAltText(caption).text;
}

/** Same generator and seed as the Node accuracy test, so both runtimes see the same images. */
export const SHAPES_SEED = 20261127;

/**
 * Encodes `count` scenes of the shapes world to real files. The name carries the index so
 * cards can be matched to their image; it does not reveal the caption.
 */
export async function shapesImages(count: number, options: RandomSceneOptions & { seed?: number; dir?: string } = {}): Promise<ShapesImage[]> {
  const rng = mulberry32(options.seed ?? SHAPES_SEED);
  const dir = resolve(options.dir ?? 'test-results/shapes-images');
  mkdirSync(dir, { recursive: true });
  const images: ShapesImage[] = [];
  for (let i = 0; i < count; i++) {
    const scene = randomScene(rng, options);
    const { bytes, mime, fileName } = await encodeScene(scene);
    const name = `${String(i).padStart(3, '0')}-${fileName}`;
    const path = join(dir, name);
    writeFileSync(path, bytes);
    const caption = captionOf(scene);
    images.push({ path, name, mime, bytes, caption, expected: finished(caption) });
  }
  return images;
}

/**
 * Opens the app on the fixture model, on the given backend. Unless `consent: 'manual'`, the
 * download prompt a fresh profile shows before the model's first download is answered with
 * Download whenever it appears (consent itself is tested in e2e/model-downloads.spec.ts).
 */
export async function openApp(page: Page, device: 'wasm' | 'webgpu' = 'wasm', extra = '', options: { consent?: 'auto' | 'manual'; model?: string } = {}): Promise<void> {
  if (options.consent !== 'manual') {
    await page.addLocatorHandler(downloadButton(page), async (button) => button.click());
    autoConsent.add(page);
  }
  await page.goto(`/?model=${encodeURIComponent(options.model ?? FIXTURE_MODEL)}&device=${device}${extra}`);
  await expect(page.getByRole('button', { name: 'Choose photos…' })).toBeVisible();
}

const autoConsent = new WeakSet<Page>();

/** Opens the settings view through the page's Settings link, as a person does; focus lands on its heading. */
export async function openSettings(page: Page): Promise<void> {
  await page.locator('altscribe-app [data-role=open-settings]').click();
  await expect(page.locator('settings-view #settings-heading')).toBeFocused();
}

/** Leaves the settings view through its Back link. */
export async function backToPhotos(page: Page): Promise<void> {
  await page.locator('settings-view [data-role=back-to-photos]').click();
  await expect(page.getByRole('button', { name: 'Choose photos…' })).toBeVisible();
}

/** The consent prompt's Download button. */
export function downloadButton(page: Page): Locator {
  return page.locator('download-consent [data-role=download]');
}

/** Answers the consent prompt for pages opened with automatic consent, from polling loops. */
async function consentIfAsked(page: Page): Promise<void> {
  if (!autoConsent.has(page)) return;
  const button = downloadButton(page);
  if (await button.isVisible()) await button.click({ timeout: 1000 }).catch(() => {});
}

export function card(page: Page, fileName: string): Locator {
  return page.locator('caption-card').filter({ has: page.getByRole('heading', { name: fileName, exact: true }) });
}

export function altText(page: Page, fileName: string): Locator {
  return card(page, fileName).getByRole('textbox', { name: 'Alt-text' });
}

/** Adds files through the page's hidden file input (what the picker feeds). */
export async function addFiles(page: Page, files: { path: string }[] | { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  const input = page.locator('drop-zone input[data-role=photos-input]'); // not the folder picker's input
  if ('path' in (files[0] ?? {})) await input.setInputFiles((files as { path: string }[]).map((f) => f.path));
  else await input.setInputFiles(files as { name: string; mimeType: string; buffer: Buffer }[]);
}

/** Drops files on the page the way a person's drag from the file manager arrives. */
export async function dropFiles(page: Page, files: { name: string; mime: string; bytes: Buffer }[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.mime }));
    return dt;
  }, files.map((f) => ({ name: f.name, mime: f.mime, b64: f.bytes.toString('base64') })));
  for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('drop-zone', type, { dataTransfer });
}

/** Waits until every card has left the queued/running states. */
/**
 * Waits until `count` photos are stored and none is queued or running. Reads IndexedDB, not the
 * DOM: above 50 cards the list renders only the cards near the viewport.
 */
export async function waitForAllSettled(page: Page, count: number, timeout = 120_000): Promise<void> {
  await expect
    .poll(async () => {
      await consentIfAsked(page);
      const statuses = (await readRecords(page)).map((r) => r.status);
      return statuses.length === count && !statuses.some((s) => s === 'queued' || s === 'running') ? 'settled' : `${statuses.length} stored, ${statuses.filter((s) => s === 'queued' || s === 'running').length} waiting`;
    }, { timeout, intervals: [250, 500, 1000] })
    .toBe('settled');
}

/** What most specs read back of a stored result. */
export interface StoredRecordSummary {
  fileName: string;
  status: string;
  text: string;
  modelText?: string;
}

/** Every stored result's name, status and texts, read from IndexedDB in one go. */
export async function readRecords(page: Page): Promise<StoredRecordSummary[]> {
  return readStoredFields<StoredRecordSummary>(page, ['fileName', 'status', 'text', 'modelText']);
}

/**
 * The named fields of every stored result, read from IndexedDB in one go; only those cross to the
 * test runner (records also hold thumbnails). Absent fields stay absent.
 */
export async function readStoredFields<T>(page: Page, keys: readonly (keyof T & string)[]): Promise<T[]> {
  return page.evaluate(
    (fields) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('altscribe');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('results')) return resolve([]);
          const all = db.transaction('results').objectStore('results').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            db.close();
            resolve((all.result as Record<string, unknown>[]).map((r) => Object.fromEntries(fields.filter((k) => r[k] !== undefined).map((k) => [k, r[k]])) as T));
          };
        };
      }),
    [...keys] as string[],
  );
}

/**
 * Every stored result's file name and raw model text (before the finishing rules), read from
 * IndexedDB: the card shows only the finished text.
 */
export async function readModelTexts(page: Page): Promise<Map<string, string | undefined>> {
  const records = await readStoredFields<{ fileName: string; modelText?: string }>(page, ['fileName', 'modelText']);
  return new Map(records.map((r) => [r.fileName, r.modelText]));
}

/** Every card's file name and final text, read from the page in one go. */
export async function readCaptions(page: Page): Promise<Map<string, string>> {
  // Small lists are read from the cards themselves (what a person sees); large ones are windowed,
  // so their texts come from IndexedDB, which the cards render from.
  const cards = await page.locator('caption-card').count();
  const records = await readRecords(page);
  if (records.length > cards) return new Map(records.map((r) => [r.fileName, r.status === 'done' || r.text ? r.text : `<${r.status}>`]));
  const pairs = await page.evaluate(() =>
    [...document.querySelector('altscribe-app')!.shadowRoot!.querySelectorAll('caption-card')].map((el) => {
      const root = el.shadowRoot!;
      return [root.querySelector('h3')?.textContent ?? '', root.querySelector('textarea')?.value ?? `<${root.querySelector('article')?.dataset['status']}>`] as const;
    }),
  );
  return new Map(pairs);
}
