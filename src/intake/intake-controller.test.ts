import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AltscribeController } from '../app/altscribe-controller';
import type { CaptionCall, CaptionClient, ModelReady } from '../client/caption-client';
import type { CaptionOutcome } from '../models/model-types';
import { clearResults, findResultByHash, listResults } from '../storage';
import { sha256Hex } from './inspect-file';
import type { IntakeItem } from './walk-entries';
import { until } from '../test-support/wait';

/** The worker stand-in: describes each photo by its name, and can be held to leave captions unfinished. Says 'caption' as each starts. */
class FakeClient extends EventTarget implements Pick<CaptionClient, 'ensureModel' | 'caption'> {
  captions: string[] = [];
  hold: Promise<void> = Promise.resolve();
  ensureModel = vi.fn(async (modelId: string): Promise<ModelReady> => ({ modelId, device: 'wasm', dtype: 'q8', wasmThreads: 1, loadMs: 1, reason: 'test' }));
  async caption(_image: Blob, fileName: string, _options: unknown, call: CaptionCall = {}): Promise<CaptionOutcome> {
    this.captions.push(fileName);
    this.dispatchEvent(new Event('caption'));
    await this.hold;
    call.onText?.(`a photo called ${fileName}`);
    return { text: `a photo called ${fileName}`, interrupted: false, durationMs: 1, width: 8, height: 8, thumbnail: null };
  }
}

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (name: string, content = name) => new File([new Uint8Array(PNG_HEAD), content], name, { type: 'image/png' });
const folder = (): IntakeItem[] => [
  { file: png('001.png'), relativePath: 'album/2019/001.png' },
  { file: png('002.png'), relativePath: 'album/2019/beach/002.png' },
  { file: new File(['shopping list'], 'notes.txt', { type: 'text/plain' }), relativePath: 'album/notes.txt' },
  { file: png('dup.png', '001.png'), relativePath: 'album/zz/dup.png' },
  { file: png('003.png'), relativePath: 'album/zz/003.png' },
];

async function open(client = new FakeClient()): Promise<{ c: AltscribeController; client: FakeClient }> {
  const c = new AltscribeController(client);
  await c.init('');
  return { c, client };
}

/** Every card finished: checked as each caption job ends, which is after its card is saved. */
const settled = (c: AltscribeController) => until(c.queue, 'change', () => c.cards.every((x) => !['queued', 'running'].includes(x.record.status)));
const view = (c: AltscribeController) => c.cards.map(({ record: r }) => [r.relativePath, r.status, r.status === 'done' ? r.text : r.error]);

afterEach(async () => {
  await clearResults();
});

