import type { Page } from '@playwright/test';
import { test, expect } from './support/console';
import { addFiles, altText, CAPTION_TIMEOUT, openApp, shapesImages, type ShapesImage } from './support/app';

// A keyboard-only pass through the settings view (issue 15, "How it is measured"): no mouse,
// only Tab, Shift+Tab, Enter, Space and arrow keys. Opening it moves focus to its heading and
// puts #settings in the URL; leaving it (its Back link, the browser's Back) returns focus to the
// link that opened it, and the photos view keeps its cards and their edits.
test.setTimeout(150_000);

/** The element that has focus, through shadow roots: `tag[data-role]#id "label"`. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return '';
    const role = el.getAttribute('data-role');
    const label = el.getAttribute('aria-label') ?? (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' ? '' : el.textContent?.trim().replace(/\s+/g, ' '));
    return `${el.tagName.toLowerCase()}${role ? `[${role}]` : ''}${el.id ? `#${el.id}` : ''} "${label ?? ''}"`;
  });
}

/** Presses Tab (or Shift+Tab) until focus matches; fails naming every stop it passed. */
async function tabTo(page: Page, target: RegExp, options: { back?: boolean; max?: number } = {}): Promise<void> {
  const stops: string[] = [];
  for (let i = 0; i < (options.max ?? 80); i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    if (target.test(now)) return;
    stops.push(now);
  }
  throw new Error(`${options.back ? 'Shift+Tab' : 'Tab'} never reached ${target}; passed:\n${stops.join('\n')}`);
}

/** The device preference as saved in IndexedDB (what the next visit starts with). */
async function storedDevice(page: Page): Promise<unknown> {
  return page.evaluate(
    () =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('altscribe');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('meta').objectStore('meta').get('settings');
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            open.result.close();
            resolve((get.result as { device?: unknown } | undefined)?.device);
          };
        };
      }),
  );
}

const photosView = (page: Page) => page.locator('altscribe-app [data-view=photos]');
const settingsHeading = (page: Page) => page.locator('settings-view #settings-heading');
const EDIT = ', edited by keyboard';

/** Two captioned photos; the first one's text edited with the keyboard (Tab to it, End, type, Tab away). */
async function photosWithAnEdit(page: Page): Promise<ShapesImage[]> {
  await openApp(page);
  const images = await shapesImages(2, { maxSide: 300, seed: 15, dir: 'test-results/settings-view-images' });
  await addFiles(page, images);
  for (const image of images) await expect(altText(page, image.name)).toHaveValue(image.expected, { timeout: CAPTION_TIMEOUT });
  const firstTextId = await altText(page, images[0]!.name).getAttribute('id');
  await tabTo(page, new RegExp(`^textarea#${firstTextId} `));
  await page.keyboard.press('End');
  await page.keyboard.type(EDIT);
  await page.keyboard.press('Tab');
  await expect(altText(page, images[0]!.name)).toHaveValue(images[0]!.expected + EDIT);
  return images;
}

async function expectPhotosKept(page: Page, images: readonly ShapesImage[]): Promise<void> {
  await expect(photosView(page)).toBeVisible();
  await expect(page.locator('caption-card')).toHaveCount(2);
  await expect(altText(page, images[0]!.name)).toHaveValue(images[0]!.expected + EDIT);
  await expect(altText(page, images[1]!.name)).toHaveValue(images[1]!.expected);
}

