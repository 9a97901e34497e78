// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelView } from '../../app/altscribe-controller';
import type { ModelReady } from '../../client/caption-client';
import { BROWSER_MODEL_ID, isBrowserModel, MODELS } from '../../models/registry';

/** Without a probe saying the browser has its own model, that entry is not offered. */
const OFFERED = MODELS.filter((m) => !isBrowserModel(m));
import type { ModelSettings } from './model-settings';
import './model-settings';
import { cleanup, mount as mountElement } from '../shared/test-mount';

const DISTILVIT = 'Mozilla/distilvit';
const SHAPES = 'altscribe/shapes-captioner';

function makeModel(overrides: Partial<ModelView> = {}): ModelView {
  return { settings: { modelId: DISTILVIT, device: 'auto' }, phase: 'idle', consent: null, progress: null, ready: null, error: null, ...overrides };
}

function makeReady(overrides: Partial<ModelReady> = {}): ModelReady {
  return { modelId: DISTILVIT, device: 'wasm', dtype: 'q8', wasmThreads: 4, loadMs: 2345, reason: 'WebGPU is not available in this browser, so the CPU runs the model.', ...overrides };
}

const mount = (model: ModelView): Promise<ModelSettings> => mountElement('model-settings', { model });

const root = (el: ModelSettings): ShadowRoot => el.shadowRoot as ShadowRoot;
const q = <T extends Element = HTMLElement>(el: ModelSettings, selector: string): T | null => root(el).querySelector<T>(selector);
const text = (node: Element | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
/**
 * The options the element marks `selected`. Not `select.value`: happy-dom 21 picks the wrong
 * option when an `<option selected>` is inserted (capricorn86/happy-dom#2372); browsers pick the
 * marked one, which the e2e tests cover.
 */
const selectedByMarkup = (select: HTMLSelectElement | null): string[] => [...(select?.options ?? [])].filter((o) => o.hasAttribute('selected')).map((o) => o.value);

function settingsChanges(target: EventTarget): CustomEvent<{ modelId?: string; device?: string }>[] {
  const events: CustomEvent<{ modelId?: string; device?: string }>[] = [];
  target.addEventListener('settings-change', (e) => events.push(e as CustomEvent<{ modelId?: string; device?: string }>));
  return events;
}

afterEach(cleanup);

describe('model-settings', () => {
  it('lists every registered model, with the current one selected', async () => {
    const el = await mount(makeModel({ settings: { modelId: SHAPES, device: 'auto' } }));
    const select = q<HTMLSelectElement>(el, '[data-role=model-select]');
    const options = [...(select?.options ?? [])];
    expect(options.map((o) => o.value)).toEqual(OFFERED.map((m) => m.id));
    expect(options.map((o) => text(o))).toEqual(OFFERED.map((m) => m.label));
    expect(selectedByMarkup(select)).toEqual([SHAPES]);
  });

  it.each([
    ['available', true],
    ['downloadable', true],
    ['downloading', true],
    ['unavailable', false],
    [undefined, false],
  ] as const)("offers the browser's own model only when the page's probe says %s is not 'unavailable'", async (promptApi, offered) => {
    const el = await mountElement('model-settings', { model: makeModel({ settings: { modelId: SHAPES, device: 'auto' } }), promptApi });
    const values = [...(q<HTMLSelectElement>(el, '[data-role=model-select]')?.options ?? [])].map((o) => o.value);
    expect(values.includes(BROWSER_MODEL_ID)).toBe(offered);
  });

  it("keeps the browser's own model listed while it is the chosen one", async () => {
    const el = await mountElement('model-settings', { model: makeModel({ settings: { modelId: BROWSER_MODEL_ID, device: 'auto' } }), promptApi: 'unavailable' });
    expect(selectedByMarkup(q<HTMLSelectElement>(el, '[data-role=model-select]'))).toEqual([BROWSER_MODEL_ID]);
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

describe('model-settings with models the person added', () => {
  const added = { ...MODELS.find((m) => m.id === SHAPES)!, id: 'local/my-captioner', label: 'my-captioner (your folder)', note: 'Added by you.', licence: 'unknown', source: { kind: 'folder' as const } };

  it('lists them in their own group after the built-in ones, and can select one', async () => {
    const el = await mountElement('model-settings', { model: makeModel({ settings: { modelId: added.id, device: 'auto' } }), customModels: [added] });
    const groups = [...root(el).querySelectorAll('[data-role=model-select] optgroup')];
    expect(groups.map((g) => g.getAttribute('label'))).toEqual(['Built-in models', 'Models you added']);
    expect([...(groups[1]?.querySelectorAll('option') ?? [])].map((o) => o.value)).toEqual([added.id]);
    expect([...(groups[0]?.querySelectorAll('option') ?? [])].map((o) => o.value)).toEqual(OFFERED.map((m) => m.id));
    expect(selectedByMarkup(q<HTMLSelectElement>(el, '[data-role=model-select]'))).toEqual([added.id]);
    expect(text(q(el, '.note'))).toBe('Added by you. Licence: unknown.');
  });

  it('shows no groups when nothing was added', async () => {
    const el = await mount(makeModel());
    expect(root(el).querySelectorAll('[data-role=model-select] optgroup')).toHaveLength(0);
  });
});

describe('model-settings reason', () => {
  it('says why this runtime once the model is ready, and nothing before', async () => {
    const ready = makeReady();
    const idle = await mount(makeModel());
    expect(q(idle, '[data-role=reason]')).toBeNull();
    const el = await mount(makeModel({ phase: 'ready', ready }));
    expect(text(q(el, '[data-role=reason]'))).toBe(`Why this runtime: ${ready.reason}`);
  });
});
