import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaptionCall, CaptionClient, ModelReady } from '../client/caption-client';
import { strongerRepetitionSettings } from '../alttext';
import { resolveCaptionOptions } from '../models/caption-options';
import type { CaptionOptions, CaptionOutcome, LoadProgress } from '../models/model-types';
import { getModel } from '../models/registry';
import { clearResults, getMeta, listResults, putResult } from '../storage';
import { resolveSettings } from '../models/settings';
import { AltscribeController } from './altscribe-controller';
import { settled, untilCards as until } from '../test-support/review-flow-fakes';

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// The name is in the bytes: photos are one item per content hash, and these are different photos.
const png = (name: string) => new File([new Uint8Array([...PNG_HEAD, 1, 2, 3]), name], name, { type: 'image/png' });

/** Stands in for the worker: streams words, honours abort like the real cooperative interrupt. */
class FakeClient implements Pick<CaptionClient, 'ensureModel' | 'caption'> {
  loads = 0;
  captions: string[] = [];
  /** The options of every caption call, in order. */
  options: CaptionOptions[] = [];
  failOn = new Set<string>();
  gate: Promise<void> = Promise.resolve();
  /** What the model says on each successive call; the last one repeats. */
  replies: string[] = ['a red circle'];
  /** Gates per call number, for holding one pass while the test acts. */
  gates = new Map<number, Promise<void>>();
  ensureModel = vi.fn(async (modelId: string, _device?: unknown, _onProgress?: (p: LoadProgress) => void): Promise<ModelReady> => {
    this.loads++;
    return { modelId, device: 'wasm', dtype: 'q8', wasmThreads: 1, loadMs: 1, reason: 'test' };
  });
  async caption(_image: Blob, fileName: string, options: CaptionOptions, call: CaptionCall = {}): Promise<CaptionOutcome> {
    const n = this.captions.push(fileName) - 1;
    this.options.push(options);
    if (this.failOn.has(fileName)) throw new Error('[inference-failed] The model failed on ' + fileName);
    const words = (this.replies[n] ?? this.replies.at(-1)!).split(' ');
    let text = '';
    for (const word of words) {
      await this.gate;
      await this.gates.get(n);
      if (call.signal?.aborted) return { text: text.trim(), interrupted: true, durationMs: 1, width: 8, height: 8, thumbnail: null };
      text += word + ' ';
      call.onText?.(word + ' ');
    }
    return { text: text.trim(), interrupted: false, durationMs: 5, width: 8, height: 8, thumbnail: null };
  }
}

afterEach(async () => {
  await clearResults();
});

