// Public API for alt-text that travels inside the photo (IPTC Photo Metadata 2021.1 accessibility
// fields in XMP). Pure byte work, no DOM: used by the page, the workers and Node tests alike.

export type MetadataContainer = 'jpeg' | 'png' | 'webp';

export interface AltTextFields {
  /** Iptc4xmpCore:AltTextAccessibility */
  altText: string;
  /** BCP 47, e.g. 'en'; written as x-default and as this language. */
  lang: string;
  /** Iptc4xmpCore:ExtDescrAccessibility */
  extendedDescription?: string;
  /** Kept out of the IPTC fields, in the Altscribe XMP namespace. */
  provenance?: { modelId?: string; reviewed: boolean; reviewPriority?: number; generator: string };
}

export interface ReadAltText {
  altText: string;
  lang: string | null;
  extendedDescription?: string;
}

export type MetadataErrorCode = 'unsupported-container' | 'damaged' | 'too-large';

export class MetadataError extends Error {
  readonly code: MetadataErrorCode;
  constructor(code: MetadataErrorCode, message: string) {
    super(message);
    this.name = 'MetadataError';
    this.code = code;
  }
}

export function containerOf(_bytes: Uint8Array): MetadataContainer | null {
  throw new Error('not implemented');
}

export function writeAltText(_bytes: Uint8Array, _fields: AltTextFields): Uint8Array {
  throw new Error('not implemented');
}

export function readAltText(_bytes: Uint8Array): ReadAltText | null {
  throw new Error('not implemented');
}
