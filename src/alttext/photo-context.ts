import { ALT_TEXT_INSTRUCTION, familyRow, type ModelFamily } from '../models/families';

/**
 * What the person knows about a batch of photos ("a hike in Acadia National Park, 2019"), given to
 * models that take an instruction. It goes into the instruction as quoted data, so it is cleaned
 * until it cannot change the prompt's shape: one line, no quotes, no angle brackets.
 */

/** Long enough for a place, a date and who is in the photos; short enough to stay a hint. */
export const CONTEXT_MAX_LENGTH = 200;

// Bidi embeddings and overrides would make the stored text read differently from what was typed.
const CONTROL = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
// Double quotes would end the quoted context; single quotes are left, they are the person's apostrophes.
const DOUBLE_QUOTES = /["\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]/g;
// Chat templates and processors read tags in the text itself (SmolVLM expands `<image>`,
// Qwen ends a turn at `<|im_end|>`): no angle bracket reaches the prompt.
const ANGLE_BRACKETS = /[<>\u2039\u203a\uff1c\uff1e]/g;

/**
 * The context as stored and sent: control characters dropped, double quotes turned into single
 * ones, angle brackets removed, white space collapsed, at most CONTEXT_MAX_LENGTH characters.
 */
export function cleanContext(raw: string): string {
  const text = raw.replace(CONTROL, ' ').replace(DOUBLE_QUOTES, "'").replace(ANGLE_BRACKETS, '').replace(/\s+/gu, ' ').trim();
  return [...text].slice(0, CONTEXT_MAX_LENGTH).join('').trim();
}

/** Whether a family's models read an instruction the context can join (chat VLMs, not captioners or task tokens). */
export function familyReadsContext(family: ModelFamily): boolean {
  return familyRow(family).readsContext === true;
}

/** The instruction with the context appended as quoted data; unchanged when there is none. */
export function instructionWithContext(instruction: string, context: string | undefined): string {
  const clean = cleanContext(context ?? '');
  if (!clean) return instruction;
  return `${instruction} Context from the photographer (may help, do not invent beyond it): "${clean}"`;
}

/**
 * The prompt a caption is run with: families that take no instruction get theirs unchanged
 * (Florence-2's `<CAPTION>` is a task token, not a sentence), so the context is kept with the
 * photo and exported, never sent.
 */
export function promptFor(family: ModelFamily, prompt: string | undefined, context: string | undefined): string | undefined {
  if (!familyReadsContext(family) || !cleanContext(context ?? '')) return prompt;
  // An entry without its own instruction gets its family's, which the context then joins.
  return instructionWithContext(prompt ?? familyRow(family).prompt ?? ALT_TEXT_INSTRUCTION, context);
}
