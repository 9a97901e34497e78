import { describe, expect, it } from 'vitest';
import { defaultLanguage, nativeName, primarySubtag, supportedLanguages } from './languages';

describe('alt-text language', () => {
  it('reads the primary subtag of a language tag', () => {
    expect(primarySubtag('pt-BR')).toBe('pt');
    expect(primarySubtag('DE_at')).toBe('de');
    expect(primarySubtag('')).toBeUndefined();
    expect(primarySubtag('x1')).toBeUndefined();
  });
  it('lists English first, then the translation targets and instruction languages', () => {
    const languages = supportedLanguages();
    expect(languages[0]).toBe('en');
    expect(languages).toEqual(expect.arrayContaining(['fr', 'de', 'es']));
    expect(new Set(languages).size).toBe(languages.length);
  });
  it('defaults to the browser language when supported', () => {
    expect(defaultLanguage('es-MX')).toBe('es');
    expect(defaultLanguage('zz')).toBe('en');
  });
  it('names a language in itself', () => {
    expect(nativeName('fr')).toBe('Français');
    expect(nativeName('de')).toBe('Deutsch');
  });
});
