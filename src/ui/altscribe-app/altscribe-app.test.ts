// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyFormat } from '../../export/copy-format';
import { called, untilMutation } from '../../test-support/wait';
import type { CaptionCard } from '../caption-card/caption-card';
import type { DropZone } from '../drop-zone/drop-zone';
import type { LiveAnnouncer } from '../live-announcer/live-announcer';
import type { ModelPanel } from '../model-panel/model-panel';
import type { AltscribeApp } from './altscribe-app';
import { makeCard, mount, openSettings, root, text } from './app-fakes';

const captionCards = (app: AltscribeApp): CaptionCard[] => [...root(app).querySelectorAll('caption-card')];
const dropZone = (app: AltscribeApp): DropZone => root(app).querySelector('drop-zone') as DropZone;
const modelPanel = (app: AltscribeApp): ModelPanel => root(app).querySelector('model-panel') as ModelPanel;
const announcer = (app: AltscribeApp): LiveAnnouncer => root(app).querySelector('live-announcer') as LiveAnnouncer;
const spoken = (app: AltscribeApp): string[] => [...(root(announcer(app)).querySelector('[data-role=announcer]')?.querySelectorAll('p') ?? [])].map((p) => text(p));
const photo = (name: string) => new File([new Uint8Array([0xff, 0xd8, 0xff])], name, { type: 'image/jpeg' });

function cardButton(card: CaptionCard, label: string): HTMLButtonElement {
  const found = [...root(card).querySelectorAll('button')].find((b) => text(b) === label);
  if (!found) throw new Error(`No button "${label}"`);
  return found;
}

function stubClipboard(writeText: (text: string) => Promise<void>) {
  const spy = vi.fn(writeText);
  vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue({ writeText: spy } as unknown as Clipboard);
  return spy;
}

/** A drag event as a browser sends it for files; happy-dom's DataTransfer.types lacks "Files". */
function fileDragEvent(type: 'dragover' | 'drop', files: File[]): Event {
  const event = new Event(type, { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'dataTransfer', { value: { types: ['Files'], files, dropEffect: 'none' } });
  return event;
}

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
  location.hash = '';
});

describe('altscribe-app list', () => {
  it('shows the empty state when there are no photos', async () => {
    const { app } = await mount();
    expect(text(root(app).querySelector('.empty'))).toBe('No photos yet. Added photos and their alt-text are kept in this browser until you delete them.');
    expect(text(root(app).querySelector('#results-heading'))).toBe('Photos (0)');
    expect(captionCards(app)).toHaveLength(0);
  });

  it('renders one caption-card per card, in order', async () => {
    const cards = [makeCard('a'), makeCard('b'), makeCard('c')];
    const { app } = await mount(cards);
    expect(root(app).querySelector('.empty')).toBeNull();
    expect(text(root(app).querySelector('#results-heading'))).toBe('Photos (3)');
    expect(captionCards(app).map((c) => c.card)).toEqual(cards);
    expect(root(app).querySelectorAll('ol > li > caption-card')).toHaveLength(3);
  });

  it('re-renders when a card is added or changes in the store, and when the controller reports a change', async () => {
    const { app, controller } = await mount();
    controller.store.add([makeCard('a')]);
    await app.updateComplete;
    expect(captionCards(app)).toHaveLength(1);
    expect(text(root(app).querySelector('#results-heading'))).toBe('Photos (1)');

    const next = makeCard('a', { status: 'failed', text: '', error: 'Boom' });
    controller.store.replace(next);
    await app.updateComplete;
    await root(app).querySelector('card-list')?.updateComplete;
    expect(captionCards(app)[0]?.card).toBe(next);
    controller.model = { ...controller.model, phase: 'failed', error: 'No network' };
    controller.dispatchEvent(new Event('change'));
    await app.updateComplete;
    expect(modelPanel(app).model).toBe(controller.model);
  });

  it('shrinks the drop zone to one line once photos exist, and back when the list empties', async () => {
    const { app, controller } = await mount();
    expect(dropZone(app).compact).toBe(false);
    controller.store.add([makeCard('a')]);
    await app.updateComplete;
    expect(dropZone(app).hasAttribute('compact')).toBe(true);
    controller.store.remove('a');
    await app.updateComplete;
    expect(dropZone(app).compact).toBe(false);
  });

  it('stops listening to the controller and the window once removed', async () => {
    const { app, controller } = await mount();
    app.remove();
    controller.store.add([makeCard('a')]);
    await app.updateComplete;
    expect(captionCards(app)).toHaveLength(0);

    const transfer = new DataTransfer();
    transfer.items.add(photo('late.jpg'));
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, cancelable: true }));
    expect(controller.addFiles).not.toHaveBeenCalled();
  });
});

