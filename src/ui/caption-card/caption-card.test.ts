// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CardView } from '../../app/card-view';
import { CardStreams } from '../../app/card-store';
import type { CaptionRecord } from '../../app/card-view';
import { cleanup, collectEvents, mount, shadow, textOf, update } from '../shared/test-mount';
import type { CaptionCard } from './caption-card';
import './caption-card';

function makeRecord(overrides: Partial<CaptionRecord> = {}): CaptionRecord {
  return {
    id: 'rec-1',
    fileName: 'beach.jpg',
    mimeType: 'image/jpeg',
    byteSize: 1234,
    status: 'done',
    text: 'A dog running on a sandy beach',
    review: 'unreviewed',
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}

function makeCard(record: Partial<CaptionRecord> = {}, view: Partial<Omit<CardView, 'record'>> = {}): CardView {
  return { record: makeRecord(record), canRetry: false, ...view };
}

const mountCard = (card: CardView): Promise<CaptionCard> => mount('caption-card', { card });
const updateCard = (el: CaptionCard, card: CardView): Promise<void> => update(el, { card });
const q = (el: CaptionCard, selector: string): HTMLElement | null => shadow(el).querySelector<HTMLElement>(selector);
const buttonLabels = (el: CaptionCard): string[] => [...shadow(el).querySelectorAll('button')].map((b) => textOf(b));
const button = (el: CaptionCard, label: string): HTMLButtonElement => {
  const found = [...shadow(el).querySelectorAll('button')].find((b) => textOf(b) === label);
  if (!found) throw new Error(`No button "${label}" in [${buttonLabels(el).join(', ')}]`);
  return found;
};
const textarea = (el: CaptionCard): HTMLTextAreaElement => q(el, 'textarea') as HTMLTextAreaElement;

function typeInto(el: CaptionCard, value: string): void {
  const field = textarea(el);
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  cleanup();
});

describe('caption-card status line', () => {
  it.each([
    ['queued', 'Waiting for the model…'],
    ['running', 'Describing…'],
    ['done', 'Done'],
    ['failed', 'Could not caption'],
    ['cancelled', 'Cancelled'],
  ] as const)('shows the %s status as "%s"', async (status, expected) => {
    const el = await mountCard(makeCard({ status, text: status === 'done' ? 'x' : '' }));
    expect(textOf(q(el, '[data-role=status]'))).toBe(expected);
    expect(q(el, '[data-role=error]')).toBeNull();
  });

  it('appends the error text when the record has one', async () => {
    const el = await mountCard(makeCard({ status: 'failed', text: '', error: 'The model failed on beach.jpg' }));
    expect(textOf(q(el, '[data-role=status]'))).toBe('Could not caption: The model failed on beach.jpg');
    expect(textOf(q(el, '[data-role=error]'))).toBe('The model failed on beach.jpg');
  });

  it('shows the file name as the heading', async () => {
    const el = await mountCard(makeCard({ fileName: 'holiday.png' }));
    expect(textOf(q(el, 'h3'))).toBe('holiday.png');
  });

  it('shows the photo\'s context under the name when it has one, and nothing when it has none', async () => {
    const el = await mountCard(makeCard({ context: 'Acadia National Park, 2019' }));
    expect(textOf(q(el, '[data-role=context]'))).toBe('Context: Acadia National Park, 2019');
    await updateCard(el, makeCard());
    expect(q(el, '[data-role=context]')).toBeNull();
  });

  it('shows the streamed text, word by word, only while running', async () => {
    const streams = new CardStreams();
    streams.append('rec-1', 'a red ');
    const el = await mount('caption-card', { card: makeCard({ status: 'running', text: '' }), streams });
    expect(textOf(q(el, '[data-role=streaming]'))).toBe('a red');
    streams.append('rec-1', 'circle ');
    await el.updateComplete;
    expect(textOf(q(el, '[data-role=streaming]'))).toBe('a red circle');

    await updateCard(el, makeCard({ status: 'queued', text: '' }));
    expect(q(el, '[data-role=streaming]')).toBeNull();

    await updateCard(el, makeCard({ status: 'done', text: 'a red circle' }));
    expect(q(el, '[data-role=streaming]')).toBeNull();
  });

  it('follows the stream of the card it shows, and lets go of it when removed', async () => {
    const streams = new CardStreams();
    const el = await mount('caption-card', { card: makeCard({ id: 'one', status: 'running', text: '' }), streams });
    await updateCard(el, makeCard({ id: 'two', status: 'running', text: '' }));
    streams.append('one', 'not this ');
    streams.append('two', 'this ');
    await el.updateComplete;
    expect(textOf(q(el, '[data-role=streaming]'))).toBe('this');
    el.remove();
    let heard = 0;
    streams.watch('two', () => heard++);
    streams.append('two', 'more ');
    expect(heard).toBe(1);
    expect(textOf(q(el, '[data-role=streaming]'))).toBe('this');
  });
});

