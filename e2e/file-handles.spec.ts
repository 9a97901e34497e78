import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './support/console';
import { downloadButton, openApp, shapesImages, waitForAllSettled, type ShapesImage } from './support/app';

// Chromium keeps File System Access handles, so after a reload the unfinished photos are read
// again from the folder instead of the person choosing it again. Headless Chromium cannot drive
// the native folder picker; a folder in the origin private file system (OPFS) gives real
// FileSystemDirectoryHandle/FileSystemFileHandle objects (read permission always granted), and
// showDirectoryPicker is made to return it. Everything after the picker is the app's own path.
const SUBFOLDERS = ['2019', '2019/beach', '', 'zz'];
let images: ShapesImage[];
let paths: string[];

test.beforeAll(async () => {
  images = await shapesImages(8, { maxSide: 300, dir: 'test-results/file-handles-images' });
  paths = images.map((image, i) => ['album', SUBFOLDERS[i % SUBFOLDERS.length], image.name].filter(Boolean).join('/'));
});

/** Stands in for the browser's folder picker only; counts calls so the test can tell it was not used again. */
function fakePicker(): void {
  const w = window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle>; pickerCalls: number };
  w.pickerCalls = 0;
  w.showDirectoryPicker = async () => {
    w.pickerCalls++;
    return (await navigator.storage.getDirectory()).getDirectoryHandle('album');
  };
}

/** Writes the album into OPFS: photos in nested folders and a text file, as on a person's disk. */
async function writeAlbum(page: Page): Promise<void> {
  const files = [...images.map((image, i) => ({ path: paths[i]!, b64: image.bytes.toString('base64') })), { path: 'album/notes.txt', b64: Buffer.from('Trip notes.\n').toString('base64') }];
  await page.evaluate(async (list) => {
    const root = await navigator.storage.getDirectory();
    await root.removeEntry('album', { recursive: true }).catch(() => undefined);
    for (const { path, b64 } of list) {
      const parts = path.split('/');
      let dir = root;
      for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
      const writable = await (await dir.getFileHandle(parts.at(-1)!, { create: true })).createWritable();
      await writable.write(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
      await writable.close();
    }
  }, files);
}

interface Stored {
  id: string;
  path?: string;
  status: string;
  text: string;
  error?: string;
}

/** Results and the kept handles, straight from IndexedDB (the list renders from them). */
async function readStore(page: Page): Promise<{ results: Stored[]; originals: { id: string; name: string; kind: string }[] }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('altscribe');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['results', 'originals']);
          const results = tx.objectStore('results').getAll();
          const originals = tx.objectStore('originals').getAll();
          tx.oncomplete = () => {
            open.result.close();
            resolve({
              results: (results.result as { id: string; relativePath?: string; status: string; text: string; error?: string }[]).map((r) => ({ id: r.id, path: r.relativePath, status: r.status, text: r.text, ...(r.error ? { error: r.error } : {}) })),
              originals: (originals.result as { id: string; handle: FileSystemFileHandle }[]).map((o) => ({ id: o.id, name: o.handle.name, kind: o.handle.kind })),
            });
          };
        };
      }),
  );
}

const statuses = async (page: Page) => (await readStore(page)).results.map((r) => r.status);

