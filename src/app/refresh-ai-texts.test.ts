import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { getMeta, getResult, listResults, putResult, type CaptionRecord } from '../storage';
import { AltscribeController } from './altscribe-controller';
import { byName, clearDevice, confidenceOf, GOOD_QUALITY, png, ReviewFakeClient, settled, untilCards } from '../test-support/review-flow-fakes';

/** "Re-caption AI texts nobody reviewed, with model X" through the controller. */

const OLD = 'altscribe/shapes-captioner';
const NEW = 'altscribe/tiny-florence2';

/** A finished record from an earlier visit: its photo is not in this tab. */
function earlier(id: string, review: CaptionRecord['review'], modelId = OLD): CaptionRecord {
  const at = Date.now() - 1000;
  return { id, fileName: `${id}.png`, mimeType: 'image/png', byteSize: 3, status: 'done', text: `Earlier text of ${id}.`, modelText: `earlier text of ${id}`, review, modelId, durationMs: 7, createdAt: at, updatedAt: at };
}

/** Photos captioned by OLD in this tab (four: one edited, one approved), and two records from before without photos. */
async function setUp(): Promise<{ c: AltscribeController; client: ReviewFakeClient }> {
  await putResult(earlier('no-photo', 'unreviewed'));
  await putResult(earlier('imported', 'imported', 'some/other-model'));
  const client = new ReviewFakeClient();
  client.reply = () => ({ text: 'a red circle', confidence: confidenceOf('a red circle', { circle: 0.05 }), quality: GOOD_QUALITY });
  const c = new AltscribeController(client);
  await c.init(`?model=${OLD}`);
  await c.addFiles(['a.png', 'b.png', 'edited.png', 'approved.png'].map(png));
  await settled(c);
  await c.editText(byName(c, 'edited.png').id, 'My own words.');
  await c.approve(byName(c, 'approved.png').id);
  return { c, client };
}

afterEach(clearDevice);

describe('refresh AI texts', () => {
  it('plans only finished, unreviewed model texts of another model, and counts those whose photo is here', async () => {
    const { c } = await setUp();
    expect(c.refreshPlan(NEW)).toEqual({ modelId: NEW, count: 3, withPhoto: 2, estimatedMs: 10 });
    // The texts are already this model's: nothing to redo.
    expect(c.refreshPlan(OLD)).toMatchObject({ count: 0, withPhoto: 0, estimatedMs: 0 });
  });

  it('re-captions them with the new model, which becomes the model, keeping the old text in the history', async () => {
    const { c, client } = await setUp();
    const untouched = await Promise.all(['edited.png', 'approved.png'].map((name) => getResult(byName(c, name).id)));
    untouched.push(await getResult('imported'), await getResult('no-photo'));
    const before = new Map((await listResults()).map((r) => [r.fileName, r]));
    client.reply = () => ({ text: 'a blue square', confidence: confidenceOf('a blue square'), quality: GOOD_QUALITY });
    const done = await c.refreshAiTexts(NEW);
    expect(done).toEqual({ queued: 2, waiting: 1 });
    expect(c.model.settings.modelId).toBe(NEW);
    expect(await getMeta('settings')).toMatchObject({ modelId: NEW });
    await untilCards(c, () => ['a.png', 'b.png'].every((name) => byName(c, name).modelId === NEW && byName(c, name).status === 'done'));
    await settled(c);
    expect(client.loaded.at(-1)).toBe(NEW);
    expect(client.captions.slice(4).sort()).toEqual(['a.png', 'b.png']);
    for (const name of ['a.png', 'b.png']) {
      const record = await getResult(byName(c, name).id);
      expect(record).toMatchObject({ status: 'done', text: 'A blue square.', modelText: 'a blue square', modelId: NEW, review: 'unreviewed', reviewBand: 'fine' });
      expect(record?.history).toEqual([expect.objectContaining({ text: 'A red circle.', modelId: OLD, review: 'unreviewed' })]);
      expect(record?.reviewPriority).toBeLessThan(before.get(name)!.reviewPriority!);
    }
    // Edited, approved and imported texts, and the one whose photo is not here, are as they were.
    for (const record of untouched) expect(await getResult(record!.id)).toEqual(record);
  });

  it('does nothing, and keeps the model, when no photo is here to redo', async () => {
    await putResult(earlier('no-photo', 'unreviewed'));
    const client = new ReviewFakeClient();
    const c = new AltscribeController(client);
    await c.init(`?model=${OLD}`);
    const before = await listResults();
    expect(await c.refreshAiTexts(NEW)).toEqual({ queued: 0, waiting: 1 });
    expect(c.model.settings.modelId).toBe(OLD);
    expect(await listResults()).toEqual(before);
    expect(client.captions).toEqual([]);
  });
});
