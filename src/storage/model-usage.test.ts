import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setMeta } from './meta-store';
import { createModelFileCache } from './model-cache';
import { MODEL_USAGE_KEY, cachedModelSummaries, forgetModelUsage, getModelUsage, markModelUsed } from './model-usage';
import { closeAltscribeDB, type StorageOptions } from './schema';

const HUB = 'https://huggingface.co';
const hubKey = (model: string, file: string): string => `${HUB}/${model}/resolve/main/${file}`;

let target: StorageOptions;

beforeEach(() => {
  target = { dbName: `model-usage-test-${crypto.randomUUID()}` };
});

afterEach(async () => {
  await closeAltscribeDB(target.dbName);
});

async function storeFile(model: string, file: string, size: number): Promise<void> {
  const body = new Uint8Array(size);
  await createModelFileCache(target).put(hubKey(model, file), new Response(body, { headers: { 'content-length': String(size) } }));
}

describe('markModelUsed / getModelUsage', () => {
  it('is empty before any model was used', async () => {
    expect(await getModelUsage(target)).toEqual({});
  });

  it('records the last use per model', async () => {
    await markModelUsed('Mozilla/distilvit', 1_000, target);
    await markModelUsed('onnx-community/Florence-2-base-ft', 2_000, target);
    await markModelUsed('Mozilla/distilvit', 3_000, target);
    expect(await getModelUsage(target)).toEqual({
      'Mozilla/distilvit': { lastUsedAt: 3_000 },
      'onnx-community/Florence-2-base-ft': { lastUsedAt: 2_000 },
    });
  });

  it('defaults to now', async () => {
    const before = Date.now();
    await markModelUsed('Mozilla/distilvit', undefined, target);
    const at = (await getModelUsage(target))['Mozilla/distilvit']?.lastUsedAt ?? 0;
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  it('never moves a last use backwards', async () => {
    await markModelUsed('Mozilla/distilvit', 5_000, target);
    await markModelUsed('Mozilla/distilvit', 4_000, target);
    expect((await getModelUsage(target))['Mozilla/distilvit']).toEqual({ lastUsedAt: 5_000 });
  });

  it('keeps every entry when calls race', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `org/model-${i}`);
    await Promise.all(ids.map((id, i) => markModelUsed(id, 100 + i, target)));
    const usage = await getModelUsage(target);
    expect(Object.keys(usage).sort()).toEqual([...ids].sort());
    expect(usage['org/model-7']).toEqual({ lastUsedAt: 107 });
  });

  it('skips entries of an unexpected shape left by other versions', async () => {
    await setMeta(MODEL_USAGE_KEY, { good: { lastUsedAt: 42 }, noTime: { lastUsedAt: 'yesterday' }, flat: 17, list: [1] }, target);
    expect(await getModelUsage(target)).toEqual({ good: { lastUsedAt: 42 } });
    await setMeta(MODEL_USAGE_KEY, 'corrupt', target);
    expect(await getModelUsage(target)).toEqual({});
    await markModelUsed('Mozilla/distilvit', 9, target);
    expect(await getModelUsage(target)).toEqual({ 'Mozilla/distilvit': { lastUsedAt: 9 } });
  });

  it('forgets one model without touching the others', async () => {
    await markModelUsed('a/one', 1, target);
    await markModelUsed('b/two', 2, target);
    await forgetModelUsage('a/one', target);
    expect(await getModelUsage(target)).toEqual({ 'b/two': { lastUsedAt: 2 } });
  });
});

describe('cachedModelSummaries', () => {
  it('lists each cached model with bytes, files and last use', async () => {
    await storeFile('Mozilla/distilvit', 'config.json', 300);
    await storeFile('Mozilla/distilvit', 'onnx/encoder_model_quantized.onnx', 5_000);
    await storeFile('onnx-community/SmolVLM-256M-Instruct', 'config.json', 700);
    await markModelUsed('Mozilla/distilvit', 1_234, target);
    // A model used once and since deleted must not reappear in the list.
    await markModelUsed('gone/model', 99, target);

    const summaries = await cachedModelSummaries(target);
    expect(summaries).toHaveLength(2);
    expect(summaries.find((s) => s.modelId === 'Mozilla/distilvit')).toMatchObject({ files: 2, bytes: 5_300, lastUsedAt: 1_234 });
    const smol = summaries.find((s) => s.modelId === 'onnx-community/SmolVLM-256M-Instruct');
    expect(smol).toMatchObject({ files: 1, bytes: 700 });
    expect(smol).not.toHaveProperty('lastUsedAt');
  });

  it('is empty when nothing is cached', async () => {
    await markModelUsed('Mozilla/distilvit', 1, target);
    expect(await cachedModelSummaries(target)).toEqual([]);
  });
});