async function expectSettingsShown(page: Page): Promise<void> {
  await expect(settingsHeading(page)).toBeVisible();
  await expect(page).toHaveURL(/#settings$/);
  await expect(photosView(page)).toBeHidden();
  await expect(page.locator('erase-data [data-role=erase]')).toBeVisible();
}

test('keyboard only: the header Settings link opens the settings view, every part of it is reachable, Back to photos returns focus', async ({ page }) => {
  const images = await photosWithAnEdit(page);
  await expect(page.locator('erase-data')).toBeHidden();

  await tabTo(page, /^a\[open-settings\] "Settings"$/, { back: true });
  await page.keyboard.press('Enter');
  await expectSettingsShown(page);
  await expect(settingsHeading(page)).toBeFocused();

  await tabTo(page, /^a\[back-to-photos\] "Back to photos"$/, { max: 3 });
  await tabTo(page, /^select\[model-select\]/, { max: 3 });
  await tabTo(page, /^select\[device-select\]/, { max: 3 });
  // openApp chose WASM in the URL; one step up the closed select is WebGPU, then Automatic.
  await expect(page.locator('model-settings [data-role=device-select]')).toHaveValue('wasm');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('model-settings [data-role=device-select]')).toHaveValue('auto');
  await expect.poll(() => storedDevice(page)).toBe('auto');
  expect(await focused(page)).toMatch(/^select\[device-select\]/);

  await tabTo(page, /^select\[second-select\]/, { max: 3 });
  await tabTo(page, /^summary "Compare models"$/);
  await page.keyboard.press('Enter');
  await expect(page.locator('settings-view details', { hasText: 'Compare models' })).toHaveAttribute('open', '');
  await tabTo(page, /^input "/); // the first model to compare
  await tabTo(page, /^button\[run\] "Run comparison"$/);

  await expect(page.locator('model-manager').getByRole('row', { name: /Shapes test model/ })).toBeVisible();
  await tabTo(page, /^button\[delete\]/); // the model manager's first row
  await tabTo(page, /^button\[choose-folder\] "Choose model folder…"$/);
  await tabTo(page, /^input\[model-url\]/, { max: 3 });
  await tabTo(page, /^button\[add-url\] "Add"$/, { max: 3 });
  await tabTo(page, /^button\[erase\] "Erase all data…"$/, { max: 3 });
  // Space opens the erase confirmation; "Keep my data" (Enter) leaves everything as it was.
  await page.keyboard.press('Space');
  await expect(page.locator('erase-data [data-role=keep]')).toBeVisible();
  await tabTo(page, /^button\[keep\] "Keep my data"$/, { max: 3 });
  await page.keyboard.press('Enter');
  await expect(page.locator('erase-data [data-role=erase]')).toBeFocused();

  await tabTo(page, /^a\[back-to-photos\] "Back to photos"$/, { back: true });
  await page.keyboard.press('Enter');
  await expectPhotosKept(page, images);
  await expect(page).not.toHaveURL(/#settings$/);
  await expect(page.locator('erase-data')).toBeHidden();
  expect(await focused(page)).toBe('a[open-settings] "Settings"');
  await expect(page.locator('model-settings')).toBeHidden();
  expect(await storedDevice(page)).toBe('auto');
});

test('keyboard only: the model line opens settings; the browser Back returns focus to it; a reload on #settings opens settings directly', async ({ page }) => {
  const images = await photosWithAnEdit(page);

  await tabTo(page, /^a\[change-model\] "Change model or settings…"$/, { back: true });
  await page.keyboard.press('Enter');
  await expectSettingsShown(page);
  await expect(settingsHeading(page)).toBeFocused();

  await page.goBack();
  await expectPhotosKept(page, images);
  await expect(page).not.toHaveURL(/#settings$/);
  expect(await focused(page)).toBe('a[change-model] "Change model or settings…"');

  await page.goForward();
  await expectSettingsShown(page);
  await page.reload();
  await expectSettingsShown(page);
  await expect(page.locator('model-settings [data-role=model-select]')).toBeVisible();

  // After a reload there is no opener to return to: focus goes to the model line's link.
  await tabTo(page, /^a\[back-to-photos\] "Back to photos"$/);
  await page.keyboard.press('Enter');
  await expectPhotosKept(page, images);
  expect(await focused(page)).toBe('a[change-model] "Change model or settings…"');
});
