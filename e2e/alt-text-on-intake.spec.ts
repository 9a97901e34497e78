import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test, expect } from './support/console';
import { addFiles, altText, card, openApp, readStoredFields, shapesImages, waitForAllSettled } from './support/app';
import { writeAltText } from '../src/metadata/alt-text-xmp';

interface Stored {
  fileName: string;
  text: string;
  review: string;
  status: string;
  modelText?: string;
  modelId?: string;
}

test('a photo that already carries IPTC alt-text is added as Imported with that text and is not captioned', async ({ page }) => {
  test.setTimeout(150_000); // one model load and one caption on a shared 2-core machine
  const dir = resolve('test-results/alt-text-on-intake');
  mkdirSync(dir, { recursive: true });
  const [carrying, plain] = await shapesImages(2, { maxSide: 240, seed: 1616, dir, formats: ['png'] });
  // Written by the same code the app's save uses; exiftool reads it back in save-with-alt-text.spec.ts.
  const written = 'A hand-written description, “kept as it is”.';
  const path = join(dir, `tagged-${carrying!.name}`);
  writeFileSync(path, writeAltText(carrying!.bytes, { altText: written, lang: 'en', provenance: { reviewed: true, generator: 'e2e' } }));

  await openApp(page);
  await addFiles(page, [{ path }, plain!]);
  await waitForAllSettled(page, 2);
  await expect(altText(page, `tagged-${carrying!.name}`)).toHaveValue(written);
  await expect(card(page, `tagged-${carrying!.name}`).getByText('Imported', { exact: false }).first()).toBeVisible();
  await expect(altText(page, plain!.name)).toHaveValue(plain!.expected);

  const stored = await readStoredFields<Stored>(page, ['fileName', 'text', 'review', 'status', 'modelText', 'modelId']);
  const tagged = stored.find((r) => r.fileName === `tagged-${carrying!.name}`);
  expect(tagged).toMatchObject({ text: written, review: 'imported', status: 'done' });
  // Only the plain photo went through the model: one caption run for two photos.
  expect(stored.filter((r) => r.modelText !== undefined).map((r) => r.fileName)).toEqual([plain!.name]);
});
