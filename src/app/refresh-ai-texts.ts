import type { CardStore } from './card-store';
import type { CaptionRecord, CardView } from './card-view';
import { currentVersion, pushVersion } from './regenerate';

/**
 * "Re-caption AI texts nobody reviewed, with model X": the seed's "wait and upgrade". Only a
 * model's own words that no person touched are redone; edited, approved and imported texts never
 * are, and the earlier text is kept in the history. Photos are never stored here, so only photos
 * this tab has (added this session, or reopened from their folder) can be redone now; the
 * others are counted, and are picked up by running the refresh again after adding their folder.
 */

export interface RefreshPlan {
  modelId: string;
  /** Unreviewed model texts written by another model. */
  count: number;
  /** Of those, how many have their photo in this tab and would be redone now. */
  withPhoto: number;
  /** Expected time for those, from this device's earlier captions; null when there is nothing to go by. */
  estimatedMs: number | null;
}

export interface RefreshHost {
  store: CardStore;
  /** Moves the main model to `modelId` (the refresh is done with it). */
  useModel(modelId: string): Promise<void>;
  patchAll(entries: readonly { id: string; patch: Partial<CaptionRecord> }[]): Promise<void>;
  /** Queues a caption for a card whose record is already 'queued'. */
  enqueue(id: string): void;
}

export function isRefreshable(record: CaptionRecord, modelId: string): boolean {
  return record.status === 'done' && record.review === 'unreviewed' && record.modelId !== undefined && record.modelId !== modelId && record.text.trim() !== '';
}

/** Median time per caption: of `modelId` on this device if it has captioned here, else of any model. */
function typicalMs(cards: readonly CardView[], modelId: string): number | null {
  const durations = (filter: (r: CaptionRecord) => boolean): number[] =>
    cards.flatMap(({ record }) => (record.status === 'done' && record.durationMs && filter(record) ? [record.durationMs] : []));
  const own = durations((r) => r.modelId === modelId);
  const pool = own.length ? own : durations(() => true);
  if (!pool.length) return null;
  pool.sort((a, b) => a - b);
  return pool[Math.floor(pool.length / 2)]!;
}

export function planRefresh(store: CardStore, modelId: string): RefreshPlan {
  const cards = store.list();
  const candidates = cards.filter(({ record }) => isRefreshable(record, modelId));
  const withPhoto = candidates.filter((card) => card.canRetry).length;
  const typical = typicalMs(cards, modelId);
  return { modelId, count: candidates.length, withPhoto, estimatedMs: typical === null ? null : typical * withPhoto };
}

/** Does the refresh; answers with how many were queued and how many wait for their photos. */
export async function refreshAiTexts(host: RefreshHost, modelId: string): Promise<{ queued: number; waiting: number }> {
  const candidates = host.store.list().filter(({ record }) => isRefreshable(record, modelId));
  const now = Date.now();
  const ready = candidates.filter((card) => card.canRetry);
  if (ready.length) await host.useModel(modelId);
  await host.patchAll(
    ready.map(({ record }) => {
      const kept = currentVersion(record, now);
      return {
        id: record.id,
        patch: {
          status: 'queued',
          text: '',
          error: undefined,
          modelText: undefined,
          flags: undefined,
          regenerated: undefined,
          confidence: undefined,
          secondOpinion: undefined,
          reviewPriority: undefined,
          reviewBand: undefined,
          reviewReasons: undefined,
          ...(kept ? { history: pushVersion(record.history, kept) } : {}),
        },
      };
    }),
  );
  for (const { record } of ready) host.enqueue(record.id);
  return { queued: ready.length, waiting: candidates.length - ready.length };
}
