// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaptionRecord } from '../../app/card-view';
import { cleanup, collectEvents, mount, textOf, update } from '../shared/test-mount';
import type { AltTextEditor } from './alt-text-editor';
import './alt-text-editor';

function makeRecord(overrides: Partial<CaptionRecord> = {}): CaptionRecord {
  return { id: 'rec-1', fileName: 'beach.jpg', mimeType: 'image/jpeg', byteSize: 1, status: 'done', text: 'A dog on a beach', review: 'unreviewed', createdAt: 1, updatedAt: 1, ...overrides };
}

/** The editor renders into its own light DOM, as it does inside a host's shadow root. */
const field = (el: AltTextEditor): HTMLTextAreaElement => el.querySelector('textarea')!;

function typeInto(el: AltTextEditor, value: string): void {
  field(el).value = value;
  field(el).dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

afterEach(() => {
  vi.useRealTimers();
  cleanup();
});

describe('alt-text-editor field', () => {
  it('is a textarea labelled "Alt-text" holding the record text, described by the host ids', async () => {
    const el = await mount('alt-text-editor', { record: makeRecord({ id: 'rec-5' }), describedBy: 'title-rec-5' });
    expect(field(el).id).toBe('alt-rec-5');
    expect(textOf(el.querySelector('label[for="alt-rec-5"]'))).toBe('Alt-text');
    expect(field(el).value).toBe('A dog on a beach');
    expect(field(el).getAttribute('aria-describedby')).toBe('title-rec-5');
    expect(el.shadowRoot).toBeNull();
  });

  it('marks a text that is not English with its lang and a badge naming the language in itself; English has neither', async () => {
    const el = await mount('alt-text-editor', { record: makeRecord({ text: 'Un cercle rouge.', language: 'fr' }), describedBy: 'title-rec-1' });
    expect(field(el).getAttribute('lang')).toBe('fr');
    const badge = el.querySelector('[data-role=language]');
    expect(textOf(badge)).toBe('Français');
    expect(badge?.getAttribute('lang')).toBe('fr');
    cleanup();
    const english = await mount('alt-text-editor', { record: makeRecord(), describedBy: 'title-rec-1' });
    expect(field(english).hasAttribute('lang')).toBe(false);
    expect(english.querySelector('[data-role=language]')).toBeNull();
  });

  it('adds the checks to the description when the text is flagged, with the intro for its review state', async () => {
    const el = await mount('alt-text-editor', { record: makeRecord({ flags: ['hedge'], review: 'edited' }), describedBy: 'title-rec-1' });
    expect(field(el).getAttribute('aria-describedby')).toBe('title-rec-1 checks-rec-1');
    expect(textOf(el.querySelector('#checks-rec-1'))).toBe('Checks on your text: Note: The model was unsure ("appears to be", "possibly"). Check the guess, then state it plainly.');
    expect(el.querySelector<HTMLElement>('[data-flag=hedge]')?.dataset['severity']).toBe('info');
  });

  it('shows the review label only when asked to', async () => {
    const el = await mount('alt-text-editor', { record: makeRecord() });
    expect(el.querySelector('[data-role=review]')).toBeNull();
    await update(el, { badge: true });
    expect(textOf(el.querySelector('[data-role=review]'))).toBe('AI-generated, not reviewed');
    await update(el, { record: makeRecord({ review: 'approved' }) });
    expect(el.querySelector('[data-role=review]')?.classList.contains('reviewed')).toBe(true);
  });

  it('focuses its field', async () => {
    const el = await mount('alt-text-editor', { record: makeRecord() });
    el.focus();
    expect(document.activeElement).toBe(field(el));
  });
});

describe('alt-text-editor saving', () => {
  it('sends edit-text, bubbling and composed, once typing pauses', async () => {
    vi.useFakeTimers();
    const el = await mount('alt-text-editor', { record: makeRecord({ id: 'rec-7' }) });
    const edits = collectEvents(document.body, 'edit-text');
    typeInto(el, 'A brown');
    vi.advanceTimersByTime(300);
    typeInto(el, 'A brown dog');
    vi.advanceTimersByTime(399);
    expect(edits).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(edits.map((e) => [e.detail, e.bubbles, e.composed])).toEqual([[{ id: 'rec-7', text: 'A brown dog' }, true, true]]);
  });

  it('sends at once on blur or flush, and never the same typing twice', async () => {
    vi.useFakeTimers();
    const el = await mount('alt-text-editor', { record: makeRecord() });
    const edits = collectEvents(document.body, 'edit-text');
    field(el).dispatchEvent(new Event('blur'));
    expect(edits).toHaveLength(0);
    typeInto(el, 'Typed');
    field(el).dispatchEvent(new Event('blur'));
    el.flush();
    vi.advanceTimersByTime(1000);
    expect(edits.map((e) => e.detail.text)).toEqual(['Typed']);
    typeInto(el, 'Typed more');
    el.flush();
    expect(edits.map((e) => e.detail.text)).toEqual(['Typed', 'Typed more']);
  });

  it('keeps the typing in the field until the saved text comes back, then follows the record', async () => {
    const el = await mount('alt-text-editor', { record: makeRecord({ text: 'A dog' }) });
    typeInto(el, 'A dog, typed');
    expect([el.edited, el.value]).toEqual([true, 'A dog, typed']);
    await update(el, { record: makeRecord({ text: 'A dog' }) });
    expect(field(el).value).toBe('A dog, typed');
    await update(el, { record: makeRecord({ text: 'A dog, typed', review: 'edited' }) });
    expect(el.edited).toBe(false);
    await update(el, { record: makeRecord({ text: 'Changed elsewhere', review: 'edited' }) });
    expect(field(el).value).toBe('Changed elsewhere');
  });

  it('forgets discarded typing without sending it', async () => {
    vi.useFakeTimers();
    const el = await mount('alt-text-editor', { record: makeRecord({ text: 'A dog' }) });
    const edits = collectEvents(document.body, 'edit-text');
    typeInto(el, 'Gone soon');
    el.discard();
    await el.updateComplete;
    vi.advanceTimersByTime(1000);
    expect(edits).toHaveLength(0);
    expect([el.edited, field(el).value]).toEqual([false, 'A dog']);
  });

  it('sends unsaved typing for the photo it belonged to when given another photo', async () => {
    const el = await mount('alt-text-editor', { record: makeRecord({ id: 'a', text: 'Text of a' }) });
    const edits = collectEvents(document.body, 'edit-text');
    typeInto(el, 'Typed for a');
    await update(el, { record: makeRecord({ id: 'b', text: 'Text of b' }) });
    expect(edits.map((e) => e.detail)).toEqual([{ id: 'a', text: 'Typed for a' }]);
    expect([el.edited, field(el).value, field(el).id]).toEqual([false, 'Text of b', 'alt-b']);
  });
});
