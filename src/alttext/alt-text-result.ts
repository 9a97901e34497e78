import { finishAltText } from './finish-alt-text';
import { FLAG_DESCRIPTIONS, type AltTextFlag } from './flags';
import type { TextConfidence } from '../models/review-signals';

/**
 * One finished model pass: what the card shows, what the model actually said, and the
 * finishing rules' flags on the shown text.
 */
export interface FinishedPass {
  text: string;
  modelText: string;
  flags: AltTextFlag[];
  /** The model's token confidence for `modelText`, when the worker recorded it. */
  confidence?: TextConfidence;
}

export function finishPass(modelText: string, confidence?: TextConfidence): FinishedPass {
  const { text, flags } = finishAltText(modelText);
  return { text, modelText, flags, ...(confidence ? { confidence } : {}) };
}

/**
 * Few words each, for the live announcement: the card carries the full explanation, a screen
 * reader hearing every new caption only needs to know that one needs a look, and why.
 */
const SPOKEN_FLAG_NAMES: Readonly<Record<AltTextFlag, string>> = {
  'looks-like-filename': 'looks like a file name',
  repetition: 'repeated phrase',
  'too-short': 'very short',
  'too-long': 'over 150 characters',
  hedge: 'hedging words',
  long: 'over 125 characters',
};

/**
 * The caption as announced: "A vase and a vase. Flagged: repeated phrase." The finished text
 * already ends in a period, so the flags follow as a sentence of their own.
 */
export function spokenCaption(text: string, flags: readonly AltTextFlag[]): string {
  if (flags.length === 0) return text;
  return `${text} Flagged: ${flags.map((flag) => SPOKEN_FLAG_NAMES[flag]).join(', ')}.`.trim();
}

/**
 * The retry is kept unless it is strictly worse: fewer warnings first (they mean "probably
 * wrong as it stands"), then fewer notes. On a tie the retry wins, because it ran with the
 * stronger repetition settings and the first pass was known to loop.
 */
export function keepBetterPass(first: FinishedPass, retry: FinishedPass): { kept: FinishedPass; regenerated: boolean } {
  const [firstWarnings, firstNotes] = countBySeverity(first.flags);
  const [retryWarnings, retryNotes] = countBySeverity(retry.flags);
  const firstIsBetter = firstWarnings < retryWarnings || (firstWarnings === retryWarnings && firstNotes < retryNotes);
  return firstIsBetter ? { kept: first, regenerated: false } : { kept: retry, regenerated: true };
}

function countBySeverity(flags: readonly AltTextFlag[]): [warnings: number, notes: number] {
  const warnings = flags.filter((flag) => FLAG_DESCRIPTIONS[flag].severity === 'warning').length;
  return [warnings, flags.length - warnings];
}
