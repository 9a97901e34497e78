// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Capabilities } from './model-types';
import { recommendModel } from './recommend-model';
import { BROWSER_MODEL_ID, MODELS } from './registry';

const GB = 1_000_000_000;
const laptop: Capabilities = {
  webgpu: { adapter: true, shaderF16: true, maxBufferSize: 2 ** 32, maxStorageBufferBindingSize: 2 ** 31, description: 'nvidia ampere' },
  deviceMemoryGiB: 8,
  hardwareConcurrency: 12,
  crossOriginIsolated: true,
  storage: { quotaBytes: 100 * GB, usageBytes: 1 * GB },
};
const withPromptApi = (promptApi: Capabilities['promptApi']): Capabilities => ({ ...laptop, promptApi });

describe("recommendModel and the browser's own model", () => {
  it('recommends it when the browser already has it: nothing to download, the browser picks the device', () => {
    const rec = recommendModel(withPromptApi('available'), MODELS);
    expect(rec.modelId).toBe(BROWSER_MODEL_ID);
    expect(rec.byBrowser).toBe(true);
    expect(rec.reasons).toContain('The browser already has its model, so nothing is downloaded.');
  });

  it.each(['downloadable', 'downloading'] as const)('offers it when %s, without choosing a 4 GB download over a model that fits', (state) => {
    const rec = recommendModel(withPromptApi(state), MODELS);
    expect(rec.modelId).not.toBe(BROWSER_MODEL_ID);
    expect(rec.rejected.map((r) => r.modelId)).not.toContain(BROWSER_MODEL_ID);
  });

  it("rejects it, saying why, when the browser says 'unavailable'", () => {
    const rec = recommendModel(withPromptApi('unavailable'), MODELS);
    expect(rec.modelId).not.toBe(BROWSER_MODEL_ID);
    expect(rec.rejected.find((r) => r.modelId === BROWSER_MODEL_ID)?.why).toMatch(/no built-in model for images here/);
  });

  it('neither offers nor lists it when the page did not probe it', () => {
    const rec = recommendModel(laptop, MODELS);
    expect(rec.modelId).not.toBe(BROWSER_MODEL_ID);
    expect(rec.rejected.map((r) => r.modelId)).not.toContain(BROWSER_MODEL_ID);
  });
});
