import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { V1CaptionRecord, V1ModelFileRecord } from './migrations';
import { DB_VERSION, closeAltscribeDB, openAltscribeDB } from './schema';
import { StorageError } from './storage-errors';
import { called } from '../test-support/wait';

const freshName = (): string => `schema-test-${crypto.randomUUID()}`;

/** Plain IndexedDB, so the v1 database is built exactly as v1 code would have built it. */
function rawOpen(name: string, version?: number, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onupgradeneeded = () => upgrade?.(request.result);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });
}

function rawPut(db: IDBDatabase, store: string, value: object): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, 'readwrite');
    tx.objectStore(store).put(value);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('put failed'));
  });
}

async function createV1Database(name: string): Promise<void> {
  const db = await rawOpen(name, 1, (upgrading) => {
    const results = upgrading.createObjectStore('results', { keyPath: 'id' });
    results.createIndex('by-created', 'createdAt');
    upgrading.createObjectStore('modelFiles', { keyPath: 'key' });
  });
  const unreviewed: V1CaptionRecord = {
    id: 'old-1',
    fileName: 'beach.jpg',
    mimeType: 'image/jpeg',
    byteSize: 1234,
    status: 'done',
    text: 'A beach at sunset.',
    createdAt: 1,
    updatedAt: 1,
  };
  const alreadyReviewed: V1CaptionRecord = { ...unreviewed, id: 'old-2', review: 'approved', createdAt: 2 };
  const file: V1ModelFileRecord = {
    key: 'https://huggingface.co/Mozilla/distilvit/resolve/main/onnx/encoder_model.onnx',
    blob: new Blob([new Uint8Array([1, 2, 3])]),
    contentType: 'application/octet-stream',
    size: 3,
    storedAt: 5,
  };
  await rawPut(db, 'results', unreviewed);
  await rawPut(db, 'results', alreadyReviewed);
  await rawPut(db, 'modelFiles', file);
  db.close();
}

const opened: string[] = [];
async function open(name: string): ReturnType<typeof openAltscribeDB> {
  opened.push(name);
  return openAltscribeDB(name);
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((name) => closeAltscribeDB(name)));
  vi.restoreAllMocks();
});

describe('openAltscribeDB', () => {
  it('creates every store and index of the current version', async () => {
    const db = await open(freshName());
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['folders', 'meta', 'modelFiles', 'originals', 'results']);
    const tx = db.transaction(['results', 'modelFiles', 'meta']);
    expect(tx.objectStore('results').keyPath).toBe('id');
    expect([...tx.objectStore('results').indexNames].sort()).toEqual(['by-created', 'by-hash']);
    expect(tx.objectStore('modelFiles').keyPath).toBe('key');
    expect([...tx.objectStore('modelFiles').indexNames]).toEqual(['by-model']);
    expect(tx.objectStore('meta').keyPath).toBeNull();
    await tx.done;
    const handles = db.transaction(['originals', 'folders']);
    expect(handles.objectStore('originals').keyPath).toBe('id');
    expect([...handles.objectStore('originals').indexNames]).toEqual(['by-folder']);
    expect(handles.objectStore('folders').keyPath).toBe('id');
    await handles.done;
  });

  it('shares one connection per database name', async () => {
    const name = freshName();
    const other = freshName();
    const [a, b] = await Promise.all([open(name), open(name)]);
    expect(a).toBe(b);
    expect(await open(other)).not.toBe(a);
  });

  it('reconnects after closeAltscribeDB', async () => {
    const name = freshName();
    const first = await open(name);
    await closeAltscribeDB(name);
    const second = await open(name);
    expect(second).not.toBe(first);
    expect(await second.count('results')).toBe(0);
  });
});

describe('migration from v1 to v2', () => {
  it('adds meta and by-model, and backfills review and modelId on v1 records', async () => {
    const name = freshName();
    await createV1Database(name);

    const db = await open(name);
    expect(db.version).toBe(DB_VERSION);
    expect(db.objectStoreNames.contains('meta')).toBe(true);
    // v3 on top: the hash index exists, and v1 records (no hash) simply stay out of it.
    expect(await db.countFromIndex('results', 'by-hash')).toBe(0);

    expect((await db.get('results', 'old-1'))?.review).toBe('unreviewed');
    // Already-present values are kept, not overwritten by the backfill.
    expect((await db.get('results', 'old-2'))?.review).toBe('approved');
    const old1 = await db.get('results', 'old-1');
    expect(old1).toMatchObject({ fileName: 'beach.jpg', text: 'A beach at sunset.', updatedAt: 1 });

    // The backfilled id makes v1 files reachable through the new index.
    const files = await db.getAllFromIndex('modelFiles', 'by-model', 'Mozilla/distilvit');
    expect(files).toHaveLength(1);
    expect(files[0]?.size).toBe(3);
  });
});

