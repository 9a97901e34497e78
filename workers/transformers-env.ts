import { env } from '@huggingface/transformers';
import type { WasmBuild } from '../src/models/model-types';
import type { ModelEntry } from '../src/models/registry';
import { createModelFileCache } from '../src/storage/model-cache';
import { ModelFetchRoutes } from './model-fetch-routes';

/**
 * One place that points transformers.js at our own files and caches.
 *
 * - The onnxruntime-web runtime comes from this app's /ort/ (copied from the exact copy that
 *   transformers.js imports), never from a CDN.
 * - Weights are cached in IndexedDB through `customCache` (Blobs, survives reloads, one store
 *   we can list and delete), not in Cache Storage.
 */
let configured = false;
const routes = new ModelFetchRoutes();

/** How model files are fetched (local paths of added models mapped to where they live); also for download plans. */
export const modelFetch: typeof fetch = routes.fetch;

export function configureTransformers(baseUrl: string): void {
  if (configured) return;
  configured = true;
  const wasm = env.backends.onnx.wasm;
  if (wasm) wasm.wasmPaths = ortFiles(baseUrl, 'asyncify');
  env.useBrowserCache = false;
  env.useCustomCache = true;
  env.fetch = routes.fetch;
  const cache = createModelFileCache();
  env.customCache = {
    ...cache,
    put: async (key: string, response: Response) => {
      try {
        await cache.put(key, response);
        storedKeys.push(key);
      } catch (error) {
        cacheFailures.push(error instanceof Error ? error.message : String(error));
        throw error;
      }
    },
  };
}

/**
 * Where the runtime's files are under this app's /ort/ (see tools/vite/serve-ort-files.ts).
 * onnxruntime-web reads this when it creates its first session and keeps that runtime for the
 * worker's life, so it is set before the first load. A prefix, not {mjs, wasm}: given explicit
 * files, the app's worker failed with "Failed to fetch dynamically imported module: blob:…",
 * an import the CSP (rightly) refuses.
 */
export function ortFiles(baseUrl: string, build: WasmBuild): string {
  return new URL(build === 'plain' ? 'ort/cpu/' : 'ort/', new URL(baseUrl, self.location.origin)).href;
}

/** Cache keys written since the last call: a load that then fails may have to take them back. */
const storedKeys: string[] = [];
export function takeStoredKeys(): string[] {
  return storedKeys.splice(0);
}

/** Cache writes that failed since the last call; transformers.js only logs them and carries on. */
const cacheFailures: string[] = [];
export function takeCacheFailures(): string[] {
  return cacheFailures.splice(0);
}

export interface ModelLocation {
  /** What transformers.js is given as the model id. */
  path: string;
  /** The URL a file is fetched from, which is also its cache key (transformers.js's own choice). */
  urlOf: (file: string) => string;
}

/**
 * Per model: the fixture is only looked up on this app's server; hub models only on the hub
 * (never probing our server first, which would be a wasted 404 per file). Offline, remote
 * lookups are off so cached models still load instead of failing on the first network error.
 */
export function selectModelSource(model: Pick<ModelEntry, 'id' | 'source'>, baseUrl: string): ModelLocation {
  const source = model.source;
  if (source.kind === 'app' || source.kind === 'folder' || source.kind === 'url') {
    // Added models are local models too (their cache keys then group per model like the app's
    // own); `routes` maps their paths to IndexedDB only, or to the folder URL.
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    env.localModelPath = new URL('models/', new URL(baseUrl, self.location.origin)).pathname;
    const root = `${env.localModelPath}${model.id}/`;
    if (source.kind === 'folder') routes.addCacheOnly(root);
    if (source.kind === 'url') routes.addMirror(root, source.baseUrl);
    return { path: model.id, urlOf: (file) => root + file };
  }
  if (source.kind === 'browser') throw new Error(`${model.id} is the browser's own model; it runs on the page, not in this worker.`);
  env.allowLocalModels = false;
  env.allowRemoteModels = navigator.onLine;
  const repo = source.repo;
  return { path: repo, urlOf: (file) => `${env.remoteHost.replace(/\/?$/, '/')}${repo}/resolve/main/${file}` };
}
