import { inspectFile, type FileInspector } from './inspect-file';
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
