import { describe, expect, it, vi } from 'vitest';
import type { DownloadPlan } from '../models/download-plan';
import type { RuntimeChoice } from '../models/model-types';
import { DownloadGate, DownloadRefusedError } from './download-gate';
import { until } from '../test-support/wait';

const FIXTURE = 'altscribe/shapes-captioner';
const choice: RuntimeChoice = { device: 'wasm', dtype: 'q8', reason: '' };
const plan = (cached: boolean, bytes: number | null = 700_000): DownloadPlan => ({
  files: [{ file: 'onnx/encoder_model_quantized.onnx', bytes, cached }],
  totalBytes: bytes ?? 0,
  bytesToDownload: cached ? 0 : (bytes ?? 0),
  filesToDownload: cached ? 0 : 1,
  exact: bytes !== null,
});

function gateWith(p: DownloadPlan, storage = { quota: 10_000_000, available: 4_000_000 }) {
  const planDownload = vi.fn(async () => ({ choice, plan: p }));
  const gate = new DownloadGate({ planDownload }, async () => storage);
  const onChange = vi.fn();
  gate.addEventListener('change', onChange);
  return { gate, planDownload, onChange };
}

/** The gate has put its question to the person. */
const asked = (gate: DownloadGate) => until(gate, 'change', () => gate.request !== null);

describe('DownloadGate', () => {
  it('lets a fully cached model through without asking', async () => {
    const { gate } = gateWith(plan(true));
    await gate.ensure(FIXTURE, 'auto', undefined);
    expect(gate.request).toBeNull();
  });

  it('holds every caption until Download, then asks no more for that model', async () => {
    const { gate, onChange } = gateWith(plan(false));
    let first = false;
    let second = false;
    const a = gate.ensure(FIXTURE, 'auto', undefined).then(() => (first = true));
    const b = gate.ensure(FIXTURE, 'auto', undefined).then(() => (second = true));
    await asked(gate);
    expect(gate.request).toMatchObject({ modelId: FIXTURE, dtype: 'q8', size: { bytes: 700_000, exact: true, files: 1 }, freeBytes: 4_000_000 });
    expect(first || second).toBe(false);
    expect(onChange).toHaveBeenCalled();
    gate.accept();
    await Promise.all([a, b]);
    expect(gate.request).toBeNull();
    await gate.ensure(FIXTURE, 'auto', undefined); // consented this session: no new prompt
    expect(gate.request).toBeNull();
  });

  it('falls back to the registry estimate when the server will not say a size', async () => {
    const { gate } = gateWith(plan(false, null));
    const pending = gate.ensure(FIXTURE, 'auto', undefined);
    await asked(gate);
    expect(gate.request?.size).toEqual({ bytes: 1_000_000, exact: false, files: 1 });
    gate.accept();
    await pending;
  });

  it('Not now fails the waiting photos and the rest of the batch fast, until reset', async () => {
    const { gate, planDownload } = gateWith(plan(false));
    const pending = gate.ensure(FIXTURE, 'auto', undefined);
    await asked(gate);
    gate.decline();
    await expect(pending).rejects.toBeInstanceOf(DownloadRefusedError);
    await expect(gate.ensure(FIXTURE, 'auto', undefined)).rejects.toThrow('declined');
    expect(planDownload).toHaveBeenCalledTimes(1);
    gate.reset();
    const again = gate.ensure(FIXTURE, 'auto', undefined);
    await asked(gate);
    expect(gate.request).not.toBeNull();
    gate.accept();
    await again;
  });

  it('a cancelled download withdraws consent, so the next attempt asks again', async () => {
    const { gate } = gateWith(plan(false));
    const pending = gate.ensure(FIXTURE, 'auto', undefined);
    await asked(gate);
    gate.accept();
    await pending;
    gate.cancelled(FIXTURE);
    await expect(gate.ensure(FIXTURE, 'auto', undefined)).rejects.toThrow('cancelled');
    gate.reset();
    const again = gate.ensure(FIXTURE, 'auto', undefined);
    await asked(gate);
    expect(gate.request?.modelId).toBe(FIXTURE);
    gate.decline();
    await expect(again).rejects.toThrow('declined');
  });
});
