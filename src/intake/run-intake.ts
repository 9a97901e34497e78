/**
 * Adds a batch of files: inspect (off the page, a few at a time), decide in order, and store the
 * cards in chunks. A chunk goes to the host when it holds INTAKE_CHUNK steps, when the files end
 * (a single dropped photo is stored at once), or when the next file is not inspected yet and the
 * chunk has waited CHUNK_PATIENCE_MS: a folder of 10,000 is stored in a few dozen transactions,
 * and its cards still appear a few times a second.
 */
import type { FileInspection, FileInspector } from './inspect-file';
import { intakeKeyOfItem, planIntake, type IntakeStep, type KnownItem } from './intake-plan';
import type { IntakeItem } from './walk-entries';
import { WorkAhead } from './work-ahead';

/** The most steps handed to the host at once: one IndexedDB transaction's worth. */
export const INTAKE_CHUNK = 250;
/**
 * Files inspected at once, and the most bytes of them held in memory (each is read whole, see
 * inspect-file.ts): enough to hide each read's round trips, few enough that the page still has a
 * core for the cards it stores and shows meanwhile (32 at once added 10,000 photos faster but made
 * more long tasks, README's backlog runs); big files are read a few at a time.
 */
export const INSPECTING = 8;
export const INSPECTING_BYTES = 128 * 1024 * 1024;
/**
 * How long a chunk may wait for more files before it is stored anyway. Flushing whenever the next
 * file was not ready yet made chunks of a few photos each while the model held the CPU.
 */
export const CHUNK_PATIENCE_MS = 250;

/** Whether a chunk goes to the host now (see the top of this file). */
export function chunkDue(size: number, nextReady: boolean, openedAt: number, now: number): boolean {
  return size >= INTAKE_CHUNK || (size > 0 && !nextReady && now - openedAt >= CHUNK_PATIENCE_MS);
}

/** A step and the item it was made from (its file handle, if any, is kept with the card). */
export interface PlannedStep {
  step: IntakeStep;
  item: IntakeItem;
}

export interface IntakeRun {
  inspect: FileInspector;
  /** The card already in the list under this key, if any (see intakeKeyOfRecord). */
  lookup: (key: string) => KnownItem | undefined;
  /**
   * Makes a chunk of steps real, in order. May answer, per step, with the step that really
   * happened: a photo another tab stored a moment earlier turns an 'add' into a 'duplicate'.
   */
  applyBatch: (batch: readonly PlannedStep[]) => Promise<readonly (IntakeStep | void)[]>;
  newId?: () => string;
  clock?: () => number;
}

/** Runs the batch and returns one sentence for screen readers about what happened to it. */
export async function runIntake(items: readonly IntakeItem[], run: IntakeRun): Promise<string> {
  const newId = run.newId ?? (() => crypto.randomUUID());
  const clock = run.clock ?? Date.now;
  const inspections = new WorkAhead(items.length, (i) => inspectSafely(items[i] as IntakeItem, run.inspect), { parallel: INSPECTING, ahead: INTAKE_CHUNK, bytes: INSPECTING_BYTES }, (i) => (items[i] as IntakeItem).file.size);
  const steps: IntakeStep[] = [];
  let chunk: PlannedStep[] = [];
  // The host only sees a chunk once it is applied: a second copy of a photo earlier in the same
  // chunk is found here, so it still makes one card.
  const planned = new Map<string, KnownItem>();
  const flush = async () => {
    if (!chunk.length) return;
    const applied = await run.applyBatch(chunk);
    chunk.forEach(({ step }, i) => steps.push(applied[i] ?? step));
    chunk = [];
    planned.clear();
  };
  let last = 0;
  let openedAt = 0;
  for (let i = 0; i < items.length; i++) {
    // Nothing more is ready and the chunk has waited: store it while the next files are hashed.
    if (chunkDue(chunk.length, inspections.isDone(i), openedAt, clock())) await flush();
    const [item, inspection] = await inspections.take(i);
    const key = intakeKeyOfItem(item, inspection);
    // Strictly increasing, so the list keeps the folder's order after a reload (it sorts by createdAt).
    const now = Math.max(clock(), last + 1);
    const known = key === undefined ? undefined : (planned.get(key) ?? run.lookup(key));
    const step = withItemContext(planIntake(item, inspection, known, { id: newId(), now }), item);
    if ('record' in step) last = now;
    const after = knownAfter(step, known);
    if (key !== undefined && after) planned.set(key, after);
    if (!chunk.length) openedAt = clock();
    chunk.push({ step, item });
    if (chunkDue(chunk.length, true, openedAt, clock())) await flush();
  }
  await flush();
  return intakeSummary(steps);
}

