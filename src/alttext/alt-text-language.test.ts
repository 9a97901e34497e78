import { describe, expect, it } from 'vitest';
import { ALT_TEXT_INSTRUCTION } from '../models/families';
import { instructionWithLanguage, needsTranslation, promptInLanguage } from './alt-text-language';

describe('instruction per family', () => {
  it('tells SmolVLM and image-text-to-text models the language', () => {
    expect(promptInLanguage('smolvlm', ALT_TEXT_INSTRUCTION, 'fr')).toBe(`${ALT_TEXT_INSTRUCTION} Write the alt-text in French.`);
    expect(promptInLanguage('image-text-to-text', undefined, 'de')).toBe(`${ALT_TEXT_INSTRUCTION} Write the alt-text in German.`);
  });
  it('leaves the prompt of captioners and Florence-2 alone: they are translated after', () => {
    expect(promptInLanguage('florence2', '<CAPTION>', 'fr')).toBe('<CAPTION>');
    expect(promptInLanguage('encoder-decoder', undefined, 'fr')).toBeUndefined();
    expect(needsTranslation('encoder-decoder', 'fr')).toBe(true);
    expect(needsTranslation('florence2', 'de')).toBe(true);
    expect(needsTranslation('smolvlm', 'fr')).toBe(false);
  });
  it('adds nothing for English', () => {
    expect(instructionWithLanguage(ALT_TEXT_INSTRUCTION, 'en')).toBe(ALT_TEXT_INSTRUCTION);
    expect(promptInLanguage('smolvlm', ALT_TEXT_INSTRUCTION, undefined)).toBe(ALT_TEXT_INSTRUCTION);
    expect(needsTranslation('encoder-decoder', 'en')).toBe(false);
  });
});
