import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaptionCall, ModelReady } from '../client/caption-client';
import { parseCompareJson } from '../export/compare-json';
import type { DownloadPlan } from '../models/download-plan';
import type { CaptionOptions, CaptionOutcome, DevicePreference, Dtype, RuntimeChoice } from '../models/model-types';
import { findModel, getModel, type ModelEntry } from '../models/registry';
import { clearResults, listResults, type CachedModelSummary } from '../storage';
import { AltscribeController } from './altscribe-controller';
import { CompareController, type CompareClient } from './compare-controller';
import { until } from '../test-support/wait';

const SHAPES = 'altscribe/shapes-captioner';
const FLORENCE = 'altscribe/tiny-florence2';
const HUB = 'Mozilla/distilvit';
const png = (name: string) => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1])], name, { type: 'image/png' });

/** Records every call in order; captions say which model wrote them, so cells can be checked. */
class FakeClient implements CompareClient {
  calls: string[] = [];
  loaded = '';
  failLoad = new Set<string>();
  failCaption = new Set<string>();
  missingFiles = 0;
  gate: Promise<void> = Promise.resolve();
  options: CaptionOptions[] = [];
  ensureModel = vi.fn(async (modelId: string, device: DevicePreference, _p?: unknown, dtype?: Dtype): Promise<ModelReady> => {
    this.calls.push(`load ${modelId} ${device}${dtype ? ` ${dtype}` : ''}`);
    if (this.failLoad.has(modelId)) throw new Error('[model-load-failed] No such file');
    this.loaded = modelId;
    return { modelId, device: 'wasm', dtype: 'q8', wasmThreads: 1, loadMs: 1, reason: 'test' };
  });
  planDownload = vi.fn(async (modelId: string, preference: DevicePreference): Promise<{ choice: RuntimeChoice; plan: DownloadPlan }> => {
    this.calls.push(`plan ${modelId} ${preference}`);
    const plan: DownloadPlan = { files: [], totalBytes: 100, bytesToDownload: this.missingFiles * 10, filesToDownload: this.missingFiles, exact: true };
    return { choice: { device: 'wasm', dtype: 'q8', reason: '' }, plan };
  });
  async caption(_image: Blob, fileName: string, options: CaptionOptions, call: CaptionCall = {}): Promise<CaptionOutcome> {
    this.calls.push(`caption ${this.loaded} ${fileName}`);
    this.options.push(options);
    if (this.failCaption.has(`${this.loaded} ${fileName}`)) throw new Error('[inference-failed] Broke on ' + fileName);
    const model = this.loaded.split('/')[1]!;
    call.onText?.('image of ');
    await this.gate;
    if (call.signal?.aborted) return { text: 'image of', interrupted: true, durationMs: 50, width: 8, height: 8, thumbnail: null };
    call.onText?.(`${model} ${fileName}`);
    return { text: `image of  ${model} ${fileName}`, interrupted: false, durationMs: fileName.length * 100, width: 8, height: 8, thumbnail: null };
  }
  dispose = vi.fn(() => void this.calls.push('dispose'));
}

function makeCompare(client: FakeClient, cached: CachedModelSummary[] = [], adopt = vi.fn(async () => {})) {
  return new CompareController({ client, devicePreference: () => 'wasm', adopt, listCached: async () => cached });
}

async function ready(client: FakeClient, models: string[], images: File[], cached: CachedModelSummary[] = []) {
  const compare = makeCompare(client, cached);
  await compare.refreshModels();
  for (const id of models) compare.setSelected(id, true);
  compare.setImages(images);
  return compare;
}

const cells = (c: CompareController) => c.table!.cells.map((row) => row.map((cell) => [cell.status, cell.text, cell.durationMs ?? null, cell.error ?? null]));

afterEach(async () => {
  await clearResults();
});

