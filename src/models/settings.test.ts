import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_ID } from './registry';
import { resolveSettings } from './settings';

describe('resolveSettings', () => {
  it('uses defaults when nothing is known', () => {
    expect(resolveSettings('', undefined)).toEqual({ modelId: DEFAULT_MODEL_ID, device: 'auto' });
  });
  it('prefers the URL over saved settings', () => {
    expect(resolveSettings('?model=altscribe/shapes-captioner&device=wasm', { modelId: 'Mozilla/distilvit', device: 'webgpu' })).toEqual({
      modelId: 'altscribe/shapes-captioner',
      device: 'wasm',
    });
  });
  it('uses saved settings when the URL has none', () => {
    expect(resolveSettings('', { modelId: 'Xenova/vit-gpt2-image-captioning', device: 'webgpu' })).toEqual({ modelId: 'Xenova/vit-gpt2-image-captioning', device: 'webgpu' });
  });
  it('ignores unknown models, devices and malformed saved values', () => {
    expect(resolveSettings('?model=evil/model&device=quantum', { modelId: 42, device: null })).toEqual({ modelId: DEFAULT_MODEL_ID, device: 'auto' });
    expect(resolveSettings('', 'not an object')).toEqual({ modelId: DEFAULT_MODEL_ID, device: 'auto' });
  });
});

describe('resolveSettings dtype', () => {
  it('takes a known dtype from the URL only', () => {
    expect(resolveSettings('?dtype=fp16', undefined).dtype).toBe('fp16');
    expect(resolveSettings('?dtype=int3', undefined).dtype).toBeUndefined();
  });
});
