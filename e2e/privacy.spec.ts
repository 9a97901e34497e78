import { readFileSync, writeFileSync } from 'node:fs';
import type { Page, Request } from '@playwright/test';
import { test, expect } from './support/console';
import { addFiles, altText, dropFiles, openApp, openSettings, shapesImages, waitForAllSettled, type ShapesImage } from './support/app';

// Each test captions on a shared 2-core machine: a first caption alone can take a minute there.
test.describe.configure({ timeout: 180_000 });

const GPS_SECRET = 'ALTSCRIBE-SECRET-GPS';
const DESCRIPTION_SECRET = 'ALTSCRIBE-SECRET-DESCRIPTION';

/**
 * A TIFF/EXIF block, little-endian, written by hand: IFD0 with an ImageDescription and a pointer
 * to a GPS IFD holding latitude (N 51° 30' 26") and a GPSProcessingMethod carrying GPS_SECRET.
 */
function exifApp1(): Buffer {
  const ascii = (text: string) => Buffer.from(`${text}\0`, 'latin1');
  const description = ascii(DESCRIPTION_SECRET);
  const method = Buffer.concat([Buffer.from('ASCII\0\0\0', 'latin1'), Buffer.from(GPS_SECRET, 'latin1')]);
  const ifd0At = 8;
  const descriptionAt = ifd0At + 2 + 2 * 12 + 4;
  const gpsAt = descriptionAt + description.length + (description.length % 2);
  const latitudeAt = gpsAt + 2 + 3 * 12 + 4;
  const methodAt = latitudeAt + 24;
  const tiff = Buffer.alloc(methodAt + method.length);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(ifd0At, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: number | Buffer) => {
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    if (typeof value === 'number') tiff.writeUInt32LE(value, at + 8);
    else value.copy(tiff, at + 8);
  };
  tiff.writeUInt16LE(2, ifd0At);
  entry(ifd0At + 2, 0x010e, 2, description.length, descriptionAt); // ImageDescription, ASCII
  entry(ifd0At + 14, 0x8825, 4, 1, gpsAt); // GPSInfo IFD pointer, LONG
  description.copy(tiff, descriptionAt);
  tiff.writeUInt16LE(3, gpsAt);
  entry(gpsAt + 2, 0x0001, 2, 2, Buffer.from('N\0\0\0', 'latin1')); // GPSLatitudeRef
  entry(gpsAt + 14, 0x0002, 5, 3, latitudeAt); // GPSLatitude, 3 RATIONALs
  entry(gpsAt + 26, 0x001b, 7, method.length, methodAt); // GPSProcessingMethod, UNDEFINED
  [51, 1, 30, 1, 26, 1].forEach((n, i) => tiff.writeUInt32LE(n, latitudeAt + 4 * i));
  method.copy(tiff, methodAt);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/** The JPEG with the EXIF segment right after SOI, where cameras put it. */
function withExif(jpeg: Buffer): Buffer {
  expect([jpeg[0], jpeg[1]]).toEqual([0xff, 0xd8]);
  return Buffer.concat([jpeg.subarray(0, 2), exifApp1(), jpeg.subarray(2)]);
}

/** Base64 of `bytes` as it would appear inside a longer base64 text, for each of the 3 alignments. */
function base64Forms(bytes: Buffer): string[] {
  return [0, 1, 2].map((shift) => {
    const text = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    return text.slice(shift ? 4 : 0, -4);
  });
}

interface Needle {
  what: string;
  raw: Buffer;
}

/** Several 64-byte windows spread over each file, and the EXIF strings. */
function needlesOf(images: { name: string; bytes: Buffer }[]): Needle[] {
  const needles: Needle[] = [];
  for (const { name, bytes } of images) {
    for (const k of [1, 2, 3, 4]) {
      const at = Math.min(bytes.length - 64, Math.floor((bytes.length * k) / 5));
      needles.push({ what: `${name} bytes ${at}…${at + 64}`, raw: bytes.subarray(at, at + 64) });
    }
  }
  needles.push({ what: 'EXIF GPS string', raw: Buffer.from(GPS_SECRET, 'latin1') }, { what: 'EXIF description', raw: Buffer.from(DESCRIPTION_SECRET, 'latin1') });
  return needles;
}

interface Recorded {
  url: string;
  body: Buffer | null;
  from: string;
}

function leaks(requests: Recorded[], needles: Needle[]): string[] {
  const found: string[] = [];
  for (const request of requests) {
    const url = Buffer.from(`${request.url} ${safeDecode(request.url)}`, 'latin1');
    const haystacks = [url, ...(request.body ? [request.body] : [])];
    for (const needle of needles) {
      const forms = [needle.raw, Buffer.from(needle.raw.toString('hex')), Buffer.from(needle.raw.toString('hex').toUpperCase()), ...base64Forms(needle.raw).map((t) => Buffer.from(t))];
      if (haystacks.some((h) => forms.some((f) => h.includes(f)))) found.push(`${needle.what} in ${request.from} request ${request.url.slice(0, 120)}`);
    }
  }
  return found;
}

function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

function origin(request: Request): string {
  if (request.serviceWorker()) return 'service worker';
  try {
    return request.frame() ? 'page' : 'worker';
  } catch {
    return 'worker';
  }
}

/** Every value in every store of our database, flattened: strings as they are, Blobs and buffers as base64. */
async function storedData(page: Page): Promise<{ where: string; text: string; blob: boolean; type: string }[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('altscribe');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const out: { where: string; text: string; blob: boolean; type: string }[] = [];
    const base64 = (bytes: Uint8Array) => {
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    };
    const walk = async (value: unknown, where: string): Promise<void> => {
      if (value instanceof Blob) out.push({ where, text: base64(new Uint8Array(await value.arrayBuffer())), blob: true, type: value.type });
      else if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) out.push({ where, text: base64(new Uint8Array(value instanceof ArrayBuffer ? value : value.buffer)), blob: true, type: 'buffer' });
      else if (typeof value === 'string') out.push({ where, text: value, blob: false, type: 'string' });
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) await walk(v, `${where}.${k}`);
    };
    for (const store of [...db.objectStoreNames]) {
      // Model weights are the model's, not the person's: skip them (they are large and hold nothing of the photos).
      if (/model/i.test(store) && /file/i.test(store)) continue;
      const all = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const [i, value] of all.entries()) await walk(value, `${store}[${i}]`);
    }
    db.close();
    return out;
  });
}

