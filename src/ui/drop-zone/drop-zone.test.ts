// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DropZone, FilesSelectedEvent } from './drop-zone';
import './drop-zone';

async function mount(): Promise<DropZone> {
  const el = document.createElement('drop-zone');
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const root = (el: DropZone): ShadowRoot => el.shadowRoot as ShadowRoot;
const fileInput = (el: DropZone): HTMLInputElement => root(el).querySelector('input[type=file]') as HTMLInputElement;
const chooseButton = (el: DropZone): HTMLButtonElement | undefined =>
  [...root(el).querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Choose photos…');

const photo = (name: string) => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], name, { type: 'image/png' });

function selections(target: EventTarget): FilesSelectedEvent[] {
  const events: FilesSelectedEvent[] = [];
  target.addEventListener('files-selected', (e) => events.push(e as FilesSelectedEvent));
  return events;
}

function setInputFiles(input: HTMLInputElement, files: File[]): void {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
}

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('drop-zone picker', () => {
  it('has a real "Choose photos…" button that opens the hidden file input', async () => {
    const el = await mount();
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => undefined);
    const btn = chooseButton(el);
    expect(btn).toBeDefined();
    expect(btn?.getAttribute('type')).toBe('button');

    btn?.click();
    expect(click).toHaveBeenCalledTimes(1);
    expect(click.mock.contexts[0]).toBe(fileInput(el));
  });

  it('keeps the file input out of the tab order and the accessibility tree, accepting several images', async () => {
    const el = await mount();
    const input = fileInput(el);
    expect(input.getAttribute('tabindex')).toBe('-1');
    expect(input.getAttribute('aria-hidden')).toBe('true');
    expect(input.multiple).toBe(true);
    expect(input.getAttribute('accept')).toBe('image/*');
  });

  it('reports picked files as files-selected via "picker"', async () => {
    const el = await mount();
    const events = selections(document.body);
    const files = [photo('a.png'), photo('b.png')];
    setInputFiles(fileInput(el), files);
    fileInput(el).dispatchEvent(new Event('change', { bubbles: true }));

    expect(events).toHaveLength(1);
    expect(events[0]?.detail.via).toBe('picker');
    expect(events[0]?.detail.files).toEqual(files);
    expect(events[0]?.detail.files[0]).toBe(files[0]);
    expect(events[0]?.bubbles).toBe(true);
    expect(events[0]?.composed).toBe(true);
  });

  it('clears the input after a pick, so picking the same photo again fires change again', async () => {
    const el = await mount();
    setInputFiles(fileInput(el), [photo('again.png')]);
    expect(fileInput(el).files?.length).toBe(1);
    fileInput(el).dispatchEvent(new Event('change', { bubbles: true }));
    expect(fileInput(el).value).toBe('');
    expect(fileInput(el).files?.length ?? 0).toBe(0);
  });

  it('dispatches nothing when the picker closes without files', async () => {
    const el = await mount();
    const events = selections(document.body);
    fileInput(el).dispatchEvent(new Event('change', { bubbles: true }));
    expect(events).toHaveLength(0);
  });
});

describe('drop-zone deliver', () => {
  it('reports dropped files as files-selected via "drop"', async () => {
    const el = await mount();
    const events = selections(document.body);
    const files = [photo('drop.png')];
    el.deliver(files, 'drop');
    expect(events).toHaveLength(1);
    expect(events[0]?.detail).toEqual({ files, via: 'drop' });
    expect(events[0]?.bubbles).toBe(true);
    expect(events[0]?.composed).toBe(true);
  });

  it('reports pasted files via "paste"', async () => {
    const el = await mount();
    const events = selections(el);
    el.deliver([photo('pasted.png')], 'paste');
    expect(events[0]?.detail.via).toBe('paste');
  });

  it('dispatches nothing for an empty delivery', async () => {
    const el = await mount();
    const events = selections(document.body);
    el.deliver([], 'drop');
    el.deliver([], 'paste');
    expect(events).toHaveLength(0);
  });
});

describe('drop-zone active', () => {
  it('reflects the active property to the attribute', async () => {
    const el = await mount();
    expect(el.active).toBe(false);
    expect(el.hasAttribute('active')).toBe(false);

    el.active = true;
    await el.updateComplete;
    expect(el.hasAttribute('active')).toBe(true);

    el.active = false;
    await el.updateComplete;
    expect(el.hasAttribute('active')).toBe(false);
  });
});
