// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { CaptionRecord, CardView } from '../../app/card-view';
import { notAnImageMessage, undecodableFormatMessage } from '../../models/image-signature';
import { cleanup, collectEvents, mount, shadow, textOf } from '../shared/test-mount';
import type { CaptionCard } from './caption-card';
import './caption-card';

const CRASH = 'The caption worker crashed (forced crash); it has been restarted.';

function failedCard(fileName: string, error: string, extra: Partial<CaptionRecord> = {}, canRetry = true): CardView {
  const record: CaptionRecord = { id: 'rec-1', fileName, mimeType: 'image/jpeg', byteSize: 1234, status: 'failed', error, text: '', review: 'unreviewed', createdAt: 1, updatedAt: 1, ...extra };
  return { record, canRetry };
}

const mountCard = (card: CardView): Promise<CaptionCard> => mount('caption-card', { card });
const q = (el: CaptionCard, selector: string): HTMLElement | null => shadow(el).querySelector<HTMLElement>(selector);
const buttonLabels = (el: CaptionCard): string[] => [...shadow(el).querySelectorAll('button')].map((b) => textOf(b));

afterEach(() => cleanup());

describe('a failure that is permanent for the file', () => {
  it.each([
    ['an empty file (stored kind)', failedCard('empty.jpg', notAnImageMessage('empty.jpg', 0, 'image/jpeg'), { byteSize: 0, failure: 'empty-file' })],
    ['an SVG (old record, classified from its message)', failedCard('logo.svg', undecodableFormatMessage('logo.svg', 'svg')!, { mimeType: 'image/svg+xml' })],
    ['a 400-megapixel image', failedCard('huge.png', 'huge.png is 20000×20000 pixels (400 megapixels); Altscribe refuses images above 100 megapixels so the tab does not run out of memory. Scale it down and add it again.')],
  ])('offers Remove and no Retry: %s', async (_, card) => {
    const el = await mountCard(card);
    expect(buttonLabels(el)).toEqual(['Remove']);
    expect(q(el, 'button')?.getAttribute('aria-label')).toBe(`Remove ${card.record.fileName}`);
  });

  it('asks the app to delete the photo when Remove is pressed', async () => {
    const el = await mountCard(failedCard('logo.svg', undecodableFormatMessage('logo.svg', 'svg')!, { failure: 'unsupported-format' }));
    const events = collectEvents(el, 'card-action');
    q(el, 'button')!.click();
    expect(events.map((e) => e.detail)).toMatchObject([{ id: 'rec-1', action: 'delete' }]);
  });

  it('shows the first sentence apart from the export advice, the whole message still in [data-role=error]', async () => {
    const message = undecodableFormatMessage('IMG_1.heic', 'heic')!;
    const el = await mountCard(failedCard('IMG_1.heic', message, { failure: 'unsupported-format' }));
    expect(textOf(q(el, '[data-role=error]'))).toBe(message);
    expect(textOf(q(el, '[data-role=error] .headline'))).toBe('Your browser cannot decode HEIC/HEIF photos, so IMG_1.heic cannot be described.');
    expect(textOf(q(el, '[data-role=error] .advice'))).toMatch(/^Export it as JPEG or PNG/);
    expect(q(el, '[data-role=advice]')).toBeNull();
  });

  it('adds advice where the message has none', async () => {
    const message = notAnImageMessage('empty.jpg', 0, '');
    const el = await mountCard(failedCard('empty.jpg', message, { byteSize: 0 }));
    expect(textOf(q(el, '[data-role=error]'))).toBe(message);
    expect(textOf(q(el, '[data-role=advice]'))).toMatch(/^Remove it, then add the photo again/);
  });
});

describe('a failure that may pass on retry', () => {
  it('offers Retry and Delete when the original is in memory', async () => {
    const el = await mountCard(failedCard('beach.jpg', CRASH, { failure: 'worker-crashed' }));
    expect(buttonLabels(el)).toEqual(['Retry', 'Delete']);
  });

  it('classifies an old record from its message the same way', async () => {
    const el = await mountCard(failedCard('beach.jpg', CRASH));
    expect(buttonLabels(el)).toEqual(['Retry', 'Delete']);
    expect(textOf(q(el, '[data-role=status]'))).toBe(`Could not caption: ${CRASH}`);
  });

  it('offers no Retry once the original is gone, as before', async () => {
    const el = await mountCard(failedCard('beach.jpg', CRASH, { failure: 'worker-crashed' }, false));
    expect(buttonLabels(el)).toEqual(['Delete']);
  });

  it('keeps Retry for a cancelled caption', async () => {
    const el = await mountCard(failedCard('beach.jpg', 'Cancelled before the caption was finished.', { status: 'cancelled', failure: 'empty-file' }));
    expect(buttonLabels(el)).toEqual(['Retry', 'Delete']);
  });
});
