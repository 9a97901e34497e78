import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaptionCall, CaptionClient, ModelReady } from '../client/caption-client';
import type { CaptionOutcome, LoadProgress } from '../models/model-types';
import { clearResults, listResults, putResult } from '../storage';
import { AltscribeController } from './altscribe-controller';

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (name: string) => new File([new Uint8Array([...PNG_HEAD, 1, 2, 3])], name, { type: 'image/png' });

/** Stands in for the worker: streams words, honours abort like the real cooperative interrupt. */
class FakeClient implements Pick<CaptionClient, 'ensureModel' | 'caption'> {
  loads = 0;
  captions: string[] = [];
  failOn = new Set<string>();
  gate: Promise<void> = Promise.resolve();
  ensureModel = vi.fn(async (modelId: string, _device?: unknown, _onProgress?: (p: LoadProgress) => void): Promise<ModelReady> => {
    this.loads++;
    return { modelId, device: 'wasm', dtype: 'q8', wasmThreads: 1, loadMs: 1, reason: 'test' };
  });
  async caption(_image: Blob, fileName: string, _options: unknown, call: CaptionCall = {}): Promise<CaptionOutcome> {
    this.captions.push(fileName);
    if (this.failOn.has(fileName)) throw new Error('[inference-failed] The model failed on ' + fileName);
    const words = ['a', 'red', 'circle'];
    let text = '';
    for (const word of words) {
      await this.gate;
      if (call.signal?.aborted) return { text: text.trim(), interrupted: true, durationMs: 1, width: 8, height: 8, thumbnail: null };
      text += word + ' ';
      call.onText?.(word + ' ');
    }
    return { text: text.trim(), interrupted: false, durationMs: 5, width: 8, height: 8, thumbnail: null };
  }
}

const settled = async (c: AltscribeController) => {
  await vi.waitFor(() => expect(c.cards.every((x) => !['queued', 'running'].includes(x.record.status))).toBe(true));
};

afterEach(async () => {
  await clearResults();
});

describe('AltscribeController', () => {
  it('captions a photo, streams the text, and saves the result as unreviewed', async () => {
    const client = new FakeClient();
    const c = new AltscribeController(client);
    await c.init('?model=altscribe/shapes-captioner');
    const streamed: string[] = [];
    c.addEventListener('change', () => c.cards[0]?.streaming && streamed.push(c.cards[0].streaming));
    await c.addFiles([png('shapes.png')]);
    await settled(c);
    expect(c.cards[0]?.record).toMatchObject({ status: 'done', text: 'a red circle', review: 'unreviewed', modelId: 'altscribe/shapes-captioner', device: 'wasm', dtype: 'q8' });
    expect(streamed).toContain('a red ');
    expect((await listResults())[0]).toMatchObject({ fileName: 'shapes.png', text: 'a red circle', status: 'done' });
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
    await vi.waitFor(() => expect(c.cards[0]?.record.status).toBe('running'));
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
