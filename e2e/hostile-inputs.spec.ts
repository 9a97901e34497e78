import { copyFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './support/console';
import { addFiles, card, openApp, shapesImages, waitForAllSettled, type ShapesImage } from './support/app';
import { makeHostileCorpus } from '../tools/hostile-corpus/make-corpus.mjs';

// Issue 5: every kind of file people drop, in one batch with normal photos. Each gets a clear
// message on its own card, the batch goes on, the tab never crashes, and the pictures that can
// be described are decoded right (orientation, first frame, transparency) — checked by pixels.
const DIR = resolve('test-results/hostile-corpus');

type Outcome = { status: 'done' } | { status: 'failed'; message: RegExp };
const failed = (message: RegExp): Outcome => ({ status: 'failed', message });
const done: Outcome = { status: 'done' };
const NOT_AN_IMAGE = (name: string, type: string) => new RegExp(`^${name.replace(/[.]/g, '\\.')} is not an image: its name says ${type}, but its contents are not a picture format\\. Add JPEG, PNG, WebP, GIF or AVIF photos\\.$`);
const DAMAGED = (name: string, kind: string) => new RegExp(`^${name.replace(/[.]/g, '\\.')} looks like a ${kind} file but could not be decoded: it may be damaged or truncated\\.`);
const CANNOT_DECODE = (what: string) => new RegExp(`^Your browser cannot decode ${what}.*Export it as JPEG`);

const EXPECTED: Record<string, Outcome> = {
  'empty.jpg': failed(/^empty\.jpg is empty \(0 bytes\), so there is no picture to describe\.$/),
  'notes-renamed.jpg': failed(NOT_AN_IMAGE('notes-renamed.jpg', 'image/jpeg')),
  'document-renamed.jpg': failed(NOT_AN_IMAGE('document-renamed.jpg', 'image/jpeg')),
  'page.html.png': failed(NOT_AN_IMAGE('page.html.png', 'image/png')),
  'random-bytes.png': failed(NOT_AN_IMAGE('random-bytes.png', 'image/png')),
  'huge-text-8mb.jpg': failed(NOT_AN_IMAGE('huge-text-8mb.jpg', 'image/jpeg')),
  'truncated.jpg': failed(DAMAGED('truncated.jpg', 'JPEG')),
  'truncated.png': failed(DAMAGED('truncated.png', 'PNG')),
  // Chromium refuses any incomplete JPEG, even one missing only its final FF D9; bytes after it are ignored.
  'missing-end-marker.jpg': failed(DAMAGED('missing-end-marker.jpg', 'JPEG')),
  'trailing-bytes.jpg': done,
  'zero-size-header.png': failed(DAMAGED('zero-size-header.png', 'PNG')),
  'huge-header-20000x20000.png': failed(/^huge-header-20000x20000\.png is 20000×20000 pixels \(400 megapixels\); Altscribe refuses images above 100 megapixels/),
  'huge-header-65535x65535.gif': failed(/^huge-header-65535x65535\.gif is 65535×65535 pixels \(4295 megapixels\); Altscribe refuses images above 100 megapixels/),
  'script.svg': failed(/^script\.svg is an SVG drawing\. Altscribe does not open SVG files: they can contain scripts/),
  'photo.heic': failed(CANNOT_DECODE('HEIC/HEIF photos')),
  'scan.tif': failed(CANNOT_DECODE('TIFF images')),
  'camera.cr2': failed(CANNOT_DECODE('camera RAW files')),
  'picture.jxl': failed(CANNOT_DECODE('JPEG XL images')),
  'layers.psd': failed(CANNOT_DECODE('Photoshop documents')),
  'animated.gif': done,
  'transparent.png': done,
  'big-6600x5000.jpg': done,
  'exif-rotated.jpg': done,
  'exif-rotated-big-4000x3000.jpg': done,
  'one-pixel.png': done,
  'panorama-10000x10.png': done,
  'deep-16-bit.png': done,
  'greyscale.jpg': done,
  'cmyk.jpg': done,
  'display-p3.jpg': done,
  'progressive.jpg': done,
  'small.avif': done,
  'tiny.bmp': done,
};

interface StoredCard {
  fileName: string;
  status: string;
  text: string;
  error?: string;
  width?: number;
  height?: number;
  /** The stored thumbnail's size and RGB at sample points given as fractions of its size. */
  thumb?: { width: number; height: number; samples: number[][] };
}

const SAMPLES: [number, number][] = [[0.5, 0.5], [0.25, 0.5], [0.75, 0.5], [0.5, 0.25], [0.5, 0.75]];

/** Every stored result, with each thumbnail decoded in the page and sampled at SAMPLES. */
async function readStoredCards(page: Page): Promise<Map<string, StoredCard>> {
  const cards = await page.evaluate(async (samples) => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const open = indexedDB.open('altscribe');
      open.onsuccess = () => res(open.result);
      open.onerror = () => rej(open.error);
    });
    const all = await new Promise<Record<string, unknown>[]>((res, rej) => {
      const get = db.transaction('results').objectStore('results').getAll();
      get.onsuccess = () => res(get.result as Record<string, unknown>[]);
      get.onerror = () => rej(get.error);
    });
    db.close();
    return Promise.all(
      all.map(async (r) => {
        const base = { fileName: r['fileName'] as string, status: r['status'] as string, text: r['text'] as string, error: r['error'] as string | undefined, width: r['width'] as number | undefined, height: r['height'] as number | undefined };
        if (!(r['thumbnail'] instanceof Blob)) return base;
        const bitmap = await createImageBitmap(r['thumbnail']);
        const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        const at = ([fx, fy]: [number, number]) => [...ctx.getImageData(Math.min(bitmap.width - 1, Math.floor(fx * bitmap.width)), Math.min(bitmap.height - 1, Math.floor(fy * bitmap.height)), 1, 1).data.slice(0, 3)];
        return { ...base, thumb: { width: bitmap.width, height: bitmap.height, samples: samples.map(at) } };
      }),
    );
  }, SAMPLES);
  return new Map(cards.map((c) => [c.fileName, c as StoredCard]));
}

