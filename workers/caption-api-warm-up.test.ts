// @vitest-environment node
import 'fake-indexeddb/auto';
import { resolve } from 'node:path';
import { env } from '@huggingface/transformers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Captioner } from './captioner';
import { EncoderDecoderCaptioner } from './encoder-decoder-captioner';

/**
 * CaptionWorkerApi's warm-up against the real fixture model in Node: only the family loader is
 * replaced, by one that loads the fixture from disk (onnxruntime-node) and records what the
 * warm-up asked of it, so skipping is observed in the runs themselves, not in flags.
 */
const MODEL_DIR = resolve(import.meta.dirname, '../public/models/altscribe/shapes-captioner');
const probe = vi.hoisted(() => ({
  /** Resolves the loader's promise; replaced per test to hold a load before its warm-up. */
  gate: Promise.resolve() as Promise<void>,
  /** Called when a load reaches the gate. */
  atGate: (() => {}) as () => void,
  runs: [] as { text: Promise<string> }[],
  onRun: (() => {}) as () => void,
  /** What the worker asked the loader for. */
  options: [] as unknown[],
}));

vi.mock('./load-captioner', () => ({
  loadCaptioner: async (_family: string, _path: string, options: unknown): Promise<Captioner> => {
    probe.options.push(options);
    probe.atGate();
    await probe.gate;
    // Disk files, not the app's IndexedDB cache or its /models/ URL (the loader is what is replaced here).
    env.useCustomCache = false;
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    const real = await EncoderDecoderCaptioner.load(MODEL_DIR, { dtype: 'q8' });
    return {
      caption: (image, options, run) => {
        const text = real.caption(image, options, run);
        probe.runs.push({ text });
        probe.onRun();
        return text;
      },
      dispose: () => real.dispose(),
    };
  },
}));

const { CaptionWorkerApi } = await import('./caption-api');
const request = { modelId: 'altscribe/shapes-captioner', device: 'wasm', dtype: 'q8', baseUrl: '/', warmUp: true } as const;

beforeAll(() => {
  vi.stubGlobal('self', { location: { origin: 'http://localhost' } });
});

afterEach(() => {
  probe.gate = Promise.resolve();
  probe.atGate = () => {};
  probe.runs = [];
  probe.onRun = () => {};
});

describe('CaptionWorkerApi warm-up', () => {
  it('a load asked to warm up runs both blank captions to their full length', async () => {
    const api = new CaptionWorkerApi();
    const loaded = await api.load(request);
    expect(loaded.warmUpMs).toEqual(expect.any(Number));
    expect(probe.runs).toHaveLength(2);
    const words = (await probe.runs[0]!.text).split(/\s+/).filter(Boolean);
    expect(words.length).toBeGreaterThan(4); // 16 tokens: the comparison below means something
    await api.dispose();
  });

  it('skipWarmUp during the warm-up stops it after a token: loaded, no warmUpMs, no second pass', async () => {
    const api = new CaptionWorkerApi();
    probe.onRun = () => {
      if (probe.runs.length === 1) api.skipWarmUp();
    };
    const loaded = await api.load(request);
    expect(loaded.modelId).toBe(request.modelId);
    expect(loaded.warmUpMs).toBeUndefined();
    expect(probe.runs).toHaveLength(1);
    // Interrupted after its first token, the blank caption is at most a word or two, not 16 tokens.
    const words = (await probe.runs[0]!.text).split(/\s+/).filter(Boolean);
    expect(words.length).toBeLessThanOrEqual(2);
    await api.dispose();
  });

  it('skipWarmUp before the load reaches its warm-up drops the warm-up entirely', async () => {
    const api = new CaptionWorkerApi();
    let release: () => void = () => {};
    probe.gate = new Promise<void>((r) => (release = r));
    const atGate = new Promise<void>((r) => (probe.atGate = r));
    const loading = api.load(request);
    await atGate;
    api.skipWarmUp();
    release();
    const loaded = await loading;
    expect(loaded.warmUpMs).toBeUndefined();
    expect(probe.runs).toHaveLength(0);
    await api.dispose();
  });

  it('skipWarmUp with no load running leaves the next warm-up alone', async () => {
    const api = new CaptionWorkerApi();
    api.skipWarmUp();
    const loaded = await api.load(request);
    expect(loaded.warmUpMs).toEqual(expect.any(Number));
    expect(probe.runs).toHaveLength(2);
    await api.dispose();
  });

  it('turns off onnxruntime’s spin-waiting threads only when asked, and freshly for each load', async () => {
    probe.options.length = 0;
    const quiet = new CaptionWorkerApi();
    await quiet.load({ ...request, warmUp: false, spinWait: false });
    await quiet.dispose();
    const spinning = new CaptionWorkerApi();
    await spinning.load({ ...request, warmUp: false });
    await spinning.dispose();
    const [off, on] = probe.options as { sessionOptions?: unknown }[];
    expect(off?.sessionOptions).toEqual({ extra: { session: { intra_op: { allow_spinning: '0' } } } });
    expect(on?.sessionOptions).toBeUndefined();
  });

  it('passes the symbolic dimensions to fix on to every session of the model', async () => {
    probe.options.length = 0;
    const api = new CaptionWorkerApi();
    await api.load({ ...request, warmUp: true, freeDimensions: { batch_size: 1 } });
    expect((probe.options[0] as { sessionOptions?: unknown }).sessionOptions).toEqual({ freeDimensionOverrides: { batch_size: 1 } });
    await api.dispose();
  });
});
