import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addResultUnlessKnown, findResultByHash, listResults, putResult, updateResult } from './index';
import { closeAltscribeDB, type CaptionRecord, type StorageOptions } from './schema';

let target: StorageOptions;
beforeEach(() => {
  target = { dbName: `by-hash-test-${crypto.randomUUID()}` };
});
afterEach(async () => {
  await closeAltscribeDB(target.dbName);
});

function caption(overrides: Partial<CaptionRecord>): CaptionRecord {
  return { id: crypto.randomUUID(), fileName: 'a.png', mimeType: 'image/png', byteSize: 3, status: 'done', text: '', review: 'unreviewed', createdAt: 1, updatedAt: 1, ...overrides };
}

describe('findResultByHash', () => {
  it('finds the record with that content hash, and nothing for an unknown hash', async () => {
    await putResult(caption({ id: 'one', hash: 'aa11' }), target);
    await putResult(caption({ id: 'two', hash: 'bb22' }), target);
    await putResult(caption({ id: 'loose' }), target); // no hash: not in the index
    expect((await findResultByHash('bb22', target))?.id).toBe('two');
    expect(await findResultByHash('cc33', target)).toBeUndefined();
  });

  it('returns the oldest when two records share a hash', async () => {
    await putResult(caption({ id: 'newer', hash: 'aa11', createdAt: 20 }), target);
    await putResult(caption({ id: 'older', hash: 'aa11', createdAt: 10 }), target);
    expect((await findResultByHash('aa11', target))?.id).toBe('older');
  });

  it('follows updates: a hash added later is found', async () => {
    await putResult(caption({ id: 'later' }), target);
    await updateResult('later', { hash: 'dd44', relativePath: 'album/a.png' }, target);
    expect(await findResultByHash('dd44', target)).toMatchObject({ id: 'later', relativePath: 'album/a.png' });
  });
});

describe('addResultUnlessKnown', () => {
  it('stores a photo with a new hash, and returns the stored one for a known hash without writing', async () => {
    expect(await addResultUnlessKnown(caption({ id: 'first', hash: 'aa11' }), target)).toBeUndefined();
    expect((await addResultUnlessKnown(caption({ id: 'second', hash: 'aa11' }), target))?.id).toBe('first');
    expect((await listResults(target)).map((r) => r.id)).toEqual(['first']);
  });

  it('stores each photo once when two adders race with the same hashes (two tabs, one folder)', async () => {
    const hashes = Array.from({ length: 20 }, (_, i) => `h${i}`);
    const tab = (name: string) => hashes.map((hash) => addResultUnlessKnown(caption({ id: `${name}-${hash}`, hash }), target));
    const outcomes = await Promise.all([...tab('a'), ...tab('b')]);
    const stored = await listResults(target);
    expect(stored).toHaveLength(20);
    expect(new Set(stored.map((r) => r.hash)).size).toBe(20);
    expect(outcomes.filter((o) => o === undefined)).toHaveLength(20);
  });

  it('always stores a record without a hash', async () => {
    expect(await addResultUnlessKnown(caption({ id: 'x' }), target)).toBeUndefined();
    expect(await addResultUnlessKnown(caption({ id: 'y' }), target)).toBeUndefined();
    expect(await listResults(target)).toHaveLength(2);
  });
});