describe('CompareController model choices', () => {
  it('offers the app-served fixtures and downloaded hub models, never a hub model that is not cached', async () => {
    const compare = makeCompare(new FakeClient(), [
      { modelId: HUB, files: 4, bytes: 1, lastStoredAt: 1 },
      { modelId: SHAPES, files: 3, bytes: 1, lastStoredAt: 1 },
      { modelId: 'https://cdn.example/ort', files: 1, bytes: 1, lastStoredAt: 1 },
    ]);
    await compare.refreshModels();
    expect(compare.choices.map((c) => [c.modelId, c.origin])).toEqual([
      [HUB, 'cached'],
      [SHAPES, 'app'],
      [FLORENCE, 'app'],
      ['altscribe/shapes-florence2', 'app'],
      ['altscribe/tiny-smolvlm', 'app'],
      ['altscribe/tiny-fastvlm', 'app'],
      ['altscribe/tiny-lfm2-vl', 'app'],
    ]);
    compare.setSelected('onnx-community/Florence-2-base-ft', true);
    expect(compare.selected).toEqual([]);
  });

  it('offers a model the person added from a folder or a URL once its files are stored', async () => {
    const folderModel = { ...getModel(SHAPES), id: 'local/my-captioner', label: 'my-captioner (your folder)', fixture: false, source: { kind: 'folder' as const } };
    const compare = new CompareController({
      client: new FakeClient(),
      devicePreference: () => 'wasm',
      adopt: async () => {},
      listCached: async () => [{ modelId: 'local/my-captioner', files: 5, bytes: 1, lastStoredAt: 1 }],
      lookupModel: (id) => (id === folderModel.id ? (folderModel as ModelEntry) : findModel(id)),
    });
    await compare.refreshModels();
    expect(compare.choices[0]).toEqual({ modelId: 'local/my-captioner', label: 'my-captioner (your folder)', origin: 'cached' });
  });

  it('still offers the fixtures when storage cannot be read', async () => {
    const compare = new CompareController({ client: new FakeClient(), devicePreference: () => 'auto', adopt: async () => {}, listCached: () => Promise.reject(new Error('private mode')) });
    await compare.refreshModels();
    expect(compare.choices.map((c) => c.modelId)).toContain(SHAPES);
  });

  it('keeps the selection in list order whatever order it was ticked in', async () => {
    const compare = await ready(new FakeClient(), [FLORENCE, SHAPES], []);
    expect(compare.selected).toEqual([SHAPES, FLORENCE]);
    compare.setSelected(SHAPES, false);
    expect(compare.selected).toEqual([FLORENCE]);
  });
});

