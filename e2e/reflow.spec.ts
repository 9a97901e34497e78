import { mkdirSync } from 'node:fs';
import { test, expect } from './support/console';
import { addFiles, altText, card, downloadButton, openApp, openSettings, shapesImages, waitForAllSettled } from './support/app';
import { fits, measureWidth, type WidthReport } from './support/reflow';

// WCAG 2.2 Reflow (1.4.10), issue 15 item 2: no sideways scrolling in any view or state, at phone,
// tablet and laptop widths and at 400 % zoom. One page per width walks through every state, since
// each fresh page downloads and loads the model once.
//
// ALTSCRIBE_SCREENSHOTS=1 also saves the README's screenshots (docs/screenshots/README.md).

const SHOTS = process.env['ALTSCRIBE_SCREENSHOTS'] === '1';
const SHOTS_DIR = 'docs/screenshots';

const VIEWPORTS = [
  { label: '320 px', width: 320, height: 720 },
  { label: '390 px', width: 390, height: 844, screenshots: true },
  { label: '768 px', width: 768, height: 1024 },
  { label: '1280 px', width: 1280, height: 800, screenshots: true },
  // A 1280×1024 window at 400 % zoom lays the page out in 1280/4 × 1024/4 CSS px: the page meets
  // exactly what a 320×256 viewport gives it, which is how zoom is tested here.
  { label: '1280 px at 400 % zoom', width: 320, height: 256 },
];

/** A photo name as cameras and exports make them: 80 characters with nowhere to break. */
const LONG_NAME = `IMG_20261207_083015_${'0123456789abcdef'.repeat(3)}_FINAL_EDIT.jpg`.padEnd(80, 'x');

interface Measured extends WidthReport {
  state: string;
}

// Each walk downloads and loads the model and captions three photos on a shared 2-core machine,
// where one model load alone can take a minute.
test.setTimeout(300_000);

for (const viewport of VIEWPORTS) {
  test(`no sideways scrolling at ${viewport.label} in any state`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.emulateMedia({ colorScheme: 'light' });
    const measured: Measured[] = [];
    const measure = async (state: string): Promise<void> => {
      const m = { state, ...(await measureWidth(page)) };
      measured.push(m);
      // Logged as measured, so a walk that stops halfway still tells the widths it saw.
      const line = `${viewport.label}, ${state}: scrollWidth ${m.scrollWidth} / innerWidth ${m.innerWidth}${m.offenders.length ? `; ${m.offenders.join('; ')}` : ''}`;
      test.info().annotations.push({ type: 'width', description: line });
      console.log(line);
    };
    /** The viewport in light and dark; from the page's top unless the state is further down. */
    const shoot = async (state: string, fromTop = true): Promise<void> => {
      if (!SHOTS || !viewport.screenshots) return;
      mkdirSync(SHOTS_DIR, { recursive: true });
      if (fromTop) await page.evaluate(() => window.scrollTo(0, 0));
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await page.screenshot({ path: `${SHOTS_DIR}/${state}-${viewport.width}-${colorScheme}.png`, animations: 'disabled', caret: 'hide' });
      }
      await page.emulateMedia({ colorScheme: 'light' });
    };

    // A fresh profile asks before the model's first download, so the photos wait in the queue.
    await openApp(page, 'wasm', '', { consent: 'manual' });
    await measure('empty page');

    // Three different images: the page keeps one card per content, whatever the names.
    const [first, second, third] = await shapesImages(3, { maxSide: 300, dir: 'test-results/reflow-images' });
    await addFiles(page, [
      ...[first!, second!].map((i) => ({ name: i.name, mimeType: i.mime, buffer: i.bytes })),
      { name: LONG_NAME, mimeType: third!.mime, buffer: third!.bytes },
      { name: 'empty.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(0) },
      { name: 'drawing.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="red"/></svg>') },
    ]);
    await expect(downloadButton(page)).toBeVisible();
    await expect(page.locator('batch-progress section')).toBeVisible();
    await measure('consent prompt, photos queued');

    await downloadButton(page).click();
    await expect(page.locator('batch-progress section')).toBeVisible();
    await measure('captioning in progress');
    await waitForAllSettled(page, 5);
    await expect(altText(page, LONG_NAME)).not.toHaveValue('');
    await expect(card(page, 'drawing.svg').locator('[data-role=error]')).toBeVisible();
    // The page pads scrolling by the queue panel's height; in a zoomed viewport a padding taller
    // than the viewport left no room to scroll any control into view (clicks below then time out).
    const padding = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0);
    expect(padding, 'scroll-padding-top leaves room for a 48 px control').toBeLessThanOrEqual(viewport.height - 48);
    await page.locator('batch-progress').getByRole('button', { name: 'see why' }).click();
    await expect(page.locator('batch-progress [data-role=cannot-caption-file]').first()).toBeVisible();
    await measure('done and failed cards, see why open');
    await shoot('photos');
    // The page's top is the model line and the drop zone: the cards get a shot of their own.
    if (SHOTS) {
      await card(page, LONG_NAME).scrollIntoViewIfNeeded();
      await shoot('cards', false);
    }

    await page.getByRole('button', { name: 'Review one by one' }).click();
    const dialog = page.getByRole('dialog', { name: 'Review one by one' });
    await expect(dialog).toBeVisible();
    // Every photo, the failed ones too, in the order review mode chooses.
    for (let position = 1; position <= 5; position++) {
      await expect(dialog.locator('[data-role=position]')).toHaveText(`${position} of 5`);
      await measure(`review mode, photo ${position} of 5`);
      if (position === 1) await shoot('review', false);
      await page.keyboard.press('ArrowRight');
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    await openSettings(page);
    await page.locator('settings-view summary', { hasText: 'Compare models' }).click();
    await expect(page.locator('compare-view input[type=checkbox]').first()).toBeVisible();
    await measure('settings, compare open');
    await shoot('settings');

    expect(measured.filter((m) => !fits(m)).map((m) => `${m.state}: page ${m.scrollWidth} px in ${m.innerWidth}; ${m.offenders.join('; ')}`)).toEqual([]);
  });
}
