import { TRANSLATION_MODELS } from './translation-models';

/**
 * The language the alt-text is written in: a BCP 47 primary subtag ("fr"), English ("en")
 * meaning the model's own output as it is. Models that read an instruction are told to write it
 * (src/alttext/alt-text-language.ts); the others' English caption is translated afterwards
 * (translation-models.ts).
 */

export const ENGLISH = 'en';

/**
 * Languages offered to models that take an instruction: a short list on purpose, so the
 * settings do not promise a language no small model here writes; a translation model's targets
 * join them in `supportedLanguages`.
 */
const INSTRUCTION_LANGUAGES: readonly string[] = ['fr', 'de', 'es', 'it', 'pt', 'nl'];

/** The primary subtag of a language tag ("pt" of "pt-BR"), lower case; undefined for anything else. */
export function primarySubtag(tag: string | null | undefined): string | undefined {
  const primary = tag?.trim().split(/[-_]/)[0]?.toLowerCase();
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}

/** English first, then every language some model here can write or translate into, by code. */
export function supportedLanguages(): readonly string[] {
  const others = new Set([...INSTRUCTION_LANGUAGES, ...TRANSLATION_MODELS.flatMap((entry) => entry.targets)]);
  others.delete(ENGLISH);
  return [ENGLISH, ...[...others].sort()];
}

/** The supported language a tag asks for ("fr-CA" gives "fr"); undefined when none matches. */
export function supportedLanguage(tag: unknown): string | undefined {
  const primary = typeof tag === 'string' ? primarySubtag(tag) : undefined;
  return primary && supportedLanguages().includes(primary) ? primary : undefined;
}

/** The browser's language when it is supported, else English. */
export function defaultLanguage(browserLanguage: string | undefined): string {
  return supportedLanguage(browserLanguage) ?? ENGLISH;
}

/** The language's name in English, for the instruction ("French"); the code when Intl does not know it. */
export function englishName(language: string): string {
  return displayName(language, 'en');
}

/** The language's name in itself ("Français"), for the settings list and the card's badge. */
export function nativeName(language: string): string {
  const name = displayName(language, language);
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}

function displayName(language: string, inLanguage: string): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}
