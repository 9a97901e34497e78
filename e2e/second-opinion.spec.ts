import type { Page } from '@playwright/test';
import { test, expect } from './support/console';
import { addFiles, card, openApp, shapesImages, waitForAllSettled, readStoredFields } from './support/app';

// The second opinion for real: the shapes captioner writes, the trained Florence-2-shaped fixture
// (another family, its own worker) looks again, and what the page stores and shows is checked
// against each other, not against a guessed outcome.
test.setTimeout(240_000);

const SECOND = 'altscribe/shapes-florence2';

interface StoredOpinion {
  fileName: string;
  status: string;
  text: string;
  modelId?: string;
  reviewPriority?: number;
  history?: { text: string; modelId?: string }[];
  secondOpinion?: { modelId: string; text: string; agreement: number };
}

function readOpinions(page: Page): Promise<StoredOpinion[]> {
  return readStoredFields<StoredOpinion>(page, ['fileName', 'status', 'text', 'modelId', 'reviewPriority', 'history', 'secondOpinion']);
}

test('with ?second=, every caption gets a second opinion from the other model, both texts are kept, and a differing one is shown with Use this one', async ({ page }) => {
  await openApp(page, 'wasm', `&second=${encodeURIComponent(SECOND)}&secondScope=all`);
  // Ordinary and small scenes: the two fixtures agree on most, and small ones make them differ now and then.
  const images = await shapesImages(6, { seed: 41, minSide: 48, maxSide: 400, dir: 'test-results/second-opinion-images' });
  await addFiles(page, images);
  await waitForAllSettled(page, images.length);
  // The second model runs alongside the first in its own worker; its load (first time: a fresh
  // worker compiling onnxruntime's WASM on a shared 2-core machine) can take tens of seconds.
  await expect
    .poll(async () => (await readOpinions(page)).filter((r) => r.secondOpinion).length, { timeout: 120_000, message: 'every result has a second opinion' })
    .toBe(images.length);

  const records = await readOpinions(page);
  for (const record of records) {
    const opinion = record.secondOpinion!;
    expect(record.status).toBe('done');
    expect(record.reviewPriority).toBeGreaterThanOrEqual(0);
    expect(record.reviewPriority).toBeLessThanOrEqual(1);
    // One text is shown and the other is the second opinion: from the two different models.
    expect([record.modelId, opinion.modelId].sort()).toEqual(['altscribe/shapes-captioner', SECOND].sort());
    // Both texts stay in the history: the one not shown is there.
    expect(record.history?.map((h) => h.text)).toContain(opinion.text);
    const shown = card(page, record.fileName);
    if (opinion.agreement < 1) {
      await expect(shown.getByText(opinion.text, { exact: false }).first()).toBeVisible();
      await expect(shown.getByRole('button', { name: /Use this one/ })).toBeVisible();
    } else {
      await expect(shown.getByRole('button', { name: /Use this one/ })).toHaveCount(0);
    }
  }
  test.info().annotations.push({ type: 'agreement', description: records.map((r) => `${r.fileName}: ${r.secondOpinion!.agreement.toFixed(2)}`).join(', ') });
});