describe('AltscribeController with intake', () => {
  it('a folder becomes captioned cards with their paths, a skipped card with its reason, and the copy once', async () => {
    const { c, client } = await open();
    const summary = await c.addFiles(folder());
    await settled(c);
    expect(view(c)).toEqual([
      ['album/2019/001.png', 'done', 'A photo called 001.png.'],
      ['album/2019/beach/002.png', 'done', 'A photo called 002.png.'],
      ['album/notes.txt', 'skipped', 'not a photo (text/plain)'],
      ['album/zz/003.png', 'done', 'A photo called 003.png.'],
    ]);
    expect(client.captions).toEqual(['001.png', '002.png', '003.png']);
    expect(summary).toBe('Added 3 photos. notes.txt was skipped: not a photo (text/plain). dup.png is already in the list as album/2019/001.png.');
    const stored = await findResultByHash(await sha256Hex(png('001.png')));
    expect(stored).toMatchObject({ fileName: '001.png', relativePath: 'album/2019/001.png', status: 'done' });
    expect((await listResults()).every((r) => r.thumbnail === undefined || r.thumbnail instanceof Blob)).toBe(true);
  });

  it('the same photo added again, even under another name, makes no new card and is not captioned twice', async () => {
    const { c, client } = await open();
    await c.addFiles([png('a.png')]);
    await settled(c);
    const summary = await c.addFiles([png('a.png'), png('renamed.png', 'a.png')]);
    expect(c.cards).toHaveLength(1);
    expect(client.captions).toEqual(['a.png']);
    expect(summary).toBe('a.png is already in the list. renamed.png is already in the list as a.png.');
    expect(await listResults()).toHaveLength(1);
  });

  it('after a reload, adding the folder again re-queues the interrupted photos in place; nothing is duplicated', async () => {
    const first = await open();
    let release!: () => void;
    first.client.hold = new Promise((r) => (release = r)); // the tab closes while 001.png is being described
    await first.c.addFiles(folder());
    await until(first.client, 'caption', () => first.client.captions.length === 1);
    expect(first.client.captions).toEqual(['001.png']);

    const second = await open(); // the reload: originals are gone
    expect(view(second.c).map(([path, status]) => [path, status])).toEqual([
      ['album/2019/001.png', 'failed'],
      ['album/2019/beach/002.png', 'failed'],
      ['album/notes.txt', 'skipped'],
      ['album/zz/003.png', 'failed'],
    ]);
    expect(second.c.cards[0]?.record.error).toMatch(/^Interrupted/);
    const ids = second.c.cards.map((x) => x.record.id);

    const summary = await second.c.addFiles(folder());
    await settled(second.c);
    expect(second.c.cards.map((x) => x.record.id)).toEqual(ids);
    expect(view(second.c)).toEqual([
      ['album/2019/001.png', 'done', 'A photo called 001.png.'],
      ['album/2019/beach/002.png', 'done', 'A photo called 002.png.'],
      ['album/notes.txt', 'skipped', 'not a photo (text/plain)'],
      ['album/zz/003.png', 'done', 'A photo called 003.png.'],
    ]);
    expect(second.client.captions).toEqual(['001.png', '002.png', '003.png']);
    expect(second.c.cards.every((x) => x.record.status === 'skipped' || x.canRetry)).toBe(true);
    expect(summary).toBe('001.png, 002.png and 003.png were unfinished and are queued again. notes.txt is already in the list as album/notes.txt. dup.png is already in the list as album/2019/001.png.');
    expect(await listResults()).toHaveLength(4);
    release();
  });

  it('a photo added loose first gets its folder path when the folder is added later', async () => {
    const { c } = await open();
    await c.addFiles([png('001.png')]);
    await c.addFiles(folder().slice(0, 1));
    expect(c.cards).toHaveLength(1);
    expect(c.cards[0]?.record.relativePath).toBe('album/2019/001.png');
    await settled(c);
    expect((await listResults())[0]?.relativePath).toBe('album/2019/001.png');
  });

  it('a folder of 600 photos is stored in three transactions of cards, each photo once', async () => {
    const { c, client } = await open();
    client.hold = new Promise(() => undefined); // captioning waits: only intake writes are counted
    // The first photo is hashed only once the others have run as far ahead as they may, so each
    // chunk is full when it is stored (see run-intake.test.ts); the copy of 7.png is in the first.
    let release!: () => void;
    const firstHeld = new Promise<void>((r) => (release = r));
    let calls = 0;
    c.intake.inspect = async (file) => {
      if (++calls === 250) release();
      if ((file as File).name === '0.png') await firstHeld;
      return { kind: 'png', hash: await sha256Hex(png((file as File).name.replace(/^copy-of-/, ''))) };
    };
    const items = Array.from({ length: 600 }, (_, i) => ({ file: png(i === 9 ? 'copy-of-7.png' : `${i}.png`), relativePath: `big/${i}.png` }));
    const transaction = vi.spyOn(IDBDatabase.prototype, 'transaction');
    try {
      const summary = await c.addFiles(items);
      const intakeWrites = transaction.mock.calls.filter(([stores, mode]) => mode === 'readwrite' && [stores].flat().includes('folders'));
      expect(intakeWrites).toHaveLength(3);
      expect(summary).toBe('Added 599 photos. copy-of-7.png is already in the list as big/7.png.');
    } finally {
      transaction.mockRestore();
    }
    expect(await listResults()).toHaveLength(599);
  });
});
