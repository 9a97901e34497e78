import { ENGLISH, englishName } from '../../models/languages';
import { languageModelOf, type LanguageModelOptions, type LanguageModelStatic, type PromptAvailability } from './language-model';

/** The languages Chrome's model reads and writes (from Chrome 140): the only ones it is asked for. */
export const PROMPT_API_LANGUAGES: readonly string[] = ['en', 'es', 'ja'];

const STATES: readonly PromptAvailability[] = ['unavailable', 'downloadable', 'downloading', 'available'];

/**
 * The options given to both `availability()` and `create()`: the specification asks for the same
 * ones, since the answer depends on them (an image input, a language the model may not have).
 */
export function sessionOptions(language: string): LanguageModelOptions {
  return {
    expectedInputs: [{ type: 'text', languages: [language] }, { type: 'image' }],
    expectedOutputs: [{ type: 'text', languages: [language] }],
  };
}

/** The language a session is made for: the alt-text language when the model writes it. */
export function promptLanguage(language: string | undefined): string {
  return language ?? ENGLISH;
}

/** Why the model cannot write this alt-text language, in words; undefined when it can. */
export function unsupportedLanguageMessage(language: string | undefined): string | undefined {
  const wanted = promptLanguage(language);
  if (PROMPT_API_LANGUAGES.includes(wanted)) return undefined;
  return `The browser's built-in model writes English, Spanish and Japanese only, not ${englishName(wanted)}. Choose one of those languages in Settings, or another model.`;
}

/**
 * Whether this browser can caption images with its own model, and whether it must download it
 * first. No `LanguageModel` at all (Firefox, Safari, Chrome before 148 or on mobile), an answer
 * outside the four states, or a throwing call all count as 'unavailable': nothing is offered.
 */
export async function probePromptApi(language: string = ENGLISH, api: LanguageModelStatic | undefined = languageModelOf()): Promise<PromptAvailability> {
  if (!api) return 'unavailable';
  try {
    const state = await api.availability(sessionOptions(promptLanguage(language)));
    return STATES.includes(state) ? state : 'unavailable';
  } catch {
    return 'unavailable';
  }
}
