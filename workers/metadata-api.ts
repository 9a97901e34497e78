import { transfer } from 'comlink';
import { containerOf, MetadataError, readAltText, writeAltText, type AltTextFields } from '../src/metadata/alt-text-xmp';
import { sha256Hex } from '../src/intake/inspect-file';

/** Why a photo was not given its alt-text; `message` completes "<photo>: …". */
export type EmbedRefusal = { ok: false; reason: 'changed' | 'unsupported' | 'damaged' | 'too-large' | 'unverified' | 'unreadable'; message: string };
/** `hash` is the written bytes' SHA-256: the photo's new identity once it replaces an original. */
export type EmbedResult = { ok: true; bytes: Uint8Array; hash: string } | EmbedRefusal;

/**
 * The metadata worker's surface: a photo read whole, hashed, rewritten with its alt-text and read
 * back is tens of megabytes of byte work per photo, so it happens here and the page stays
 * responsive. Stateless: a crashed worker fails only the photos it was working on.
 */
export class MetadataWorkerApi {
  /**
   * The photo's bytes with `fields` written in, checked by reading them back. With `expectedHash`
   * the photo must still be the one that was captioned (SHA-256, as intake hashes it).
   */
  async embed(file: Blob, fields: AltTextFields, expectedHash?: string): Promise<EmbedResult> {
    let buffer: ArrayBuffer;
    try {
      buffer = await file.arrayBuffer();
    } catch (error) {
      return { ok: false, reason: 'unreadable', message: `could not be read (${error instanceof Error ? error.message : String(error)}).` };
    }
    if (expectedHash !== undefined && (await sha256Hex(buffer)) !== expectedHash) {
      return { ok: false, reason: 'changed', message: 'changed on disk since it was captioned, so it was not written.' };
    }
    const bytes = new Uint8Array(buffer);
    if (!containerOf(bytes)) return { ok: false, reason: 'unsupported', message: 'this format cannot carry metadata, use the CSV.' };
    let written: Uint8Array;
    try {
      written = writeAltText(bytes, fields);
    } catch (error) {
      if (error instanceof MetadataError) return { ok: false, reason: error.code === 'unsupported-container' ? 'unsupported' : error.code, message: refusalText(error) };
      throw error;
    }
    if (readAltText(written)?.altText !== fields.altText) return { ok: false, reason: 'unverified', message: 'the alt-text did not read back the same, so it was not saved.' };
    // Moved to the page, not copied: a photo can be tens of megabytes.
    const hash = await sha256Hex(written.buffer.slice(written.byteOffset, written.byteOffset + written.byteLength) as ArrayBuffer);
    return transfer({ ok: true, bytes: written, hash }, [written.buffer as ArrayBuffer]);
  }

  /** The alt-text a saved file carries now: the check after writing into an original. */
  async altTextOf(file: Blob): Promise<string | null> {
    return readAltText(new Uint8Array(await file.arrayBuffer()))?.altText ?? null;
  }
}

function refusalText(error: MetadataError): string {
  if (error.code === 'unsupported-container') return 'this format cannot carry metadata, use the CSV.';
  if (error.code === 'too-large') return 'its metadata would be too large for the format, use the CSV.';
  return `its metadata is damaged, so nothing was written (${error.message}).`;
}
