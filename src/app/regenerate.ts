import { flagAltText } from '../alttext';
import type { CaptionRecord, CaptionReview, TextVersion } from '../storage/schema';
import type { CardView } from './card-view';

/** Earlier texts kept per photo: enough to undo a few regenerations, small enough for 10,000 records. */
export const HISTORY_LIMIT = 10;

export interface RegenerateOptions {
  /** The person agreed to replace an edited, approved or imported text. */
  confirmed?: boolean;
}

/**
 * What a regenerate request did: 'started' queued a new caption; the others changed nothing
 * and say why, so the UI can explain ('needs-photo': the original is no longer in memory).
 */
export type RegenerateResult = 'started' | 'needs-confirmation' | 'needs-photo' | 'busy' | 'missing';

/** The controller's internals the two verbs need; kept narrow so they test without a page. */
export interface TextHost {
  find(id: string): CardView | undefined;
  patch(id: string, patch: Partial<CaptionRecord>): Promise<void>;
  /** Queues a new caption from the original photo (the controller's retry path). */
  retry(id: string): void;
}

/** Texts a person wrote, decided on or brought in: replacing them silently would lose their work. */
export function needsConfirmation(record: Pick<CaptionRecord, 'review' | 'text'>): boolean {
  return record.text.length > 0 && record.review !== 'unreviewed';
}

const REPLACE_WHAT: Record<CaptionReview, string> = {
  unreviewed: 'the current text',
  edited: 'your edited text',
  approved: 'your reviewed text',
  imported: 'the imported text',
};

/** The confirmation question, naming whose text would be replaced. */
export function replaceQuestion(review: CaptionReview): string {
  const what = REPLACE_WHAT[review];
  return `Replace ${what}? The current text is kept in the history.`;
}

export const NEEDS_PHOTO_MESSAGE = 'Add the photo again to regenerate.';

/** The history with `version` appended, oldest entries dropped beyond the limit. */
export function pushVersion(history: readonly TextVersion[] | undefined, version: TextVersion, limit = HISTORY_LIMIT): TextVersion[] {
  return [...(history ?? []), version].slice(-limit);
}

/** The record's current text as a history entry; undefined when there is no text worth keeping. */
export function currentVersion(record: CaptionRecord, now: number): TextVersion | undefined {
  if (record.text.trim().length === 0) return undefined;
  return { text: record.text, review: record.review, ...(record.modelId ? { modelId: record.modelId } : {}), replacedAt: now };
}

/**
 * Describes the photo again. The current text goes into the history first, so nothing is lost
 * even when the person confirmed; without confirmation, a person's text is never touched.
 */
export async function regenerateText(host: TextHost, id: string, options: RegenerateOptions = {}): Promise<RegenerateResult> {
  const card = host.find(id);
  if (!card) return 'missing';
  const { record } = card;
  if (record.status === 'queued' || record.status === 'running') return 'busy';
  if (!card.canRetry) return 'needs-photo';
  if (needsConfirmation(record) && !options.confirmed) return 'needs-confirmation';
  const kept = currentVersion(record, Date.now());
  // The new text is the model's again: it must read "AI-generated, not reviewed" until reviewed.
  await host.patch(id, { review: 'unreviewed', status: 'queued', text: '', ...(kept ? { history: pushVersion(record.history, kept) } : {}) });
  host.retry(id);
  return 'started';
}

/**
 * Brings back an earlier text. The text it replaces goes into the history in its place, and
 * the restored one keeps the review it had: a model's words stay "not reviewed".
 */
export async function useEarlierVersion(host: TextHost, id: string, index: number): Promise<boolean> {
  const card = host.find(id);
  const chosen = card?.record.history?.[index];
  if (!card || !chosen) return false;
  const { record } = card;
  if (record.status === 'queued' || record.status === 'running') return false;
  const rest = record.history?.filter((_, i) => i !== index) ?? [];
  const kept = currentVersion(record, Date.now());
  await host.patch(id, {
    text: chosen.text,
    review: chosen.review,
    flags: flagAltText(chosen.text),
    history: kept ? pushVersion(rest, kept) : rest,
    status: 'done',
    error: undefined,
    modelText: undefined,
    regenerated: undefined,
    ...(chosen.modelId ? { modelId: chosen.modelId } : {}),
  });
  return true;
}