describe('CompareController run', () => {
  it('loads one model at a time, captions every image with it, finishes the text and disposes the client', async () => {
    const client = new FakeClient();
    const compare = await ready(client, [SHAPES, FLORENCE], [png('a.png'), png('bb.png')]);
    await compare.run();
    expect(client.calls).toEqual([
      `load ${SHAPES} wasm`,
      `caption ${SHAPES} a.png`,
      `caption ${SHAPES} bb.png`,
      `load ${FLORENCE} wasm`,
      `caption ${FLORENCE} a.png`,
      `caption ${FLORENCE} bb.png`,
      'dispose',
    ]);
    expect(cells(compare)).toEqual([
      [
        ['done', 'Shapes-captioner a.png.', 500, null],
        ['done', 'Tiny-florence2 a.png.', 500, null],
      ],
      [
        ['done', 'Shapes-captioner bb.png.', 600, null],
        ['done', 'Tiny-florence2 bb.png.', 600, null],
      ],
    ]);
    expect(client.options).toEqual([...Array(2).fill({ maxNewTokens: 12, noRepeatNgramSize: 0, repetitionPenalty: 1 }), ...Array(2).fill({ maxNewTokens: 8, noRepeatNgramSize: 0, repetitionPenalty: 1 })]);
    expect(compare.running).toBe(false);
    expect(compare.status).toBe('Comparison finished: 4 captions written.');
  });

  it('shows streamed text in the running cell', async () => {
    const client = new FakeClient();
    let open = (): void => {};
    client.gate = new Promise((r) => (open = r));
    const compare = await ready(client, [SHAPES], [png('a.png')]);
    const running = compare.run();
    await until(compare, 'change', () => compare.table?.cells[0]?.[0]?.text === 'image of ');
    expect(compare.table?.cells[0]?.[0]).toEqual({ status: 'running', text: 'image of ' });
    open();
    await running;
    expect(compare.table?.cells[0]?.[0]?.status).toBe('done');
  });

  it('a streamed chunk that arrives after the result does not reopen the finished cell', async () => {
    const client = new FakeClient();
    const late: (() => void)[] = [];
    const deliverLate = () => late.splice(0).forEach((deliver) => deliver());
    const caption = client.caption.bind(client);
    client.caption = async (image, name, options, call = {}) => {
      deliverLate(); // the previous image's last chunk lands while this one runs
      const outcome = await caption(image, name, options, call);
      late.push(() => call.onText?.(' late'));
      return outcome;
    };
    const compare = await ready(client, [SHAPES], [png('a.png'), png('bb.png')]);
    await compare.run();
    deliverLate(); // and the last image's, after the run
    expect(cells(compare)).toEqual([[['done', 'Shapes-captioner a.png.', 500, null]], [['done', 'Shapes-captioner bb.png.', 600, null]]]);
  });

  it('a failed caption or a model that will not load stays in its cells; the rest still run', async () => {
    const client = new FakeClient();
    client.failLoad.add(SHAPES);
    client.failCaption.add(`${FLORENCE} a.png`);
    const compare = await ready(client, [SHAPES, FLORENCE], [png('a.png'), png('bb.png')]);
    await compare.run();
    expect(cells(compare)).toEqual([
      [
        ['failed', '', null, 'The model could not be loaded: No such file'],
        ['failed', '', null, 'Broke on a.png'],
      ],
      [
        ['failed', '', null, 'The model could not be loaded: No such file'],
        ['done', 'Tiny-florence2 bb.png.', 600, null],
      ],
    ]);
    expect(client.calls.at(-1)).toBe('dispose');
    expect(compare.status).toBe('Comparison finished: 1 caption written, 3 failed.');
  });

  it('cancel stops the running caption and marks the cells that never ran as cancelled', async () => {
    const client = new FakeClient();
    let open = (): void => {};
    client.gate = new Promise((r) => (open = r));
    const compare = await ready(client, [SHAPES, FLORENCE], [png('a.png'), png('bb.png')]);
    const running = compare.run();
    await until(compare, 'change', () => compare.table?.cells[0]?.[0]?.status === 'running');
    compare.cancel();
    open();
    await running;
    expect(cells(compare).flat().map(([status]) => status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(client.calls).toEqual([`load ${SHAPES} wasm`, `caption ${SHAPES} a.png`, 'dispose']);
    expect(compare.status).toBe('Comparison cancelled: 0 captions written.');
  });

  it('never downloads: a cached hub model with files missing fails without loading', async () => {
    const client = new FakeClient();
    client.missingFiles = 2;
    const compare = await ready(client, [HUB, SHAPES], [png('a.png')], [{ modelId: HUB, files: 1, bytes: 1, lastStoredAt: 1 }]);
    await compare.run();
    expect(client.calls).toEqual([`plan ${HUB} wasm`, `load ${SHAPES} wasm`, `caption ${SHAPES} a.png`, 'dispose']);
    expect(compare.table?.cells[0]?.[0]).toMatchObject({ status: 'failed', error: 'Not fully downloaded for WASM (q8): 2 files missing. Download it from the model panel first.' });
  });

  it('a fully cached hub model loads on the device and dtype its files were found for', async () => {
    const client = new FakeClient();
    const compare = await ready(client, [HUB], [png('a.png')], [{ modelId: HUB, files: 4, bytes: 1, lastStoredAt: 1 }]);
    await compare.run();
    expect(client.calls).toEqual([`plan ${HUB} wasm`, `load ${HUB} wasm q8`, `caption ${HUB} a.png`, 'dispose']);
  });

  it('asks for a model and an image instead of running an empty table', async () => {
    const client = new FakeClient();
    const compare = await ready(client, [], [png('a.png')]);
    await compare.run();
    expect(compare.status).toBe('Choose at least one model to compare.');
    compare.setSelected(SHAPES, true);
    compare.setImages([]);
    await compare.run();
    expect(compare.status).toBe('Choose at least one photo to caption.');
    expect(client.calls).toEqual([]);
    expect(compare.table).toBeNull();
  });
});

describe('CompareController results', () => {
  it('exports finished captions per image in column order, leaving failed cells out', async () => {
    const client = new FakeClient();
    client.failCaption.add(`${SHAPES} bb.png`);
    const compare = await ready(client, [SHAPES, FLORENCE], [png('a.png'), png('bb.png')]);
    await compare.run();
    const file = compare.exportFile(new Date(2026, 10, 27, 10));
    expect(file.fileName).toBe('altscribe-compare-2026-11-27.json');
    expect(file.mimeType).toBe('application/json');
    expect(parseCompareJson(file.text)).toEqual([
      { image: 'a.png', 'alt-texts': { [SHAPES]: 'Shapes-captioner a.png.', [FLORENCE]: 'Tiny-florence2 a.png.' } },
      { image: 'bb.png', 'alt-texts': { [FLORENCE]: 'Tiny-florence2 bb.png.' } },
    ]);
  });

  it('"use this caption" makes an unreviewed, saved photo card with the model and time recorded', async () => {
    const main = new AltscribeController({ ensureModel: vi.fn(), caption: vi.fn() });
    await main.init('');
    const announced: string[] = [];
    main.addEventListener('announce', (e) => announced.push((e as CustomEvent<string>).detail));
    const client = new FakeClient();
    const compare = new CompareController({ client, devicePreference: () => 'wasm', adopt: (f, t, s) => main.adoptCaption(f, t, s), listCached: async () => [] });
    await compare.refreshModels();
    compare.setSelected(SHAPES, true);
    compare.setSelected(FLORENCE, true);
    compare.setImages([png('a.png')]);
    await compare.run();
    await compare.useCaption(0, 1);
    expect(main.cards.map((c) => c.record)).toEqual([expect.objectContaining({ fileName: 'a.png', status: 'done', text: 'Tiny-florence2 a.png.', review: 'unreviewed', modelId: FLORENCE, durationMs: 500 })]);
    expect(await listResults()).toEqual([expect.objectContaining({ fileName: 'a.png', text: 'Tiny-florence2 a.png.', modelId: FLORENCE })]);
    expect(announced).toEqual(['Added a.png to your photos with the chosen alt-text: Tiny-florence2 a.png.']);
    expect(compare.table?.cells[0]?.map((c) => c.adopted ?? false)).toEqual([false, true]);
  });

  it('a cell that did not finish cannot be used', async () => {
    const adopt = vi.fn(async () => {});
    const client = new FakeClient();
    client.failCaption.add(`${SHAPES} a.png`);
    const compare = makeCompare(client, [], adopt);
    await compare.refreshModels();
    compare.setSelected(SHAPES, true);
    compare.setImages([png('a.png')]);
    await compare.run();
    await compare.useCaption(0, 0);
    expect(adopt).not.toHaveBeenCalled();
  });
});