describe('caption-card alt-text editor', () => {
  it('is absent while the caption is not written yet', async () => {
    const el = await mountCard(makeCard({ status: 'queued', text: '' }));
    expect(q(el, 'textarea')).toBeNull();
    expect(q(el, '[data-role=review]')).toBeNull();
  });

  it('appears when done, labelled "Alt-text" and holding the record text', async () => {
    const el = await mountCard(makeCard({ status: 'done', text: 'A dog on a beach' }));
    const field = textarea(el);
    expect(field).not.toBeNull();
    expect(field.value).toBe('A dog on a beach');
    expect(field.id).not.toBe('');
    const label = shadow(el).querySelector(`label[for="${field.id}"]`);
    expect(textOf(label)).toBe('Alt-text');
  });

  it('follows new record text from the app', async () => {
    const el = await mountCard(makeCard({ text: 'first' }));
    await updateCard(el, makeCard({ text: 'second' }));
    expect(textarea(el).value).toBe('second');
  });

  it('labels unreviewed text "AI-generated, not reviewed"', async () => {
    const el = await mountCard(makeCard({ review: 'unreviewed' }));
    expect(textOf(q(el, '[data-role=review]'))).toBe('AI-generated, not reviewed');
  });

  it.each([
    ['edited', 'Edited by you'],
    ['approved', 'Reviewed'],
  ] as const)('replaces the AI label when the review is %s', async (review, expected) => {
    const el = await mountCard(makeCard({ review }));
    const badges = shadow(el).querySelectorAll('[data-role=review]');
    expect(badges).toHaveLength(1);
    expect(textOf(badges[0])).toBe(expected);
    expect(textOf(shadow(el).querySelector('article'))).not.toContain('AI-generated');
  });
});

describe('caption-card buttons', () => {
  it('offers Copy, Mark as reviewed, Regenerate and Delete for unreviewed finished text', async () => {
    const el = await mountCard(makeCard({ status: 'done', review: 'unreviewed' }, { canRetry: true }));
    expect(buttonLabels(el)).toEqual(['Copy', 'Mark as reviewed', 'Regenerate', 'Delete']);
  });

  it('drops Mark as reviewed once the text is approved', async () => {
    const el = await mountCard(makeCard({ status: 'done', review: 'approved' }));
    expect(buttonLabels(el)).toEqual(['Copy', 'Regenerate', 'Delete']);
  });

  it.each(['queued', 'running'] as const)('offers Cancel (and no Copy or Retry) while %s', async (status) => {
    const el = await mountCard(makeCard({ status, text: '' }, { canRetry: true }));
    expect(buttonLabels(el)).toEqual(['Cancel', 'Delete']);
  });

  it.each(['failed', 'cancelled'] as const)('offers Retry when %s and the original is still in memory', async (status) => {
    const el = await mountCard(makeCard({ status, text: '' }, { canRetry: true }));
    expect(buttonLabels(el)).toEqual(['Retry', 'Delete']);
  });

  it.each(['failed', 'cancelled'] as const)('offers no Retry when %s but the original is gone', async (status) => {
    const el = await mountCard(makeCard({ status, text: '' }, { canRetry: false }));
    expect(buttonLabels(el)).toEqual(['Delete']);
  });

  it('offers the partial text of a cancelled caption for copying', async () => {
    const el = await mountCard(makeCard({ status: 'cancelled', text: 'a red' }, { canRetry: true }));
    expect(buttonLabels(el)).toEqual(['Copy', 'Mark as reviewed', 'Retry', 'Delete']);
  });

  it('names the photo in the Delete button', async () => {
    const el = await mountCard(makeCard({ fileName: 'cat.webp', status: 'queued', text: '' }));
    expect(button(el, 'Delete').getAttribute('aria-label')).toBe('Delete cat.webp');
  });

  it.each([
    ['Copy', 'copy', { status: 'done' }],
    ['Mark as reviewed', 'approve', { status: 'done' }],
    ['Delete', 'delete', { status: 'done' }],
    ['Cancel', 'cancel', { status: 'running', text: '' }],
    ['Retry', 'retry', { status: 'failed', text: '' }],
  ] as const)('%s dispatches a bubbling, composed card-action "%s"', async (label, action, record) => {
    const el = await mountCard(makeCard({ id: 'rec-42', ...record }, { canRetry: true }));
    const events = collectEvents(document.body, 'card-action');
    button(el, label).click();
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event?.bubbles).toBe(true);
    expect(event?.composed).toBe(true);
    expect(event?.detail).toEqual({ id: 'rec-42', action, text: record.status === 'done' ? 'A dog running on a sandy beach' : '' });
  });
});

