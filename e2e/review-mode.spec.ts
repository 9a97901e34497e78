import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './support/console';
import { altText, card, openApp, shapesImages } from './support/app';

// Keyboard only: after the photos are added, every step is a key press.
// Generous timeouts: the first model load alone can take a minute on a busy 2-core machine.
test.setTimeout(300_000);
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** The photo picker's input (the drop zone may also hold a folder input). */
async function addFiles(page: Page, files: { path: string }[]): Promise<void> {
  await page.locator('drop-zone input[type=file]').first().setInputFiles(files.map((f) => f.path));
}

async function axe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('review mode from the keyboard: approve, move, edit, regenerate an edited text with confirmation, history', async ({ page }) => {
  await openApp(page);
  const images = await shapesImages(3, { maxSide: 300, dir: 'test-results/review-images' });
  await addFiles(page, images);
  for (const image of images) await expect(altText(page, image.name)).toHaveValue(image.expected, { timeout: 180_000 });
  const [first, second] = images as [(typeof images)[0], (typeof images)[0]];

  const opener = page.getByRole('button', { name: 'Review one by one' });
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Review one by one' });
  await expect(dialog).toBeVisible();
  const position = dialog.locator('[data-role=position]');
  const status = dialog.getByRole('status');
  const field = dialog.getByRole('textbox', { name: 'Alt-text' });
  await expect(position).toHaveText('1 of 3');
  await expect(dialog.locator('[data-role=file]')).toHaveText(first.name);
  await expect(field).toHaveValue(first.expected);
  await expect(dialog.locator('[data-role=key-legend]')).toContainText('A Approve');
  await expect(dialog.locator('img[data-role=review-image]')).toBeVisible();
  expect(await axe(page)).toEqual([]);

  // A approves and moves on; the move is announced politely.
  await page.keyboard.press('a');
  await expect(position).toHaveText('2 of 3');
  await expect(status).toHaveText(`Approved ${first.name}. 2 of 3: ${second.name}`);
  await expect(card(page, first.name).locator('[data-role=review]')).toHaveText('Reviewed');

  await page.keyboard.press('k');
  await expect(position).toHaveText('1 of 3');
  await expect(dialog.locator('[data-role=review]')).toHaveText('Reviewed');
  await page.keyboard.press('ArrowRight');
  await expect(position).toHaveText('2 of 3');

  // E goes into the text; letters typed there are text, not commands; Escape comes back.
  await page.keyboard.press('e');
  await expect(field).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Just my own words about this drawing.');
  await expect(position).toHaveText('2 of 3');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeVisible();
  await expect(field).not.toBeFocused();
  await expect(altText(page, second.name)).toHaveValue('Just my own words about this drawing.');
  await expect(dialog.locator('[data-role=review]')).toHaveText('Edited by you');

  // R on an edited text asks first; Enter on the focused Replace confirms.
  await page.keyboard.press('r');
  const confirmation = dialog.getByRole('group', { name: 'Replace your edited text? The current text is kept in the history.' });
  await expect(confirmation).toBeVisible();
  await expect(confirmation.getByRole('button', { name: 'Replace text' })).toBeFocused();
  expect(await axe(page)).toEqual([]);
  await page.keyboard.press('Enter');
  // A fresh caption of the photo (see the file's note on timeouts).
  await expect(field).toHaveValue(second.expected, { timeout: 120_000 });
  await expect(dialog.locator('[data-role=review]')).toHaveText('AI-generated, not reviewed');
  await expect(status).toHaveText(`New alt-text for ${second.name}: ${second.expected}`);

  // The edited text is kept in the history, by "you", and can be brought back.
  const versions = dialog.locator('[data-role=versions]');
  await versions.locator('summary').focus();
  await page.keyboard.press('Enter');
  const entry = versions.getByRole('listitem');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('Just my own words about this drawing.');
  await expect(entry).toContainText('By you');
  expect(await axe(page)).toEqual([]);
  await entry.getByRole('button', { name: 'Use this version' }).focus();
  await page.keyboard.press('Enter');
  await expect(field).toHaveValue('Just my own words about this drawing.');
  await expect(entry).toContainText(second.expected);

  // Escape closes and puts focus back on the button that opened it.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  await expect(card(page, second.name).locator('[data-role=versions] summary')).toHaveText('Earlier versions (1)');
});

test('regenerate without the original explains that the photo is needed', async ({ page }) => {
  await openApp(page);
  const [image] = await shapesImages(1, { maxSide: 300, dir: 'test-results/review-images' });
  await addFiles(page, [image!]);
  await expect(altText(page, image!.name)).toHaveValue(image!.expected, { timeout: 180_000 });
  await page.reload();
  await expect(altText(page, image!.name)).toHaveValue(image!.expected);
  await page.getByRole('button', { name: 'Review one by one' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Review one by one' });
  await page.keyboard.press('r');
  await expect(dialog.getByRole('status')).toHaveText('Add the photo again to regenerate.');
  await expect(dialog.getByRole('textbox', { name: 'Alt-text' })).toHaveValue(image!.expected);
});
