import type { PreparedPhoto } from '../../../workers/prompt-photo';
import type { PromptPhotoApi } from '../../../workers/prompt-photo.worker';
import { RestartableWorker } from '../restartable-worker';

/**
 * The only code that creates the worker preparing photos for the browser's own model (decode,
 * scale to about 1 MP, thumbnail): started at the first photo, replaced after a crash, so the
 * page's main thread only receives the finished bitmap.
 */
export class PromptPhotoClient {
  private readonly worker: RestartableWorker<PromptPhotoApi>;

  constructor(createWorker: () => Worker = defaultWorker) {
    this.worker = new RestartableWorker(createWorker, 'the photo reader');
  }

  /** Bound, so it can be handed to PromptApiClient as its `prepare`. */
  readonly prepare = (image: Blob, fileName: string): Promise<PreparedPhoto> => this.worker.call((api) => api.prepare(image, fileName));

  dispose(): void {
    this.worker.dispose();
  }
}

function defaultWorker(): Worker {
  return new Worker(new URL('../../../workers/prompt-photo.worker.ts', import.meta.url), { type: 'module', name: 'altscribe-prompt-photo' });
}
