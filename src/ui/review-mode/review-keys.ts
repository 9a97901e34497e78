import type { CardView } from '../../app/card-view';

/** What a key or button in the review mode does. */
export type ReviewKeyAction = 'approve' | 'edit' | 'regenerate' | 'skip' | 'next' | 'previous' | 'use-second' | 'copy';

const KEYS: Record<string, ReviewKeyAction> = {
  a: 'approve',
  c: 'copy',
  e: 'edit',
  r: 'regenerate',
  s: 'skip',
  u: 'use-second',
  j: 'next',
  ArrowRight: 'next',
  k: 'previous',
  ArrowLeft: 'previous',
};

/** The action of a key as KeyboardEvent.key reports it (letters either case); undefined for others. */
export function reviewKeyAction(key: string): ReviewKeyAction | undefined {
  const name = key.length === 1 ? key.toLowerCase() : key;
  return Object.hasOwn(KEYS, name) ? KEYS[name] : undefined;
}

/** "3 of 40", from a zero-based index. */
export function positionText(index: number, total: number): string {
  return `${index + 1} of ${total}`;
}

/**
 * The next photo after `from` whose text still waits for review; when none is left after it,
 * simply the next one (which may be past the end: the caller says "last photo").
 */
export function nextToReview(cards: readonly CardView[], from: number): number {
  for (let i = from + 1; i < cards.length; i++) {
    const { record } = cards[i]!;
    if (record.review === 'unreviewed' && record.text.length > 0) return i;
  }
  return from + 1;
}
