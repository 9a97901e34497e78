import { isContentWord, tokenize } from '../alttext/words';
import type { TextConfidence } from '../models/review-signals';

/**
 * How two captions of the same photo compare, by the words that carry picture content. Function
 * words ("a", "on", "the") are ignored and plurals are folded ("circles" = "circle"), so "A red
 * circle." and "a red circle on it" agree fully, while "two" against "three" is a disagreement.
 */

/** Content words of a caption, lower-cased, plurals folded, each once. */
export function contentWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const token of tokenize(text)) if (token.isWord && isContentWord(token.text)) words.add(fold(token.text));
  return words;
}

/** "circles" → "circle", "boxes" → "box", "glasses" stays whole enough: only regular plurals matter here. */
function fold(word: string): string {
  if (word.length > 4 && /(?:ch|sh|x|ss)es$/u.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
}

/** Dice coefficient of the two content-word sets: 1 = same content, 0 = nothing shared (two empty texts agree). */
export function agreement(a: string, b: string): number {
  const wordsA = contentWords(a);
  const wordsB = contentWords(b);
  if (!wordsA.size && !wordsB.size) return 1;
  let shared = 0;
  for (const word of wordsA) if (wordsB.has(word)) shared++;
  return (2 * shared) / (wordsA.size + wordsB.size);
}

/** Content words of `text` that `other` did not say. */
export function unsharedWords(text: string, other: string): string[] {
  const theirs = contentWords(other);
  return [...contentWords(text)].filter((word) => !theirs.has(word));
}

export interface Opinion {
  text: string;
  confidence?: TextConfidence;
}

/**
 * The merge rule: of two captions, the one best supported by the other model's content words,
 * where support is the share of a caption's content words the other also said. It only ever
 * chooses one of the two texts as written, so it never adds a content word that only one model
 * said. When neither is clearly better supported (the usual case: each says one thing the other
 * does not), the first stands: it is the person's chosen model, and the tie-breakers tried on
 * token confidence picked the wrong one more often than the right one (docs/review-priority.md).
 */
export function mergeOpinions(first: Opinion, second: Opinion): { chosen: 'first' | 'second'; agreement: number } {
  const shared = agreement(first.text, second.text);
  const supportFirst = support(first.text, second.text);
  const supportSecond = support(second.text, first.text);
  return { chosen: supportSecond - supportFirst > SUPPORT_MARGIN ? 'second' : 'first', agreement: shared };
}

/**
 * A clear difference in support: with short captions one extra word ("two" against "a") moves
 * support by a fifth without making the longer caption less right, so that alone never decides.
 */
const SUPPORT_MARGIN = 0.25;

function support(text: string, other: string): number {
  const own = contentWords(text);
  if (!own.size) return 0;
  const theirs = contentWords(other);
  let confirmed = 0;
  for (const word of own) if (theirs.has(word)) confirmed++;
  return confirmed / own.size;
}
