// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaptionCall } from '../../client/caption-client';
import { CompareController, type CompareClient } from '../../app/compare-controller';
import { compareJsonFileName } from '../../export/compare-json';
import type { CaptionOutcome } from '../../models/model-types';
import type { CompareView } from './compare-view';
import { formatSeconds } from './compare-view';
import { until } from '../../test-support/wait';
import './compare-view';

const SHAPES = 'altscribe/shapes-captioner';
const FLORENCE = 'altscribe/tiny-florence2';
const png = (name: string) => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], name, { type: 'image/png' });

/** Captions name their model; a gate lets a test look at the table while a caption runs. */
function fakeClient(gate: () => Promise<void> = async () => {}): CompareClient {
  let loaded = '';
  return {
    ensureModel: async (modelId) => {
      loaded = modelId;
      return { modelId, device: 'wasm', dtype: 'q8', wasmThreads: 1, loadMs: 1, reason: '' };
    },
    planDownload: () => Promise.reject(new Error('fixtures need no plan')),
    caption: async (_b: Blob, name: string, _o: unknown, call: CaptionCall = {}): Promise<CaptionOutcome> => {
      if (name === 'broken.png' && loaded === FLORENCE) throw new Error('[inference-failed] Out of memory');
      await gate();
      if (call.signal?.aborted) return { text: '', interrupted: true, durationMs: 0, width: 1, height: 1, thumbnail: null };
      return { text: `${loaded.split('/')[1]} on ${name}`, interrupted: false, durationMs: loaded === SHAPES ? 420 : 1250, width: 1, height: 1, thumbnail: null };
    },
    dispose: () => {},
  };
}

async function mount(client: CompareClient, adopt = vi.fn(async () => {})) {
  const controller = new CompareController({ client, devicePreference: () => 'wasm', adopt, listCached: async () => [] });
  const el = document.createElement('compare-view');
  el.controller = controller;
  document.body.append(el);
  await until(controller, 'change', () => controller.choices.length > 0);
  await el.updateComplete;
  return { el, controller, adopt };
}

