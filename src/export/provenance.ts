/**
 * Where an exported text came from and how urgently a person should look at it: whether it is
 * still the model's own words, and the review priority, band and reasons. Written the same way
 * by both formats and read back from files we cannot trust, so every reader here returns
 * undefined for a value Altscribe would not have written instead of failing the row.
 */
import type { ReviewBand } from '../models/review-signals';
import type { CaptionReview } from '../storage';

/** 'imported' arrives with the import feature; listed here so exports made after it still type-check. */
export type ExportReview = CaptionReview | 'imported';

export const REVIEW_BANDS = ['needs-review', 'check', 'fine'] as const satisfies readonly ReviewBand[];

/** The CSV joins reasons with this; our reasons are sentences and never contain it. */
export const REASONS_SEPARATOR = ' | ';

/**
 * True while the text is still what the model wrote: not edited, approved or imported, and
 * there is a text at all (a queued or failed result has no words to attribute to anyone).
 */
export function isAiGenerated(review: ExportReview, text: string): boolean {
  return review === 'unreviewed' && text.trim() !== '';
}

/**
 * Three decimals: the priority is a ranking aid, and more digits would suggest a precision the
 * signals behind it do not have. Non-finite values are dropped rather than written as "NaN".
 */
export function roundPriority(priority: number | undefined): number | undefined {
  return priority !== undefined && Number.isFinite(priority) ? Number(priority.toFixed(3)) : undefined;
}

/** The CSV cell: always three decimals ("0.400", not "0.4"), so a column of them lines up. */
export function formatPriority(priority: number | undefined): string {
  const rounded = roundPriority(priority);
  return rounded === undefined ? '' : rounded.toFixed(3);
}

/** A number in 0–1, given as a JSON number or a CSV cell; a spreadsheet's decimal comma is not ours. */
export function readPriority(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : Number.NaN;
  return Number.isFinite(number) && number >= 0 && number <= 1 ? number : undefined;
}

/** Case and surrounding spaces are forgiven, as for the review state. */
export function readBand(value: unknown): ReviewBand | undefined {
  if (typeof value !== 'string') return undefined;
  const wanted = value.trim().toLowerCase();
  return REVIEW_BANDS.find((band) => band === wanted);
}

/**
 * A JSON array of strings, or a CSV cell joined with " | " (a bare "|" is left inside a reason).
 * Each reason is trimmed, as a sheet typed by hand may pad the separator, and blank ones are
 * dropped; a JSON list with a non-string in it keeps its strings. Nothing usable gives
 * undefined, so an empty cell restores no reasons.
 */
export function readReasons(value: unknown): string[] | undefined {
  const parts = typeof value === 'string' ? value.split(REASONS_SEPARATOR) : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const reasons = parts.map((reason) => reason.trim()).filter((reason) => reason !== '');
  return reasons.length > 0 ? reasons : undefined;
}

const TRUE_WORDS: readonly string[] = ['true', 'yes', '1'];
const FALSE_WORDS: readonly string[] = ['false', 'no', '0'];

/** A JSON boolean, or a cell a spreadsheet may have rewritten as TRUE, Yes or 1. */
export function readAiGenerated(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  return undefined;
}
