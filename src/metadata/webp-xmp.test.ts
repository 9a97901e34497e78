import { describe, expect, it } from 'vitest';
import { readAltText, writeAltText, MetadataError } from './alt-text-xmp';
import { FIELDS, fixture, packetWith, type Part, webpParts, withoutXmp, xmpTexts } from './fixtures/container-parts';
import { concat } from './jpeg-xmp';

function riffSizeHolds(webp: Uint8Array): boolean {
  return new DataView(webp.buffer, webp.byteOffset).getUint32(4, true) === webp.length - 8;
}

function vp8x(parts: readonly Part[]): { flags: number; width: number; height: number } {
  const bytes = parts[0]!.bytes;
  expect(parts[0]!.name).toBe('VP8X');
  const u24 = (at: number) => (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16)) + 1;
  return { flags: bytes[8]!, width: u24(12), height: u24(15) };
}

function xmpChunk(packet: string): Uint8Array {
  const data = new TextEncoder().encode(packet);
  const out = new Uint8Array(8 + data.length + (data.length & 1));
  out.set(new TextEncoder().encode('XMP '));
  new DataView(out.buffer).setUint32(4, data.length, true);
  out.set(data, 8);
  return out;
}

/** `webp` (extended) with chunks appended and its RIFF size fixed. */
function withChunks(webp: Uint8Array, ...chunks: Uint8Array[]): Uint8Array {
  const out = concat([webp, ...chunks]);
  new DataView(out.buffer).setUint32(4, out.length - 8, true);
  return out;
}

describe('alt-text in a WebP', () => {
  it.each([
    ['lossy.webp', 'VP8 ', 0x04],
    ['lossless-alpha.webp', 'VP8L', 0x14],
  ])('%s: a simple WebP gets a VP8X with the XMP flag and its canvas size; the bitstream is byte-identical', (name, image, flags) => {
    const original = fixture(name);
    const written = writeAltText(original, FIELDS);
    expect(readAltText(written)).toEqual(FIELDS);
    const parts = webpParts(written);
    expect(parts.map((p) => p.name)).toEqual(['VP8X', image, 'XMP']);
    expect(vp8x(parts)).toEqual({ flags, width: 8, height: 6 });
    expect(withoutXmp(parts.slice(1))).toEqual(withoutXmp(webpParts(original)));
    expect(riffSizeHolds(written)).toBe(true);
  });

  it('sets only the XMP flag of an existing VP8X; every other chunk is byte-identical; odd sizes are padded', () => {
    const original = fixture('exif-icc.webp');
    const before = webpParts(original);
    for (const altText of ['Even.', 'Odd!!!']) {
      const written = writeAltText(original, { altText, lang: 'en' });
      const parts = webpParts(written);
      expect(readAltText(written)).toEqual({ altText, lang: 'en' });
      expect(vp8x(parts)).toEqual({ ...vp8x(before), flags: vp8x(before).flags | 0x04 });
      expect(withoutXmp(parts.slice(1))).toEqual(withoutXmp(before.slice(1)));
      expect(parts.map((p) => p.name)).toEqual([...before.map((p) => p.name), 'XMP']);
      expect(riffSizeHolds(written)).toBe(true);
      expect(written.length % 2).toBe(0);
    }
  });

  it('merges into an existing XMP chunk in its place, keeping the other properties', () => {
    const original = fixture('with-xmp.webp');
    const written = writeAltText(original, { altText: 'A red boat.', lang: 'en' });
    expect(readAltText(written)).toEqual({ altText: 'A red boat.', lang: 'en', extendedDescription: 'Older long text' });
    expect(withoutXmp(webpParts(written))).toEqual(withoutXmp(webpParts(original)));
    const [packet] = xmpTexts(webpParts(written));
    for (const kept of ['Ana Lima', 'Harbour at dawn', 'Bar Harbor', 'Un bateau au port']) expect(packet).toContain(kept);
    expect(riffSizeHolds(written)).toBe(true);
  });

  it('with two XMP chunks, merges the first and takes only our properties out of the second', () => {
    const stale = '<Iptc4xmpCore:AltTextAccessibility><rdf:Alt><rdf:li xml:lang="x-default">Stale</rdf:li></rdf:Alt></Iptc4xmpCore:AltTextAccessibility>';
    const original = withChunks(writeAltText(fixture('exif-icc.webp'), { altText: 'First.', lang: 'en' }), xmpChunk(packetWith(`<dc:format>image/webp</dc:format>${stale}`)));
    const written = writeAltText(original, FIELDS);
    const [first, second] = xmpTexts(webpParts(written));
    expect(first).toContain('A &quot;quoted&quot;');
    expect(second).toContain('<dc:format>image/webp</dc:format>');
    expect(second).not.toContain('Stale');
    expect(readAltText(written)).toEqual(FIELDS);
    expect(riffSizeHolds(written)).toBe(true);
  });

  it('refuses malformed XMP and reads it as none', () => {
    const original = withChunks(fixture('exif-icc.webp'), xmpChunk(packetWith('<dc:source>')));
    expect(readAltText(original)).toBeNull();
    expect(() => writeAltText(original, FIELDS)).toThrowError(expect.objectContaining({ code: 'damaged' }));
  });

  it('never crashes on a truncated file', () => {
    const original = fixture('with-xmp.webp');
    for (let length = 0; length < original.length; length++) {
      const cut = original.subarray(0, length);
      expect(() => readAltText(cut)).not.toThrow();
      try {
        expect(readAltText(writeAltText(cut, FIELDS))).toEqual(FIELDS);
      } catch (error) {
        expect(error).toBeInstanceOf(MetadataError);
      }
    }
  });
});
