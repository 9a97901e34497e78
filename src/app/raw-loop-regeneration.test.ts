import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { strongerRepetitionSettings } from '../alttext';
import { resolveCaptionOptions } from '../models/caption-options';
import type { CaptionOptions } from '../models/model-types';
import { getModel } from '../models/registry';
import { AltscribeController } from './altscribe-controller';
import { clearDevice, confidenceOf, GOOD_QUALITY, png, ReviewFakeClient, settled } from '../test-support/review-flow-fakes';

/**
 * Issue 15: a raw output that loops in short words is tidied by the finishing rules into a
 * plausible sentence ("Three green three."). The loop is judged on what the model said, so it
 * still triggers the one regeneration and, when it stays, the flag and a higher review priority.
 */
const RAW_LOOP = 'three three three three green green three three three';
const SHAPES = '?model=altscribe/shapes-captioner';

function clientSaying(replies: readonly string[]): { client: ReviewFakeClient; options: CaptionOptions[] } {
  const client = new ReviewFakeClient();
  const options: CaptionOptions[] = [];
  client.reply = (_fileName, call) => {
    const text = replies[call] ?? replies.at(-1)!;
    return { text, confidence: confidenceOf(text), quality: GOOD_QUALITY };
  };
  const caption = client.caption.bind(client);
  client.caption = (image, fileName, callOptions, call) => {
    options.push(callOptions);
    return caption(image, fileName, callOptions, call);
  };
  return { client, options };
}

async function captionOne(client: ReviewFakeClient, name: string): Promise<AltscribeController> {
  const c = new AltscribeController(client);
  await c.init(SHAPES);
  await c.addFiles([png(name)]);
  await settled(c);
  return c;
}

afterEach(clearDevice);

describe('a loop in the raw output', () => {
  it('is regenerated once with the stronger repetition settings, and the clean retry is kept', async () => {
    const { client, options } = clientSaying([RAW_LOOP, 'three green squares']);
    const c = await captionOne(client, 'loop.png');
    const base = resolveCaptionOptions(getModel('altscribe/shapes-captioner').generation);
    expect(client.captions).toEqual(['loop.png', 'loop.png']);
    expect(options[1]).toEqual({ ...options[0], ...strongerRepetitionSettings(base) });
    expect(c.cards[0]?.record).toMatchObject({ text: 'Three green squares.', modelText: 'three green squares', flags: [], regenerated: true });
  });

  it('keeps the repetition flag when the retry loops too, and ranks it above the same text said cleanly', async () => {
    const looped = await captionOne(clientSaying([RAW_LOOP]).client, 'loop.png');
    expect(looped.cards[0]?.record).toMatchObject({ text: 'Three green three.', modelText: RAW_LOOP, flags: ['repetition'], regenerated: true });
    await clearDevice();
    const clean = await captionOne(clientSaying(['three green three']).client, 'clean.png');
    expect(clean.cards[0]?.record).toMatchObject({ text: 'Three green three.', flags: [] });
    expect(looped.cards[0]!.record.reviewPriority!).toBeGreaterThan(clean.cards[0]!.record.reviewPriority!);
  });
});
