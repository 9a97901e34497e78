import type { ReviewBand } from '../models/review-signals';
import { BANDS } from '../review/priority';
import type { CardCounter } from './card-store';
import type { CaptionRecord } from './card-view';
import { formatCount } from '../models/format-count';

/**
 * The queue of doubt: a finished model text nobody has decided on yet, by band. Approving or
 * editing a result takes it out (its priority stays on the record, for the export).
 */
export function doubtBandOf(record: Pick<CaptionRecord, 'status' | 'review' | 'reviewBand'>): ReviewBand | undefined {
  return record.status === 'done' && record.review === 'unreviewed' ? record.reviewBand : undefined;
}

/** Tallies "band:needs-review", "band:check", "band:fine" in the card store, per change. */
export const bandCounter: CardCounter = (card, into) => {
  const band = doubtBandOf(card.record);
  if (band) into.push(`band:${band}`);
};

export function bandCounts(store: { count(tally: string): number }): Record<ReviewBand, number> {
  return Object.fromEntries(BANDS.map((band) => [band, store.count(`band:${band}`)])) as Record<ReviewBand, number>;
}

/** "312 of 9,000 need review": the batch summary's sentence, or '' before any result has a priority. */
export function doubtSummary(counts: Record<ReviewBand, number>, finished: number): string {
  const scored = counts['needs-review'] + counts.check + counts.fine;
  if (!scored) return '';
  const n = formatCount;
  return `${n(counts['needs-review'])} of ${n(finished)} need review, ${n(counts.check)} to check if time allows`;
}
