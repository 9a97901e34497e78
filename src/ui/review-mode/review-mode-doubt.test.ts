// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { CardStore } from '../../app/card-store';
import type { CaptionRecord } from '../../app/card-view';
import { ShownCards } from '../../app/result-filters';
import { cleanup, collectEvents, mount as mountElement, shadow, textOf } from '../shared/test-mount';
import { makeCard, mount, open, press, q, settle, FakeVerbs } from './review-mode.fixtures';
import type { ReviewMode } from './review-mode';

const SECOND = { modelId: 'altscribe/other', text: 'Two blue squares.', agreement: 0.3, durationMs: 5, at: 1 };

/** A finished model text in doubt, with reasons, an unsure word and (unless told) a differing second opinion. */
const doubtful = (id: string, extra: Partial<CaptionRecord> = {}) =>
  makeCard(id, {
    text: 'A red circle.',
    reviewPriority: 0.9,
    reviewBand: 'needs-review',
    reviewReasons: ['The photo looks blurred.'],
    confidence: { words: [{ word: 'A', prob: 0.9 }, { word: 'red', prob: 0.1 }, { word: 'circle.', prob: 0.9 }], minProb: 0.1, meanLogProb: -1, meanEntropy: 1, maxEntropy: 2, tokens: 4 },
    secondOpinion: SECOND,
    ...extra,
  });

afterEach(cleanup);

describe('review-mode: why a result may be wrong', () => {
  it('shows the band, reasons, marked words and second opinion after the text, and describes the field with the band', async () => {
    const { el } = await mount([doubtful('a')]);
    await open(el);
    expect(textOf(q(el, '[data-role=band]'))).toBe('▲ Needs review');
    expect(textOf(q(el, '[data-role=reasons]'))).toBe('The photo looks blurred.');
    expect(textOf(q(el, 'mark[data-role=unsure-word]'))).toBe('red (unsure)');
    expect(textOf(q(el, '[data-role=second-text]'))).toBe('A second model (altscribe/other) said: “Two blue squares.”');
    expect(q(el, '[data-role=use-second]')!.getAttribute('aria-keyshortcuts')).toBe('U');
    expect(q(el, 'textarea')!.getAttribute('aria-describedby')).toBe('review-file band-a');
    expect(textOf(q(el, '[data-role=key-legend]'))).toContain("U Use the second model's text, when one is shown");
  });

  it('shows none of it for a reviewed result', async () => {
    const { el } = await mount([doubtful('a', { review: 'approved' })]);
    await open(el);
    expect(q(el, 'review-doubt')).toBeNull();
    expect(q(el, 'textarea')!.getAttribute('aria-describedby')).toBe('review-file');
  });

  it('uses the second opinion with U and goes on to the next photo, announcing both', async () => {
    const { el, verbs } = await mount([doubtful('a'), doubtful('b')]);
    await open(el);
    await press(el, 'u');
    expect(verbs.calls).toEqual([['useSecondOpinion', 'a']]);
    expect(textOf(q(el, '[data-role=file]'))).toBe('b.png');
    expect(textOf(q(el, '[data-role=review-status]'))).toBe("Used the second model's text for a.png; the first text is in the history. 2 of 2: b.png");
    expect(shadow(el).activeElement).toBe(q(el, 'dialog'));
  });

  it('says so when U finds no second opinion to use', async () => {
    const { el, verbs } = await mount([doubtful('a', { secondOpinion: undefined })]);
    await open(el);
    await press(el, 'U');
    expect(verbs.calls).toEqual([]);
    expect(textOf(q(el, '[data-role=review-status]'))).toBe('No second opinion to use for this photo.');
  });

  it('"Use this one" does the same as U, and its request stays inside the review mode', async () => {
    const { el, verbs } = await mount([doubtful('a')]);
    await open(el);
    const escaped = collectEvents(document.body, 'card-action');
    q(el, '[data-role=use-second]')!.click();
    await settle(el);
    expect(verbs.calls).toEqual([['useSecondOpinion', 'a']]);
    expect(escaped).toEqual([]);
    expect(textOf(q(el, '[data-role=review-status]'))).toBe("Used the second model's text for a.png; the first text is in the history. That was the last photo.");
    expect(q(el, 'review-doubt')).toBeNull();
    expect(shadow(el).activeElement).toBe(q(el, 'dialog'));
  });
});

describe('review-mode order', () => {
  it('walks the shown cards riskiest first, also when only the sort changed since it last opened', async () => {
    const store = new CardStore();
    store.add([doubtful('low', { reviewPriority: 0.2, reviewBand: 'fine' }), doubtful('high', { reviewPriority: 0.95 }), doubtful('mid', { reviewPriority: 0.5, reviewBand: 'check' })]);
    const shown = new ShownCards(store);
    const verbs = new FakeVerbs(store.list());
    const el: ReviewMode = await mountElement('review-mode', { source: shown, revision: store.revision, controller: verbs });
    await open(el);
    expect(textOf(q(el, '[data-role=file]'))).toBe('low.png');
    await press(el, 'Escape');
    // Nothing in the store changed: only the person's sort did.
    shown.setView({ ...shown.current, sort: 'risk' });
    await open(el);
    await press(el, 'k');
    await press(el, 'k');
    const seen = [textOf(q(el, '[data-role=file]'))];
    for (let i = 0; i < 2; i++) {
      await press(el, 'j');
      seen.push(textOf(q(el, '[data-role=file]')));
    }
    expect(seen).toEqual(['high.png', 'mid.png', 'low.png']);
  });
});
