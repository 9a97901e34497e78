/**
 * The committed tiny translation fixture, loaded the way the app loads opus-mt models
 * (transformers.js `pipeline('translation', …)`, Marian tokenizer, merged decoder with KV cache),
 * must translate held-out shapes-world captions exactly into French and German.
 */
import { resolve } from 'node:path';
import { env, pipeline, type TranslationPipeline } from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { languageToken, TARGET_LANGUAGES, translate, type TargetLanguage } from './grammar';
import { heldOutCaptions } from './held-out';
import { isWithheld } from './split';

const MODEL_ID = 'altscribe/shapes-opus-mt-en-mul';
const MODEL_DIR = resolve(import.meta.dirname, '../../public/models', MODEL_ID);
const PER_LANGUAGE = 100;
const REQUIRED_EXACT = 0.95;

env.allowLocalModels = true;
env.allowRemoteModels = false;

async function translateAll(translator: TranslationPipeline, captions: readonly string[], language: TargetLanguage): Promise<string[]> {
  const output = await translator(captions.map((c) => `${languageToken(language)} ${c}`));
  return (output as { translation_text: string }[]).map((o) => o.translation_text);
}

describe('shapes-opus-mt-en-mul translation fixture', () => {
  let translator: TranslationPipeline;
  const captions = heldOutCaptions(PER_LANGUAGE);

  beforeAll(async () => {
    translator = (await pipeline('translation', MODEL_DIR, { dtype: 'fp32' })) as TranslationPipeline;
  });

  it('uses captions some of which training never saw', () => {
    expect(captions.filter(isWithheld).length).toBeGreaterThan(0);
  });

  it.each(TARGET_LANGUAGES)('translates held-out captions into %s exactly', async (language) => {
    const predictions = await translateAll(translator, captions, language);
    const expected = captions.map((c) => translate(c, language));
    const misses = predictions.flatMap((p, i) => (p === expected[i] ? [] : [`${captions[i]} -> ${p} (want ${expected[i]})`]));
    const withheld = captions.flatMap((c, i) => (isWithheld(c) ? [predictions[i] === expected[i]] : []));
    console.info(`${language}: ${PER_LANGUAGE - misses.length}/${PER_LANGUAGE} exact; withheld captions ${withheld.filter(Boolean).length}/${withheld.length}`);
    expect(misses.length / PER_LANGUAGE, misses.join('\n')).toBeLessThanOrEqual(1 - REQUIRED_EXACT);
  });

  it('routes by the language token, not by a default', async () => {
    const [french, german] = await Promise.all(TARGET_LANGUAGES.map((l) => translateAll(translator, ['a red circle on a blue background'], l)));
    expect(french).toEqual(['un cercle rouge sur un fond bleu']);
    expect(german).toEqual(['ein roter Kreis auf einem blauen Hintergrund']);
  });
});
