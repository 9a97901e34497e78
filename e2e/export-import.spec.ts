import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './support/console';
import { altText, card, openApp, shapesImages, type ShapesImage } from './support/app';

let images: ShapesImage[];
// Three captions on a shared 2-core machine: the model load alone can take 40 s.
test.describe.configure({ timeout: 300_000 });
test.beforeAll(async () => {
  images = await shapesImages(3, { maxSide: 300, dir: 'test-results/export-import-images' });
});

/** The photo picker's input (the drop zone may also have a folder input, without an accept filter). */
const addFiles = (page: Page, files: { path: string }[]) => page.locator('drop-zone input[type=file][accept="image/*"]').setInputFiles(files.map((f) => f.path));
const toolbar = (page: Page) => page.locator('results-toolbar');
const review = (page: Page, name: string) => card(page, name).locator('[data-role=review]');

/** Three captioned photos: one edited by hand, one approved, one left as the model wrote it. */
async function captionThree(page: Page): Promise<void> {
  await openApp(page);
  await addFiles(page, images);
  for (const image of images) await expect(altText(page, image.name)).toHaveValue(image.expected, { timeout: 180_000 });
  const edited = altText(page, images[0]!.name);
  await edited.fill('A hand-written text, with a comma and "quotes".\nAnd a second line.');
  await edited.blur();
  await expect(review(page, images[0]!.name)).toHaveText('Edited by you');
  await card(page, images[1]!.name).getByRole('button', { name: 'Mark as reviewed' }).click();
  await expect(review(page, images[1]!.name)).toHaveText('Reviewed');
}

