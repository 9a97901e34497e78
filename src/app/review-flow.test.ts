import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { assessReview } from '../review/priority';
import { getResult, listResults } from '../storage';
import { signal } from '../test-support/wait';
import { AltscribeController } from './altscribe-controller';
import { bandCounts, doubtSummary } from './review-bands';
import { byName, clearDevice, confidenceOf, GOOD_QUALITY, png, ReviewFakeClient, settled, untilCards, type Reply } from '../test-support/review-flow-fakes';
import { reviewInputsOf } from './review-scorer';

/** The review priority as the controller stores it with each caption, and the counts of doubt it feeds. */

// With the fitted weights the token doubt is the signal: a text the model was a little less than
// certain of is worth a check, and one with words it was lost on needs review.
const REPLIES: Record<string, Reply> = {
  'sure.png': { text: 'a red circle', confidence: confidenceOf('a red circle'), quality: GOOD_QUALITY },
  // Every word at 0.996: inside the fitted 'Check if time allows' band (docs/review-priority.md).
  'unsure.png': { text: 'a red circle', confidence: confidenceOf('a red circle', {}, 0.996), quality: GOOD_QUALITY },
  'lost.png': { text: 'a red circle', confidence: confidenceOf('a red circle', { red: 0.001, circle: 0.001 }), quality: GOOD_QUALITY },
  'small.png': { text: 'a red circle', confidence: confidenceOf('a red circle'), quality: { width: 64, height: 48, sharpness: 5, contrast: 0.3, noise: 20, bytesPerPixel: 1 } },
  // Too short for the finishing rules, from a model that was sure of it.
  'flagged.png': { text: 'red circle', confidence: confidenceOf('red circle', {}, 0.9999), quality: GOOD_QUALITY },
};

function clientWithReplies(): ReviewFakeClient {
  const client = new ReviewFakeClient();
  client.reply = (fileName) => REPLIES[fileName] ?? { text: 'a red circle' };
  return client;
}

async function captioned(names: readonly string[], client = clientWithReplies()): Promise<AltscribeController> {
  const c = new AltscribeController(client);
  await c.init('?model=altscribe/shapes-captioner');
  await c.addFiles(names.map(png));
  await settled(c);
  return c;
}

afterEach(clearDevice);

