import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { eraseAllStoredData } from './erase';
import { getMeta, setMeta } from './meta-store';
import { listResults, putResult } from './results-store';
import { DB_NAME } from './schema';

const names = async (): Promise<string[]> => (await indexedDB.databases()).map((d) => d.name ?? '').sort();

describe('eraseAllStoredData', () => {
  it('deletes the main database and every other Altscribe database, and leaves other databases alone', async () => {
    await setMeta('settings', { modelId: 'x' });
    await setMeta('settings', { modelId: 'y' }, { dbName: `${DB_NAME}-second` });
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('someone-else');
      open.onsuccess = () => (open.result.close(), resolve());
      open.onerror = () => reject(open.error);
    });
    expect(await names()).toEqual([DB_NAME, `${DB_NAME}-second`, 'someone-else']);

    // The shared connection is open: erasing must close it rather than wait on it.
    const erased = await eraseAllStoredData();
    expect(erased.sort()).toEqual([DB_NAME, `${DB_NAME}-second`]);
    expect(await names()).toEqual(['someone-else']);
  });

  it('leaves a working, empty database behind for the next use', async () => {
    await putResult({ id: 'a', fileName: 'a.jpg', mimeType: 'image/jpeg', byteSize: 1, status: 'done', text: 'A cat.', review: 'unreviewed', createdAt: 1, updatedAt: 1 });
    expect(await listResults()).toHaveLength(1);
    await eraseAllStoredData();
    expect(await listResults()).toEqual([]);
    expect(await getMeta('settings')).toBeUndefined();
  });
});
