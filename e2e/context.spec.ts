import { test, expect } from './support/console';
import { addFiles, altText, CAPTION_TIMEOUT, openApp, readStoredFields, shapesImages, type ShapesImage } from './support/app';

let images: ShapesImage[];

test.beforeAll(async () => {
  images = await shapesImages(2, { maxSide: 300, seed: 16, dir: 'test-results/context-images' });
});

test('the context typed next to the drop zone is stored with each photo added while it is set, and the fixture model ignores it', async ({ page }) => {
  await openApp(page);
  const [first, second] = images as [ShapesImage, ShapesImage];
  // The context is tucked under a disclosure in the drop zone: the photos come first.
  await page.getByText('Add context for these photos (optional)').click();
  const field = page.getByRole('textbox', { name: 'Context for these photos (optional)' });
  await expect(field).toHaveAttribute('maxlength', '200');
  await field.fill('  A hike in "Acadia"  ');
  await addFiles(page, [{ name: first.name, mimeType: first.mime, buffer: first.bytes }]);
  // The encoder-decoder fixture takes no prompt: its caption is exactly what it is without context.
  await expect(altText(page, first.name)).toHaveValue(first.expected, { timeout: CAPTION_TIMEOUT });

  await field.fill('');
  await addFiles(page, [{ name: second.name, mimeType: second.mime, buffer: second.bytes }]);
  await expect(altText(page, second.name)).toHaveValue(second.expected, { timeout: CAPTION_TIMEOUT });

  const stored = await readStoredFields<{ fileName: string; context?: string }>(page, ['fileName', 'context']);
  expect(stored.find((r) => r.fileName === first.name)?.context).toBe("A hike in 'Acadia'");
  expect(stored.find((r) => r.fileName === second.name)?.context).toBeUndefined();
});
