import { test, expect } from './support/console';
import { addFiles, CAPTION_TIMEOUT, altText, card, dropFiles, finished, openApp, readModelTexts, shapesImages, type ShapesImage } from './support/app';

let images: ShapesImage[];

test.beforeAll(async () => {
  // Small, quick images for the interaction tests; accuracy over the whole world is in accuracy.spec.ts.
  images = await shapesImages(4, { maxSide: 400, dir: 'test-results/caption-images' });
});

test('a dropped photo gets a card at once, streams its caption word by word, and shows the exact alt-text', async ({ page }) => {
  await openApp(page);
  // Record every state the streaming line goes through, inside the page: one observer per card's
  // shadow root, attached as cards appear.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { streamed: string[] }).streamed = seen;
    const app = document.querySelector('altscribe-app')!;
    const watched = new WeakSet<Node>();
    const record = (root: ShadowRoot) => {
      const text = root.querySelector('[data-role=streaming]')?.textContent?.trim();
      if (text && seen.at(-1) !== text) seen.push(text);
    };
    new MutationObserver(() => {
      for (const c of app.shadowRoot!.querySelectorAll('caption-card')) {
        const root = c.shadowRoot;
        if (!root || watched.has(root)) continue;
        watched.add(root);
        new MutationObserver(() => record(root)).observe(root, { subtree: true, childList: true, characterData: true });
      }
    }).observe(app.shadowRoot!, { subtree: true, childList: true });
  });
  const image = images[0]!;
  await dropFiles(page, [image]);
  await expect(card(page, image.name)).toBeVisible();
  await expect(card(page, image.name).locator('img')).toBeVisible();
  await expect(altText(page, image.name)).toHaveValue(image.expected, { timeout: CAPTION_TIMEOUT });
  const streamed = await page.evaluate(() => (window as unknown as { streamed: string[] }).streamed);
  expect(streamed.length, `streamed states: ${JSON.stringify(streamed)}`).toBeGreaterThan(1);
  // The stream is the model's own words; the finishing rules apply once it is complete.
  for (const state of streamed) expect(image.caption.startsWith(state), `"${state}" is a prefix of the caption`).toBe(true);
  expect((await readModelTexts(page)).get(image.name), 'the raw model text is stored next to the finished one').toBe(image.caption);
  await expect(card(page, image.name).getByText('AI-generated, not reviewed')).toBeVisible();
  await expect(page.getByTestId('backend').or(page.locator('model-panel [data-role=backend]'))).toHaveText('WASM');
});

test('a pasted image is captioned', async ({ page }) => {
  await openApp(page);
  const image = images[1]!;
  await page.evaluate(
    ({ b64, mime }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'image.png', { type: mime }));
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    },
    { b64: image.bytes.toString('base64'), mime: image.mime },
  );
  await expect(altText(page, 'image.png')).toHaveValue(image.expected, { timeout: CAPTION_TIMEOUT });
});

test('the Choose photos button opens the file picker and the picked photo is captioned', async ({ page }) => {
  await openApp(page);
  const image = images[2]!;
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Choose photos…' }).click()]);
  expect(chooser.isMultiple()).toBe(true);
  await chooser.setFiles(image.path);
  await expect(altText(page, image.name)).toHaveValue(image.expected, { timeout: CAPTION_TIMEOUT });
});

test('a file that is not an image gets a clear message on its card, and the other files go on', async ({ page }) => {
  await openApp(page);
  const image = images[3]!;
  await addFiles(page, [
    { name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n1 0 obj\n') },
    { name: image.name, mimeType: image.mime, buffer: image.bytes },
    { name: 'broken.jpg', mimeType: 'image/jpeg', buffer: Buffer.concat([image.bytes.subarray(0, 0), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), Buffer.alloc(40, 7)]) },
  ]);
  await expect(card(page, 'notes.pdf').locator('[data-role=error]')).toHaveText('notes.pdf is not an image (application/pdf). Add JPEG, PNG, WebP, GIF or AVIF photos.');
  await expect(altText(page, image.name)).toHaveValue(image.expected, { timeout: CAPTION_TIMEOUT });
  // Its turn comes after the photo above; decoding it fails in the worker, one more round trip.
  await expect(card(page, 'broken.jpg').locator('[data-role=error]')).toHaveText(/broken\.jpg looks like a JPEG file but could not be decoded/, { timeout: 30_000 });
});

