import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './support/console';
import { addFiles, CAPTION_TIMEOUT, altText, card, openApp, shapesImages } from './support/app';
import { type DrawnControl, focusedOutline, isDrawn, undersizedTargets, visibleControls } from './support/controls';

// Light and dark themes, forced colours (Windows high contrast), reduced motion and target
// size (issue 15, item 5). Each test shows the page with cards in several states first.
test.setTimeout(180_000);
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function axe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Two captioned photos (one reviewed), one edited, and a file that is not an image. */
async function cardsInSeveralStates(page: Page): Promise<void> {
  await openApp(page);
  const images = await shapesImages(2, { maxSide: 300, dir: 'test-results/themes-images' });
  await addFiles(page, [...images.map((i) => ({ name: i.name, mimeType: i.mime, buffer: i.bytes })), { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') }]);
  for (const image of images) await expect(altText(page, image.name)).toHaveValue(image.expected, { timeout: CAPTION_TIMEOUT });
  await expect(card(page, 'notes.txt').locator('article')).toHaveAttribute('data-status', 'failed');
  await card(page, images[0]!.name).getByRole('button', { name: 'Mark as reviewed' }).click();
  await altText(page, images[1]!.name).fill('Edited text');
}

/** The page's and a card's background, to tell which theme is drawn. */
async function backgrounds(page: Page): Promise<{ page: string; card: string }> {
  return {
    page: await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor),
    card: await page.locator('caption-card article').first().evaluate((el) => getComputedStyle(el).backgroundColor),
  };
}

test('axe finds no violations in the light and in the dark theme, with cards in several states', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await cardsInSeveralStates(page);
  expect(await backgrounds(page)).toEqual({ page: 'rgb(238, 241, 246)', card: 'rgb(255, 255, 255)' });
  expect(await axe(page), 'light').toEqual([]);

  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await backgrounds(page)).toEqual({ page: 'rgb(18, 21, 27)', card: 'rgb(34, 39, 51)' });
  expect(await axe(page), 'dark').toEqual([]);

  const dialog = page.getByRole('dialog', { name: 'Review one by one' });
  await page.getByRole('button', { name: 'Review one by one' }).click();
  await expect(dialog).toBeVisible();
  expect(await axe(page), 'dark, review mode').toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await axe(page), 'light, review mode').toEqual([]);
});

/**
 * Controls drawn without an edge. Checkboxes are drawn by the system in its own colours, summaries
 * are text with a disclosure triangle, and links (and buttons drawn as links) are underlined
 * text; every other control needs an edge of its own once forced colours drop the fills.
 */
function edgeless(controls: readonly DrawnControl[]): string[] {
  const textLike = /^(input\[checkbox\]|summary|a) /;
  return controls.filter((c) => !textLike.test(c.name) && !c.underlined && !isDrawn(c.border)).map((c) => `${c.name}: ${c.border}`);
}

test('forced colours: every control keeps a visible edge, and focus a visible outline', async ({ page }) => {
  await page.emulateMedia({ forcedColors: 'active' });
  await cardsInSeveralStates(page);
  await page.getByRole('button', { name: 'Choose photos…' }).focus();

  const controls = await visibleControls(page);
  expect(controls.length).toBeGreaterThan(5);
  expect(edgeless(controls)).toEqual([]);
  for (const badge of await page.locator('caption-card .badge').all()) {
    expect(isDrawn(await badge.evaluate((el) => { const s = getComputedStyle(el); return `${s.borderTopWidth} ${s.borderTopStyle} ${s.borderTopColor}`; }))).toBe(true);
  }

  const outlines = new Map<string, string>();
  const tabbable = controls.filter((c) => c.tabbable).length;
  for (let i = 0; i < tabbable; i++) {
    await page.keyboard.press('Tab');
    const focused = await focusedOutline(page);
    if (focused) outlines.set(focused.name, focused.outline);
  }
  expect(outlines.size).toBeGreaterThan(5);
  expect([...outlines].filter(([, outline]) => !isDrawn(outline)).map(([name, outline]) => `${name}: ${outline}`)).toEqual([]);
});