test('a whole session sends no byte of any photo and no EXIF anywhere; captioning with a cached model makes no request at all', async ({ page, context }) => {
  const requests: Recorded[] = [];
  context.on('request', (request) => requests.push({ url: request.url(), body: request.postDataBuffer(), from: origin(request) }));

  const [jpeg, png, later] = (await Promise.all([
    shapesImages(1, { maxSide: 320, formats: ['jpeg'], seed: 101, dir: 'test-results/privacy-images' }),
    shapesImages(1, { maxSide: 320, formats: ['png'], seed: 202, dir: 'test-results/privacy-images-2' }),
    shapesImages(1, { maxSide: 320, formats: ['jpeg'], seed: 303, dir: 'test-results/privacy-images-3' }),
  ])).flat() as [ShapesImage, ShapesImage, ShapesImage];
  const gpsPhoto = { ...jpeg, name: `gps-${jpeg.name}`, bytes: withExif(jpeg.bytes) };
  const laterPhoto = { ...later, name: `gps-later-${later.name}`, bytes: withExif(later.bytes) };
  writeFileSync(laterPhoto.path, laterPhoto.bytes);
  const photos = [gpsPhoto, png, laterPhoto];
  const needles = needlesOf(photos);
  // The detector itself works: a body carrying a window, or its base64, is caught.
  expect(leaks([{ url: 'http://x/', body: Buffer.concat([Buffer.from('{"a":"'), Buffer.from(base64Forms(needles[1]!.raw)[2]!), Buffer.from('"}')]), from: 'self-check' }], needles)).toHaveLength(1);

  await openApp(page);
  await dropFiles(page, [gpsPhoto, png]);
  await waitForAllSettled(page, 2);
  await expect(altText(page, gpsPhoto.name)).toHaveValue(gpsPhoto.expected);
  // The recorder sees the caption worker's own requests (its model and runtime files).
  expect(requests.some((r) => r.url.includes('/models/altscribe/shapes-captioner/') && r.url.endsWith('.onnx'))).toBe(true);
  expect(requests.some((r) => r.url.endsWith('/ort/ort-wasm-simd-threaded.asyncify.wasm'))).toBe(true);

  await altText(page, png.name).fill('Edited by hand for the privacy test.');
  await altText(page, png.name).blur();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('results-toolbar').getByRole('button', { name: 'Export JSON' }).click()]);
  const exported = readFileSync(await download.path());
  expect(exported.toString('utf8')).toContain('Edited by hand for the privacy test.');
  expect(exported.includes(Buffer.from(GPS_SECRET))).toBe(false);

  // The model is cached now: captioning another photo must not touch the network at all.
  const before = requests.length;
  await addFiles(page, [{ path: laterPhoto.path }]);
  await waitForAllSettled(page, 3);
  const duringCachedCaption = requests.slice(before).filter((r) => /^https?:/.test(r.url));
  expect(duringCachedCaption.map((r) => `${r.from} ${r.url}`)).toEqual([]);

  expect(requests.length).toBeGreaterThan(0);
  expect(leaks(requests, needles)).toEqual([]);

  // Stored data: thumbnails are re-encoded from a canvas, so no EXIF survives; nothing else keeps it either.
  const stored = await storedData(page);
  const thumbnails = stored.filter((s) => s.blob && /thumbnail/.test(s.where));
  expect(thumbnails.length).toBe(3);
  for (const item of stored) {
    const bytes = item.blob ? Buffer.from(item.text, 'base64') : Buffer.from(item.text, 'utf8');
    expect(bytes.includes(Buffer.from(GPS_SECRET)), `${item.where} (${item.type})`).toBe(false);
    expect(bytes.includes(Buffer.from(DESCRIPTION_SECRET)), `${item.where} (${item.type})`).toBe(false);
    if (item.blob) expect(bytes.includes(Buffer.from('Exif\0\0', 'latin1')), `${item.where} carries an EXIF block`).toBe(false);
  }
});

