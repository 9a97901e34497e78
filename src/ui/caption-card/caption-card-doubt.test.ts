// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AltscribeController } from '../../app/altscribe-controller';
import type { CaptionRecord, CardView } from '../../app/card-view';
import { runCardAction } from '../altscribe-app/card-actions';
import { cleanup, mount, shadow, textOf, update } from '../shared/test-mount';
import { nextEvent } from '../../test-support/wait';
import type { CaptionCard } from './caption-card';
import './caption-card';

const SECOND = { modelId: 'altscribe/other', text: 'Two blue squares.', agreement: 0.2, durationMs: 5, at: 1 };

function makeCard(overrides: Partial<CaptionRecord> = {}): CardView {
  const record: CaptionRecord = {
    id: 'rec-1',
    fileName: 'shapes.png',
    mimeType: 'image/png',
    byteSize: 1,
    status: 'done',
    text: 'A red circle.',
    review: 'unreviewed',
    createdAt: 1,
    updatedAt: 1,
    reviewPriority: 0.9,
    reviewBand: 'needs-review',
    reviewReasons: ['The photo looks blurred.', `A second model (altscribe/other) said: “Two blue squares.”`],
    confidence: { words: [{ word: 'A', prob: 0.9 }, { word: 'red', prob: 0.2 }, { word: 'circle.', prob: 0.7 }], minProb: 0.2, meanLogProb: -0.5, meanEntropy: 1, maxEntropy: 2, tokens: 4 },
    secondOpinion: SECOND,
    ...overrides,
  };
  return { record, canRetry: false };
}

const q = (el: CaptionCard, selector: string) => shadow(el).querySelector<HTMLElement>(selector);

afterEach(cleanup);

describe('caption-card: a result in doubt', () => {
  it('shows the band, the reasons and the marked words under the field, and describes the field with the band', async () => {
    const el = await mount('caption-card', { card: makeCard() });
    const doubt = shadow(el).querySelector('review-doubt')!;
    await doubt.updateComplete;
    expect(textOf(q(el, '[data-role=band]'))).toBe('▲ Needs review');
    expect([...shadow(el).querySelectorAll('[data-role=reasons] li')].map((li) => textOf(li))).toEqual(['The photo looks blurred.']);
    expect(textOf(q(el, 'mark[data-role=unsure-word]'))).toBe('red (unsure)');
    expect(textOf(q(el, '[data-role=second-text]'))).toBe('A second model (altscribe/other) said: “Two blue squares.”');
    const field = q(el, 'textarea')!;
    expect(field.getAttribute('aria-describedby')).toBe('title-rec-1 band-rec-1');
    // Read after the field: the text first, then why it may be wrong.
    expect(field.compareDocumentPosition(q(el, '[data-role=band]')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it.each(['approved', 'edited', 'imported'] as const)('shows none of it once the result is %s', async (review) => {
    const el = await mount('caption-card', { card: makeCard({ review }) });
    expect(q(el, 'review-doubt')).toBeNull();
    expect(q(el, '[data-role=band]')).toBeNull();
    expect(q(el, 'textarea')!.getAttribute('aria-describedby')).toBe('title-rec-1');
  });

  it('drops the doubt panel when the app reports the result approved', async () => {
    const el = await mount('caption-card', { card: makeCard() });
    await update(el, { card: makeCard({ review: 'approved' }) });
    expect(q(el, 'review-doubt')).toBeNull();
  });

  it('shows nothing while the caption is still being written', async () => {
    const el = await mount('caption-card', { card: makeCard({ status: 'running', text: '' }) });
    expect(q(el, 'review-doubt')).toBeNull();
  });

  it('"Use this one" asks the app, which calls the controller, announces it and puts focus on the new text', async () => {
    const el = await mount('caption-card', { card: makeCard() });
    await shadow(el).querySelector('review-doubt')!.updateComplete;
    const useSecondOpinion = vi.fn(async (id: string) => void update(el, { card: makeCard({ id, text: SECOND.text, review: 'approved' }) }));
    const controller = { store: { get: () => makeCard() }, useSecondOpinion } as unknown as AltscribeController;
    const announce = vi.fn();
    const asked = nextEvent<CustomEvent>(document.body, 'card-action');
    q(el, '[data-role=use-second]')!.click();
    await runCardAction(await asked, controller, { announce, focusAfterDelete: vi.fn() });
    expect(useSecondOpinion).toHaveBeenCalledWith('rec-1');
    expect(announce).toHaveBeenCalledWith("Using the second model's text for shapes.png; the first text is in the history.");
    expect(shadow(el).activeElement).toBe(q(el, 'textarea'));
    expect((q(el, 'textarea') as HTMLTextAreaElement).value).toBe('Two blue squares.');
  });
});
