import { describe, expect, it } from 'vitest';
import { CPU_QUALITY_FACTOR, cpuOrder, cpuScore } from './cpu-order';
import { measuredSpeed, secondsPerPhoto } from './measured-speed';
import { MODELS } from './registry';

const FLORENCE_BASE = 'onnx-community/Florence-2-base-ft';
const FLORENCE_LARGE = 'onnx-community/Florence-2-large-ft';
const SMOLVLM_256 = 'HuggingFaceTB/SmolVLM-256M-Instruct';
const SMOLVLM_500 = 'HuggingFaceTB/SmolVLM-500M-Instruct';
const DISTILVIT = 'Mozilla/distilvit';
const VIT_GPT2 = 'Xenova/vit-gpt2-image-captioning';

describe('secondsPerPhoto', () => {
  it('answers for every CPU-capable registry model of a timed family, on WASM only', () => {
    for (const id of [FLORENCE_BASE, FLORENCE_LARGE, SMOLVLM_256, SMOLVLM_500, DISTILVIT, VIT_GPT2]) {
      expect(secondsPerPhoto(id, 'wasm')).toBeGreaterThan(0);
      expect(secondsPerPhoto(id, 'webgpu')).toBeNull();
    }
    expect(secondsPerPhoto('someone/new-captioner', 'wasm')).toBeNull();
    expect(secondsPerPhoto('altscribe/tiny-florence2', 'wasm')).toBeNull();
  });

  it('names what each number rests on: measured shapes for the timed models, estimates for their larger siblings, with the run date', () => {
    expect([FLORENCE_BASE, SMOLVLM_256, DISTILVIT].map((id) => measuredSpeed(id)?.basis)).toEqual(['measured', 'measured', 'measured']);
    expect([FLORENCE_LARGE, SMOLVLM_500, VIT_GPT2].map((id) => measuredSpeed(id)?.basis)).toEqual(['shape estimate', 'shape estimate', 'shape estimate']);
    for (const id of [FLORENCE_BASE, FLORENCE_LARGE, SMOLVLM_256, SMOLVLM_500, DISTILVIT, VIT_GPT2]) expect(measuredSpeed(id)?.measuredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('gives an estimate the number of the measured model of its shape', () => {
    expect(secondsPerPhoto(FLORENCE_LARGE, 'wasm')).toBe(secondsPerPhoto(FLORENCE_BASE, 'wasm'));
    expect(secondsPerPhoto(SMOLVLM_500, 'wasm')).toBe(secondsPerPhoto(SMOLVLM_256, 'wasm'));
    expect(secondsPerPhoto(VIT_GPT2, 'wasm')).toBe(secondsPerPhoto(DISTILVIT, 'wasm'));
  });
});

describe('cpuOrder', () => {
  it('weights seconds by the quality factor', () => {
    expect(cpuScore(DISTILVIT)).toBeCloseTo((secondsPerPhoto(DISTILVIT, 'wasm') ?? NaN) * 2, 6);
    expect(cpuScore(FLORENCE_BASE)).toBeCloseTo(secondsPerPhoto(FLORENCE_BASE, 'wasm') ?? NaN, 6);
    expect(cpuScore('someone/new-captioner')).toBeNull();
  });

  it('ranks by weighted seconds, whatever order the models come in', () => {
    const ids = Object.keys(CPU_QUALITY_FACTOR);
    const ranked = cpuOrder(ids);
    // Rounded: scores equal up to floating point are a tie, ordered by the tie rules.
    const scores = ranked.map((id) => Math.round((cpuScore(id) ?? Infinity) * 1e6) / 1e6);
    expect([...scores].sort((a, b) => a - b)).toEqual(scores);
    expect(cpuOrder([...ids].reverse())).toEqual(ranked);
  });

  it('puts a measured model before the estimate that borrows its number', () => {
    const ranked = cpuOrder([FLORENCE_LARGE, FLORENCE_BASE, SMOLVLM_500, SMOLVLM_256]);
    expect(ranked.indexOf(FLORENCE_BASE)).toBeLessThan(ranked.indexOf(FLORENCE_LARGE));
    expect(ranked.indexOf(SMOLVLM_256)).toBeLessThan(ranked.indexOf(SMOLVLM_500));
  });

  it('ranks untimed models last, in the order given', () => {
    expect(cpuOrder(['b/untimed', DISTILVIT, 'a/untimed'])).toEqual([DISTILVIT, 'b/untimed', 'a/untimed']);
  });

  it('covers every registry model that runs on WASM and has a timed family', () => {
    const cpuModels = MODELS.filter((m) => !m.fixture && m.dtypes.wasm && ['encoder-decoder', 'florence2', 'smolvlm'].includes(m.family));
    for (const m of cpuModels) expect(CPU_QUALITY_FACTOR[m.id]).toBeDefined();
  });
});