const root = (el: CompareView) => el.shadowRoot as ShadowRoot;
const q = <T extends Element = HTMLElement>(el: CompareView, selector: string) => root(el).querySelector<T>(selector);
const all = (el: CompareView, selector: string) => [...root(el).querySelectorAll<HTMLElement>(selector)];
const text = (node: Element | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const button = (el: CompareView, role: string) => q<HTMLButtonElement>(el, `button[data-role=${role}]`)!;

async function tick(el: CompareView, label: string) {
  const box = all(el, 'label.choice').find((l) => text(l).startsWith(label))!.querySelector('input')!;
  box.click();
  await el.updateComplete;
}

async function pick(el: CompareView, files: File[]) {
  const input = q<HTMLInputElement>(el, 'input[type=file]')!;
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  input.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

async function runAndWait(el: CompareView, controller: CompareController) {
  button(el, 'run').click();
  await until(controller, 'change', () => !controller.running);
  await el.updateComplete;
}

afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

describe('compare-view controls', () => {
  it('lists the models as checkboxes in a fieldset with a legend, and an image picker button', async () => {
    const { el, controller } = await mount(fakeClient());
    expect(text(q(el, 'fieldset legend'))).toBe('Models to compare');
    expect(all(el, 'fieldset input[type=checkbox]')).toHaveLength(controller.choices.length);
    expect(text(all(el, 'label.choice')[0])).toBe('Shapes test model (built by this project) (served by this app)');
    expect(text(button(el, 'choose-images'))).toBe('Choose photos…');
    const input = q<HTMLInputElement>(el, 'input[type=file]')!;
    const opened = vi.spyOn(input, 'click').mockImplementation(() => {});
    button(el, 'choose-images').click();
    expect(opened).toHaveBeenCalledOnce();
    await pick(el, [png('a.png'), png('b.png')]);
    expect(text(q(el, '[data-role=image-summary]'))).toBe('2 photos: a.png, b.png');
    expect(button(el, 'export').disabled).toBe(true);
    expect(button(el, 'cancel').disabled).toBe(true);
  });

  it('ticking a checkbox selects that model', async () => {
    const { el, controller } = await mount(fakeClient());
    await tick(el, 'Tiny Florence-2');
    await tick(el, 'Shapes test model');
    expect(controller.selected).toEqual([SHAPES, FLORENCE]);
    await tick(el, 'Shapes test model');
    expect(controller.selected).toEqual([FLORENCE]);
  });
});

describe('compare-view table', () => {
  it('is a real table: caption, model columns, image rows, caption + time + a labelled button per cell', async () => {
    const { el, controller } = await mount(fakeClient());
    await tick(el, 'Shapes test model');
    await tick(el, 'Tiny Florence-2');
    await pick(el, [png('a.png'), png('broken.png')]);
    await runAndWait(el, controller);
    expect(text(q(el, 'table caption'))).toBe('Captions by photo and model');
    expect(all(el, 'thead th').map((th) => [th.getAttribute('scope'), text(th)])).toEqual([
      ['col', 'Photo'],
      ['col', 'Shapes test model (built by this project)'],
      ['col', 'Tiny Florence-2 (random weights, for tests)'],
    ]);
    expect(all(el, 'tbody th').map((th) => [th.getAttribute('scope'), text(th)])).toEqual([
      ['row', 'a.png'],
      ['row', 'broken.png'],
    ]);
    const cells = all(el, 'tbody td').map((td) => [td.dataset['status'], text(td.querySelector('[data-role=caption]') ?? td.querySelector('[data-role=error]')), text(td.querySelector('[data-role=time]'))]);
    expect(cells).toEqual([
      ['done', 'Shapes-captioner on a.png.', '0.4 s'],
      ['done', 'Tiny-florence2 on a.png.', '1.3 s'],
      ['done', 'Shapes-captioner on broken.png.', '0.4 s'],
      ['failed', 'Failed: Out of memory', ''],
    ]);
    expect(all(el, 'button[data-role=use]').map((b) => [text(b), b.getAttribute('aria-label')])).toEqual([
      ['Use this caption', 'Use this caption for a.png from Shapes test model (built by this project)'],
      ['Use this caption', 'Use this caption for a.png from Tiny Florence-2 (random weights, for tests)'],
      ['Use this caption', 'Use this caption for broken.png from Shapes test model (built by this project)'],
    ]);
    expect(q(el, '[role=status]')?.getAttribute('aria-live')).toBe('polite');
    expect(text(q(el, '[data-role=compare-status]'))).toBe('Comparison finished: 3 captions written, 1 failed.');
  });

  it('shows a status in each cell while running, moves focus to Cancel, and Cancel stops the run', async () => {
    let release = (): void => {};
    const gate = new Promise<void>((r) => (release = r));
    const { el, controller } = await mount(fakeClient(() => gate));
    await tick(el, 'Shapes test model');
    await pick(el, [png('a.png'), png('b.png')]);
    button(el, 'run').focus();
    button(el, 'run').click();
    await until(controller, 'change', () => controller.table?.cells[0]?.[0]?.status === 'running');
    await el.updateComplete;
    expect(all(el, 'tbody td').map((td) => [td.dataset['status'], text(td)])).toEqual([
      ['running', 'Writing…'],
      ['waiting', 'Waiting'],
    ]);
    expect(button(el, 'run').disabled).toBe(true);
    expect(root(el).activeElement).toBe(button(el, 'cancel'));
    button(el, 'cancel').click();
    release();
    await until(controller, 'change', () => !controller.running);
    await el.updateComplete;
    expect(all(el, 'tbody td').map((td) => td.dataset['status'])).toEqual(['cancelled', 'cancelled']);
    expect(root(el).activeElement).toBe(button(el, 'run'));
    expect(text(q(el, '[data-role=compare-status]'))).toBe('Comparison cancelled: 0 captions written.');
  });

  it('"Use this caption" hands that image, text and model to the app and says it was added', async () => {
    const { el, controller, adopt } = await mount(fakeClient());
    await tick(el, 'Shapes test model');
    const image = png('a.png');
    await pick(el, [image]);
    await runAndWait(el, controller);
    button(el, 'use').click();
    await until(controller, 'change', () => controller.table?.cells[0]?.[0]?.adopted === true);
    expect(adopt).toHaveBeenCalledWith(image, 'Shapes-captioner on a.png.', { modelId: SHAPES, durationMs: 420 });
    await el.updateComplete;
    expect(text(q(el, '[data-role=adopted]'))).toBe('Added to your photos.');
  });

  it('"Export JSON" downloads the table as altscribe-compare-<date>.json in the seed script shape', async () => {
    const { el, controller } = await mount(fakeClient());
    await tick(el, 'Shapes test model');
    await tick(el, 'Tiny Florence-2');
    await pick(el, [png('a.png')]);
    await runAndWait(el, controller);
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (blobs.push(b as Blob), 'blob:compare'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    expect(button(el, 'export').disabled).toBe(false);
    button(el, 'export').click();
    expect(clicked.map((a) => [a.download, a.href])).toEqual([[compareJsonFileName(new Date()), 'blob:compare']]);
    expect(JSON.parse(await blobs[0]!.text())).toEqual([{ image: 'a.png', 'alt-texts': { [SHAPES]: 'Shapes-captioner on a.png.', [FLORENCE]: 'Tiny-florence2 on a.png.' } }]);
  });
});

describe('formatSeconds', () => {
  it('shows one decimal and a unit', () => {
    expect([formatSeconds(420), formatSeconds(1250), formatSeconds(0), formatSeconds(61_000)]).toEqual(['0.4 s', '1.3 s', '0.0 s', '61.0 s']);
  });
});
