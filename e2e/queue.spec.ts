import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './support/console';
import { altText, downloadButton, openApp, shapesImages, waitForAllSettled, type ShapesImage } from './support/app';
import { stillHoldsFor } from './support/still-holds';

// Six captions on a shared 2-core machine take a while (about 10 s each under load).
test.describe.configure({ timeout: 240_000 });

let images: ShapesImage[];
test.beforeAll(async () => {
  images = await shapesImages(6, { maxSide: 300, dir: 'test-results/queue-images' });
});

/** The photo picker's input (the drop zone also has a folder input). */
const addFiles = (page: Page, files: ShapesImage[]) => page.locator('drop-zone input[type=file][multiple]').setInputFiles(files.map((f) => f.path));
const statusCount = (page: Page, status: string) => page.locator(`caption-card article[data-status=${status}]`).count();
const progressText = (page: Page) => page.locator('batch-progress [data-role=progress-text]');
const remoteText = (page: Page) => page.locator('batch-progress [data-role=remote-text]');
/**
 * Done count once the queue is paused and idle: nothing running, and no photo finishing over a
 * second. "Nothing running" alone is not enough: a job the queue handed over just before the
 * Pause still shows its photo as queued until its first save, and then finishes.
 */
async function doneWhenPaused(page: Page): Promise<number> {
  let done = -1;
  let before = -1;
  await expect
    .poll(
      async () => {
        done = await statusCount(page, 'done');
        const idle = (await statusCount(page, 'running')) === 0 && before === done;
        before = done;
        return idle;
      },
      // Polls a second apart, so two equal counts mean a second without a photo finishing. The
      // caption running at the Pause may take tens of seconds on a busy machine.
      { timeout: 60_000, intervals: [1_000] },
    )
    .toBe(true);
  return done;
}

