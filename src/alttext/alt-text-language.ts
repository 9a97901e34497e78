import { ALT_TEXT_INSTRUCTION, familyRow, type ModelFamily } from '../models/families';
import { ENGLISH, englishName } from '../models/languages';

/**
 * How the alt-text language reaches a model: families that read an instruction (the ones that
 * read the person's context) are told to write it; the others' English caption is translated
 * after, in the caption worker.
 */

/** Whether a family's models are told the language in their instruction (the same families that read context). */
export function familyWritesLanguage(family: ModelFamily): boolean {
  return familyRow(family).readsContext === true;
}

/** The instruction with the language sentence appended; unchanged for English. */
export function instructionWithLanguage(instruction: string, language: string | undefined): string {
  if (!language || language === ENGLISH) return instruction;
  return `${instruction} Write the alt-text in ${englishName(language)}.`;
}

/** Whether this family's English caption has to be translated to reach `language`. */
export function needsTranslation(family: ModelFamily, language: string | undefined): boolean {
  return !!language && language !== ENGLISH && !familyWritesLanguage(family);
}

/**
 * The prompt with the language sentence, for families that read an instruction; an entry
 * without its own instruction gets its family's. Others keep theirs: they are translated after.
 */
export function promptInLanguage(family: ModelFamily, prompt: string | undefined, language: string | undefined): string | undefined {
  if (!familyWritesLanguage(family) || !language || language === ENGLISH) return prompt;
  return instructionWithLanguage(prompt ?? familyRow(family).prompt ?? ALT_TEXT_INSTRUCTION, language);
}
