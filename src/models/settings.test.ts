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

describe('resolveSettings second opinion', () => {
  it('takes the second model from the URL, else from saved settings', () => {
    expect(resolveSettings('?second=altscribe/tiny-florence2', undefined).secondModelId).toBe('altscribe/tiny-florence2');
    expect(resolveSettings('', { secondModelId: 'altscribe/tiny-florence2' }).secondModelId).toBe('altscribe/tiny-florence2');
    expect(resolveSettings('?second=none', { secondModelId: 'altscribe/tiny-florence2' }).secondModelId).toBeUndefined();
  });
  it('never uses the main model or an unknown one as the second', () => {
    expect(resolveSettings('?model=altscribe/tiny-florence2&second=altscribe/tiny-florence2', undefined).secondModelId).toBeUndefined();
    expect(resolveSettings('?second=evil/model', undefined).secondModelId).toBeUndefined();
  });
  it('checks each caption on a zoomed-out copy unless turned off (?zoomCheck=off, or saved off); the URL wins', () => {
    expect(resolveSettings('', undefined).zoomCheck).toBeUndefined();
    expect(resolveSettings('?zoomCheck=off', undefined).zoomCheck).toBe(false);
    expect(resolveSettings('', { zoomCheck: false }).zoomCheck).toBe(false);
    expect(resolveSettings('?zoomCheck=on', { zoomCheck: false }).zoomCheck).toBeUndefined();
    expect(resolveSettings('', { zoomCheck: 'no' }).zoomCheck).toBeUndefined();
  });
  it('runs on risky captions unless all are asked for', () => {
    expect(resolveSettings('?second=altscribe/tiny-florence2', undefined).secondScope).toBeUndefined();
    expect(resolveSettings('?second=altscribe/tiny-florence2&secondScope=all', undefined).secondScope).toBe('all');
    expect(resolveSettings('', { secondScope: 'all' }).secondScope).toBe('all');
  });
});

describe('resolveSettings language', () => {
  const known = (): boolean => false;
  it('defaults to the browser language when some model here writes it, else English', () => {
    expect(resolveSettings('', undefined, known, 'fr-CA').language).toBe('fr');
    expect(resolveSettings('', undefined, known, 'de').language).toBe('de');
    expect(resolveSettings('', undefined, known, 'ja-JP').language).toBeUndefined();
    expect(resolveSettings('', undefined, known, 'en-GB').language).toBeUndefined();
    expect(resolveSettings('', undefined, known, undefined).language).toBeUndefined();
  });
  it('takes ?lang= over saved settings, and saved settings over the browser', () => {
    expect(resolveSettings('?lang=de', { language: 'fr' }, known, 'es').language).toBe('de');
    expect(resolveSettings('?lang=FR-be', undefined, known, 'en').language).toBe('fr');
    expect(resolveSettings('', { language: 'fr' }, known, 'es').language).toBe('fr');
  });
  it('keeps a saved English choice in a browser set to another language', () => {
    expect(resolveSettings('', { language: 'en' }, known, 'fr').language).toBeUndefined();
    expect(resolveSettings('?lang=en', { language: 'fr' }, known, 'fr').language).toBeUndefined();
  });
  it('ignores languages nothing here writes, and malformed values', () => {
    expect(resolveSettings('?lang=xx', undefined, known, 'en').language).toBeUndefined();
    expect(resolveSettings('?lang=<script>', { language: 42 }, known, 'es').language).toBe('es');
  });
});
