import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { findModel } from '../models/registry';
import { assessReview, DEFAULT_REVIEW_MODEL, SECOND_OPINION_FROM } from '../review/priority';
import { getResult, listResults } from '../storage';
import { nextEvent, promisesSettled, signal, until } from '../test-support/wait';
import { AltscribeController } from './altscribe-controller';
import { byName, clearDevice, confidenceOf, GOOD_QUALITY, png, ReviewFakeClient, settled, untilCards, type Reply } from '../test-support/review-flow-fakes';

/** The second model's pass through the controller: when it runs, how the texts merge, what is stored. */

/** Reasons name a model as the model list spells it. */
const labelOf = (id: string): string => findModel(id)?.label ?? id;
const MAIN = 'Mozilla/distilvit';
const SECOND = 'altscribe/tiny-florence2';
const ALL = `?second=${SECOND}&secondScope=all`;

const reply = (text: string, unsure: Record<string, number> = {}, sure?: number): Reply => ({ text, confidence: confidenceOf(text, unsure, sure), quality: GOOD_QUALITY });

function clients(first: Reply, second: Reply): { main: ReviewFakeClient; other: ReviewFakeClient } {
  const main = new ReviewFakeClient();
  main.reply = () => first;
  const other = new ReviewFakeClient();
  other.reply = () => second;
  return { main, other };
}

async function start(main: ReviewFakeClient, other: ReviewFakeClient | undefined, search: string): Promise<AltscribeController> {
  const c = new AltscribeController(main, undefined, undefined, other ? { secondClient: other } : {});
  await c.init(search);
  return c;
}

/** The first pass is over and no second opinion is waiting or running. */
async function bothPasses(c: AltscribeController): Promise<void> {
  await settled(c);
  const opinions = c.secondOpinions!;
  await until(opinions, 'change', () => opinions.size === 0);
}

afterEach(clearDevice);