/** The person's context for the batch is stored with each card the batch adds; a photo already in the list keeps its own. */
function withItemContext(step: IntakeStep, item: IntakeItem): IntakeStep {
  if (!item.context || !('record' in step)) return step;
  return { ...step, record: { ...step.record, context: item.context } };
}

/** What the list will know under the step's key once the step is applied. */
function knownAfter(step: IntakeStep, before: KnownItem | undefined): KnownItem | undefined {
  if (step.action === 'add') return { record: step.record, hasOriginal: true };
  if (step.action === 'skip') return { record: step.record, hasOriginal: false };
  if (!before) return undefined;
  return { record: step.patch ? { ...before.record, ...step.patch } : before.record, hasOriginal: before.hasOriginal || step.file !== undefined };
}

/** A file the browser cannot read (moved, permission, worker crash) becomes a skipped card. */
async function inspectSafely(item: IntakeItem, inspect: FileInspector): Promise<[IntakeItem, FileInspection]> {
  if (item.unreadable) return [item, { kind: null }];
  try {
    // Once more on failure: a crashed worker fails every file it was reading (INSPECTING of them),
    // and all but the one that crashed it read fine in the fresh worker.
    return [item, await inspect(item.file).catch(() => inspect(item.file))];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [{ ...item, unreadable: `it could not be read (${reason})` }, { kind: null }];
  }
}

/**
 * One announcement per batch, not one per file: names when there are few, counts when a
 * folder brings hundreds. "Added N photos" counts photos only; a file picked by hand that is
 * not one still gets a card (which says why it cannot be captioned), and is counted with the
 * files a folder brought that are not photos.
 */
export function intakeSummary(steps: readonly IntakeStep[]): string {
  const of = <A extends IntakeStep['action']>(action: A) => steps.filter((s): s is Extract<IntakeStep, { action: A }> => s.action === action);
  // Only photos are hashed (see inspectFile), so a card without a hash is not one.
  const added = of('add').filter((s) => s.record.hash !== undefined).length;
  const notPhotos = [...of('skip'), ...of('add').filter((s) => s.record.hash === undefined)];
  const requeued = of('requeue');
  const duplicates = of('duplicate');
  const parts: string[] = [];
  if (added) parts.push(`Added ${plural(added, 'photo')}.`);
  // Photos whose own metadata held alt-text (see planIntake): counted apart, as they will not be captioned.
  const carried = of('add').filter((s) => s.record.review === 'imported').length;
  if (carried) parts.push(`${carried === added ? (added === 1 ? 'It' : 'All of them') : String(carried)} already carried alt-text, imported instead of captioned.`);
  if (requeued.length) {
    parts.push(requeued.length <= 3 ? `${list(requeued.map((s) => s.name))} ${requeued.length === 1 ? 'was' : 'were'} unfinished and ${requeued.length === 1 ? 'is' : 'are'} queued again.` : `${requeued.length} unfinished photos are queued again.`);
  }
  if (notPhotos.length <= 3) for (const s of notPhotos) parts.push(notPhotoSentence(s));
  else parts.push(`${notPhotos.length} files were not added as photos (not a photo, empty or unreadable); each is listed with the reason.`);
  if (duplicates.length <= 3) for (const s of duplicates) parts.push(`${s.name} is already in the list${s.existing !== s.name ? ` as ${s.existing}` : ''}.`);
  else parts.push(`${duplicates.length} files are already in the list and were not added again.`);
  return parts.join(' ');
}

function notPhotoSentence(step: Extract<IntakeStep, { action: 'skip' | 'add' }>): string {
  const { fileName, error } = step.record;
  return step.action === 'skip' ? `${fileName} was skipped: ${error}.` : `${fileName} is not a photo; its card says why.`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function list(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
