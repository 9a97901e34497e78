import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './support/console';
import { altText, card, FIXTURE_MODEL, backToPhotos, openApp, openSettings, shapesImages, type ShapesImage } from './support/app';
import { cleanAltText } from '../src/alttext';
import { getModel } from '../src/models/registry';

// The compare view in the real app: two app-served fixture models on two shapes images, the
// table they fill, picking one caption as a photo's result, and the JSON export of the table.

/** A second, different model family; its random weights write noise, so only its shape is checked. */
const SECOND_MODEL = 'altscribe/tiny-smolvlm';
const MODELS = [FIXTURE_MODEL, SECOND_MODEL].map((id) => getModel(id));
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

let images: ShapesImage[];

test.beforeAll(async () => {
  images = await shapesImages(2, { maxSide: 300, seed: 31, dir: 'test-results/compare-images' });
});

async function axe(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The table as the person sees it: image name → model label → caption text, time, status. */
async function readTable(table: Locator): Promise<Map<string, Map<string, { status: string; caption: string; time: string }>>> {
  const columns = (await table.locator('thead th').allTextContents()).map((t) => t.trim()).slice(1);
  const rows = new Map<string, Map<string, { status: string; caption: string; time: string }>>();
  for (const row of await table.locator('tbody tr').all()) {
    const name = (await row.locator('th').textContent())?.trim() ?? '';
    const cells = new Map<string, { status: string; caption: string; time: string }>();
    for (const [i, cell] of (await row.locator('td').all()).entries()) {
      cells.set(columns[i]!, {
        status: (await cell.getAttribute('data-status')) ?? '',
        caption: (await cell.locator('[data-role=caption]').textContent().catch(() => null))?.trim() ?? '',
        time: (await cell.locator('[data-role=time]').textContent().catch(() => null))?.trim() ?? '',
      });
    }
    rows.set(name, cells);
  }
  return rows;
}

test('compare two models on two images, keep one caption, and export the table as JSON', async ({ page }) => {
  test.setTimeout(240_000); // two model loads and four captions on a shared 2-core machine
  await openApp(page);
  await openSettings(page);
  await page.locator('summary', { hasText: 'Compare models' }).click();
  const compare = page.locator('compare-view');
  const models = compare.getByRole('group', { name: 'Models to compare' });
  await expect(models).toBeVisible();
  for (const model of MODELS) await models.getByRole('checkbox', { name: new RegExp(`^${model.label.replace(/[()]/g, '\\$&')}`) }).check();
  await compare.locator('input[type=file]').setInputFiles(images.map((i) => i.path));
  await expect(compare.locator('[data-role=image-summary]')).toHaveText(`2 photos: ${images.map((i) => i.name).join(', ')}`);

  await compare.getByRole('button', { name: 'Run comparison' }).click();
  const status = compare.getByRole('status');
  // Both model loads and all four captions happen behind this one status.
  await expect(status).toHaveText('Comparison finished: 4 captions written.', { timeout: 120_000 });

  const table = compare.getByRole('table', { name: 'Captions by photo and model' });
  await expect(table.getByRole('columnheader')).toHaveText(['Photo', ...MODELS.map((m) => m.label)]);
  await expect(table.getByRole('rowheader')).toHaveText(images.map((i) => i.name));
  const grid = await readTable(table);
  for (const image of images) {
    const row = grid.get(image.name)!;
    expect(row.get(MODELS[0]!.label)).toMatchObject({ status: 'done', caption: cleanAltText(image.expected) });
    expect(row.get(MODELS[1]!.label)?.status).toBe('done');
    for (const cell of row.values()) expect(cell.time).toMatch(/^\d+\.\d s$/);
  }
  expect(await axe(page)).toEqual([]);

  // Keep the second model's caption for the first image: it becomes an unreviewed photo card.
  const first = images[0]!;
  const chosen = grid.get(first.name)!.get(MODELS[1]!.label)!.caption;
  await compare.getByRole('button', { name: `Use this caption for ${first.name} from ${MODELS[1]!.label}` }).click();
  await expect(page.locator('altscribe-app [data-role=announcer]')).toContainText(`Added ${first.name} to your photos`);

  const [download] = await Promise.all([page.waitForEvent('download'), compare.getByRole('button', { name: 'Export JSON' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^altscribe-compare-\d{4}-\d{2}-\d{2}\.json$/);
  const exported: unknown = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(exported).toEqual(
    images.map((image) => ({
      image: image.name,
      'alt-texts': Object.fromEntries(MODELS.map((m) => [m.id, grid.get(image.name)!.get(m.label)!.caption])),
    })),
  );

  // The kept caption waits in the photos view (compare lives in the settings view).
  await backToPhotos(page);
  await expect(altText(page, first.name)).toHaveValue(chosen);
  await expect(card(page, first.name).getByText('AI-generated, not reviewed')).toBeVisible();
  expect(await axe(page)).toEqual([]);
});

test('the compare view works by keyboard and leaves focus on Run when a run ends', async ({ page }) => {
  test.setTimeout(180_000); // a model load and a caption after the keyboard steps, on a shared 2-core machine
  await openApp(page);
  await openSettings(page);
  const summary = page.locator('summary', { hasText: 'Compare models' });
  await summary.focus();
  await page.keyboard.press('Enter');
  const compare = page.locator('compare-view');
  await compare.getByRole('checkbox', { name: /^Shapes test model/ }).focus();
  await page.keyboard.press('Space');
  await expect(compare.getByRole('checkbox', { name: /^Shapes test model/ })).toBeChecked();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), compare.getByRole('button', { name: 'Choose photos…' }).press('Enter')]);
  await chooser.setFiles(images[1]!.path);
  await compare.getByRole('button', { name: 'Run comparison' }).press('Enter');
  // A model load and one caption, as slow as a first caption in the main list.
  await expect(compare.getByRole('status')).toHaveText('Comparison finished: 1 caption written.', { timeout: 60_000 });
  await expect(compare.getByRole('button', { name: 'Run comparison' })).toBeFocused();
  expect(await axe(page)).toEqual([]);
});
