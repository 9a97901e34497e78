import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect } from './console';
import { encodeScene } from '../../tools/shapes-world/encode-node';
import { captionOf, mulberry32, randomScene, type RandomSceneOptions } from '../../tools/shapes-world/shapes-world';

export const FIXTURE_MODEL = 'altscribe/shapes-captioner';

export interface ShapesImage {
  /** A path on disk, for setInputFiles (faster than buffers for big images). */
  path: string;
  name: string;
  mime: string;
  bytes: Buffer;
  expected: string;
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
    images.push({ path, name, mime, bytes, expected: captionOf(scene) });
  }
  return images;
}

/** Opens the app on the fixture model, on the given backend. */
export async function openApp(page: Page, device: 'wasm' | 'webgpu' = 'wasm', extra = ''): Promise<void> {
  await page.goto(`/?model=${encodeURIComponent(FIXTURE_MODEL)}&device=${device}${extra}`);
  await expect(page.getByRole('button', { name: 'Choose photos…' })).toBeVisible();
}

export function card(page: Page, fileName: string): Locator {
  return page.locator('caption-card').filter({ has: page.getByRole('heading', { name: fileName, exact: true }) });
}

export function altText(page: Page, fileName: string): Locator {
  return card(page, fileName).getByRole('textbox', { name: 'Alt-text' });
}

/** Adds files through the page's hidden file input (what the picker feeds). */
export async function addFiles(page: Page, files: { path: string }[] | { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  const input = page.locator('drop-zone input[type=file]');
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
export async function waitForAllSettled(page: Page, count: number, timeout = 120_000): Promise<void> {
  await expect(page.locator('caption-card')).toHaveCount(count, { timeout });
  await expect
    .poll(async () => page.locator('caption-card article[data-status=queued], caption-card article[data-status=running]').count(), { timeout })
    .toBe(0);
}

/** Every card's file name and final text, read from the page in one go. */
export async function readCaptions(page: Page): Promise<Map<string, string>> {
  const pairs = await page.evaluate(() =>
    [...document.querySelector('altscribe-app')!.shadowRoot!.querySelectorAll('caption-card')].map((el) => {
      const root = el.shadowRoot!;
      return [root.querySelector('h3')?.textContent ?? '', root.querySelector('textarea')?.value ?? `<${root.querySelector('article')?.dataset['status']}>`] as const;
    }),
  );
  return new Map(pairs);
}
