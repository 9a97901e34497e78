import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { storeIntakeBatch, WRITES_PER_TASK, type IntakeBatch } from './intake-batch';
import { listFolderHandles, listOriginalHandles } from './original-handles';
import { getResult, listResults, putResult, REQUESTS_PER_TASK, updateResult, updateResults } from './results-store';
import { closeAltscribeDB, type CaptionRecord, type StorageOptions } from './schema';
import { StorageError } from './storage-errors';

let target: StorageOptions;
beforeEach(() => {
  target = { dbName: `intake-batch-test-${crypto.randomUUID()}` };
});
afterEach(async () => {
  await closeAltscribeDB(target.dbName);
});

function caption(id: string, overrides: Partial<CaptionRecord> = {}): CaptionRecord {
  return { id, fileName: `${id}.png`, mimeType: 'image/png', byteSize: 3, status: 'queued', text: '', review: 'unreviewed', createdAt: 1, updatedAt: 1, ...overrides };
}
// Node's structured clone cannot copy real handles; plain objects stand in and are stored as they are.
const fileHandle = (name: string) => ({ kind: 'file', name }) as unknown as FileSystemFileHandle;
const album = { id: 'f1', handle: { kind: 'directory', name: 'album' } as unknown as FileSystemDirectoryHandle };
const batch = (parts: Partial<IntakeBatch>): IntakeBatch => ({ add: [], put: [], handles: [], ...parts });

/** Counts the transactions the code under test opens (after the database is open). */
async function countingTransactions<T>(run: () => Promise<T>): Promise<[T, number]> {
  await listResults(target);
  const spy = vi.spyOn(IDBDatabase.prototype, 'transaction');
  try {
    const result = await run();
    return [result, spy.mock.calls.length];
  } finally {
    spy.mockRestore();
  }
}

describe('storeIntakeBatch', () => {
  it('stores new photos and skipped files, and answers with the stored card for a photo already there or earlier in the batch', async () => {
    await putResult(caption('old', { hash: 'aa' }), target);
    const known = await storeIntakeBatch(batch({ add: [caption('a', { hash: 'aa' }), caption('b', { hash: 'bb' }), caption('b2', { hash: 'bb' })], put: [caption('notes', { status: 'skipped' })] }), target);
    expect([...known].map(([id, record]) => [id, record.id])).toEqual([['a', 'old'], ['b2', 'b']]);
    expect((await listResults(target)).map((r) => r.id).sort()).toEqual(['b', 'notes', 'old']);
  });

  it("asks for a chunk's writes a slice at a time, each once the slice before is written", async () => {
    const cards = Array.from({ length: WRITES_PER_TASK * 2 + 1 }, (_, i) => caption(`p${i}`, { hash: `h${i}`, createdAt: i }));
    await listResults(target);
    let [waiting, most] = [0, 0];
    const put = IDBObjectStore.prototype.put;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const request = put.apply(this, args);
      most = Math.max(most, ++waiting);
      request.addEventListener('success', () => waiting--);
      return request;
    });
    try {
      await storeIntakeBatch(batch({ add: cards }), target);
    } finally {
      spy.mockRestore();
    }
    expect(most).toBe(WRITES_PER_TASK);
    expect(await listResults(target)).toHaveLength(cards.length);
  });

  it('writes 600 cards in one transaction', async () => {
    const cards = Array.from({ length: 600 }, (_, i) => caption(`p${i}`, { hash: `h${i}`, createdAt: i }));
    const [known, transactions] = await countingTransactions(() => storeIntakeBatch(batch({ add: cards, handles: cards.map(({ id }) => ({ id, handle: fileHandle(`${id}.png`), folder: album })) }), target));
    expect(known.size).toBe(0);
    expect(transactions).toBe(1);
    expect(await listResults(target)).toHaveLength(600);
    expect(await listOriginalHandles(target)).toHaveLength(600);
  });

  it('stores nothing of a batch when one write fails, and says so as a StorageError', async () => {
    const broken = { ...caption('x'), id: undefined } as unknown as CaptionRecord; // no key: the put throws
    await expect(storeIntakeBatch(batch({ add: [caption('a', { hash: 'aa' })], put: [broken] }), target)).rejects.toBeInstanceOf(StorageError);
    expect(await listResults(target)).toEqual([]);
  });

  it('stores each photo once when two tabs add overlapping folders at the same moment', async () => {
    const tab = (name: string, hashes: string[]) => storeIntakeBatch(batch({ add: hashes.map((hash) => caption(`${name}-${hash}`, { hash })) }), target);
    const [first, second] = await Promise.all([tab('a', ['h1', 'h2', 'h3']), tab('b', ['h2', 'h3', 'h4'])]);
    const stored = await listResults(target);
    expect(stored.map((r) => r.hash).sort()).toEqual(['h1', 'h2', 'h3', 'h4']);
    // Whichever ran second found the other's cards.
    expect(first.size + second.size).toBe(2);
    const found = [...first.values(), ...second.values()].map((r) => r.id).sort();
    expect(found.every((id) => stored.some((r) => r.id === id))).toBe(true);
  });

  it('keeps handles only for cards that exist after the batch, and the folder once per pick', async () => {
    await putResult(caption('waiting', { hash: 'ww', status: 'failed' }), target);
    await putResult(caption('other', { hash: 'oo' }), target);
    const handles = ['new', 'dup', 'waiting', 'gone'].map((id) => ({ id, handle: fileHandle(`${id}.png`), folder: album }));
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    try {
      await storeIntakeBatch(batch({ add: [caption('new', { hash: 'nn' }), caption('dup', { hash: 'oo' })], handles }), target);
      await storeIntakeBatch(batch({ add: [caption('next', { hash: 'xx' })], handles: [{ id: 'next', handle: fileHandle('next.png'), folder: album }] }), target);
      expect(put.mock.contexts.filter((store) => (store as IDBObjectStore).name === 'folders')).toHaveLength(1);
    } finally {
      put.mockRestore();
    }
    // 'dup' became the card 'other' (which keeps no handle from this pick); 'gone' has no card.
    expect((await listOriginalHandles(target)).map((o) => [o.id, o.folderId]).sort()).toEqual([['new', 'f1'], ['next', 'f1'], ['waiting', 'f1']]);
    expect((await listFolderHandles(target)).map((f) => f.id)).toEqual(['f1']);
  });
});

