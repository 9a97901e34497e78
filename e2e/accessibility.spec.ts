import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './support/console';
import { addFiles, CAPTION_TIMEOUT, altText, card, openApp, openSettings, shapesImages } from './support/app';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function axe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('axe finds no violations in the empty state', async ({ page }) => {
  await openApp(page);
  expect(await axe(page)).toEqual([]);
});

test('axe finds no violations with cards in every state (done, edited, reviewed, failed)', async ({ page }) => {
  await openApp(page);
  const images = await shapesImages(3, { maxSide: 300, dir: 'test-results/a11y-images' });
  await addFiles(page, [...images.map((i) => ({ name: i.name, mimeType: i.mime, buffer: i.bytes })), { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') }]);
  for (const image of images) await expect(altText(page, image.name)).toHaveValue(image.expected, { timeout: CAPTION_TIMEOUT });
  await expect(card(page, 'notes.txt').locator('article')).toHaveAttribute('data-status', 'failed');
  await altText(page, images[0]!.name).fill('Edited text');
  await card(page, images[1]!.name).getByRole('button', { name: 'Mark as reviewed' }).click();
  await card(page, images[2]!.name).getByRole('button', { name: 'Copy' }).click();
  expect(await axe(page)).toEqual([]);
});

test('axe finds no violations in the download prompt, during the download, and in the device and model views', async ({ page, context }) => {
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  const decoder = '**/models/altscribe/shapes-captioner/onnx/decoder_model_merged_quantized.onnx';
  await context.route(decoder, async (route) => {
    if (!route.request().headers()['range']) await held;
    await route.continue().catch(() => {});
  });
  await openApp(page, 'wasm', '', { consent: 'manual' });
  const [image] = await shapesImages(1, { maxSide: 300, dir: 'test-results/a11y-images' });
  await addFiles(page, [image!]);
  await expect(page.locator('download-consent [data-role=download]')).toBeFocused();
  expect(await axe(page), 'consent prompt').toEqual([]);
  await page.locator('download-consent [data-role=download]').click();
  await expect(page.locator('download-consent [data-role=cancel-download]')).toBeVisible();
  expect(await axe(page), 'download in progress').toEqual([]);
  release();
  await expect(altText(page, image!.name)).toHaveValue(image!.expected, { timeout: CAPTION_TIMEOUT });
  await openSettings(page);
  await expect(page.locator('device-panel [data-role=recommendation]')).toBeVisible();
  await expect(page.locator('model-manager').getByRole('row', { name: /Shapes test model/ })).toBeVisible();
  expect(await axe(page), 'device panel and model manager').toEqual([]);
});

/** The element that has focus, looking through shadow roots. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return '';
    const label = el.getAttribute('aria-label') ?? (el.tagName === 'TEXTAREA' ? `#${el.id}` : el.textContent?.trim());
    return `${el.tagName.toLowerCase()}:${label}`;
  });
}

async function tabTo(page: Page, target: RegExp, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (target.test(await focused(page))) return;
  }
  throw new Error(`Tab never reached ${target}; last focus: ${await focused(page)}`);
}

test('keyboard only: pick a photo, copy its alt-text, edit it, and the edit is kept', async ({ page }) => {
  const [image] = await shapesImages(1, { maxSide: 300, seed: 5, dir: 'test-results/keyboard-images' });
  await openApp(page);
  await tabTo(page, /^button:Choose photos…$/);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
  await chooser.setFiles(image!.path);
  await expect(altText(page, image!.name)).toHaveValue(image!.expected, { timeout: CAPTION_TIMEOUT });

  await tabTo(page, /^button:Copy$/);
  await page.keyboard.press('Space');
  await expect(card(page, image!.name).getByRole('status')).toHaveText('Copied as text');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(image!.expected);

  await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).toMatch(/^textarea:#alt-/);
  await page.keyboard.press('End');
  await page.keyboard.type(', seen from above');
  await tabTo(page, /^button:Mark as reviewed$/);
  await page.keyboard.press('Enter');
  await expect(card(page, image!.name).locator('[data-role=review]')).toHaveText('Reviewed');

  await page.reload();
  await expect(altText(page, image!.name)).toHaveValue(`${image!.expected}, seen from above`);
});
