import type { IntakeWorkerApi } from '../../workers/intake-api';
import type { FileInspection } from '../intake/inspect-file';
import { RestartableWorker } from './restartable-worker';

/**
 * The only code that creates the intake worker, which sniffs and hashes added files off the
 * main thread. Started on the first file; a crashed worker fails only the calls it was running,
 * and the next file gets a fresh worker.
 */
export class IntakeClient {
  private readonly worker: RestartableWorker<IntakeWorkerApi>;

  constructor(createWorker: () => Worker = defaultWorker) {
    this.worker = new RestartableWorker(createWorker, 'the file reader');
  }

  /** Bound, so it can be handed around as a FileInspector. */
  readonly inspect = (file: Blob): Promise<FileInspection> => this.worker.call((api) => api.inspect(file));

  dispose(): void {
    this.worker.dispose();
  }
}

function defaultWorker(): Worker {
  return new Worker(new URL('../../workers/intake.worker.ts', import.meta.url), { type: 'module', name: 'altscribe-intake' });
}
