import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './support/console';
import { addFiles, openApp, openSettings, shapesImages, waitForAllSettled, readStoredFields } from './support/app';

// The order is checked against the priorities the page stored in IndexedDB, never against
// numbers written here: the scores come from the model's confidence and the photos.
test.setTimeout(180_000);
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

interface StoredPriority {
  fileName: string;
  status: string;
  review: string;
  reviewPriority?: number;
  reviewBand?: string;
}

function readPriorities(page: Page): Promise<StoredPriority[]> {
  return readStoredFields<StoredPriority>(page, ['fileName', 'status', 'review', 'reviewPriority', 'reviewBand']);
}

/** The cards' file names in the order the list shows them. */
async function shownOrder(page: Page): Promise<string[]> {
  return page.locator('caption-card h3, caption-card [role=heading]').allTextContents();
}

test('Riskiest first orders the cards by the stored review priority, and the review controls are labelled and clean', async ({ page }) => {
  await openApp(page);
  // Different sizes give different photo-quality signals, so the priorities differ.
  const images = [...(await shapesImages(3, { maxSide: 300, dir: 'test-results/review-controls' })), ...(await shapesImages(2, { maxSide: 48, seed: 7, dir: 'test-results/review-controls-small' })).map((i) => ({ ...i, name: `small-${i.name}` }))];
  await addFiles(page, images.map((i) => ({ name: i.name, mimeType: i.mime, buffer: i.bytes })));
  await waitForAllSettled(page, images.length);
  await expect.poll(async () => (await readPriorities(page)).filter((r) => r.reviewPriority !== undefined).length).toBe(images.length);
  const added = await shownOrder(page);
  expect(added).toHaveLength(images.length);

  await page.locator('results-toolbar select[data-role=sort]').selectOption({ label: 'Riskiest first' });
  const stored = new Map((await readPriorities(page)).map((r) => [r.fileName, r]));
  // Stable: equal priorities keep the order they were added in.
  const expected = [...added].sort((a, b) => stored.get(b)!.reviewPriority! - stored.get(a)!.reviewPriority!);
  expect(new Set([...stored.values()].map((r) => r.reviewPriority)).size, 'the photos have different priorities').toBeGreaterThan(1);
  expect(expected, 'the small photos score higher and move up').not.toEqual(added);
  await expect.poll(() => shownOrder(page)).toEqual(expected);

  // The summary counts what the store holds per band.
  const needs = [...stored.values()].filter((r) => r.reviewBand === 'needs-review').length;
  const check = [...stored.values()].filter((r) => r.reviewBand === 'check').length;
  await expect(page.locator('review-priority [data-role=doubt-summary]')).toHaveText(`${needs} of ${images.length} need review, ${check} to check if time allows.`);
  await expect(page.locator('review-priority [data-role=calibration]')).toHaveText(/^Default weights: calibrates after 20 decisions \(0 so far\)\.$/);

  // Keyboard: the refresh opens on Enter with its model select focused; Cancel gives focus back.
  const opener = page.locator('review-priority [data-role=refresh-open]');
  await opener.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('review-priority [data-role=refresh-model]')).toBeFocused();
  await expect(page.locator('review-priority [data-role=refresh-plan]')).toHaveText(/nothing to redo/);
  await page.locator('review-priority select[data-role=refresh-model]').selectOption({ label: 'Tiny Florence-2 (random weights, for tests)' });
  await expect(page.locator('review-priority [data-role=refresh-plan]')).toHaveText(new RegExp(`^Redo ${images.length} texts with Tiny Florence-2`));
  expect((await new AxeBuilder({ page }).withTags(WCAG).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.locator('review-priority [data-role=refresh-cancel]').click();
  await expect(opener).toBeFocused();

  // The second opinion is chosen in the settings view; choosing one offers the scope.
  await openSettings(page);
  await page.locator('model-settings select[data-role=second-select]').selectOption({ label: 'Tiny SmolVLM (random weights, for tests)' });
  await expect(page.locator('model-settings [data-role=second-scope]')).toBeVisible();
  expect((await new AxeBuilder({ page }).withTags(WCAG).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
