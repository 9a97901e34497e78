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
const state = (el: ModelPanel) => q(el, '[data-role=model-state]');
const progressText = (el: ModelPanel) => q(el, '[data-role=model-progress]');

afterEach(cleanup);

describe('model-panel state', () => {
  it('says when the model will load while idle', async () => {
    const el = await mount(makeModel());
    expect(state(el)?.dataset.phase).toBe('idle');
    expect(text(state(el))).toBe('loads when you add the first photo');
    expect(q(el, 'progress')).toBeNull();
  });

  it('shows download size, percentage and file count while loading', async () => {
    const el = await mount(makeModel({ phase: 'loading', progress: makeProgress() }));
    expect(state(el)?.dataset.phase).toBe('loading');
    expect(text(state(el))).toBe('downloading…');
    expect(text(progressText(el))).toBe('1.2 MB of 2 MB (60 %) · file 2 of 3');
    const bar = q<HTMLProgressElement>(el, 'progress');
    expect(bar?.max).toBe(100);
    expect(bar?.value).toBe(60);
    expect(bar?.getAttribute('aria-label')).toBe('Model download');
  });

  it('says the model is loading from this device, not downloading, when every file is cached', async () => {
    const el = await mount(makeModel({ phase: 'loading', progress: makeProgress(), fromDevice: true }));
    expect(text(state(el))).toBe('loading from this device…');
    expect(text(progressText(el))).toBe('1.2 MB of 2 MB (60 %) · file 2 of 3');
    expect(q(el, 'progress')?.getAttribute('aria-label')).toBe('Model loading');
  });

  it('follows progress updates', async () => {
    const el = await mount(makeModel({ phase: 'loading', progress: makeProgress() }));
    el.model = makeModel({ phase: 'loading', progress: makeProgress({ loadedBytes: 1_900_000, percent: 95, filesDone: 2 }) });
    await el.updateComplete;
    expect(text(progressText(el))).toBe('1.9 MB of 2 MB (95 %) · file 3 of 3');
    expect(q<HTMLProgressElement>(el, 'progress')?.value).toBe(95);
  });

  it('never counts past the last file', async () => {
    const el = await mount(makeModel({ phase: 'loading', progress: makeProgress({ loadedBytes: 2_000_000, percent: 100, filesDone: 3 }) }));
    expect(text(progressText(el))).toContain('file 3 of 3');
  });

  it('shows bytes without a total or percentage when the total is unknown', async () => {
    const el = await mount(makeModel({ phase: 'loading', progress: makeProgress({ loadedBytes: 450_000, totalBytes: null, percent: null, filesDone: 0, filesTotal: 0 }) }));
    const label = text(progressText(el));
    expect(label).toBe('450 KB');
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
    expect(text(state(el))).toBe('preparing…');
  });

  it('shows the backend, dtype, thread count, load time and reason when ready on WASM', async () => {
    const ready = makeReady();
    const el = await mount(makeModel({ phase: 'ready', ready }));
    expect(state(el)?.dataset.phase).toBe('ready');
    expect(text(q(el, '[data-role=backend]'))).toBe('WASM');
    expect(text(q(el, '[data-role=dtype]'))).toBe('q8');
    expect(text(state(el))).toBe('ready on WASM, q8 weights, 4 threads');
    // The runtime is said once on the line: the reason (which names it again) lives in the settings view.
    expect(text(root(el).querySelector('section'))).not.toContain(ready.reason);
    expect(q(el, '[data-role=fallback-notice]')).toBeNull();
  });

  it('says "1 thread", not "1 threads"', async () => {
    const el = await mount(makeModel({ phase: 'ready', ready: makeReady({ wasmThreads: 1 }) }));
    expect(text(state(el))).toMatch(/, 1 thread$/);
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
    expect(text(state(el))).toBe('could not be loaded');
    expect(text(q(el, '[data-role=model-error]'))).toBe('The model could not be loaded. Network error while downloading onnx/decoder_model.onnx');
    expect(q(el, '[data-role=model-error] strong')?.textContent).toBe('The model could not be loaded.');
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
    expect(text(state(el))).toContain('(progress below)');
  });
});

describe('model-panel line', () => {
  it('names the model, its size on this device and links to the settings view', async () => {
    const el = await mountElement('model-panel', { model: makeModel({ settings: { modelId: SHAPES, device: 'auto' }, phase: 'ready', ready: makeReady({ modelId: SHAPES }) }), bytesOnDevice: 787_000 });
    const shapes = MODELS.find((m) => m.id === SHAPES);
    expect(text(q(el, '[data-role=model-label]'))).toBe(shapes?.label);
    expect(text(q(el, '[data-role=on-device]'))).toBe('787 KB on this device');
    const link = q<HTMLAnchorElement>(el, '[data-role=change-model]');
    expect(link?.getAttribute('href')).toBe('#settings');
    expect(text(link)).toBe('Change model or settings…');
  });

  it('says nothing about size before the first download', async () => {
    const el = await mount(makeModel());
    expect(q(el, '[data-role=on-device]')).toBeNull();
  });
});

describe("model-panel with the browser's own model", () => {
  it("shows the browser's download as a share, without bytes or files", async () => {
    const el = await mount(makeModel({ phase: 'loading', progress: makeProgress({ loadedBytes: 0, totalBytes: null, percent: 42, file: null, filesDone: 0, filesTotal: 0 }) }));
    expect(text(progressText(el))).toBe('Downloaded by the browser (42 %)');
  });

  it('says the browser runs it, without a device or weights of ours', async () => {
    const el = await mount(makeModel({ phase: 'ready', ready: makeReady({ modelId: 'browser/prompt-api', device: 'browser', dtype: 'q4' }) }));
    expect(text(state(el))).toBe('ready, run by the browser');
  });
});
