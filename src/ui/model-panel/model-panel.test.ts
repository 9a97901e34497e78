// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelView } from '../../app/altscribe-controller';
import type { ModelReady } from '../../client/caption-client';
import type { LoadProgress } from '../../models/model-types';
import { MODELS } from '../../models/registry';
import type { ModelPanel } from './model-panel';
import './model-panel';
import { cleanup, mount as mountElement } from '../shared/test-mount';

const DISTILVIT = 'Mozilla/distilvit';
const SHAPES = 'altscribe/shapes-captioner';

function makeModel(overrides: Partial<ModelView> = {}): ModelView {
  return { settings: { modelId: DISTILVIT, device: 'auto' }, phase: 'idle', consent: null, progress: null, ready: null, error: null, ...overrides };
}

function makeProgress(overrides: Partial<LoadProgress> = {}): LoadProgress {
  return { loadedBytes: 1_200_000, totalBytes: 2_000_000, percent: 60, file: 'onnx/encoder_model_quantized.onnx', filesDone: 1, filesTotal: 3, phase: 'downloading', ...overrides };
}

function makeReady(overrides: Partial<ModelReady> = {}): ModelReady {
  return { modelId: DISTILVIT, device: 'wasm', dtype: 'q8', wasmThreads: 4, loadMs: 2345, reason: 'WebGPU is not available in this browser, so the CPU runs the model.', ...overrides };
}

const mount = (model: ModelView): Promise<ModelPanel> => mountElement('model-panel', { model });

