import { wrap, type Remote } from 'comlink';
import type { IntakeWorkerApi } from '../../workers/intake-api';
import type { FileInspection } from '../intake/inspect-file';

/**
 * The only code that creates the intake worker, which sniffs and hashes added files off the
 * main thread. Started on the first file; a crashed worker (a photo too big to read at once)
 * fails only the calls it was running, and the next file gets a fresh worker.
 */
export class IntakeClient {
  private worker: Worker | null = null;
  private api: Remote<IntakeWorkerApi> | null = null;
  private crashed: ((error: Error) => void)[] = [];

  constructor(private readonly createWorker: () => Worker = defaultWorker) {}

  /** Bound, so it can be handed around as a FileInspector. */
  readonly inspect = async (file: Blob): Promise<FileInspection> => {
    const api = this.connect();
    let fail: (error: Error) => void = () => {};
    const crash = new Promise<never>((_, reject) => (fail = reject));
    this.crashed.push(fail);
    try {
      return await Promise.race([api.inspect(file), crash]);
    } finally {
      this.crashed = this.crashed.filter((f) => f !== fail);
    }
  };

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
  }

  private connect(): Remote<IntakeWorkerApi> {
    if (this.api) return this.api;
    const worker = this.createWorker();
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const error = new Error(`the file reader stopped (${(event as ErrorEvent).message || 'unknown error'})`);
      const pending = this.crashed;
      this.crashed = [];
      if (this.worker === worker) this.dispose();
      for (const fail of pending) fail(error);
    });
    this.worker = worker;
    this.api = wrap<IntakeWorkerApi>(worker);
    return this.api;
  }
}

function defaultWorker(): Worker {
  return new Worker(new URL('../../workers/intake.worker.ts', import.meta.url), { type: 'module', name: 'altscribe-intake' });
}
