import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteOriginalHandle, forgetUnusedFolders, getOriginalHandles, listFolderHandles, listOriginalHandles, putOriginalHandle } from './original-handles';
import { clearResults, deleteResult, listResults, putResult } from './results-store';
import { closeAltscribeDB, type CaptionRecord } from './schema';

const dbName = `handles-test-${crypto.randomUUID()}`;
const options = { dbName };

// Node's structured clone cannot copy real handles; plain objects stand in and are stored as they are.
const fileHandle = (name: string) => ({ kind: 'file', name }) as unknown as FileSystemFileHandle;
const folder = (id: string, name: string) => ({ id, handle: { kind: 'directory', name } as unknown as FileSystemDirectoryHandle });

function record(id: string): CaptionRecord {
  return { id, fileName: `${id}.png`, mimeType: 'image/png', byteSize: 1, status: 'queued', text: '', review: 'unreviewed', createdAt: 1, updatedAt: 1 };
}

afterEach(async () => {
  await clearResults(options);
  await closeAltscribeDB(dbName);
});

describe('original handles', () => {
  it('keeps one handle per card and each folder once, however many files came from it', async () => {
    const album = folder('f1', 'album');
    await putOriginalHandle('a', fileHandle('a.png'), album, options);
    await putOriginalHandle('b', fileHandle('b.png'), album, options);
    await putOriginalHandle('a', fileHandle('a2.png'), album, options); // the same card again replaces its handle
    const originals = await listOriginalHandles(options);
    expect(originals.map((o) => [o.id, o.handle.name, o.folderId])).toEqual([
      ['a', 'a2.png', 'f1'],
      ['b', 'b.png', 'f1'],
    ]);
    expect((await listFolderHandles(options)).map((f) => [f.id, f.handle.name])).toEqual([['f1', 'album']]);
  });

  it('reads the handles of the cards asked for, in that order, across transactions, leaving out cards without one', async () => {
    const album = folder('f1', 'album');
    for (let i = 0; i < 450; i++) await putOriginalHandle(`id-${i}`, fileHandle(`${i}.png`), album, options);
    const wanted = ['id-449', 'missing', 'id-3', 'id-250', 'id-0'];
    const found = await getOriginalHandles(wanted, options);
    expect(found.map((o) => [o.id, o.handle.name])).toEqual([['id-449', '449.png'], ['id-3', '3.png'], ['id-250', '250.png'], ['id-0', '0.png']]);
    const many = await getOriginalHandles(Array.from({ length: 450 }, (_, i) => `id-${i}`), options);
    expect(many.map((o) => o.id)).toEqual(Array.from({ length: 450 }, (_, i) => `id-${i}`));
    expect(await getOriginalHandles([], options)).toEqual([]);
  });

  it('a card deleted takes its handle with it; clearing the list clears handles and folders', async () => {
    await putResult(record('a'), options);
    await putResult(record('b'), options);
    await putOriginalHandle('a', fileHandle('a.png'), folder('f1', 'album'), options);
    await putOriginalHandle('b', fileHandle('b.png'), folder('f1', 'album'), options);
    await deleteResult('a', options);
    expect((await listResults(options)).map((r) => r.id)).toEqual(['b']);
    expect((await listOriginalHandles(options)).map((o) => o.id)).toEqual(['b']);
    await clearResults(options);
    expect(await listOriginalHandles(options)).toEqual([]);
    expect(await listFolderHandles(options)).toEqual([]);
  });

  it('deleteOriginalHandle forgets one handle; forgetUnusedFolders then drops folders nothing points into', async () => {
    await putOriginalHandle('a', fileHandle('a.png'), folder('f1', 'album'), options);
    await putOriginalHandle('b', fileHandle('b.png'), folder('f2', 'trip'), options);
    await putOriginalHandle('c', fileHandle('c.png'), folder('f2', 'trip'), options);
    await deleteOriginalHandle('a', options);
    await deleteOriginalHandle('b', options);
    expect(await forgetUnusedFolders(options)).toBe(1);
    expect((await listFolderHandles(options)).map((f) => f.id)).toEqual(['f2']);
    expect(await forgetUnusedFolders(options)).toBe(0);
  });
});
