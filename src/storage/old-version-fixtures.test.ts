import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_VERSION, closeAltscribeDB, openAltscribeDB } from './schema';

// Databases as earlier versions of Altscribe left them, built with raw IndexedDB, opened with
// today's code. Written against whatever DB_VERSION is, so each new migration must keep them.

const N = 60;
const opened: string[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((name) => closeAltscribeDB(name)));
});

/** Records in the shape v1 wrote: no review, no hash, optional fields present or absent. */
function v1Records(): Record<string, unknown>[] {
  return Array.from({ length: N }, (_, i) => ({
    id: `rec-${String(i).padStart(3, '0')}`,
    fileName: `photo-${i}.${i % 3 === 0 ? 'png' : 'jpg'}`,
    mimeType: i % 3 === 0 ? 'image/png' : 'image/jpeg',
    byteSize: 1000 + i,
    status: (['done', 'failed', 'cancelled', 'done'] as const)[i % 4],
    text: i % 4 === 1 ? '' : `Caption ${i}, with “quotes” and ünïcode.`,
    ...(i % 4 === 1 ? { error: `The model failed on photo-${i}.jpg.` } : {}),
    ...(i % 5 === 0 ? { width: 640, height: 480, modelId: 'Mozilla/distilvit', device: 'wasm', dtype: 'q8', durationMs: 900 + i } : {}),
    ...(i % 7 === 0 ? { thumbnail: new Blob([new Uint8Array([i, i + 1, i + 2])], { type: 'image/jpeg' }) } : {}),
    createdAt: 1_600_000_000_000 + i,
    updatedAt: 1_600_000_100_000 + i,
  }));
}

function v1ModelFiles(): Record<string, unknown>[] {
  return ['encoder_model_quantized.onnx', 'decoder_model_merged_quantized.onnx', 'config.json'].map((file, i) => ({
    key: `https://huggingface.co/Xenova/vit-gpt2-image-captioning/resolve/main/onnx/${file}`,
    blob: new Blob([new Uint8Array(10 + i)]),
    contentType: 'application/octet-stream',
    size: 10 + i,
    storedAt: 5 + i,
  }));
}

/** Creates `name` at `version` with the given stores, all writes inside the upgrade (atomic). */
function createOld(name: string, version: 1 | 2, results: Record<string, unknown>[], files: Record<string, unknown>[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onupgradeneeded = () => {
      const db = request.result;
      const resultStore = db.createObjectStore('results', { keyPath: 'id' });
      resultStore.createIndex('by-created', 'createdAt');
      const fileStore = db.createObjectStore('modelFiles', { keyPath: 'key' });
      if (version === 2) {
        fileStore.createIndex('by-model', 'modelId');
        db.createObjectStore('meta').put({ modelId: 'Xenova/vit-gpt2-image-captioning', device: 'wasm' }, 'settings');
      }
      for (const record of results) resultStore.put(record);
      for (const file of files) fileStore.put(file);
    };
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });
}

async function openToday(name: string): ReturnType<typeof openAltscribeDB> {
  opened.push(name);
  return openAltscribeDB(name);
}

/** Blobs compared by their bytes, the rest by value. */
async function comparable(record: Record<string, unknown> | undefined): Promise<Record<string, unknown> | undefined> {
  if (!record) return record;
  const out: Record<string, unknown> = { ...record };
  for (const [key, value] of Object.entries(out)) if (value instanceof Blob) out[key] = { type: value.type, bytes: [...new Uint8Array(await value.arrayBuffer())] };
  return out;
}

describe('a database from an older version', () => {
  it(`v1 with ${N} records: every record is kept field for field, gains review, and is listed in order`, async () => {
    const name = `old-v1-${crypto.randomUUID()}`;
    const records = v1Records();
    await createOld(name, 1, records, v1ModelFiles());
    const db = await openToday(name);
    expect(db.version).toBe(DB_VERSION);
    expect(await db.count('results')).toBe(N);
    const listed = await db.getAllFromIndex('results', 'by-created');
    expect(listed.map((r) => r.id)).toEqual(records.map((r) => r['id']));
    for (const record of records) {
      const stored = await db.get('results', record['id'] as string);
      expect(await comparable(stored as unknown as Record<string, unknown>)).toEqual(await comparable({ ...record, review: 'unreviewed' }));
    }
    expect(await db.count('modelFiles')).toBe(3);
    expect(await db.countFromIndex('modelFiles', 'by-model', 'Xenova/vit-gpt2-image-captioning')).toBe(3);
  });

  it(`v2 with ${N} records, settings and files: all of it is still there after the upgrade`, async () => {
    const name = `old-v2-${crypto.randomUUID()}`;
    const records: Record<string, unknown>[] = v1Records().map((r, i) => ({ ...r, review: i % 2 ? 'approved' : 'edited' }));
    const files = v1ModelFiles().map((f) => ({ ...f, modelId: 'Xenova/vit-gpt2-image-captioning' }));
    await createOld(name, 2, records, files);
    const db = await openToday(name);
    expect(db.version).toBe(DB_VERSION);
    expect(await db.count('results')).toBe(N);
    for (const record of records) expect(await comparable((await db.get('results', record['id'] as string)) as unknown as Record<string, unknown>)).toEqual(await comparable(record));
    expect(await db.get('meta', 'settings')).toEqual({ modelId: 'Xenova/vit-gpt2-image-captioning', device: 'wasm' });
    expect((await db.getAll('modelFiles')).map((f) => f.size).sort()).toEqual([10, 11, 12]);
  });

  it('opening the upgraded database again changes nothing', async () => {
    const name = `old-v1-again-${crypto.randomUUID()}`;
    await createOld(name, 1, v1Records(), v1ModelFiles());
    const first = await openToday(name);
    const before = await first.getAll('results');
    await closeAltscribeDB(name);
    const second = await openToday(name);
    expect(await second.getAll('results')).toEqual(before);
  });
});
