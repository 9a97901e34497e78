import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { assessReview } from '../review/priority';
import { getMeta, listResults } from '../storage';
import { AltscribeController } from './altscribe-controller';
import { byName, clearDevice, confidenceOf, GOOD_QUALITY, png, ReviewFakeClient, settled } from '../test-support/review-flow-fakes';
import { reviewInputsOf } from './review-scorer';

/** Calibration on this device through the controller: the person's decisions refit the review priority. */

/**
 * Two kinds of caption the default weights rank one way and this person's decisions the other:
 * SURE texts the model was certain of but the finishing rules flag as too short (Check if time
 * allows), and UNSURE texts with a little token doubt (Likely fine). The person approves the
 * flagged ones and corrects the doubtful ones.
 */
const SURE = Array.from({ length: 13 }, (_, i) => `sure-${i}.png`);
const UNSURE = Array.from({ length: 13 }, (_, i) => `unsure-${i}.png`);

async function captionedBatch(): Promise<AltscribeController> {
  const client = new ReviewFakeClient();
  client.reply = (name) => {
    const i = Number(/\d+/.exec(name)?.[0] ?? 0);
    if (name.startsWith('sure')) return { text: 'red circle', confidence: confidenceOf('red circle'), quality: GOOD_QUALITY };
    // Each a little less sure than the last, so the token features vary among the decisions.
    return { text: 'a red circle', confidence: confidenceOf('a red circle', {}, 0.9997 - i / 100_000), quality: GOOD_QUALITY };
  };
  const c = new AltscribeController(client);
  await c.init('');
  await c.addFiles([...SURE, ...UNSURE].map(png));
  await settled(c);
  return c;
}

async function storedPriorities(): Promise<Map<string, number | undefined>> {
  return new Map((await listResults()).map((r) => [r.fileName, r.reviewPriority]));
}

/** The person approves ten sure captions and rewrites ten unsure ones: twenty decisions, both kinds. */
async function decide(c: AltscribeController): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await c.approve(byName(c, SURE[i]!).id);
    await c.editText(byName(c, UNSURE[i]!).id, 'A green triangle on a table.');
  }
}

const LEFT = [...SURE.slice(10), ...UNSURE.slice(10)];

afterEach(clearDevice);

describe('calibration through the controller', () => {
  it('refits after twenty decisions, saves the fit, and rescores the results nobody decided on', async () => {
    const c = await captionedBatch();
    const before = await storedPriorities();
    expect(c.reviews.state).toEqual({ decisions: 0, calibratedOn: null, needed: 20 });
    expect(await getMeta('review-calibration')).toBeUndefined();
    await decide(c);
    await c.reviews.settled();
    expect(c.reviews.state).toEqual({ decisions: 20, calibratedOn: 20, needed: 20 });
    expect(await getMeta('review-calibration')).toMatchObject({ decisions: 20 });
    const after = await storedPriorities();
    // The defaults put the flagged texts above the doubtful ones.
    expect(Math.min(...SURE.slice(10).map((n) => before.get(n)!))).toBeGreaterThan(Math.max(...UNSURE.slice(10).map((n) => before.get(n)!)));
    for (const name of LEFT) {
      expect(after.get(name)).not.toBeCloseTo(before.get(name)!, 6);
      expect(byName(c, name).reviewPriority).toBe(after.get(name));
    }
    // The person approved every flagged text and corrected every doubtful one: the fit moves the
    // undecided ones of each kind that way, until the doubtful rank above the flagged.
    for (const name of SURE.slice(10)) expect(after.get(name)!).toBeLessThan(before.get(name)!);
    for (const name of UNSURE.slice(10)) expect(after.get(name)!).toBeGreaterThan(before.get(name)!);
    expect(Math.min(...UNSURE.slice(10).map((n) => after.get(n)!))).toBeGreaterThan(Math.max(...SURE.slice(10).map((n) => after.get(n)!)));
    // Decided results keep the priority they were decided with.
    for (const name of [...SURE.slice(0, 10), ...UNSURE.slice(0, 10)]) expect(after.get(name)).toBe(before.get(name));
  });

  it('does not refit before twenty decisions', async () => {
    const c = await captionedBatch();
    const before = await storedPriorities();
    for (let i = 0; i < 10; i++) await c.approve(byName(c, SURE[i]!).id);
    for (let i = 0; i < 9; i++) await c.editText(byName(c, UNSURE[i]!).id, 'A green triangle on a table.');
    await c.reviews.settled();
    expect(c.reviews.state).toMatchObject({ decisions: 19, calibratedOn: null });
    expect(await getMeta('review-calibration')).toBeUndefined();
    expect(await storedPriorities()).toEqual(before);
  });

  it('reset brings back the default priorities and forgets the saved fit', async () => {
    const c = await captionedBatch();
    const before = await storedPriorities();
    await decide(c);
    await c.reviews.settled();
    await c.reviews.reset();
    expect(c.reviews.state.calibratedOn).toBeNull();
    // No fit is kept, only how many decisions the reset set aside.
    expect(await getMeta('review-calibration')).toEqual({ decidedAtReset: 20 });
    const after = await storedPriorities();
    for (const name of LEFT) expect(after.get(name)).toBeCloseTo(before.get(name)!, 9);
    for (const record of await listResults()) {
      if (record.review === 'unreviewed') expect(record.reviewPriority).toBeCloseTo(assessReview(reviewInputsOf(record)).priority, 9);
    }
    // The decisions made before the reset do not bring the fit straight back; ten more do.
    await c.approve(byName(c, SURE[10]!).id);
    await c.reviews.settled();
    expect(c.reviews.state).toMatchObject({ decisions: 21, calibratedOn: null });
    expect(await getMeta('review-calibration')).toEqual({ decidedAtReset: 20 });
    // Nor does a reload.
    const reloaded = new AltscribeController(new ReviewFakeClient());
    await reloaded.init('');
    await reloaded.reviews.settled();
    expect(reloaded.reviews.state).toMatchObject({ decisions: 21, calibratedOn: null });
  });

  it('a reload picks up the saved fit without refitting', async () => {
    const c = await captionedBatch();
    await decide(c);
    await c.reviews.settled();
    const saved = await getMeta('review-calibration');
    const stored = await storedPriorities();
    const reloaded = new AltscribeController(new ReviewFakeClient());
    await reloaded.init('');
    await reloaded.reviews.settled();
    expect(reloaded.reviews.state).toEqual({ decisions: 20, calibratedOn: 20, needed: 20 });
    const inputs = reviewInputsOf(byName(reloaded, UNSURE[12]!));
    expect(reloaded.reviews.assess(inputs)).toEqual(c.reviews.assess(inputs));
    expect(reloaded.reviews.assess(inputs).reviewPriority).not.toBeCloseTo(assessReview(inputs).priority, 6);
    expect(await getMeta('review-calibration')).toEqual(saved);
    expect(await storedPriorities()).toEqual(stored);
  });
});