describe('AltscribeController', () => {
  it('captions a photo, streams the text, and saves the result as unreviewed', async () => {
    const client = new FakeClient();
    const c = new AltscribeController(client);
    await c.init('?model=altscribe/shapes-captioner');
    const streamed: string[] = [];
    c.store.subscribe((change) => change.type === 'added' && c.streams.watch(change.cards[0]!.record.id, (text) => streamed.push(text)));
    await c.addFiles([png('shapes.png')]);
    await settled(c);
    expect(c.cards[0]?.record).toMatchObject({ status: 'done', text: 'A red circle.', modelText: 'a red circle', flags: [], review: 'unreviewed', modelId: 'altscribe/shapes-captioner', device: 'wasm', dtype: 'q8' });
    expect(c.cards[0]?.record.regenerated).toBeUndefined();
    expect(streamed).toContain('a red ');
    expect((await listResults())[0]).toMatchObject({ fileName: 'shapes.png', text: 'A red circle.', modelText: 'a red circle', flags: [], status: 'done' });
  });

  it('asks for the zoomed-out review check unless the setting turns it off, and saves that choice', async () => {
    const client = new FakeClient();
    const calls: CaptionCall[] = [];
    const caption = client.caption.bind(client);
    client.caption = (image, fileName, options, call = {}) => (calls.push(call), caption(image, fileName, options, call));
    const c = new AltscribeController(client);
    await c.init('?model=altscribe/shapes-captioner');
    await c.addFiles([png('on.png')]);
    await settled(c);
    await c.setSettings({ zoomCheck: false });
    await c.addFiles([png('off.png')]);
    await settled(c);
    expect(calls.map((call) => call.zoomCheck)).toEqual([true, false]);
    expect(resolveSettings('', await getMeta('settings')).zoomCheck).toBe(false);
  });

  it('rejects a non-image at once with a clear message and keeps going with the rest', async () => {
    const client = new FakeClient();
    const c = new AltscribeController(client);
    await c.init('');
    await c.addFiles([new File(['%PDF-1.7'], 'report.pdf', { type: 'application/pdf' }), png('ok.png')]);
    await settled(c);
    expect(c.cards.map((x) => x.record.status)).toEqual(['failed', 'done']);
    expect(c.cards[0]?.record.error).toBe('report.pdf is not an image (application/pdf). Add JPEG, PNG, WebP, GIF or AVIF photos.');
    expect(client.captions).toEqual(['ok.png']);
  });

  it('two tabs adding the same photos at once store and caption each photo once, and both list all of them', async () => {
    const [clientA, clientB] = [new FakeClient(), new FakeClient()];
    // The other tab's photos are re-read from storage until they are finished; a short poll keeps the test quick.
    const [a, b] = [new AltscribeController(clientA, undefined, undefined, { elsewherePollMs: 10 }), new AltscribeController(clientB, undefined, undefined, { elsewherePollMs: 10 })];
    await Promise.all([a.init(''), b.init('')]);
    const names = ['1.png', '2.png', '3.png', '4.png', '5.png', '6.png'];
    const [summaryA, summaryB] = await Promise.all([a.addFiles(names.map(png)), b.addFiles(names.map(png))]);
    await settled(a);
    await until(b, (cards) => cards.every((x) => x.record.status === 'done'));
    const stored = await listResults();
    expect(stored.map((r) => r.fileName).sort()).toEqual(names);
    expect([...clientA.captions, ...clientB.captions].sort()).toEqual(names);
    expect(a.cards).toHaveLength(6);
    expect(b.cards).toHaveLength(6);
    // What each tab says matches what it did: the photos the other tab stored first are "already in the list".
    expect(`${summaryA} ${summaryB}`).toMatch(/already in the list/);
  });

  it('a failing caption does not stop the next one', async () => {
    const client = new FakeClient();
    client.failOn.add('bad.png');
    const c = new AltscribeController(client);
    await c.init('');
    await c.addFiles([png('bad.png'), png('good.png')]);
    await settled(c);
    expect(c.cards.map((x) => [x.record.status, x.record.error ?? null])).toEqual([
      ['failed', 'The model failed on bad.png'],
      ['done', null],
    ]);
  });

  it('edits and approvals are saved and change the review label', async () => {
    const c = new AltscribeController(new FakeClient());
    await c.init('');
    await c.addFiles([png('a.png')]);
    await settled(c);
    const id = c.cards[0]!.record.id;
    await c.editText(id, 'A red circle on white.');
    expect((await listResults())[0]).toMatchObject({ text: 'A red circle on white.', review: 'edited' });
    await c.approve(id);
    expect((await listResults())[0]?.review).toBe('approved');
  });

  it('after a reload every card is back, and a caption cut off by the reload says so', async () => {
    const first = new AltscribeController(new FakeClient());
    await first.init('');
    await first.addFiles([png('kept.png')]);
    await settled(first);
    await first.editText(first.cards[0]!.record.id, 'my words');
    await putResult({ id: 'cut', fileName: 'cut.png', mimeType: 'image/png', byteSize: 3, status: 'running', text: '', review: 'unreviewed', createdAt: Date.now() + 1, updatedAt: Date.now() });
    const second = new AltscribeController(new FakeClient());
    await second.init('');
    expect(second.cards.map((x) => [x.record.fileName, x.record.status, x.record.text, x.record.review])).toEqual([
      ['kept.png', 'done', 'my words', 'edited'],
      ['cut.png', 'failed', '', 'unreviewed'],
    ]);
    expect(second.cards[1]?.record.error).toMatch(/Interrupted/);
  });

  it('cancel stops a running caption, keeps the model loaded, and the next photo still runs', async () => {
    const client = new FakeClient();
    let release!: () => void;
    client.gate = new Promise((r) => (release = r));
    const c = new AltscribeController(client);
    await c.init('');
    await c.addFiles([png('slow.png'), png('next.png')]);
    await until(c, (cards) => cards[0]?.record.status === 'running');
    c.cancel(c.cards[0]!.record.id);
    release();
    await settled(c);
    expect(c.cards.map((x) => x.record.status)).toEqual(['cancelled', 'done']);
    expect(client.ensureModel).toHaveBeenCalledTimes(2); // asked again, but the client reuses the loaded model
  });

  it('delete removes the card and its stored record', async () => {
    const c = new AltscribeController(new FakeClient());
    await c.init('');
    await c.addFiles([png('gone.png')]);
    await settled(c);
    await c.remove(c.cards[0]!.record.id);
    expect(c.cards).toEqual([]);
    expect(await listResults()).toEqual([]);
  });
});

