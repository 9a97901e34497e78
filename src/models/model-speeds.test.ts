import { describe, expect, it } from 'vitest';
import type { Capabilities, Device } from './model-types';
import { findModel, MODELS } from './registry';
import { modelSpeeds, type ModelSpeedsDeps } from './model-speeds';

const FLORENCE = 'onnx-community/Florence-2-base-ft';
const DISTILVIT = 'Mozilla/distilvit';
const VIT_GPT2 = 'Xenova/vit-gpt2-image-captioning';
const SHAPES = 'altscribe/shapes-captioner';
const SHAPES_FLORENCE = 'altscribe/shapes-florence2';

const cpuOnly: Capabilities = { webgpu: { adapter: false, shaderF16: false }, deviceMemoryGiB: 8, hardwareConcurrency: 2, crossOriginIsolated: true, storage: { quotaBytes: 10e9, usageBytes: 0 } };

/** A table measured on WASM only, fixtures included. */
const TABLE: Record<string, number> = { [FLORENCE]: 10, [DISTILVIT]: 2, [VIT_GPT2]: 2, [SHAPES]: 1, [SHAPES_FLORENCE]: 4 };
const table = (modelId: string, device: Device) => (device === 'wasm' ? (TABLE[modelId] ?? null) : null);

function speeds(patch: Partial<ModelSpeedsDeps> = {}) {
  return modelSpeeds({ capabilities: () => cpuOnly, models: () => MODELS, lookup: findModel, preference: () => 'auto', chosen: () => FLORENCE, useModel: () => undefined, secondsPerPhoto: table, ...patch });
}

describe('modelSpeeds', () => {
  it('names models without the parenthesis of their label', () => {
    expect(speeds().name(FLORENCE)).toBe('Florence-2 base');
    expect(speeds().name('someone/unknown')).toBe('someone/unknown');
  });

  it('lists the measured models this device can run, as ratios to the current one, in registry order', () => {
    const list = speeds().candidates(FLORENCE, 'wasm');
    expect(list.slice(0, 2)).toEqual([
      { modelId: DISTILVIT, ratio: 0.2 },
      { modelId: VIT_GPT2, ratio: 0.2 },
    ]);
    expect(list.map((c) => c.modelId)).not.toContain(SHAPES);
  });

  it('offers nothing before the device is probed, for an unmeasured current model, or on an unmeasured device', () => {
    expect(speeds({ capabilities: () => null }).candidates(FLORENCE, 'wasm')).toEqual([]);
    expect(speeds().candidates('HuggingFaceTB/SmolVLM-256M-Instruct', 'wasm')).toEqual([]);
    expect(speeds().candidates(FLORENCE, 'webgpu')).toEqual([]);
  });

  it('leaves out models the recommendation rejects on this device', () => {
    // ViT-GPT2's download (about 250 MB) does not fit in 200 MB of free storage; DistilViT's (about 180 MB) does.
    const small: Capabilities = { ...cpuOnly, storage: { quotaBytes: 200e6, usageBytes: 0 } };
    expect(speeds({ capabilities: () => small }).candidates(FLORENCE, 'wasm')).toEqual([{ modelId: DISTILVIT, ratio: 0.2 }]);
  });

  it('never offers a model whose number is only a lower bound', () => {
    expect(speeds({ offerable: (id) => id !== DISTILVIT }).candidates(FLORENCE, 'wasm')).toEqual([{ modelId: VIT_GPT2, ratio: 0.2 }]);
  });

  it('with the measured table, offers a measured model but never one whose number is a shape estimate', () => {
    const measured = modelSpeeds({ capabilities: () => cpuOnly, models: () => MODELS, lookup: findModel, preference: () => 'auto', chosen: () => FLORENCE, useModel: () => undefined });
    const offered = measured.candidates(FLORENCE, 'wasm').map((c) => c.modelId);
    expect(offered).toContain(DISTILVIT);
    // vit-gpt2's number is distilvit's shape, not its own run.
    expect(offered).not.toContain(VIT_GPT2);
  });

  it('offers fixtures only instead of a fixture', () => {
    expect(speeds().candidates(SHAPES_FLORENCE, 'wasm').map((c) => c.modelId)).toEqual([SHAPES]);
  });
});
