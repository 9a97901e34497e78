import { statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page, Worker } from '@playwright/test';
import { expect } from './console';
import { FIXTURE_MODEL } from './app';

/** The q8 files WASM loads for the fixture model; their sizes on disk are the truth. */
export const Q8_DECODER = 'onnx/decoder_model_merged_quantized.onnx';
export const fixtureFileBytes = (file: string): number => statSync(`public/models/${FIXTURE_MODEL}/${file}`).size;

/** The page's caption worker (the intake worker also runs), once the app has created it. */
export async function captionWorker(page: Page): Promise<Worker> {
  let found: Worker | undefined;
  await expect
    .poll(() => (found = page.workers().find((w) => w.url().includes('caption.worker'))) !== undefined, { timeout: 30_000 })
    .toBe(true);
  return found!;
}

/**
 * Arms the caption worker so that during its `nth` caption call (counted from now) it fails the
 * way a real crash reaches the page: `error`, an uncaught exception, or `silent` — the worker
 * ends itself, which fires no event at all on the page (like a process killed for memory).
 * The listener runs after comlink's, so the caption has really started when the fault hits.
 */
export async function armCrash(worker: Worker, nth: number, how: 'error' | 'silent'): Promise<void> {
  await worker.evaluate(
    ({ nth, how }) => {
      let calls = 0;
      self.addEventListener('message', (event: MessageEvent) => {
        const data = event.data as { type?: string; path?: string[] } | null;
        if (data?.type !== 'APPLY' || data.path?.[0] !== 'caption' || ++calls !== nth) return;
        setTimeout(() => {
          if (how === 'silent') self.close();
          else throw new Error('forced crash for the fault test');
        }, 0);
      });
    },
    { nth, how },
  );
}

/** Cached model files as stored in IndexedDB: key and byte size. */
export async function cachedModelFiles(page: Page): Promise<Record<string, number>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const open = indexedDB.open('altscribe');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('modelFiles').objectStore('modelFiles').getAll();
          all.onsuccess = () => {
            open.result.close();
            resolve(Object.fromEntries((all.result as { key: string; size: number; blob: Blob }[]).map((r) => [r.key, r.blob.size])));
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

export interface StoredResult {
  id: string;
  fileName: string;
  hash?: string;
  status: string;
  text: string;
  review?: string;
  durationMs?: number;
  createdAt: number;
  updatedAt: number;
}

/** Every stored result with the fields the fault tests compare. */
export async function storedResults(page: Page): Promise<StoredResult[]> {
  return page.evaluate(
    () =>
      new Promise<StoredResult[]>((resolve, reject) => {
        const open = indexedDB.open('altscribe');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('results').objectStore('results').getAll();
          all.onsuccess = () => {
            open.result.close();
            resolve(all.result as StoredResult[]);
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

/**
 * A server that promises `length` bytes, sends `part` of them, then resets the connection: what
 * a dropped network looks like to the browser. Playwright cannot stream half a body itself.
 */
export async function serveThenDrop(length: number, part: Buffer): Promise<{ url: string; hits: () => number; close: () => void }> {
  let hits = 0;
  const server = createServer((_request, response) => {
    hits += 1;
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(length), 'cross-origin-resource-policy': 'cross-origin', 'access-control-allow-origin': '*' });
    response.write(part, () => setTimeout(() => response.socket?.destroy(), 50));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/decoder.onnx`, hits: () => hits, close: () => server.close() };
}
