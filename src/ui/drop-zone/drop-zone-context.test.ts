// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { DropZone, FilesSelectedEvent } from './drop-zone';
import './drop-zone';
import { cleanup, mount as mountElement } from '../shared/test-mount';
import { CONTEXT_MAX_LENGTH } from '../../alttext/photo-context';

const mount = (): Promise<DropZone> => mountElement('drop-zone');
const root = (el: DropZone): ShadowRoot => el.shadowRoot as ShadowRoot;
const field = (el: DropZone): HTMLInputElement => root(el).querySelector('input[data-role=batch-context]') as HTMLInputElement;
const photo = (name: string) => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], name, { type: 'image/png' });

function selections(target: EventTarget): FilesSelectedEvent[] {
  const events: FilesSelectedEvent[] = [];
  target.addEventListener('files-selected', (e) => events.push(e as FilesSelectedEvent));
  return events;
}

async function type(el: DropZone, value: string): Promise<void> {
  field(el).value = value;
  field(el).dispatchEvent(new Event('input'));
  await el.updateComplete;
}

afterEach(cleanup);

describe('drop-zone context field', () => {
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
});