/** Gives a button in every shadow root a transition and an endless animation, as a later change might. */
async function addMotionProbes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const walk = (root: Document | ShadowRoot): void => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) {
          const button = el.shadowRoot.querySelector<HTMLElement>('button');
          button?.setAttribute('data-motion-probe', '');
          button?.style.setProperty('transition', 'background-color 2s');
          button?.style.setProperty('animation', 'probe-spin 3s infinite');
          walk(el.shadowRoot);
        }
      }
    };
    walk(document);
  });
}

/** Every element's transition and animation durations that are not zero, through every shadow root. */
async function movingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const moving: string[] = [];
    const walk = (root: Document | ShadowRoot): void => {
      for (const el of root.querySelectorAll('*')) {
        const style = getComputedStyle(el);
        const durations = [...style.transitionDuration.split(','), ...style.animationDuration.split(',')].map((d) => parseFloat(d));
        if (durations.some((d) => d > 0)) moving.push(`${el.tagName.toLowerCase()}${el.hasAttribute('data-motion-probe') ? '[probe]' : ''}: ${style.transitionDuration} / ${style.animationDuration}`);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return moving;
  });
}

test('reduced motion: nothing animates or transitions, even what a later change adds', async ({ page }) => {
  await cardsInSeveralStates(page);
  await addMotionProbes(page);
  // The probes move while motion is welcome, so the check below can see motion at all.
  expect((await movingElements(page)).filter((m) => m.includes('[probe]')).length).toBeGreaterThan(3);

  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await movingElements(page)).toEqual([]);
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe('auto');
});

test('reduced motion: a bar whose end is not known yet stands still', async ({ page }) => {
  await openApp(page);
  // The model panel and the download prompt draw such a bar until the download's size is known;
  // this one gets the same shared styles inside the drop zone.
  await page.evaluate(() => {
    const root = document.querySelector('altscribe-app')?.shadowRoot?.querySelector('drop-zone')?.shadowRoot;
    const bar = document.createElement('progress');
    bar.setAttribute('data-role', 'indeterminate-probe');
    bar.setAttribute('aria-label', 'Working');
    bar.style.width = '20rem';
    root?.prepend(bar);
  });
  const bar = page.locator('drop-zone [data-role=indeterminate-probe]');
  const frames = async (count: number): Promise<number> => {
    const seen = new Set<string>();
    for (let i = 0; i < count; i++) seen.add((await bar.screenshot()).toString('base64'));
    return seen.size;
  };
  await expect.poll(() => frames(2), { message: 'the bar moves while motion is welcome' }).toBe(2);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await frames(6)).toBe(1);
});

for (const width of [1280, 390]) {
  test(`every control is a target of at least 24 by 24 CSS px, or spaced as WCAG 2.5.8 allows, at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await cardsInSeveralStates(page);
    const controls = await visibleControls(page);
    expect(controls.length).toBeGreaterThan(5);
    expect(undersizedTargets(controls)).toEqual([]);
  });
}

test('the settings view, with Compare open: axe in light and dark, edges under forced colours, 24 px targets', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openApp(page);
  await page.locator('[data-role=change-model]').click();
  await expect(page.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();
  await page.locator('settings-view summary', { hasText: 'Compare models' }).click();
  await expect(page.locator('compare-view input[type=checkbox]').first()).toBeVisible();
  expect(await axe(page), 'light').toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await axe(page), 'dark').toEqual([]);

  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    expect(undersizedTargets(await visibleControls(page)), `${width} px`).toEqual([]);
  }
  await page.emulateMedia({ forcedColors: 'active' });
  expect(edgeless(await visibleControls(page))).toEqual([]);
});

test('the download prompt: axe in dark, edges under forced colours, 24 px targets', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openApp(page, 'wasm', '', { consent: 'manual' });
  const [image] = await shapesImages(1, { maxSide: 300, dir: 'test-results/themes-images' });
  await addFiles(page, [image!]);
  await expect(page.locator('download-consent [data-role=download]')).toBeFocused();
  expect(await axe(page), 'dark').toEqual([]);
  await page.emulateMedia({ forcedColors: 'active' });
  expect(edgeless(await visibleControls(page))).toEqual([]);
  expect(undersizedTargets(await visibleControls(page))).toEqual([]);
});
