import { describe, expect, it } from 'vitest';
import { notAnImageMessage, sniffImageKind } from './image-signature';

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
});
