// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyFormat } from '../../export/copy-format';
import { cleanup, shadow, textOf } from '../shared/test-mount';
import { focused, listSource, makeCard, mount, open, press, q, settle } from './review-mode.fixtures';
import { nextToReview, reviewKeyAction } from './review-keys';

afterEach(cleanup);

describe('review-mode', () => {
  it('offers nothing while there are no photos', async () => {
    const { el } = await mount([]);
    expect(q(el, '[data-role=open-review]')).toBeNull();
  });

  it('opens a labelled modal dialog on the first photo not reviewed, with focus inside and the keys shown', async () => {
    const { el } = await mount([makeCard('a', { review: 'approved' }), makeCard('b', { relativePath: 'trip/b.png', flags: ['hedge'] }), makeCard('c')]);
    await open(el);
    const dialog = q(el, 'dialog') as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    expect(textOf(shadow(el).getElementById(dialog.getAttribute('aria-labelledby')!))).toBe('Review one by one');
    expect(focused(el)).toBe(dialog);
    expect(textOf(q(el, '[data-role=position]'))).toBe('2 of 3');
    expect(textOf(q(el, '[data-role=file]'))).toBe('trip/b.png');
    expect(textOf(q(el, '[data-role=review-state]'))).toBe('Done · AI-generated, not reviewed');
    expect(q(el, '[data-flag=hedge]')).not.toBeNull();
    const field = q(el, 'textarea') as HTMLTextAreaElement;
    expect(textOf(shadow(el).querySelector(`label[for=${field.id}]`))).toBe('Alt-text');
    expect(field.value).toBe('Text of b.');
    expect(textOf(q(el, '[data-role=key-legend]'))).toContain('A Approve');
    expect(textOf(q(el, '[data-role=review-status]'))).toBe('2 of 3: b.png');
    for (const role of ['approve', 'edit', 'regenerate', 'skip', 'previous', 'next', 'close']) expect(q(el, `button[data-role=${role}]`), role).not.toBeNull();
  });

  it('shows the text with the same checks as the card, describing the field with the photo name and the checks', async () => {
    const { el } = await mount([makeCard('a', { flags: ['hedge'], review: 'edited', regenerated: true })]);
    await open(el);
    const field = q(el, 'textarea') as HTMLTextAreaElement;
    expect(field.getAttribute('aria-describedby')).toBe('review-file checks-a');
    expect(textOf(q(el, '#checks-a'))).toBe('Regenerated once to remove repetition. Checks on your text: Note: The model was unsure ("appears to be", "possibly"). Check the guess, then state it plainly.');
    expect(shadow(el).querySelectorAll('[data-role=review]')).toHaveLength(1);
  });

  it('moves with J, K and the arrows, announcing the position, and stops at the ends', async () => {
    const { el } = await mount([makeCard('a'), makeCard('b'), makeCard('c')]);
    await open(el);
    await press(el, 'j');
    expect(textOf(q(el, '[data-role=position]'))).toBe('2 of 3');
    expect(textOf(q(el, '[data-role=review-status]'))).toBe('2 of 3: b.png');
    await press(el, 'ArrowRight');
    expect(textOf(q(el, '[data-role=position]'))).toBe('3 of 3');
    await press(el, 'J');
    expect(textOf(q(el, '[data-role=review-status]'))).toBe('This is the last photo.');
    await press(el, 'ArrowLeft');
    await press(el, 'k');
    expect(textOf(q(el, '[data-role=position]'))).toBe('1 of 3');
    await press(el, 'k');
    expect(textOf(q(el, '[data-role=review-status]'))).toBe('This is the first photo.');
  });

  it('copies with C or the Copy button in the chosen format, typing included, and says how', async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue({ writeText } as unknown as Clipboard);
    const { el } = await mount([makeCard('a', { fileName: 'a b.png' })]);
    await open(el);
    try {
      const field = q(el, 'textarea') as HTMLTextAreaElement;
      field.value = 'A [red] box';
      field.dispatchEvent(new Event('input'));
      const menu = q(el, 'select[data-role=copy-format]') as HTMLSelectElement;
      expect(menu.getAttribute('aria-label')).toBe('Copy as');
      menu.value = 'markdown';
      menu.dispatchEvent(new Event('change'));
      // Letters on the menu choose an option; they are not the review's keys.
      menu.focus();
      await press(el, 'c');
      expect(writeText).not.toHaveBeenCalled();
      (q(el, 'dialog') as HTMLDialogElement).focus();
      await press(el, 'c');
      expect(writeText).toHaveBeenCalledWith('![A \\[red\\] box](a%20b.png)');
      expect(textOf(q(el, '[data-role=review-status]'))).toBe('Copied as Markdown');
      expect(q(el, 'button[data-role=copy]')!.getAttribute('aria-keyshortcuts')).toBe('C');
    } finally {
      await copyFormat.choose('text');
      vi.restoreAllMocks();
    }
  });

  it('approves with A and goes on to the next photo', async () => {
    const { el, verbs } = await mount([makeCard('a'), makeCard('b')]);
    await open(el);
    await press(el, 'a');
    expect(verbs.calls).toEqual([['approve', 'a']]);
    expect(textOf(q(el, '[data-role=position]'))).toBe('2 of 2');
    expect(textOf(q(el, '[data-role=review-status]'))).toBe('Approved a.png. 2 of 2: b.png');
  });

  it('goes on to the right photo when approving removes the photo from a filtered list', async () => {
    const { el, verbs } = await mount([makeCard('a'), makeCard('b'), makeCard('c')]);
    verbs.approve = async (id: string) => {
      verbs.calls.push(['approve', id]);
      verbs.cards = verbs.cards.filter((c) => c.record.id !== id);
      el.source = listSource(verbs.cards);
      await el.updateComplete;
    };
    await open(el);
    await press(el, 'a');
    expect(verbs.calls).toEqual([['approve', 'a']]);
    expect(textOf(q(el, '[data-role=file]'))).toBe('b.png');
    expect(textOf(q(el, '[data-role=position]'))).toBe('1 of 2');
  });

  it('ignores keys while typing in the text, and with Ctrl or Alt', async () => {
    const { el, verbs } = await mount([makeCard('a'), makeCard('b')]);
    await open(el);
    await press(el, 'a', { ctrlKey: true });
    expect(verbs.calls).toEqual([]);
    await press(el, 'e');
    const field = q(el, 'textarea') as HTMLTextAreaElement;
    expect(focused(el)).toBe(field);
    const typed = await press(el, 'j');
    expect(typed.defaultPrevented).toBe(false);
    await press(el, 'a');
    expect(textOf(q(el, '[data-role=position]'))).toBe('1 of 2');
    expect(verbs.calls).toEqual([]);
  });

  it('edits with E: Escape saves and returns to the mode; a second Escape closes and returns focus to the button', async () => {
    const { el, verbs } = await mount([makeCard('a')]);
    await open(el);
    await press(el, 'e');
    const field = q(el, 'textarea') as HTMLTextAreaElement;
    field.value = 'A better text.';
    field.dispatchEvent(new Event('input'));
    const escape = await press(el, 'Escape');
    expect(escape.defaultPrevented).toBe(true);
    expect(verbs.calls).toEqual([['editText', 'a', 'A better text.']]);
    expect((q(el, 'dialog') as HTMLDialogElement).open).toBe(true);
    expect(focused(el)).toBe(q(el, 'dialog'));
    await press(el, 'Escape');
    expect((q(el, 'dialog') as HTMLDialogElement).open).toBe(false);
    expect(focused(el)).toBe(q(el, '[data-role=open-review]'));
  });

  it('regenerates a model text with R at once', async () => {
    const { el, verbs } = await mount([makeCard('a')]);
    await open(el);
    await press(el, 'r');
    expect(verbs.calls).toEqual([['regenerate', 'a', { confirmed: false }]]);
    expect(textOf(q(el, '[data-role=review-status]'))).toBe('Describing a.png again…');
  });

  it('asks before replacing an edited text; Escape keeps it, Replace confirms', async () => {
    const { el, verbs } = await mount([makeCard('a', { review: 'edited', text: 'Mine.' })]);
    await open(el);
    await press(el, 'r');
    expect(verbs.calls).toEqual([]);
    expect(textOf(q(el, '[data-role=replace-confirmation] p'))).toBe('Replace your edited text? The current text is kept in the history.');
    expect(focused(el)).toBe(q(el, '[data-role=replace]'));
    await press(el, 'Escape');
    expect(q(el, '[data-role=replace-confirmation]')).toBeNull();
    expect((q(el, 'dialog') as HTMLDialogElement).open).toBe(true);
    await press(el, 'r');
    q(el, '[data-role=replace]')!.click();
    await settle(el);
    expect(verbs.calls).toEqual([['regenerate', 'a', { confirmed: true }]]);
    expect(focused(el)).toBe(q(el, 'dialog'));
  });

  it('explains that the photo is needed to regenerate when the original is gone', async () => {
    const { el, verbs } = await mount([makeCard('a', {}, { canRetry: false })]);
    await open(el);
    await press(el, 'r');
    expect(verbs.calls).toEqual([]);
    expect(textOf(q(el, '[data-role=review-status]'))).toBe('Add the photo again to regenerate.');
  });

  it('announces the new text when a regenerate finishes', async () => {
    const { el, verbs } = await mount([makeCard('a')]);
    await open(el);
    await press(el, 'r');
    verbs.cards = [makeCard('a', { status: 'done', text: 'A new text.' })];
    el.source = listSource(verbs.cards);
    await settle(el);
    expect(textOf(q(el, '[data-role=review-status]'))).toBe('New alt-text for a.png: A new text.');
  });

  it('skips with S to the next photo not reviewed, saving what was typed first', async () => {
    const { el, verbs } = await mount([makeCard('a'), makeCard('b', { review: 'approved' }), makeCard('c')]);
    await open(el);
    const field = q(el, 'textarea') as HTMLTextAreaElement;
    field.value = 'Typed.';
    field.dispatchEvent(new Event('input'));
    (q(el, 'dialog') as HTMLDialogElement).focus();
    await press(el, 's');
    expect(verbs.calls).toEqual([['editText', 'a', 'Typed.']]);
    expect(textOf(q(el, '[data-role=position]'))).toBe('3 of 3');
  });

  it('maps keys and finds the next photo to review', () => {
    expect(['a', 'E', 'r', 's', 'J', 'ArrowRight', 'k', 'ArrowLeft', 'x', 'Enter'].map(reviewKeyAction)).toEqual(['approve', 'edit', 'regenerate', 'skip', 'next', 'next', 'previous', 'previous', undefined, undefined]);
    const cards = [makeCard('a'), makeCard('b', { review: 'edited' }), makeCard('c')];
    expect(nextToReview(cards, 0)).toBe(2);
    expect(nextToReview(cards, 2)).toBe(3);
  });
});
