import AxeBuilder from '@axe-core/playwright';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './support/console';
import { altText, card, downloadButton, openApp, shapesImages, waitForAllSettled, type ShapesImage } from './support/app';

// A folder as people have them: photos in nested subfolders, a stray text file, and the same
// photo twice under another name. Picked with the real "Choose a folder…" button.
const ROOT = resolve('test-results/intake-folder');
const ALBUM = join(ROOT, 'album');
let images: ShapesImage[];
let paths: string[];
let copyName: string;

test.beforeAll(async () => {
  rmSync(ROOT, { recursive: true, force: true });
  images = await shapesImages(3, { maxSide: 300, dir: join(ROOT, 'source') });
  const folders = ['2019', '2019/beach', 'zz'];
  paths = images.map((image, i) => `album/${folders[i]}/${image.name}`);
  for (const [i, image] of images.entries()) {
    mkdirSync(join(ALBUM, folders[i]!), { recursive: true });
    copyFileSync(image.path, join(ROOT, paths[i]!));
  }
  writeFileSync(join(ALBUM, 'notes.txt'), 'Photos from the 2019 trip.\n');
  copyName = `copy-of-${images[0]!.name}`; // sorts after the original, so the original is the one kept
  copyFileSync(images[0]!.path, join(ALBUM, 'zz', copyName));
  rmSync(join(ROOT, 'source'), { recursive: true });
});

// These tests cover the <input webkitdirectory> path, as in browsers without showDirectoryPicker
// (Firefox, Safari); e2e/file-handles.spec.ts covers Chromium's picker and its kept handles.
test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    Reflect.deleteProperty(window, 'showDirectoryPicker');
    Reflect.deleteProperty(Window.prototype, 'showDirectoryPicker');
  });
});

async function chooseFolder(page: Page): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Choose a folder…' }).click()]);
  await chooser.setFiles(ALBUM);
}

/** What became of the last added files: shown in the drop zone, in its own polite status region. */
const summary = (page: Page) => page.locator('drop-zone [data-role=intake-summary]');

test('a chosen folder: photos in subfolders are captioned with their paths, the text file is skipped with a reason, the copy is not added twice', async ({ page }) => {
  await openApp(page);
  await chooseFolder(page);
  await waitForAllSettled(page, 4);
  for (const [i, image] of images.entries()) {
    await expect(altText(page, image.name)).toHaveValue(image.expected);
    await expect(card(page, image.name).locator('[data-role=path]')).toHaveText(paths[i]!);
  }
  const notes = card(page, 'notes.txt');
  await expect(notes.locator('article')).toHaveAttribute('data-status', 'skipped');
  await expect(notes.locator('[data-role=status]')).toHaveText('Skipped: not a photo (text/plain)');
  await expect(notes.locator('[data-role=path]')).toHaveText('album/notes.txt');
  await expect(card(page, copyName)).toHaveCount(0);
  await expect(summary(page)).toHaveText(`Added 3 photos. notes.txt was skipped: not a photo (text/plain). ${copyName} is already in the list as ${paths[0]}.`);
  await expect(page.locator('altscribe-app [data-role=announcer]'), 'spoken through the page live region').toContainText(`Added 3 photos. notes.txt was skipped`);
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // The same folder again, before and after a reload: nothing new, and the person is told.
  await chooseFolder(page);
  await expect(summary(page)).toHaveText('5 files are already in the list and were not added again.');
  await expect(page.locator('caption-card')).toHaveCount(4);
  await page.reload();
  await expect(page.locator('caption-card')).toHaveCount(4);
  await expect(card(page, images[1]!.name).locator('[data-role=path]')).toHaveText(paths[1]!);
  await chooseFolder(page);
  await expect(summary(page)).toHaveText('5 files are already in the list and were not added again.');
  await expect(page.locator('caption-card')).toHaveCount(4);
  await expect(page.locator('caption-card article[data-status=done]')).toHaveCount(3);
});

test('after a reload, choosing the folder again re-queues the interrupted photos instead of adding them twice', async ({ page }) => {
  await openApp(page, 'wasm', '', { consent: 'manual' });
  await chooseFolder(page);
  // Nothing can run before the download is agreed to: the photos wait in the queue.
  await expect(downloadButton(page)).toBeVisible();
  await expect(page.locator('caption-card')).toHaveCount(4);
  await expect(page.locator('caption-card article[data-status=queued]')).toHaveCount(3);
  await expect(card(page, 'notes.txt').locator('article')).toHaveAttribute('data-status', 'skipped');

  await page.reload();
  await expect(page.locator('caption-card')).toHaveCount(4);
  await expect(page.locator('caption-card article[data-status=failed]')).toHaveCount(3);
  await expect(card(page, images[0]!.name).locator('[data-role=error]')).toContainText('Interrupted');

  await chooseFolder(page);
  await expect(summary(page)).toHaveText(`${images.map((i) => i.name).join(', ').replace(/, ([^,]*)$/, ' and $1')} were unfinished and are queued again. notes.txt is already in the list as album/notes.txt. ${copyName} is already in the list as ${paths[0]}.`);
  await downloadButton(page).click();
  await waitForAllSettled(page, 4);
  for (const image of images) await expect(altText(page, image.name)).toHaveValue(image.expected);
  await expect(page.locator('caption-card')).toHaveCount(4);
  await expect(card(page, copyName)).toHaveCount(0);
  await expect(card(page, 'notes.txt').locator('article')).toHaveAttribute('data-status', 'skipped');
  const stored = await page.evaluate(
    () =>
      new Promise<{ path?: string; hash?: string; status: string }[]>((done) => {
        const open = indexedDB.open('altscribe');
        open.onsuccess = () => {
          const all = open.result.transaction('results').objectStore('results').getAll();
          all.onsuccess = () => {
            open.result.close();
            done((all.result as { relativePath?: string; hash?: string; status: string }[]).map((r) => ({ path: r.relativePath, hash: r.hash, status: r.status })));
          };
        };
      }),
  );
  expect(stored.map((r) => [r.path, r.status]).sort()).toEqual([...paths.map((p) => [p, 'done']), ['album/notes.txt', 'skipped']].sort());
  expect(stored.filter((r) => r.hash).every((r) => /^[0-9a-f]{64}$/.test(r.hash!))).toBe(true);
});
