import { describe, expect, it } from 'vitest';
import { readAltText, writeAltText, MetadataError } from './alt-text-xmp';
import { FIELDS, fixture, jpegParts, packetWith, withoutXmp, xmpTexts } from './fixtures/container-parts';
import { concat } from './jpeg-xmp';

function xmpSegment(packet: string): Uint8Array {
  const body = new TextEncoder().encode(`http://ns.adobe.com/xap/1.0/\0${packet}`);
  return concat([new Uint8Array([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
}

/** `jpeg` with `segments` inserted right after SOI. */
function withSegments(jpeg: Uint8Array, ...segments: Uint8Array[]): Uint8Array {
  return concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]);
}

describe('alt-text in a JPEG', () => {
  it.each(['plain.jpg', 'exif-icc.jpg'])('%s: reads back exactly; every other segment and the image data are byte-identical', (name) => {
    const original = fixture(name);
    expect(readAltText(original)).toBeNull();
    const written = writeAltText(original, FIELDS);
    expect(readAltText(written)).toEqual(FIELDS);
    expect(withoutXmp(jpegParts(written))).toEqual(withoutXmp(jpegParts(original)));
    expect(xmpTexts(jpegParts(written))).toHaveLength(1);
  });

  it('puts the XMP segment after JFIF and Exif, before the ICC profile and the tables', () => {
    const names = jpegParts(writeAltText(fixture('exif-icc.jpg'), FIELDS)).map((p) => p.name);
    expect(names.slice(0, 3)).toEqual(['FFE0', 'FFE1', 'XMP']);
    expect(names).toContain('FFE2');
  });

  it('merges into an existing packet: other XMP properties, IPTC-IIM and EXIF stay', () => {
    const original = fixture('with-xmp.jpg');
    expect(readAltText(original)).toEqual({ altText: 'A boat in the harbour', lang: null, extendedDescription: 'Older long text' });
    const written = writeAltText(original, { altText: 'A red boat.', lang: 'en' });
    expect(readAltText(written)).toEqual({ altText: 'A red boat.', lang: 'en', extendedDescription: 'Older long text' });
    expect(withoutXmp(jpegParts(written))).toEqual(withoutXmp(jpegParts(original)));
    const [packet] = xmpTexts(jpegParts(written));
    for (const kept of ['<rdf:li>Ana Lima</rdf:li>', 'Harbour at dawn', '<photoshop:City>Bar Harbor</photoshop:City>', 'Un bateau au port']) expect(packet).toContain(kept);
    // The same position: the first XMP segment is replaced where it was.
    expect(jpegParts(written).map((p) => p.name)).toEqual(jpegParts(original).map((p) => p.name));
  });

  it('with two XMP segments, merges the first and takes only our properties out of the second', () => {
    const second = packetWith('<dc:format>image/jpeg</dc:format><Iptc4xmpCore:AltTextAccessibility><rdf:Alt><rdf:li xml:lang="x-default">Stale</rdf:li></rdf:Alt></Iptc4xmpCore:AltTextAccessibility>');
    const original = withSegments(fixture('plain.jpg'), xmpSegment(packetWith('<dc:source>one</dc:source>')), xmpSegment(second));
    const written = writeAltText(original, FIELDS);
    const [first, rest] = xmpTexts(jpegParts(written));
    expect(first).toContain('<dc:source>one</dc:source>');
    expect(first).toContain('A &quot;quoted&quot;');
    expect(rest).toContain('<dc:format>image/jpeg</dc:format>');
    expect(rest).not.toContain('Stale');
    expect(readAltText(written)).toEqual(FIELDS);
    expect(withoutXmp(jpegParts(written))).toEqual(withoutXmp(jpegParts(original)));
  });

  it('refuses a packet that would not fit one segment (no Extended XMP), and drops padding to fit', () => {
    const full = packetWith(`<dc:source>${'x'.repeat(65100)}</dc:source>`);
    const crowded = withSegments(fixture('plain.jpg'), xmpSegment(full));
    expect(xmpTexts(jpegParts(crowded))[0]!.length).toBeGreaterThan(65100); // a 64 KB packet, as the hostile case
    expect(() => writeAltText(crowded, FIELDS)).toThrowError(expect.objectContaining({ code: 'too-large' }));
    const padded = withSegments(fixture('plain.jpg'), xmpSegment(`<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>${packetWith('')}${' '.repeat(65000)}<?xpacket end="w"?>`));
    expect(readAltText(writeAltText(padded, FIELDS))).toEqual(FIELDS);
    expect(() => writeAltText(fixture('plain.jpg'), { altText: 'x'.repeat(70000), lang: 'en' })).toThrowError(expect.objectContaining({ code: 'too-large' }));
  });

  it('refuses to rewrite malformed XMP and reads it as none', () => {
    const original = withSegments(fixture('plain.jpg'), xmpSegment(packetWith('<dc:source>unclosed')));
    expect(readAltText(original)).toBeNull();
    expect(() => writeAltText(original, FIELDS)).toThrowError(expect.objectContaining({ code: 'damaged' }));
    const notUtf8 = withSegments(fixture('plain.jpg'), concat([xmpSegment(''), new Uint8Array([0xc3, 0x28])]));
    expect(readAltText(notUtf8)).toBeNull();
  });

  it('never crashes on a truncated file: a MetadataError or a file that still holds the rest', () => {
    const original = fixture('with-xmp.jpg');
    for (let length = 0; length < original.length; length++) {
      const cut = original.subarray(0, length);
      expect(() => readAltText(cut)).not.toThrow();
      try {
        const written = writeAltText(cut, FIELDS);
        expect(readAltText(written)).toEqual(FIELDS);
      } catch (error) {
        expect(error).toBeInstanceOf(MetadataError);
      }
    }
  });
});
