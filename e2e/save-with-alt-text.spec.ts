import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { test, expect } from './support/console';
import { altText, openApp, readRecords, shapesImages, waitForAllSettled, type ShapesImage } from './support/app';

// Four captions on a shared 2-core machine: the model load alone can take 40 s.
test.describe.configure({ timeout: 300_000 });

const work = resolve('test-results/save-with-alt-text');
let photos: ShapesImage[];
let gif: { path: string; name: string };

test.beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  const formats = ['png', 'jpeg', 'webp'] as const;
  photos = [];
  for (const [i, format] of formats.entries()) photos.push(...(await shapesImages(1, { maxSide: 300, formats: [format], seed: 4171 + i, dir: join(work, `in-${format}`) })));
  // A format that cannot carry XMP here: it is captioned, then named in the save's message.
  gif = { path: join(work, 'animation.gif'), name: 'animation.gif' };
  writeFileSync(gif.path, await sharp(photos[0]!.bytes).gif().toBuffer());
});

const exiftool = (() => {
  try {
    execFileSync('exiftool', ['-ver']);
    return true;
  } catch {
    return false;
  }
})();

function allTags(path: string): Record<string, unknown> {
  return (JSON.parse(execFileSync('exiftool', ['-j', '-G1', '-a', '-b', path], { encoding: 'utf8' })) as Record<string, unknown>[])[0]!;
}

/**
 * Every tag exiftool reads, minus XMP (which the save adds to), the file's own size and dates,
 * and a WebP's VP8X flags (which must say XMP once there is some; checked apart).
 */
function otherTags(path: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(allTags(path)).filter(([key]) => !/^(XMP|System|File|ExifTool|Composite|SourceFile|RIFF:WebP_Flags)/.test(key)));
}

const pixels = async (bytes: Buffer) => sharp(bytes).raw().toBuffer();

