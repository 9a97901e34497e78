import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaptionCall, CaptionClient, ModelReady } from '../client/caption-client';
import { sha256Hex } from './inspect-file';
import type { DirectoryHandleLike, FileHandleLike, ReadPermission } from './walk-handles';
import type { CaptionOutcome } from '../models/model-types';
import { clearResults, listOriginalHandles, listResults, putResult, updateResults, type CaptionRecord } from '../storage';
import { AltscribeController } from '../app/altscribe-controller';
import { INTERRUPTED, OriginalsReopener, type ReopenHost, type ReopenStore } from './reopen-originals';
import type { PlannedStep } from './run-intake';
import { until } from '../test-support/wait';

class FakeClient implements Pick<CaptionClient, 'ensureModel' | 'caption'> {
  captions: string[] = [];
  ensureModel = vi.fn(async (modelId: string): Promise<ModelReady> => ({ modelId, device: 'wasm', dtype: 'q8', wasmThreads: 1, loadMs: 1, reason: 'test' }));
  async caption(image: Blob, fileName: string, _options: unknown, call: CaptionCall = {}): Promise<CaptionOutcome> {
    const text = `a photo of ${await image.slice(8).text()}`; // describes the bytes, so a swapped file would show
    this.captions.push(fileName);
    call.onText?.(text);
    return { text, interrupted: false, durationMs: 1, width: 8, height: 8, thumbnail: null };
  }
}

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (name: string, content: string) => new File([new Uint8Array(PNG_HEAD), content], name, { type: 'image/png' });

/** A file on disk behind a handle; `disk` can be changed or emptied as a person would between sessions. */
function fileHandle(name: string, disk: Map<string, File>): FileHandleLike {
  return {
    kind: 'file',
    name,
    getFile: async () => {
      const file = disk.get(name);
      if (!file) throw Object.assign(new Error('A requested file could not be found.'), { name: 'NotFoundError' });
      return file;
    },
  };
}

function folderHandle(name: string, permission: { query: ReadPermission; request?: ReadPermission }, asked: string[]): DirectoryHandleLike {
  return {
    kind: 'directory',
    name,
    values: async function* () {},
    queryPermission: async () => (asked.push('query'), permission.query),
    requestPermission: async () => (asked.push('request'), permission.request ?? 'prompt'),
  };
}

async function storedCard(id: string, file: File, path: string, status: CaptionRecord['status'] = 'queued'): Promise<void> {
  const record: CaptionRecord = { id, fileName: file.name, relativePath: path, hash: await sha256Hex(file), mimeType: file.type, byteSize: file.size, status, text: status === 'done' ? 'Kept.' : '', review: 'unreviewed', createdAt: id.charCodeAt(0), updatedAt: 1 };
  await putResult(record);
}

/** Two photos from "album" were queued when the tab closed; a finished one has a handle too. */
async function reloadWith(permission: { query: ReadPermission; request?: ReadPermission }) {
  const disk = new Map([['a.png', png('a.png', 'red circle')], ['b.png', png('b.png', 'blue square')], ['c.png', png('c.png', 'green star')]]);
  await storedCard('a', disk.get('a.png')!, 'album/a.png');
  await storedCard('b', disk.get('b.png')!, 'album/sub/b.png');
  await storedCard('c', disk.get('c.png')!, 'album/c.png', 'done');
  const asked: string[] = [];
  const folder = folderHandle('album', permission, asked);
  const handlesRead: string[][] = [];
  const store: ReopenStore = {
    originals: async (ids) => {
      handlesRead.push([...ids]);
      return ['a', 'b', 'c'].filter((id) => ids.includes(id)).map((id) => ({ id, handle: fileHandle(`${id}.png`, disk), folderId: 'f1' }));
    },
    folders: async () => [{ id: 'f1', handle: folder }],
    update: (entries) => updateResults(entries),
    forgetUnusedFolders: async () => 0,
  };
  const client = new FakeClient();
  const controller = new AltscribeController(client);
  await controller.init('');
  const reopener = new OriginalsReopener(controller, store);
  const spoken: string[] = [];
  reopener.addEventListener('announce', (e) => spoken.push((e as CustomEvent<string>).detail));
  return { disk, asked, client, controller, reopener, spoken, handlesRead };
}

const view = (c: AltscribeController) => c.cards.map(({ record: r }) => [r.id, r.status, r.status === 'done' ? r.text : r.error]);
/** Every card finished: checked as each caption job ends, which is after its card is saved. */
const settled = (c: AltscribeController) => until(c.queue, 'change', () => c.cards.every((x) => !['queued', 'running'].includes(x.record.status)));

afterEach(async () => {
  await clearResults();
});

