import type { CaptionRecord } from '../storage';
import { inspectFile, type FileInspector } from './inspect-file';
import { intakeKeyOfRecord, SKIPPED_PREFIX, type KnownItem } from './intake-plan';
import { runIntake, type IntakeRun } from './run-intake';
import type { IntakeItem } from './walk-entries';

/** What intake needs from the list it adds to. */
export type IntakeHost = Pick<IntakeRun, 'lookup' | 'applyBatch'>;

/**
 * The controller's intake: one batch at a time, so a photo in two drops in a row is still
 * found as one item (the second batch sees the first one's cards).
 */
export class Intake {
  /** Sniffs and hashes; main.ts hands in the intake worker's, Node tests use this in-page one. */
  inspect: FileInspector = inspectFile;
  private line: Promise<unknown> = Promise.resolve();

  /** Resolves to a sentence about the batch for screen readers ('' for an empty batch). */
  add(files: readonly (File | IntakeItem)[], host: IntakeHost): Promise<string> {
    const items = files.map((f) => ('file' in f ? f : { file: f }));
    const batch = this.line.then(() => runIntake(items, { inspect: this.inspect, ...host }));
    this.line = batch.catch(() => undefined);
    return batch;
  }
}

/**
 * The card under `key`, and whether this session holds its original. A scan: the list is an
 * array the controller replaces on every change, and photo keys compare as one string test each.
 */
export function findKnownCard(cards: readonly { record: CaptionRecord }[], originals: ReadonlyMap<string, unknown>, key: string): KnownItem | undefined {
  const card = key.startsWith(SKIPPED_PREFIX) ? cards.find((c) => intakeKeyOfRecord(c.record) === key) : cards.find((c) => c.record.hash === key);
  return card && { record: card.record, hasOriginal: originals.has(card.record.id) };
}