describe('AltscribeController when storage fails', () => {
  it('keeps the edit on screen and reports the problem instead of losing it silently', async () => {
    const c = new AltscribeController(new FakeClient());
    await c.init('');
    await c.addFiles([png('a.png')]);
    await settled(c);
    const id = c.cards[0]!.record.id;
    const announced: string[] = [];
    c.addEventListener('announce', (e) => announced.push((e as CustomEvent<string>).detail));
    const storage = await import('../storage');
    const spy = vi.spyOn(storage, 'updateResult').mockRejectedValueOnce(new storage.StorageError('quota', 'Not enough storage space to save the result.'));
    await c.editText(id, 'my careful words');
    spy.mockRestore();
    expect(c.cards[0]?.record).toMatchObject({ text: 'my careful words', review: 'edited' });
    expect(c.problem).toBe('Could not save the changes to a.png; it will be gone after a reload. Not enough storage space to save the result.');
    expect(announced).toContain(c.problem);
  });

  it('a photo whose first save failed keeps the problem shown while it is captioned', async () => {
    const storage = await import('../storage');
    const spy = vi.spyOn(storage, 'storeIntakeBatch').mockRejectedValueOnce(new storage.StorageError('quota', 'Not enough storage space to save the result.'));
    const c = new AltscribeController(new FakeClient());
    await c.init('');
    await c.addFiles([png('a.png')]);
    await settled(c);
    spy.mockRestore();
    // The caption's patches found no stored record, so nothing was written and nothing was fixed.
    expect(c.cards[0]?.record).toMatchObject({ status: 'done', text: 'A red circle.' });
    expect(c.problem).toBe('Could not save the card for a.png; it will be gone after a reload. Not enough storage space to save the result.');
    await c.addFiles([png('b.png')]);
    await settled(c);
    expect(c.problem).toBeNull();
  });
});

describe('AltscribeController model status', () => {
  it('a progress message that arrives after a failed load does not bring back "loading"', async () => {
    const client = new FakeClient();
    let late: ((p: LoadProgress) => void) | undefined;
    client.ensureModel.mockImplementationOnce(async (_id: string, _d?: unknown, onProgress?: (p: LoadProgress) => void) => {
      late = onProgress;
      throw new Error('[model-load-failed] decoder download failed');
    });
    const c = new AltscribeController(client);
    await c.init('');
    await c.addFiles([png('a.png')]);
    await settled(c);
    late?.({ loadedBytes: 1, totalBytes: 2, percent: 50, file: 'x', filesDone: 0, filesTotal: 1, phase: 'downloading' });
    expect(c.model.phase).toBe('failed');
    expect(c.model.error).toBe('decoder download failed');
  });
});