describe('reopening originals after a reload', () => {
  it('granted: unfinished photos get their originals back and are captioned, without asking the person', async () => {
    const { asked, client, controller, reopener, spoken, handlesRead } = await reloadWith({ query: 'granted' });
    expect(view(controller).slice(0, 2)).toEqual([['a', 'failed', INTERRUPTED], ['b', 'failed', INTERRUPTED]]);
    // Interrupted on screen only: storage keeps them queued, and queueing them again writes nothing.
    expect((await listResults()).map((r) => r.status)).toEqual(['queued', 'queued', 'done']);
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    try {
      await reopener.start();
      expect(put.mock.calls.filter(([value]) => ['queued', 'failed'].includes((value as CaptionRecord).status))).toEqual([]);
    } finally {
      put.mockRestore();
    }
    // The finished photo's handle is not read: after a reload of 10,000 photos that is most of them.
    expect(handlesRead.map((ids) => [...ids].sort())).toEqual([['a', 'b']]);
    await settled(controller);
    expect(view(controller)).toEqual([['a', 'done', 'Red circle.'], ['b', 'done', 'Blue square.'], ['c', 'done', 'Kept.']]);
    expect(client.captions).toEqual(['a.png', 'b.png']);
    expect(controller.cards.every((c) => c.canRetry || c.record.id === 'c')).toBe(true);
    expect(asked).toEqual(['query']);
    expect(reopener.offer).toBeNull();
    expect(spoken).toEqual(['Reopened 2 photos from “album”; they are queued again.']);
  });

  it('prompt: the cards wait, one offer names the folder, and the click asks the browser and then reopens', async () => {
    const { asked, client, controller, reopener, spoken } = await reloadWith({ query: 'prompt', request: 'granted' });
    await reopener.start();
    expect(reopener.offer).toEqual({ folder: 'album', count: 2, moreFolders: 0 });
    expect(view(controller).slice(0, 2)).toEqual([['a', 'failed', INTERRUPTED], ['b', 'failed', INTERRUPTED]]);
    // Their photos do not come back by themselves: storage now says so too.
    expect((await listResults()).map((r) => [r.status, r.error ?? null])).toEqual([['failed', INTERRUPTED], ['failed', INTERRUPTED], ['done', null]]);
    expect(client.captions).toEqual([]);
    await reopener.requestAccess();
    await settled(controller);
    expect(asked).toEqual(['query', 'request']);
    expect(view(controller).slice(0, 2)).toEqual([['a', 'done', 'Red circle.'], ['b', 'done', 'Blue square.']]);
    expect(reopener.offer).toBeNull();
    expect(spoken).toEqual(['Reopened 2 photos from “album”; they are queued again.']);
  });

  it('a dismissed prompt keeps the offer; a photo added again by hand meanwhile no longer counts', async () => {
    const { controller, reopener, spoken } = await reloadWith({ query: 'prompt', request: 'prompt' });
    await reopener.start();
    await reopener.requestAccess();
    expect(reopener.offer).toEqual({ folder: 'album', count: 2, moreFolders: 0 });
    expect(spoken[0]).toMatch(/^“album” was not opened/);
    await controller.addFiles([png('a.png', 'red circle')]);
    expect(reopener.offer).toEqual({ folder: 'album', count: 1, moreFolders: 0 });
  });

  it('denied: the cards say reading the folder was not allowed, and nothing is captioned', async () => {
    const { client, controller, reopener } = await reloadWith({ query: 'denied' });
    await reopener.start();
    const denied = 'Reading the folder “album” was not allowed. Add the photo again to caption it.';
    expect(view(controller)).toEqual([['a', 'failed', denied], ['b', 'failed', denied], ['c', 'done', 'Kept.']]);
    expect((await listResults()).map((r) => r.error ?? null)).toEqual([denied, denied, null]);
    expect(client.captions).toEqual([]);
    expect(reopener.offer).toBeNull();
  });

  it('a file that is gone, or changed on disk, is never captioned under the old card; the card says which', async () => {
    const { disk, client, controller, reopener, spoken } = await reloadWith({ query: 'granted' });
    disk.delete('a.png');
    disk.set('b.png', png('b.png', 'blue SQUARE')); // same size, other bytes: only the hash tells
    await reopener.start();
    await settled(controller);
    expect(view(controller).slice(0, 2)).toEqual([
      ['a', 'failed', 'The original is no longer at album/a.png (moved, renamed or deleted). Add the photo again to caption it.'],
      ['b', 'failed', 'The file at album/sub/b.png has changed since it was added, so it is not captioned under this card. Add it again to caption it as a new photo.'],
    ]);
    expect(client.captions).toEqual([]);
    expect(spoken).toEqual(['2 photos from “album” could not be reopened; their cards say why.']);
  });

  it('a file of another size is called changed without hashing it', async () => {
    const { disk, controller, reopener } = await reloadWith({ query: 'granted' });
    disk.set('a.png', png('a.png', 'a much bigger red circle'));
    const inspect = vi.spyOn(controller.intake, 'inspect');
    await reopener.start();
    await settled(controller);
    expect(controller.cards[0]?.record.error).toMatch(/^The file at album\/a.png has changed/);
    expect(inspect.mock.calls.map(([file]) => (file as File).name)).toEqual(['b.png']);
  });
});