describe('review priority of a finished caption', () => {
  it('is stored with the caption: a priority in 0–1, a band and reasons, from its confidence and photo quality', async () => {
    const c = await captioned(['sure.png', 'unsure.png', 'lost.png', 'small.png']);
    const stored = new Map((await listResults()).map((r) => [r.fileName, r]));
    for (const name of ['sure.png', 'unsure.png', 'lost.png', 'small.png']) {
      const record = stored.get(name)!;
      expect(record.reviewPriority).toBeGreaterThan(0);
      expect(record.reviewPriority).toBeLessThan(1);
      expect(record.confidence).toEqual(REPLIES[name]!.confidence);
      expect(record.quality).toEqual(REPLIES[name]!.quality);
      // What was saved is the assessment of the saved inputs (confidence and photo quality), and the store shows it.
      const { priority, band, reasons } = assessReview(reviewInputsOf(record));
      expect(record).toMatchObject({ reviewPriority: priority, reviewBand: band, reviewReasons: reasons });
      expect(byName(c, name)).toMatchObject({ reviewPriority: record.reviewPriority, reviewBand: record.reviewBand, reviewReasons: record.reviewReasons });
    }
    expect(stored.get('sure.png')).toMatchObject({ reviewBand: 'fine', reviewReasons: [] });
    // No word fell below one half: the doubt is said without naming words.
    expect(stored.get('unsure.png')).toMatchObject({ reviewBand: 'check', reviewReasons: ['The model was unsure of its words.'] });
    expect(stored.get('lost.png')).toMatchObject({ reviewBand: 'needs-review', reviewReasons: ['The model was unsure about ‘red’ and ‘circle’.'] });
    // The fitted weights give photo quality no say (docs/review-priority.md): the small photo scores as the sure one.
    expect(stored.get('small.png')).toMatchObject({ reviewPriority: stored.get('sure.png')!.reviewPriority, reviewReasons: [] });
    const priority = (name: string) => stored.get(name)!.reviewPriority!;
    expect(priority('sure.png')).toBeLessThan(priority('unsure.png'));
    expect(priority('unsure.png')).toBeLessThan(priority('lost.png'));
  });

  it('a failed or cancelled caption gets no priority', async () => {
    const client = clientWithReplies();
    client.failOn.add('bad.png');
    const hold = signal();
    client.gates.set(1, hold.promise);
    const c = new AltscribeController(client);
    await c.init('');
    await c.addFiles([png('bad.png'), png('unsure.png')]);
    await untilCards(c, (cards) => cards[1]?.record.status === 'running');
    c.cancel(byName(c, 'unsure.png').id);
    hold.resolve();
    await settled(c);
    for (const record of [...(await listResults()), ...c.cards.map((x) => x.record)]) {
      expect(['failed', 'cancelled']).toContain(record.status);
      expect(record.reviewPriority).toBeUndefined();
      expect(record.reviewBand).toBeUndefined();
      expect(record.reviewReasons).toBeUndefined();
    }
  });

  it('retry clears the old priority, and a failed retry leaves none', async () => {
    const client = clientWithReplies();
    const c = await captioned(['unsure.png'], client);
    const { id } = byName(c, 'unsure.png');
    expect((await getResult(id))?.reviewBand).toBe('check');
    client.failOn.add('unsure.png');
    c.retry(id);
    await untilCards(c, () => byName(c, 'unsure.png').status === 'failed');
    await settled(c);
    const stored = await getResult(id);
    expect(stored).toMatchObject({ status: 'failed' });
    expect([stored?.reviewPriority, stored?.reviewBand, stored?.reviewReasons, stored?.confidence]).toEqual([undefined, undefined, undefined, undefined]);
    expect(byName(c, 'unsure.png').reviewPriority).toBeUndefined();
  });

  it('regenerate clears the old priority while the model writes again, and scores the new text', async () => {
    const client = clientWithReplies();
    const c = await captioned(['unsure.png'], client);
    const { id } = byName(c, 'unsure.png');
    const hold = signal();
    client.gates.set(1, hold.promise);
    client.reply = () => REPLIES['lost.png']!;
    expect(await c.regenerate(id)).toBe('started');
    await untilCards(c, () => byName(c, 'unsure.png').status === 'running');
    expect((await getResult(id))?.reviewPriority).toBeUndefined();
    expect(byName(c, 'unsure.png').reviewBand).toBeUndefined();
    hold.resolve();
    await untilCards(c, () => byName(c, 'unsure.png').status === 'done');
    await settled(c);
    const stored = await getResult(id);
    expect(stored).toMatchObject({ status: 'done', reviewBand: 'needs-review', history: [expect.objectContaining({ text: 'A red circle.' })] });
  });
});

describe('counts of doubt', () => {
  it('band counts and the summary follow approvals and edits', async () => {
    const c = await captioned(['sure.png', 'unsure.png', 'lost.png', 'flagged.png']);
    // A finishing-rule flag alone puts a caption above the fitted 'Needs review' threshold.
    expect(byName(c, 'flagged.png').reviewBand).toBe('needs-review');
    expect(bandCounts(c.store)).toEqual({ 'needs-review': 2, check: 1, fine: 1 });
    expect(doubtSummary(bandCounts(c.store), 4)).toBe('2 of 4 need review, 1 to check if time allows');
    await c.approve(byName(c, 'unsure.png').id);
    expect(bandCounts(c.store)).toEqual({ 'needs-review': 2, check: 0, fine: 1 });
    await c.editText(byName(c, 'lost.png').id, 'A green triangle.');
    expect(bandCounts(c.store)).toEqual({ 'needs-review': 1, check: 0, fine: 1 });
    expect(doubtSummary(bandCounts(c.store), 4)).toBe('1 of 4 need review, 0 to check if time allows');
    // The priority stays on the decided record, for the export.
    expect((await getResult(byName(c, 'unsure.png').id))?.reviewBand).toBe('check');
  });

  it('says nothing before any result has a priority', async () => {
    const c = await captioned([]);
    expect(doubtSummary(bandCounts(c.store), 0)).toBe('');
  });
});
