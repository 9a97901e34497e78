/**
 * The types shared by the container modules and the public API (alt-text-xmp.ts re-exports
 * them); kept apart so the containers need not import the module that imports them.
 */

export type MetadataContainer = 'jpeg' | 'png' | 'webp';

export interface AltTextFields {
  /** Iptc4xmpCore:AltTextAccessibility. */
  altText: string;
  /**
   * BCP 47, e.g. 'en'; written as x-default and as this language. A value that is not a
   * language tag (or 'x-default') writes the x-default entry only.
   */
  lang: string;
  /**
   * Iptc4xmpCore:ExtDescrAccessibility. Undefined keeps whatever description the photo already
   * has (another tool's words are not ours to drop); an empty string removes it.
   */
  extendedDescription?: string;
  /** Kept out of the IPTC fields, in the Altscribe XMP namespace (ALTSCRIBE_NS). */
  provenance?: { modelId?: string; reviewed: boolean; reviewPriority?: number; generator: string };
}

export interface ReadAltText {
  altText: string;
  /** The language whose entry matches the x-default text; null when none says. */
  lang: string | null;
  extendedDescription?: string;
}

export type MetadataErrorCode = 'unsupported-container' | 'damaged' | 'too-large';

/** Why alt-text cannot be written into a file; `message` is a sentence for the person. */
export class MetadataError extends Error {
  readonly code: MetadataErrorCode;
  constructor(code: MetadataErrorCode, message: string) {
    super(message);
    this.name = 'MetadataError';
    this.code = code;
  }
}

/** Larger packets are neither read nor merged: parsing them would cost more than any photo's worth. */
export const MAX_PACKET_BYTES = 16 * 1024 * 1024;
