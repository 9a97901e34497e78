import { flagModelOutput, type AltTextFlag } from './flags';
import { stripLeadIns } from './lead-ins';
import { collapseDoubledWords, ensureFinalPeriod, normaliseSpacing, sentenceCase, unshout } from './sentence-form';

/**
 * The finishing rules applied to every model's raw output before a person sees it: the
 * automatic fixes first (they cannot change what the caption claims), then the flags on the
 * fixed text, so the flags describe exactly what is shown on the card, except that a loop is
 * judged on what the model said: the fixes can tidy a loop into a plausible sentence.
 */

export interface FinishedAltText {
  text: string;
  flags: AltTextFlag[];
}

/**
 * The fixes, in an order where each step's output is what the next expects:
 * 1. spacing first, so every later pattern can assume single spaces;
 * 2. ALL CAPS before the case-insensitive steps, so sentence case sees real casing;
 * 3. doubled words before lead-ins, so "An image of of a dog" loses both the stutter and the
 *    lead-in (the other way round would leave "of a dog");
 * 4. lead-ins, then spacing again (a stripped "The image shows:" can leave a leading space);
 * 5. sentence case and the final period last, on the text that will actually be shown.
 */
export function cleanAltText(raw: string): string {
  const spaced = normaliseSpacing(raw);
  if (spaced === '') return '';
  const unshouted = unshout(spaced);
  const undoubled = collapseDoubledWords(unshouted);
  const stripped = normaliseSpacing(stripLeadIns(undoubled));
  return ensureFinalPeriod(sentenceCase(stripped));
}

/** Cleans raw model output, then flags the cleaned text and any loop in the raw output. */
export function finishAltText(raw: string): FinishedAltText {
  const text = cleanAltText(raw);
  return { text, flags: flagModelOutput(raw, text) };
}
