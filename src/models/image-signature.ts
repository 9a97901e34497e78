/**
 * Recognises image files by their first bytes, not their name or the type the OS guessed: a
 * photo renamed to .txt is still a photo, and a PDF renamed to .jpg is not. Lets a non-image
 * fail at once with a clear message, without waiting for a model to load.
 */
export type ImageKind = 'jpeg' | 'png' | 'gif' | 'webp' | 'avif' | 'heic' | 'bmp' | 'tiff' | 'ico' | 'svg';

/** How many leading bytes `sniffImageKind` needs. */
export const SIGNATURE_BYTES = 64;

export function sniffImageKind(head: Uint8Array): ImageKind | null {
  const at = (offset: number, ...bytes: number[]): boolean => bytes.every((b, i) => head[offset + i] === b);
  const ascii = (offset: number, text: string): boolean => at(offset, ...[...text].map((c) => c.charCodeAt(0)));
  if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'webp';
  if (ascii(4, 'ftyp')) {
    const brand = String.fromCharCode(...head.slice(8, 12));
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (/^(heic|heix|hevc|hevx|mif1|msf1)$/.test(brand)) return 'heic';
  }
  if (ascii(0, 'BM')) return 'bmp';
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  if (at(0, 0x00, 0x00, 0x01, 0x00)) return 'ico';
  const text = new TextDecoder().decode(head).trimStart().toLowerCase();
  if (text.startsWith('<svg') || (text.startsWith('<?xml') && text.includes('<svg'))) return 'svg';
  return null;
}

/** A sentence for the card when a file is not a photo this app can describe. */
export function notAnImageMessage(fileName: string, byteSize: number, mimeType: string): string {
  if (byteSize === 0) return `${fileName} is empty (0 bytes), so there is no picture to describe.`;
  const type = mimeType ? ` (${mimeType})` : '';
  return `${fileName} is not an image${type}. Add JPEG, PNG, WebP, GIF or AVIF photos.`;
}