const RED = [255, 0, 0];
const BLUE = [0, 0, 255];
const WHITE = [255, 255, 255];
/** Sample index → colour, within a tolerance that JPEG and the WebP thumbnail stay inside. */
function expectColours(stored: StoredCard | undefined, expected: Record<number, number[]>): void {
  expect(stored?.thumb, `${stored?.fileName} has a thumbnail`).toBeDefined();
  for (const [index, rgb] of Object.entries(expected)) {
    const got = stored!.thumb!.samples[Number(index)]!;
    const off = Math.max(...rgb.map((v, c) => Math.abs(v - (got[c] ?? -999))));
    expect(off, `${stored!.fileName} sample ${SAMPLES[Number(index)]!.join(',')} is ${got.join(',')}, expected ${rgb.join(',')}`).toBeLessThanOrEqual(48);
  }
}

let normal: ShapesImage[];
let lying: { path: string; name: string; expected: string }[];

test.beforeAll(async () => {
  await makeHostileCorpus(DIR);
  normal = await shapesImages(2, { maxSide: 400, seed: 5001, dir: join(DIR, 'normal') });
  const [png] = await shapesImages(1, { maxSide: 400, seed: 5002, formats: ['png'], dir: join(DIR, 'normal') });
  const [jpeg] = await shapesImages(1, { maxSide: 400, seed: 5003, formats: ['jpeg'], dir: join(DIR, 'normal') });
  const [named] = await shapesImages(1, { maxSide: 400, seed: 5004, dir: join(DIR, 'normal') });
  lying = [
    { source: png!, name: 'really-a-png.jpg' },
    { source: jpeg!, name: 'really-a-jpeg.png' },
    { source: named!, name: `📷 صورة العائلة – שלום ‮gpj.exe` },
  ].map(({ source, name }) => {
    const path = join(DIR, name);
    copyFileSync(source.path, path);
    return { path, name, expected: source.expected };
  });
});