test('filters by review status and narrows the export to the shown photos', async ({ page }) => {
  await captionThree(page);
  await expect(toolbar(page).locator('[data-role=showing]')).toHaveText('Showing 3 of 3 photos');
  await toolbar(page).getByLabel('Status').selectOption({ label: 'Edited by you (1)' });
  await expect(page.locator('caption-card')).toHaveCount(1);
  await expect(card(page, images[0]!.name)).toHaveCount(1);
  await expect(toolbar(page).locator('[data-role=showing]')).toHaveText('Showing 1 of 3 photos');
  await expect(page.locator('[data-role=announcer]')).toContainText('Showing 1 of 3 photos.');

  await toolbar(page).getByLabel('Export', { exact: true }).selectOption('shown');
  const [download] = await Promise.all([page.waitForEvent('download'), toolbar(page).getByRole('button', { name: 'Export JSON' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^altscribe-alt-text-\d{4}-\d{2}-\d{2}\.json$/);
  const json = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(json.items).toHaveLength(1);
  expect(json.items[0]).toMatchObject({ fileName: images[0]!.name, review: 'edited', status: 'done', modelId: 'altscribe/shapes-captioner', device: 'wasm' });
  expect(Object.keys(json.items[0])).toEqual(expect.arrayContaining(['fileName', 'altText', 'status', 'review', 'modelId', 'dtype', 'device', 'createdAt', 'updatedAt']));

  await toolbar(page).getByLabel('Status').selectOption('all');
  await toolbar(page).getByLabel('Sort by').selectOption({ label: 'File name, A to Z' });
  await expect(page.locator('caption-card')).toHaveCount(3);
  expect(await axeViolations(page)).toEqual([]);
});

test('round trip: export CSV, delete every card, import the file: the same texts and review states come back', async ({ page }) => {
  await captionThree(page);
  const before = new Map<string, string>();
  for (const image of images) before.set(image.name, await altText(page, image.name).inputValue());
  // captionThree edits the first, approves the second and leaves the third as the model wrote it.
  const labels = new Map([
    [images[0]!.name, 'Edited by you'],
    [images[1]!.name, 'Reviewed'],
    [images[2]!.name, 'AI-generated, not reviewed'],
  ]);
  for (const image of images) await expect(review(page, image.name)).toHaveText(labels.get(image.name)!);

  const [download] = await Promise.all([page.waitForEvent('download'), toolbar(page).getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^altscribe-alt-text-\d{4}-\d{2}-\d{2}\.csv$/);
  const path = await download.path();
  const bytes = readFileSync(path);
  expect([...bytes.subarray(0, 3)], 'UTF-8 byte order mark').toEqual([0xef, 0xbb, 0xbf]);
  await expect(page.locator('[data-role=announcer]')).toContainText(`Exported 3 results as ${download.suggestedFilename()}.`);

  for (const image of images) await card(page, image.name).getByRole('button', { name: `Delete ${image.name}` }).click();
  await expect(page.locator('caption-card')).toHaveCount(0);

  const chooser = page.waitForEvent('filechooser');
  await toolbar(page).getByRole('button', { name: 'Import alt-texts…' }).click();
  await (await chooser).setFiles(path);
  const summary = 'Imported 3 alt-texts: 3 without a photo yet.';
  await expect(toolbar(page).locator('[data-role=transfer-message]')).toHaveText(summary);
  await expect(page.locator('[data-role=announcer]')).toContainText(summary);
  await expect(page.locator('caption-card')).toHaveCount(3);
  for (const image of images) {
    await expect(altText(page, image.name)).toHaveValue(before.get(image.name)!);
    await expect(review(page, image.name)).toHaveText(labels.get(image.name)!);
    await expect(card(page, image.name).locator('article')).toHaveAttribute('data-status', 'done');
  }

  // Survives a reload; adding the photo again gives the AI text back its photo (same hash), not a new caption.
  await page.reload();
  await expect(page.locator('caption-card')).toHaveCount(3);
  await addFiles(page, [images[2]!]);
  await expect(card(page, images[2]!.name).locator('img')).toBeVisible();
  await expect(page.locator('caption-card')).toHaveCount(3);
  await expect(altText(page, images[2]!.name)).toHaveValue(before.get(images[2]!.name)!);
  await expect(review(page, images[2]!.name)).toHaveText('AI-generated, not reviewed');
  // The model would write the same words again, so the proof it did not run is the intake's own answer and the status.
  await expect(page.locator('[data-role=announcer]')).toContainText(`${images[2]!.name} is already in the list.`);
  await expect(card(page, images[2]!.name).locator('article')).toHaveAttribute('data-status', 'done');
  const status = toolbar(page).getByLabel('Status');
  for (const label of ['AI-generated, not reviewed (1)', 'Edited by you (1)', 'Reviewed (1)', 'Imported (0)']) await expect(status).toContainText(label);
});

test('a spreadsheet of alt-texts fills matching photos and reports the rows it skipped', async ({ page }) => {
  await captionThree(page);
  const csv = `\uFEFFFile Name;Alt Text\r\n${images[2]!.name};"Three shapes; drawn by hand."\r\nmissing.jpg;An old photo with no file here.\r\n${images[1]!.name};\r\n`;
  const chooser = page.waitForEvent('filechooser');
  await toolbar(page).getByRole('button', { name: 'Import alt-texts…' }).click();
  await (await chooser).setFiles({ name: 'sheet.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(toolbar(page).locator('[data-role=transfer-message] p')).toHaveText('Imported 2 alt-texts: 1 matched photo, 1 without a photo yet; 1 row skipped: empty alt-text.');
  await toolbar(page).getByText('Rows not imported (1)').click();
  await expect(toolbar(page).getByText('Line 4: skipped, its alt-text is empty.')).toBeVisible();
  await expect(altText(page, images[2]!.name)).toHaveValue('Three shapes; drawn by hand.');
  await expect(review(page, images[2]!.name)).toHaveText('Imported');
  await expect(altText(page, 'missing.jpg')).toHaveValue('An old photo with no file here.');
  await expect(altText(page, images[1]!.name)).toHaveValue(images[1]!.expected);
  await toolbar(page).getByLabel('Status').selectOption('imported');
  await expect(page.locator('caption-card')).toHaveCount(2);
  expect(await axeViolations(page)).toEqual([]);
});

async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
