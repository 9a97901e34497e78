// @vitest-environment node
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { rgbaPng } from '../tools/hostile-corpus/make-corpus.mjs';
import { familyRow } from '../src/models/families';
import { decodeImageInNode } from './decode-image-node';

const pixel = (image: { data: ArrayLike<number>; width: number; channels: number }, x: number, y: number) =>
  Array.from({ length: 3 }, (_, c) => image.data[(y * image.width + x) * image.channels + c]);

describe('decodeImageInNode', () => {
  it('composites transparency on white, as the browser path does, and keeps opaque pixels', async () => {
    // Left half opaque red; right half fully transparent with black underneath; one half-transparent blue pixel.
    const png = rgbaPng(8, 4, (x, y) => (x < 4 ? [255, 0, 0, 255] : x === 7 && y === 0 ? [0, 0, 255, 128] : [0, 0, 0, 0]));
    const image = await decodeImageInNode(png, 'image/png');
    expect(pixel(image, 1, 1)).toEqual([255, 0, 0]);
    expect(pixel(image, 5, 2)).toEqual([255, 255, 255]);
    const blend = pixel(image, 7, 0);
    expect(blend[0]).toBeGreaterThan(120);
    expect(blend[0]).toBeLessThan(135);
    expect(blend[2]).toBe(255);
  });

  it('honours EXIF orientation: a stored landscape with orientation 6 comes out portrait, its left side on top', async () => {
    const halves = rgbaPng(64, 32, (x) => (x < 32 ? [255, 0, 0, 255] : [0, 0, 255, 255]));
    const jpeg = await sharp(halves).removeAlpha().jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const image = await decodeImageInNode(jpeg, 'image/jpeg');
    expect([image.width, image.height]).toEqual([32, 64]);
    const [top, bottom] = [pixel(image, 16, 8), pixel(image, 16, 56)];
    expect(top[0]).toBeGreaterThan(200);
    expect(bottom[2]).toBeGreaterThan(200);
  });

  it('scales a large image down to the model side, keeping the aspect ratio', async () => {
    const wide = await sharp({ create: { width: 3000, height: 1000, channels: 3, background: { r: 10, g: 20, b: 30 } } }).png().toBuffer();
    const image = await decodeImageInNode(wide, 'image/png');
    expect([image.width, image.height]).toEqual([1024, 341]);
  });

  it("decodes straight to a family's pixel budget, portrait and landscape, and leaves a tiny photo as it is", async () => {
    const solid = (width: number, height: number) =>
      sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } }).jpeg().toBuffer();
    const lfm2 = familyRow('lfm2-vl').pixelBudget;
    const landscape = await decodeImageInNode(await solid(1600, 1200), 'image/jpeg', lfm2);
    expect([landscape.width, landscape.height]).toEqual([591, 443]);
    const portrait = await decodeImageInNode(await solid(1200, 1600), 'image/jpeg', lfm2);
    expect([portrait.width, portrait.height]).toEqual([443, 591]);
    // A processor that squashes to a square gets that square straight away.
    const squashed = await decodeImageInNode(await solid(1200, 1600), 'image/jpeg', familyRow('encoder-decoder').pixelBudget);
    expect([squashed.width, squashed.height]).toEqual([224, 224]);
    const tiny = await decodeImageInNode(await solid(60, 40), 'image/jpeg', familyRow('florence2').pixelBudget);
    expect([tiny.width, tiny.height]).toEqual([60, 40]);
  });
});
