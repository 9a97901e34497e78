import type { ProgressInfo } from '@huggingface/transformers';
import type { LoadProgress } from '../src/models/model-types';

/**
 * Folds transformers.js progress events into one bytes/percent/files view for the progress bar.
 *
 * transformers.js reports per-file events and, when it could size every file up front, a
 * `progress_total` aggregate. Files served from the cache report a single 100 % event, so the
 * totals add up whether a model comes from the network, the cache, or both.
 */
export class LoadProgressTracker {
  private readonly files = new Map<string, { loaded: number; total: number; done: boolean }>();
  private aggregate: { loaded: number; total: number } | null = null;
  private current: string | null = null;

  update(info: ProgressInfo): LoadProgress {
    switch (info.status) {
      case 'initiate':
      case 'download':
        this.touch(info.file);
        this.current = info.file;
        break;
      case 'progress':
        this.touch(info.file);
        Object.assign(this.files.get(info.file)!, { loaded: info.loaded, total: info.total });
        this.current = info.file;
        break;
      case 'progress_total':
        this.aggregate = { loaded: info.loaded, total: info.total };
        break;
      case 'done': {
        const file = this.touch(info.file);
        file.done = true;
        if (file.total > 0) file.loaded = file.total;
        break;
      }
      case 'ready':
        return { ...this.snapshot(), phase: 'ready', file: null };
    }
    return this.snapshot();
  }

  snapshot(): LoadProgress {
    const entries = [...this.files.values()];
    const summed = entries.reduce((acc, f) => ({ loaded: acc.loaded + f.loaded, total: acc.total + f.total }), { loaded: 0, total: 0 });
    const { loaded, total } = this.aggregate && this.aggregate.total >= summed.total ? this.aggregate : summed;
    const filesDone = entries.filter((f) => f.done).length;
    const allDone = entries.length > 0 && filesDone === entries.length;
    return {
      loadedBytes: loaded,
      totalBytes: total > 0 ? total : null,
      percent: total > 0 ? Math.min(100, Math.round((loaded / total) * 1000) / 10) : null,
      file: allDone ? null : this.current,
      filesDone,
      filesTotal: entries.length,
      phase: allDone ? 'initializing' : 'downloading',
    };
  }

  private touch(file: string): { loaded: number; total: number; done: boolean } {
    let entry = this.files.get(file);
    if (!entry) this.files.set(file, (entry = { loaded: 0, total: 0, done: false }));
    return entry;
  }
}
