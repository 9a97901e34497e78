import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelEntry } from '../models/registry';
import { CUSTOM_MODELS_KEY, loadCustomModelEntries, saveCustomModelEntries, storeModelFolder } from './custom-models';
import { setMeta } from './meta-store';
import { createModelFileCache, deleteCachedModel, listCachedModels } from './model-cache';
import { closeAltscribeDB, type StorageOptions } from './schema';

let target: StorageOptions;
beforeEach(() => {
  target = { dbName: `custom-models-test-${crypto.randomUUID()}` };
});
afterEach(async () => {
  await closeAltscribeDB(target.dbName);
});

const entry: ModelEntry = {
  id: 'local/tiny',
  label: 'tiny (your folder)',
  family: 'florence2',
  source: { kind: 'folder' },
  dtypes: { wasm: 'fp32' },
  approxBytes: { fp32: 10 },
  approxMemoryBytes: 100,
  prompt: '<CAPTION>',
  generation: { maxNewTokens: 8, noRepeatNgramSize: 0, repetitionPenalty: 1 },
  licence: 'x',
  note: 'y',
};

describe('custom model entries', () => {
  it('round-trips entries through the meta store', async () => {
    const url: ModelEntry = { ...entry, id: 'url/m', source: { kind: 'url', baseUrl: 'https://m.example/a/' } };
    await saveCustomModelEntries([entry, url], target);
    expect(await loadCustomModelEntries(target)).toEqual([entry, url]);
  });

  it('drops malformed entries instead of failing', async () => {
    await setMeta(CUSTOM_MODELS_KEY, [{ id: 'x' }, 'nope', JSON.parse(JSON.stringify(entry))], target);
    expect(await loadCustomModelEntries(target)).toEqual([entry]);
    await setMeta(CUSTOM_MODELS_KEY, 'broken', target);
    expect(await loadCustomModelEntries(target)).toEqual([]);
  });
});

describe('storeModelFolder', () => {
  it('stores every file under the prefix, grouped as the model id, with content-length', async () => {
    const files = [
      { path: 'config.json', blob: new Blob(['{"model_type":"florence2"}']) },
      { path: 'onnx/encoder_model.onnx', blob: new Blob([new Uint8Array(1234)]) },
    ];
    await storeModelFolder('/models/local/tiny/', files, target);
    const cache = createModelFileCache(target);
    const config = await cache.match('/models/local/tiny/config.json');
    expect(await config?.text()).toBe('{"model_type":"florence2"}');
    expect(config?.headers.get('content-type')).toBe('application/json');
    const onnx = await cache.match('/models/local/tiny/onnx/encoder_model.onnx');
    expect(onnx?.headers.get('content-length')).toBe('1234');
    expect(await listCachedModels(target)).toEqual([expect.objectContaining({ modelId: 'local/tiny', files: 2, bytes: 1234 + 26 })]);
    expect(await deleteCachedModel('local/tiny', target)).toBe(2);
  });
});
