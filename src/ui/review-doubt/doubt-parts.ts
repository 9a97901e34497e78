import type { CaptionRecord } from '../../app/card-view';
import { doubtBandOf } from '../../app/review-bands';
import type { ReviewBand } from '../../models/review-signals';
import { findModel } from '../../models/registry';
import { unsureWords } from '../../review/priority';

/** One piece of the finished text: a word the model was unsure of, or the text around it. */
export interface TextPiece {
  text: string;
  unsure: boolean;
}

/** A word's letters and digits, lower-cased: "Circle," and "circle" are the same word. */
const LEADING = /^[^\p{L}\p{N}]*/u;
const TRAILING = /[^\p{L}\p{N}]*$/u;
const bare = (token: string): string => token.replace(LEADING, '').replace(TRAILING, '').toLowerCase();

/**
 * The finished text cut into pieces, the words the model was unsure of marked; [] when none of
 * them is in the text (the finishing rules may have dropped or rewritten them). Only this
 * record's own words are looked at, so a card pays for its text and nothing more.
 */
export function markUnsureWords(text: string, unsure: readonly string[]): TextPiece[] {
  if (unsure.length === 0 || text.length === 0) return [];
  const wanted = new Set(unsure.map(bare));
  const pieces: TextPiece[] = [];
  let plain = '';
  let marked = false;
  // Split keeps the spaces, so the pieces join back into the text exactly.
  for (const token of text.split(/(\s+)/)) {
    const core = bare(token);
    if (!core || !wanted.has(core)) {
      plain += token;
      continue;
    }
    // Punctuation around the word stays outside the mark: "circle," marks only "circle".
    const start = LEADING.exec(token)![0].length;
    const end = token.length - TRAILING.exec(token)![0].length;
    plain += token.slice(0, start);
    if (plain) pieces.push({ text: plain, unsure: false });
    pieces.push({ text: token.slice(start, end), unsure: true });
    plain = token.slice(end);
    marked = true;
  }
  if (plain) pieces.push({ text: plain, unsure: false });
  return marked ? pieces : [];
}

/** What the doubt panel shows for one result; null when the result is not in doubt. */
export interface DoubtView {
  band: ReviewBand;
  reasons: string[];
  pieces: TextPiece[];
  second: { model: string; text: string } | null;
}

/** The second model's name as the model list spells it; a custom model by its id. */
export const modelLabel = (modelId: string): string => findModel(modelId)?.label ?? modelId;

export function doubtViewOf(record: CaptionRecord): DoubtView | null {
  const band = doubtBandOf(record);
  if (!band) return null;
  const opinion = record.secondOpinion;
  const second = opinion && opinion.agreement < 1 && opinion.text.trim() && opinion.text !== record.text ? { model: modelLabel(opinion.modelId), text: opinion.text } : null;
  // The second opinion gets its own block with its button; its reason sentence would repeat it.
  const prefix = opinion ? `A second model (${opinion.modelLabel ?? opinion.modelId}) said:` : null;
  const reasons = (record.reviewReasons ?? []).filter((reason) => !(second && prefix && reason.startsWith(prefix)));
  return { band, reasons, pieces: markUnsureWords(record.text, unsureWords(record.confidence)), second };
}
