// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import type { Capabilities } from '../models/model-types';
import { DeviceAdvisor } from './device-advisor';
import { nextEvent, signal } from '../test-support/wait';

const phone: Capabilities = { webgpu: { adapter: false, shaderF16: false }, deviceMemoryGiB: 2, hardwareConcurrency: 8, crossOriginIsolated: false };

describe('DeviceAdvisor', () => {
  it('probes the device once, whoever asks first, and every caller gets that recommendation', async () => {
    const answer = signal<Capabilities>();
    const capabilities = vi.fn(() => answer.promise);
    const advisor = new DeviceAdvisor({ capabilities });
    const first = advisor.detect();
    const second = advisor.detect();
    const changed = nextEvent(advisor, 'change');
    answer.resolve(phone);
    await changed;
    const recommendation = await first;
    expect(recommendation?.modelId).toEqual(expect.any(String));
    expect(await second).toBe(recommendation);
    expect(await advisor.detect()).toBe(recommendation);
    expect(advisor.capabilities).toBe(phone);
    expect(capabilities).toHaveBeenCalledTimes(1);
  });

  it('a failed probe says why and recommends nothing, without probing again', async () => {
    const capabilities = vi.fn(async (): Promise<Capabilities> => Promise.reject(new Error('worker crashed')));
    const advisor = new DeviceAdvisor({ capabilities });
    await expect(advisor.detect()).resolves.toBeNull();
    await expect(advisor.detect()).resolves.toBeNull();
    expect(advisor.error).toBe('Could not inspect this device: worker crashed');
    expect(capabilities).toHaveBeenCalledTimes(1);
  });
});
