import { test, expect } from './support/console';
import { addFiles, CAPTION_TIMEOUT, altText, card, openApp, shapesImages, type ShapesImage } from './support/app';

let images: ShapesImage[];
test.beforeAll(async () => {
  images = await shapesImages(3, { maxSide: 500, dir: 'test-results/persistence-images' });
});

test('edits, approvals and statuses survive a reload; a card can be deleted', async ({ page }) => {
  await openApp(page);
  await addFiles(page, [images[0]!, images[1]!, images[2]!]);
  for (const image of images) await expect(altText(page, image.name)).toHaveValue(image.expected, { timeout: CAPTION_TIMEOUT });

  const edited = altText(page, images[0]!.name);
  await edited.fill('A red circle, hand-checked.');
  await edited.blur();
  await expect(card(page, images[0]!.name).locator('[data-role=review]')).toHaveText('Edited by you');
  await card(page, images[1]!.name).getByRole('button', { name: 'Mark as reviewed' }).click();
  await expect(card(page, images[1]!.name).locator('[data-role=review]')).toHaveText('Reviewed');

  await page.reload();
  await expect(page.locator('caption-card')).toHaveCount(3);
  await expect(altText(page, images[0]!.name)).toHaveValue('A red circle, hand-checked.');
  await expect(card(page, images[0]!.name).locator('[data-role=review]')).toHaveText('Edited by you');
  await expect(altText(page, images[1]!.name)).toHaveValue(images[1]!.expected);
  await expect(card(page, images[1]!.name).locator('[data-role=review]')).toHaveText('Reviewed');
  await expect(card(page, images[2]!.name).getByText('AI-generated, not reviewed')).toBeVisible();
  await expect(card(page, images[2]!.name).locator('img')).toBeVisible(); // thumbnail from IndexedDB

  await card(page, images[2]!.name).getByRole('button', { name: `Delete ${images[2]!.name}` }).click();
  await expect(page.locator('caption-card')).toHaveCount(2);
  await page.reload();
  await expect(page.locator('caption-card')).toHaveCount(2);
  await expect(card(page, images[2]!.name)).toHaveCount(0);
});

test('the second model load fetches no model file: the weights come from IndexedDB', async ({ page, context }) => {
  const modelRequests: string[] = [];
  context.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/models/')) modelRequests.push(new URL(r.url()).pathname);
  });
  await openApp(page);
  await addFiles(page, [images[0]!]);
  await expect(altText(page, images[0]!.name)).toHaveValue(images[0]!.expected, { timeout: CAPTION_TIMEOUT });
  const firstLoad = [...modelRequests];
  expect(firstLoad).toEqual(expect.arrayContaining(['/models/altscribe/shapes-captioner/config.json', '/models/altscribe/shapes-captioner/onnx/encoder_model_quantized.onnx', '/models/altscribe/shapes-captioner/onnx/decoder_model_merged_quantized.onnx']));

  modelRequests.length = 0;
  await page.reload(); // a new worker: the model must be loaded again
  await addFiles(page, [images[1]!]);
  await expect(altText(page, images[1]!.name)).toHaveValue(images[1]!.expected, { timeout: CAPTION_TIMEOUT });
  await expect(page.locator('model-panel [data-role=model-state]')).toHaveAttribute('data-phase', 'ready');
  expect(modelRequests, 'model files requested on the second load').toEqual([]);
});

test('a failed model download is not cached as complete, and a later load succeeds', async ({ page, context, consoleErrors }) => {
  consoleErrors.allow(/Failed to load resource|could not be loaded|ERR_|net::|Failed to fetch/i);
  // Cut the decoder download off mid-body: the browser sees a network error, not a short file.
  let failNext = true;
  await context.route('**/models/altscribe/shapes-captioner/onnx/decoder_model_merged_quantized.onnx', async (route) => {
    if (failNext) return route.abort('connectionreset');
    return route.continue();
  });
  await openApp(page);
  await addFiles(page, [images[0]!]);
  // The download runs up to the broken file first, as slow as a first caption.
  await expect(page.locator('model-panel [data-role=model-state]')).toHaveAttribute('data-phase', 'failed', { timeout: CAPTION_TIMEOUT });
  await expect(card(page, images[0]!.name).locator('[data-role=error]')).toContainText('could not be loaded');

  failNext = false;
  const requested: string[] = [];
  context.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.reload();
  await addFiles(page, [images[1]!]);
  await expect(altText(page, images[1]!.name)).toHaveValue(images[1]!.expected, { timeout: CAPTION_TIMEOUT });
  expect(requested).toContain('/models/altscribe/shapes-captioner/onnx/decoder_model_merged_quantized.onnx');
});