describe('altscribe-app announcements', () => {
  it("puts announce events into the page's one polite live region", async () => {
    const { app, controller } = await mount();
    expect(spoken(app)).toEqual([]);
    controller.dispatchEvent(new CustomEvent('announce', { detail: 'Alt-text ready for a.jpg: a red circle' }));
    await untilMutation(root(announcer(app)), () => spoken(app).length === 1);
    expect(spoken(app)).toEqual(['Alt-text ready for a.jpg: a red circle']);
  });

  it('queues a second message after the first instead of replacing it, repeats included', async () => {
    const { app, controller } = await mount();
    controller.dispatchEvent(new CustomEvent('announce', { detail: 'Model ready on WASM (q8).' }));
    controller.dispatchEvent(new CustomEvent('announce', { detail: 'Model ready on WASM (q8).' }));
    await untilMutation(root(announcer(app)), () => spoken(app).length === 2);
    expect(spoken(app)).toEqual(['Model ready on WASM (q8).', 'Model ready on WASM (q8).']);
  });
});

describe('altscribe-app adding photos', () => {
  it('passes files selected in the drop zone to controller.addFiles', async () => {
    const { app, controller } = await mount();
    const files = [photo('a.jpg'), photo('b.jpg')];
    dropZone(app).deliver(files, 'drop');
    expect(controller.addFiles).toHaveBeenCalledTimes(1);
    expect(controller.addFiles).toHaveBeenCalledWith(files);
  });

  it('adds files pasted anywhere on the page', async () => {
    const { controller } = await mount();
    const file = photo('pasted.jpg');
    const transfer = new DataTransfer();
    transfer.items.add(file);
    const event = new ClipboardEvent('paste', { clipboardData: transfer, cancelable: true });
    window.dispatchEvent(event);
    expect(controller.addFiles).toHaveBeenCalledWith([file]);
    expect(event.defaultPrevented).toBe(true);
  });

  it('leaves plain-text pastes alone', async () => {
    const { controller } = await mount();
    const transfer = new DataTransfer();
    transfer.setData('text/plain', 'hello');
    const event = new ClipboardEvent('paste', { clipboardData: transfer, cancelable: true });
    window.dispatchEvent(event);
    expect(controller.addFiles).not.toHaveBeenCalled();
    expect(event.defaultPrevented).toBe(false);
  });

  it('highlights the drop zone while files are dragged and adds dropped files', async () => {
    const { app, controller } = await mount();
    const over = fileDragEvent('dragover', []);
    window.dispatchEvent(over);
    expect(over.defaultPrevented).toBe(true);
    await dropZone(app).updateComplete;
    expect(dropZone(app).hasAttribute('active')).toBe(true);

    const file = photo('dropped.jpg');
    const drop = fileDragEvent('drop', [file]);
    window.dispatchEvent(drop);
    expect(drop.defaultPrevented).toBe(true);
    expect(controller.addFiles).toHaveBeenCalledWith([file]);
    await dropZone(app).updateComplete;
    expect(dropZone(app).hasAttribute('active')).toBe(false);
  });

  it('stops highlighting when the drag leaves the window', async () => {
    const { app } = await mount();
    window.dispatchEvent(fileDragEvent('dragover', []));
    await dropZone(app).updateComplete;
    // happy-dom's DragEvent is a plain Event without relatedTarget; MouseEvent carries it.
    // Moving between elements of the page is not leaving it.
    window.dispatchEvent(new MouseEvent('dragleave', { relatedTarget: document.body }));
    await dropZone(app).updateComplete;
    expect(dropZone(app).active).toBe(true);

    window.dispatchEvent(new MouseEvent('dragleave', { relatedTarget: null }));
    await dropZone(app).updateComplete;
    expect(dropZone(app).active).toBe(false);
  });
});

