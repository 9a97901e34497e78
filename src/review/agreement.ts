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
 * The merge rule: of two captions, the one best supported by the other model's content words.
 * It only ever chooses one of the two texts as written, so it never adds a content word that only
 * one model said. Support is the share of a caption's content words the other also said; when
 * both are equally supported, the caption whose disputed words its own model was surer of wins,
 * and a full tie keeps the first.
 */
export function mergeOpinions(first: Opinion, second: Opinion): { chosen: 'first' | 'second'; agreement: number } {
  const shared = agreement(first.text, second.text);
  const supportFirst = support(first.text, second.text);
  const supportSecond = support(second.text, first.text);
  if (Math.abs(supportFirst - supportSecond) > SUPPORT_MARGIN) return { chosen: supportFirst > supportSecond ? 'first' : 'second', agreement: shared };
  const sureFirst = disputedCertainty(first, second.text);
  const sureSecond = disputedCertainty(second, first.text);
  return { chosen: sureSecond > sureFirst ? 'second' : 'first', agreement: shared };
}

/**
 * Below this difference in support the two are treated as equally supported: with short captions
 * one extra word ("two" against "a") moves support by a fifth or more without making the longer
 * caption less right, so only a clear difference decides on its own.
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

/**
 * How sure a model was of the words the other model did not also say: the smallest probability
 * among them. Counted over all words as a multiset, so "a red circle on a blue background"
 * against "two red circles on a blue background" disputes the first's surplus "a" (its least sure
 * occurrence) and the second's "two". Its mean token probability when nothing is disputed; 0 when
 * the model recorded no confidence.
 */
function disputedCertainty(opinion: Opinion, other: string): number {
  const confidence = opinion.confidence;
  if (!confidence) return 0;
  const surplus = countWords(opinion.text);
  for (const [word, count] of countWords(other)) surplus.set(word, (surplus.get(word) ?? 0) - count);
  let least = 1;
  let disputed = false;
  for (const { word, prob } of confidence.words) {
    if (!allWords(word).some((w) => (surplus.get(w) ?? 0) > 0)) continue;
    disputed = true;
    least = Math.min(least, prob);
  }
  return disputed ? least : Math.exp(confidence.meanLogProb);
}

function countWords(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of allWords(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

function allWords(text: string): string[] {
  return tokenize(text).flatMap((token) => (token.isWord ? [fold(token.text)] : []));
}