test('Copy puts the alt-text on the clipboard and confirms visibly and to screen readers', async ({ page }) => {
  await openApp(page);
  const image = images[0]!;
  await addFiles(page, [image]);
  await expect(altText(page, image.name)).toHaveValue(image.expected, { timeout: CAPTION_TIMEOUT });
  const copy = card(page, image.name).getByRole('button', { name: 'Copy' });
  const copyAs = card(page, image.name).getByRole('combobox', { name: 'Copy as' });
  const confirmation = card(page, image.name).getByRole('status');
  await copy.click();
  await expect(confirmation).toHaveText('Copied as text');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(image.expected);
  // The shapes names and captions need no escaping: the escaping is unit-tested in src/export/copy-as.test.ts.
  for (const [format, label, expected] of [
    ['html', 'HTML', `<img src="${image.name}" alt="${image.expected}">`],
    ['markdown', 'Markdown', `![${image.expected}](${image.name})`],
    ['text', 'text', image.expected],
  ] as const) {
    await copyAs.selectOption(format);
    await copy.click();
    await expect(confirmation).toHaveText(`Copied as ${label}`);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
  }
});

test('text that needs a look is flagged on its card, the flags describe the field, and they survive a reload', async ({ page }) => {
  await openApp(page);
  const image = images[1]!;
  await addFiles(page, [image]);
  const field = altText(page, image.name);
  await expect(field).toHaveValue(image.expected, { timeout: CAPTION_TIMEOUT });
  const flags = card(page, image.name).locator('[data-role=flags] [data-flag]');
  await expect(flags).toHaveCount(0); // the shapes captions pass every rule
  await field.fill('IMG_2041.JPG');
  await field.blur();
  const expected = [
    'Warning: This looks like a file name, not a description of the photo.',
    'Warning: Very short: it may not say enough about what the photo shows.',
  ];
  await expect(flags).toHaveText(expected);
  await expect(field).toHaveAccessibleDescription(new RegExp(`${image.name.replace(/\./g, '\\.')} Checks on your text: ${expected.join(' ')}`));
  await page.reload();
  await expect(flags).toHaveText(expected);
  expect(await flags.evaluateAll((items) => items.map((li) => li.getAttribute('data-flag')))).toEqual(['looks-like-filename', 'too-short']);
  await field.fill('A red circle, checked by hand.');
  await field.blur();
  await expect(flags).toHaveCount(0);
});

test('a phone photo stored sideways with an EXIF orientation is described upright', async ({ page }) => {
  // A scene of upward triangles, stored rotated a quarter turn with EXIF Orientation 6 ("rotate 90° to display").
  // Only a decoder that honours EXIF sees upward triangles again, and reports the displayed size.
  const sharp = (await import('sharp')).default;
  const { captionOf, mulberry32, randomScene, renderScene } = await import('../tools/shapes-world/shapes-world');
  const rng = mulberry32(4242);
  let scene = randomScene(rng, { minSide: 300, maxSide: 600 });
  while (scene.shape !== 'triangle' || scene.width === scene.height) scene = randomScene(rng, { minSide: 300, maxSide: 600 });
  const raster = renderScene(scene);
  const bytes = await sharp(Buffer.from(raster.data.buffer), { raw: { width: raster.width, height: raster.height, channels: 4 } })
    .rotate(-90) // stored pixels: rotated 90° counter-clockwise …
    .jpeg({ quality: 92 })
    .withMetadata({ orientation: 6 }) // … and tagged so viewers rotate them back
    .toBuffer();
  await openApp(page);
  await addFiles(page, [{ name: 'sideways.jpg', mimeType: 'image/jpeg', buffer: bytes }]);
  await expect(altText(page, 'sideways.jpg')).toHaveValue(finished(captionOf(scene)), { timeout: CAPTION_TIMEOUT });
  await expect(card(page, 'sideways.jpg').locator('[data-role=dimensions]')).toHaveText(`${scene.width}×${scene.height} px`);
});