describe('caption-card editing', () => {
  it('saves typed text after the debounce, not on every key', async () => {
    vi.useFakeTimers();
    const el = await mountCard(makeCard({ id: 'rec-7', text: 'A dog' }));
    const edits = collectEvents(document.body, 'edit-text');

    typeInto(el, 'A brown');
    vi.advanceTimersByTime(300);
    typeInto(el, 'A brown dog');
    vi.advanceTimersByTime(399);
    expect(edits).toHaveLength(0);

    vi.advanceTimersByTime(1);
    expect(edits).toHaveLength(1);
    expect(edits[0]?.detail).toEqual({ id: 'rec-7', text: 'A brown dog' });
    expect(edits[0]?.bubbles).toBe(true);
    expect(edits[0]?.composed).toBe(true);
  });

  it('saves at once on blur, and the pending debounce does not save again', async () => {
    vi.useFakeTimers();
    const el = await mountCard(makeCard({ id: 'rec-7', text: 'A dog' }));
    const edits = collectEvents(document.body, 'edit-text');

    typeInto(el, 'A black dog');
    textarea(el).dispatchEvent(new Event('blur'));
    expect(edits.map((e) => e.detail)).toEqual([{ id: 'rec-7', text: 'A black dog' }]);

    vi.advanceTimersByTime(1000);
    expect(edits).toHaveLength(1);
  });

  it('does not save on blur when nothing was typed', async () => {
    const el = await mountCard(makeCard({ text: 'A dog' }));
    const edits = collectEvents(document.body, 'edit-text');
    textarea(el).dispatchEvent(new Event('blur'));
    expect(edits).toHaveLength(0);
  });

  it('copies what was typed, saving it first', async () => {
    vi.useFakeTimers();
    const el = await mountCard(makeCard({ id: 'rec-7', text: 'A dog' }));
    const order: string[] = [];
    const actions = collectEvents(document.body, 'card-action');
    document.body.addEventListener('edit-text', () => order.push('edit-text'));
    document.body.addEventListener('card-action', () => order.push('card-action'));

    typeInto(el, 'A sleepy dog');
    button(el, 'Copy').click();
    expect(order).toEqual(['edit-text', 'card-action']);
    expect(actions[0]?.detail.text).toBe('A sleepy dog');
  });

  it('keeps the typed text in the field while the save is in flight', async () => {
    const el = await mountCard(makeCard({ text: 'A dog' }));
    typeInto(el, 'A dog, typed');
    // An unrelated re-render (e.g. streaming elsewhere) still carries the old record text.
    await updateCard(el, makeCard({ text: 'A dog' }));
    expect(textarea(el).value).toBe('A dog, typed');
    // Once the saved text comes back, the record is the source of truth again.
    await updateCard(el, makeCard({ text: 'A dog, typed', review: 'edited' }));
    await el.updateComplete;
    await updateCard(el, makeCard({ text: 'Changed elsewhere', review: 'edited' }));
    expect(textarea(el).value).toBe('Changed elsewhere');
  });
});

