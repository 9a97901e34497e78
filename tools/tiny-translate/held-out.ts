/**
 * The held-out check set for the translation fixture, shared by the Node test and the Chromium
 * check: captions from the shapes-world generator under a seed training never used.
 */
import { captionOf, mulberry32, randomScene } from '../shapes-world/shapes-world';
import { languageToken, TARGET_LANGUAGES, translate, type TargetLanguage } from './grammar';

export const HELD_OUT_SEED = 16_003;

export interface TranslationCase {
  readonly language: TargetLanguage;
  readonly caption: string;
  /** What the model is given: the caption after the target-language token. */
  readonly source: string;
  readonly expected: string;
}

export function heldOutCaptions(count: number, seed = HELD_OUT_SEED): string[] {
  const rng = mulberry32(seed);
  return Array.from({ length: count }, () => captionOf(randomScene(rng, { maxSide: 64 })));
}

export function heldOutCases(count: number, seed = HELD_OUT_SEED): TranslationCase[] {
  const captions = heldOutCaptions(count, seed);
  return TARGET_LANGUAGES.flatMap((language) =>
    captions.map((caption) => ({ language, caption, source: `${languageToken(language)} ${caption}`, expected: translate(caption, language) })),
  );
}
