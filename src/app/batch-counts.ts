import type { CardCounter } from './card-store';
import type { CardView } from './card-view';

/** Photos this tab can act on: added here, so their originals are in memory. */
export function isMine(card: CardView): boolean {
  return card.canRetry;
}

export const MINE_QUEUED = 'mine:queued';
export const MINE_FAILED = 'mine:failed';

/** The store's tallies behind "Cancel waiting (N)" and "Retry failed photos (N)". */
export const batchCounter: CardCounter = (card, into) => {
  if (!isMine(card)) return;
  if (card.record.status === 'queued') into.push(MINE_QUEUED);
  else if (card.record.status === 'failed') into.push(MINE_FAILED);
};
