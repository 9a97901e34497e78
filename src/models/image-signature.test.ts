import { describe, expect, it } from 'vitest';
import { notAnImageMessage, sniffImageKind, undecodableFormatMessage } from './image-signature';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffImageKind', () => {
  it.each([
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF')],
    ['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR')],
    ['gif', bytes('GIF89a', [1, 0, 1, 0])],
    ['webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')],
    ['avif', bytes([0, 0, 0, 0x1c], 'ftypavif', [0, 0, 0, 0])],
    ['heic', bytes([0, 0, 0, 0x18], 'ftypheic')],
    ['bmp', bytes('BM', [0x36, 0, 0, 0])],
    ['svg', bytes('  <?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['avif', bytes([0, 0, 0, 0x20], 'ftypmif1', [0, 0, 0, 0], 'mif1avifmiaf')],
    ['heic', bytes([0, 0, 0, 0x18], 'ftypmif1', [0, 0, 0, 0], 'mif1heic')],
    ['tiff', bytes('MM', [0, 0x2a, 0, 0, 0, 8])],
    ['raw', bytes('II', [0x2a, 0, 0x10, 0, 0, 0], 'CR', [2, 0])],
    ['raw', bytes([0, 0, 0, 0x18], 'ftypcrx ')],
    ['jxl', bytes([0xff, 0x0a, 0xfa])],
    ['jxl', bytes([0, 0, 0, 0x0c], 'JXL ', [0x0d, 0x0a, 0x87, 0x0a])],
    ['psd', bytes('8BPS', [0, 1])],
  ] as const)('recognises %s', (kind, head) => {
    expect(sniffImageKind(head)).toBe(kind);
  });

  it.each([
    ['PDF', bytes('%PDF-1.7\n')],
    ['plain text', bytes('hello, this is not a photo')],
    ['zip', bytes('PK', [3, 4, 20, 0])],
    ['MP4 video', bytes([0, 0, 0, 0x18], 'ftypisom')],
    ['empty file', new Uint8Array(0)],
  ])('rejects %s', (_name, head) => {
    expect(sniffImageKind(head)).toBeNull();
  });
});

describe('notAnImageMessage', () => {
  it('names the file and its type', () => {
    expect(notAnImageMessage('report.pdf', 1200, 'application/pdf')).toBe('report.pdf is not an image (application/pdf). Add JPEG, PNG, WebP, GIF or AVIF photos.');
  });
  it('says when a file is empty', () => {
    expect(notAnImageMessage('blank.jpg', 0, 'image/jpeg')).toMatch(/empty/);
  });
  it('says the name lies when the type guessed from it is an image type', () => {
    expect(notAnImageMessage('notes.jpg', 600, 'image/jpeg')).toBe('notes.jpg is not an image: its name says image/jpeg, but its contents are not a picture format. Add JPEG, PNG, WebP, GIF or AVIF photos.');
  });
});

describe('undecodableFormatMessage', () => {
  it.each(['heic', 'tiff', 'raw', 'jxl', 'psd'] as const)('tells what to do with %s', (kind) => {
    expect(undecodableFormatMessage('x.file', kind)).toMatch(/^Your browser cannot decode .+, so x\.file cannot be described\. Export it as JPEG/);
  });
  it('refuses SVG for its scripts', () => {
    expect(undecodableFormatMessage('logo.svg', 'svg')).toMatch(/^logo\.svg is an SVG drawing\. Altscribe does not open SVG files: they can contain scripts/);
  });
  it.each(['jpeg', 'png', 'gif', 'webp', 'avif', 'bmp', 'ico'] as const)('lets %s through to the decoder', (kind) => {
    expect(undecodableFormatMessage('x', kind)).toBeNull();
  });
});
