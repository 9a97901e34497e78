import { wrap, type Remote } from 'comlink';
import type { EmbedResult, MetadataWorkerApi } from '../../workers/metadata-api';
import type { AltTextFields } from '../metadata/alt-text-xmp';

/**
 * The only code that creates the metadata worker, which reads, hashes and rewrites photos with
 * their alt-text off the main thread. Started at the first save; a crashed worker (a photo too
 * big to read at once) fails only the calls it was running, and the next photo gets a fresh one.
 */
export class MetadataClient {
  private worker: Worker | null = null;
  private api: Remote<MetadataWorkerApi> | null = null;
  private crashed: ((error: Error) => void)[] = [];

  constructor(private readonly createWorker: () => Worker = defaultWorker) {}

  readonly embed = (file: Blob, fields: AltTextFields, expectedHash?: string): Promise<EmbedResult> => this.call(async (api) => (await api.embed(file, fields, expectedHash)) as EmbedResult);

  readonly altTextOf = (file: Blob): Promise<string | null> => this.call((api) => api.altTextOf(file));

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
  }

  private async call<T>(run: (api: Remote<MetadataWorkerApi>) => Promise<T>): Promise<T> {
    const api = this.connect();
    let fail: (error: Error) => void = () => {};
    const crash = new Promise<never>((_, reject) => (fail = reject));
    this.crashed.push(fail);
    try {
      return await Promise.race([run(api), crash]);
    } finally {
      this.crashed = this.crashed.filter((f) => f !== fail);
    }
  }

  private connect(): Remote<MetadataWorkerApi> {
    if (this.api) return this.api;
    const worker = this.createWorker();
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const error = new Error(`the metadata writer stopped (${(event as ErrorEvent).message || 'unknown error'})`);
      const pending = this.crashed;
      this.crashed = [];
      if (this.worker === worker) this.dispose();
      for (const fail of pending) fail(error);
    });
    this.worker = worker;
    this.api = wrap<MetadataWorkerApi>(worker);
    return this.api;
  }
}

function defaultWorker(): Worker {
  return new Worker(new URL('../../workers/metadata.worker.ts', import.meta.url), { type: 'module', name: 'altscribe-metadata' });
}
