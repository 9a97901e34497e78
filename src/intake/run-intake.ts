/**
 * Adds a batch of files one at a time: inspect (off the page), decide, apply. One at a time so
 * a second copy of a photo in the same folder finds the first one's card, and so a folder of
 * 10,000 photos holds at most two of them in memory.
 */
import type { FileInspection, FileInspector } from './inspect-file';
import { intakeKeyOfItem, planIntake, type IntakeStep, type KnownItem } from './intake-plan';
import type { IntakeItem } from './walk-entries';

export interface IntakeRun {
  inspect: FileInspector;
  /** The card already in the list under this key, if any (see intakeKeyOfRecord). */
  lookup: (key: string) => KnownItem | undefined;
  /**
   * `item` is what the step was made from (its file handle, if any, is kept with the card).
   * May answer with the step that really happened: a photo another tab stored a moment earlier
   * turns an 'add' into a 'duplicate'.
   */
  apply: (step: IntakeStep, item: IntakeItem) => Promise<IntakeStep | void>;
  newId?: () => string;
  clock?: () => number;
}

/** Runs the batch and returns one sentence for screen readers about what happened to it. */
export async function runIntake(items: readonly IntakeItem[], run: IntakeRun): Promise<string> {
  const newId = run.newId ?? (() => crypto.randomUUID());
  const clock = run.clock ?? Date.now;
  const steps: IntakeStep[] = [];
  let last = 0;
  // The next file is hashed while this one's card is saved.
  let next = items[0] ? inspectSafely(items[0], run.inspect) : undefined;
  for (let i = 0; i < items.length; i++) {
    const [item, inspection] = await (next as Promise<[IntakeItem, FileInspection]>);
    next = items[i + 1] ? inspectSafely(items[i + 1] as IntakeItem, run.inspect) : undefined;
    const key = intakeKeyOfItem(item, inspection);
    // Strictly increasing, so the list keeps the folder's order after a reload (it sorts by createdAt).
    const now = Math.max(clock(), last + 1);
    const step = planIntake(item, inspection, key === undefined ? undefined : run.lookup(key), { id: newId(), now });
    if ('record' in step) last = now;
    steps.push((await run.apply(step, item)) ?? step);
  }
  return intakeSummary(steps);
}

/** A file the browser cannot read (moved, permission, worker crash) becomes a skipped card. */
async function inspectSafely(item: IntakeItem, inspect: FileInspector): Promise<[IntakeItem, FileInspection]> {
  if (item.unreadable) return [item, { kind: null }];
  try {
    return [item, await inspect(item.file)];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [{ ...item, unreadable: `it could not be read (${reason})` }, { kind: null }];
  }
}

/**
 * One announcement per batch, not one per file: names when there are few, counts when a
 * folder brings hundreds.
 */
export function intakeSummary(steps: readonly IntakeStep[]): string {
  const of = <A extends IntakeStep['action']>(action: A) => steps.filter((s): s is Extract<IntakeStep, { action: A }> => s.action === action);
  const added = of('add').length;
  const requeued = of('requeue');
  const skipped = of('skip');
  const duplicates = of('duplicate');
  const parts: string[] = [];
  if (added) parts.push(`Added ${plural(added, 'photo')}.`);
  if (requeued.length) {
    parts.push(requeued.length <= 3 ? `${list(requeued.map((s) => s.name))} ${requeued.length === 1 ? 'was' : 'were'} unfinished and ${requeued.length === 1 ? 'is' : 'are'} queued again.` : `${requeued.length} unfinished photos are queued again.`);
  }
  if (skipped.length <= 3) for (const s of skipped) parts.push(`${s.record.fileName} was skipped: ${s.record.error}.`);
  else parts.push(`${skipped.length} files were skipped because they are not photos; each is listed with the reason.`);
  if (duplicates.length <= 3) for (const s of duplicates) parts.push(`${s.name} is already in the list${s.existing !== s.name ? ` as ${s.existing}` : ''}.`);
  else parts.push(`${duplicates.length} files are already in the list and were not added again.`);
  return parts.join(' ');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function list(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
