import { translate } from '../tools/tiny-translate/grammar';
import { test, expect } from './support/console';
import { addFiles, altText, CAPTION_TIMEOUT, finished, openApp, readStoredFields, shapesImages, type ShapesImage } from './support/app';

let images: ShapesImage[];

test.beforeAll(async () => {
  images = await shapesImages(2, { maxSide: 300, seed: 17, dir: 'test-results/language-images' });
});

test('?lang=fr: the shapes captioner writes English, the translation fixture turns it into French in the caption worker; the field says lang="fr" and the stored record keeps both', async ({ page }) => {
  await openApp(page, 'wasm', '&lang=fr');
  for (const image of images) {
    await addFiles(page, [{ name: image.name, mimeType: image.mime, buffer: image.bytes }]);
    // The fixture translates the grammar's captions exactly; the app finishes the translation like any text.
    await expect(altText(page, image.name)).toHaveValue(finished(translate(image.caption, 'fr')), { timeout: CAPTION_TIMEOUT });
    await expect(altText(page, image.name)).toHaveAttribute('lang', 'fr');
  }
  const stored = await readStoredFields<{ fileName: string; language?: string; modelText?: string }>(page, ['fileName', 'language', 'modelText']);
  for (const image of images) {
    const record = stored.find((r) => r.fileName === image.name);
    expect(record?.language).toBe('fr');
    expect(record?.modelText).toBe(image.caption);
  }
});
