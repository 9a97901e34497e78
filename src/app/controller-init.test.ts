// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaptionClient, ModelReady } from '../client/caption-client';
import type { CaptionRecord } from '../storage';
import { AltscribeController } from './altscribe-controller';

// The stored records come straight from here: thousands written to fake IndexedDB take seconds.
const storedRecords: CaptionRecord[] = [];
vi.mock('../storage', async (importOriginal) => ({ ...(await importOriginal<typeof import('../storage')>()), listResults: async () => storedRecords.map((r) => ({ ...r })) }));

const client: Pick<CaptionClient, 'ensureModel' | 'caption'> = {
  ensureModel: vi.fn(async (): Promise<ModelReady> => ({ modelId: 'altscribe/shapes-captioner', device: 'wasm', dtype: 'q8', wasmThreads: 1, loadMs: 1, reason: 'test' })),
  caption: vi.fn(async () => Promise.reject(new Error('not in this test'))),
};

const stored = (i: number): CaptionRecord => ({
  id: `photo-${String(i).padStart(5, '0')}`,
  fileName: `IMG_${i}.png`,
  mimeType: 'image/png',
  byteSize: 3,
  status: 'done',
  text: `Photo ${i}.`,
  review: 'unreviewed',
  createdAt: 1_000 + i,
  updatedAt: 1_000 + i,
});

afterEach(() => {
  storedRecords.length = 0;
});

describe('AltscribeController at a reload', () => {
  it('adds thousands of stored cards a chunk at a time, yielding between chunks, in the order they were added', async () => {
    const count = 2_500;
    storedRecords.push(...Array.from({ length: count }, (_, i) => stored(i)));
    const controller = new AltscribeController(client);
    const chunks: number[] = [];
    // A task queued when the first chunk arrives runs before the last one only if init yields.
    let sizeWhenTaskRan = -1;
    controller.store.subscribe((change) => {
      if (change.type !== 'added') return;
      if (chunks.push(change.cards.length) === 1) setTimeout(() => (sizeWhenTaskRan = controller.store.size), 0);
    });
    await controller.init('');
    expect(chunks).toEqual(Array.from({ length: count / 250 }, () => 250));
    expect(sizeWhenTaskRan).toBeGreaterThan(0);
    expect(sizeWhenTaskRan).toBeLessThan(count);
    expect(controller.store.ids).toEqual(Array.from({ length: count }, (_, i) => stored(i).id));
  });
});