test('hostile files in one batch: each card says what happened, the photos are described, the tab survives', async ({ page }) => {
  test.setTimeout(300_000); // huge and malformed files decoded one by one, and a model load, on a shared 2-core machine
  let crashed = false;
  page.on('crash', () => (crashed = true));
  await openApp(page);
  const title = await page.title();
  const hostile = Object.keys(EXPECTED).map((name) => ({ path: join(DIR, name) }));
  await addFiles(page, [...normal.map((n) => ({ path: n.path })), ...hostile, ...lying.map((l) => ({ path: l.path }))]);
  const total = normal.length + hostile.length + lying.length;
  await waitForAllSettled(page, total, 240_000);

  const stored = await readStoredCards(page);
  // The table for the issue's closing note: written before asserting, so a failing run still reports.
  const rows = [...stored.values()].sort((a, b) => a.fileName.localeCompare(b.fileName)).map((c) => `| ${c.fileName} | ${c.status} | ${c.error ?? ''} | ${c.width ?? ''}×${c.height ?? ''} | ${c.thumb ? `${c.thumb.width}×${c.thumb.height} ${c.thumb.samples.map((s) => s.join(',')).join(' / ')}` : ''} | ${c.status === 'done' ? c.text : ''} |`);
  writeFileSync(join(DIR, 'outcomes.md'), ['| file | status | message | size | thumbnail samples | text |', '|---|---|---|---|---|---|', ...rows].join('\n') + '\n');

  expect(crashed, 'the page never crashed').toBe(false);
  for (const [name, outcome] of Object.entries(EXPECTED)) {
    const got = stored.get(name);
    expect(got?.status, `${name}: status`).toBe(outcome.status);
    if (outcome.status === 'failed') {
      expect(got?.error, `${name}: message`).toMatch(outcome.message);
      // Shown on that file's card, not only stored.
      await expect(card(page, name).locator('[data-role=error]')).toHaveText(got!.error!);
    } else {
      expect(got?.text.length, `${name}: has alt-text`).toBeGreaterThan(0);
    }
  }
  for (const image of [...normal, ...lying]) expect(stored.get(image.name)?.text, `${image.name} described like any photo`).toBe(image.expected);

  // EXIF orientation 6 on a stored-landscape left-red/right-blue picture: upright it is portrait, red on top.
  const rotated = stored.get('exif-rotated.jpg');
  expect([rotated?.width, rotated?.height]).toEqual([32, 64]);
  expectColours(rotated, { 3: RED, 4: BLUE });
  // The same, large enough to be scaled while decoding: scaling must follow the turn, not squash it.
  const rotatedBig = stored.get('exif-rotated-big-4000x3000.jpg');
  expect([rotatedBig?.width, rotatedBig?.height]).toEqual([3000, 4000]);
  expect([rotatedBig?.thumb?.width, rotatedBig?.thumb?.height]).toEqual([144, 192]);
  expectColours(rotatedBig, { 3: RED, 4: BLUE });
  const big = stored.get('big-6600x5000.jpg');
  expect([big?.width, big?.height], 'the original size is kept on the record').toEqual([6600, 5000]);
  expect(big?.thumb?.width).toBe(192);
  expect(Math.abs(192 / big!.thumb!.height - 6600 / 5000), 'scaled, not squashed').toBeLessThan(0.02);
  expectColours(big, { 1: RED, 2: BLUE });
  expectColours(stored.get('animated.gif'), { 0: RED, 1: RED, 2: RED }); // first frame red, second blue
  expectColours(stored.get('transparent.png'), { 1: RED, 2: WHITE }); // right half transparent → white
  expectColours(stored.get('cmyk.jpg'), { 0: RED });

  // The SVG's script never ran anywhere on the page.
  expect(await page.title()).toBe(title);
  expect(await page.evaluate(() => (globalThis as { __altscribeSvgRan?: boolean }).__altscribeSvgRan)).toBeUndefined();
});
