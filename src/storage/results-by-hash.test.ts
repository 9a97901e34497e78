import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findResultByHash, putResult, updateResult } from './index';
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