test('pause holds the queue after the running caption; resume finishes the batch; progress in the bar and the title', async ({ page }) => {
  await openApp(page, 'wasm', '', { consent: 'manual' });
  await addFiles(page, images);
  // Answered here: the raf poll below performs no Playwright action, so no locator handler runs.
  await downloadButton(page).click();
  await expect(page.locator('caption-card')).toHaveCount(6);
  await expect(progressText(page)).toContainText('of 6 photos finished');

  // Pressed within a frame of the first caption finishing (a locator round trip can miss the moment).
  // The first caption includes the model's download and load, tens of seconds on a busy machine.
  await page.waitForFunction(
    () => {
      const app = document.querySelector('altscribe-app')?.shadowRoot;
      if (app?.querySelector('caption-card')?.shadowRoot?.querySelector('article')?.dataset['status'] !== 'done') return false;
      (app.querySelector('batch-progress')?.shadowRoot?.querySelector('[data-role=pause-resume]') as HTMLButtonElement).click();
      return true;
    },
    undefined,
    { polling: 'raf', timeout: 90_000 },
  );
  await expect(altText(page, images[0]!.name)).toHaveValue(images[0]!.expected);
  await expect(page.getByRole('button', { name: 'Resume captioning' })).toBeVisible();
  await expect(page.locator('batch-progress [data-role=paused]')).toContainText('Paused');
  // The caption that was running when Pause was pressed may finish; nothing after it starts.
  const done = await doneWhenPaused(page);
  const queued = await statusCount(page, 'queued');
  expect(done).toBeGreaterThanOrEqual(1);
  expect(done + queued).toBe(6);
  expect(queued).toBeGreaterThanOrEqual(4);
  // Idle and paused: a queue that ignored the pause would start its next photo within a moment.
  await stillHoldsFor(3_000, async () => {
    expect(await statusCount(page, 'queued'), 'photos still waiting while paused').toBe(queued);
    expect(await statusCount(page, 'done')).toBe(done);
  });
  await expect(progressText(page)).toContainText(`${done} of 6 photos finished`);
  await expect(page).toHaveTitle(new RegExp(`^\\(${done}/6\\) Altscribe`));
  await expect(page.getByRole('button', { name: `Cancel waiting photos (${queued})` })).toBeVisible();

  const { violations } = await new AxeBuilder({ page }).include({ fromShadowDom: ['altscribe-app', 'batch-progress'] }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // Focus stays on the same button as it turns from Resume to Pause.
  await page.getByRole('button', { name: 'Resume captioning' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Pause captioning' })).toBeFocused();
  await waitForAllSettled(page, 6);
  for (const image of images) await expect(altText(page, image.name)).toHaveValue(image.expected);
  await expect(progressText(page)).toHaveText('6 of 6 photos finished');
  await expect(page).toHaveTitle(/^Altscribe/);
  // The screen reader heard a summary, not six separate messages. Progress is spoken at a
  // throttled pace, so the summary may wait for its turn after the last caption.
  await expect(page.locator('altscribe-app [data-role=announcer]')).toContainText('Batch finished: 6 of 6 photos captioned.', { timeout: 10_000 });
});

test('a pause survives a reload; the photos re-added after it wait, then finish on resume', async ({ page }) => {
  await openApp(page);
  await addFiles(page, images.slice(0, 2));
  await page.getByRole('button', { name: 'Pause captioning' }).click();
  // The caption running at the Pause finishes first; it may include the model load.
  await expect.poll(() => statusCount(page, 'running'), { timeout: 60_000 }).toBe(0);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Resume captioning' })).toBeVisible();
  // Unfinished photos were not stored: they ask to be added again.
  const unfinished = await page.locator('caption-card article[data-status=failed]').count();
  const finished = await statusCount(page, 'done');
  expect(unfinished + finished).toBe(2);
  await addFiles(page, images.slice(0, 2));
  await expect(page.locator('caption-card')).toHaveCount(2);
  // The photos added again are queued, and stay queued while paused.
  await expect.poll(() => statusCount(page, 'queued')).toBe(unfinished);
  await stillHoldsFor(2_000, async () => expect(await statusCount(page, 'queued')).toBe(unfinished));
  await page.getByRole('button', { name: 'Resume captioning' }).click();
  await waitForAllSettled(page, 2);
  for (const image of images.slice(0, 2)) await expect(altText(page, image.name)).toHaveValue(image.expected);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Resume captioning' })).toHaveCount(0);
});

test('a second tab shows that captioning runs in the first, with live counts, and leaves its photos alone', async ({ page, context }) => {
  await openApp(page);
  // The first photo alone, then the other five, paused within a frame of their being queued, so
  // the second tab is sure to see a batch of five mid-way. (Pausing after adding all six raced
  // the fixture, which can finish all six before the click lands; Pause is disabled while
  // nothing waits, so it cannot be pressed before the five arrive.) The first photo waits for the
  // model's download and load, tens of seconds on a busy machine.
  await addFiles(page, images.slice(0, 1));
  await expect(altText(page, images[0]!.name)).toHaveValue(images[0]!.expected, { timeout: 90_000 });
  await expect(page.getByRole('button', { name: 'Pause captioning' })).toHaveAttribute('aria-disabled', 'true');
  await addFiles(page, images.slice(1));
  await page.waitForFunction(
    () => {
      const button = document.querySelector('altscribe-app')?.shadowRoot?.querySelector('batch-progress')?.shadowRoot?.querySelector<HTMLButtonElement>('[data-role=pause-resume]');
      if (button?.getAttribute('aria-disabled') !== 'false' || button.textContent?.trim() !== 'Pause captioning') return false;
      button.click();
      return true;
    },
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
  await expect(page.getByRole('button', { name: 'Resume captioning' })).toBeVisible();
  // The first photo's batch ended before the five came: they make a batch of their own, in which
  // only the photo running at the Pause may have finished.
  const done = (await doneWhenPaused(page)) - 1;
  expect(done).toBeLessThanOrEqual(1);
  await expect(page.locator('caption-card article[data-status=queued]')).toHaveCount(5 - done);

  const other = await context.newPage();
  await openApp(other);
  const elsewhere = other.locator('batch-progress [data-role=elsewhere]');
  // The second tab hears of the first through the lock and a message, after its own start-up.
  await expect(elsewhere).toHaveText('Captioning is running in another tab (paused there).', { timeout: 30_000 });
  await expect(remoteText(other)).toHaveText(new RegExp(`^${done} of 5 photos finished`));
  await expect(other).toHaveTitle(new RegExp(`^\\(${done}/5\\) Altscribe`));
  // The first tab's waiting photos were not marked interrupted by the second tab's start-up.
  await expect(other.locator('caption-card article[data-status=queued]')).toHaveCount(5 - done);
  expect(await other.locator('caption-card article[data-status=failed]').count()).toBe(0);

  // Pause is one setting for all tabs: resuming here resumes the tab that captions.
  await other.getByRole('button', { name: 'Resume captioning' }).click();
  await expect(page.getByRole('button', { name: 'Pause captioning' })).toBeVisible();
  // With 2 WASM threads the fixture captions in well under a second, so the rest of the batch
  // may be over before this tab looks again: then its progress is gone (the batch ended), which
  // counts as all five settled.
  // Short timeouts: an element that vanishes between polls must not stall the poll.
  const textNow = (locator: ReturnType<typeof remoteText>) => locator.textContent({ timeout: 500 }).catch(() => null);
  const settledElsewhere = async () => {
    const text = await textNow(remoteText(other));
    return text === null ? 5 : Number(/^(\d+) of/.exec(text)?.[1] ?? -1);
  };
  // At least one more caption, on two tabs sharing 2 cores.
  await expect.poll(settledElsewhere, { timeout: 60_000 }).toBeGreaterThan(done);
  await expect.poll(async () => [null, 'Captioning is running in another tab.'].includes((await textNow(elsewhere))?.trim() ?? null)).toBe(true);

  await waitForAllSettled(page, 6);
  for (const image of images) await expect(altText(page, image.name)).toHaveValue(image.expected);
  await expect(other.locator('batch-progress [data-role=elsewhere]')).toHaveCount(0);
  await expect(other).toHaveTitle(/^Altscribe/);
});
