import { describe, expect, it } from 'vitest';
import { sizeForConsent, type DownloadPlan } from './download-plan';
import { getModel } from './registry';

const plan = (files: DownloadPlan['files']): DownloadPlan => {
  const missing = files.filter((f) => !f.cached);
  const sum = (list: DownloadPlan['files']) => list.reduce((a, f) => a + (f.bytes ?? 0), 0);
  return { files, totalBytes: sum(files), bytesToDownload: sum(missing), filesToDownload: missing.length, exact: missing.every((f) => f.bytes !== null) };
};
const model = getModel('Mozilla/distilvit');

describe('sizeForConsent', () => {
  it('states only the download when nothing is on this device yet', () => {
    const size = sizeForConsent(plan([{ file: 'config.json', bytes: 1_183, cached: false }, { file: 'a.onnx', bytes: 768_178, cached: false }]), model, 'q8');
    expect(size).toEqual({ bytes: 769_361, exact: true, files: 2 });
  });

  it('adds the files an earlier download left, so the whole can be stated', () => {
    const size = sizeForConsent(plan([{ file: 'config.json', bytes: 1_183, cached: true }, { file: 'a.onnx', bytes: 768_178, cached: false }]), model, 'q8');
    expect(size).toEqual({ bytes: 768_178, exact: true, files: 1, stored: { bytes: 1_183, files: 1 } });
  });
});
