/**
 * Decides what one added file becomes: a new card, a skipped card, a second sighting of a
 * photo already in the list, or the original that an unfinished card was waiting for.
 * Pure: the controller applies the step, so the rules can be tested without storage or UI.
 */
import { flagAltText } from '../alttext';
import type { CaptionPatch, CaptionRecord } from '../storage';
import type { FileInspection } from './inspect-file';
import type { IntakeItem } from './walk-entries';

/** A card already in the list whose key matches the added file. */
export interface KnownItem {
  record: CaptionRecord;
  /** This session holds the original, so the card can already be captioned or retried. */
  hasOriginal: boolean;
}

export type IntakeStep =
  /** A new card, queued for captioning. */
  | { action: 'add'; record: CaptionRecord; file: File }
  /** A new card for a file from a folder that is not a photo; never captioned. */
  | { action: 'skip'; record: CaptionRecord }
  /** An unfinished card (interrupted by a reload) gets its original back and is queued again. */
  | { action: 'requeue'; id: string; name: string; patch: CaptionPatch; file: File }
  /** The same photo again: no new card; the original is kept if the card had lost it. */
  | { action: 'duplicate'; id: string; name: string; patch?: CaptionPatch; file?: File; existing: string };

/** Statuses whose caption never finished; their card can take the original back and run. */
const UNFINISHED = new Set<CaptionRecord['status']>(['queued', 'running', 'failed']);

/** A queued card starts from nothing, as a Retry does. */
const REQUEUE: CaptionPatch = { status: 'queued', error: undefined, text: '', modelText: undefined, flags: undefined, regenerated: undefined };

/**
 * What makes two files one item. Photos: their SHA-256. Skipped files are not hashed (a folder
 * may hold a 4 GB video), so their place and size stand in.
 */
export function intakeKeyOfRecord(record: CaptionRecord): string | undefined {
  if (record.hash) return record.hash;
  return record.status === 'skipped' ? skippedKey(record.relativePath ?? record.fileName, record.byteSize) : undefined;
}

export function intakeKeyOfItem(item: IntakeItem, inspection: FileInspection): string | undefined {
  if (inspection.hash) return inspection.hash;
  return isSkipped(item, inspection) ? skippedKey(item.relativePath ?? item.file.name, item.file.size) : undefined;
}

/** Why a file from a folder is listed but not captioned, in words for its card. */
export function skippedReason(item: IntakeItem): string {
  if (item.unreadable) return item.unreadable;
  if (item.file.size === 0) return 'it is empty (0 bytes)';
  return `not a photo (${item.file.type || 'unknown type'})`;
}

export function planIntake(item: IntakeItem, inspection: FileInspection, known: KnownItem | undefined, stamp: { id: string; now: number }): IntakeStep {
  const name = item.file.name || 'pasted photo';
  if (known) {
    const { record, hasOriginal } = known;
    const path = item.relativePath && !record.relativePath ? { relativePath: item.relativePath } : undefined;
    const original = !hasOriginal && inspection.kind ? item.file : undefined;
    // Only the model's own unfinished work is redone; a person's or an imported text stays.
    if (original && UNFINISHED.has(record.status) && record.review === 'unreviewed') {
      return { action: 'requeue', id: record.id, name: record.fileName, patch: { ...REQUEUE, ...path }, file: original };
    }
    return { action: 'duplicate', id: record.id, name, existing: record.relativePath ?? record.fileName, ...(path ? { patch: path } : {}), ...(original ? { file: original } : {}) };
  }
  const record: CaptionRecord = {
    id: stamp.id,
    fileName: name,
    ...(item.relativePath ? { relativePath: item.relativePath } : {}),
    ...(inspection.hash ? { hash: inspection.hash } : {}),
    mimeType: item.file.type,
    byteSize: item.file.size,
    status: 'queued',
    text: '',
    review: 'unreviewed',
    createdAt: stamp.now,
    updatedAt: stamp.now,
  };
  if (isSkipped(item, inspection)) return { action: 'skip', record: { ...record, status: 'skipped', error: skippedReason(item) } };
  // A non-image chosen on its own still becomes a card that fails with the full explanation.
  return { action: 'add', record: { ...record, ...embeddedPatch(inspection) }, file: item.file };
}

/**
 * A photo that already carries alt-text in its metadata is imported, as a CSV row would be:
 * done, marked 'imported', and never captioned (a backlog where a tenth has alt-text costs a
 * tenth less).
 */
function embeddedPatch(inspection: FileInspection): Pick<CaptionRecord, 'status' | 'text' | 'review' | 'flags'> | undefined {
  const embedded = inspection.embeddedAltText;
  return embedded ? { status: 'done', text: embedded.text, review: 'imported', flags: flagAltText(embedded.text) } : undefined;
}

/** Whether the step leaves its card waiting for a caption (an imported one does not). */
export function queuesCaption(step: IntakeStep): boolean {
  if (step.action === 'add') return step.record.status === 'queued';
  return step.action === 'requeue';
}

/** Only files swept up with a folder are skipped; a file the person picked by hand gets an error. */
function isSkipped(item: IntakeItem, inspection: FileInspection): boolean {
  return item.unreadable !== undefined || (!inspection.kind && item.relativePath !== undefined);
}

/** Keys of skipped files start with this; photo keys are 64 hex digits. */
export const SKIPPED_PREFIX = 'skipped:';

function skippedKey(path: string, byteSize: number): string {
  return `${SKIPPED_PREFIX}${byteSize}:${path}`;
}
