// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { CardView } from '../../app/card-view';
import type { CaptionRecord } from '../../app/card-view';
import { cleanup, collectEvents, mount, shadow, textOf } from '../shared/test-mount';
import type { CaptionCard } from './caption-card';
import './caption-card';
import { versionAuthor } from './earlier-versions';

function makeCard(record: Partial<CaptionRecord> = {}, view: Partial<Omit<CardView, 'record'>> = {}): CardView {
  return {
    record: { id: 'rec-1', fileName: 'beach.jpg', mimeType: 'image/jpeg', byteSize: 1, status: 'done', text: 'A dog on a beach.', review: 'unreviewed', createdAt: 1, updatedAt: 1, ...record },
    canRetry: true,
    ...view,
  };
}

const mountCard = (card: CardView): Promise<CaptionCard> => mount('caption-card', { card });
const q = (el: CaptionCard, selector: string) => shadow(el).querySelector<HTMLElement>(selector);
const actions = () => collectEvents(document.body, 'card-action');

afterEach(cleanup);

describe('caption-card Regenerate', () => {
  it('regenerates a model text at once, unconfirmed', async () => {
    const el = await mountCard(makeCard());
    const events = actions();
    q(el, '[data-role=regenerate]')!.click();
    await el.updateComplete;
    expect(q(el, '[data-role=replace-confirmation]')).toBeNull();
    expect(events.map((e) => [e.detail.action, e.detail.confirmed])).toEqual([['regenerate', false]]);
  });

  it('asks before replacing an edited text, with focus on the question, and Keep does nothing', async () => {
    const el = await mountCard(makeCard({ review: 'edited', text: 'My words.' }));
    const events = actions();
    q(el, '[data-role=regenerate]')!.click();
    await el.updateComplete;
    await el.updateComplete;
    const confirmation = q(el, '[data-role=replace-confirmation]');
    expect(textOf(confirmation?.querySelector('p'))).toBe('Replace your edited text? The current text is kept in the history.');
    expect(confirmation?.getAttribute('role')).toBe('group');
    expect(shadow(el).activeElement).toBe(q(el, '[data-role=replace]'));
    expect(events).toHaveLength(0);
    q(el, '[data-role=keep]')!.click();
    await el.updateComplete;
    expect(q(el, '[data-role=replace-confirmation]')).toBeNull();
    expect(events).toHaveLength(0);
  });

  it('sends a confirmed regenerate with the typed text after Replace', async () => {
    const el = await mountCard(makeCard({ review: 'unreviewed' }));
    const events = actions();
    const field = q(el, 'textarea') as HTMLTextAreaElement;
    field.value = 'Typed but not saved.';
    field.dispatchEvent(new Event('input'));
    q(el, '[data-role=regenerate]')!.click();
    await el.updateComplete;
    q(el, '[data-role=replace]')!.click();
    expect(events.map((e) => [e.detail.action, e.detail.confirmed, e.detail.text])).toEqual([['regenerate', true, 'Typed but not saved.']]);
  });

  it('explains that the photo is needed when the original is gone', async () => {
    const el = await mountCard(makeCard({}, { canRetry: false }));
    const events = actions();
    q(el, '[data-role=regenerate]')!.click();
    await el.updateComplete;
    expect(textOf(q(el, '[data-role=confirmation]'))).toBe('Add the photo again to regenerate.');
    expect(events).toHaveLength(0);
  });
});

describe('caption-card Earlier versions', () => {
  const history = [
    { text: 'First model text.', review: 'unreviewed' as const, modelId: 'altscribe/shapes-captioner', replacedAt: Date.UTC(2026, 0, 2) },
    { text: 'My own words.', review: 'edited' as const, modelId: 'altscribe/shapes-captioner', replacedAt: Date.UTC(2026, 0, 3) },
  ];

  it('is absent without history', async () => {
    const el = await mountCard(makeCard());
    expect(q(el, '[data-role=versions]')).toBeNull();
  });

  it('lists versions newest first with who wrote them, and Use this version names its entry', async () => {
    const el = await mountCard(makeCard({ history }));
    expect(textOf(q(el, '[data-role=versions] summary'))).toBe('Earlier versions (2)');
    const items = [...shadow(el).querySelectorAll<HTMLElement>('[data-role=version]')];
    expect(items.map((li) => textOf(li.querySelector('.version-text')))).toEqual(['My own words.', 'First model text.']);
    expect(textOf(items[0]?.querySelector('.version-meta'))).toMatch(/^By you · replaced /);
    expect(textOf(items[1]?.querySelector('.version-meta'))).toMatch(/^By altscribe\/shapes-captioner · replaced /);
    const use = items[1]!.querySelector('button')!;
    expect(textOf(shadow(el).getElementById(use.getAttribute('aria-describedby')!))).toBe('First model text.');
    const events = actions();
    use.click();
    expect(events.map((e) => [e.detail.action, e.detail.version])).toEqual([['use-version', 0]]);
  });

  it('names the author of approved and imported texts', () => {
    expect(versionAuthor({ text: 't', review: 'approved', modelId: 'm/x', replacedAt: 1 })).toBe('m/x, reviewed by you');
    expect(versionAuthor({ text: 't', review: 'imported', replacedAt: 1 })).toBe('imported');
  });
});
