import type { EmbedResult, MetadataWorkerApi } from '../../workers/metadata-api';
import type { AltTextFields } from '../metadata/alt-text-xmp';
import { RestartableWorker } from './restartable-worker';

/**
 * The only code that creates the metadata worker, which reads, hashes and rewrites photos with
 * their alt-text off the main thread. Started at the first save; a crashed worker fails only the
 * calls it was running, and the next photo gets a fresh one.
 */
export class MetadataClient {
  private readonly worker: RestartableWorker<MetadataWorkerApi>;

  constructor(createWorker: () => Worker = defaultWorker) {
    this.worker = new RestartableWorker(createWorker, 'the metadata writer');
  }

  readonly embed = (file: Blob, fields: AltTextFields, expectedHash?: string): Promise<EmbedResult> =>
    this.worker.call(async (api) => (await api.embed(file, fields, expectedHash)) as EmbedResult);

  readonly altTextOf = (file: Blob): Promise<string | null> => this.worker.call((api) => api.altTextOf(file));

  dispose(): void {
    this.worker.dispose();
  }
}

function defaultWorker(): Worker {
  return new Worker(new URL('../../workers/metadata.worker.ts', import.meta.url), { type: 'module', name: 'altscribe-metadata' });
}
