// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { DropZone, FilesSelectedEvent } from './drop-zone';
import './drop-zone';
import { cleanup, mount as mountElement } from '../shared/test-mount';
import { CONTEXT_MAX_LENGTH } from '../../alttext/photo-context';
import { MODELS } from '../../models/registry';
import { modelReadsContextOf } from './batch-context';

const mount = (): Promise<DropZone> => mountElement('drop-zone');
const root = (el: DropZone): ShadowRoot => el.shadowRoot as ShadowRoot;
const field = (el: DropZone): HTMLInputElement => root(el).querySelector('input[data-role=batch-context]') as HTMLInputElement;
const photo = (name: string) => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], name, { type: 'image/png' });

function selections(target: EventTarget): FilesSelectedEvent[] {
  const events: FilesSelectedEvent[] = [];
  target.addEventListener('files-selected', (e) => events.push(e as FilesSelectedEvent));
  return events;
}

/** A picked file with the path a folder picker gives it. */
function inFolder(name: string, path: string): File {
  const file = photo(name);
  Object.defineProperty(file, 'webkitRelativePath', { value: path });
  return file;
}

async function type(el: DropZone, value: string): Promise<void> {
  field(el).value = value;
  field(el).dispatchEvent(new Event('input'));
  await el.updateComplete;
}

afterEach(cleanup);

describe('drop-zone context field', () => {
  it('is folded under a disclosure that says the context in use, so the drop zone stays short', async () => {
    const el = await mount();
    const summary = () => root(el).querySelector('details.context summary')?.textContent?.trim();
    expect((root(el).querySelector('details.context') as HTMLDetailsElement).open).toBe(false);
    expect(summary()).toBe('Add context for these photos (optional)');
    await type(el, 'A hike in Acadia');
    expect(summary()).toBe('Context for these photos: “A hike in Acadia”');
  });

  it('is a labelled, optional, length-limited text field that says its limit', async () => {
    const el = await mount();
    const input = field(el);
    expect(root(el).querySelector(`label[for=${input.id}]`)?.textContent?.trim()).toBe('Context for these photos (optional)');
    expect(input.type).toBe('text');
    expect(input.required).toBe(false);
    expect(input.maxLength).toBe(CONTEXT_MAX_LENGTH);
    const hints = input.getAttribute('aria-describedby')!.split(' ').map((id) => root(el).getElementById(id)?.textContent ?? '');
    expect(hints[0]).toContain(`Up to ${CONTEXT_MAX_LENGTH} characters`);
  });

  it('says next to the field whether the selected model can use the context', async () => {
    const el = await mount();
    const note = () => root(el).querySelector('[data-role=context-use]')?.textContent?.trim();
    expect(note()).toContain('Models that take an instruction');
    el.modelReadsContext = false;
    await el.updateComplete;
    expect(note()).toBe('The selected model cannot use context; it is kept with the photos and exported.');
    el.modelReadsContext = true;
    await el.updateComplete;
    expect(note()).toBe('The selected model reads it as a hint.');
  });

  it('knows from the model list which selected models read the context', () => {
    expect(modelReadsContextOf('HuggingFaceTB/SmolVLM-256M-Instruct', MODELS)).toBe(true);
    expect(modelReadsContextOf('onnx-community/Florence-2-base-ft', MODELS)).toBe(false);
    expect(modelReadsContextOf('altscribe/shapes-captioner', MODELS)).toBe(false);
    expect(modelReadsContextOf('nobody/unknown', MODELS)).toBeUndefined();
  });

  it('sends photos as items carrying the cleaned context while it is set, and as before once cleared', async () => {
    const el = await mount();
    const events = selections(document.body);
    const files = [photo('a.png'), photo('b.png')];
    await type(el, '  Acadia,\t"2019"  ');
    el.deliver(files, 'drop');
    expect(events[0]?.detail.files).toEqual(files);
    expect(events[0]?.detail.items).toEqual(files.map((file) => ({ file, context: "Acadia, '2019'" })));
    await type(el, '   ');
    el.deliver([photo('c.png')], 'paste');
    expect(events[1]?.detail).not.toHaveProperty('items');
  });

  it('adds meaningful folder names only when asked, per photo', async () => {
    const el = await mount();
    const events = selections(document.body);
    const box = root(el).querySelector('input[data-role=folder-context]') as HTMLInputElement;
    expect(box.checked).toBe(false);
    const pickFolder = (): void => {
      const input = root(el).querySelector('input[data-role=folder-input]') as HTMLInputElement;
      const transfer = new DataTransfer();
      for (const file of [inFolder('1.png', 'Acadia 2019/DCIM/1.png'), inFolder('2.png', 'Acadia 2019/2.png')]) transfer.items.add(file);
      input.files = transfer.files;
      input.dispatchEvent(new Event('change'));
    };
    pickFolder();
    expect(events[0]?.detail.items?.map((i) => i.context)).toEqual([undefined, undefined]);
    box.click();
    await type(el, 'A hike');
    pickFolder();
    expect(events[1]?.detail.items?.map((i) => [i.relativePath, i.context])).toEqual([
      ['Acadia 2019/2.png', 'A hike; folder: Acadia 2019'],
      ['Acadia 2019/DCIM/1.png', 'A hike; folder: Acadia 2019'],
    ]);
  });
});
