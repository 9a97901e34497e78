import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaptionClient, ModelReady } from '../client/caption-client';
import type { CaptionOutcome } from '../models/model-types';
import { clearResults, listResults, putResult, type CaptionRecord } from '../storage';
import { AltscribeController } from './altscribe-controller';
import { HISTORY_LIMIT, needsConfirmation, pushVersion, replaceQuestion } from './regenerate';
import { until } from '../test-support/wait';

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (name: string) => new File([new Uint8Array([...PNG_HEAD, 1, 2, 3])], name, { type: 'image/png' });

/** Stands in for the worker: each call answers with the next reply, the last one repeating. */
class FakeClient implements Pick<CaptionClient, 'ensureModel' | 'caption'> {
  calls = 0;
  constructor(private readonly replies: string[]) {}
  ensureModel = vi.fn(async (modelId: string): Promise<ModelReady> => ({ modelId, device: 'wasm', dtype: 'q8', wasmThreads: 1, loadMs: 1, reason: 'test' }));
  async caption(): Promise<CaptionOutcome> {
    const text = this.replies[this.calls++] ?? this.replies.at(-1)!;
    return { text, interrupted: false, durationMs: 5, width: 8, height: 8, thumbnail: null };
  }
}

/** Every card finished: checked as each caption job ends, which is after its card is saved. */
const settled = (c: AltscribeController) => until(c.queue, 'change', () => c.cards.every((x) => !['queued', 'running'].includes(x.record.status)));

async function captioned(replies: string[]): Promise<{ c: AltscribeController; client: FakeClient; id: string }> {
  const client = new FakeClient(replies);
  const c = new AltscribeController(client);
  await c.init('?model=altscribe/shapes-captioner');
  await c.addFiles([png('beach.png')]);
  await settled(c);
  return { c, client, id: c.cards[0]!.record.id };
}

afterEach(async () => {
  await clearResults();
});

describe('regenerate', () => {
  it('replaces an unreviewed model text without asking, keeping the old one in the history', async () => {
    const { c, client, id } = await captioned(['a red circle', 'a blue square']);
    expect(await c.regenerate(id)).toBe('started');
    await settled(c);
    expect(client.calls).toBe(2);
    const record = c.cards[0]!.record;
    expect(record).toMatchObject({ text: 'A blue square.', review: 'unreviewed', status: 'done' });
    expect(record.history).toEqual([{ text: 'A red circle.', review: 'unreviewed', modelId: 'altscribe/shapes-captioner', replacedAt: expect.any(Number) }]);
    expect((await listResults())[0]?.history?.map((v) => v.text)).toEqual(['A red circle.']);
  });

  it('never touches an edited text without confirmation, and keeps it in the history when confirmed', async () => {
    const { c, client, id } = await captioned(['a red circle', 'a blue square']);
    await c.editText(id, 'My own words about the beach.');
    expect(await c.regenerate(id)).toBe('needs-confirmation');
    expect(client.calls).toBe(1);
    expect(c.cards[0]!.record).toMatchObject({ text: 'My own words about the beach.', review: 'edited' });

    expect(await c.regenerate(id, { confirmed: true })).toBe('started');
    await settled(c);
    const record = c.cards[0]!.record;
    // The new words are the model's again, so the person sees they are not reviewed.
    expect(record).toMatchObject({ text: 'A blue square.', review: 'unreviewed' });
    expect(record.history?.map((v) => [v.text, v.review])).toEqual([['My own words about the beach.', 'edited']]);
  });

  it('asks before replacing approved and imported texts too', async () => {
    const { c, id } = await captioned(['a red circle']);
    await c.approve(id);
    expect(await c.regenerate(id)).toBe('needs-confirmation');
    expect(c.cards[0]!.record.review).toBe('approved');
    expect(needsConfirmation({ review: 'imported', text: 'From the CSV.' })).toBe(true);
    expect(needsConfirmation({ review: 'edited', text: '' })).toBe(false);
    expect(replaceQuestion('edited')).toBe('Replace your edited text? The current text is kept in the history.');
  });

  it('explains that the photo is needed when the original is no longer in memory', async () => {
    const now = Date.now();
    const stored: CaptionRecord = { id: 'old-1', fileName: 'old.png', mimeType: 'image/png', byteSize: 3, status: 'done', text: 'An old caption.', review: 'unreviewed', createdAt: now, updatedAt: now };
    await putResult(stored);
    const client = new FakeClient(['a red circle']);
    const c = new AltscribeController(client);
    await c.init('');
    expect(c.cards[0]?.canRetry).toBe(false);
    expect(await c.regenerate('old-1', { confirmed: true })).toBe('needs-photo');
    expect(client.calls).toBe(0);
    expect(c.cards[0]?.record.text).toBe('An old caption.');
    expect(await c.regenerate('nope')).toBe('missing');
  });

  it('keeps at most the last ten versions', async () => {
    const replies = Array.from({ length: HISTORY_LIMIT + 3 }, (_, i) => `caption number ${i}`);
    const { c, id } = await captioned(replies);
    for (let i = 0; i < HISTORY_LIMIT + 2; i++) {
      expect(await c.regenerate(id)).toBe('started');
      await settled(c);
    }
    const history = c.cards[0]!.record.history ?? [];
    expect(history).toHaveLength(HISTORY_LIMIT);
    expect(history.at(-1)?.text).toBe(`Caption number ${HISTORY_LIMIT + 1}.`);
    expect(history[0]?.text).toBe('Caption number 2.');
    expect(c.cards[0]!.record.text).toBe(`Caption number ${HISTORY_LIMIT + 2}.`);
  });

  it('refuses while the photo is still being described', async () => {
    const client = new FakeClient(['a red circle']);
    const c = new AltscribeController(client);
    await c.init('');
    await c.addFiles([png('busy.png')]);
    expect(await c.regenerate(c.cards[0]!.record.id, { confirmed: true })).toBe('busy');
    await settled(c);
  });
});

describe('useVersion', () => {
  it('brings back an earlier text with its review, and puts the replaced one in the history', async () => {
    const { c, id } = await captioned(['a red circle', 'a blue square']);
    await c.editText(id, 'My own words.');
    await c.regenerate(id, { confirmed: true });
    await settled(c);
    expect(await c.useVersion(id, 0)).toBe(true);
    const record = c.cards[0]!.record;
    expect(record).toMatchObject({ text: 'My own words.', review: 'edited', status: 'done' });
    expect(record.history?.map((v) => [v.text, v.review])).toEqual([['A blue square.', 'unreviewed']]);
    expect((await listResults())[0]).toMatchObject({ text: 'My own words.', review: 'edited' });
    expect(await c.useVersion(id, 5)).toBe(false);
  });

  it('pushVersion drops the oldest entries beyond the limit', () => {
    const v = (text: string) => ({ text, review: 'unreviewed' as const, replacedAt: 1 });
    expect(pushVersion([v('a'), v('b')], v('c'), 2).map((x) => x.text)).toEqual(['b', 'c']);
    expect(pushVersion(undefined, v('a')).map((x) => x.text)).toEqual(['a']);
  });
});
