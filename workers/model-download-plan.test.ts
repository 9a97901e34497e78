import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ModelFileCache } from '../src/storage/model-cache';
import { planDownload } from './model-download-plan';

const getFiles = vi.hoisted(() => vi.fn<(path: string) => Promise<string[]>>());
vi.mock('@huggingface/transformers', () => ({ ModelRegistry: { get_files: getFiles } }));

const SIZES: Record<string, number> = { 'config.json': 1183, 'tokenizer.json': 1442, 'onnx/encoder_model_quantized.onnx': 384_498, 'onnx/decoder_model_merged_quantized.onnx': 381_507 };
const urlOf = (file: string): string => `/models/shapes/${file}`;

/** An in-memory cache that answers as the IndexedDB one does (with content-length). */
function memoryCache(): ModelFileCache & { keys: Map<string, number> } {
  const keys = new Map<string, number>();
  return {
    keys,
    match: async (key) => (keys.has(key) ? new Response('x', { headers: { 'content-length': String(keys.get(key)) } }) : undefined),
    put: async (key) => void keys.set(key, SIZES[key.replace('/models/shapes/', '')] ?? 0),
    delete: async (key) => keys.delete(key),
  };
}

/** A server that answers the one-byte Range probe with the file's real size. */
const server: typeof fetch = async (input) => {
  const file = String(input).replace('/models/shapes/', '');
  return new Response('x', { status: 206, headers: { 'content-range': `bytes 0-0/${SIZES[file]}` } });
};

const request = { path: 'shapes', urlOf, device: 'wasm' as const, dtype: 'q8' as const };
const total = Object.values(SIZES).reduce((a, b) => a + b, 0);

describe('planDownload', () => {
  let cache: ReturnType<typeof memoryCache>;
  beforeEach(() => {
    cache = memoryCache();
    // As transformers.js does: reading config.json to list the files stores it in the cache.
    getFiles.mockImplementation(async () => {
      await cache.put(urlOf('config.json'), new Response('{}'));
      return Object.keys(SIZES);
    });
  });

  it('counts the config.json that planning itself stored as part of the download', async () => {
    const plan = await planDownload(request, cache, server);
    expect(plan.filesToDownload).toBe(4);
    expect(plan.bytesToDownload).toBe(total);
    expect(plan.totalBytes).toBe(total);
    expect(plan.exact).toBe(true);
  });

  it('counts a file stored before planning (an earlier download) as on this device', async () => {
    await cache.put(urlOf('config.json'), new Response('{}'));
    await cache.put(urlOf('onnx/encoder_model_quantized.onnx'), new Response(''));
    const plan = await planDownload(request, cache, server);
    expect(plan.files.filter((f) => f.cached).map((f) => f.file)).toEqual(['config.json', 'onnx/encoder_model_quantized.onnx']);
    expect(plan.filesToDownload).toBe(2);
    expect(plan.bytesToDownload).toBe(total - 1183 - 384_498);
  });
});
