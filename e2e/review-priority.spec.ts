import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './support/console';
import { addFiles, altText, card, openApp, shapesImages, waitForAllSettled, readStoredFields } from './support/app';
import type { ReviewBand, TextConfidence } from '../src/models/review-signals';

// The band and reasons come from the page's own scoring; the test reads what IndexedDB holds
// for each photo and checks the card says the same, rather than guessing a band.
test.setTimeout(240_000);
// What the badge says per band (src/review/priority.ts, whose JSON import Playwright's loader refuses).
const BAND_LABELS: Record<ReviewBand, string> = { 'needs-review': 'Needs review', check: 'Check if time allows', fine: 'Likely fine' };
/** The words the model was unsure of (below 0.5), lower-cased, as the page marks them. */
const unsureWords = (confidence?: TextConfidence): string[] => (confidence?.words ?? []).filter((w) => w.prob < 0.5).map((w) => w.word.toLowerCase());
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

interface StoredReview {
  fileName: string;
  status: string;
  review: string;
  reviewBand?: ReviewBand;
  reviewReasons?: string[];
  confidence?: TextConfidence;
  secondOpinion?: { agreement: number; modelId: string };
}

function readReviews(page: Page): Promise<StoredReview[]> {
  return readStoredFields<StoredReview>(page, ['fileName', 'status', 'review', 'reviewBand', 'reviewReasons', 'confidence', 'secondOpinion']);
}

/** The reasons the panel lists: a differing second opinion has its own block instead. */
function listedReasons(record: StoredReview): string[] {
  const second = record.secondOpinion;
  const own = second && second.agreement < 1 ? `A second model (${second.modelId}) said:` : null;
  return (record.reviewReasons ?? []).filter((reason) => !(own && reason.startsWith(own)));
}

async function axe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('a finished caption shows its band, reasons and unsure words as stored, on the card and in review mode, until it is reviewed', async ({ page }) => {
  await openApp(page);
  // Small drawings among them, so the photo-quality reasons have something to say.
  const images = await shapesImages(3, { minSide: 48, maxSide: 160, dir: 'test-results/review-priority-images' });
  await addFiles(page, images);
  await waitForAllSettled(page, images.length);
  await expect.poll(async () => (await readReviews(page)).filter((r) => r.status === 'done' && r.reviewBand).length, { timeout: 30_000 }).toBe(images.length);
  const records = await readReviews(page);
  // What this run exercised, in the report: the bands depend on the scoring, not on the test.
  test.info().annotations.push(...records.map((r) => ({ type: 'review', description: `${r.fileName}: ${r.reviewBand}, ${r.reviewReasons?.length ?? 0} reasons, unsure ${JSON.stringify(unsureWords(r.confidence))}` })));

  for (const record of records) {
    const shown = card(page, record.fileName);
    const band = shown.locator('[data-role=band]');
    await expect(band).toHaveText(new RegExp(`${BAND_LABELS[record.reviewBand!]}$`));
    await expect(altText(page, record.fileName)).toHaveAttribute('aria-describedby', new RegExp(`band-`));
    const reasons = listedReasons(record);
    if (reasons.length) await expect(shown.locator('[data-role=reasons] li')).toHaveText(reasons);
    else await expect(shown.locator('[data-role=reasons]')).toHaveCount(0);
    const unsure = unsureWords(record.confidence);
    const marks = await shown.locator('mark[data-role=unsure-word]').allTextContents();
    for (const mark of marks) expect(unsure, `"${mark}" was one of the unsure words`).toContain(mark.replace(' (unsure)', '').toLowerCase());
    if (unsure.length === 0) expect(marks).toEqual([]);
  }
  expect(await axe(page)).toEqual([]);

  // Review mode shows the same panel for the photo it is on.
  await page.getByRole('button', { name: 'Review one by one' }).click();
  const dialog = page.getByRole('dialog', { name: 'Review one by one' });
  const name = (await dialog.locator('[data-role=file]').textContent())!.trim();
  const current = records.find((r) => r.fileName === name)!;
  await expect(dialog.locator('[data-role=band]')).toHaveText(new RegExp(`${BAND_LABELS[current.reviewBand!]}$`));
  await expect(dialog.locator('[data-role=key-legend]')).toContainText("U Use the second model's text");
  expect(await axe(page)).toEqual([]);
  await page.keyboard.press('a');
  await page.keyboard.press('Escape');

  // Approved: the band stays on the record (for the export), but the card shows none of the doubt.
  await expect(card(page, name).locator('[data-role=review]')).toHaveText('Reviewed');
  await expect(card(page, name).locator('[data-role=band]')).toHaveCount(0);
  expect((await readReviews(page)).find((r) => r.fileName === name)?.reviewBand).toBe(current.reviewBand);
});
