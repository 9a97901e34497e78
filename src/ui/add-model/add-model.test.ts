// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AddModel, ModelFolderSelectedEvent, ModelUrlSubmittedEvent } from './add-model';
import './add-model';
import { cleanup, mount as mountElement } from '../shared/test-mount';

const mount = (props: Partial<Pick<AddModel, 'busy' | 'error' | 'message'>> = {}): Promise<AddModel> => mountElement('add-model', props);

const root = (el: AddModel): ShadowRoot => el.shadowRoot as ShadowRoot;
const q = <T extends Element = HTMLElement>(el: AddModel, selector: string): T => root(el).querySelector<T>(selector) as T;
const text = (node: Element | null): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

function events<T extends CustomEvent>(type: string): T[] {
  const seen: T[] = [];
  document.body.addEventListener(type, (e) => seen.push(e as T));
  return seen;
}

function submitUrl(el: AddModel, value: string): void {
  q<HTMLInputElement>(el, '[data-role=model-url]').value = value;
  q<HTMLButtonElement>(el, '[data-role=add-url]').click();
}

afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
});

describe('add-model folder picker', () => {
  it('has a real "Choose model folder…" button that opens a hidden directory input', async () => {
    const el = await mount();
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => undefined);
    const button = q<HTMLButtonElement>(el, '[data-role=choose-folder]');
    expect(text(button)).toBe('Choose model folder…');
    expect(button.getAttribute('type')).toBe('button');
    button.click();
    expect(click).toHaveBeenCalledTimes(1);
    const input = q<HTMLInputElement>(el, 'input[type=file]');
    expect(click.mock.contexts[0]).toBe(input);
    expect(input.hasAttribute('webkitdirectory')).toBe(true);
    expect(input.multiple).toBe(true);
    expect(input.getAttribute('tabindex')).toBe('-1');
    expect(input.getAttribute('aria-hidden')).toBe('true');
  });

  it('reports the picked folder’s files and resets the input', async () => {
    const el = await mount();
    const seen = events<ModelFolderSelectedEvent>('model-folder-selected');
    const input = q<HTMLInputElement>(el, 'input[type=file]');
    const files = [new File(['{}'], 'config.json'), new File([new Uint8Array(4)], 'encoder_model.onnx')];
    const transfer = new DataTransfer();
    for (const f of files) transfer.items.add(f);
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
    expect(seen).toHaveLength(1);
    expect(seen[0]?.detail.files.map((f) => f.name)).toEqual(['config.json', 'encoder_model.onnx']);
    expect(seen[0]?.composed).toBe(true);
  });

  it('does not open the picker while a model is being added', async () => {
    const el = await mount({ busy: true });
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => undefined);
    q<HTMLButtonElement>(el, '[data-role=choose-folder]').click();
    expect(click).not.toHaveBeenCalled();
    expect(q(el, '[data-role=choose-folder]').getAttribute('aria-disabled')).toBe('true');
    expect(text(q(el, '[data-role=add-model-busy]'))).toBe('Adding the model…');
  });
});

describe('add-model URL field', () => {
  it('is a labelled field whose Add button submits the trimmed URL', async () => {
    const el = await mount();
    const seen = events<ModelUrlSubmittedEvent>('model-url-submitted');
    const input = q<HTMLInputElement>(el, '[data-role=model-url]');
    expect(text(input.closest('label'))).toContain('Model folder URL');
    submitUrl(el, '  https://mirror.example/models/tiny/  ');
    expect(seen.map((e) => e.detail.url)).toEqual(['https://mirror.example/models/tiny/']);
  });

  it('says what to do when Add is pressed with an empty field, and submits nothing', async () => {
    const el = await mount();
    const seen = events<ModelUrlSubmittedEvent>('model-url-submitted');
    submitUrl(el, '   ');
    await el.updateComplete;
    expect(seen).toHaveLength(0);
    expect(text(q(el, '[role=alert]'))).toMatch(/type the address of a model folder/);
  });

  it('ignores submits while busy', async () => {
    const el = await mount({ busy: true });
    const seen = events<ModelUrlSubmittedEvent>('model-url-submitted');
    submitUrl(el, 'https://mirror.example/m/');
    expect(seen).toHaveLength(0);
  });
});

describe('add-model outcome', () => {
  it('shows an error as an alert tied to the URL field', async () => {
    const el = await mount({ error: 'Models of type "bert" are not supported.' });
    const alert = q(el, '[role=alert]');
    expect(text(alert)).toBe('Could not add the model: Models of type "bert" are not supported.');
    const input = q<HTMLInputElement>(el, '[data-role=model-url]');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe(alert.id);
  });

  it('shows what was added, and nothing once an error replaces it', async () => {
    const el = await mount({ message: 'Added tiny (your folder).' });
    expect(text(q(el, '[data-role=add-model-message]'))).toBe('Added tiny (your folder).');
    expect(q<HTMLInputElement>(el, '[data-role=model-url]').getAttribute('aria-invalid')).toBe('false');
    el.error = 'no config.json';
    await el.updateComplete;
    expect(root(el).querySelector('[data-role=add-model-message]')).toBeNull();
  });
});
