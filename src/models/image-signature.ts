/**
 * Recognises image files by their first bytes, not their name or the type the OS guessed: a
 * photo renamed to .txt is still a photo, and a PDF renamed to .jpg is not. Lets a non-image
 * fail at once with a clear message, without waiting for a model to load.
 */
export type ImageKind = 'jpeg' | 'png' | 'gif' | 'webp' | 'avif' | 'heic' | 'bmp' | 'tiff' | 'raw' | 'ico' | 'svg' | 'jxl' | 'psd';

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
    const ftypEnd = Math.min(head.length, ((head[0] ?? 0) << 24) | ((head[1] ?? 0) << 16) | ((head[2] ?? 0) << 8) | (head[3] ?? 0));
    // Major brand, then (after a version) the compatible brands: an AVIF may be labelled 'mif1' first.
    const brands = [8, ...Array.from({ length: Math.max(0, (ftypEnd - 16) / 4) }, (_, i) => 16 + i * 4)].map((o) => String.fromCharCode(...head.slice(o, o + 4)));
    if (brands.some((b) => b === 'avif' || b === 'avis')) return 'avif';
    if (brands[0] === 'crx ') return 'raw';
    if (/^(heic|heix|heim|heis|hevc|hevx|hevm|hevs|mif1|msf1)$/.test(brands[0] ?? '')) return 'heic';
  }
  if (ascii(0, 'BM')) return 'bmp';
  // Camera RAW files that are not plain TIFF: Canon CR2, Olympus ORF, Panasonic RW2, Fujifilm RAF.
  if ((at(0, 0x49, 0x49, 0x2a, 0x00) && ascii(8, 'CR')) || ascii(0, 'IIRO') || ascii(0, 'IIRS') || at(0, 0x49, 0x49, 0x55, 0x00) || ascii(0, 'FUJIFILMCCD-RAW')) return 'raw';
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a) || at(0, 0x49, 0x49, 0x2b, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2b)) return 'tiff';
  if (at(0, 0x00, 0x00, 0x01, 0x00) || at(0, 0x00, 0x00, 0x02, 0x00)) return 'ico';
  if (at(0, 0xff, 0x0a) || (at(0, 0x00, 0x00, 0x00, 0x0c) && ascii(4, 'JXL '))) return 'jxl';
  if (ascii(0, '8BPS')) return 'psd';
  const text = new TextDecoder().decode(head).trimStart().toLowerCase();
  if (text.startsWith('<svg') || (text.startsWith('<?xml') && text.includes('<svg'))) return 'svg';
  return null;
}

/** A sentence for the card when a file is not a photo this app can describe. */
export function notAnImageMessage(fileName: string, byteSize: number, mimeType: string): string {
  if (byteSize === 0) return `${fileName} is empty (0 bytes), so there is no picture to describe.`;
  // The type comes from the name, so an image type here means the name lies about the contents.
  if (mimeType.startsWith('image/')) return `${fileName} is not an image: its name says ${mimeType}, but its contents are not a picture format. Add JPEG, PNG, WebP, GIF or AVIF photos.`;
  const type = mimeType ? ` (${mimeType})` : '';
  return `${fileName} is not an image${type}. Add JPEG, PNG, WebP, GIF or AVIF photos.`;
}

/** Image formats this app's decoder (the browser, in a worker) cannot open, and what to do instead. */
const UNDECODABLE: Partial<Record<ImageKind, (fileName: string) => string>> = {
  heic: (f) => `Your browser cannot decode HEIC/HEIF photos, so ${f} cannot be described. Export it as JPEG or PNG: on an iPhone set Settings › Camera › Formats to Most Compatible, or export the photo from Photos as JPEG.`,
  tiff: (f) => `Your browser cannot decode TIFF images (nor camera RAW files such as DNG, NEF or ARW, which are TIFF inside), so ${f} cannot be described. Export it as JPEG or PNG from an image editor or your camera software.`,
  raw: (f) => `Your browser cannot decode camera RAW files, so ${f} cannot be described. Export it as JPEG from your camera software or a photo editor.`,
  jxl: (f) => `Your browser cannot decode JPEG XL images, so ${f} cannot be described. Export it as JPEG or PNG (e.g. with an image editor, or djxl).`,
  psd: (f) => `Your browser cannot decode Photoshop documents, so ${f} cannot be described. Export it as JPEG or PNG (in Photoshop: File › Export › Export As).`,
  svg: (f) => `${f} is an SVG drawing. Altscribe does not open SVG files: they can contain scripts, and the caption worker cannot draw them. Export it as PNG or JPEG (e.g. from a vector editor) and add that.`,
};

/**
 * The card's sentence for an image format that cannot be decoded here, naming what to do;
 * null for formats that can (JPEG, PNG, GIF, WebP, AVIF, BMP, ICO).
 */
export function undecodableFormatMessage(fileName: string, kind: ImageKind): string | null {
  return UNDECODABLE[kind]?.(fileName) ?? null;
}
