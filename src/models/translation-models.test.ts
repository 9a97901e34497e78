import { describe, expect, it } from 'vitest';
import { findTranslationModel, TRANSLATION_MODELS, translationInput, translatorFor } from './translation-models';

describe('translatorFor', () => {
  it('picks the hub model that translates English into the language', () => {
    expect(translatorFor('fr')?.id).toBe('Xenova/opus-mt-en-fr');
    expect(translatorFor('de')?.id).toBe('Xenova/opus-mt-en-de');
    expect(translatorFor('es')?.id).toBe('Xenova/opus-mt-en-es');
  });
  it('gives the shapes fixture only to a test captioner, and only for its targets', () => {
    expect(translatorFor('fr', true)?.id).toBe('altscribe/shapes-opus-mt-en-mul');
    expect(translatorFor('de', true)?.id).toBe('altscribe/shapes-opus-mt-en-mul');
    expect(translatorFor('es', true)?.id).toBe('Xenova/opus-mt-en-es');
  });
  it('has none for English or a language no entry covers', () => {
    expect(translatorFor('en')).toBeUndefined();
    expect(translatorFor('ja')).toBeUndefined();
  });
});

describe('translation entries', () => {
  it('give a size for every dtype they run with, served by the app or the hub', () => {
    for (const entry of TRANSLATION_MODELS) {
      for (const dtype of Object.values(entry.dtypes)) expect(entry.approxBytes[dtype], `${entry.id} ${dtype}`).toBeGreaterThan(0);
      expect(entry.source.kind === 'app').toBe(entry.fixture === true);
    }
    expect(findTranslationModel('Xenova/opus-mt-en-fr')?.targets).toEqual(['fr']);
    expect(findTranslationModel('evil/model')).toBeUndefined();
  });
  it('put the target token before the text only for multilingual models', () => {
    const fixture = findTranslationModel('altscribe/shapes-opus-mt-en-mul');
    const french = findTranslationModel('Xenova/opus-mt-en-fr');
    if (!fixture || !french) throw new Error('entries missing');
    expect(translationInput(fixture, 'a red circle', 'de')).toBe('>>de<< a red circle');
    expect(translationInput(french, 'a red circle', 'fr')).toBe('a red circle');
  });
});