describe('altscribe-app card actions', () => {
  it('passes settings changes from the model panel to the controller', async () => {
    const { app, controller } = await mount();
    const select = root(await openSettings(app)).querySelector('[data-role=device-select]') as HTMLSelectElement;
    select.value = 'wasm';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect(controller.setSettings).toHaveBeenCalledWith({ device: 'wasm' });
  });

  it.each([
    ['Mark as reviewed', 'approve', {}],
    ['Cancel', 'cancel', { status: 'running', text: '' }],
    ['Retry', 'retry', { status: 'failed', text: '' }],
  ] as const)('%s calls controller.%s with the card id', async (label, method, record) => {
    const { app, controller } = await mount([makeCard('a'), makeCard('b', record)]);
    cardButton(captionCards(app)[1] as CaptionCard, label).click();
    await called(controller[method]);
    expect(controller[method]).toHaveBeenCalledWith('b');
    expect(controller[method]).toHaveBeenCalledTimes(1);
  });

  it('deletes through the controller, announces it and moves focus to the drop zone', async () => {
    const { app, controller } = await mount([makeCard('a'), makeCard('b')]);
    cardButton(captionCards(app)[0] as CaptionCard, 'Delete').click();
    await called(controller.remove);
    expect(controller.remove).toHaveBeenCalledWith('a');
    await untilMutation(root(announcer(app)), () => spoken(app).at(-1) === 'Deleted a.jpg.');
    await app.updateComplete;
    expect(captionCards(app).map((c) => c.card.record.id)).toEqual(['b']);
    const chooseButton = root(dropZone(app)).querySelector('button');
    expect(root(dropZone(app)).activeElement).toBe(chooseButton);
  });

  it('saves edits through controller.editText', async () => {
    const { app, controller } = await mount([makeCard('a')]);
    const card = captionCards(app)[0] as CaptionCard;
    await (root(card).querySelector('alt-text-editor') as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
    const field = root(card).querySelector('textarea') as HTMLTextAreaElement;
    field.value = 'My own words';
    field.dispatchEvent(new Event('input'));
    field.dispatchEvent(new Event('blur'));
    expect(controller.editText).toHaveBeenCalledWith('a', 'My own words');
  });

  it('copies the text to the clipboard and confirms on the card', async () => {
    const writeText = stubClipboard(async () => undefined);
    const { app } = await mount([makeCard('a')]);
    const card = captionCards(app)[0] as CaptionCard;
    cardButton(card, 'Copy').click();
    expect(writeText).toHaveBeenCalledWith('Alt-text of a');
    await untilMutation(root(card), () => text(root(card).querySelector('[data-role=confirmation]')) === 'Copied as text');
  });

  it('copies as HTML or Markdown when chosen next to Copy, and says which', async () => {
    const writeText = stubClipboard(async () => undefined);
    const { app } = await mount([makeCard('a', { fileName: 'My photo (1).jpg', text: 'A "red" [box]' })]);
    const card = captionCards(app)[0] as CaptionCard;
    const menu = root(card).querySelector('select[data-role=copy-format]') as HTMLSelectElement;
    try {
      menu.value = 'html';
      menu.dispatchEvent(new Event('change'));
      cardButton(card, 'Copy').click();
      await untilMutation(root(card), () => text(root(card).querySelector('[data-role=confirmation]')) === 'Copied as HTML');
      expect(writeText).toHaveBeenLastCalledWith('<img src="My%20photo%20(1).jpg" alt="A &quot;red&quot; [box]">');
      menu.value = 'markdown';
      menu.dispatchEvent(new Event('change'));
      cardButton(card, 'Copy').click();
      await untilMutation(root(card), () => text(root(card).querySelector('[data-role=confirmation]')) === 'Copied as Markdown');
      expect(writeText).toHaveBeenLastCalledWith('![A "red" \\[box\\]](My%20photo%20%281%29.jpg)');
    } finally {
      await copyFormat.choose('text');
    }
  });

  it('tells the person how to copy by hand when the clipboard refuses', async () => {
    const writeText = stubClipboard(async () => {
      throw new DOMException('Write permission denied.', 'NotAllowedError');
    });
    const { app } = await mount([makeCard('a')]);
    const card = captionCards(app)[0] as CaptionCard;
    cardButton(card, 'Copy').click();
    expect(writeText).toHaveBeenCalledTimes(1);
    await untilMutation(root(card), () => text(root(card).querySelector('[data-role=confirmation]')) === 'Copy failed: select the text and press Ctrl+C');
  });

  it('does not re-render for streamed words, and renders a burst of saves in one task once', async () => {
    const cards = Array.from({ length: 60 }, (_, i) => makeCard(`p${i}`, { status: 'running', text: '' }));
    const { app, controller } = await mount(cards);
    // A list this long shows its first cards in its first frame (card-list.ts).
    await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    await root(app).querySelector<HTMLElement & { updateComplete: Promise<boolean> }>('card-list')?.updateComplete;
    let renders = 0;
    const render = app.render.bind(app);
    vi.spyOn(app, 'render').mockImplementation(() => (renders++, render()));
    const first = captionCards(app)[0] as CaptionCard;
    for (let i = 0; i < 30; i++) {
      controller.streams.append('p0', `word${i} `);
      await first.updateComplete;
    }
    expect(root(first).textContent).toContain('word29');
    expect(renders).toBe(0);
    for (let i = 1; i < 30; i++) controller.store.update(`p${i}`, (c) => ({ ...c, record: { ...c.record, status: 'done', text: `text ${i}` } }));
    await app.updateComplete;
    expect(renders).toBe(1);
  });
});