describe('second opinions through the controller', () => {
  it('with scope "all", every result gets a second opinion, stored with its agreement, once the first pass is over', async () => {
    const { main, other } = clients(reply('a red circle'), reply('the red circles'));
    const c = await start(main, other, ALL);
    expect(c.model.settings).toMatchObject({ secondModelId: SECOND, secondScope: 'all' });
    await c.addFiles([png('a.png'), png('b.png')]);
    await untilCards(c, (cards) => cards.length === 2 && cards.every((x) => x.record.secondOpinion));
    await bothPasses(c);
    expect(other.captions.sort()).toEqual(['a.png', 'b.png']);
    expect(other.loaded).toContain(SECOND);
    for (const record of await listResults()) {
      expect(record).toMatchObject({ text: 'A red circle.', modelId: MAIN, secondOpinion: { modelId: SECOND, text: 'The red circles.', agreement: 1 } });
      expect(record.reviewReasons).toContain(`A second model (${labelOf(SECOND)}) said the same.`);
    }
  });

  it('runs alongside the first pass, which never waits for it, and pauses with the queue', async () => {
    const { main, other } = clients(reply('a red circle'), reply('a red circle'));
    const firstHeld = signal();
    const secondHeld = signal();
    main.gates.set(0, firstHeld.promise);
    main.gates.set(1, secondHeld.promise);
    const c = await start(main, other, ALL);
    await c.addFiles([png('a.png'), png('b.png')]);
    c.queue.pause();
    firstHeld.resolve();
    await untilCards(c, () => byName(c, 'a.png').status === 'done');
    await promisesSettled();
    expect(other.captions).toEqual([]);
    expect(c.secondOpinions?.size).toBe(1);
    c.queue.resume();
    await untilCards(c, () => byName(c, 'a.png').secondOpinion !== undefined);
    // b.png's first pass is still held: the second opinion on a.png did not wait for it.
    expect(byName(c, 'b.png').status).not.toBe('done');
    secondHeld.resolve();
    await untilCards(c, (cards) => cards.every((x) => x.record.secondOpinion));
    await bothPasses(c);
    expect(other.captions).toEqual(['a.png', 'b.png']);
  });

  it('swaps to the second text when it is clearly better supported, keeping the first in the history and on the record', async () => {
    // The first model adds content words the second does not confirm; everything the second said, the first said too.
    const FIRST = 'a red circle on a blue background with a dog and a kite';
    const { main, other } = clients(reply(FIRST, { dog: 0.3, kite: 0.2 }), reply('a red circle on a blue background'));
    const c = await start(main, other, ALL);
    await c.addFiles([png('a.png')]);
    await untilCards(c, (cards) => cards[0]?.record.secondOpinion !== undefined);
    await bothPasses(c);
    const stored = await getResult(c.cards[0]!.record.id);
    const first = 'A red circle on a blue background with a dog and a kite.';
    expect(stored).toMatchObject({
      text: 'A red circle on a blue background.',
      modelText: 'a red circle on a blue background',
      modelId: SECOND,
      review: 'unreviewed',
      confidence: confidenceOf('a red circle on a blue background'),
      // Four shared content words of six and four.
      secondOpinion: { modelId: MAIN, text: first, agreement: 0.8 },
      history: [expect.objectContaining({ text: first, modelId: MAIN, review: 'unreviewed' })],
    });
    expect(stored?.reviewReasons).toContain(`A second model (${labelOf(MAIN)}) said: “${first}”`);
    expect(c.cards[0]?.record).toEqual(stored);
  });

  it('never swaps a translated text for the English second opinion, and compares them by the English the first came from', async () => {
    const FIRST = 'a red circle on a blue background with a dog and a kite';
    const { other } = clients(reply(FIRST), reply('a red circle on a blue background'));
    // The first client also translates, as the real one does in the caption worker.
    const main = Object.assign(new ReviewFakeClient(), {
      loadTranslator: async (modelId: string) => ({ modelId, device: 'wasm' as const, dtype: 'q8' as const, loadMs: 1 }),
      translate: async () => 'un cercle rouge sur un fond bleu avec un chien et un cerf-volant',
    });
    main.reply = () => reply(FIRST, { dog: 0.3, kite: 0.2 });
    const c = await start(main, other, `${ALL}&lang=fr`);
    await c.addFiles([png('a.png')]);
    await untilCards(c, (cards) => cards[0]?.record.secondOpinion !== undefined);
    await bothPasses(c);
    expect(await getResult(c.cards[0]!.record.id)).toMatchObject({
      text: 'Un cercle rouge sur un fond bleu avec un chien et un cerf-volant.',
      language: 'fr',
      modelText: FIRST,
      modelId: MAIN,
      secondOpinion: { modelId: SECOND, text: 'A red circle on a blue background.', agreement: 0.8 },
    });
  });

  it('keeps the first text when the two disagree but neither is better supported, however sure the second model is', async () => {
    const { main, other } = clients(reply('a red circle', { red: 0.3 }), reply('a blue circle'));
    const c = await start(main, other, ALL);
    await c.addFiles([png('a.png')]);
    await untilCards(c, (cards) => cards[0]?.record.secondOpinion !== undefined);
    await bothPasses(c);
    const stored = await getResult(c.cards[0]!.record.id);
    expect(stored).toMatchObject({
      text: 'A red circle.',
      modelText: 'a red circle',
      modelId: MAIN,
      review: 'unreviewed',
      confidence: confidenceOf('a red circle', { red: 0.3 }),
      secondOpinion: { modelId: SECOND, text: 'A blue circle.', agreement: 0.5 },
      history: [expect.objectContaining({ text: 'A blue circle.', modelId: SECOND, review: 'unreviewed' })],
    });
    expect(stored?.reviewReasons).toContain(`A second model (${labelOf(SECOND)}) said: “A blue circle.”`);
    expect(c.cards[0]?.record).toEqual(stored);
  });

  it('an agreeing second opinion lowers the priority against the same caption without one', async () => {
    const first = reply('a red circle', { circle: 0.05 });
    const alone = await start(clients(first, first).main, undefined, '');
    await alone.addFiles([png('alone.png')]);
    await settled(alone);
    const { main, other } = clients(first, reply('a red circle'));
    const c = await start(main, other, ALL);
    await c.addFiles([png('checked.png')]);
    await untilCards(c, () => byName(c, 'checked.png').secondOpinion !== undefined);
    await bothPasses(c);
    const stored = new Map((await listResults()).map((r) => [r.fileName, r]));
    expect(stored.get('checked.png')?.secondOpinion?.agreement).toBe(1);
    expect(stored.get('checked.png')!.reviewPriority).toBeLessThan(stored.get('alone.png')!.reviewPriority!);
  });

  it(`by default only results whose first-pass priority is at least SECOND_OPINION_FROM get a second opinion`, async () => {
    // Either side of the line (which sits at or below the Check band's threshold).
    const below = reply('a red circle', {}, 0.99995);
    const above = reply('a red circle', {}, 0.999);
    const firstPass = (r: Reply) => assessReview({ modelText: r.text, ...r }).priority;
    expect(firstPass(below)).toBeLessThan(SECOND_OPINION_FROM);
    expect(firstPass(above)).toBeGreaterThanOrEqual(SECOND_OPINION_FROM);
    expect(SECOND_OPINION_FROM).toBeLessThanOrEqual(DEFAULT_REVIEW_MODEL.thresholds.check);
    const main = new ReviewFakeClient();
    main.reply = (name) => (name === 'below.png' ? below : above);
    const other = new ReviewFakeClient();
    other.reply = () => reply('a red circle');
    const c = await start(main, other, `?second=${SECOND}`);
    expect(c.model.settings.secondScope).toBeUndefined();
    await c.addFiles([png('below.png'), png('above.png')]);
    await untilCards(c, () => byName(c, 'above.png').secondOpinion !== undefined);
    await bothPasses(c);
    expect(other.captions).toEqual(['above.png']);
    const stored = await getResult(byName(c, 'below.png').id);
    expect(stored?.reviewPriority).toBeCloseTo(firstPass(below), 9);
    expect(stored?.secondOpinion).toBeUndefined();
  });

  it('a person who approves while the second model looks keeps their text', async () => {
    const { main, other } = clients(reply('a red circle', { red: 0.3 }), reply('a blue circle', { blue: 0.95 }));
    const looking = signal();
    const held = signal();
    other.onCaption = () => looking.resolve();
    other.gates.set(0, held.promise);
    const c = await start(main, other, ALL);
    await c.addFiles([png('a.png')]);
    await looking.promise;
    const { id } = c.cards[0]!.record;
    await c.approve(id);
    held.resolve();
    await bothPasses(c);
    const stored = await getResult(id);
    expect(stored).toMatchObject({ text: 'A red circle.', review: 'approved', modelId: MAIN });
    expect(stored?.secondOpinion).toBeUndefined();
    expect(stored?.history).toBeUndefined();
  });

  it('refuses a second model that is neither served by the app nor on this device, and says so', async () => {
    const hub = 'onnx-community/Florence-2-base-ft';
    const { main, other } = clients(reply('a red circle'), reply('a red circle'));
    other.filesToDownload = 3;
    const c = await start(main, other, `?second=${hub}&secondScope=all`);
    const refused = nextEvent<CustomEvent<string>>(c, 'announce', (e) => e.detail.startsWith('No second opinions'));
    await c.addFiles([png('a.png'), png('b.png')]);
    expect((await refused).detail).toMatch(/Florence-2.* is not on this device/);
    await bothPasses(c);
    expect(other.planned).toEqual([hub]); // asked once; refused from then on
    expect(other.loaded).toEqual([]);
    expect(other.captions).toEqual([]);
    expect((await listResults()).every((r) => r.secondOpinion === undefined && r.status === 'done')).toBe(true);
  });

  it('uses a second model from the hub that is already on this device', async () => {
    const hub = 'onnx-community/Florence-2-base-ft';
    const { main, other } = clients(reply('a red circle'), reply('a red circle'));
    const c = await start(main, other, `?second=${hub}&secondScope=all`);
    await c.addFiles([png('a.png')]);
    await untilCards(c, (cards) => cards[0]?.record.secondOpinion !== undefined);
    await bothPasses(c);
    expect(other.planned).toEqual([hub]);
    expect((await listResults())[0]?.secondOpinion?.modelId).toBe(hub);
  });
});

describe('useSecondOpinion', () => {
  it('makes the second text the result, approved, with the first kept in the history and as the other opinion', async () => {
    const { main, other } = clients(reply('a red circle', { red: 0.95 }), reply('a blue circle', { blue: 0.3 }));
    const c = await start(main, other, ALL);
    await c.addFiles([png('a.png')]);
    await untilCards(c, (cards) => cards[0]?.record.secondOpinion !== undefined);
    await bothPasses(c);
    const { id } = c.cards[0]!.record;
    // The merge kept the first text: the second is on the record, to be chosen by the person.
    expect(await getResult(id)).toMatchObject({ text: 'A red circle.', modelId: MAIN, secondOpinion: { text: 'A blue circle.', modelId: SECOND } });
    await c.useSecondOpinion(id);
    const stored = await getResult(id);
    expect(stored).toMatchObject({ text: 'A blue circle.', review: 'approved', modelId: SECOND, secondOpinion: { text: 'A red circle.', modelId: MAIN, agreement: 0.5 } });
    expect(stored?.history?.at(-1)).toMatchObject({ text: 'A red circle.', modelId: MAIN });
    expect(stored?.reviewPriority).toBeGreaterThan(0);
    expect(c.cards[0]?.record).toEqual(stored);
  });
});