/** A v3 database as v3 code built it: results with their hash index, model files, settings. */
async function createV3Database(name: string): Promise<void> {
  const db = await rawOpen(name, 3, (upgrading) => {
    const results = upgrading.createObjectStore('results', { keyPath: 'id' });
    results.createIndex('by-created', 'createdAt');
    results.createIndex('by-hash', 'hash');
    upgrading.createObjectStore('modelFiles', { keyPath: 'key' }).createIndex('by-model', 'modelId');
    upgrading.createObjectStore('meta');
  });
  const base = { mimeType: 'image/png', byteSize: 10, text: '', review: 'unreviewed', updatedAt: 1 };
  await rawPut(db, 'results', { ...base, id: 'done-1', fileName: 'a.png', hash: 'h-a', status: 'done', text: 'A cat.', createdAt: 1 });
  await rawPut(db, 'results', { ...base, id: 'failed-1', fileName: 'b.png', hash: 'h-b', relativePath: 'album/b.png', status: 'failed', error: 'Interrupted', createdAt: 2 });
  await rawPut(db, 'results', { ...base, id: 'skip-1', fileName: 'n.txt', status: 'skipped', createdAt: 3 });
  await rawPut(db, 'modelFiles', { key: 'https://huggingface.co/a/b/resolve/main/x.onnx', modelId: 'a/b', blob: new Blob([new Uint8Array([1])]), contentType: '', size: 1, storedAt: 1 });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('meta', 'readwrite');
    tx.objectStore('meta').put({ modelId: 'a/b', device: 'wasm' }, 'settings');
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('put failed'));
  });
  db.close();
}

describe('migration from v3 to v4', () => {
  it('adds the originals and folders stores and keeps every record, index and setting', async () => {
    const name = freshName();
    await createV3Database(name);
    const db = await open(name);
    expect(db.version).toBe(4);
    expect((await db.getAllFromIndex('results', 'by-created')).map((r) => [r.id, r.status, r.text])).toEqual([
      ['done-1', 'done', 'A cat.'],
      ['failed-1', 'failed', ''],
      ['skip-1', 'skipped', ''],
    ]);
    expect((await db.get('results', 'failed-1'))?.relativePath).toBe('album/b.png');
    expect((await db.getFromIndex('results', 'by-hash', 'h-b'))?.id).toBe('failed-1');
    expect(await db.countFromIndex('modelFiles', 'by-model', 'a/b')).toBe(1);
    expect(await db.get('meta', 'settings')).toEqual({ modelId: 'a/b', device: 'wasm' });
    expect(await db.count('originals')).toBe(0);
    expect(await db.count('folders')).toBe(0);
  });
});

describe('a failing migration', () => {
  it('rejects with a StorageError and leaves the database at the old version, data intact', async () => {
    const name = freshName();
    await createV1Database(name);
    // A record the v2 step cannot handle (a non-string key makes modelIdFromCacheKey throw).
    const v1 = await rawOpen(name, 1);
    await rawPut(v1, 'modelFiles', { key: 42, blob: new Blob([]), contentType: '', size: 0, storedAt: 0 });
    v1.close();

    const opening = openAltscribeDB(name);
    await expect(opening).rejects.toBeInstanceOf(StorageError);
    await expect(opening).rejects.toMatchObject({ kind: 'unknown', cause: expect.any(TypeError) });

    const after = await rawOpen(name);
    expect(after.version).toBe(1);
    expect([...after.objectStoreNames].sort()).toEqual(['modelFiles', 'results']);
    after.close();
  });
});

describe('sharing the database with other tabs', () => {
  it('closes its connection when another tab opens a newer version, then reports the stale tab clearly', async () => {
    const name = freshName();
    await open(name);

    // Resolves only if our connection stepped aside on versionchange; otherwise it blocks.
    const newer = await rawOpen(name, DB_VERSION + 1);
    newer.close();

    const reopening = openAltscribeDB(name);
    await expect(reopening).rejects.toBeInstanceOf(StorageError);
    await expect(reopening).rejects.toMatchObject({ kind: 'unavailable', message: expect.stringMatching(/newer version.*Reload/) });
  });

  it('waits (and warns) while an older connection blocks the upgrade, then opens', async () => {
    const name = freshName();
    await createV1Database(name);
    const oldTab = await rawOpen(name, 1);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);

    const opening = open(name);
    await called(warn);
    oldTab.close();

    const db = await opening;
    expect(db.version).toBe(DB_VERSION);
  });
});
