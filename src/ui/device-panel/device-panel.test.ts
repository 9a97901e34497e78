// @vitest-environment happy-dom
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { Capabilities } from '../../models/model-types';
import { recommendModel, type Recommendation } from '../../models/recommend-model';
import { MODELS, getModel } from '../../models/registry';
import type { DevicePanel } from './device-panel';
import './device-panel';
import { cleanup, mount as mountElement } from '../shared/test-mount';

const GB = 1_000_000_000;
const laptop: Capabilities = {
  webgpu: { adapter: true, shaderF16: true, maxBufferSize: 2 ** 32, maxStorageBufferBindingSize: 2 ** 31, description: 'nvidia ampere', isFallbackAdapter: false },
  deviceMemoryGiB: 8,
  hardwareConcurrency: 12,
  crossOriginIsolated: true,
  storage: { quotaBytes: 100 * GB, usageBytes: 1 * GB, persisted: false },
};
const phone: Capabilities = { webgpu: { adapter: false, shaderF16: false }, deviceMemoryGiB: 2, hardwareConcurrency: 8, crossOriginIsolated: false };

const mount = (capabilities: Capabilities | null, recommendation: Recommendation | null = null): Promise<DevicePanel> => mountElement('device-panel', { capabilities, recommendation });

const q = (el: DevicePanel, selector: string): HTMLElement | null => (el.shadowRoot as ShadowRoot).querySelector<HTMLElement>(selector);
const qa = (el: DevicePanel, selector: string): HTMLElement[] => [...(el.shadowRoot as ShadowRoot).querySelectorAll<HTMLElement>(selector)];
const text = (node: Element | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** The definition list as term → detail, in order. */
function facts(el: DevicePanel): Record<string, string> {
  const dl = q(el, '[data-role=device-facts]');
  const terms = [...(dl?.querySelectorAll('dt') ?? [])];
  return Object.fromEntries(terms.map((dt) => [text(dt), text(dt.nextElementSibling)]));
}

afterEach(cleanup);

describe('device-panel structure', () => {
  it('is a section labelled by its "This device" heading', async () => {
    const el = await mount(laptop);
    const section = q(el, 'section');
    const heading = q(el, `#${section?.getAttribute('aria-labelledby')}`);
    expect(heading?.tagName).toBe('H2');
    expect(text(heading)).toBe('This device');
  });

  it('pairs every term with exactly one detail', async () => {
    const el = await mount(laptop);
    const children = [...(q(el, 'dl')?.children ?? [])].map((c) => c.tagName);
    expect(children.length).toBe(18);
    children.forEach((tag, i) => expect(tag).toBe(i % 2 === 0 ? 'DT' : 'DD'));
  });

  it('announces that it is still checking before capabilities arrive', async () => {
    const el = await mount(null);
    expect(q(el, '[data-role=device-facts]')).toBeNull();
    expect(q(el, '[data-role=device-pending]')?.getAttribute('role')).toBe('status');
    expect(q(el, '[data-role=recommendation]')).toBeNull();
  });
});

describe('device-panel facts', () => {
  it('spells out a laptop GPU in words, with sizes formatted', async () => {
    expect(facts(await mount(laptop))).toEqual({
      'WebGPU adapter': 'nvidia ampere',
      'Software adapter': 'No',
      'shader-f16': 'Supported',
      'Largest GPU buffer': '4.3 GB',
      'Largest storage buffer binding': '2.1 GB',
      'Device memory': '8 GB or more (browsers report at most 8 GB)',
      'CPU threads': '12',
      'Cross-origin isolated': 'Yes: WASM can use several threads',
      'Storage for this site': '99 GB free of 100 GB; the browser may clear it when the disk runs low',
    });
  });

  it('says "none" and "not reported" on a phone without WebGPU', async () => {
    const f = facts(await mount(phone));
    expect(f['WebGPU adapter']).toBe('None');
    expect(f['shader-f16']).toMatch(/^Not applicable/);
    expect(f['Largest GPU buffer']).toMatch(/^Not applicable/);
    expect(f['Device memory']).toBe('About 2 GB');
    expect(f['Cross-origin isolated']).toBe('No: WASM runs on one thread');
    expect(f['Storage for this site']).toBe('Not reported');
  });

  it('names a software adapter and why it is not used', async () => {
    const f = facts(await mount({ ...laptop, webgpu: { ...laptop.webgpu, description: 'google swiftshader', isFallbackAdapter: true } }));
    expect(f['Software adapter']).toMatch(/^Yes: slower than the CPU/);
  });

  it('covers a browser that reports neither memory, threads nor limits', async () => {
    const f = facts(await mount({ webgpu: { adapter: true, shaderF16: false } }));
    expect(f['WebGPU adapter']).toMatch(/^Present/);
    expect(f['shader-f16']).toBe('Not supported');
    expect(f['Largest GPU buffer']).toBe('Not reported');
    expect(f['Device memory']).toBe('Not reported by this browser');
    expect(f['CPU threads']).toBe('Not reported');
  });
});

describe("device-panel and the browser's own model", () => {
  it("states the page's probe in words, and leaves the row out when it was not probed", async () => {
    expect(facts(await mount({ ...laptop, promptApi: 'downloadable' }))["The browser's own model for images"]).toBe('Offered: the browser downloads it first (about 4 GB)');
    cleanup();
    expect(facts(await mount({ ...laptop, promptApi: 'unavailable' }))["The browser's own model for images"]).toBe('None (it needs Chrome 148 or later on a desktop computer)');
    cleanup();
    expect(Object.keys(facts(await mount(laptop)))).not.toContain("The browser's own model for images");
  });

  it('says the browser runs it when it is the recommendation, with no device or weights of ours', async () => {
    const caps: Capabilities = { ...laptop, promptApi: 'available' };
    const el = await mount(caps, recommendModel(caps, MODELS));
    expect(text(q(el, '.choice'))).toBe("Chrome's built-in model (Prompt API), run by the browser.");
  });
});

describe('device-panel recommendation', () => {
  it('shows the recommended model, device, dtype and every reason', async () => {
    const rec = recommendModel(laptop, MODELS);
    const el = await mount(laptop, rec);
    expect(text(q(el, '[data-role=recommended-model]'))).toBe(getModel(rec.modelId).label);
    expect(text(q(el, '.choice'))).toContain(`on WebGPU (graphics card) with ${rec.runtime.dtype} weights`);
    expect(qa(el, '[data-role=reasons] li').map(text)).toEqual(rec.reasons);
    expect(text(q(el, '[data-role=rejected]'))).toContain('None: every model can run here.');
  });

  it.each([
    ['a laptop GPU', laptop],
    ['a CPU without WebGPU', { ...laptop, webgpu: { adapter: false, shaderF16: false } }],
  ] as const)('states the recommendation once on %s, then only why', async (_name, caps) => {
    const rec = recommendModel(caps, MODELS);
    const el = await mount(caps, rec);
    const shown = text(q(el, '[data-role=recommendation]'));
    const occurrences = (needle: string): number => shown.split(needle).length - 1;
    expect(occurrences(getModel(rec.modelId).label)).toBe(1);
    expect(occurrences(`with ${rec.runtime.dtype} weights`)).toBe(1);
  });

  it('lists each rejected model by name with why', async () => {
    const rec = recommendModel(phone, MODELS);
    expect(rec.rejected.length).toBeGreaterThan(0);
    const el = await mount(phone, rec);
    const items = qa(el, '[data-role=rejected] li');
    expect(items.map((li) => li.dataset.modelId)).toEqual(rec.rejected.map((r) => r.modelId));
    rec.rejected.forEach((r, i) => expect(text(items[i])).toBe(`${getModel(r.modelId).label}: ${r.why}`));
  });

  it('uses headings, not styling, to separate recommendation from rejections', async () => {
    const el = await mount(phone, recommendModel(phone, MODELS));
    expect(qa(el, 'h3').map(text)).toEqual(['Recommended model', 'Not recommended on this device']);
  });

  it('follows a new recommendation', async () => {
    const el = await mount(laptop, recommendModel(laptop, MODELS));
    el.recommendation = recommendModel(phone, MODELS);
    el.capabilities = phone;
    await el.updateComplete;
    expect(text(q(el, '[data-role=recommended-model]'))).toBe(getModel('Mozilla/distilvit').label);
    expect(facts(el)['WebGPU adapter']).toBe('None');
  });
});

describe('device-panel accessibility', () => {
  /** axe over a minimal page around the panel; colour contrast needs layout, which happy-dom lacks. */
  async function axeOn(capabilities: Capabilities | null, recommendation: Recommendation | null): Promise<axe.AxeResults> {
    document.documentElement.lang = 'en';
    document.title = 'Altscribe';
    const main = document.createElement('main');
    const h1 = document.createElement('h1');
    h1.textContent = 'Altscribe';
    main.append(h1);
    document.body.append(main);
    await mountElement('device-panel', { capabilities, recommendation }, main);
    return axe.run(document, { rules: { 'color-contrast': { enabled: false } } });
  }

  it.each([
    ['a laptop with its recommendation', laptop],
    ['a phone with rejected models', phone],
  ] as const)('has no axe violations for %s', async (_name, caps) => {
    const results = await axeOn(caps, recommendModel(caps, MODELS));
    expect(results.violations.map((v) => `${v.id}: ${v.nodes[0]?.html}`)).toEqual([]);
    // The rules that matter here did run inside the shadow root.
    expect(results.passes.map((p) => p.id)).toEqual(expect.arrayContaining(['definition-list', 'dlitem', 'heading-order', 'list', 'listitem']));
  });

  it('has no axe violations while still checking', async () => {
    expect((await axeOn(null, null)).violations).toEqual([]);
  });
});
