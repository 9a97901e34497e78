import { test, expect } from './support/console';

// Runs only in the `webgpu` Playwright project (Chromium with --enable-unsafe-webgpu; SwiftShader, no real GPU).

interface AdapterProbe {
  hasGpu: boolean;
  adapter: boolean;
  shaderF16: boolean;
  isFallbackAdapter: boolean | null;
  info: string;
  device: boolean;
}

test('WebGPU adapter is available @webgpu', async ({ page }) => {
  await page.goto('/');

  // Typed locally: the node tsconfig has no @webgpu/types.
  const probe = await page.evaluate(async (): Promise<AdapterProbe> => {
    interface Adapter {
      features: { has(name: string): boolean };
      info?: { vendor?: string; architecture?: string; isFallbackAdapter?: boolean };
      isFallbackAdapter?: boolean;
      requestDevice(): Promise<{ destroy(): void } | null>;
    }
    const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<Adapter | null> } }).gpu;
    if (!gpu) return { hasGpu: false, adapter: false, shaderF16: false, isFallbackAdapter: null, info: '', device: false };
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { hasGpu: true, adapter: false, shaderF16: false, isFallbackAdapter: null, info: '', device: false };
    const device = await adapter.requestDevice();
    device?.destroy();
    return {
      hasGpu: true,
      adapter: true,
      shaderF16: adapter.features.has('shader-f16'),
      isFallbackAdapter: adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? null,
      info: `${adapter.info?.vendor ?? '?'}/${adapter.info?.architecture ?? '?'}`,
      device: device !== null,
    };
  });

  console.log(
    `[webgpu] adapter=${probe.adapter} (${probe.info}, fallback=${String(probe.isFallbackAdapter)}) ` +
      `shader-f16=${probe.shaderF16 ? 'present' : 'absent'}`,
  );
  test.info().annotations.push({ type: 'shader-f16', description: probe.shaderF16 ? 'present' : 'absent' });

  expect(probe.hasGpu, 'navigator.gpu is missing').toBe(true);
  expect(probe.adapter, 'navigator.gpu.requestAdapter() returned null').toBe(true);
  expect(probe.device, 'adapter.requestDevice() failed').toBe(true);
});
