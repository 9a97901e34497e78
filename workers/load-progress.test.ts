import { describe, expect, it } from 'vitest';
import { LoadProgressTracker } from './load-progress';

describe('LoadProgressTracker', () => {
  it('sums per-file bytes into one percentage and counts files', () => {
    const t = new LoadProgressTracker();
    t.update({ status: 'initiate', name: 'm', file: 'config.json' });
    t.update({ status: 'initiate', name: 'm', file: 'onnx/encoder_model.onnx' });
    t.update({ status: 'progress', name: 'm', file: 'config.json', progress: 100, loaded: 1000, total: 1000 });
    t.update({ status: 'done', name: 'm', file: 'config.json' });
    const p = t.update({ status: 'progress', name: 'm', file: 'onnx/encoder_model.onnx', progress: 25, loaded: 750, total: 3000 });
    expect(p).toMatchObject({ loadedBytes: 1750, totalBytes: 4000, percent: 43.8, filesDone: 1, filesTotal: 2, file: 'onnx/encoder_model.onnx', phase: 'downloading' });
  });

  it('prefers the aggregate total when transformers.js could size every file up front', () => {
    const t = new LoadProgressTracker();
    t.update({ status: 'progress', name: 'm', file: 'a', progress: 50, loaded: 50, total: 100 });
    const p = t.update({ status: 'progress_total', name: 'm', progress: 5, loaded: 50, total: 1000, files: {} });
    expect(p).toMatchObject({ loadedBytes: 50, totalBytes: 1000, percent: 5 });
  });

  it('reports an unknown total as null rather than a fake percentage', () => {
    const t = new LoadProgressTracker();
    const p = t.update({ status: 'download', name: 'm', file: 'a' });
    expect(p).toMatchObject({ totalBytes: null, percent: null, phase: 'downloading' });
  });

  it('moves to initializing once every file is done, and to ready at the end', () => {
    const t = new LoadProgressTracker();
    t.update({ status: 'progress', name: 'm', file: 'a', progress: 100, loaded: 10, total: 10 });
    expect(t.update({ status: 'done', name: 'm', file: 'a' }).phase).toBe('initializing');
    expect(t.update({ status: 'ready', task: 'image-to-text', model: 'm' }).phase).toBe('ready');
  });
});
