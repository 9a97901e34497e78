// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { CaptionRecord } from '../../app/card-view';
import type { TextConfidence } from '../../models/review-signals';
import { cleanup, collectEvents, mount, textOf } from '../shared/test-mount';
import { markUnsureWords } from './doubt-parts';
import type { ReviewDoubt } from './review-doubt';
import './review-doubt';

function confidenceOf(words: Record<string, number>): TextConfidence {
  return { words: Object.entries(words).map(([word, prob]) => ({ word, prob })), minProb: 0, meanLogProb: -1, meanEntropy: 1, maxEntropy: 2, tokens: 5 };
}

function record(overrides: Partial<CaptionRecord> = {}): CaptionRecord {
  return {
    id: 'r1',
    fileName: 'shapes.png',
    mimeType: 'image/png',
    byteSize: 1,
    status: 'done',
    text: 'A red circle, next to a Blue square.',
    review: 'unreviewed',
    createdAt: 1,
    updatedAt: 1,
    reviewPriority: 0.8,
    reviewBand: 'needs-review',
    reviewReasons: ['The photo is small (40×40 pixels), so details are easy to get wrong.', 'The photo looks blurred.'],
    ...overrides,
  };
}

// It renders into the light DOM: the host's shadow root in the app, the document here.
const q = (el: ReviewDoubt, selector: string) => el.querySelector<HTMLElement>(selector);
const mountDoubt = (r: CaptionRecord) => mount('review-doubt', { record: r });

afterEach(cleanup);

describe('markUnsureWords', () => {
  it('marks the unsure words case-insensitively, punctuation left outside the mark, the text kept whole', () => {
    const pieces = markUnsureWords('A red circle, next to a Blue square.', ['circle', 'blue']);
    expect(pieces.map((p) => p.text).join('')).toBe('A red circle, next to a Blue square.');
    expect(pieces.filter((p) => p.unsure).map((p) => p.text)).toEqual(['circle', 'Blue']);
  });

  it('gives nothing when no unsure word is in the text', () => {
    expect(markUnsureWords('A red circle.', ['triangle'])).toEqual([]);
    expect(markUnsureWords('A red circle.', [])).toEqual([]);
  });
});

describe('review-doubt', () => {
  it.each([
    ['needs-review', 'Needs review', '▲'],
    ['check', 'Check if time allows', '◆'],
    ['fine', 'Likely fine', '●'],
  ] as const)('shows the %s band as "%s" with its own shape, hidden from screen readers', async (band, label, icon) => {
    const el = await mountDoubt(record({ reviewBand: band }));
    const badge = q(el, '[data-role=band]')!;
    expect(textOf(badge)).toBe(`${icon} ${label}`);
    expect(badge.classList.contains(band)).toBe(true);
    expect(badge.querySelector('[aria-hidden=true]')?.textContent).toBe(icon);
    expect(badge.id).toBe('band-r1');
  });

  it('lists the reasons after the band, in order', async () => {
    const el = await mountDoubt(record());
    const items = [...el.querySelectorAll('[data-role=reasons] li')].map((li) => textOf(li));
    expect(items).toEqual(['The photo is small (40×40 pixels), so details are easy to get wrong.', 'The photo looks blurred.']);
    expect(q(el, '[data-role=band]')!.compareDocumentPosition(q(el, '[data-role=reasons]')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('marks the unsure words in a copy of the text, each also saying "(unsure)" to a screen reader', async () => {
    const el = await mountDoubt(record({ confidence: confidenceOf({ A: 0.9, red: 0.95, circle: 0.3, next: 0.9, Blue: 0.2, 'square.': 0.8 }) }));
    const marks = [...el.querySelectorAll('mark[data-role=unsure-word]')];
    expect(marks.map((m) => textOf(m))).toEqual(['circle (unsure)', 'Blue (unsure)']);
    for (const mark of marks) expect(mark.querySelector('.visually-hidden')?.textContent).toBe(' (unsure)');
    expect(textOf(q(el, '[data-role=unsure-text]'))).toBe('Words the model was unsure of are underlined: A red circle (unsure), next to a Blue (unsure) square.');
  });

  it('shows no marked text when none of the unsure words is in the finished text', async () => {
    const el = await mountDoubt(record({ confidence: confidenceOf({ An: 0.9, image: 0.1, of: 0.2 }) }));
    expect(q(el, '[data-role=unsure-text]')).toBeNull();
    expect(q(el, '[data-role=band]')).not.toBeNull();
  });

  it('shows what a second model said, once (not again among the reasons), and "Use this one" asks the app', async () => {
    const second = { modelId: 'altscribe/other', text: 'A blue square.', agreement: 0.4, durationMs: 5, at: 1 };
    const said = `A second model (altscribe/other) said: “A blue square.”`;
    const el = await mountDoubt(record({ secondOpinion: second, reviewReasons: ['The photo looks blurred.', said] }));
    expect(textOf(q(el, '[data-role=second-text]'))).toBe(said);
    expect([...el.querySelectorAll('[data-role=reasons] li')].map((li) => textOf(li))).toEqual(['The photo looks blurred.']);
    const button = q(el, '[data-role=use-second]')!;
    expect(textOf(button)).toBe('Use this one');
    expect(button.getAttribute('aria-describedby')).toBe('second-r1');
    const events = collectEvents(document.body, 'card-action');
    button.click();
    expect(events.map((e) => e.detail)).toEqual([{ id: 'r1', action: 'use-second-opinion', text: 'A red circle, next to a Blue square.' }]);
  });

  it('offers no second opinion that agrees fully', async () => {
    const el = await mountDoubt(record({ secondOpinion: { modelId: 'm', text: 'A red circle.', agreement: 1, durationMs: 5, at: 1 } }));
    expect(q(el, '[data-role=second-opinion]')).toBeNull();
  });

  it.each(['approved', 'edited', 'imported'] as const)('shows nothing for a result that is %s', async (review) => {
    const el = await mountDoubt(record({ review, secondOpinion: { modelId: 'm', text: 'Other.', agreement: 0.1, durationMs: 5, at: 1 } }));
    expect(el.querySelector('[data-role=doubt]')).toBeNull();
  });

  it('shows nothing for a result without a band', async () => {
    const el = await mountDoubt(record({ reviewBand: undefined }));
    expect(el.querySelector('[data-role=doubt]')).toBeNull();
  });
});
