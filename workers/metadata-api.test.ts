import { describe, expect, it } from 'vitest';
import { readAltText } from '../src/metadata/alt-text-xmp';
import { fixture } from '../src/metadata/fixtures/container-parts';
import { sha256Hex } from '../src/intake/inspect-file';
import { MetadataWorkerApi } from './metadata-api';

const api = new MetadataWorkerApi();
const FIELDS = { altText: 'A red circle on “blue” & <green>.', lang: 'en', provenance: { reviewed: false, generator: 'Altscribe' } };
const blob = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)]);

describe('the metadata worker', () => {
  it.each(['plain.jpg', 'plain.png', 'lossy.webp'])('writes %s and checks the result reads back', async (name) => {
    const bytes = fixture(name);
    const result = await api.embed(blob(bytes), FIELDS, await sha256Hex(new Uint8Array(bytes).buffer));
    if (!result.ok) throw new Error(result.message);
    expect(readAltText(result.bytes)).toMatchObject({ altText: FIELDS.altText, lang: 'en' });
    expect(await api.altTextOf(blob(result.bytes))).toBe(FIELDS.altText);
  });

  it('refuses a photo whose bytes no longer hash to the captioned one', async () => {
    expect(await api.embed(blob(fixture('plain.png')), FIELDS, '0'.repeat(64))).toMatchObject({ ok: false, reason: 'changed' });
  });

  it('says a GIF cannot carry metadata', async () => {
    const gif = new TextEncoder().encode('GIF89a\x01\x00\x01\x00\x00\x00\x00;');
    expect(await api.embed(blob(gif), FIELDS)).toEqual({ ok: false, reason: 'unsupported', message: 'this format cannot carry metadata, use the CSV.' });
  });

  it('refuses a damaged JPEG without throwing', async () => {
    const cut = fixture('plain.jpg').subarray(0, 30);
    expect(await api.embed(blob(cut), FIELDS)).toMatchObject({ ok: false, reason: 'damaged' });
  });
});
