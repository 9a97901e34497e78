import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearResults, deleteResult, getResult, listResults, putResult, updateResult } from './results-store';
import { closeAltscribeDB, type CaptionRecord, type StorageOptions } from './schema';

let target: StorageOptions;

beforeEach(() => {
  target = { dbName: `results-test-${crypto.randomUUID()}` };
});

afterEach(async () => {
  vi.useRealTimers();
  await closeAltscribeDB(target.dbName);
});

function caption(overrides: Partial<CaptionRecord> = {}): CaptionRecord {
  return {
    id: crypto.randomUUID(),
    fileName: 'cat.png',
    mimeType: 'image/png',
    byteSize: 2048,
    status: 'queued',
    text: '',
    review: 'unreviewed',
    createdAt: 1_000,
    updatedAt: 1_000,
    ...overrides,
  };
}

describe('putResult / getResult', () => {
  it('round-trips every field, including a thumbnail Blob', async () => {
    const thumbnail = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });
    const record = caption({ width: 640, height: 480, thumbnail, modelId: 'Mozilla/distilvit', durationMs: 812 });
    await putResult(record, target);

    const stored = await getResult(record.id, target);
    expect(stored).toEqual({ ...record, thumbnail: expect.any(Blob) });
    expect(new Uint8Array(await stored!.thumbnail!.arrayBuffer())).toEqual(new Uint8Array([137, 80, 78, 71]));
    expect(stored!.thumbnail!.type).toBe('image/png');
  });

  it("keeps a photo's context through later patches (a caption, an edit), an older record without one stays without", async () => {
    const record = caption({ context: 'Acadia National Park, 2019' });
    const older = caption();
    await putResult(record, target);
    await putResult(older, target);
    await updateResult(record.id, { status: 'done', text: 'A rocky shore.' }, target);
    await updateResult(record.id, { text: 'A rocky shore at dawn.', review: 'edited' }, target);
    expect((await getResult(record.id, target))?.context).toBe('Acadia National Park, 2019');
    expect(await getResult(older.id, target)).not.toHaveProperty('context');
  });

  it('stores the language a caption patch sets, keeps the model text beside it, and a later English caption clears it', async () => {
    const record = caption();
    await putResult(record, target);
    await updateResult(record.id, { status: 'done', text: 'Un cercle rouge.', modelText: 'a red circle', language: 'fr' }, target);
    expect(await getResult(record.id, target)).toMatchObject({ text: 'Un cercle rouge.', modelText: 'a red circle', language: 'fr' });
    await updateResult(record.id, { text: 'A red circle.', language: undefined }, target);
    expect(await getResult(record.id, target)).not.toHaveProperty('language');
  });

  it('returns undefined for an unknown id', async () => {
    expect(await getResult('missing', target)).toBeUndefined();
  });

  it('replaces a record with the same id', async () => {
    const record = caption({ text: 'first' });
    await putResult(record, target);
    await putResult({ ...record, text: 'second' }, target);
    expect((await getResult(record.id, target))?.text).toBe('second');
    expect(await listResults(target)).toHaveLength(1);
  });
});

describe('listResults', () => {
  it('lists oldest first by createdAt, whatever the insertion order', async () => {
    await putResult(caption({ id: 'c', createdAt: 300 }), target);
    await putResult(caption({ id: 'a', createdAt: 100 }), target);
    await putResult(caption({ id: 'b', createdAt: 200 }), target);
    expect((await listResults(target)).map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });

  it('reads more records than one page holds in the same order, ties in one millisecond by id', async () => {
    // 450 records over 3 pages; many share a createdAt, as photos of one folder do.
    const ids = Array.from({ length: 450 }, (_, i) => `r${String(i).padStart(3, '0')}`);
    for (const id of [...ids].reverse()) await putResult(caption({ id, createdAt: 1_000 + Math.floor(Number(id.slice(1)) / 7) }), target);
    expect((await listResults(target)).map((r) => r.id)).toEqual(ids);
  });

  it('is empty for a new database', async () => {
    expect(await listResults(target)).toEqual([]);
  });
});

describe('updateResult', () => {
  it('merges the patch, keeps other fields, and stamps updatedAt', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(5_000);
    const record = caption({ status: 'running', modelId: 'Mozilla/distilvit' });
    await putResult(record, target);

    const updated = await updateResult(record.id, { status: 'done', text: 'A cat on a sofa.' }, target);

    expect(updated).toEqual({ ...record, status: 'done', text: 'A cat on a sofa.', updatedAt: 5_000 });
    expect(await getResult(record.id, target)).toEqual(updated);
  });

  it('cannot change id or createdAt even if a patch smuggles them in', async () => {
    const record = caption();
    await putResult(record, target);
    const sneaky = { text: 'x', id: 'other', createdAt: 1 } as Parameters<typeof updateResult>[1];
    const updated = await updateResult(record.id, sneaky, target);
    expect(updated).toMatchObject({ id: record.id, createdAt: record.createdAt, text: 'x' });
    expect(await getResult('other', target)).toBeUndefined();
  });

  it('removes an optional field set to undefined but ignores undefined for required fields', async () => {
    const record = caption({ status: 'failed', error: 'Out of memory' });
    await putResult(record, target);

    const updated = await updateResult(record.id, { status: 'queued', error: undefined, text: undefined }, target);

    expect(updated?.status).toBe('queued');
    expect(updated?.text).toBe('');
    const stored = await getResult(record.id, target);
    expect(stored).not.toHaveProperty('error');
    expect(stored?.text).toBe('');
  });

  it('returns undefined and creates nothing for an unknown id', async () => {
    expect(await updateResult('missing', { text: 'hello' }, target)).toBeUndefined();
    expect(await listResults(target)).toEqual([]);
  });

  it('does not lose fields when two updates race', async () => {
    const record = caption();
    await putResult(record, target);
    await Promise.all([
      updateResult(record.id, { text: 'A dog.' }, target),
      updateResult(record.id, { review: 'approved' }, target),
    ]);
    expect(await getResult(record.id, target)).toMatchObject({ text: 'A dog.', review: 'approved' });
  });
});

describe('deleteResult / clearResults', () => {
  it('deletes only the given record', async () => {
    await putResult(caption({ id: 'keep' }), target);
    await putResult(caption({ id: 'drop' }), target);
    await deleteResult('drop', target);
    expect(await getResult('drop', target)).toBeUndefined();
    expect((await listResults(target)).map((r) => r.id)).toEqual(['keep']);
  });

  it('treats deleting an unknown id as done', async () => {
    await expect(deleteResult('missing', target)).resolves.toBeUndefined();
  });

  it('clears all records', async () => {
    await putResult(caption(), target);
    await putResult(caption(), target);
    await clearResults(target);
    expect(await listResults(target)).toEqual([]);
  });
});
