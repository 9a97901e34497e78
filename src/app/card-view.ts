import { flagAltText } from '../alttext';
import type { CaptionRecord } from '../storage';

// The stored record types as the UI needs them: src/ui never imports src/storage, not even types,
// so a card's record type comes through the app layer, which owns storage.
export type { CaptionRecord, CaptionReview, CaptionStatus, TextVersion } from '../storage';

/** One photo as the list shows it: its stored record plus what lives only in this session (streamed text: CardStreams). */
export interface CardView {
  record: CaptionRecord;
  /** The first text repeated itself and the model is describing the photo once more. */
  regenerating?: boolean;
  /** The original photo, this session only, so the card shows it before a thumbnail exists. */
  original?: Blob;
  /** The original is still in memory, so a failed or cancelled caption can be retried. */
  canRetry: boolean;
}

/**
 * The record for a caption the person picked in the compare view: a finished card like any
 * other, still marked as the model's unreviewed words.
 */
export function adoptedRecord(file: File, text: string, source: { modelId: string; durationMs: number }, now = Date.now()): CaptionRecord {
  return {
    id: crypto.randomUUID(),
    fileName: file.name || 'pasted photo',
    mimeType: file.type,
    byteSize: file.size,
    status: 'done',
    text,
    flags: flagAltText(text),
    review: 'unreviewed',
    modelId: source.modelId,
    durationMs: source.durationMs,
    createdAt: now,
    updatedAt: now,
  };
}