describe('AltscribeController finishing rules', () => {
  const shapesOptions = () => resolveCaptionOptions(getModel('altscribe/shapes-captioner').generation);
  const listen = (c: AltscribeController) => {
    const announced: string[] = [];
    c.addEventListener('announce', (e) => announced.push((e as CustomEvent<string>).detail));
    return announced;
  };

  it('stores the finished text, keeps the raw model text, stores the flags and announces them', async () => {
    const client = new FakeClient();
    client.replies = ['an image of a dog that appears to be sleeping'];
    const c = new AltscribeController(client);
    await c.init('?model=altscribe/shapes-captioner');
    const announced = listen(c);
    await c.addFiles([png('dog.png')]);
    await settled(c);
    const expected = { status: 'done', text: 'A dog that appears to be sleeping.', modelText: 'an image of a dog that appears to be sleeping', flags: ['hedge'] };
    expect(c.cards[0]?.record).toMatchObject(expected);
    expect((await listResults())[0]).toMatchObject(expected);
    expect(client.captions).toEqual(['dog.png']); // a hedge is a note for the person, not a reason to regenerate
    expect(announced).toContain('Alt-text ready for dog.png: A dog that appears to be sleeping. Flagged: hedging words.');
  });

  it('regenerates a repeated caption exactly once, with stronger repetition settings, and keeps the better text', async () => {
    const client = new FakeClient();
    client.replies = ['one of them is lit up and the other is lit up', 'two lamps, one of them lit'];
    const c = new AltscribeController(client);
    await c.init('?model=altscribe/shapes-captioner');
    const announced = listen(c);
    const regenerating: boolean[] = [];
    c.store.subscribe((change) => change.type === 'changed' && change.after.regenerating && !change.before.regenerating && regenerating.push(c.streams.text(change.after.record.id) === ''));
    await c.addFiles([png('lamps.png')]);
    await settled(c);
    expect(client.captions).toEqual(['lamps.png', 'lamps.png']);
    expect(client.options[0]).toEqual(shapesOptions());
    expect(client.options[1]).toEqual({ ...shapesOptions(), ...strongerRepetitionSettings(shapesOptions()) });
    expect(client.options[1]?.noRepeatNgramSize).toBe(2);
    expect(regenerating[0]).toBe(true); // the card said so, and the first pass's stream was cleared
    const expected = { status: 'done', text: 'Two lamps, one of them lit.', modelText: 'two lamps, one of them lit', flags: [], regenerated: true };
    expect(c.cards[0]?.record).toMatchObject(expected);
    expect(c.cards[0]?.regenerating).toBe(false);
    expect((await listResults())[0]).toMatchObject(expected);
    expect(announced).toContain('Alt-text ready for lamps.png: Two lamps, one of them lit.');
  });

  it('does not regenerate a second time when the retry still repeats; the retry wins the tie', async () => {
    const client = new FakeClient();
    client.replies = ['a vase and a vase on a table', 'a vase and a vase'];
    const c = new AltscribeController(client);
    await c.init('');
    const announced = listen(c);
    await c.addFiles([png('vase.png')]);
    await settled(c);
    expect(client.captions).toHaveLength(2);
    expect(c.cards[0]?.record).toMatchObject({ text: 'A vase and a vase.', modelText: 'a vase and a vase', flags: ['repetition'], regenerated: true });
    expect(announced).toContain('Alt-text ready for vase.png: A vase and a vase. Flagged: repeated phrase.');
  });

  it('keeps the first text when the retry is worse, and does not claim it was regenerated', async () => {
    const client = new FakeClient();
    client.replies = ['a vase and a vase', 'possibly a vase and a vase'];
    const c = new AltscribeController(client);
    await c.init('');
    await c.addFiles([png('vase.png')]);
    await settled(c);
    expect(client.captions).toHaveLength(2);
    expect(c.cards[0]?.record).toMatchObject({ text: 'A vase and a vase.', modelText: 'a vase and a vase', flags: ['repetition'] });
    expect(c.cards[0]?.record.regenerated).toBeUndefined();
  });

  it('cancel during the retry stops it, keeps the first caption with its flag, and the next photo still runs', async () => {
    const client = new FakeClient();
    client.replies = ['a vase and a vase', 'two vases on a shelf', 'a red circle'];
    let release!: () => void;
    client.gates.set(1, new Promise((r) => (release = r)));
    const c = new AltscribeController(client);
    await c.init('');
    const announced = listen(c);
    await c.addFiles([png('vase.png'), png('next.png')]);
    await until(c, (cards) => cards[0]?.regenerating === true);
    expect(c.cards[0]?.record.status).toBe('running');
    c.cancel(c.cards[0]!.record.id);
    release();
    await settled(c);
    expect(client.captions).toEqual(['vase.png', 'vase.png', 'next.png']);
    expect(c.cards[0]?.record).toMatchObject({ status: 'done', text: 'A vase and a vase.', modelText: 'a vase and a vase', flags: ['repetition'] });
    expect(c.cards[0]?.record.regenerated).toBeUndefined();
    expect(c.cards[0]?.regenerating).toBe(false);
    expect(c.cards[1]?.record).toMatchObject({ status: 'done', text: 'A red circle.' });
    expect(announced).toContain('Regenerating was cancelled for vase.png; the first caption is kept: A vase and a vase. Flagged: repeated phrase.');
  });

  it('keeps the first caption when the retry fails', async () => {
    const client = new FakeClient();
    client.replies = ['a vase and a vase'];
    const original = client.caption.bind(client);
    vi.spyOn(client, 'caption').mockImplementation(async (...args) => {
      if (client.captions.length === 1) throw new Error('[inference-failed] out of memory');
      return original(...args);
    });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const c = new AltscribeController(client);
    await c.init('');
    await c.addFiles([png('vase.png')]);
    await settled(c);
    expect(c.cards[0]?.record).toMatchObject({ status: 'done', text: 'A vase and a vase.', flags: ['repetition'] });
    expect(c.cards[0]?.record.error).toBeUndefined();
  });

  it('re-checks the person\'s own text, and a retry clears the old result', async () => {
    const client = new FakeClient();
    const c = new AltscribeController(client);
    await c.init('');
    await c.addFiles([png('a.png')]);
    await settled(c);
    const id = c.cards[0]!.record.id;
    await c.editText(id, 'IMG_2041.JPG');
    expect(c.cards[0]?.record).toMatchObject({ text: 'IMG_2041.JPG', review: 'edited', modelText: 'a red circle', flags: ['looks-like-filename', 'too-short'] });
    expect((await listResults())[0]?.flags).toEqual(['looks-like-filename', 'too-short']);
    await c.editText(id, 'A red circle on a white background.');
    expect((await listResults())[0]?.flags).toEqual([]);
  });
});
