import { looksLikeFilename } from './filename-like';
import { hasHedge } from './hedges';
import { findRepetition } from './repetition';
import { countCharacters, countWords } from './words';

/**
 * The checks every model's output (and every edit a person makes) goes through. Flags are
 * advice for the review card, never silent rewrites: the text a person sees is the text that
 * was checked.
 */

/** In the order the card should list them: what most needs a person first. */
export const ALT_TEXT_FLAGS = ['looks-like-filename', 'repetition', 'too-short', 'too-long', 'hedge', 'long'] as const;

export type AltTextFlag = (typeof ALT_TEXT_FLAGS)[number];

export type FlagSeverity = 'warning' | 'info';

/**
 * Under three words rarely says what a photo shows ("A dog."); the notes' rule R4. Length
 * in characters is not used for the minimum: "A red car." is short but complete.
 */
export const MIN_WORDS = 3;
/**
 * Above 125 characters is a soft hint (the old JAWS chunk size that style guides still quote);
 * above 150 is a warning. Not a cap: blind raters in Kreiss et al. 2022 rated longer
 * descriptions higher, so the person decides.
 */
export const SOFT_MAX_CHARACTERS = 125;
export const MAX_CHARACTERS = 150;

/**
 * Person-facing one-liners for the card. Warnings mean "probably wrong as it stands";
 * info means "worth a look". Wording stresses that the text may be wrong, which made users
 * more careful in MacLeod et al. 2017.
 */
export const FLAG_DESCRIPTIONS: Readonly<Record<AltTextFlag, { severity: FlagSeverity; message: string }>> = {
  'looks-like-filename': { severity: 'warning', message: 'This looks like a file name, not a description of the photo.' },
  repetition: { severity: 'warning', message: 'The model repeated itself, so the text may be wrong. Check it against the photo.' },
  'too-short': { severity: 'warning', message: 'Very short: it may not say enough about what the photo shows.' },
  'too-long': { severity: 'warning', message: 'Over 150 characters: shorten it, or put the detail in the text around the image.' },
  hedge: { severity: 'info', message: 'The model was unsure ("appears to be", "possibly"). Check the guess, then state it plainly.' },
  long: { severity: 'info', message: 'Over 125 characters: consider shortening it.' },
};

/**
 * Flags for text that is already in its final form (after finishAltText, or as a person
 * edited it). Empty text is 'too-short': an empty alt tells screen readers to skip the image,
 * which must be a deliberate choice.
 */
export function flagAltText(text: string): AltTextFlag[] {
  const raised = new Set<AltTextFlag>();
  const trimmed = text.trim();
  const characters = countCharacters(trimmed);

  if (looksLikeFilename(trimmed)) raised.add('looks-like-filename');
  if (findRepetition(trimmed)) raised.add('repetition');
  if (countWords(trimmed) < MIN_WORDS) raised.add('too-short');
  if (characters > MAX_CHARACTERS) raised.add('too-long');
  else if (characters > SOFT_MAX_CHARACTERS) raised.add('long');
  if (hasHedge(trimmed)) raised.add('hedge');

  return ALT_TEXT_FLAGS.filter((flag) => raised.has(flag));
}

/**
 * Flags for a model's output: those of the finished text, plus 'repetition' when the raw output
 * looped even though the finishing rules tidied the loop away ("three three three green green"
 * is shown as "Three green."). The shown text is still what the other flags describe.
 */
export function flagModelOutput(raw: string, finished: string): AltTextFlag[] {
  const flags = flagAltText(finished);
  if (flags.includes('repetition') || !findRepetition(raw)) return flags;
  return ALT_TEXT_FLAGS.filter((flag) => flag === 'repetition' || flags.includes(flag));
}

/** Flags after which the caller should regenerate once with strongerRepetitionSettings(). */
export function shouldRegenerate(flags: readonly AltTextFlag[]): boolean {
  return flags.includes('repetition');
}

/** The most serious level among the flags, or null when there is nothing to say. */
export function worstSeverity(flags: readonly AltTextFlag[]): FlagSeverity | null {
  if (flags.length === 0) return null;
  return flags.some((flag) => FLAG_DESCRIPTIONS[flag].severity === 'warning') ? 'warning' : 'info';
}