test('a chosen folder keeps its file handles: after a reload mid-batch the unfinished photos resume without choosing the folder again', async ({ page }) => {
  test.setTimeout(180_000); // a first model download, eight captions and a reload on a shared 2-core machine
  await page.addInitScript(fakePicker);
  await openApp(page, 'wasm', '', { consent: 'manual' });
  await writeAlbum(page);
  await page.getByRole('button', { name: 'Choose a folder…' }).click();
  await downloadButton(page).click(); // a fresh profile asks once before the model's download

  // Let a photo or two be captioned, then pause so the reload lands in the middle of the batch.
  // The first photo waits for the model's download and load; the one running at the Pause then finishes.
  await expect.poll(async () => (await statuses(page)).filter((s) => s === 'done').length, { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
  await page.getByRole('button', { name: 'Pause captioning' }).click();
  // "Running" is shown on the card, not stored: wait on the cards until the photo running at the Pause has finished.
  await expect(page.locator('caption-card article[data-status="running"]')).toHaveCount(0, { timeout: 30_000 });
  const before = await readStore(page);
  const unfinished = before.results.filter((r) => r.status === 'queued').map((r) => r.id).sort();
  expect(unfinished.length, 'the pause must leave photos waiting, or this test proves nothing').toBeGreaterThan(0);
  // One handle per photo card; the skipped text file is never captioned, so it keeps none.
  expect(before.originals.map((o) => o.name).sort()).toEqual(images.map((i) => i.name).sort());
  expect(before.originals.every((o) => o.kind === 'file')).toBe(true);

  await page.reload();
  await expect(page.getByRole('button', { name: 'Choose photos…' })).toBeVisible();
  // Reopened through the kept handles: queued again (the pause holds across the reload), not "add the photo again".
  // After the reload's start-up, each handle's file is read and hashed again before it is queued.
  await expect.poll(async () => (await readStore(page)).results.filter((r) => r.status === 'queued').map((r) => r.id).sort(), { timeout: 30_000 }).toEqual(unfinished);
  expect((await readStore(page)).results.filter((r) => r.error?.startsWith('Interrupted'))).toEqual([]);
  await expect(page.locator('altscribe-app [data-role=announcer]')).toContainText(`Reopened ${unfinished.length} photo${unfinished.length === 1 ? '' : 's'} from “album”; ${unfinished.length === 1 ? 'it is' : 'they are'} queued again.`);
  await expect(page.locator('reopen-originals section'), 'permission was granted: nothing to ask').toHaveCount(0);

  await page.getByRole('button', { name: 'Resume captioning' }).click();
  await waitForAllSettled(page, images.length + 1);
  const after = await readStore(page);
  const byPath = new Map(after.results.map((r) => [r.path, r]));
  for (const [i, image] of images.entries()) expect(byPath.get(paths[i]), paths[i]).toMatchObject({ status: 'done', text: image.expected });
  expect(byPath.get('album/notes.txt')?.status).toBe('skipped');
  expect(after.results).toHaveLength(images.length + 1);
  expect(await page.evaluate(() => (window as unknown as { pickerCalls: number }).pickerCalls), 'the folder was not chosen again').toBe(0);
});

/**
 * Makes the browser's permission answer 'prompt' after the reload, as Chromium does for a folder
 * picked in an earlier session, and stands in for its permission dialog (answered "Allow").
 */
function askAfterReload(): void {
  if (sessionStorage.getItem('ask-permission') !== 'yes') return;
  const w = window as unknown as { permissionRequests: number };
  w.permissionRequests = 0;
  const proto = FileSystemHandle.prototype as unknown as { queryPermission: () => Promise<string>; requestPermission: () => Promise<string> };
  let granted = false;
  proto.queryPermission = async () => (granted ? 'granted' : 'prompt');
  proto.requestPermission = async () => {
    w.permissionRequests++;
    if (!navigator.userActivation.isActive) throw new DOMException('User activation is required to request permissions.', 'SecurityError');
    granted = true;
    return 'granted';
  };
}

test('when the browser asks first, one keyboard-usable button reopens the folder after the reload', async ({ page }) => {
  test.setTimeout(180_000); // as above: a model download, captions and a reload on a shared 2-core machine
  await page.addInitScript(fakePicker);
  await page.addInitScript(askAfterReload);
  await openApp(page, 'wasm', '', { consent: 'manual' });
  await writeAlbum(page);
  await page.getByRole('button', { name: 'Choose a folder…' }).click();
  // Nothing runs before the download is agreed to: every photo is still waiting at the reload.
  await expect(downloadButton(page)).toBeVisible();
  await expect.poll(async () => (await statuses(page)).filter((s) => s === 'queued').length).toBe(images.length);

  await page.evaluate(() => sessionStorage.setItem('ask-permission', 'yes'));
  await page.reload();
  const reopen = page.getByRole('button', { name: `Reopen ${images.length} photos from “album”` });
  await expect(reopen).toBeVisible();
  await expect(page.getByRole('region', { name: 'Unfinished photos' })).toContainText('your browser asks before it lets this page read the folder again');
  expect((await readStore(page)).results.filter((r) => r.error?.startsWith('Interrupted'))).toHaveLength(images.length);
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await reopen.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('altscribe-app [data-role=announcer]')).toContainText(`Reopened ${images.length} photos from “album”; they are queued again.`);
  await expect(reopen).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { permissionRequests: number }).permissionRequests)).toBe(1);
  await downloadButton(page).click();
  await waitForAllSettled(page, images.length + 1);
  const byPath = new Map((await readStore(page)).results.map((r) => [r.path, r]));
  for (const [i, image] of images.entries()) expect(byPath.get(paths[i]), paths[i]).toMatchObject({ status: 'done', text: image.expected });
  expect(await page.evaluate(() => (window as unknown as { pickerCalls: number }).pickerCalls), 'the folder was not chosen again').toBe(0);
});
