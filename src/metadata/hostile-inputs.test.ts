/**
 * Random damage to real fixtures: whatever the bytes, reading never throws and writing either
 * gives a file that reads back what was written or throws a MetadataError. Seeded, so a failure
 * is reproducible.
 */
import { describe, expect, it } from 'vitest';
import { MetadataError, readAltText, writeAltText } from './alt-text-xmp';
import { fixture, TRICKY_TEXT } from './fixtures/container-parts';

const FIELDS = { altText: TRICKY_TEXT, lang: 'en', extendedDescription: 'Long.', provenance: { generator: 'Altscribe', reviewed: false } };
const ROUNDS = 200;

/** mulberry32: a small seeded generator. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A copy with a few bytes changed, most often in the metadata near the start, or cut short. */
function damage(bytes: Uint8Array, next: () => number): Uint8Array {
  const out = bytes.slice();
  const changes = 1 + Math.floor(next() * 4);
  for (let i = 0; i < changes; i++) {
    const at = Math.floor(next() ** 2 * out.length);
    const kind = next();
    if (kind < 0.5) out[at] = Math.floor(next() * 256);
    else if (kind < 0.8) out[at] = [0x3c, 0x3e, 0x22, 0x26, 0x00, 0xff][Math.floor(next() * 6)] as number;
    else out[at] = (out[at] as number) ^ (1 << Math.floor(next() * 8));
  }
  return next() < 0.2 ? out.subarray(0, Math.floor(next() * out.length)) : out;
}

describe('damaged photos', () => {
  it.each(['with-xmp.jpg', 'exif-icc.jpg', 'with-xmp.png', 'exif-icc.png', 'with-xmp.webp', 'lossless-alpha.webp'])('%s: never crashes, never writes what it cannot read back', (name) => {
    const next = random(name.length * 7919);
    const original = fixture(name);
    const outcomes = { written: 0, refused: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const bytes = damage(original, next);
      expect(() => readAltText(bytes)).not.toThrow();
      let written: Uint8Array;
      try {
        written = writeAltText(bytes, FIELDS);
      } catch (error) {
        expect(error).toBeInstanceOf(MetadataError);
        outcomes.refused++;
        continue;
      }
      outcomes.written++;
      expect(readAltText(written)).toEqual({ altText: FIELDS.altText, lang: 'en', extendedDescription: 'Long.' });
    }
    // Both paths were exercised: the damage is neither always fatal nor always harmless.
    expect(outcomes.written).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  });
});