describe('keeping handles', () => {
  it('a photo from a folder handle keeps its handle under its card; a loose photo keeps none', async () => {
    const controller = new AltscribeController(new FakeClient());
    await controller.init('');
    // Plain data stands in for the browser's handles: IndexedDB in Node cannot clone functions.
    const handle = { kind: 'file', name: 'a.png' } as unknown as FileHandleLike;
    const folder = { id: 'f1', handle: { kind: 'directory', name: 'album' } as unknown as DirectoryHandleLike };
    await controller.addFiles([{ file: png('a.png', 'red'), relativePath: 'album/a.png', handle, folder }, png('loose.png', 'blue')]);
    await settled(controller);
    expect((await listOriginalHandles()).map((o) => [o.id, o.handle.name, o.folderId])).toEqual([[controller.cards[0]?.record.id, 'a.png', 'f1']]);
    await controller.remove(controller.cards[0]!.record.id);
    expect(await listOriginalHandles()).toEqual([]);
  });

  it('a folder of many photos writes its own record once, with the first photo, and every photo its handle', async () => {
    const controller = new AltscribeController(new FakeClient());
    await controller.init('');
    const folder = { id: 'f2', handle: { kind: 'directory', name: 'trip' } as unknown as DirectoryHandleLike };
    const items = ['a', 'b', 'c'].map((name) => ({ file: png(`${name}.png`, name), relativePath: `trip/${name}.png`, handle: { kind: 'file', name: `${name}.png` } as unknown as FileHandleLike, folder }));
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    try {
      await controller.addFiles(items);
      await settled(controller);
      expect((await listOriginalHandles()).map((o) => o.folderId)).toEqual(['f2', 'f2', 'f2']);
      expect(put.mock.contexts.filter((store) => (store as IDBObjectStore).name === 'folders')).toHaveLength(1);
      expect(put.mock.contexts.filter((store) => (store as IDBObjectStore).name === 'originals')).toHaveLength(3);
    } finally {
      put.mockRestore();
    }
  });
});

describe('reopening a big backlog', () => {
  it('reads and hashes a few photos at a time and re-queues them in chunks of up to 250', async () => {
    const disk = new Map(Array.from({ length: 600 }, (_, i) => [`${i}.png`, png(`${i}.png`, `shape ${i}`)] as const));
    const cards = new Map<string, { record: CaptionRecord }>();
    for (const [name, file] of disk) {
      const id = name.replace('.png', '');
      cards.set(id, { record: { id, fileName: name, relativePath: `album/${name}`, hash: `hash of ${name}`, mimeType: 'image/png', byteSize: file.size, status: 'failed', error: INTERRUPTED, text: '', review: 'unreviewed', createdAt: Number(id), updatedAt: 1 } });
    }
    // The first photo is read only once the reads have run as far ahead as they may, so every chunk
    // is full when it is handed over: the chunking, not the timing, is under test.
    let release!: () => void;
    const firstHeld = new Promise<void>((r) => (release = r));
    let [calls, inspecting, most] = [0, 0, 0];
    const chunks: PlannedStep[][] = [];
    const storedInterrupted: string[] = [];
    const host: ReopenHost = {
      store: { ids: [...cards.keys()], get: (id) => cards.get(id) },
      intake: {
        inspect: async (file) => {
          most = Math.max(most, ++inspecting);
          if (++calls === 250) release();
          if ((file as File).name === '0.png') await firstHeld;
          inspecting--;
          return { kind: 'png', hash: `hash of ${(file as File).name}` };
        },
      },
      applyIntakeBatch: async (batch) => {
        chunks.push([...batch]);
        await new Promise((resolve) => setImmediate(resolve)); // a transaction's worth of waiting
        for (const { step } of batch) if (step.action === 'requeue') Object.assign(cards.get(step.id)!.record, step.patch);
        return [];
      },
      showRecords: () => undefined,
      storeInterrupted: async (ids) => void storedInterrupted.push(...ids),
    };
    const store: ReopenStore = {
      originals: async (ids) => ids.map((id) => ({ id, handle: fileHandle(`${id}.png`, disk), folderId: 'f1' })),
      folders: async () => [{ id: 'f1', handle: folderHandle('album', { query: 'granted' }, []) }],
      update: async () => [],
      forgetUnusedFolders: async () => 0,
    };
    const reopener = new OriginalsReopener(host, store);
    const spoken: string[] = [];
    reopener.addEventListener('announce', (e) => spoken.push((e as CustomEvent<string>).detail));
    await reopener.start();
    expect(chunks.map((c) => c.length)).toEqual([250, 250, 100]);
    expect(chunks.flat().map(({ step }) => (step.action === 'requeue' ? step.id : step.action))).toEqual([...cards.keys()]);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(4);
    expect(spoken).toEqual(['Reopened 600 photos from “album”; they are queued again.']);
    expect(storedInterrupted).toEqual([]); // every photo came back: none is stored as interrupted
  });
});