describe('updateResults', () => {
  it('patches many records in one transaction, answering per entry as updateResult does', async () => {
    for (const id of ['a', 'b']) await putResult(caption(id, { status: 'running', error: 'old' }), target);
    const entries = [
      { id: 'a', patch: { status: 'failed' as const, error: 'Interrupted' } },
      { id: 'missing', patch: { status: 'failed' as const } },
      { id: 'b', patch: { error: undefined } },
      { id: 'a', patch: { text: 'then this' } },
    ];
    const [answers, transactions] = await countingTransactions(() => updateResults(entries, target));
    expect(transactions).toBe(1);
    expect(answers.map((r) => r && [r.id, r.status, r.error, r.text])).toEqual([['a', 'failed', 'Interrupted', ''], undefined, ['b', 'running', undefined, ''], ['a', 'failed', 'Interrupted', 'then this']]);
    expect(await getResult('a', target)).toMatchObject({ status: 'failed', error: 'Interrupted', text: 'then this' });
    expect('error' in ((await getResult('b', target)) ?? {})).toBe(false);
    expect(await getResult('missing', target)).toBeUndefined();
  });

  it("asks for a big patch's reads and writes a slice at a time, in its one transaction", async () => {
    const ids = Array.from({ length: REQUESTS_PER_TASK * 2 + 1 }, (_, i) => `p${i}`);
    for (const id of ids) await putResult(caption(id), target);
    const most = { get: 0, put: 0 };
    const waiting = { get: 0, put: 0 };
    const spies = (['get', 'put'] as const).map((method) => {
      const original = IDBObjectStore.prototype[method] as (...args: unknown[]) => IDBRequest;
      return vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args: unknown[]) {
        const request = original.apply(this, args);
        most[method] = Math.max(most[method], ++waiting[method]);
        request.addEventListener('success', () => waiting[method]--);
        return request;
      } as never);
    });
    try {
      const [answers, transactions] = await countingTransactions(() => updateResults(ids.map((id) => ({ id, patch: { status: 'failed' as const } })), target));
      expect(transactions).toBe(1);
      expect(answers.every((r) => r?.status === 'failed')).toBe(true);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(most).toEqual({ get: REQUESTS_PER_TASK, put: REQUESTS_PER_TASK });
    expect((await listResults(target)).filter((r) => r.status === 'failed')).toHaveLength(ids.length);
  });

  it('leaves id and createdAt alone and stamps updatedAt, like updateResult', async () => {
    await putResult(caption('a', { createdAt: 5, updatedAt: 5 }), target);
    const [viaMany] = await updateResults([{ id: 'a', patch: { id: 'z', createdAt: 9 } as never }], target);
    const viaOne = await updateResult('a', { text: 'x' }, target);
    expect(viaMany).toMatchObject({ id: 'a', createdAt: 5 });
    expect(viaMany!.updatedAt).toBeGreaterThan(5);
    expect(viaOne).toMatchObject({ id: 'a', createdAt: 5 });
    expect(await updateResults([], target)).toEqual([]);
  });
});