test('saves copies as a zip whose photos carry their alt-text in IPTC Alt Text, with the pixels unchanged', async ({ page }) => {
  await openApp(page);
  await page.locator('drop-zone input[type=file][accept="image/*"]').setInputFiles([...photos.map((p) => p.path), gif.path]);
  await waitForAllSettled(page, 4, 240_000);
  // A hand-edited text with what XML and zip names get wrong: quotes, ampersand, angle brackets, accents, emoji.
  const tricky = 'Ünïcode “quotes” & <tags> \'single\' — a tree 🌲';
  await altText(page, photos[1]!.name).fill(tricky);
  await altText(page, photos[1]!.name).blur();
  await expect.poll(async () => (await readRecords(page)).find((r) => r.fileName === photos[1]!.name)?.text).toBe(tricky);

  const toolbar = page.locator('results-toolbar');
  const [download] = await Promise.all([page.waitForEvent('download'), toolbar.getByRole('button', { name: 'Save copies as zip' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^altscribe-photos-\d{4}-\d{2}-\d{2}\.zip$/);
  const status = toolbar.locator('[data-role=save-message]');
  await expect(status).toContainText('Saved 3 photos with their alt-text in');
  await expect(status).toContainText('1 photo cannot carry metadata, use the CSV.');
  await status.getByText('Photos not saved (1)').click();
  await expect(status.getByRole('listitem')).toHaveText(['animation.gif: this format cannot carry metadata, use the CSV.']);

  const out = join(work, 'out');
  mkdirSync(out, { recursive: true });
  const zip = join(work, 'copies.zip');
  await download.saveAs(zip);
  execFileSync('unzip', ['-o', '-q', zip, '-d', out]);
  expect(readdirSync(out).sort()).toEqual(photos.map((p) => p.name).sort());

  const texts = new Map((await readRecords(page)).map((r) => [r.fileName, r.text]));
  for (const photo of photos) {
    const saved = readFileSync(join(out, photo.name));
    expect(saved.equals(photo.bytes), `${photo.name} was rewritten`).toBe(false);
    expect(await pixels(saved), `${photo.name} pixels`).toEqual(await pixels(photo.bytes));
    if (!exiftool) continue;
    const read = (tag: string) => execFileSync('exiftool', ['-s3', '-charset', 'utf8', tag, join(out, photo.name)], { encoding: 'utf8' }).replace(/\n$/, '');
    expect(read('-XMP-iptcCore:AltTextAccessibility'), photo.name).toBe(texts.get(photo.name));
    expect(read('-XMP-iptcCore:AltTextAccessibility-en'), `${photo.name} in the browser's language`).toBe(texts.get(photo.name));
    expect(otherTags(join(out, photo.name)), `${photo.name} other tags`).toEqual(otherTags(photo.path));
    if (photo.mime === 'image/webp') expect(String(allTags(join(out, photo.name))['RIFF:WebP_Flags'])).toContain('XMP');
  }
  expect(texts.get(photos[1]!.name)).toBe(tricky);
  test.info().annotations.push({ type: 'exiftool', description: exiftool ? 'read back with exiftool' : 'exiftool not on PATH: pixels only' });
});

// Headless Chromium cannot drive the native folder picker: a folder in the origin private file
// system gives real File System Access handles (createWritable included), and
// showDirectoryPicker is made to return it, as in file-handles.spec.ts.
function fakePicker(): void {
  (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle('album');
}

/** Writes (or overwrites) files in the OPFS folder "album". */
async function writeToAlbum(page: import('@playwright/test').Page, files: { name: string; bytes: Buffer }[]): Promise<void> {
  await page.evaluate(async (list) => {
    const album = await (await navigator.storage.getDirectory()).getDirectoryHandle('album', { create: true });
    for (const { name, b64 } of list) {
      const writable = await (await album.getFileHandle(name, { create: true })).createWritable();
      await writable.write(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
      await writable.close();
    }
  }, files.map((f) => ({ name: f.name, b64: f.bytes.toString('base64') })));
}

async function readAlbum(page: import('@playwright/test').Page): Promise<Map<string, Buffer>> {
  const files = await page.evaluate(async () => {
    const album = await (await navigator.storage.getDirectory()).getDirectoryHandle('album');
    const out: [string, string][] = [];
    for await (const [name, handle] of album as unknown as AsyncIterable<[string, FileSystemFileHandle]>) {
      const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
      let binary = '';
      for (const byte of bytes) binary += String.fromCharCode(byte);
      out.push([name, btoa(binary)]);
    }
    return out;
  });
  return new Map(files.map(([name, b64]) => [name, Buffer.from(b64, 'base64')]));
}

test('writes into the originals after a confirmation naming the count, refuses one changed on disk, and saves copies beside them without replacing them', async ({ page }) => {
  const [png, jpeg] = [photos[0]!, photos[1]!];
  await page.addInitScript(fakePicker);
  await openApp(page);
  await page.evaluate(async () => (await navigator.storage.getDirectory()).removeEntry('album', { recursive: true }).catch(() => undefined));
  await writeToAlbum(page, [png, jpeg]);
  await page.getByRole('button', { name: 'Choose a folder…' }).click();
  await waitForAllSettled(page, 2, 240_000);
  const texts = new Map((await readRecords(page)).map((r) => [r.fileName, r.text]));

  // Copies into the picked folder, which already holds both photos: they get new names.
  const toolbar = page.locator('results-toolbar');
  await toolbar.getByRole('button', { name: 'Save copies to a folder…' }).click();
  await expect(toolbar.locator('[data-role=save-message]')).toHaveText('Saved 2 photos with their alt-text in “album”.');
  const copyName = (name: string) => name.replace(/(\.\w+)$/, ' (2)$1');
  let album = await readAlbum(page);
  expect([...album.keys()].sort()).toEqual([png.name, jpeg.name, copyName(png.name), copyName(jpeg.name)].sort());
  expect(album.get(png.name)!.equals(png.bytes)).toBe(true);

  // The JPEG changes on disk after it was captioned: it must be refused, not overwritten.
  const edited = Buffer.concat([jpeg.bytes.subarray(0, jpeg.bytes.length - 2), Buffer.from([0, 0xff, 0xd9])]);
  await writeToAlbum(page, [{ name: jpeg.name, bytes: edited }]);
  await toolbar.getByRole('button', { name: 'Write into originals…' }).click();
  const confirm = toolbar.locator('[data-role=confirm-write]');
  await expect(confirm).toContainText('Write the alt-text into 2 original photos on this device?');
  await expect(toolbar.locator('#confirm-question')).toBeFocused();
  await confirm.getByRole('button', { name: 'Write into the originals' }).click();
  const status = toolbar.locator('[data-role=save-message]');
  await expect(status).toContainText('Wrote the alt-text into 1 original photo. 1 photo could not be saved; the list says why.');
  await status.getByText('Photos not saved (1)').click();
  await expect(status.getByRole('listitem')).toHaveText([`album/${jpeg.name}: changed on disk since it was captioned, so it was not written.`]);

  // The written PNG's record now knows its new bytes: writing again is not refused as a change.
  await toolbar.getByRole('button', { name: 'Write into originals…' }).click();
  await confirm.getByRole('button', { name: 'Write into the originals' }).click();
  await expect(status).toContainText('Wrote the alt-text into 1 original photo.');
  await status.getByText('Photos not saved (1)').click();
  await expect(status.getByRole('listitem')).toHaveText([`album/${jpeg.name}: changed on disk since it was captioned, so it was not written.`]);

  album = await readAlbum(page);
  expect(album.get(jpeg.name)!.equals(edited), 'the changed photo is left as it was').toBe(true);
  const written = album.get(png.name)!;
  expect(written.equals(png.bytes)).toBe(false);
  expect(await pixels(written)).toEqual(await pixels(png.bytes));
  if (exiftool) {
    const path = join(work, `written-${png.name}`);
    writeFileSync(path, written);
    expect(execFileSync('exiftool', ['-s3', '-charset', 'utf8', '-XMP-iptcCore:AltTextAccessibility', path], { encoding: 'utf8' }).replace(/\n$/, '')).toBe(texts.get(png.name));
    expect(otherTags(path)).toEqual(otherTags(png.path));
  }
});
