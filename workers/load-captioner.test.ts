// @vitest-environment node
import * as transformers from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import { familyRow, MODEL_FAMILY_IDS, type ModelFamily } from '../src/models/families';
import { CAPTIONER_LOADERS, loadCaptioner } from './load-captioner';

/** The loader table against the family table (src/models/families.ts); loading itself is tested per adapter. */
describe('the loader table', () => {
  it('has exactly one loader per family of the table', () => {
    expect(Object.keys(CAPTIONER_LOADERS).sort()).toEqual([...MODEL_FAMILY_IDS].sort());
    for (const family of MODEL_FAMILY_IDS) expect(typeof CAPTIONER_LOADERS[family], family).toBe('function');
  });

  it.each(MODEL_FAMILY_IDS)('finds what the %s row names in @huggingface/transformers', (family) => {
    const named = familyRow(family).transformers;
    const exports = transformers as unknown as Record<string, unknown>;
    if ('pipeline' in named) {
      expect(typeof transformers.pipeline).toBe('function');
      return;
    }
    expect(typeof (exports[named.processor] as { from_pretrained?: unknown } | undefined)?.from_pretrained, named.processor).toBe('function');
    expect(typeof (exports[named.model] as { from_pretrained?: unknown } | undefined)?.from_pretrained, named.model).toBe('function');
  });

  it('refuses a family outside the table, inherited property names included', async () => {
    for (const family of ['gpt-4', 'constructor', 'toString', '__proto__']) {
      await expect(loadCaptioner(family as ModelFamily, '/models/x/', { device: 'wasm', dtype: 'fp32' }), family).rejects.toThrow(`Models of the ${family} family are not supported in this build.`);
    }
  });
});
