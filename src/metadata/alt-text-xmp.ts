/**
 * Alt-text that travels inside the photo: the IPTC Photo Metadata 2021.1 accessibility fields
 * (Iptc4xmpCore:AltTextAccessibility, ExtDescrAccessibility) in the photo's XMP. Pure byte work,
 * no DOM: the page, the workers and Node tests use it alike. Only the XMP segment or chunk is
 * added or replaced; every other byte (image data, EXIF, ICC, IPTC-IIM, other XMP properties)
 * is kept.
 */
import { readJpegAltText, writeJpegAltText } from './jpeg-xmp';
import { MetadataError, type AltTextFields, type MetadataContainer, type ReadAltText } from './metadata-error';
import { readPngAltText, writePngAltText } from './png-xmp';
import { readWebpAltText, writeWebpAltText } from './webp-xmp';

export { MetadataError, type AltTextFields, type MetadataContainer, type MetadataErrorCode, type ReadAltText } from './metadata-error';
export { ALTSCRIBE_NS, IPTC_CORE_NS } from './xmp-packet';

function ascii(bytes: Uint8Array, offset: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** The container by its signature; null for anything this module cannot write into. */
export function containerOf(bytes: Uint8Array): MetadataContainer | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes[0] === 0x89 && ascii(bytes, 1, 'PNG\r\n\x1a\n')) return 'png';
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'webp';
  return null;
}

/**
 * The photo with `fields` written into its XMP. Throws MetadataError: 'unsupported-container'
 * for anything but JPEG, PNG and WebP; 'damaged' when the file or its XMP cannot be parsed
 * (a damaged packet is refused rather than replaced, so no one's metadata is lost); 'too-large'
 * when the packet does not fit (a JPEG segment holds 65,533 bytes; Extended XMP is not written).
 */
export function writeAltText(bytes: Uint8Array, fields: AltTextFields): Uint8Array {
  const container = containerOf(bytes);
  if (container === 'jpeg') return writeJpegAltText(bytes, fields);
  if (container === 'png') return writePngAltText(bytes, fields);
  if (container === 'webp') return writeWebpAltText(bytes, fields);
  throw new MetadataError('unsupported-container', 'Only JPEG, PNG and WebP photos can carry alt-text in their metadata here. Use the CSV export for this photo.');
}

/**
 * The alt-text a photo already carries; null when it has none, or its container or XMP cannot
 * be parsed. Never throws. Reads only the metadata segments or chunks, never the image data.
 */
export function readAltText(bytes: Uint8Array): ReadAltText | null {
  try {
    const container = containerOf(bytes);
    if (container === 'jpeg') return readJpegAltText(bytes);
    if (container === 'png') return readPngAltText(bytes);
    if (container === 'webp') return readWebpAltText(bytes);
    return null;
  } catch {
    return null;
  }
}