describe('caption-card confirmation', () => {
  it('shows a confirmation in its status region and clears it after 4 s', async () => {
    vi.useFakeTimers();
    const el = await mountCard(makeCard());
    const region = q(el, '[data-role=confirmation]');
    expect(region?.getAttribute('role')).toBe('status');
    expect(textOf(region)).toBe('');

    el.confirm('Copied to clipboard');
    await el.updateComplete;
    expect(textOf(q(el, '[data-role=confirmation]'))).toBe('Copied to clipboard');

    vi.advanceTimersByTime(3999);
    await el.updateComplete;
    expect(textOf(q(el, '[data-role=confirmation]'))).toBe('Copied to clipboard');

    vi.advanceTimersByTime(1);
    await el.updateComplete;
    expect(textOf(q(el, '[data-role=confirmation]'))).toBe('');
  });

  it('does not let an earlier timer clear a newer message early', async () => {
    vi.useFakeTimers();
    const el = await mountCard(makeCard());
    el.confirm('Copied to clipboard');
    vi.advanceTimersByTime(3000);
    el.confirm('Copy failed: select the text and press Ctrl+C');
    vi.advanceTimersByTime(1000);
    await el.updateComplete;
    expect(textOf(q(el, '[data-role=confirmation]'))).toBe('Copy failed: select the text and press Ctrl+C');
    vi.advanceTimersByTime(3000);
    await el.updateComplete;
    expect(textOf(q(el, '[data-role=confirmation]'))).toBe('');
  });
});

describe('caption-card runtime line', () => {
  it('shows the displayed dimensions, backend, dtype and duration once captioned', async () => {
    const el = await mountCard(makeCard({ width: 640, height: 480, device: 'wasm', dtype: 'q8', durationMs: 1234 }));
    expect(textOf(q(el, '[data-role=dimensions]'))).toBe('640×480 px');
    expect(textOf(q(el, '[data-role=runtime]'))).toBe('WASM · q8 · 1.2 s');
  });

  it('leaves out the duration when unknown', async () => {
    const el = await mountCard(makeCard({ width: 8, height: 8, device: 'webgpu', dtype: 'fp16' }));
    expect(textOf(q(el, '[data-role=runtime]'))).toBe('WEBGPU · fp16');
  });

  it('is absent before a model has run', async () => {
    const el = await mountCard(makeCard({ status: 'queued', text: '' }));
    expect(q(el, '[data-role=runtime]')).toBeNull();
    expect(q(el, '[data-role=dimensions]')).toBeNull();
  });
});

describe('caption-card thumbnail', () => {
  it('shows the original, as a decorative image, when there is no stored thumbnail, and revokes its URL when removed', async () => {
    const create = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:original-1');
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const original = new File(['jpeg'], 'a.jpg', { type: 'image/jpeg' });
    const el = await mountCard(makeCard({}, { original }));
    const img = q(el, 'img') as HTMLImageElement;
    expect(create).toHaveBeenCalledWith(original);
    expect(img.getAttribute('src')).toBe('blob:original-1');
    expect(img.getAttribute('alt')).toBe('');
    el.remove();
    expect(revoke).toHaveBeenCalledWith('blob:original-1');
  });

  it('prefers the stored thumbnail over the original', async () => {
    const create = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:thumb-1');
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const thumbnail = new Blob(['jpeg'], { type: 'image/jpeg' });
    const el = await mountCard(makeCard({ thumbnail }, { original: new File(['big'], 'a.jpg', { type: 'image/jpeg' }) }));
    const img = q(el, 'img') as HTMLImageElement;
    expect(create).toHaveBeenCalledWith(thumbnail);
    expect(img.getAttribute('src')).toBe('blob:thumb-1');
    expect(img.getAttribute('alt')).toBe('');

    el.remove();
    expect(revoke).toHaveBeenCalledWith('blob:thumb-1');
  });

  it('does not show the original of a photo that failed or was skipped', async () => {
    const create = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:original-1');
    const original = new File(['not really a png'], 'huge.png', { type: 'image/png' });
    for (const status of ['failed', 'skipped'] as const) {
      const el = await mountCard(makeCard({ status, error: 'too large' }, { original }));
      expect(q(el, 'img')).toBeNull();
      el.remove();
    }
    expect(create).not.toHaveBeenCalled();
  });

  it('shows a hidden placeholder when there is no image at all', async () => {
    const el = await mountCard(makeCard());
    expect(q(el, 'img')).toBeNull();
    expect(q(el, '.placeholder')?.getAttribute('aria-hidden')).toBe('true');
  });
});