const root = (el: ModelPanel): ShadowRoot => el.shadowRoot as ShadowRoot;
const q = <T extends Element = HTMLElement>(el: ModelPanel, selector: string): T | null => root(el).querySelector<T>(selector);
const text = (node: Element | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
/**
 * The options the element marks `selected`. Not `select.value`: happy-dom 21 picks the wrong
 * option when an `<option selected>` is inserted (capricorn86/happy-dom#2372); browsers pick the
 * marked one, which the e2e tests cover.
 */
const selectedByMarkup = (select: HTMLSelectElement | null): string[] => [...(select?.options ?? [])].filter((o) => o.hasAttribute('selected')).map((o) => o.value);
const state = (el: ModelPanel) => q(el, '[data-role=model-state]');

function settingsChanges(target: EventTarget): CustomEvent<{ modelId?: string; device?: string }>[] {
  const events: CustomEvent<{ modelId?: string; device?: string }>[] = [];
  target.addEventListener('settings-change', (e) => events.push(e as CustomEvent<{ modelId?: string; device?: string }>));
  return events;
}

afterEach(cleanup);

describe('model-panel state', () => {
  it('says when the model will load while idle', async () => {
    const el = await mount(makeModel());
    expect(state(el)?.dataset.phase).toBe('idle');
    expect(text(state(el))).toBe('The model loads when you add the first photo.');
    expect(q(el, 'progress')).toBeNull();
  });

  it('shows download size, percentage and file count while loading', async () => {
    const el = await mount(makeModel({ phase: 'loading', progress: makeProgress() }));
    expect(state(el)?.dataset.phase).toBe('loading');
    expect(text(state(el))).toBe('Downloading the model: 1.2 MB of 2 MB (60 %) · file 2 of 3');
    const bar = q<HTMLProgressElement>(el, 'progress');
    expect(bar?.max).toBe(100);
    expect(bar?.value).toBe(60);
    expect(bar?.getAttribute('aria-label')).toBe('Model download');
  });

  it('says the model is loading from this device, not downloading, when every file is cached', async () => {
    const el = await mount(makeModel({ phase: 'loading', progress: makeProgress(), fromDevice: true }));
    expect(text(state(el))).toBe('Loading the model from this device: 1.2 MB of 2 MB (60 %) · file 2 of 3');
    expect(q(el, 'progress')?.getAttribute('aria-label')).toBe('Model loading');
  });

  it('follows progress updates', async () => {
    const el = await mount(makeModel({ phase: 'loading', progress: makeProgress() }));
    el.model = makeModel({ phase: 'loading', progress: makeProgress({ loadedBytes: 1_900_000, percent: 95, filesDone: 2 }) });
    await el.updateComplete;
    expect(text(state(el))).toBe('Downloading the model: 1.9 MB of 2 MB (95 %) · file 3 of 3');
    expect(q<HTMLProgressElement>(el, 'progress')?.value).toBe(95);
  });

  it('never counts past the last file', async () => {
    const el = await mount(makeModel({ phase: 'loading', progress: makeProgress({ loadedBytes: 2_000_000, percent: 100, filesDone: 3 }) }));
    expect(text(state(el))).toContain('file 3 of 3');
  });

  it('shows bytes without a total or percentage when the total is unknown', async () => {
    const el = await mount(makeModel({ phase: 'loading', progress: makeProgress({ loadedBytes: 450_000, totalBytes: null, percent: null, filesDone: 0, filesTotal: 0 }) }));
    const label = text(state(el));
    expect(label).toBe('Downloading the model: 450 KB');
    expect(label).not.toContain('%');
    expect(label).not.toContain(' of ');
  });

  // A <progress> without a value is indeterminate: screen readers then say "busy", not "0 %".
  it('shows an indeterminate bar when the total is unknown', async () => {
    const el = await mount(makeModel({ phase: 'loading', progress: makeProgress({ totalBytes: null, percent: null }) }));
    const bar = q<HTMLProgressElement>(el, 'progress');
    expect(bar?.hasAttribute('value')).toBe(false);
    expect(bar?.position).toBe(-1);
  });

  it('says it is preparing the model once the download is done', async () => {
    const el = await mount(makeModel({ phase: 'loading', progress: makeProgress({ phase: 'initializing', loadedBytes: 2_000_000, percent: 100, filesDone: 3 }) }));
    expect(text(state(el))).toMatch(/^Preparing the model…/);
  });

  it('shows the backend, dtype, thread count, load time and reason when ready on WASM', async () => {
    const ready = makeReady();
    const el = await mount(makeModel({ phase: 'ready', ready }));
    expect(state(el)?.dataset.phase).toBe('ready');
    expect(text(q(el, '[data-role=backend]'))).toBe('WASM');
    expect(text(q(el, '[data-role=dtype]'))).toBe('q8');
    expect(text(state(el))).toContain('Ready on WASM with q8 weights · 4 threads · loaded in 2.3 s');
    expect(text(q(el, '.reason'))).toBe(ready.reason);
    expect(q(el, '[data-role=fallback-notice]')).toBeNull();
  });

  it('says "1 thread", not "1 threads"', async () => {
    const el = await mount(makeModel({ phase: 'ready', ready: makeReady({ wasmThreads: 1 }) }));
    expect(text(state(el))).toContain('· 1 thread ·');
  });

  it('shows no thread count on WebGPU', async () => {
    const el = await mount(makeModel({ phase: 'ready', ready: makeReady({ device: 'webgpu', dtype: 'fp16', wasmThreads: 4 }) }));
    expect(text(q(el, '[data-role=backend]'))).toBe('WEBGPU');
    expect(text(q(el, '[data-role=dtype]'))).toBe('fp16');
    expect(text(state(el))).not.toContain('thread');
  });

  it('shows the fallback notice when WebGPU failed and WASM took over', async () => {
    const notice = 'WebGPU failed to start, so the model now runs on the CPU (slower).';
    const el = await mount(makeModel({ phase: 'ready', ready: makeReady({ fallbackNotice: notice }) }));
    expect(text(q(el, '[data-role=fallback-notice]'))).toBe(notice);
  });

  it('shows the error when loading failed', async () => {
    const el = await mount(makeModel({ phase: 'failed', error: 'Network error while downloading onnx/decoder_model.onnx' }));
    expect(state(el)?.dataset.phase).toBe('failed');
    expect(text(state(el))).toBe('The model could not be loaded: Network error while downloading onnx/decoder_model.onnx');
  });
});

describe('model-panel settings', () => {
  it('lists every registered model, with the current one selected', async () => {
    const el = await mount(makeModel({ settings: { modelId: SHAPES, device: 'auto' } }));
    const select = q<HTMLSelectElement>(el, '[data-role=model-select]');
    const options = [...(select?.options ?? [])];
    expect(options.map((o) => o.value)).toEqual(MODELS.map((m) => m.id));
    expect(options.map((o) => text(o))).toEqual(MODELS.map((m) => m.label));
    expect(selectedByMarkup(select)).toEqual([SHAPES]);
  });

  it('shows the selected model’s note and licence', async () => {
    const shapes = MODELS.find((m) => m.id === SHAPES);
    const el = await mount(makeModel({ settings: { modelId: SHAPES, device: 'auto' } }));
    expect(text(q(el, '.note'))).toBe(`${shapes?.note} Licence: ${shapes?.licence}.`);
  });

  it('has the current device selected', async () => {
    const el = await mount(makeModel({ settings: { modelId: DISTILVIT, device: 'wasm' } }));
    const select = q<HTMLSelectElement>(el, '[data-role=device-select]');
    expect([...(select?.options ?? [])].map((o) => o.value)).toEqual(['auto', 'webgpu', 'wasm']);
    expect(selectedByMarkup(select)).toEqual(['wasm']);
  });

  it('dispatches settings-change with the new model id', async () => {
    const el = await mount(makeModel());
    const events = settingsChanges(document.body);
    const select = q<HTMLSelectElement>(el, '[data-role=model-select]') as HTMLSelectElement;
    select.value = SHAPES;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect(events).toHaveLength(1);
    expect(events[0]?.detail).toEqual({ modelId: SHAPES });
    expect(events[0]?.bubbles).toBe(true);
    expect(events[0]?.composed).toBe(true);
  });

  it('dispatches settings-change with the new device', async () => {
    const el = await mount(makeModel());
    const events = settingsChanges(document.body);
    const select = q<HTMLSelectElement>(el, '[data-role=device-select]') as HTMLSelectElement;
    select.value = 'webgpu';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect(events.map((e) => e.detail)).toEqual([{ device: 'webgpu' }]);
  });
});

describe('model-panel with models the person added', () => {
  const added = { ...MODELS.find((m) => m.id === SHAPES)!, id: 'local/my-captioner', label: 'my-captioner (your folder)', note: 'Added by you.', licence: 'unknown', source: { kind: 'folder' as const } };

  it('lists them in their own group after the built-in ones, and can select one', async () => {
    const el = await mountElement('model-panel', { model: makeModel({ settings: { modelId: added.id, device: 'auto' } }), customModels: [added] });
    const groups = [...root(el).querySelectorAll('[data-role=model-select] optgroup')];
    expect(groups.map((g) => g.getAttribute('label'))).toEqual(['Built-in models', 'Models you added']);
    expect([...(groups[1]?.querySelectorAll('option') ?? [])].map((o) => o.value)).toEqual([added.id]);
    expect([...(groups[0]?.querySelectorAll('option') ?? [])].map((o) => o.value)).toEqual(MODELS.map((m) => m.id));
    expect(selectedByMarkup(q<HTMLSelectElement>(el, '[data-role=model-select]'))).toEqual([added.id]);
    expect(text(q(el, '.note'))).toBe('Added by you. Licence: unknown.');
  });

  it('shows no groups when nothing was added', async () => {
    const el = await mount(makeModel());
    expect(root(el).querySelectorAll('[data-role=model-select] optgroup')).toHaveLength(0);
  });
});

describe('model-panel while the download prompt shows the progress', () => {
  it('shows one progress bar on the page: none here, a pointer to the prompt instead', async () => {
    const el = await mount(makeModel({ phase: 'loading', progress: makeProgress() }));
    expect(q(el, 'progress')).not.toBeNull();
    el.progressElsewhere = true;
    await el.updateComplete;
    expect(q(el, 'progress')).toBeNull();
    expect(state(el)?.dataset['phase']).toBe('loading');
    expect(text(state(el))).toContain('progress is shown below');
  });
});
