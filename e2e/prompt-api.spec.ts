import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './support/console';
import { addFiles, altText, card, downloadButton, finished, openApp, openSettings } from './support/app';
import { addPromptApiFake, fakeDescription, readPromptApiFake, releasePromptApiFake, setPromptApiFake, solidPhoto } from './support/prompt-api-fake';

// The browser's own model (Chrome's Prompt API) through the real UI, against a contract fake of
// the API installed before the page loads: no browser here has the model (README).
const BROWSER_MODEL = 'browser/prompt-api';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function axe(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const statusOf = (page: Page, name: string) => card(page, name).locator('[data-role=status]');

test("downloadable: the consent states Chrome's download, its progress shows, then photos are captioned by streaming", async ({ page }) => {
  await addPromptApiFake(page, { availability: 'downloadable', downloadSteps: 4, downloadStepMs: 400 });
  await openApp(page, 'wasm', '', { consent: 'manual', model: BROWSER_MODEL });
  const red = solidPhoto('red.png', 'red');
  const blue = solidPhoto('blue.png', 'blue');
  await addFiles(page, [red, blue]);

  const consent = page.locator('download-consent');
  await expect(consent.getByRole('heading', { name: "Download Chrome's built-in model (Prompt API)?" })).toBeVisible();
  await expect(consent.locator('[data-role=size]')).toHaveText('about 4 GB, downloaded and managed by Chrome, shared with other sites');
  await expect(consent.locator('[data-role=free-space]')).toContainText("outside this site's storage");
  expect(await readPromptApiFake(page)).toMatchObject({ availability: 'downloadable', created: 0 });
  expect(await axe(page), 'consent prompt').toEqual([]);

  // The first answer waits after two chunks, so the stream is seen in the card.
  await setPromptApiFake(page, { holdAfter: 2 });
  await downloadButton(page).click();
  await expect(consent.locator('[data-role=progress-text]')).toHaveText(/^\d+% downloaded by the browser$/);
  expect(await axe(page), 'download in progress').toEqual([]);
  await expect(card(page, red.name).locator('[data-role=streaming]')).toHaveText('a plain');
  expect(await readPromptApiFake(page)).toMatchObject({ availability: 'available', created: 1, streaming: 1 });
  await expect(page.locator('model-panel [data-role=model-state]')).toHaveText('ready, run by the browser');

  await releasePromptApiFake(page);
  await expect(altText(page, red.name)).toHaveValue(finished(fakeDescription('red')));
  await expect(altText(page, blue.name)).toHaveValue(finished(fakeDescription('blue')));
  // One base session, one clone per photo, each clone destroyed after its photo.
  const fake = await readPromptApiFake(page);
  expect(fake).toMatchObject({ created: 1, clones: 2, destroyed: 2 });
  expect(fake.prompts[0]).toMatch(/^Write alt-text for this image in one sentence/);
  expect(await axe(page), 'captioned').toEqual([]);
});

test('a cancel mid-stream keeps what streamed; Pause holds the queue after the running photo; Resume finishes', async ({ page }) => {
  await addPromptApiFake(page, { availability: 'available' });
  await openApp(page, 'wasm', '', { consent: 'manual', model: BROWSER_MODEL });
  await setPromptApiFake(page, { holdAfter: 1 });
  const photos = [solidPhoto('1-red.png', 'red'), solidPhoto('2-green.png', 'green'), solidPhoto('3-yellow.png', 'yellow')];
  await addFiles(page, photos);
  // Nothing to download: no consent is asked.
  await expect(card(page, photos[0]!.name).locator('[data-role=streaming]')).toHaveText('a');
  await expect(page.locator('download-consent')).toHaveCount(0);

  await card(page, photos[0]!.name).getByRole('button', { name: 'Cancel' }).click();
  await expect(statusOf(page, photos[0]!.name)).toContainText('Cancelled');
  // What streamed before the cancel stays, as it streamed (not finished into a sentence).
  await expect(altText(page, photos[0]!.name)).toHaveValue('a ');
  await expect(card(page, photos[1]!.name).locator('[data-role=streaming]')).toHaveText('a');

  await page.getByRole('button', { name: 'Pause captioning' }).click();
  await expect(page.getByRole('button', { name: 'Resume captioning' })).toBeVisible();
  await releasePromptApiFake(page);
  await expect(altText(page, photos[1]!.name)).toHaveValue(finished(fakeDescription('green')));
  await expect(statusOf(page, photos[2]!.name)).toHaveText('Waiting for the model…');
  expect(await readPromptApiFake(page)).toMatchObject({ streaming: 0, clones: 2, destroyed: 2 });

  await page.getByRole('button', { name: 'Resume captioning' }).click();
  await expect(altText(page, photos[2]!.name)).toHaveValue(finished(fakeDescription('yellow')));
  expect(await readPromptApiFake(page)).toMatchObject({ created: 1, clones: 3, destroyed: 3 });
});

test("a photo too large for the model's context window fails with a clear message; the batch goes on", async ({ page }) => {
  // 600 tokens: the instruction and a one-tile photo fit; a photo scaled to 1024 px is four tiles.
  await addPromptApiFake(page, { availability: 'available', contextWindow: 600 });
  await openApp(page, 'wasm', '', { consent: 'manual', model: BROWSER_MODEL });
  const photos = [solidPhoto('1-red.png', 'red'), solidPhoto('2-big-green.png', 'green', 1600), solidPhoto('3-blue.png', 'blue')];
  await addFiles(page, photos);
  await expect(altText(page, photos[2]!.name)).toHaveValue(finished(fakeDescription('blue')));
  await expect(altText(page, photos[0]!.name)).toHaveValue(finished(fakeDescription('red')));
  await expect(statusOf(page, photos[1]!.name)).toHaveText(
    /Could not caption: 2-big-green\.png and its instruction are too long for the browser's built-in model's context window \(it needs 1,0\d\d tokens of 600\)\./,
  );
  expect(await readPromptApiFake(page)).toMatchObject({ clones: 3, destroyed: 3 });
  expect(await axe(page), 'a failed card').toEqual([]);
});

test("a language the model does not write is said in the model panel, before anything is asked of the browser", async ({ page }) => {
  await addPromptApiFake(page, { availability: 'downloadable' });
  await openApp(page, 'wasm', '&lang=fr', { consent: 'manual', model: BROWSER_MODEL });
  await addFiles(page, [solidPhoto('red.png', 'red')]);
  await expect(page.locator('model-panel [data-role=model-error]')).toContainText("The browser's built-in model writes English, Spanish and Japanese only, not French.");
  await expect(statusOf(page, 'red.png')).toContainText('not French');
  expect(await readPromptApiFake(page)).toMatchObject({ created: 0 });
});

for (const fake of ['unavailable', 'absent'] as const) {
  test(`${fake === 'absent' ? 'no LanguageModel at all' : "'unavailable'"}: the browser's model is not offered, and the device panel says why`, async ({ page }) => {
    if (fake === 'unavailable') await addPromptApiFake(page, { availability: 'unavailable' });
    await openApp(page);
    await openSettings(page);
    await expect(page.locator('device-panel [data-role=recommended-model]')).toBeVisible();
    const values = await page.locator('model-settings [data-role=model-select] option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(values).toContain('Mozilla/distilvit');
    expect(values).not.toContain(BROWSER_MODEL);
    await expect(page.locator('device-panel [data-role=recommended-model]')).not.toHaveText(/Chrome's built-in model/);
    await expect(page.locator('device-panel')).toContainText('no built-in model for images here');
    expect(await axe(page)).toEqual([]);
  });
}

test("'available': the browser's model is listed and recommended, run by the browser", async ({ page }) => {
  await addPromptApiFake(page, { availability: 'available' });
  await openApp(page);
  await openSettings(page);
  await expect(page.locator('device-panel [data-role=recommended-model]')).toHaveText("Chrome's built-in model (Prompt API)");
  await expect(page.locator('device-panel .choice')).toContainText('run by the browser');
  await expect(page.locator(`model-settings [data-role=model-select] option[value="${BROWSER_MODEL}"]`)).toHaveCount(1);
  expect(await axe(page)).toEqual([]);
});

test('one tab captions at a time: a second tab neither makes a session nor prompts while the first captions', async ({ page, context }) => {
  await addPromptApiFake(page, { availability: 'available' });
  await openApp(page, 'wasm', '', { consent: 'manual', model: BROWSER_MODEL });
  await setPromptApiFake(page, { holdAfter: 1 });
  const photos = [solidPhoto('1-red.png', 'red'), solidPhoto('2-blue.png', 'blue')];
  await addFiles(page, photos);
  await expect(card(page, photos[0]!.name).locator('[data-role=streaming]')).toHaveText('a');

  const other = await context.newPage();
  await addPromptApiFake(other, { availability: 'available' });
  await openApp(other, 'wasm', '', { consent: 'manual', model: BROWSER_MODEL });
  await expect(other.locator('batch-progress [data-role=elsewhere]')).toHaveText('Captioning is running in another tab.', { timeout: 30_000 });
  expect(await readPromptApiFake(other)).toMatchObject({ created: 0, clones: 0, prompts: [] });

  await releasePromptApiFake(page);
  await expect(altText(page, photos[1]!.name)).toHaveValue(finished(fakeDescription('blue')));
  expect(await readPromptApiFake(other)).toMatchObject({ created: 0, clones: 0 });
  expect(await readPromptApiFake(page)).toMatchObject({ created: 1, clones: 2, destroyed: 2 });
});
