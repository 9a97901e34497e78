import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './support/console';
import { addFiles, openApp, shapesImages, waitForAllSettled, type ShapesImage } from './support/app';

// Sixteen captions on a shared 2-core machine take a while (seconds each under load).
test.describe.configure({ timeout: 240_000 });

let images: ShapesImage[];
test.beforeAll(async () => {
  // Sixteen, so photos still wait when the test's Pause lands: on a quiet machine the fixture
  // captions one in about a tenth of a second, and eight were all done by then.
  images = await shapesImages(16, { maxSide: 300, dir: 'test-results/batch-estimate-images' });
});

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const estimate = (page: Page) => page.locator('batch-progress [data-role=estimate]');
const estimateText = (page: Page) => page.locator('batch-progress [data-role=estimate-text]');
const statusCount = (page: Page, status: string) => page.locator(`caption-card article[data-status=${status}]`).count();

/** The photo count the estimate is for ("≈ 1 min for 4 photos with …"). */
async function estimatedCount(page: Page): Promise<number> {
  const match = /for ([\d,]+) photos? with Shapes test model$/.exec((await estimateText(page).textContent()) ?? '');
  expect(match, 'the estimate names the count and the model').not.toBeNull();
  return Number(match![1]!.replace(/,/g, ''));
}

test('after the first few photos the progress states the time for the rest at the pace measured here, and updates it', async ({ page }) => {
  await openApp(page);
  await addFiles(page, images);
  await expect(page.locator('caption-card')).toHaveCount(16);
  // Not before the first photo (left out as the warm-up after the load) and three measured ones.
  await expect(estimate(page)).toBeVisible({ timeout: 180_000 });
  expect(await statusCount(page, 'done')).toBeGreaterThanOrEqual(4);

  // Paused and idle, the count is exactly the photos still waiting.
  await page.getByRole('button', { name: 'Pause captioning' }).click();
  await expect.poll(() => statusCount(page, 'running'), { timeout: 60_000 }).toBe(0);
  const waiting = await statusCount(page, 'queued');
  expect(waiting).toBeGreaterThan(0);
  await expect.poll(() => estimatedCount(page)).toBe(waiting);
  await expect(page.locator('batch-progress [data-role=per-photo]')).toHaveText(/^\d+(\.\d)? s$|^\d+ min( \d+ s)?$/);
  // The count line leaves the time to the estimate: one number, not two that may disagree.
  await expect(page.locator('batch-progress [data-role=progress-text]')).not.toContainText('left');
  // Spoken once when first known, not with every photo.
  const spoken = await page.locator('live-announcer [data-role=announcer] p').allTextContents();
  expect(spoken.filter((line) => line.startsWith('Estimated time left:'))).toHaveLength(1);
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // Resumed, it follows the batch down to the last photo, then goes with the finished batch.
  await page.getByRole('button', { name: 'Resume captioning' }).click();
  if (waiting > 1) await expect.poll(() => estimatedCount(page).catch(() => 0), { timeout: 120_000, intervals: [100] }).toBeLessThan(waiting);
  await waitForAllSettled(page, 16);
  await expect(estimate(page)).toHaveCount(0);
  await expect(page.locator('batch-progress [data-role=progress-text]')).toHaveText('16 of 16 photos finished');
});