test('"Erase all data" asks first, then really empties IndexedDB, Cache Storage and the service worker', async ({ page }) => {
  await openApp(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  const [photo] = await shapesImages(1, { maxSide: 240, seed: 404, dir: 'test-results/privacy-erase' });
  await addFiles(page, [photo!]);
  await waitForAllSettled(page, 1);
  expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toContain('altscribe');
  expect((await page.evaluate(() => caches.keys())).some((k) => k.startsWith('altscribe-'))).toBe(true);

  await openSettings(page);
  const section = page.locator('erase-data');
  await section.getByRole('button', { name: 'Erase all data…' }).click();
  await expect(section.getByText(/cannot be undone/)).toBeFocused();
  await section.getByRole('button', { name: 'Keep my data' }).click();
  expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toContain('altscribe');

  await section.getByRole('button', { name: 'Erase all data…' }).click();
  await section.getByRole('button', { name: 'Erase everything' }).click();
  await expect(section.getByText(/All Altscribe data is erased/)).toBeFocused();
  expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toEqual([]);
  expect(await page.evaluate(() => caches.keys())).toEqual([]);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);

  await section.getByRole('button', { name: 'Start again' }).click();
  await expect(page.getByText('No photos yet.', { exact: false })).toBeVisible();
  await expect(page.locator('caption-card')).toHaveCount(0);
});