describe('caption-card flags', () => {
  const flagItems = (el: CaptionCard) => [...shadow(el).querySelectorAll<HTMLElement>('[data-role=flags] [data-flag]')];

  it('lists each flag with its message and its severity in words, in the given order', async () => {
    const el = await mountCard(makeCard({ text: 'Possibly a vase and a vase.', flags: ['repetition', 'hedge'] }));
    expect(flagItems(el).map((li) => li.dataset['flag'])).toEqual(['repetition', 'hedge']);
    expect(flagItems(el).map((li) => textOf(li))).toEqual([
      'Warning: The model repeated itself, so the text may be wrong. Check it against the photo.',
      'Note: The model was unsure ("appears to be", "possibly"). Check the guess, then state it plainly.',
    ]);
    expect(shadow(el).querySelector('[data-role=flags]')?.tagName).toBe('UL');
    expect(textOf(q(el, '[data-role=flags-intro]'))).toBe('Check before using:');
  });

  it('describes the alt-text field with the flags, as well as the photo name', async () => {
    const el = await mountCard(makeCard({ id: 'rec-9', flags: ['too-short'] }));
    const ids = (textarea(el).getAttribute('aria-describedby') ?? '').split(' ');
    expect(ids).toEqual(['title-rec-9', 'checks-rec-9']);
    const described = ids.map((id) => textOf(shadow(el).getElementById(id))).join(' ');
    expect(described).toBe('beach.jpg Check before using: Warning: Very short: it may not say enough about what the photo shows.');
  });

  it('shows no flag list, and describes the field by its photo only, when nothing was flagged', async () => {
    for (const flags of [undefined, []]) {
      const el = await mountCard(makeCard({ id: 'rec-9', flags }));
      expect(q(el, '[data-role=flags]')).toBeNull();
      expect(q(el, '[data-role=checks]')).toBeNull();
      expect(textarea(el).getAttribute('aria-describedby')).toBe('title-rec-9');
      el.remove();
    }
  });

  it('keeps the flags after approval but says they were reviewed', async () => {
    const el = await mountCard(makeCard({ flags: ['hedge'], review: 'approved' }));
    expect(flagItems(el).map((li) => li.dataset['flag'])).toEqual(['hedge']);
    expect(textOf(q(el, '[data-role=flags-intro]'))).toBe('Reviewed by you, with these notes:');
    await updateCard(el, makeCard({ flags: ['hedge'], review: 'edited' }));
    expect(textOf(q(el, '[data-role=flags-intro]'))).toBe('Checks on your text:');
  });

  it('follows new flags from the app after an edit', async () => {
    const el = await mountCard(makeCard({ flags: ['repetition'] }));
    await updateCard(el, makeCard({ text: 'IMG_2041.JPG', review: 'edited', flags: ['looks-like-filename', 'too-short'] }));
    expect(flagItems(el).map((li) => li.dataset['flag'])).toEqual(['looks-like-filename', 'too-short']);
  });
});

describe('caption-card regeneration', () => {
  it('says when the text came from the one retry, and describes the field with it', async () => {
    const el = await mountCard(makeCard({ id: 'rec-3', regenerated: true, flags: [] }));
    expect(textOf(q(el, '[data-role=regenerated]'))).toBe('Regenerated once to remove repetition.');
    expect(q(el, '[data-role=flags]')).toBeNull();
    expect(textarea(el).getAttribute('aria-describedby')).toBe('title-rec-3 checks-rec-3');
  });

  it('says nothing about regeneration otherwise', async () => {
    const el = await mountCard(makeCard({ flags: ['repetition'] }));
    expect(q(el, '[data-role=regenerated]')).toBeNull();
  });

  it('tells the person while the model describes the photo again', async () => {
    const el = await mountCard(makeCard({ status: 'running', text: '' }, { regenerating: true }));
    expect(textOf(q(el, '[data-role=status]'))).toBe('Describing again: the first text repeated itself…');
    await updateCard(el, makeCard({ status: 'done', text: 'Two lamps.' }, { regenerating: false }));
    expect(textOf(q(el, '[data-role=status]'))).toBe('Done');
  });
});
