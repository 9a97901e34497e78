import { describe, expect, it } from 'vitest';
import { readAltText, writeAltText, MetadataError } from './alt-text-xmp';
import { FIELDS, fixture, packetWith, pngParts, withoutXmp, xmpTexts } from './fixtures/container-parts';
import { concat } from './jpeg-xmp';
import { crc32 } from './png-xmp';

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

const itxt = (keyword: string, text: string, compressed = 0) => chunk('iTXt', concat([new TextEncoder().encode(keyword), new Uint8Array([0, compressed, 0, 0, 0]), new TextEncoder().encode(text)]));

/** `png` with `chunks` inserted right after IHDR (or `at` another chunk index). */
function withChunks(png: Uint8Array, chunks: Uint8Array[], at = 1): Uint8Array {
  const parts = pngParts(png).map((p) => p.bytes);
  return concat([png.subarray(0, 8), ...parts.slice(0, at), ...chunks, ...parts.slice(at)]);
}

/** Every chunk's CRC matches its type and data. */
function crcsHold(png: Uint8Array): boolean {
  return pngParts(png).every(({ bytes }) => new DataView(bytes.buffer, bytes.byteOffset).getUint32(bytes.length - 4) === crc32(bytes.subarray(4, bytes.length - 4)));
}

describe('alt-text in a PNG', () => {
  it.each(['plain.png', 'exif-icc.png'])('%s: reads back exactly; every other chunk is byte-identical; the XMP chunk comes before IDAT with a correct CRC', (name) => {
    const original = fixture(name);
    expect(readAltText(original)).toBeNull();
    const written = writeAltText(original, FIELDS);
    expect(readAltText(written)).toEqual(FIELDS);
    expect(withoutXmp(pngParts(written))).toEqual(withoutXmp(pngParts(original)));
    const names = pngParts(written).map((p) => p.name);
    expect(names.indexOf('XMP')).toBe(names.indexOf('IDAT') - 1);
    expect(crcsHold(written)).toBe(true);
  });

  it('merges into an existing XMP chunk in its place, keeping the other properties', () => {
    const original = fixture('with-xmp.png');
    const written = writeAltText(original, { altText: 'A red boat.', lang: 'en' });
    expect(readAltText(written)).toEqual({ altText: 'A red boat.', lang: 'en', extendedDescription: 'Older long text' });
    expect(withoutXmp(pngParts(written))).toEqual(withoutXmp(pngParts(original)));
    expect(pngParts(written).map((p) => p.name)).toEqual(pngParts(original).map((p) => p.name));
    const [packet] = xmpTexts(pngParts(written));
    for (const kept of ['Ana Lima', 'Harbour at dawn', 'Bar Harbor', 'Un bateau au port']) expect(packet).toContain(kept);
    expect(crcsHold(written)).toBe(true);
  });

  it('moves an XMP chunk that sits after the image data to before it', () => {
    const plain = fixture('plain.png');
    const late = withChunks(plain, [itxt('XML:com.adobe.xmp', packetWith('<dc:source>late</dc:source>'))], pngParts(plain).length - 1);
    const names = pngParts(writeAltText(late, FIELDS)).map((p) => p.name);
    expect(names.filter((n) => n === 'XMP')).toHaveLength(1);
    expect(names.indexOf('XMP')).toBeLessThan(names.indexOf('IDAT'));
    expect(xmpTexts(pngParts(writeAltText(late, FIELDS)))[0]).toContain('<dc:source>late</dc:source>');
  });

  it('with two XMP chunks, merges the first and takes only our properties out of the second', () => {
    const stale = '<Iptc4xmpCore:AltTextAccessibility xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"><rdf:Alt><rdf:li xml:lang="x-default">Stale</rdf:li></rdf:Alt></Iptc4xmpCore:AltTextAccessibility>';
    const original = withChunks(fixture('plain.png'), [itxt('XML:com.adobe.xmp', packetWith('<dc:source>one</dc:source>')), itxt('XML:com.adobe.xmp', packetWith(`<dc:format>image/png</dc:format>${stale}`))]);
    const written = writeAltText(original, FIELDS);
    const [first, second] = xmpTexts(pngParts(written));
    expect(first).toContain('<dc:source>one</dc:source>');
    expect(second).toContain('<dc:format>image/png</dc:format>');
    expect(second).not.toContain('Stale');
    expect(readAltText(written)).toEqual(FIELDS);
    expect(crcsHold(written)).toBe(true);
  });

  it('walks past a huge iTXt chunk without reading it, and keeps it', () => {
    const huge = itxt('Comment', 'z'.repeat(2 * 1024 * 1024));
    const original = withChunks(fixture('plain.png'), [huge]);
    const written = writeAltText(original, FIELDS);
    expect(readAltText(written)).toEqual(FIELDS);
    expect(withoutXmp(pngParts(written))).toEqual(withoutXmp(pngParts(original)));
  });

  it('merges into a huge XMP chunk (PNG has no 64 KB limit)', () => {
    const original = withChunks(fixture('plain.png'), [itxt('XML:com.adobe.xmp', packetWith(`<dc:source>${'y'.repeat(2 * 1024 * 1024)}</dc:source>`))]);
    const written = writeAltText(original, FIELDS);
    expect(readAltText(written)).toEqual(FIELDS);
    expect(xmpTexts(pngParts(written))[0]).toContain('y'.repeat(2 * 1024 * 1024));
  });

  it('refuses malformed or compressed XMP, reading it as none', () => {
    const malformed = withChunks(fixture('plain.png'), [itxt('XML:com.adobe.xmp', packetWith('<dc:source>'))]);
    expect(readAltText(malformed)).toBeNull();
    expect(() => writeAltText(malformed, FIELDS)).toThrowError(expect.objectContaining({ code: 'damaged' }));
    const compressed = withChunks(fixture('plain.png'), [itxt('XML:com.adobe.xmp', 'x\u009c', 1)]);
    expect(readAltText(compressed)).toBeNull();
    expect(() => writeAltText(compressed, FIELDS)).toThrowError(expect.objectContaining({ code: 'unsupported-container' }));
  });

  it('never crashes on a truncated file', () => {
    const original = fixture('with-xmp.png');
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
